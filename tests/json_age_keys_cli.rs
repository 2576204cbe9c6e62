//! Which JSON attribute keys give the person's age, and ages in name/value arrays
//! (ninth new-user trial, item 3 and L-N2a), through the binary. README, "The minor
//! check".
//!
//! Expected values by hand, on 2026-11-01 (`Ws::new`) with the default minor age 16:
//! 14 and 15 are minors, 40 an adult; born 2012-05-01 or 2012-03-01 is 14; birth year
//! 2012 allows 13 or 14: minors all. A warranty's age says nothing of the person.

mod review_support;

use review_support::*;

/// Keys that name the person's age with a word the earlier allow-list did not know
/// (`participant_`, `_at_signup`) and spellings of a birth date or year (on main the
/// first two were not read: P1 and P2 were mailed).
#[test]
fn keys_naming_the_persons_age_are_read() {
    let csv = "email,first_name,custom_fields\n\
        p1@example.com,P1,\"{\"\"participant_age\"\": 14}\"\n\
        p2@example.com,P2,\"{\"\"age_at_signup\"\": 15, \"\"plan\"\": \"\"pro\"\"}\"\n\
        p3@example.com,P3,\"{\"\"DOB\"\": \"\"2012-05-01\"\"}\"\n\
        p4@example.com,P4,\"{\"\"yearOfBirth\"\": 2012}\"\n\
        p5@example.com,P5,\"{\"\"participant_age\"\": 40}\"\n\
        p6@example.com,P6,\"{\"\"warranty_age\"\": 2, \"\"customer_age\"\": 40}\"\n";
    let ws = Ws::new();
    ws.import_csv("people.csv", csv, &["--consent", "email=granted"]);
    assert_eq!(ws.field("custom_fields")["role"], "age");
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("p1@example.com", "minor"),
            ("p2@example.com", "minor"),
            ("p3@example.com", "minor"),
            ("p4@example.com", "minor"),
            ("p5@example.com", "-"),
            ("p6@example.com", "-"),
        ])
    );
}

/// L-N2a: `[{"name":"age","value":14}]` and `[{"key":"dob","value":"2012-03-01"}]`
/// are read on import, preview, export, explain, re-import and undo (on main the
/// column stayed ordinary and both children were mailed).
#[test]
fn name_value_arrays_are_read_on_every_route() {
    let csv = "email,first_name,attributes\n\
        kid@example.com,Kid,\"[{\"\"name\"\":\"\"age\"\",\"\"value\"\":14}]\"\n\
        dob@example.com,Dob,\"[{\"\"key\"\":\"\"dob\"\",\"\"value\"\":\"\"2012-03-01\"\"}]\"\n\
        ok@example.com,Ok,\"[{\"\"name\"\":\"\"age\"\",\"\"value\"\":40},{\"\"name\"\":\"\"city\"\",\"\"value\"\":\"\"Leeds\"\"}]\"\n";
    let expected = pairs(&[
        ("dob@example.com", "minor"),
        ("kid@example.com", "minor"),
        ("ok@example.com", "-"),
    ]);
    let ws = Ws::new();
    ws.import_csv("nv.csv", csv, &["--consent", "email=granted"]);
    assert_eq!(ws.field("attributes")["role"], "age");
    assert_eq!(ws.outcome(EMAIL_EVERYONE, "news"), expected);

    let out = ws.out("sent");
    ws.ok(&["export", "news", "--out", out.to_str().unwrap()]);
    let sent = std::fs::read_to_string(out.join("recipients.csv")).unwrap();
    assert!(sent.contains("ok@example.com"), "{sent}");
    assert!(!sent.contains("kid@example.com") && !sent.contains("dob@example.com"));

    let explained = ws
        .json(&["explain", "news", "kid@example.com"], 0)
        .to_string();
    assert!(explained.contains("minor"), "{explained}");

    // A later file saying 40 for the child keeps the younger reading; undoing it too.
    let later = "email,first_name,attributes\n\
        kid@example.com,Kid,\"[{\"\"name\"\":\"\"age\"\",\"\"value\"\":40}]\"\n";
    let report = ws.import_csv("later.csv", later, &["--consent", "email=granted"]);
    assert_eq!(report["age_conflicts"][0]["kept"], "held");
    assert_eq!(ws.sorted_exclusions("news"), expected);
    ws.ok(&["import", "undo", "2"]);
    assert_eq!(ws.sorted_exclusions("news"), expected);
}
