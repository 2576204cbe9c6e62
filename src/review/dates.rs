//! Findings about the campaign's dates: an as-of date far from today (`as_of_far`).
//!
//! Every relative rule ("within last 90 days") counts from the as-of date, so an as-of
//! date ten years ahead turns "recent buyers" into nobody without any other finding
//! noticing (issue 10, item 6). The minor check reads ages on the as-of date when it
//! is earlier and on today ([`crate::campaign::prepare::Prepared::minor_dates`]), so a
//! far date cannot turn today's children into adults.

use chrono::NaiveDate;

use super::{Finding, Severity};

/// Largest distance, in days, between the as-of date and today that needs no warning:
/// a month either way covers planning a campaign ahead or re-running last month's.
pub const AS_OF_TOLERANCE_DAYS: i64 = 31;

/// `as_of_far` (warning) when `as_of` is more than [`AS_OF_TOLERANCE_DAYS`] days before
/// or after `today`.
pub fn as_of_far(as_of: NaiveDate, today: NaiveDate) -> Option<Finding> {
    let days = (as_of - today).num_days();
    if days.abs() <= AS_OF_TOLERANCE_DAYS {
        return None;
    }
    let (n, direction) = if days > 0 {
        (days, "after")
    } else {
        (-days, "before")
    };
    Some(Finding::new(
        "as_of_far",
        Severity::Warning,
        format!(
            "the as-of date {as_of} is {n} days {direction} today ({today}): every relative rule counts from it, so \"last N days\" is off by as much (the minor check reads ages on today, and on it when it is earlier); check --as-of or the campaign's as_of"
        ),
        vec![format!("as of {as_of}"), format!("today {today}")],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_month_either_way_is_fine_more_is_a_warning() {
        let today = d(2026, 11, 1);
        // 2026-12-02 is 31 days after 2026-11-01 (30 days of November + 1).
        assert!(as_of_far(d(2026, 12, 2), today).is_none());
        assert!(as_of_far(d(2026, 10, 1), today).is_none());
        let f = as_of_far(d(2026, 12, 3), today).unwrap();
        assert!(f.message.contains("32 days after"), "{}", f.message);
        assert_eq!(f.severity, Severity::Warning);
        // 2026-09-30 is 32 days before (1 of September + 31 of October).
        assert!(
            as_of_far(d(2026, 9, 30), today)
                .unwrap()
                .message
                .contains("32 days before")
        );
        // Ten years ahead: 10 × 365 days plus the leap days 2028-02-29, 2032-02-29
        // and 2036-02-29, so 3 653 days.
        let f = as_of_far(d(2036, 11, 1), today).unwrap();
        assert!(
            f.message.contains("2036-11-01 is 3653 days after"),
            "{}",
            f.message
        );
        assert_eq!(f.items, ["as of 2036-11-01", "today 2026-11-01"]);
    }
}
