//! A birthday without a year says nothing about age (session 10: Mailchimp's `Birthday`
//! column, Month/Day, made every contact "age unknown", a review blocker). Such a column
//! is treated as no age information, as a file with no age column is: no age role, no
//! `age_unknown`, no `minor_check`; a yearless value in a real date-of-birth column is a
//! blank there, and a contact's other age still decides. README, "Importing", "The minor
//! check" and "Review".
//!
//! Expected values by hand: the as-of date is 2026-11-01 (`Ws::new`); born 2013-01-01
//! is 13 (a minor), 1980-05-14 is 46.

mod review_support;

use review_support::*;

/// A Mailchimp audience export as its headers are (recognised by `Email Address` and
/// `MEMBER_RATING`), with the birthday merge field in Month/Day.
const MAILCHIMP: &str = "\"Email Address\",\"First Name\",\"Birthday\",MEMBER_RATING,OPTIN_TIME\n\
    a@example.com,Ann,05/14,2,2024-01-02 10:00:00\n\
    b@example.com,Ben,12/31,3,2024-01-02 10:00:00\n\
    c@example.com,Cy,,2,2024-01-02 10:00:00\n";

/// The same workspace with no birthday column at all, for comparison.
const NO_AGE: &str = "\"Email Address\",\"First Name\",MEMBER_RATING,OPTIN_TIME\n\
    a@example.com,Ann,2,2024-01-02 10:00:00\n\
    b@example.com,Ben,3,2024-01-02 10:00:00\n\
    c@example.com,Cy,2,2024-01-02 10:00:00\n";

fn everyone() -> Vec<(String, String)> {
    pairs(&[
        ("a@example.com", "-"),
        ("b@example.com", "-"),
        ("c@example.com", "-"),
    ])
}

/// Review codes of a campaign to everyone, with exit code 0.
fn review_codes(ws: &Ws) -> Vec<String> {
    let review = ws.json(&["review", "news"], 0);
    let mut all = codes(&review, "blocker");
    all.extend(codes(&review, "warning"));
    all.extend(codes(&review, "info"));
    all.sort();
    all
}

#[test]
fn a_mailchimp_birthday_is_no_age_information() {
    let ws = Ws::new();
    let report = ws.import_csv("members.csv", MAILCHIMP, &["--consent", "email=granted"]);
    let field = ws.field("birthday");
    assert_eq!(field["role"], "none", "{field:#}");
    assert_eq!(field["class"], "quasi_identifier", "{field:#}");
    assert!(
        field["reason"]
            .as_str()
            .unwrap()
            .contains("every value is a birthday without a year, a day and month or one of them (`05/14` on line 2)"),
        "{field:#}"
    );
    let text = report.to_string();
    assert!(!text.contains("age unknown"), "{report:#}");
    assert!(
        text.contains("column Birthday holds birthdays without a year"),
        "{report:#}"
    );
    assert_eq!(ws.outcome(EMAIL_EVERYONE, "news"), everyone());
    let with_birthday = review_codes(&ws);
    assert!(!with_birthday.contains(&"age_unknown".to_string()));
    assert!(!with_birthday.contains(&"minor_check".to_string()));

    // The same findings as a workspace with no age column at all.
    let none = Ws::new();
    none.import_csv("members.csv", NO_AGE, &["--consent", "email=granted"]);
    assert_eq!(none.outcome(EMAIL_EVERYONE, "news"), everyone());
    assert_eq!(with_birthday, review_codes(&none));
}

#[test]
fn every_way_of_writing_a_day_and_month_is_a_birthday() {
    for (header, first, second) in [
        ("Birthday", "14/05", "31/12"),
        ("Geburtstag", "14.05.", "31.12."),
        ("Birthday", "--05-14", "--12-31"),
        ("Date of Birth", "14 May", "December 31st"),
        ("Anniversaire", "14 mai", "31 décembre"),
        ("DOB", "05-14", "12-31"),
    ] {
        let ws = Ws::new();
        let csv = format!("email,{header}\na@example.com,{first}\nb@example.com,{second}\n");
        ws.import_csv("people.csv", &csv, &["--consent", "email=granted"]);
        let name = ws.field_names()[1].clone();
        assert_eq!(ws.field(&name)["role"], "none", "{header} {first}");
        assert_eq!(
            ws.outcome(EMAIL_EVERYONE, "news"),
            pairs(&[("a@example.com", "-"), ("b@example.com", "-")]),
            "{header} {first}"
        );
        let review = ws.json(&["review", "news"], 0);
        assert!(!has_code(&review, "age_unknown"), "{header}: {review:#}");
    }
}

/// Constant Contact exports the birthday as two numbers, `Birthday Month` and
/// `Birthday Day`: no year, no age (they were birth years 5 and 14, age unknown).
#[test]
fn a_birthday_month_or_day_column_is_no_birth_year() {
    let ws = Ws::new();
    ws.import_csv(
        "cc.csv",
        "email,Birthday Month,Birthday Day,Geburtsmonat
         a@example.com,5,14,5
         b@example.com,12,31,12
",
        &["--consent", "email=granted"],
    );
    for name in ["birthday_month", "birthday_day"] {
        let field = ws.field(name);
        assert_eq!(field["role"], "none", "{field:#}");
        assert_eq!(field["class"], "quasi_identifier", "{field:#}");
    }
    // No dictionary word: never an age column.
    assert_eq!(ws.field("geburtsmonat")["role"], "none");
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("a@example.com", "-"), ("b@example.com", "-")])
    );
    let review = ws.json(&["review", "news"], 0);
    assert!(!has_code(&review, "age_unknown"), "{review:#}");
    // A birth year stays a birth year.
    let ws = Ws::new();
    ws.import_csv(
        "years.csv",
        "email,Birth year
kid@example.com,2013
ann@example.com,1980
",
        &["--consent", "email=granted"],
    );
    assert_eq!(ws.field("birth_year")["role"], "birth_year");
}

#[test]
fn a_yearless_value_in_a_date_of_birth_column_is_a_blank_and_real_dates_still_decide() {
    let ws = Ws::new();
    ws.import_csv(
        "mixed.csv",
        "email,Date of Birth\n\
         kid@example.com,2013-01-01\n\
         ann@example.com,1980-05-14\n\
         bea@example.com,05/14\n",
        &["--consent", "email=granted"],
    );
    assert_eq!(ws.field("date_of_birth")["role"], "date_of_birth");
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("ann@example.com", "-"),
            ("bea@example.com", "-"),
            ("kid@example.com", "minor"),
        ])
    );
    let review = ws.json(&["review", "news"], 0);
    assert!(!has_code(&review, "age_unknown"), "{review:#}");
    assert!(has_code(&review, "minor_check"), "{review:#}");
}

#[test]
fn a_birthday_given_the_date_of_birth_role_by_hand_still_reads_as_blank() {
    // Reclassification route: a person gives the birthday column the role back.
    let ws = Ws::new();
    ws.import_csv("members.csv", MAILCHIMP, &["--consent", "email=granted"]);
    ws.ok(&[
        "fields",
        "set",
        "birthday",
        "--role",
        "date_of_birth",
        "--class",
        "protected",
        "--reason",
        "our birthday column is a date of birth",
    ]);
    assert_eq!(ws.outcome(EMAIL_EVERYONE, "news"), everyone());
    let review = ws.json(&["review", "news"], 0);
    assert!(!has_code(&review, "age_unknown"), "{review:#}");
}
