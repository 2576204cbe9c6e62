//! A later file's `E-mail`, `Email Address`, `Phone Number` fill the workspace's
//! `email` and `phone` instead of new fields beside them (session 8 trial), end to end
//! through the `tactful` binary: the file's contacts get their address where campaigns
//! read it, merge by it, and the file's consent column applies to them. Columns that
//! are other fields keep their own.
//!
//! Expected outcomes worked out by hand from README "Campaigns" (exclusion order
//! suppressed, no_consent, minor, no_address, ..., no_segment): the first file grants
//! e-mail consent to a and b; the second says `no` for b (declined: no_consent) and
//! `yes` for the new c (granted: a recipient, `-`, when its address is in `email`).

mod review_support;

use review_support::*;
use serde_json::Value;

const FIRST: &str = "email,phone,first_name
a@example.com,+447700900111,A
b@example.com,+447700900112,B
";

/// `(header, field, by)` of each entry of a report's `mapping`.
fn mapping(report: &Value) -> Vec<(String, String, String)> {
    let s = |v: &Value| v.as_str().unwrap().to_string();
    let m = report["mapping"].as_array().unwrap().iter();
    m.map(|m| (s(&m["header"]), s(&m["field"]), s(&m["by"])))
        .collect()
}

#[test]
fn a_later_files_e_mail_and_phone_number_fill_the_stored_fields() {
    let ws = Ws::new();
    ws.import_csv("first.csv", FIRST, &["--consent", "email=granted"]);
    let second = "E-mail,Phone Number,First Name,Accepts Email Marketing
b@example.com,+447700900112,Bee,no
c@example.com,+447700900113,C,yes
";
    let report = ws.import_csv("second.csv", second, &[]);
    assert_eq!(report["key"], "email");
    assert_eq!(report["contacts_added"], 1);
    assert_eq!(report["contacts_updated"], 1);
    let spelled = |h: &str, f: &str| (h.to_string(), f.to_string(), "spelling".to_string());
    assert_eq!(
        mapping(&report),
        [spelled("E-mail", "email"), spelled("Phone Number", "phone")]
    );
    assert_eq!(
        ws.field_names(),
        ["email", "phone", "first_name", "accepts_email_marketing"]
    );
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("a@example.com", "-"),
            ("b@example.com", "no_consent"),
            ("c@example.com", "-"),
        ])
    );
}

#[test]
fn the_rule_reads_names_alone_so_email_after_e_mail_fills_e_mail() {
    let ws = Ws::new();
    let first = "E-Mail Address,Telephone\na@example.com,+447700900111\n";
    ws.import_csv("first.csv", first, &["--consent", "email=granted"]);
    assert_eq!(ws.field_names(), ["e_mail_address", "telephone"]);
    let second = "email,phone\nb@example.com,+447700900112\n";
    let report = ws.import_csv("second.csv", second, &["--consent", "email=granted"]);
    assert_eq!(report["contacts_added"], 1);
    assert_eq!(ws.field_names(), ["e_mail_address", "telephone"]);
}

#[test]
fn columns_that_are_other_fields_keep_their_own_names() {
    let ws = Ws::new();
    ws.import_csv("first.csv", FIRST, &["--consent", "email=granted"]);
    // Another address, another number, and a second spelling of e-mail in a file that
    // has its own `email` column: three new fields, and a warning for `E-mail`.
    let second = "email,E-mail,Work Email,Mobile
c@example.com,c2@example.com,c@work.example,+447700900113
";
    let report = ws.import_csv("second.csv", second, &["--consent", "email=granted"]);
    assert_eq!(mapping(&report), Vec::<(String, String, String)>::new());
    assert_eq!(
        ws.field_names(),
        [
            "email",
            "phone",
            "first_name",
            "e_mail",
            "work_email",
            "mobile"
        ]
    );
    let said = warnings(&report);
    assert!(
        said.iter().any(|w| w
            == "column E-mail stays field e_mail: its spelling would put it into email, which column email fills"),
        "{said:#?}"
    );
}
