//! Unit tests of [`super`]: ages worked out by hand for the as-of dates named.

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const AS_OF: fn() -> NaiveDate = || day(2026, 11, 1);

#[test]
fn each_role_reads_its_values() {
    let as_of = AS_OF();
    let years = |y, o| AgeReading::Years {
        youngest: y,
        oldest: o,
    };
    // Turns 16 on the as-of date.
    assert_eq!(
        read(Role::DateOfBirth, &Value::Date(day(2010, 11, 1)), as_of),
        years(16, 16)
    );
    // 2010-11-02 is one day short of 16.
    assert_eq!(
        read(Role::DateOfBirth, &Value::Text("02/11/2010".into()), as_of),
        // Day first: 2 Nov 2010 → 15; month first: 11 Feb 2010 → 16.
        years(15, 16)
    );
    assert_eq!(
        read(Role::BirthYear, &Value::Integer(2011), as_of),
        years(14, 15)
    );
    assert_eq!(
        read(Role::Age, &Value::Text("12 years".into()), as_of),
        years(12, 12)
    );
    assert_eq!(read(Role::Age, &Value::Decimal(12.9), as_of), years(12, 12));
    assert_eq!(read(Role::Age, &Value::Null, as_of), AgeReading::Blank);
    assert_eq!(
        read(Role::Age, &Value::Text("  ".into()), as_of),
        AgeReading::Blank
    );
    assert_eq!(
        read(Role::None, &Value::Integer(3), as_of),
        AgeReading::Blank
    );
}

#[test]
fn implausible_values_say_nothing() {
    let as_of = AS_OF();
    let no = AgeReading::Unreadable;
    assert_eq!(
        read(Role::DateOfBirth, &Value::Date(day(2030, 1, 1)), as_of),
        no(Unreadable::Future)
    );
    assert_eq!(
        read(Role::DateOfBirth, &Value::Date(day(1900, 1, 1)), as_of),
        no(Unreadable::TooOld)
    );
    assert_eq!(
        read(Role::BirthYear, &Value::Integer(2030), as_of),
        no(Unreadable::Future)
    );
    assert_eq!(
        read(Role::BirthYear, &Value::Integer(i64::MIN), as_of),
        no(Unreadable::TooOld)
    );
    assert_eq!(
        read(Role::Age, &Value::Integer(-3), as_of),
        no(Unreadable::NotAnAge)
    );
    assert_eq!(
        read(Role::Age, &Value::Integer(130), as_of),
        no(Unreadable::TooOld)
    );
    assert_eq!(
        read(Role::Age, &Value::Text("unknown".into()), as_of),
        no(Unreadable::NotAnAge)
    );
    assert_eq!(
        read(Role::DateOfBirth, &Value::Text("05/06/14".into()), as_of),
        no(Unreadable::NotAnAge)
    );
}

#[test]
fn the_youngest_plausible_age_decides() {
    let as_of = AS_OF();
    let dob = read(Role::DateOfBirth, &Value::Date(day(2030, 1, 1)), as_of);
    let age = read(Role::Age, &Value::Integer(10), as_of);
    // A future date of birth is no signal: the age decides, and the contact is a
    // minor, not "unknown".
    let c = assess([dob, age], 16);
    assert_eq!(
        (c.minor, c.youngest, c.unknown()),
        (true, Some((10, 1)), false)
    );
    // Two readable signals: 30 and 14; 14 decides.
    let c = assess(
        [
            read(Role::Age, &Value::Integer(30), as_of),
            read(Role::BirthYear, &Value::Integer(2012), as_of),
        ],
        16,
    );
    assert_eq!((c.minor, c.youngest), (true, Some((13, 1))));
    // Adult by age, but the date of birth is unreadable: unknown.
    let c = assess([dob, read(Role::Age, &Value::Integer(30), as_of)], 16);
    assert_eq!((c.minor, c.unknown(), c.unreadable), (false, true, 0b01));
    // Nothing there: neither minor nor unknown.
    let c = assess([AgeReading::Blank], 16);
    assert!(!c.minor && !c.unknown());
}

#[test]
fn a_value_after_a_past_as_of_date_is_read_today() {
    let (as_of, today) = (day(2010, 1, 1), day(2026, 12, 7));
    let dates = AgeDates::new(as_of, today);
    let dob = |d| read_dated(Role::DateOfBirth, &Value::Date(d), dates);
    let years = |y| AgeReading::Years {
        youngest: y,
        oldest: y,
    };
    // Not born on 2010-01-01, 12 on 2026-12-07 (the trial's child).
    assert_eq!(dob(day(2014, 1, 1)), (years(12), today));
    // Born 2005-03-03: 4 on the as-of date (the younger age), 21 today.
    assert_eq!(dob(day(2005, 3, 3)), (years(4), as_of));
    // After today as well: no age on either date.
    let future = AgeReading::Unreadable(Unreadable::Future);
    assert_eq!(dob(day(2030, 1, 1)), (future, today));
    // A later as-of date reads on today alone.
    let later = AgeDates::new(day(2040, 1, 1), today);
    assert_eq!(
        read_dated(Role::DateOfBirth, &Value::Date(day(2014, 1, 1)), later),
        (years(12), today)
    );
}

#[test]
fn the_minor_age_is_a_campaign_setting() {
    let fourteen = [read(Role::Age, &Value::Integer(14), AS_OF())];
    assert!(assess(fourteen, 16).minor);
    assert!(assess(fourteen, 15).minor);
    assert!(!assess(fourteen, 14).minor);
    assert!(!assess(fourteen, 13).minor);
}

/// By hand on 2026-11-01: a bare year in a date-of-birth column is a birth year, born
/// in 2010 → 15 or 16 (trial, session 9: it was "age unknown"); `20140605` is still a
/// date (12).
#[test]
fn a_year_alone_in_a_date_of_birth_column_is_a_birth_year() {
    let as_of = AS_OF();
    let years = |y, o| AgeReading::Years {
        youngest: y,
        oldest: o,
    };
    for value in [
        Value::Text("2010".into()),
        Value::Text(" 2010 ".into()),
        Value::Integer(2010),
        Value::Decimal(2010.0),
    ] {
        assert_eq!(
            read(Role::DateOfBirth, &value, as_of),
            years(15, 16),
            "{value:?}"
        );
    }
    assert_eq!(
        read(Role::DateOfBirth, &Value::Integer(20140605), as_of),
        years(12, 12)
    );
    assert_eq!(
        read(Role::DateOfBirth, &Value::Integer(2030), as_of),
        AgeReading::Unreadable(Unreadable::Future)
    );
}

/// By hand: age groups in an age column read as `super::age_group` reads them.
#[test]
fn age_groups_in_an_age_column() {
    let as_of = AS_OF();
    let text = |s: &str| read(Role::Age, &Value::Text(s.into()), as_of);
    assert_eq!(
        text("Under 18"),
        AgeReading::Years {
            youngest: 0,
            oldest: 17
        }
    );
    assert_eq!(
        text("Teen"),
        AgeReading::Years {
            youngest: 13,
            oldest: 19
        }
    );
    assert_eq!(text("Retail"), AgeReading::Unreadable(Unreadable::NotAnAge));
}
