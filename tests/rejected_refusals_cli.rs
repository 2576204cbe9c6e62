//! A row the reader rejects (wrong field count, a NUL byte, text after a closing
//! quote) that carries a refusal stops the import, nothing imported, instead of being
//! listed as rejected while the import goes on (new-user trial, session 8: the refusal
//! was dropped with the row and the person messaged).

mod review_support;

use review_support::{BOTH_GRANTED, Ws};

/// Import `csv` as `people.csv` with `extra`, expecting exit 1; stderr.
fn refused(ws: &Ws, csv: &[u8], extra: &[&str]) -> String {
    let file = ws.dir.path().join("people.csv");
    std::fs::write(&file, csv).unwrap();
    let out = ws
        .cmd()
        .arg("import")
        .arg(&file)
        .args(extra)
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    String::from_utf8(out).unwrap()
}

/// Nothing was imported: the workspace holds no contact (b's row was fine).
fn nothing_imported(ws: &Ws) {
    ws.cmd()
        .args(["contact", "show", "b@example.com"])
        .assert()
        .failure();
}

/// An unquoted comma in the name gives line 2 four fields for three headers; its
/// `no` (field 4) is what `Accepts SMS Marketing` reads as declined.
#[test]
fn a_shifted_row_with_a_no_stops_the_import() {
    let ws = Ws::new();
    let err = refused(
        &ws,
        b"email,name,Accepts SMS Marketing\na@example.com,Smith, Ann,no\nb@example.com,Bo,yes\n",
        &[],
    );
    assert!(
        err.contains(
            "people.csv, line 2, column `Accepts SMS Marketing`: the row says sms declined"
        ),
        "{err}"
    );
    assert!(err.contains("field 4 holds `no`"), "{err}");
    nothing_imported(&ws);
}

/// A NUL byte in the name rejects line 3; its `unsubscribed` column says yes.
#[test]
fn a_damaged_row_that_unsubscribes_stops_the_import() {
    let ws = Ws::new();
    let err = refused(
        &ws,
        b"email,name,unsubscribed\nb@example.com,Bo,no\na@example.com,A\0na,yes\n",
        &BOTH_GRANTED,
    );
    assert!(
        err.contains("people.csv, line 3, column `unsubscribed`: the row says"),
        "{err}"
    );
    assert!(err.contains("withdrawn"), "{err}");
    nothing_imported(&ws);
}

/// Text after a closing quote rejects line 2 (RFC 4180); its `Accepts Email
/// Marketing` is `no`.
#[test]
fn a_row_with_a_stray_quote_that_refuses_stops_the_import() {
    let ws = Ws::new();
    let err = refused(
        &ws,
        b"email,name,Accepts Email Marketing\na@example.com,\"Ann\" Smith,no\nb@example.com,Bo,yes\n",
        &[],
    );
    assert!(
        err.contains(
            "people.csv, line 2, column `Accepts Email Marketing`: the row says email declined"
        ),
        "{err}"
    );
    nothing_imported(&ws);
}

/// A file imported as a list of withdrawals (`--consent email=withdrawn`): every row
/// refuses, so its shifted line 2 does too.
#[test]
fn a_rejected_row_of_a_withdrawn_file_stops_the_import() {
    let ws = Ws::new();
    let err = refused(
        &ws,
        b"email,name\na@example.com,Smith, Ann\nb@example.com,Bo\n",
        &["--consent", "email=withdrawn"],
    );
    assert!(
        err.contains("people.csv, line 2, column `email`: the row says email withdrawn"),
        "{err}"
    );
    nothing_imported(&ws);
}

/// A rejected row that refuses nothing is still listed and the rest imported: only
/// a refusal stops the import.
#[test]
fn a_rejected_row_without_a_refusal_is_listed() {
    let ws = Ws::new();
    let file = ws.write(
        "people.csv",
        "email,name,Accepts SMS Marketing\na@example.com,Smith, Ann,yes\nb@example.com,Bo,yes\n",
    );
    let report = ws.json(&["import", &file], 0);
    let rejected = report["rows_rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 1, "{report}");
    assert_eq!(rejected[0]["line"], 2);
    ws.ok(&["contact", "show", "b@example.com"]);
}
