//! Ages inside a JSON object of attributes: listmonk's subscriber export keeps every
//! custom field in one `attributes` column (`{"age": 14, "city": "Leeds"}`), and other
//! tools export such objects too (`custom_fields`, `properties`, `metadata`).
//!
//! Each key of the object (and of an object inside it, one level deep:
//! `{"profile": {"dob": "2012-05-01"}}`) is read as a column header would be: a key the
//! classifier takes for a date of birth, birth year or age (`age`, `Age`, `dob`,
//! `birthdate`, `date_of_birth`, `birth_year`, `age_group`, `Alter`, `edad`, in any
//! case), a minor or adult flag (`minor`, `u18`, `over_18`) or tags (`tags`) gives its
//! value to the reader of that role ([`super::minor_flag::read_field`]), and the
//! youngest age any key allows decides, as between fields. Keys that say nothing of
//! age (`city`) are not read, so an object without an age key is a blank, never "age
//! unknown". The minor check knew such a column held ages (rules on it needed an
//! unlock) but did not read it, and mailed a 14-year-old (seventh new-user trial, N2).
//! Called by [`super::minor_flag::read_field`] for a text value of an age field, which
//! every route of the minor check (import, re-import, undo, the preview and export
//! walk, explain) goes through; the importer gives such a column the age role
//! (`import::age_roles`).

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::Value as Json;

use super::age::{AgeDates, AgeReading};
use crate::fields::classify::{
    ValueProfile, adult_flag_age, age_band_header, classify, group_header, minor_flag_age,
};
use crate::fields::value::Value;
use crate::fields::{FieldType, Role};

/// Longest text read as a JSON object: attribute objects are a few hundred bytes.
const MAX_JSON_BYTES: usize = 64 * 1024;

/// What the JSON object `text` says about age on `dates`, and the date it was read on;
/// `None` when `text` is no JSON object (read on as an age value).
pub fn read(text: &str, dates: AgeDates) -> Option<(AgeReading, NaiveDate)> {
    let object = parse(text)?;
    let mut out = Out::default();
    for (key, value) in &object {
        match value {
            Json::Object(inner) => {
                for (key, value) in inner {
                    out.add(key, value, dates);
                }
            }
            _ => out.add(key, value, dates),
        }
    }
    Some(out.reading(dates))
}

/// The first key of the JSON object `text` (`profile.dob` one level deep) whose value
/// says something about age (read on a far date, so any birth date is in the past),
/// for the import's decision and reason; `None` when there is none or `text` is no
/// object.
pub fn age_key(text: &str) -> Option<String> {
    let object = parse(text)?;
    let far = NaiveDate::from_ymd_opt(2100, 1, 1)?;
    let dates = AgeDates::new(far, far);
    let says = |key: &str, value: &Json| {
        let mut out = Out::default();
        out.add(key, value, dates);
        out.youngest.is_some() || out.unreadable.is_some()
    };
    object.iter().find_map(|(key, value)| match value {
        Json::Object(inner) => (inner.iter())
            .find(|(k, v)| says(k, v))
            .map(|(k, _)| format!("{key}.{k}")),
        _ => says(key, value).then(|| key.clone()),
    })
}

fn parse(text: &str) -> Option<serde_json::Map<String, Json>> {
    let text = text.trim();
    if !text.starts_with('{') || text.len() > MAX_JSON_BYTES {
        return None;
    }
    match serde_json::from_str(text).ok()? {
        Json::Object(object) => Some(object),
        _ => None,
    }
}

/// The readings of an object's age keys, combined.
#[derive(Default)]
struct Out {
    youngest: Option<(AgeReading, NaiveDate, i64)>,
    unreadable: Option<(AgeReading, NaiveDate)>,
}

