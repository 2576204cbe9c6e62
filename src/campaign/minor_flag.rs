//! The minor check's reading of a minor flag field (`Minor`, `U18`, `Under 18`: an age
//! field whose header is a flag, `fields::classify::minor_flag_age`).
//!
//! A flag's `yes` says the contact is under the flag's age, so a known minor (excluded
//! as one, and its addresses with it: `super::minor_addresses`); its `no` says the
//! contact is at least that age, an adult for the check unless another age field says
//! younger (the youngest plausible age decides, `super::age`); anything else is a value
//! the check cannot read, "age unknown" as before. Flags used to be read as ages, so a
//! flagged child was "age unknown" at best and a `1` was a one-year-old (new-user
//! trial, session 8). Called wherever an age field is read ([`read_field`]).

use chrono::NaiveDate;

use super::age::{self, AgeDates, AgeReading, MAX_PLAUSIBLE_AGE, Unreadable};
use crate::fields::Role;
use crate::fields::classify::minor_flag_age;
use crate::fields::value::Value;

/// What value `value` of minor flag field with age `under` says: yes (`true`, `1`,
/// `y`, `x`, `ja`, `oui`, `si`) → ages 0 to `under - 1`; no (`false`, `0`, `n`,
/// `nein`, `non`) → `under` to [`MAX_PLAUSIBLE_AGE`]; blank → nothing; else unreadable.
pub fn read(under: u32, value: &Value) -> AgeReading {
    let under = i64::from(under);
    let yes = match value {
        Value::Null => return AgeReading::Blank,
        Value::Boolean(b) => Some(*b),
        Value::Integer(1) => Some(true),
        Value::Integer(0) => Some(false),
        Value::Decimal(f) if *f == 1.0 => Some(true),
        Value::Decimal(f) if *f == 0.0 => Some(false),
        Value::Text(t) => match t.trim().to_lowercase().as_str() {
            "" => return AgeReading::Blank,
            "yes" | "y" | "true" | "1" | "x" | "ja" | "j" | "oui" | "si" | "sí" => Some(true),
            "no" | "n" | "false" | "0" | "nein" | "non" => Some(false),
            _ => None,
        },
        _ => None,
    };
    match yes {
        Some(true) => AgeReading::Years {
            youngest: 0,
            oldest: (under - 1).max(0),
        },
        Some(false) => AgeReading::Years {
            youngest: under,
            oldest: MAX_PLAUSIBLE_AGE,
        },
        None => AgeReading::Unreadable(Unreadable::NotAnAge),
    }
}

/// What age field `name` (role `role`) holding `value` says, and the date it was read
/// on: a minor flag's yes/no ([`read`], true on any date), any other field as
/// [`age::read_dated`] reads it.
pub fn read_field(
    name: &str,
    role: Role,
    value: &Value,
    dates: AgeDates,
) -> (AgeReading, NaiveDate) {
    match minor_flag_age(name).filter(|_| role == Role::Age) {
        Some(under) => (read(under, value), dates.earlier),
        None => age::read_dated(role, value, dates),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// By hand: under 18, yes is 0 to 17 years old, no 18 to 120.
    #[test]
    fn a_flag_reads_yes_and_no() {
        let minor = AgeReading::Years {
            youngest: 0,
            oldest: 17,
        };
        let adult = AgeReading::Years {
            youngest: 18,
            oldest: MAX_PLAUSIBLE_AGE,
        };
        for yes in [
            Value::Boolean(true),
            Value::Integer(1),
            Value::Text("X".into()),
            Value::Text(" y ".into()),
        ] {
            assert_eq!(read(18, &yes), minor, "{yes:?}");
        }
        for no in [
            Value::Boolean(false),
            Value::Integer(0),
            Value::Text("No".into()),
        ] {
            assert_eq!(read(18, &no), adult, "{no:?}");
        }
        assert_eq!(read(18, &Value::Text(String::new())), AgeReading::Blank);
        assert_eq!(
            read(18, &Value::Text("maybe".into())),
            AgeReading::Unreadable(Unreadable::NotAnAge)
        );
        assert_eq!(
            read(18, &Value::Integer(7)),
            read(18, &Value::Text("7".into()))
        );
    }
}
