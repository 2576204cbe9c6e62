//! A suppression list from which not one address can be read is an error, not "0
//! addresses added" with exit 0 (PRODUCT.md: never "success, 0 imported"; new-user
//! trial, session 10, F18): the file is named, the values not read are listed by line,
//! a first line taken as the header is said, and nothing is written (no audit entry).
//! A list with some values read adds those and warns about the rest. README,
//! "Contacts, phone numbers and suppression lists".

mod review_support;

use predicates::prelude::*;
use review_support::*;

/// The audit log's entries, as JSON.
fn audit(ws: &Ws) -> Vec<serde_json::Value> {
    ws.json(&["audit"], 0)
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn refused(ws: &Ws, name: &str, text: &str, parts: &[&str]) {
    let list = ws.write(name, text);
    let mut assert = ws.cmd().args(["suppress", &list]).assert().code(1);
    for part in parts {
        assert = assert.stderr(predicate::str::contains(*part));
    }
}

#[test]
fn a_list_with_no_address_is_an_error_naming_the_file_and_writes_nothing() {
    let ws = Ws::new();
    ws.ok(&["import", &ws.write("c.csv", "email\nana@example.com\n")]);
    let before = audit(&ws).len();
    assert_eq!(before, 1, "the import is on record");
    // A header and blank lines: nothing to read at all.
    refused(
        &ws,
        "blank.txt",
        "email\n\n\n",
        &["blank.txt: no e-mail address or phone number could be read"],
    );
    // By hand: `hello world` is taken as the header (line 1); `foo` on line 2 is neither
    // an address nor a number.
    refused(
        &ws,
        "words.txt",
        "hello world\nfoo\n",
        &[
            "words.txt: no e-mail address or phone number",
            "line 1 was read as the header: hello world",
            "line 2, column hello world: neither an e-mail address nor a phone number",
        ],
    );
    // An empty file names itself too.
    refused(&ws, "empty.csv", "", &["empty.csv: the file has no rows"]);
    assert_eq!(
        audit(&ws).len(),
        before,
        "a refused list was written to the log"
    );
}

/// Accepted with a reason; without one such a list is refused
/// (tests/suppress_partial_cli.rs).
#[test]
fn a_list_with_some_values_read_adds_them_and_warns_about_the_rest() {
    let ws = Ws::new();
    let list = ws.write("mixed.txt", "ana@example.com\nnot-an-address\n");
    let reason = "line 2 is a placeholder, not an opt-out";
    ws.cmd()
        .args(["suppress", &list, "--accept-unread", "--reason", reason])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "1 address added to the suppression list",
        ))
        .stdout(predicate::str::contains(
            "warning: 1 value not added: not suppressed until added again",
        ))
        .stdout(predicate::str::contains(
            "line 2, field 1: neither an e-mail address nor a phone number",
        ));
}