impl Out {
    fn add(&mut self, key: &str, value: &Json, dates: AgeDates) {
        let Some(role) = key_role(key) else { return };
        let value = match value {
            Json::Null => return,
            Json::Bool(b) => Value::Boolean(*b),
            Json::Number(n) => match n.as_i64() {
                Some(i) => Value::Integer(i),
                None => Value::Decimal(n.as_f64().unwrap_or(f64::NAN)),
            },
            Json::String(s) => Value::Text(s.clone()),
            Json::Array(items) => Value::List(
                items
                    .iter()
                    .map(|i| match i {
                        Json::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect(),
            ),
            // Two levels down: not read (see the module header).
            Json::Object(_) => return,
        };
        let name = normalised(key);
        let (reading, date) = super::minor_flag::read_field(&name, role, &value, dates);
        match reading {
            AgeReading::Blank => {}
            AgeReading::Years { youngest, .. } => {
                if self.youngest.is_none_or(|(_, _, y)| youngest < y) {
                    self.youngest = Some((reading, date, youngest));
                }
            }
            AgeReading::Unreadable(_) => {
                self.unreadable.get_or_insert((reading, date));
            }
        }
    }

    /// The youngest age read, else an unreadable value, else a blank.
    fn reading(self, dates: AgeDates) -> (AgeReading, NaiveDate) {
        match (self.youngest, self.unreadable) {
            (Some((reading, date, _)), _) => (reading, date),
            (None, Some(unreadable)) => unreadable,
            (None, None) => (AgeReading::Blank, dates.earlier),
        }
    }
}

/// `date_of_birth` for `Date of Birth`, `dateOfBirth` stays `dateofbirth`: a key as
/// a field name, for the readers that look at names (flags, groups).
fn normalised(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_string()
}

thread_local! {
    /// Keys seen on this thread and the role each gets: an export repeats the same few
    /// keys on every contact, and classifying a header reads the whole dictionary.
    static ROLES: RefCell<HashMap<String, Option<Role>>> = RefCell::new(HashMap::new());
}

/// The role the minor check reads key `key` with, as a column header `key` would get
/// it; `None` for a key that says nothing of age.
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
    let name = normalised(key);
    // A key split where its words change case (`dateOfBirth`, `birthYear`).
    let mut spaced = String::with_capacity(key.len() + 4);
    for (i, c) in key.chars().enumerate() {
        if i > 0 && c.is_uppercase() {
            spaced.push(' ');
        }
        spaced.push(c);
    }
    let flagged = |h: &str| {
        minor_flag_age(h).is_some()
            || adult_flag_age(h).is_some()
            || age_band_header(h)
            || group_header(h).is_some()
    };
    if flagged(&spaced) || flagged(&name) {
        // A group header (`type`, `category`) says an age only through its values,
        // which the age-group reader reads the same way.
        return Some(Role::Age);
    }
    let class = classify(&spaced, &name, FieldType::Text, &ValueProfile::default());
    match (class.kind.as_deref(), class.role) {
        (Some("date_of_birth"), _) => Some(Role::DateOfBirth),
        (Some("birth_year"), _) => Some(Role::BirthYear),
        (Some("age"), _) if names_the_persons_age(&normalised(&spaced)) => Some(Role::Age),
        (_, Role::Tags) => Some(Role::Tags),
        _ => None,
    }
}

/// Words that may stand beside `age` in a key naming the person's own age in years
/// (`customer_age`, `age_in_years`, `edad_cliente`). Any other word says the age is a
/// thing's (`warranty_age`, `account_age`, `item_age`), someone else's (`child_age`)
/// or in another unit (`age_days`, `age_months`): trial 9, R5, where such keys made
/// adults known minors or blocked review as `age_unknown`.
const PERSON_AGE_WORDS: &[&str] = &[
    "age",
    "alter",
    "edad",
    "idade",
    "eta",
    "âge",
    "leeftijd",
    "in",
    "of",
    "the",
    "years",
    "year",
    "yrs",
    "yr",
    "y",
    "jahre",
    "anos",
    "años",
    "ans",
    "jaar",
    "customer",
    "client",
    "cliente",
    "kunde",
    "person",
    "member",
    "user",
    "contact",
    "subscriber",
    "buyer",
    "guest",
    "patient",
    "my",
    "your",
    "current",
    "actual",
    "aktuell",
    "real",
    "true",
    "stated",
    "reported",
    "self",
];

/// True when the words of key `name` (as [`normalised`] writes it) name the person's
/// own age in years: every word is one of [`PERSON_AGE_WORDS`].
fn names_the_persons_age(name: &str) -> bool {
    name.split('_')
        .filter(|w| !w.is_empty())
        .all(|w| PERSON_AGE_WORDS.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(text: &str) -> Option<AgeReading> {
        let day = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        read(text, AgeDates::new(day, day)).map(|(r, _)| r)
    }

    fn years(youngest: i64, oldest: i64) -> Option<AgeReading> {
        Some(AgeReading::Years { youngest, oldest })
    }

    #[test]
    fn age_keys_are_read_in_any_case_and_one_level_deep() {
        assert_eq!(on(r#"{"age": 14, "city": "Leeds"}"#), years(14, 14));
        assert_eq!(on(r#"{"Age": "14"}"#), years(14, 14));
        // Born 2012-05-01: 14 on 2026-11-01.
        assert_eq!(on(r#"{"dob": "2012-05-01"}"#), years(14, 14));
        assert_eq!(
            on(r#"{"profile": {"birthdate": "2012-05-01"}}"#),
            years(14, 14)
        );
        assert_eq!(on(r#"{"dateOfBirth": "2012-05-01"}"#), years(14, 14));
        // A birth year allows two ages: 2026 - 2012 = 14, or 13 before the birthday.
        assert_eq!(on(r#"{"birth_year": 2012}"#), years(13, 14));
        assert_eq!(on(r#"{"age_group": "13-17"}"#), years(13, 17));
        // The youngest of two keys decides.
        assert_eq!(on(r#"{"age": 40, "dob": "2012-05-01"}"#), years(14, 14));
    }

    /// Trial 9, R5: a key naming a thing's age, someone else's or an age in days or
    /// months says nothing of the person's age, so the object is a blank (by hand: none
    /// of these keys is the contact's age in years); the person's own age is read.
    #[test]
    fn ages_of_things_and_in_days_are_not_the_persons() {
        for text in [
            r#"{"warranty_age": 2}"#,
            r#"{"age_days": 400}"#,
            r#"{"ageDays": 5}"#,
            r#"{"account_age": 3}"#,
            r#"{"item_age": 1}"#,
            r#"{"age_months": 7}"#,
            r#"{"child_age": 4}"#,
        ] {
            assert_eq!(on(text), Some(AgeReading::Blank), "{text}");
            assert_eq!(age_key(text), None, "{text}");
        }
        assert_eq!(on(r#"{"customer_age": 14}"#), years(14, 14));
        assert_eq!(on(r#"{"age_years": 14}"#), years(14, 14));
        assert_eq!(
            on(r#"{"customerAge": 40, "warranty_age": 2}"#),
            years(40, 40)
        );
    }

    #[test]
    fn objects_without_ages_say_nothing() {
        assert_eq!(
            on(r#"{"city": "Leeds", "plan": "pro"}"#),
            Some(AgeReading::Blank)
        );
        assert_eq!(on("{}"), Some(AgeReading::Blank));
        assert_eq!(on("14"), None);
        assert_eq!(on("{not json"), None);
        assert_eq!(
            age_key(r#"{"city": "Leeds", "age": 14}"#).as_deref(),
            Some("age")
        );
        assert_eq!(
            age_key(r#"{"p": {"dob": "2012-05-01"}}"#).as_deref(),
            Some("p.dob")
        );
        assert_eq!(age_key(r#"{"city": "Leeds", "type": "premium"}"#), None);
        assert_eq!(age_key(r#"{"city": "Leeds"}"#), None);
    }
}
