//! The minor check: what each age field (role date of birth, birth year or age) says
//! about a contact's age on the as-of date and today ([`AgeDates`]), and what they say
//! together.
//!
//! Every field with one of those roles is read, not only the first: a file with both a
//! birth date and an age gives two signals. Each signal gives the range of ages it
//! allows (a birth year allows two; a day/month-ambiguous date at most two; a range such
//! as `13-17` its ends). When signals disagree, the youngest plausible age decides: a
//! contact is a minor when any readable field says it may be younger than the minor age
//! (GDPR Art. 8 protects children; a check that lets the older reading win would let a
//! child through on a typo). A value that is not plausible (a date of birth after the
//! as-of date, an age over [`MAX_PLAUSIBLE_AGE`]) is no signal at all, so a future birth
//! date never overrides `Age = 10`.
//!
//! A field that holds something (not blank) that cannot be read as a plausible age makes
//! the contact "age unknown" unless another field already makes it a minor: the check
//! could not judge it, and review says how many recipients that is (a blocker that may be
//! accepted with a written reason). An unreadable value never switches the check off
//! quietly. A birthday without a year (`05/14`: [`super::birthday`]) is no age
//! information at all, read as a blank. Called by [`super::walk`] for every contact, so reading allocates only for
//! text values; [`describe`] words it for `explain`.

use chrono::{Datelike, NaiveDate};

use super::age_group;
use super::age_text::{parse_age, parse_date, parse_year};
use super::birthday;
use crate::fields::value::Value;
use crate::fields::{Field, Role};

/// Oldest age that is plausible, in years (the oldest verified human lived to 122; a
/// larger age is a typo or a placeholder date such as 1900-01-01).
pub const MAX_PLAUSIBLE_AGE: i64 = 120;

/// Age fields read per contact at most; more are ignored (no real file has them).
pub const MAX_AGE_FIELDS: usize = 64;

/// Why a non-blank value says nothing about age.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// Not a date, a year or an age.
    NotAnAge,
    /// A date of birth or birth year after the as-of date.
    Future,
    /// Older than [`MAX_PLAUSIBLE_AGE`].
    TooOld,
}

impl Unreadable {
    /// A phrase for people.
    pub fn describe(self) -> &'static str {
        match self {
            Unreadable::NotAnAge => {
                "cannot be read as an age (not a date with a four-digit year, a year, a number of years or an age group such as `Teen` or `under 18`)"
            }
            Unreadable::Future => "is after the as-of date, so it is not plausible",
            Unreadable::TooOld => "makes the contact older than 120, so it is not plausible",
        }
    }
}

/// What one field's value says about the contact's age on the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgeReading {
    /// A blank value: says nothing, and is no problem.
    Blank,
    /// The ages in whole years the value allows, youngest first.
    Years { youngest: i64, oldest: i64 },
    /// A value that is there but is not a plausible age.
    Unreadable(Unreadable),
}

fn from_dates(dates: &[NaiveDate], as_of: NaiveDate) -> AgeReading {
    let mut out: Option<(i64, i64)> = None;
    let mut problem = Unreadable::NotAnAge;
    for &d in dates {
        match as_of.years_since(d).map(i64::from) {
            None => problem = Unreadable::Future,
            Some(age) if age > MAX_PLAUSIBLE_AGE => problem = Unreadable::TooOld,
            Some(age) => {
                out = Some(out.map_or((age, age), |(y, o)| (y.min(age), o.max(age))));
            }
        }
    }
    match out {
        Some((youngest, oldest)) => AgeReading::Years { youngest, oldest },
        None => AgeReading::Unreadable(problem),
    }
}

fn from_year(year: i64, as_of: NaiveDate) -> AgeReading {
    let oldest = i64::from(as_of.year()).saturating_sub(year);
    if oldest < 0 {
        return AgeReading::Unreadable(Unreadable::Future);
    }
    if oldest > MAX_PLAUSIBLE_AGE {
        return AgeReading::Unreadable(Unreadable::TooOld);
    }
    // Born in that year: the birthday may still be ahead on the as-of date.
    AgeReading::Years {
        youngest: (oldest - 1).max(0),
        oldest,
    }
}

