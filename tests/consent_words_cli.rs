//! A consent column is read with the consent vocabulary whatever type its field was
//! given (README, "Consent rules"). `first.csv` says yes/no, so `email_opt_in` becomes
//! a boolean consent field; `later.csv` holds Mailchimp member statuses for the same
//! column, which a trial saw refused whole ("holds text values, but field is
//! boolean"). Now Bo's `unsubscribed` is a withdrawal and Cy's `cleaned` a bounce; a
//! value that is no consent word is refused naming file, line and column. Expected
//! states worked out by hand from the merge rules (README, "Consent rules").

mod review_support;

use predicates::str::contains;
use review_support::{EMAIL_EVERYONE, Ws};

const FIRST: &str = "email,email_opt_in\n\
ana@example.com,yes\n\
bo@example.com,yes\n\
cy@example.com,no\n";
const LATER: &str = "email,email_opt_in\n\
ana@example.com,subscribed\n\
bo@example.com,unsubscribed\n\
cy@example.com,cleaned\n";
const BAD: &str = "email,email_opt_in\n\
ana@example.com,yes\n\
dee@example.com,maybe later\n";

fn field_type(ws: &Ws, name: &str) -> (String, String) {
    let fields = ws.json(&["fields"], 0);
    let f = fields
        .as_array()
        .or_else(|| fields["fields"].as_array())
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap()
        .clone();
    (
        f["type"].as_str().unwrap().to_string(),
        f["role"].as_str().unwrap().to_string(),
    )
}

#[test]
fn member_statuses_in_a_yes_no_consent_field_are_read_as_consent() {
    let ws = Ws::new();
    ws.ok(&["import", &ws.write("first.csv", FIRST)]);
    assert_eq!(
        field_type(&ws, "email_opt_in"),
        ("boolean".to_string(), "consent_email".to_string())
    );
    ws.ok(&["import", &ws.write("later.csv", LATER)]);
    assert_eq!(ws.email_consent("ana@example.com")["state"], "granted");
    assert_eq!(ws.email_consent("bo@example.com")["state"], "withdrawn");
    assert_eq!(ws.email_consent("cy@example.com")["state"], "bounced");
    // The field keeps its type; its values follow the words.
    assert_eq!(field_type(&ws, "email_opt_in").0, "boolean");
    ws.apply(EMAIL_EVERYONE);
    let p = ws.json(&["preview", "news", "--format", "json"], 0);
    let rows: Vec<(String, String)> = p["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |v: &serde_json::Value| v.as_str().unwrap_or("-").to_string();
            (s(&r["key"]), s(&r["excluded"]))
        })
        .collect();
    let want = [
        ("ana@example.com", "-"),
        ("bo@example.com", "no_consent"),
        ("cy@example.com", "no_consent"),
    ]
    .map(|(a, b)| (a.to_string(), b.to_string()));
    assert_eq!(rows, want);
}

#[test]
fn a_value_that_is_no_consent_word_is_refused_with_file_line_and_column() {
    let ws = Ws::new();
    ws.ok(&["import", &ws.write("first.csv", FIRST)]);
    ws.cmd()
        .args(["import", &ws.write("bad.csv", BAD)])
        .assert()
        .code(1)
        .stderr(contains(
            "bad.csv, line 3, column `email_opt_in`: `maybe later` is not a consent value",
        ))
        .stderr(contains("tactful suppress FILE"));
    // Nothing of the refused file was imported.
    ws.cmd()
        .args(["contact", "show", "dee@example.com"])
        .assert()
        .failure();
    assert_eq!(ws.email_consent("ana@example.com")["state"], "granted");
}
