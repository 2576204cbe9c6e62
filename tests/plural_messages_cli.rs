//! Counts in the messages of `export`, `import undo` and `suppress` agree with their
//! noun ("1 contact removed", "2 values not added"), where they said "contact(s)"
//! (second new-user trial). Through the binary, with one-row inputs written here, so
//! every count is 1 by construction.

mod review_support;

use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use review_support::*;

#[test]
fn export_and_import_undo_count_one_in_the_singular() {
    let ws = Ws::new();
    let path = ws.write(
        "one.csv",
        "email,first_name,accepts_email_marketing\nana@example.com,Ana,yes\n",
    );
    ws.ok(&["import", &path]);
    ws.apply(EMAIL_EVERYONE);
    let out = ws.out("x");
    ws.cmd()
        .args(["export", "news", "--out", out.to_str().unwrap()])
        .assert()
        .success()
        .stdout(contains("Exported 1 recipient to "))
        .stdout(contains("(s)").not());
    // The batch brought the contact and its three columns, and nothing else (the
    // names come newest first; the order is not the point here).
    ws.cmd()
        .args(["import", "undo"])
        .assert()
        .success()
        .stdout(contains(
            "1 contact removed, 0 restored, 3 fields removed (",
        ))
        .stdout(contains("email").and(contains("first_name")))
        .stdout(contains("accepts_email_marketing"))
        .stdout(contains("(s)").not());
}

/// Ana declined e-mail in the file: undoing the import keeps that refusal on record.
#[test]
fn one_refusal_kept_by_an_undo_is_singular() {
    let ws = Ws::new();
    let path = ws.write(
        "one.csv",
        "email,accepts_email_marketing\nana@example.com,no\n",
    );
    ws.ok(&["import", &path]);
    ws.cmd()
        .args(["import", "undo"])
        .assert()
        .success()
        .stdout(contains(
            "1 refusal of removed contacts stays on record: importing those people again keeps them declined, withdrawn or bounced",
        ))
        .stdout(contains("(s)").not());
}

/// One national number and no region: one number kept without a region, on one line;
/// one value (`unknown`) not added.
#[test]
fn suppress_counts_one_in_the_singular() {
    let ws = Ws::new();
    let list = ws.write("optouts.csv", "phone\n07700 900123\nunknown\n");
    // `unknown` is accepted with a reason (a list read in part is refused otherwise).
    ws.cmd()
        .args(["suppress", &list])
        .args(["--accept-unread", "--reason", "unknown is a placeholder, not a number"])
        .assert()
        .success()
        .stdout(contains(
            "optouts.csv: 1 address added to the suppression list, 0 already on it (1 entry in total)",
        ))
        .stdout(contains(
            "note: 1 phone number written without a country code and no region is known (line 2): it is kept as written and suppressed in every region, against any contact whose number it could be; run again with --region CC",
        ))
        .stdout(contains("1 value not added:"))
        .stdout(contains("(s)").not());
}

/// Review and sign-off of a one-contact campaign whose message prints nothing for
/// Ana's blank first name: one recipient gets nothing, one blocker is open (the
/// library's own refusal is checked in `review::tests`).
#[test]
fn review_and_sign_off_count_one_in_the_singular() {
    let ws = Ws::new();
    let path = ws.write(
        "one.csv",
        "email,first_name,accepts_email_marketing\nana@example.com,,yes\nbo@example.com,Bo,no\n",
    );
    ws.ok(&["import", &path]);
    ws.apply(&EMAIL_EVERYONE.replace("body = \"Hello\"", "body = \"Hello {{ first_name }}\""));
    let review = ws.json(&["review", "news"], 3);
    assert_eq!(
        finding(&review, "merge_field_blank")["items"],
        serde_json::json!(["segment `everyone`: 1 recipient gets nothing for first_name"])
    );
    assert_eq!(
        finding(&review, "exclusion_counts")["message"],
        "audience 2 = 1 recipient + 1 excluded"
    );
    ws.cmd()
        .args(["review", "news", "--sign-off", "Rita", "--note", "checked"])
        .assert()
        .failure()
        .stderr(contains(
            "1 blocker open in the review of `news`; sign-off refused",
        ))
        .stderr(contains("(s)").not());
}

/// Nobody can receive a campaign whose only contact declined e-mail.
#[test]
fn an_audience_of_one_excluded_is_said_in_the_singular() {
    let ws = Ws::new();
    let path = ws.write(
        "one.csv",
        "email,accepts_email_marketing\nana@example.com,no\n",
    );
    ws.ok(&["import", &path]);
    ws.apply(EMAIL_EVERYONE);
    let review = ws.json(&["review", "news"], 0);
    let message = finding(&review, "no_recipients")["message"]
        .as_str()
        .unwrap();
    assert!(
        message.starts_with(
            "nobody can receive this campaign: the one contact of the audience is excluded;"
        ),
        "{message}"
    );
    assert_eq!(
        finding(&review, "exclusion_counts")["message"],
        "audience 1 = 0 recipients + 1 excluded"
    );
}
