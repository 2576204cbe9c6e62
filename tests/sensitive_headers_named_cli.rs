//! Session-10 trial F12 and F10, end to end through the binary: a column named by a
//! sensitive value (`Muslim customer`, `Gay`, `Cancer`, `Hispanic`, `Parole`), and
//! sensitive headers in Dutch, German, Portuguese and clinical or abbreviated English
//! (`Godsdienst`, `Kirchensteuermerkmal`, `Schwerbehindert`, `Strafblad`, `Antecedentes
//! criminais`, `handicapped`, `skin_tone`, `HbA1c`, `NI number`), were ordinary: a rule
//! could select by them and an export carry them with no blocker.
//!
//! Expected values by hand from GDPR Art. 9(1) (religion, sexual orientation, health,
//! racial or ethnic origin), Art. 10 (criminal convictions: blocked like special
//! category data, README) and the product's class for government IDs (special
//! category, kind `government_id`, like `National Insurance number`). A yes/no column
//! named by the value says for each contact whether they hold it. False friends: a
//! vegan flag (a weak diet word), `Single purchase`, `Trans date` (a transaction),
//! `Christian Dior`, `Prison Break fan`, `Parish` (UK local government) and `Church
//! Street` stay ordinary.

mod review_support;

use predicates::str::contains;
use review_support::Ws;

const NAMED: &str = "email,first_name,Muslim customer,Gay,Cancer,Hispanic,Parole,Wheelchair user,Vegan,Single purchase,Trans date,Christian Dior,Parish,Church Street,Prison Break fan
m1@example.com,M1,yes,no,yes,no,no,no,yes,yes,2026-01-02,yes,Ash,1,yes
m2@example.com,M2,no,yes,no,yes,yes,yes,no,no,2026-01-03,no,Elm,2,no
";

/// `(class, kind)` of field `name` as `fields --json` gives them.
fn class_kind(ws: &Ws, name: &str) -> (String, String) {
    let f = ws.field(name);
    let s = |v: &serde_json::Value| v.as_str().unwrap_or("-").to_string();
    (s(&f["class"]), s(&f["kind"]))
}

#[test]
fn a_column_named_by_a_sensitive_value_is_that_kind_and_blocked_in_rules() {
    let ws = Ws::new();
    ws.import_csv("named.csv", NAMED, &["--consent", "email=granted"]);
    for (field, kind) in [
        ("muslim_customer", "religion"),
        ("gay", "sexual_orientation"),
        ("cancer", "health"),
        ("hispanic", "ethnicity"),
        ("parole", "criminal_offence"),
        ("wheelchair_user", "health"),
    ] {
        assert_eq!(
            class_kind(&ws, field),
            ("special_category".into(), kind.into()),
            "{field}"
        );
    }
    let reason = ws.field("muslim_customer")["reason"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        reason.starts_with("header word `muslim`, one of the religion terms"),
        "{reason}"
    );
    // The trial's rule is refused, naming the field and how to unlock it.
    ws.cmd()
        .args([
            "segment",
            "add",
            "promo",
            "muslim_customer is true or gay is true",
        ])
        .assert()
        .failure()
        .stderr(contains("muslim_customer"));
    for field in [
        "vegan",
        "single_purchase",
        "trans_date",
        "christian_dior",
        "parish",
        "church_street",
        "prison_break_fan",
    ] {
        assert_eq!(class_kind(&ws, field).0, "ordinary", "{field}");
    }
    ws.ok(&["reach", "vegan is true or single_purchase is true"]);
}

#[test]
fn the_export_refuses_a_column_named_by_a_sensitive_value() {
    let ws = Ws::new();
    ws.import_csv("named.csv", NAMED, &["--consent", "email=granted"]);
    ws.ok(&["segment", "add", "all", "email is not blank"]);
    ws.ok(&["campaign", "new", "c", "--channel", "email"]);
    ws.ok(&[
        "campaign",
        "add",
        "c",
        "all",
        "--subject",
        "Hi",
        "--body",
        "Hello",
    ]);
    let out = ws.out("o");
    ws.cmd()
        .args([
            "export",
            "c",
            "--out",
            out.to_str().unwrap(),
            "--profile",
            "mailchimp",
        ])
        .args([
            "--field",
            "muslim_customer",
            "--reason",
            "partner needs this flag",
        ])
        .assert()
        .failure()
        .stderr(contains("muslim_customer"));
    assert!(!out.join("audience.csv").exists());
}

#[test]
fn sensitive_headers_in_other_languages_and_abbreviations_are_special_category() {
    let ws = Ws::new();
    ws.import_csv(
        "h.csv",
        "email,Godsdienst,Kirchensteuermerkmal,Schwerbehindert,Strafblad,Antecedentes criminais,handicapped,skin_tone,HbA1c,NI number,Voter ID\n\
         g1@example.com,1,rk,ja,nee,nao,no,3,6.1,QQ123456C,1001\n\
         g2@example.com,2,ev,nee,ja,sim,yes,4,5.2,QQ123456D,1002\n",
        &["--consent", "email=granted"],
    );
    for (field, kind) in [
        ("godsdienst", "religion"),
        ("kirchensteuermerkmal", "religion"),
        ("schwerbehindert", "health"),
        ("strafblad", "criminal_offence"),
        ("antecedentes_criminais", "criminal_offence"),
        ("handicapped", "health"),
        ("skin_tone", "ethnicity"),
        ("hb_a1c", "health"),
        ("ni_number", "government_id"),
        ("voter_id", "government_id"),
    ] {
        assert_eq!(
            class_kind(&ws, field),
            ("special_category".into(), kind.into()),
            "{field}"
        );
    }
    ws.cmd()
        .args(["reach", "kirchensteuermerkmal is \"rk\""])
        .assert()
        .failure()
        .stderr(contains("kirchensteuermerkmal"));
}
