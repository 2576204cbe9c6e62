//! Session-10 second trial (H10, H13, H1): "do not disturb" in the seven languages (and the
//! French and Italian do-not-call registers) is an opt-out header, and an age column
//! headed in Polish, Swedish, Danish or Norwegian (`Wiek`, `Ålder`, `Alder`) or `Age yrs`
//! is an age, while an age beside a thing (`Account age`) is not the contact's. Main
//! sent to the person who said "Nicht stören: ja" and to a 12-year-old under `Wiek`,
//! with both granting options given, and excluded p1 with an account 2 years old.
//! Outcomes by hand: p1 holds the refusal (or the age 12) and is excluded; p2 is sent
//! to (`-`).

mod review_support;

use review_support::{Outcome, outcomes, pairs, two_people};

fn p1_excluded(reason: &str) -> Outcome {
    pairs(&[("p1@example.com", reason), ("p2@example.com", "-")])
}

fn check(cases: &[(&str, &str, &str)], want: &Outcome) {
    let mut wrong = Vec::new();
    for (header, first, second) in cases {
        let (email, _) = outcomes(&two_people(header, first, second), &[]);
        if &email != want {
            wrong.push(format!("{header} ({first}/{second}): {email:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn do_not_disturb_in_every_language_withdraws() {
    let cases: &[(&str, &str, &str)] = &[
        ("Do not disturb", "yes", "no"),
        ("Nicht stören", "ja", "nein"),
        ("Niet storen", "ja", "nee"),
        ("Ne pas déranger", "oui", "non"),
        ("No molestar", "sí", "no"),
        ("Non disturbare", "sì", "no"),
        ("Não perturbe", "sim", "não"),
        ("Não incomodar", "sim", "não"),
        ("Bloctel", "oui", "non"),
        ("Moved away", "yes", "no"),
    ];
    check(cases, &p1_excluded("no_consent"));
}

#[test]
fn age_headers_in_more_languages_read_a_minor() {
    let cases: &[(&str, &str, &str)] = &[
        ("Wiek", "12", "40"),
        ("Ålder", "12", "40"),
        ("Alder", "12", "40"),
        ("Age yrs", "12", "40"),
    ];
    check(cases, &p1_excluded("minor"));
}

/// Second trial H1: an age beside a word naming a thing (`Account age`, `Car age`,
/// `Wine age`) is the thing's: nobody is excluded as a minor for an account 2 years
/// old. Main excluded p1 (`minor`). A contact's own age is still read (`Age`, above).
#[test]
fn a_things_age_is_not_the_contacts() {
    let cases: &[(&str, &str, &str)] = &[
        ("Account age", "2", "40"),
        ("Account age (days)", "12", "400"),
        ("Age of account", "2", "40"),
        ("Membership age", "3", "10"),
        ("Car age", "5", "12"),
        ("Wine age", "4", "20"),
    ];
    check(
        cases,
        &pairs(&[("p1@example.com", "-"), ("p2@example.com", "-")]),
    );
}
