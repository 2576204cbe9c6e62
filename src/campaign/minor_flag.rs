//! The minor check's reading of a minor flag field (`Minor`, `U18`, `Under 18`: an age
//! field whose header is a flag, `fields::classify::minor_flag_age`), and of an adult
//! flag (`Adult`, `Over 18`, `18+`, `Volljährig`), the same with yes and no swapped.
//!
//! A flag's `yes` says the contact is under the flag's age, so a known minor (excluded
//! as one, and its addresses with it: `super::minor_addresses`); its `no` says the
//! contact is at least that age, an adult for the check unless another age field says
//! younger (the youngest plausible age decides, `super::age`); anything else is a value
//! the check cannot read, "age unknown" as before. Flags used to be read as ages, so a
//! flagged child was "age unknown" at best and a `1` was a one-year-old (new-user
//! trial, session 8). Called wherever an age field is read ([`read_field`]).

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::NaiveDate;

use super::age::{self, AgeDates, AgeReading, MAX_PLAUSIBLE_AGE, Unreadable};
use crate::fields::Role;
use crate::fields::classify::{adult_flag_age, group_header, minor_flag_age};
use crate::fields::value::Value;

/// What value `value` of minor flag field with age `under` says: yes (`true`, `1`,
/// `y`, `x`, `ja`, `oui`, `si`) → ages 0 to `under - 1`; no (`false`, `0`, `n`,
/// `nein`, `non`) → `under` to [`MAX_PLAUSIBLE_AGE`]; blank → nothing; else unreadable.
pub fn read(under: u32, value: &Value) -> AgeReading {
    match said(value) {
        Ok(true) => younger_than(under),
        Ok(false) => at_least(under),
        Err(reading) => reading,
    }
}

/// What value `value` of adult flag field with age `from` (`Adult`, `Over 18`,
/// `Volljährig`, `18+`: `fields::classify::adult_flag_age`) says: the minor flag's
/// opposite, yes → `from` to [`MAX_PLAUSIBLE_AGE`], no → 0 to `from - 1` (a known
/// minor); blank → nothing; else unreadable. Adult flags used to be no age field at
/// all (`Adult`, `18+`), or an age field whose no was "age unknown" (`Over 18`).
pub fn read_adult(from: u32, value: &Value) -> AgeReading {
    match said(value) {
        Ok(true) => at_least(from),
        Ok(false) => younger_than(from),
        Err(reading) => reading,
    }
}

/// What value `value` of a category field holding age groups (`Customer type`,
/// `fields::classify::group_header`) says: an age group (`Child`, `Under 18`, `Adult`)
/// its ages ([`super::age_group::parse`]); anything else (`Retail`, a code `2`)
/// nothing, since the column sorts people by more than age.
pub fn read_category(value: &Value) -> AgeReading {
    match value {
        Value::Text(t) => {
            super::age_group::parse(t).map_or(AgeReading::Blank, |g| AgeReading::Years {
                youngest: g.youngest,
                oldest: g.oldest,
            })
        }
        _ => AgeReading::Blank,
    }
}

/// What a tags field's `value` says about age (session 10 trial, F17): each tag that
/// is an age group or range (`teen`, `kid`, `minor`, `under-18`, `u16`, `Adult`;
/// `assets/age-groups.toml`) or an age (`age:14`, `Alter=14`) allows its ages, and the youngest decides, as
/// between fields. A tag must hold an unambiguous group word or a number (`junior`
/// and `senior` are also job levels); tags that are no age group say nothing, so they
/// never make a contact "age unknown".
pub fn read_tags(value: &Value) -> AgeReading {
    match value {
        Value::List(tags) => read_tag_list(tags.iter().map(String::as_str)),
        Value::Text(t) => read_tag_list(t.split([',', ';', '|'])),
        _ => AgeReading::Blank,
    }
}

/// [`read_tags`] of a tags field's stored text, split as a list value is
/// (`fields::value::Value::from_sql`: at commas, trimmed, blanks dropped), without
/// building the list: the scan for known minors' addresses reads every contact's tags.
pub fn read_stored_tags(stored: &str) -> AgeReading {
    read_tag_list(stored.split(',').map(str::trim).filter(|t| !t.is_empty()))
}

/// What each distinct stored cell of a list tags field says about age
/// ([`read_stored_tags`]), remembered for one walk: a workspace's tags cells are a few
/// combinations repeated over its contacts, so a contact costs one look-up instead of
/// one per tag (issue 13). At most 4,096 cells are kept; the memo turns itself off when
/// fewer than half of its first 4,096 look-ups found a cell (tags unique per contact).
#[derive(Debug, Default)]
pub struct TagCells {
    seen: HashMap<Box<str>, AgeReading, foldhash::fast::RandomState>,
    looked: u32,
    found: u32,
    off: bool,
}

impl TagCells {
    /// Cells kept at most, and look-ups before the memo judges its use.
    const SIZE: usize = 4096;

