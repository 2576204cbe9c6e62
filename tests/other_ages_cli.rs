//! A column about someone else's age is not the contact's age (session 10: `kids_age`,
//! `child_age`, `Alter des Kindes`, `children ages` were read as the contact's age, so
//! parents were excluded as minors or counted "age unknown"). Such a column is family
//! status (protected), never read by the minor check and never a reason to exclude; an
//! animal's age (`Pet birthday`) says nothing about a person. README, "Fields" and "The
//! minor check".
//!
//! Expected values by hand: the as-of date is 2026-11-01 (`Ws::new`); the parent p1's
//! child is 10 (born 2016-05-01), the parent p2's is 7 (2019-03-02); neither parent has
//! an age of their own, so both are recipients. A contact whose own `Age` is 14 beside a
//! child's age is still a minor.

mod review_support;

use review_support::*;

/// Headers naming another person's age, date of birth or birth year, in the languages
/// the dictionary knows, and a child's value for p1 and p2 each.
const CHILD_COLUMNS: [(&str, &str, &str); 16] = [
    ("kids_age", "10", "7"),
    ("child_age", "10", "7"),
    ("Age of child", "10", "7"),
    ("Alter des Kindes", "10", "7"),
    ("children ages", "\"10, 12\"", "7"),
    ("Kids DOB", "2016-05-01", "2019-03-02"),
    ("Child's birthday", "2016-05-01", "2019-03-02"),
    ("Geburtsdatum Kind", "01.05.2016", "02.03.2019"),
    ("Kinderalter", "10", "7"),
    ("Edad del hijo", "10", "7"),
    ("Date de naissance de l'enfant", "2016-05-01", "2019-03-02"),
    ("Compleanno del figlio", "2016-05-01", "2019-03-02"),
    ("Daughter birth year", "2016", "2019"),
    ("Spouse age", "10", "unknown"),
    ("Leeftijd kinderen", "10", "7"),
    ("Idade dos filhos", "10", "7"),
];

fn csv(header: &str, first: &str, second: &str) -> String {
    format!(
        "email,\"{header}\"\n\
         p1@example.com,{first}\n\
         p2@example.com,{second}\n"
    )
}

#[test]
fn a_childs_age_is_family_status_and_parents_get_the_message() {
    for (header, first, second) in CHILD_COLUMNS {
        let ws = Ws::new();
        let report = ws.import_csv(
            "parents.csv",
            &csv(header, first, second),
            &["--consent", "email=granted"],
        );
        let name = ws.field_names()[1].clone();
        let field = ws.field(&name);
        assert_eq!(field["role"], "none", "{header}: {field:#}");
        assert_eq!(field["class"], "protected", "{header}: {field:#}");
        let reason = field["reason"].as_str().unwrap();
        assert!(
            reason.contains("not taken as the contact's age") && reason.contains("family status"),
            "{header}: {reason}"
        );
        // No contact is marked age unknown by the import.
        assert!(
            !report.to_string().contains("age unknown"),
            "{header}: {report:#}"
        );
        assert_eq!(
            ws.outcome(EMAIL_EVERYONE, "news"),
            pairs(&[("p1@example.com", "-"), ("p2@example.com", "-")]),
            "{header}"
        );
        let review = ws.json(&["review", "news"], 0);
        assert!(!has_code(&review, "age_unknown"), "{header}: {review:#}");
        assert!(!has_code(&review, "minor_check"), "{header}: {review:#}");
    }
}

#[test]
fn the_contacts_own_age_beside_a_childs_still_decides() {
    let ws = Ws::new();
    ws.import_csv(
        "family.csv",
        "email,Age,kids_age\n\
         teen@example.com,14,\n\
         mum@example.com,41,10\n",
        &["--consent", "email=granted"],
    );
    assert_eq!(ws.field("age")["role"], "age");
    assert_eq!(ws.field("kids_age")["role"], "none");
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("mum@example.com", "-"), ("teen@example.com", "minor")])
    );
}

#[test]
fn a_childs_age_may_be_skipped_and_blocks_rules_like_any_family_status() {
    // Not an age column: --skip takes it out as any other column.
    let ws = Ws::new();
    let file = ws.write("parents.csv", &csv("kids_age", "10", "7"));
    ws.ok(&[
        "import",
        &file,
        "--skip",
        "kids_age",
        "--consent",
        "email=granted",
    ]);
    assert_eq!(ws.field_names(), ["email"]);
    // Protected: a rule on it needs an unlock.
    let ws = Ws::new();
    ws.import_csv(
        "parents.csv",
        &csv("kids_age", "10", "7"),
        &["--consent", "email=granted"],
    );
    ws.cmd()
        .args(["segment", "add", "young-families", "kids_age < 12"])
        .assert()
        .failure();
}

#[test]
fn a_pets_age_is_no_persons_age() {
    for (header, first, second) in [
        ("Pet birthday", "2024-05-01", "2025-01-01"),
        ("dog_age", "2", "3"),
        ("Alter des Hundes", "2", "3"),
    ] {
        let ws = Ws::new();
        ws.import_csv(
            "pets.csv",
            &csv(header, first, second),
            &["--consent", "email=granted"],
        );
        let name = ws.field_names()[1].clone();
        let field = ws.field(&name);
        assert_eq!(field["role"], "none", "{header}: {field:#}");
        assert_eq!(field["class"], "ordinary", "{header}: {field:#}");
        assert_eq!(
            ws.outcome(EMAIL_EVERYONE, "news"),
            pairs(&[("p1@example.com", "-"), ("p2@example.com", "-")]),
            "{header}"
        );
    }
}
