//! One workspace, one contact key (README, "Importing": the contact key). A trial
//! imported telco-churn's 7,043 customers (no e-mail, no phone: generated row keys),
//! then the same file with `--key customerID`, and held 14,086 contacts. Keying the
//! same people two ways gives one person two contacts with separate consent, so an
//! opt-out could be lost: a differing key is refused, and so is a second file keyed by
//! generated keys (they never merge). Driven through the `tactful` binary on the small
//! files written below; contact counts are those files' rows, counted by hand.

mod review_support;

use predicates::str::contains;
use review_support::Ws;

const IDS: &str = "customerID,Contract\n7590-VHVEG,Month-to-month\n5575-GNVDE,One year\n";
/// The same two customers, one contract changed: another file, other generated keys.
const IDS_LATER: &str = "customerID,Contract\n7590-VHVEG,Two year\n5575-GNVDE,One year\n";
const EMAILS: &str = "email,first_name\nana@example.com,Ana\nbo@example.com,Bo\n";

/// `(reach, audience)` of a rule every contact matches.
fn audience(ws: &Ws) -> u64 {
    let r = ws.json(&["reach", "contract is not blank or contract is blank"], 0);
    r["audience"].as_u64().unwrap()
}

#[test]
fn generated_keys_then_an_id_key_is_refused_naming_both_keys() {
    let ws = Ws::new();
    let ids = ws.write("telco.csv", IDS);
    let r = ws.json(&["import", &ids], 0);
    assert_eq!(r["key"], "generated");
    ws.cmd()
        .args(["import", &ids, "--key", "customerID"])
        .assert()
        .code(1)
        .stderr(contains("generated row keys"))
        .stderr(contains("field `customer_id`"))
        .stderr(contains("tactful import undo"));
    assert_eq!(audience(&ws), 2);
    // After undoing, the file can be keyed by its ID, and a re-import merges.
    ws.ok(&["import", "undo"]);
    ws.ok(&["import", &ids, "--key", "customerID"]);
    let later = ws.write("telco_later.csv", IDS_LATER);
    ws.ok(&["import", &later, "--key", "customerID"]);
    assert_eq!(audience(&ws), 2);
}

#[test]
fn the_same_file_again_with_generated_keys_updates_its_contacts() {
    let ws = Ws::new();
    let ids = ws.write("telco.csv", IDS);
    ws.ok(&["import", &ids]);
    ws.ok(&["import", &ids]);
    assert_eq!(audience(&ws), 2);
}

#[test]
fn another_file_with_generated_keys_is_refused_instead_of_doubling() {
    let ws = Ws::new();
    ws.ok(&["import", &ws.write("telco.csv", IDS)]);
    ws.cmd()
        .args(["import", &ws.write("telco_later.csv", IDS_LATER)])
        .assert()
        .code(1)
        .stderr(contains("already holds 2 contacts from another file"))
        .stderr(contains("held twice"))
        .stderr(contains("--key FIELD"));
    assert_eq!(audience(&ws), 2);
}

#[test]
fn an_e_mail_workspace_refuses_a_file_without_e_mail_or_phone() {
    let ws = Ws::new();
    ws.ok(&["import", &ws.write("people.csv", EMAILS)]);
    ws.cmd()
        .args(["import", &ws.write("telco.csv", IDS)])
        .assert()
        .code(1)
        .stderr(contains("keys its contacts by e-mail address"))
        .stderr(contains(
            "would key them by generated row keys (this file had no e-mail or phone column",
        ))
        .stderr(contains("tactful suppress FILE"));
    ws.cmd()
        .args([
            "import",
            &ws.write("telco2.csv", IDS),
            "--key",
            "customerID",
        ])
        .assert()
        .code(1)
        .stderr(contains("field `customer_id`"));
}