fn from_ages(youngest: i64, oldest: i64) -> AgeReading {
    if youngest < 0 || oldest < youngest {
        return AgeReading::Unreadable(Unreadable::NotAnAge);
    }
    if youngest > MAX_PLAUSIBLE_AGE {
        return AgeReading::Unreadable(Unreadable::TooOld);
    }
    AgeReading::Years {
        youngest,
        oldest: oldest.min(MAX_PLAUSIBLE_AGE),
    }
}

fn whole(f: f64) -> Option<i64> {
    (f.is_finite() && f.abs() < 1e12).then(|| f.floor() as i64)
}

/// What `value` of a field with `role` says about age on `as_of`. Roles other than date
/// of birth, birth year and age say nothing ([`AgeReading::Blank`]).
pub fn read(role: Role, value: &Value, as_of: NaiveDate) -> AgeReading {
    use AgeReading::Unreadable as No;
    if value.is_blank() {
        return AgeReading::Blank;
    }
    let not_an_age = No(Unreadable::NotAnAge);
    match (role, value) {
        (Role::DateOfBirth, Value::Date(d)) => from_dates(&[*d], as_of),
        (Role::DateOfBirth, Value::Datetime(d)) => from_dates(&[d.date_naive()], as_of),
        // A birthday without a year (`05/14`, Mailchimp's), or a month alone (`May`,
        // `févr.`), says nothing about age.
        (Role::DateOfBirth | Role::BirthYear, Value::Text(s))
            if birthday::without_year(s) || birthday::month_name(s) =>
        {
            AgeReading::Blank
        }
        // A bare year (`2010`) in a date-of-birth column is a birth year.
        (Role::DateOfBirth, Value::Text(s)) => match parse_year(s) {
            Some(y) => from_year(y, as_of),
            None => parse_date(s).map_or(not_an_age, |dates| from_dates(&dates, as_of)),
        },
        (Role::DateOfBirth, Value::Integer(y)) if (1000..=9999).contains(y) => from_year(*y, as_of),
        (Role::DateOfBirth, Value::Decimal(f))
            if f.fract() == 0.0 && (1000.0..=9999.0).contains(f) =>
        {
            from_year(*f as i64, as_of)
        }
        // `20140605` stored as a number.
        (Role::DateOfBirth, Value::Integer(i)) => {
            parse_date(&i.to_string()).map_or(not_an_age, |dates| from_dates(&dates, as_of))
        }
        (Role::BirthYear, Value::Integer(y)) => from_year(*y, as_of),
        (Role::BirthYear, Value::Decimal(f)) if f.fract() == 0.0 => {
            whole(*f).map_or(not_an_age, |y| from_year(y, as_of))
        }
        (Role::BirthYear, Value::Text(s)) => match parse_year(s) {
            Some(y) => from_year(y, as_of),
            None => parse_date(s).map_or(not_an_age, |dates| from_dates(&dates, as_of)),
        },
        (Role::BirthYear, Value::Date(d)) => from_dates(&[*d], as_of),
        (Role::Age, Value::Integer(n)) => from_ages(*n, *n),
        (Role::Age, Value::Decimal(f)) => whole(*f).map_or(not_an_age, |n| from_ages(n, n)),
        (Role::Age, Value::Text(s)) => parse_age(s)
            .or_else(|| age_group::parse(s).map(|g| (g.youngest, g.oldest)))
            .map_or(not_an_age, |(y, o)| from_ages(y, o)),
        (Role::DateOfBirth | Role::BirthYear | Role::Age, _) => not_an_age,
        _ => AgeReading::Blank,
    }
}

/// The dates the minor check reads ages on: the earlier of the campaign's as-of date
/// and today, and today.
///
/// A minor on either date is a minor. A far as-of date must not turn today's children
/// into adults, and a past one must not turn them into "age unknown": someone born
/// after a past as-of date (`--as-of 2010-01-01`, born 2014) is no one on that date,
/// but is a child today (a new-user trial let such a child through once review's
/// `age_unknown` was accepted).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgeDates {
    /// The earlier of the as-of date and today.
    pub earlier: NaiveDate,
    pub today: NaiveDate,
}

