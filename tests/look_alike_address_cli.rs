//! An address with a part mixing Latin and look-alike letters of another script
//! (`eve@exаmple.com`, Cyrillic `а` U+0430; `ivy@еxample.com`, Cyrillic `е` U+0435)
//! is no address, on both sides (new-user trial 6, G18; README, "Contacts, phone
//! numbers and suppression lists"): an import rejects its row with the line and why,
//! a field holding it is `no_address`, a suppression list refuses it by line, and a
//! refusal recorded on it holds for the Latin address it imitates. Registries refuse
//! such labels (UTS #39), so it is an accident or a spoof. Driven through the
//! `tactful` binary; expected outcomes by hand. On main 92ee044 each test fails: the
//! look-alike was a contact, a recipient and a list entry "added".

mod review_support;

use review_support::{EMAIL_EVERYONE, Ws, pairs};

/// `why` from the reader: the clause every side gives.
const WHY: &str = "mixes letters of two scripts in one part";

/// Contact side, keyed by e-mail: Eve's row (line 2) is rejected naming the letter
/// and the Latin reading; Zed is imported.
#[test]
fn a_look_alike_key_is_rejected_by_line() {
    let ws = Ws::new();
    let file = "Email,First Name,Accepts Email Marketing\n\
                eve@exаmple.com,Eve,yes\nzed@example.com,Zed,yes\n";
    let report = ws.import_csv("customers.csv", file, &[]);
    assert_eq!(report["contacts_total"], 1);
    let rejected = report["rows_rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 1, "{report:#}");
    assert_eq!(rejected[0]["line"], 2);
    let reason = rejected[0]["reason"].as_str().unwrap();
    assert!(reason.contains(WHY), "{reason}");
    assert!(reason.contains("U+0430"), "{reason}");
    assert!(reason.contains("such as eve@example.com"), "{reason}");
}

/// Keyed by customer ID, the look-alike stays in its field as written but is never
/// sent to: `no_address`.
#[test]
fn a_look_alike_in_a_field_is_no_address() {
    let ws = Ws::new();
    let file = "Customer ID,Email,First Name,Accepts Email Marketing\n\
                1,eve@exаmple.com,Eve,yes\n2,zed@example.com,Zed,yes\n";
    ws.import_csv("customers.csv", file, &["--key", "Customer ID"]);
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[("1", "no_address"), ("2", "-")])
    );
    let step = ws.explain_step("news", "1", 3);
    assert!(step.contains(WHY), "{step}");
}

/// List side: the look-alike line is not added; the list is refused whole naming
/// its line and why (exit 1), as any value that is no address.
#[test]
fn a_look_alike_list_entry_is_refused_by_line() {
    let ws = Ws::new();
    let list = ws.write("optouts.txt", "ann@example.com\nivy@еxample.com\n");
    ws.cmd()
        .args(["suppress", &list])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("optouts.txt:2:1"))
        .stderr(predicates::str::contains(WHY))
        .stderr(predicates::str::contains("such as ivy@example.com"));
}

/// Refusal route, keyed by customer ID: customer 1 declined as `eve@exаmple.com`; a
/// later file brings customer 3 as `eve@example.com` saying yes. The refusal holds
/// for the Latin address: both are `no_consent` (assignment order: suppressed, then
/// no consent), Zed is mailed.
#[test]
fn a_refusal_of_a_look_alike_holds_for_the_latin_address() {
    let ws = Ws::new();
    let key = ["--key", "Customer ID"];
    let first = "Customer ID,Email,First Name,Accepts Email Marketing\n\
                 1,eve@exаmple.com,Eve,no\n2,zed@example.com,Zed,yes\n";
    ws.import_csv("first.csv", first, &key);
    let later = "Customer ID,Email,First Name,Accepts Email Marketing\n\
                 3,eve@example.com,Eve,yes\n";
    ws.import_csv("later.csv", later, &key);
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[("1", "no_consent"), ("2", "-"), ("3", "no_consent")])
    );
}