    /// [`read_stored_tags`] of `stored`.
    pub fn read(&mut self, stored: &str) -> AgeReading {
        if self.off {
            return read_stored_tags(stored);
        }
        self.looked += 1;
        let reading = match self.seen.get(stored) {
            Some(&reading) => {
                self.found += 1;
                reading
            }
            None => {
                let reading = read_stored_tags(stored);
                if self.seen.len() < Self::SIZE {
                    self.seen.insert(stored.into(), reading);
                }
                reading
            }
        };
        if self.looked as usize == Self::SIZE && (self.found as usize) < Self::SIZE / 2 {
            self.off = true;
            self.seen = HashMap::default();
        }
        reading
    }
}

/// The youngest reading among `tags` ([`read_tags`]).
fn read_tag_list<'a>(tags: impl Iterator<Item = &'a str>) -> AgeReading {
    let mut out: Option<(i64, i64)> = None;
    for tag in tags {
        if let Some((y, o)) = tag_ages_seen(tag)
            && out.is_none_or(|(youngest, _)| y < youngest)
        {
            out = Some((y, o));
        }
    }
    out.map_or(AgeReading::Blank, |(youngest, oldest)| AgeReading::Years {
        youngest,
        oldest,
    })
}

/// Tags read so far on a thread, and the ages each allows ([`tag_ages`]).
type TagAges = HashMap<Box<str>, Option<(i64, i64)>, foldhash::fast::RandomState>;

/// [`tag_ages`], remembered per tag on this thread. A workspace's tags repeat from
/// contact to contact, and reading one folds and parses it: read afresh for every tag
/// of every contact it tripled the CPU of a preview of 1,000,000 contacts (issue 13).
/// At most 4,096 tags are kept; the memo starts again when full.
fn tag_ages_seen(tag: &str) -> Option<(i64, i64)> {
    thread_local! {
        static SEEN: RefCell<TagAges> = RefCell::new(HashMap::default());
    }
    SEEN.with_borrow_mut(|seen| {
        if let Some(&ages) = seen.get(tag) {
            return ages;
        }
        let ages = tag_ages(tag);
        if seen.len() >= 4096 {
            seen.clear();
        }
        seen.insert(tag.into(), ages);
        ages
    })
}

/// [`tag_ages`] of one tag, remembered as the minor check remembers it.
pub(super) fn tag_ages_of(tag: &str) -> Option<(i64, i64)> {
    tag_ages_seen(tag)
}

/// The ages one tag allows: an age written as a tag (`age:14`, `Alter=14`, `edad-14`)
/// that age; an unambiguous age group or a range with a number (`teen`, `under-18`,
/// `u16`) its ages, and the forms of [`super::tag_forms`] (`U14 Girls`, `15yo`,
/// `Year 7`); `None` for any other tag.
fn tag_ages(tag: &str) -> Option<(i64, i64)> {
    let lower = tag.trim().to_lowercase();
    // A link, or a number with decimals (`-74.0060`, a coordinate of a map link split
    // at its comma), is no age group (new-user trial 9, F-G15b).
    if super::tag_forms::is_link_or_decimal(&lower) {
        return None;
    }
    let stated = ["age", "alter", "edad", "âge", "età", "leeftijd", "idade"]
        .iter()
        .find_map(|w| lower.strip_prefix(w))
        .and_then(|rest| rest.strip_prefix([':', '=', '-', '_', ' ']))
        .and_then(|n| n.trim().parse::<i64>().ok())
        .filter(|n| (0..=super::age::MAX_PLAUSIBLE_AGE).contains(n));
    if let Some(n) = stated {
        return Some((n, n));
    }
    let g = match super::tag_forms::ages(&lower) {
        Some((youngest, oldest)) => super::age_group::Group {
            youngest,
            oldest,
            clear: true,
        },
        None => super::age_group::parse(tag)?,
    };
    // A tag naming a baby or a toddler (`baby`, `infant`, `newborn`, `under-3`: every
    // age it allows below 4) says the contact buys for one, not that they are one: no
    // baby holds an inbox (third new-user trial H3: a shop's `baby` tag excluded
    // parents as minors). `kids`, `child`, `teen` still do: a child's own record is
    // tagged so as well, and the safe error is to leave a parent out.
    if g.oldest < YOUNG_CHILD_UNTIL {
        return None;
    }
    (g.clear || tag.chars().any(|c| c.is_ascii_digit())).then_some((g.youngest, g.oldest))
}

/// A tag whose every age is below this (the baby and toddler group of
/// `assets/age-groups.toml`: 0 to 3) names a young child the contact buys for.
const YOUNG_CHILD_UNTIL: i64 = 4;

