//! A suppression list applied in part must not look like success (session 12, promise
//! 1): a list some of whose values cannot be read is refused, exit 1, nothing added,
//! each value named as `file:line:field`, unless the user accepts it with a written
//! reason (`--accept-unread --reason`, as `--accept-consent-upgrades` needs
//! `--upgrade-reason`); a workbook of several sheets read without `--sheet` is refused
//! naming its sheets, and a workbook of one sheet says which sheet was read. README,
//! "Contacts, phone numbers and suppression lists".

mod review_support;

use predicates::prelude::*;
use predicates::str::contains;
use review_support::*;

/// The audit log's entries, as JSON.
fn audit(ws: &Ws) -> Vec<serde_json::Value> {
    ws.json(&["audit"], 0)
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// The preview's exclusion of each contact in campaign `news` to everyone.
fn outcome(ws: &Ws) -> Vec<(String, String)> {
    ws.outcome(EMAIL_EVERYONE, "news")
}

#[test]
fn a_list_with_a_value_not_read_is_refused_whole_and_names_file_line_and_field() {
    let ws = Ws::new();
    ws.import_csv(
        "c.csv",
        "email\nana@example.com\nbo@example.com\n",
        &["--consent", "email=granted"],
    );
    let before = audit(&ws).len();
    // By hand: line 1 is the header; line 3's `not-an-address` in field 1 (column
    // email) is neither an address nor a number; ana (line 2) and bo (line 4) are.
    let list = ws.write(
        "l.csv",
        "email\nana@example.com\nnot-an-address\nbo@example.com\n",
    );
    ws.cmd()
        .args(["suppress", &list])
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("1 value could not be read"))
        .stderr(contains("nothing was added to the suppression list"))
        .stderr(contains(format!(
            "{list}:3:1: column email: neither an e-mail address nor a phone number"
        )))
        .stderr(contains("--accept-unread --reason"));
    // Nothing written: no audit entry, and Ana and Bo are still sent to.
    assert_eq!(audit(&ws).len(), before);
    assert_eq!(
        outcome(&ws),
        [
            ("ana@example.com".to_string(), "-".to_string()),
            ("bo@example.com".to_string(), "-".to_string()),
        ]
    );
}

#[test]
fn a_row_out_of_line_that_gives_no_address_refuses_the_list_too() {
    let ws = Ws::new();
    // By hand: line 3 has 3 fields under a 2-field header; none of `Smith`, ` Ann`,
    // `x` is an address, so the row's opt-out (if any) is lost.
    let list = ws.write("r.csv", "email,name\nana@example.com,Ana\nSmith, Ann,x\n");
    ws.cmd()
        .args(["suppress", &list])
        .assert()
        .code(1)
        .stderr(contains(format!("{list}:3:")))
        .stderr(contains("every field was searched for addresses: 0 found"));
    // A fresh workspace is not left behind by a refused list.
    assert!(!ws.path.exists());
}

#[test]
fn accepting_the_values_not_read_needs_a_reason_and_is_on_record() {
    let ws = Ws::new();
    let list = ws.write("l.txt", "ana@example.com\nsee attached\n");
    // The flag needs its reason (a usage error), and a reason that says nothing is
    // refused; neither adds anything.
    ws.cmd()
        .args(["suppress", &list, "--accept-unread"])
        .assert()
        .code(2);
    ws.cmd()
        .args(["suppress", &list, "--accept-unread", "--reason", "ok"])
        .assert()
        .code(1)
        .stderr(contains("the --accept-unread reason"));
    let reason = "line 2 is a note from the shop, not anyone's address";
    ws.cmd()
        .args(["suppress", &list, "--accept-unread", "--reason", reason])
        .assert()
        .success()
        .stdout(contains("1 address added to the suppression list"))
        .stdout(contains(
            "line 2, field 1: neither an e-mail address nor a phone number",
        ))
        .stdout(contains(format!(
            "accepted with --accept-unread (recorded in the audit log): {reason}"
        )));
    let log = audit(&ws);
    let entry = log.iter().find(|e| e["action"] == "suppress").unwrap();
    assert_eq!(entry["detail"]["accepted_unread"], reason);
    assert_eq!(entry["detail"]["skipped"], 1);
    let json = ws.json(
        &["suppress", &list, "--accept-unread", "--reason", reason],
        0,
    );
    assert_eq!(json["accepted"], reason);
    assert_eq!(
        (json["added"].as_u64(), json["already_present"].as_u64()),
        (Some(0), Some(1))
    );
}

#[test]
fn a_list_read_whole_needs_no_acceptance() {
    let ws = Ws::new();
    let list = ws.write("ok.csv", "email\nana@example.com\n\n+44 7700 900123\n");
    let json = ws.json(&["suppress", &list], 0);
    assert_eq!(json["added"], 2);
    // The report says nothing was accepted (`accepted` is null, not absent).
    assert_eq!(
        json.get("accepted"),
        Some(&serde_json::Value::Null),
        "{json}"
    );
}

#[test]
fn a_workbook_of_several_sheets_needs_sheet_and_one_sheet_is_named() {
    let ws = Ws::new();
    let book = fixture("shop_book.xlsx");
    let book = book.to_str().unwrap();
    ws.cmd()
        .args(["suppress", book])
        .assert()
        .code(1)
        .stderr(contains(
            "the workbook has several sheets (`Customers`, `Unsubscribed`)",
        ))
        .stderr(contains("run again with --sheet NAME"));
    assert!(
        !ws.path.exists(),
        "a refused workbook created the workspace"
    );
    // customers.ods has the one sheet `Kunden`.
    let ods = fixture("customers.ods");
    ws.cmd()
        .args(["suppress", ods.to_str().unwrap()])
        .assert()
        .success()
        .stdout(contains("sheet `Kunden` read (the workbook's only sheet)"));
    let json = ws.json(&["suppress", ods.to_str().unwrap()], 0);
    assert_eq!(json["sheet"], "Kunden");
    // Named with --sheet, a sheet of several is read and named.
    ws.cmd()
        .args(["suppress", book, "--sheet", "Unsubscribed"])
        .assert()
        .success()
        .stdout(contains("sheet `Unsubscribed` read\n"))
        .stdout(contains("only sheet").not());
}
