//! Which keys of a JSON object of attributes give the person's age to the minor check
//! ([`super::age_json`]), read as a column header would be.
//!
//! A key the classifier takes for a date of birth (`dob`, `DOB`, `dateOfBirth`,
//! `date_of_birth`, `birthdate`), a birth year (`birth_year`, `yearOfBirth`), a minor
//! or adult flag, an age group, or tags gives its value to that role's reader. A key it
//! takes for an age is the person's age **unless** one of its words says the age is a
//! thing's (`warranty_age`, `account_age`, `product_age`, `item_age`), counted in days,
//! weeks or months (`age_days`, `ageMonths`), or someone else's (`child_age`,
//! `spouse_age`, `pet_age`): trial 9, R5, where such keys made adults known minors or
//! blocked review as `age_unknown`. Every other word beside `age` reads as the
//! person's (`participant_age`, `age_at_signup`, `customer_age`, `member_age`,
//! `age_years`, `ageInYears`): reading too much asks the minor check about an adult,
//! reading too little mails a child (trial 9, a list of words allowed beside `age`
//! missed these). A child's age beside the contact (`child_age`) is not the contact's,
//! so it is not read: the contact is a parent; the same holds for a column header
//! (`fields::classify`, `others`).

use std::cell::RefCell;
use std::collections::HashMap;

use super::age_json::normalised;
use crate::fields::classify::{
    ValueProfile, adult_flag_age, age_band_header, classify, group_header, minor_flag_age,
};
use crate::fields::{FieldType, Role};

thread_local! {
    /// Keys seen on this thread and the role each gets: an export repeats the same few
    /// keys on every contact, and classifying a header reads the whole dictionary.
    static ROLES: RefCell<HashMap<String, Option<Role>>> = RefCell::new(HashMap::new());
}

/// The role the minor check reads key `key` with, as a column header `key` would get
/// it; `None` for a key that says nothing of the person's age.
pub fn key_role(key: &str) -> Option<Role> {
    if let Some(role) = ROLES.with(|r| r.borrow().get(key).copied()) {
        return role;
    }
    let role = classify_key(key);
    ROLES.with(|r| {
        let mut roles = r.borrow_mut();
        if roles.len() >= 4096 {
            roles.clear();
        }
        roles.insert(key.to_string(), role);
    });
    role
}

fn classify_key(key: &str) -> Option<Role> {
    let spaced = spaced(key);
    let name = normalised(&spaced);
    let flagged = |h: &str| {
        minor_flag_age(h).is_some()
            || adult_flag_age(h).is_some()
            || age_band_header(h)
            || group_header(h).is_some()
    };
    if not_the_persons(&name) {
        return None;
    }
    if flagged(&spaced) || flagged(&name) {
        // A group header (`type`, `category`) says an age only through its values,
        // which the age-group reader reads the same way.
        return Some(Role::Age);
    }
    let class = classify(&spaced, &name, FieldType::Text, &ValueProfile::default());
    match (class.kind.as_deref(), class.role) {
        (Some("date_of_birth"), _) => Some(Role::DateOfBirth),
        (Some("birth_year"), _) => Some(Role::BirthYear),
        (Some("age"), _) => Some(Role::Age),
        (_, Role::Tags) => Some(Role::Tags),
        _ => None,
    }
}

/// `key` split where a lower-case letter or digit is followed by a capital
/// (`dateOfBirth` → `date Of Birth`, `ageInYears` → `age In Years`), so `DOB` stays
/// one word.
fn spaced(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    let mut previous: Option<char> = None;
    for c in key.chars() {
        if c.is_uppercase() && previous.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit()) {
            out.push(' ');
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// Words beside an age that make it a thing's, a count of days, weeks or months, or
/// another person's or an animal's (see the module doc).
const NOT_THE_PERSONS: &[&str] = &[
    // Things.
    "warranty",
    "guarantee",
    "garantie",
    "account",
    "acct",
    "item",
    "items",
    "product",
    "products",
    "device",
    "car",
    "vehicle",
    "auto",
    "policy",
    "contract",
    "order",
    "orders",
    "loan",
    "mortgage",
    "battery",
    "tyre",
    "tire",
    "tires",
    "tyres",
    "equipment",
    "asset",
    "property",
    "house",
    "home",
    "building",
    "roof",
    "boiler",
    "machine",
    "stock",
    "inventory",
    "wine",
    "bottle",
    "cheese",
    "data",
    "record",
    "file",
    "cache",
    "session",
    "token",
    "password",
    "link",
    "domain",
    "site",
    "page",
    "post",
    "content",
    "ticket",
    "subscription",
    "membership",
    "plan",
    "card",
    "bike",
    "boat",
    "laptop",
    "computer",
    "phone",
    "plant",
    "tree",
    "cart",
    "invoice",
    "payment",
    "debt",
    "listing",
    "model",
    "vintage",
    "firmware",
    "software",
    "version",
    "app",
    // Units other than years.
    "day",
    "days",
    "week",
    "weeks",
    "wk",
    "wks",
    "month",
    "months",
    "mo",
    "mos",
    "mon",
    "hour",
    "hours",
    "hr",
    "hrs",
    "minute",
    "minutes",
    "second",
    "seconds",
    "sec",
    "secs",
    "ms",
    "tage",
    "monate",
    "wochen",
    "jours",
    "mois",
    "dias",
    "meses",
    // Other people and animals.
    "child",
    "children",
    "childs",
    "kid",
    "kids",
    "son",
    "sons",
    "daughter",
    "daughters",
    "baby",
    "babies",
    "infant",
    "toddler",
    "partner",
    "spouse",
    "wife",
    "husband",
    "parent",
    "parents",
    "mother",
    "mom",
    "mum",
    "father",
    "dad",
    "sibling",
    "siblings",
    "brother",
    "sister",
    "dependent",
    "dependant",
    "grandchild",
    "kinder",
    "enfant",
    "hijo",
    "hija",
    "figlio",
    "pet",
    "pets",
    "dog",
    "cat",
    "horse",
    "animal",
    "puppy",
    "kitten",
];

/// True when a word of key `name` (as [`normalised`] writes it) is one of
/// [`NOT_THE_PERSONS`].
fn not_the_persons(name: &str) -> bool {
    name.split('_').any(|w| NOT_THE_PERSONS.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// By hand: each key names the person's own age, birth date or birth year.
    #[test]
    fn keys_naming_the_persons_age_are_read() {
        for (key, role) in [
            ("participant_age", Role::Age),
            ("age_at_signup", Role::Age),
            ("customer_age", Role::Age),
            ("member_age", Role::Age),
            ("age_years", Role::Age),
            ("ageInYears", Role::Age),
            ("Age", Role::Age),
            ("date_of_birth", Role::DateOfBirth),
            ("dateOfBirth", Role::DateOfBirth),
            ("DateOfBirth", Role::DateOfBirth),
            ("DOB", Role::DateOfBirth),
            ("dob", Role::DateOfBirth),
            ("D.O.B.", Role::DateOfBirth),
            ("birthDate", Role::DateOfBirth),
            ("yearOfBirth", Role::BirthYear),
            ("birth_year", Role::BirthYear),
        ] {
            assert_eq!(classify_key(key), Some(role), "{key}");
        }
    }

    /// By hand: a thing's age, an age in days or months, a child's.
    #[test]
    fn keys_naming_another_age_are_not_read() {
        for key in [
            "warranty_age",
            "age_days",
            "ageDays",
            "child_age",
            "product_age",
            "account_age",
            "age_months",
            "petAge",
            "city",
        ] {
            assert_eq!(classify_key(key), None, "{key}");
        }
    }
}