/// A flag's `value` as yes (true) or no (false), or the reading of a value that is
/// neither: blank, or unreadable.
fn said(value: &Value) -> Result<bool, AgeReading> {
    let yes = match value {
        Value::Null => return Err(AgeReading::Blank),
        Value::Boolean(b) => Some(*b),
        Value::Integer(1) => Some(true),
        Value::Integer(0) => Some(false),
        Value::Decimal(f) if *f == 1.0 => Some(true),
        Value::Decimal(f) if *f == 0.0 => Some(false),
        Value::Text(t) => match t.trim().to_lowercase().as_str() {
            "" => return Err(AgeReading::Blank),
            "yes" | "y" | "true" | "1" | "x" | "ja" | "j" | "oui" | "si" | "sí" => Some(true),
            "no" | "n" | "false" | "0" | "nein" | "non" => Some(false),
            _ => None,
        },
        _ => None,
    };
    yes.ok_or(AgeReading::Unreadable(Unreadable::NotAnAge))
}

/// Ages 0 to `age - 1`.
fn younger_than(age: u32) -> AgeReading {
    AgeReading::Years {
        youngest: 0,
        oldest: (i64::from(age) - 1).max(0),
    }
}

/// Ages `age` to [`MAX_PLAUSIBLE_AGE`].
fn at_least(age: u32) -> AgeReading {
    AgeReading::Years {
        youngest: i64::from(age),
        oldest: MAX_PLAUSIBLE_AGE,
    }
}

/// What age field `name` (role `role`) holding `value` says, and the date it was read
/// on: a parent's or guardian's contact's (filled: a child, [`super::guardian`]), a
/// minor flag's yes/no ([`read`], true on any date), an adult flag's
/// ([`read_adult`]), a category field's age groups ([`read_category`]), any other
/// field as [`age::read_dated`] reads it.
pub fn read_field(
    name: &str,
    role: Role,
    value: &Value,
    dates: AgeDates,
) -> (AgeReading, NaiveDate) {
    if super::guardian::is_guardian_contact(name) {
        return (super::guardian::read(value), dates.earlier);
    }
    if role == Role::Tags {
        return (read_tags(value), dates.earlier);
    }
    // A JSON object of attributes (listmonk's `attributes`): its age keys.
    if role == Role::Age
        && let Value::Text(text) = value
        && let Some(read) = super::age_json::read(text, dates)
    {
        return read;
    }
    if role == Role::Age {
        if let Some(under) = minor_flag_age(name) {
            return (read(under, value), dates.earlier);
        }
        if let Some(from) = adult_flag_age(name) {
            return (read_adult(from, value), dates.earlier);
        }
        if let Some(kind) = super::school_year::school_header(name)
            && let Some(reading) = read_school(kind, name, value, dates.earlier)
        {
            return (reading, dates.earlier);
        }
        if group_header(name).is_some() {
            return (read_category(value), dates.earlier);
        }
        if let Some(ages) = super::age_check::yes_ages(name)
            && let Some(reading) = read_check(ages, value)
        {
            return (reading, dates.earlier);
        }
    }
    age::read_dated(role, value, dates)
}

/// What `value` of a school column of kind `kind` (`Grade`, `Class of`:
/// [`super::school_year`]) says on `date`: a school year its ages; under a grades or
/// school-leaving header an age group (`Schüler`) its ages and any other value nothing
/// (a blank: most values were school years), and under a class header (`Class`, `Year`)
/// too, unless the header (field `name`) also sorts people into categories (`Class`),
/// whose column may hold age groups instead: `None`, read on as such.
fn read_school(
    kind: super::school_year::SchoolHeader,
    name: &str,
    value: &Value,
    date: NaiveDate,
) -> Option<AgeReading> {
    use chrono::Datelike;
    let text = match value {
        Value::Text(t) => Some(t.clone()),
        Value::Integer(n) => Some(n.to_string()),
        _ => None,
    };
    let grade = text
        .as_deref()
        .and_then(|t| super::school_year::read(kind, t, date.year()));
    match (grade, kind) {
        (Some(g), _) => Some(AgeReading::Years {
            youngest: g.youngest,
            oldest: g.oldest,
        }),
        (None, super::school_year::SchoolHeader::Classes) if group_header(name).is_some() => None,
        // A pupil word (`Schüler`, `collégien`) beside the school years.
        (None, _) => Some(read_category(value)),
    }
}

/// What a yes/no `value` of an age check or age-group flag (`Age verified`, `Senior`:
/// [`super::age_check`]) whose yes allows `ages` says: a yes (also `verified`,
/// `passed`, `confirmed`) those ages, a no (also `unverified`, `pending`, `failed`)
/// nothing, as a blank; `None` for any other value, read as an age field's value is.
pub fn read_check((youngest, oldest): (i64, i64), value: &Value) -> Option<AgeReading> {
    let word = match value {
        Value::Text(t) => Some(t.trim().to_lowercase()),
        _ => None,
    };
    let yes = match word.as_deref() {
        Some("verified" | "passed" | "pass" | "confirmed" | "ok" | "approved" | "sim") => true,
        Some(
            "unverified" | "not verified" | "pending" | "failed" | "fail" | "nee" | "nao" | "não"
            | "none" | "-",
        ) => false,
        _ => said(value).ok()?,
    };
    Some(if yes {
        AgeReading::Years { youngest, oldest }
    } else {
        AgeReading::Blank
    })
}

#[cfg(test)]
#[path = "minor_flag_tests.rs"]
mod tests;
