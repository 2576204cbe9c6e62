//! `campaign add --subject-file FILE`, beside `--body-file`, through the `tactful`
//! binary: the subject is the file's one line (a final line break, LF or CRLF, and a
//! leading byte order mark are not part of it); a file that cannot be read or is not
//! UTF-8 is an error naming the part and the file; `--subject` and `--subject-file`
//! together are a usage error. Expected values worked out by hand.

mod review_support;

use predicates::str::contains;
use review_support::*;

fn workspace() -> Ws {
    let ws = Ws::new();
    ws.import_csv(
        "c.csv",
        "email,first_name\nana@example.com,Ana\n",
        &["--consent", "email=granted"],
    );
    ws.ok(&["segment", "add", "all", "email is not blank"]);
    ws.ok(&["campaign", "new", "c", "--channel", "email"]);
    ws
}

fn add(ws: &Ws, args: &[&str]) -> assert_cmd::assert::Assert {
    ws.cmd()
        .args(["campaign", "add", "c", "all"])
        .args(args)
        .assert()
}

#[test]
fn the_subject_comes_from_the_file_without_its_line_break() {
    let ws = workspace();
    let subject = ws.write("subject.txt", "\u{feff}Hello {{ first_name }}\r\n");
    let body = ws.write("body.txt", "Dear {{ first_name }},\nsee you.\n");
    add(&ws, &["--subject-file", &subject, "--body-file", &body]).success();
    assert_eq!(
        ws.preview_column("c", "subject"),
        pairs(&[("ana@example.com", "Hello Ana")])
    );
    assert_eq!(
        ws.preview_column("c", "body"),
        // The rendered body has no trailing line break (as with --body).
        pairs(&[("ana@example.com", "Dear Ana,\nsee you.")])
    );
}

#[test]
fn unreadable_or_non_utf8_files_are_named() {
    let ws = workspace();
    let missing = ws.out("nope.txt");
    let missing = missing.to_str().unwrap();
    add(&ws, &["--subject-file", missing, "--body", "Hi"])
        .code(1)
        .stderr(contains(format!("cannot read subject file {missing}: ")));
    let latin1 = ws.out("latin1.txt");
    std::fs::write(&latin1, b"Caf\xe9").unwrap();
    let latin1 = latin1.to_str().unwrap();
    add(&ws, &["--subject-file", latin1, "--body", "Hi"])
        .code(1)
        .stderr(contains(format!(
            "subject file {latin1} is not UTF-8 text (byte 4 is not valid UTF-8): save it as UTF-8"
        )));
    add(&ws, &["--subject", "S", "--body-file", latin1])
        .code(1)
        .stderr(contains(format!(
            "body file {latin1} is not UTF-8 text (byte 4 is not valid UTF-8)"
        )));
    // Nothing was added.
    let shown = ws.json(&["campaign", "show", "c"], 0);
    assert_eq!(shown["entries"], serde_json::json!([]), "{shown:#}");
}

#[test]
fn subject_and_subject_file_together_are_a_usage_error() {
    let ws = workspace();
    let subject = ws.write("subject.txt", "S\n");
    add(
        &ws,
        &["--subject", "S", "--subject-file", &subject, "--body", "Hi"],
    )
    .code(2);
}