impl AgeDates {
    /// The dates for a campaign run as of `as_of` on `today`.
    pub fn new(as_of: NaiveDate, today: NaiveDate) -> Self {
        AgeDates {
            earlier: as_of.min(today),
            today,
        }
    }
}

/// What `value` of a field with `role` says about age on either of `dates`, and the
/// date it was read on: the earlier date, whose ages are the younger, so a minor on
/// either date is a minor on it; today when the value is after the earlier date (born
/// after a past as-of date), which says nothing on that date but may say "child" today.
pub fn read_dated(role: Role, value: &Value, dates: AgeDates) -> (AgeReading, NaiveDate) {
    match read(role, value, dates.earlier) {
        AgeReading::Unreadable(Unreadable::Future) if dates.earlier < dates.today => {
            (read(role, value, dates.today), dates.today)
        }
        reading => (reading, dates.earlier),
    }
}

/// What the minor check decided for one contact, from all its age fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AgeCheck {
    /// The youngest plausible age any readable field allows, and the index of the first
    /// field that allows it (in the order the fields were given).
    pub youngest: Option<(i64, usize)>,
    /// Bit `i` set: field `i` holds a value that is not a plausible age.
    pub unreadable: u64,
    /// Whether the contact is a known minor: the youngest plausible age is below the
    /// minor age.
    pub minor: bool,
}

impl AgeCheck {
    /// Whether the check could not judge the contact: some age field holds a value that
    /// is not a plausible age, and no readable field makes the contact a minor.
    pub fn unknown(&self) -> bool {
        !self.minor && self.unreadable != 0
    }
}

/// Decide from `readings` (one per age field, in order) with minor age `minor_age`.
pub fn assess(readings: impl IntoIterator<Item = AgeReading>, minor_age: u32) -> AgeCheck {
    let mut check = AgeCheck::default();
    for (i, reading) in readings.into_iter().enumerate().take(MAX_AGE_FIELDS) {
        match reading {
            AgeReading::Blank => {}
            AgeReading::Years { youngest, .. } => {
                if check.youngest.is_none_or(|(y, _)| youngest < y) {
                    check.youngest = Some((youngest, i));
                }
            }
            AgeReading::Unreadable(_) => check.unreadable |= 1 << i,
        }
    }
    check.minor = check
        .youngest
        .is_some_and(|(y, _)| y < i64::from(minor_age));
    check
}

/// The fields the minor check reads, in workspace order (at most [`MAX_AGE_FIELDS`]):
/// every date of birth, birth year and age field, and tags fields too, since a tag that
/// names an age group (`teen`, `u16`) is an age signal; and a parent's or guardian's
/// contact whatever its role (`Guardian email`: [`super::guardian`]).
pub fn age_fields(fields: &[Field]) -> Vec<Field> {
    fields
        .iter()
        .filter(|f| {
            matches!(
                f.role,
                Role::DateOfBirth | Role::BirthYear | Role::Age | Role::Tags
            ) || super::guardian::is_guardian_contact(&f.name)
        })
        .take(MAX_AGE_FIELDS)
        .cloned()
        .collect()
}

/// One field's reading in words for `explain`: "field `dob` (date of birth) 2030-01-01
/// is after the as-of date, so it is not plausible", "field `age` (age) `12 years`: 12".
pub fn describe(field: &str, role: Role, value: &Value, reading: AgeReading) -> String {
    let what = if super::guardian::is_guardian_contact(field) {
        "a parent's or guardian's contact: a child's record".to_string()
    } else {
        role.as_str().replace('_', " ")
    };
    let shown = crate::text::for_terminal(&value.display()).into_owned();
    match reading {
        AgeReading::Blank => format!("field `{field}` ({what}) is blank"),
        AgeReading::Unreadable(why) => {
            format!("field `{field}` ({what}) `{shown}` {}", why.describe())
        }
        AgeReading::Years { youngest, oldest } if youngest == oldest => {
            format!("field `{field}` ({what}) `{shown}`: {youngest} years old")
        }
        AgeReading::Years { youngest, oldest } => {
            format!("field `{field}` ({what}) `{shown}`: {youngest} to {oldest} years old")
        }
    }
}

#[cfg(test)]
#[path = "age_tests.rs"]
mod tests;
