//! Ages inside JSON attribute objects (listmonk's `attributes` column) are read by the
//! minor check on every route (seventh new-user trial, N2), through the binary. README,
//! "The minor check".
//!
//! Expected values by hand, on 2026-11-01 (`Ws::new`) with the default minor age 16:
//! `{"age": 14}` is 14, a minor; 40 and 41 are adults; born 2012-05-01 is 14; birth
//! year 2012 allows 13 or 14; age group `13-17` allows 13 to 17: minors all; born
//! 1980-02-03 is 46; an object without an age key says nothing (no minor, no "age
//! unknown").

mod review_support;

use review_support::*;

/// listmonk's subscriber export (the trial's lm2.csv): the blocklisted row is refused
/// consent, as before.
const LISTMONK: &str = "uuid,email,name,attributes,status,created_at,updated_at\n\
6a1c7b3e-0000-4000-8000-000000000001,kid@example.com,Kid,\"{\"\"age\"\": 14, \"\"city\"\": \"\"Leeds\"\"}\",enabled,2024-01-01 10:00:00.000+00,2024-06-01 10:00:00.000+00\n\
6a1c7b3e-0000-4000-8000-000000000002,ok@example.com,Ok Person,\"{\"\"age\"\": 40, \"\"city\"\": \"\"York\"\"}\",enabled,2024-01-01 10:00:00.000+00,2024-06-01 10:00:00.000+00\n\
6a1c7b3e-0000-4000-8000-000000000003,ok2@example.com,Ok Two,\"{\"\"age\"\": 41,\"\"city\"\": \"\"Hull\"\"}\",enabled,2024-01-01 10:00:00.000+00,2024-06-01 10:00:00.000+00\n\
6a1c7b3e-0000-4000-8000-000000000004,blocked@example.com,Blocked Person,\"{\"\"city\"\": \"\"Leeds\"\"}\",blocklisted,2024-01-01 10:00:00.000+00,2024-06-01 10:00:00.000+00\n";

fn listmonk_outcome() -> Vec<(String, String)> {
    pairs(&[
        ("blocked@example.com", "no_consent"),
        ("kid@example.com", "minor"),
        ("ok2@example.com", "-"),
        ("ok@example.com", "-"),
    ])
}

/// The trial's case: the 14-year-old is excluded as a minor in the preview, and the
/// export (the walk that writes the file) leaves the child out.
#[test]
fn a_listmonk_attributes_age_excludes_the_child() {
    let ws = Ws::new();
    ws.import_csv("lm2.csv", LISTMONK, &["--consent", "email=granted"]);
    assert_eq!(ws.field("attributes")["role"], "age");
    assert_eq!(ws.outcome(EMAIL_EVERYONE, "news"), listmonk_outcome());
    let out = ws.out("sent");
    ws.ok(&["export", "news", "--out", out.to_str().unwrap()]);
    let sent = std::fs::read_to_string(out.join("recipients.csv")).unwrap();
    assert!(sent.contains("ok@example.com"), "{sent}");
    assert!(!sent.contains("kid@example.com"), "{sent}");
}

/// Other keys, cases and a nested object, in a column of another name.
#[test]
fn ages_under_other_keys_and_one_level_deep_are_read() {
    let csv = "email,first_name,custom_fields\n\
        p1@example.com,P1,\"{\"\"Profile\"\": {\"\"DOB\"\": \"\"2012-05-01\"\"}}\"\n\
        p2@example.com,P2,\"{\"\"BIRTH_YEAR\"\": 2012}\"\n\
        p3@example.com,P3,\"{\"\"age_group\"\": \"\"13-17\"\", \"\"plan\"\": \"\"pro\"\"}\"\n\
        p4@example.com,P4,\"{\"\"dateOfBirth\"\": \"\"1980-02-03\"\"}\"\n\
        p5@example.com,P5,\"{\"\"city\"\": \"\"Leeds\"\"}\"\n";
    let ws = Ws::new();
    ws.import_csv("people.csv", csv, &["--consent", "email=granted"]);
    assert_eq!(ws.field("custom_fields")["role"], "age");
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("p1@example.com", "minor"),
            ("p2@example.com", "minor"),
            ("p3@example.com", "minor"),
            ("p4@example.com", "-"),
            ("p5@example.com", "-"),
        ])
    );
    // P5's object holds no age: no "age unknown" blocker.
    let review = ws.json(&["review", "news"], 0);
    let codes: Vec<&str> = (review["findings"].as_array().unwrap().iter())
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(!codes.contains(&"age_unknown"), "{codes:?}");
}

/// Re-import: a later file saying 40 for the child keeps the younger reading, listed
/// under `age_conflicts`; the child stays excluded.
#[test]
fn a_later_older_attributes_age_keeps_the_child_excluded() {
    let ws = Ws::new();
    ws.import_csv("lm2.csv", LISTMONK, &["--consent", "email=granted"]);
    let later = "email,name,attributes\nkid@example.com,Kid,\"{\"\"age\"\": 40, \"\"city\"\": \"\"Leeds\"\"}\"\n";
    let report = ws.import_csv("later.csv", later, &["--consent", "email=granted"]);
    let conflict = &report["age_conflicts"][0];
    assert_eq!(conflict["field"], "attributes");
    assert_eq!(conflict["kept"], "held");
    assert_eq!(conflict["held"], r#"{"age": 14, "city": "Leeds"}"#);
    assert_eq!(ws.outcome(EMAIL_EVERYONE, "news"), listmonk_outcome());
}

/// Trial 9, R5: keys naming a thing's age or an age in days (`warranty_age`,
/// `age_days`, `item_age`) are not the person's age: the column gets no age role,
/// every adult is a recipient and review has no "age unknown" blocker. Before: the
/// 2-year warranty made A a known minor, 400 days blocked review as `age_unknown`.
#[test]
fn ages_of_things_and_in_days_are_not_the_persons() {
    let csv = "email,first_name,meta\n\
        a@example.com,A,\"{\"\"warranty_age\"\": 2}\"\n\
        b@example.com,B,\"{\"\"age_days\"\": 400}\"\n\
        c@example.com,C,\"{\"\"item_age\"\": 5}\"\n";
    let ws = Ws::new();
    ws.import_csv("meta.csv", csv, &["--consent", "email=granted"]);
    assert_ne!(ws.field("meta")["role"], "age");
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("a@example.com", "-"),
            ("b@example.com", "-"),
            ("c@example.com", "-"),
        ])
    );
    let review = ws.json(&["review", "news"], 0);
    let codes: Vec<&str> = (review["findings"].as_array().unwrap().iter())
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(!codes.contains(&"age_unknown"), "{codes:?}");
}
