//! A stray quote paired with a later one (new-user trial 10, F1): the rows between,
//! Cy's `unsubscribed` among them, were read into Ann's first name with only a
//! warning, so Cy stayed granted and Ann's message carried Cy's address. The import
//! now fails where the quote opened, and the workspace stays as it was.

use std::path::Path;

use assert_cmd::Command;
use tactful::workspace::Workspace;

fn tactful(ws: &Path) -> Command {
    let mut c = Command::cargo_bin("tactful").unwrap();
    c.arg("--workspace").arg(ws).env("TACTFUL_ACTOR", "tester");
    c
}

fn rows(ws: &Path, sql: &str) -> Vec<String> {
    let ws = Workspace::open(ws).unwrap();
    let mut st = ws.conn().prepare(sql).unwrap();
    st.query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// `"Ann,yes` opens at line 2, column 17 (`ann@example.com,` is 16 characters); lines
/// 3, 4 and 5 have the header's two commas and no quote; the quote closes on line 5
/// (`foo@example.com,Foo"`), so the lines between that look like records are 3 and 4
/// (line 5 holds the closing quote). Nothing of the file gets in: one batch, Cy still
/// granted, Ann's first name still `Ann`.
#[test]
fn a_quote_running_over_whole_records_fails_the_import() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    let base = dir.path().join("base.csv");
    std::fs::write(
        &base,
        "Email,First Name,Accepts Email Marketing\nann@example.com,Ann,yes\ncy@example.com,Cy,yes\neve@example.com,Eve,yes\n",
    )
    .unwrap();
    tactful(&ws).arg("import").arg(&base).assert().success();
    let before = rows(
        &ws,
        "SELECT _key || ' ' || coalesce(first_name, '') || ' ' || coalesce(_consent_email, '') FROM contacts ORDER BY _key",
    );
    assert_eq!(
        before,
        [
            "ann@example.com Ann granted",
            "cy@example.com Cy granted",
            "eve@example.com Eve granted"
        ]
    );
    let swallow = dir.path().join("swallow.csv");
    std::fs::write(
        &swallow,
        "Email,First Name,Accepts Email Marketing\nann@example.com,\"Ann,yes\ncy@example.com,Cy,unsubscribed\neve@example.com,Eve,yes\nfoo@example.com,Foo\",yes\n",
    )
    .unwrap();
    let out = tactful(&ws).arg("import").arg(&swallow).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("swallow.csv failed"), "{err}");
    assert!(
        err.contains("a quote opened at line 2, column 17 closes only on line 5, so the lines between, 2 of which look like whole records"),
        "{err}"
    );
    assert_eq!(
        rows(&ws, "SELECT CAST(count(*) AS TEXT) FROM import_batches"),
        ["1"]
    );
    assert_eq!(
        rows(
            &ws,
            "SELECT _key || ' ' || coalesce(first_name, '') || ' ' || coalesce(_consent_email, '') FROM contacts ORDER BY _key",
        ),
        before
    );
}

/// The same stray quote in a suppression list would have left Cy's line unread; the
/// list is refused the same way and nothing is added to it.
#[test]
fn a_quote_running_over_whole_records_fails_the_suppression_list() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    let list = dir.path().join("list.csv");
    std::fs::write(
        &list,
        "Email,Reason\nann@example.com,\"asked\ncy@example.com,bounced\ndee@example.com,asked\nzed@example.com,x\"\n",
    )
    .unwrap();
    let out = tactful(&ws).arg("suppress").arg(&list).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("a quote opened at line 2, column 17 closes only on line 5"),
        "{err}"
    );
}
