//! A file given as a pipe is read once (new-user trial 5, F3): `import /dev/stdin`,
//! `import <(cat file.csv)` and `suppress <(...)` used to fail with "the file has no
//! rows", because the file was read twice and a pipe gives its bytes once. Now the
//! pipe is copied into a private temporary file first, and the report names the path
//! the user gave. README, "Importing".

mod review_support;

use predicates::str::contains;
use review_support::*;

#[test]
fn an_import_from_standard_input_imports_its_rows() {
    let ws = Ws::new();
    // By hand: one header and two rows, both granted by --consent.
    ws.cmd()
        .args(["import", "/dev/stdin", "--consent", "email=granted"])
        .write_stdin("email,first_name\nz@example.com,Zoe\ny@example.com,Yan\n")
        .assert()
        .success()
        .stdout(contains("/dev/stdin"))
        .stdout(contains("rows: 2 read, 2 imported, 0 rejected"));
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("y@example.com", "-"), ("z@example.com", "-")])
    );
    // The batch records the name given and the bytes read (`import undo` works).
    let log = ws.json(&["audit"], 0);
    assert_eq!(log[0]["subject"], "stdin");
    ws.cmd()
        .args(["import", "undo"])
        .assert()
        .success()
        .stdout(contains("2 contacts removed"));
}

#[test]
fn a_suppression_list_from_standard_input_suppresses() {
    let ws = Ws::new();
    ws.import_csv(
        "c.csv",
        "email\nana@example.com\nbo@example.com\n",
        &["--consent", "email=granted"],
    );
    ws.cmd()
        .args(["suppress", "/dev/stdin"])
        .write_stdin("Ana@Example.com\n")
        .assert()
        .success()
        .stdout(contains(
            "/dev/stdin: 1 address added to the suppression list",
        ));
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("ana@example.com", "suppressed"), ("bo@example.com", "-")])
    );
}
