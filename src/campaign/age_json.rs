//! Ages inside a JSON object of attributes: listmonk's subscriber export keeps every
//! custom field in one `attributes` column (`{"age": 14, "city": "Leeds"}`), and other
//! tools export such objects too (`custom_fields`, `properties`, `metadata`), or arrays
//! of name/value pairs (`[{"name": "age", "value": 14}]`, `[{"key": "dob", "value":
//! "2012-03-01"}]`: Shopify metafields, form tools), read as the object they stand
//! for, at the top or one level deep (trial 9, L-N2a).
//!
//! Each key of the object (and of an object inside it, one level deep:
//! `{"profile": {"dob": "2012-05-01"}}`) is read as a column header would be: a key the
//! classifier takes for a date of birth, birth year or age (`age`, `Age`, `dob`,
//! `birthdate`, `date_of_birth`, `birth_year`, `age_group`, `Alter`, `edad`, in any
//! case; which age keys are the person's: [`super::age_json_keys`]), a minor or adult flag (`minor`, `u18`, `over_18`) or tags (`tags`) gives its
//! value to the reader of that role ([`super::minor_flag::read_field`]), and the
//! youngest age any key allows decides, as between fields. Keys that say nothing of
//! age (`city`) are not read, so an object without an age key is a blank, never "age
//! unknown". The minor check knew such a column held ages (rules on it needed an
//! unlock) but did not read it, and mailed a 14-year-old (seventh new-user trial, N2).
//! Called by [`super::minor_flag::read_field`] for a text value of an age field, which
//! every route of the minor check (import, re-import, undo, the preview and export
//! walk, explain) goes through; the importer gives such a column the age role
//! (`import::age_roles`).

use chrono::NaiveDate;
use serde_json::Value as Json;

use super::age::{AgeDates, AgeReading};
use crate::fields::value::Value;

pub use super::age_json_keys::key_role;

/// Longest text read as a JSON object: attribute objects are a few hundred bytes.
const MAX_JSON_BYTES: usize = 64 * 1024;

/// What the JSON object (or name/value array) `text` says about age on `dates`, and
/// the date it was read on; `None` when `text` is neither (read on as an age value).
pub fn read(text: &str, dates: AgeDates) -> Option<(AgeReading, NaiveDate)> {
    let pairs = parse(text)?;
    let mut out = Out::default();
    for (key, value) in &pairs {
        match inner(value) {
            Some(inner) => {
                for (key, value) in &inner {
                    out.add(key, value, dates);
                }
            }
            None => out.add(key, value, dates),
        }
    }
    Some(out.reading(dates))
}

/// The first key of the JSON object `text` (`profile.dob` one level deep) whose value
/// says something about age (read on a far date, so any birth date is in the past),
/// for the import's decision and reason; `None` when there is none or `text` is no
/// object or name/value array.
pub fn age_key(text: &str) -> Option<String> {
    let pairs = parse(text)?;
    let far = NaiveDate::from_ymd_opt(2100, 1, 1)?;
    let dates = AgeDates::new(far, far);
    let says = |key: &str, value: &Json| {
        let mut out = Out::default();
        out.add(key, value, dates);
        out.youngest.is_some() || out.unreadable.is_some()
    };
    pairs.iter().find_map(|(key, value)| match inner(value) {
        Some(inner) => (inner.iter())
            .find(|(k, v)| says(k, v))
            .map(|(k, _)| format!("{key}.{k}")),
        None => says(key, value).then(|| key.clone()),
    })
}

/// True when `text` may be read by [`read`]: it starts with `{` or `[` (an object or
/// a name/value array), so the import's first pass parses only such values.
pub fn may_hold_keys(text: &str) -> bool {
    matches!(text.trim_start().as_bytes().first(), Some(b'{' | b'['))
}

/// The keys and values of `text`: a JSON object's, or a name/value array's
/// ([`name_value_pairs`]); `None` for anything else.
fn parse(text: &str) -> Option<Vec<(String, Json)>> {
    let text = text.trim();
    if !may_hold_keys(text) || text.len() > MAX_JSON_BYTES {
        return None;
    }
    match serde_json::from_str(text).ok()? {
        Json::Object(object) => Some(object.into_iter().collect()),
        Json::Array(items) => name_value_pairs(&items),
        _ => None,
    }
}

/// The pairs inside a value one level down: an object's, or a name/value array's.
fn inner(value: &Json) -> Option<Vec<(String, Json)>> {
    match value {
        Json::Object(inner) => Some(inner.clone().into_iter().collect()),
        Json::Array(items) => name_value_pairs(items),
        _ => None,
    }
}

/// Keys of an array item that hold the attribute's name (`[{"name": "age", "value":
/// 14}]`, Shopify metafields' `key`, HubSpot's `property`), in any case.
const NAME_KEYS: &[&str] = &["name", "key", "field", "attribute", "property", "label"];
/// Keys of an array item that hold the attribute's value.
const VALUE_KEYS: &[&str] = &["value", "val", "values", "data", "answer"];

/// A name/value array (`[{"name": "age", "value": 14}, {"key": "dob", "value":
/// "2012-03-01"}]`) as the pairs of an object: ninth new-user trial, L-N2a, where such
/// an age was not read and a 14-year-old was mailed. Items without a name and a value
/// are left out; `None` when no item has both (an array of tags or of plain objects).
fn name_value_pairs(items: &[Json]) -> Option<Vec<(String, Json)>> {
    let field = |o: &serde_json::Map<String, Json>, names: &[&str]| {
        (o.iter())
            .find(|(k, _)| names.iter().any(|n| k.eq_ignore_ascii_case(n)))
            .map(|(_, v)| v.clone())
    };
    let pairs: Vec<(String, Json)> = (items.iter())
        .filter_map(|item| {
            let Json::Object(o) = item else { return None };
            let name = field(o, NAME_KEYS)?;
            let name = name.as_str()?.to_string();
            Some((name, field(o, VALUE_KEYS)?))
        })
        .collect();
    (!pairs.is_empty()).then_some(pairs)
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
pub(super) fn normalised(key: &str) -> String {
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

    /// Trial 9, L-N2a: name/value arrays, at the top or one level deep, are read as
    /// the object they stand for (by hand: born 2012-03-01 is 14 on 2026-11-01).
    #[test]
    fn name_value_arrays_are_read() {
        assert_eq!(on(r#"[{"name":"age","value":14}]"#), years(14, 14));
        assert_eq!(on(r#"[{"key":"dob","value":"2012-03-01"}]"#), years(14, 14));
        assert_eq!(
            on(r#"[{"Name":"city","Value":"Leeds"},{"Name":"Age","Value":"40"}]"#),
            years(40, 40)
        );
        assert_eq!(
            on(r#"{"attributes":[{"property":"participant_age","value":15}]}"#),
            years(15, 15)
        );
        assert_eq!(
            age_key(r#"{"attributes":[{"name":"age","value":14}]}"#).as_deref(),
            Some("attributes.age")
        );
        assert_eq!(
            on(r#"[{"name":"city","value":"Leeds"}]"#),
            Some(AgeReading::Blank)
        );
        // Arrays that are no name/value pairs are no object.
        assert_eq!(on(r#"["vip","teen"]"#), None);
        assert_eq!(on(r#"[{"age": 4}]"#), None);
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
