//! Dates and datetimes as exports write them.
//!
//! Date forms (issue 9 lists the first of each family):
//! - year first: `2024-11-20`, `2024/11/20`, `2024.11.20`; compact `20241120` (only in
//!   a column whose name speaks of a date, see `super::ColumnStats`);
//! - day and month as numbers, in an order the column decides: `20/11/2024`,
//!   `11/20/2024`, `20.11.2024`, `1-2-2024`;
//! - month names in English: `Nov 20, 2024`, `November 20th 2024`, `20 Nov 2024`,
//!   `20-Nov-2024`, `Wed, 20 Nov 2024`.
//!
//! Any of them may be followed by a time (after `T` or spaces, or `, ` / ` at ` after a
//! month name): `10:11`, `10:11:12`, `10:11:12.123`, `3:45 PM`, then an offset: `Z`,
//! `UTC`, `GMT`, `+01:00`, `+0100`, `+01`. A time with an offset is converted to UTC; a
//! time without one is taken as written, never shifted by the machine's time zone
//! (case BR-35).

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat};

use super::DateOrder;

/// The date of a value: known, or two numbers whose order the column decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePart {
    Known(NaiveDate),
    /// `first/second/year` as written.
    DayMonth {
        first: u32,
        second: u32,
        year: i32,
    },
}

/// A value read as a date, perhaps with a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Temporal {
    pub date: DatePart,
    /// The time of day, and the offset east of UTC in seconds when one was written.
    pub time: Option<(NaiveTime, Option<i32>)>,
    /// Written as `YYYYMMDD`, which is also an integer.
    pub compact: bool,
}

impl Temporal {
    /// The calendar date, reading day/month values in `order`.
    pub fn date(&self, order: Option<DateOrder>) -> Option<NaiveDate> {
        match self.date {
            DatePart::Known(d) => Some(d),
            DatePart::DayMonth {
                first,
                second,
                year,
            } => match order? {
                DateOrder::Dmy => NaiveDate::from_ymd_opt(year, second, first),
                DateOrder::Mdy => NaiveDate::from_ymd_opt(year, first, second),
                DateOrder::Ymd => None,
            },
        }
    }

    /// The storage form of a datetime: RFC 3339 in UTC with `Z`, fractional seconds
    /// only when written; a date alone is its midnight.
    pub fn datetime(&self, order: Option<DateOrder>) -> Option<String> {
        let (time, offset) = self.time.unwrap_or((NaiveTime::MIN, None));
        let local = NaiveDateTime::new(self.date(order)?, time);
        let utc = local - Duration::seconds(i64::from(offset.unwrap_or(0)));
        Some(utc.and_utc().to_rfc3339_opts(SecondsFormat::AutoSi, true))
    }
}

/// Read `value` as one of the forms in the module header.
pub fn parse_temporal(value: &str) -> Option<Temporal> {
    let v = value.trim();
    if v.len() == 8 && v.bytes().all(|b| b.is_ascii_digit()) {
        let date = ymd(&v[..4], &v[4..6], &v[6..])?;
        return Some(Temporal {
            date: DatePart::Known(date),
            time: None,
            compact: true,
        });
    }
    if let Some((date, rest)) = numeric_date(v) {
        let time = match rest {
            "" => None,
            r => Some(parse_time(
                r.strip_prefix('T')
                    .filter(|_| matches!(date, DatePart::Known(_)))
                    .or_else(|| r.strip_prefix(char::is_whitespace))?,
            )?),
        };
        return Some(Temporal {
            date,
            time,
            compact: false,
        });
    }
    month_name_date(v)
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// `YYYY-MM-DD` (also `/` `.`) or `a/b/YYYY` (also `.` `-`) at the start of `v`, and
/// what follows it.
fn numeric_date(v: &str) -> Option<(DatePart, &str)> {
    let end = v
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '/' | '.')))
        .unwrap_or(v.len());
    let (head, rest) = v.split_at(end);
    let sep = head.chars().find(|c| !c.is_ascii_digit())?;
    let parts: Vec<&str> = head.split(sep).collect();
    let [a, b, c] = parts[..] else {
        return None;
    };
    let small = |s: &str| (1..=2).contains(&s.len());
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|x| x.is_ascii_digit());
    if !(digits(a) && digits(b) && digits(c)) {
        return None;
    }
    if a.len() == 4 && small(b) && small(c) {
        return Some((DatePart::Known(ymd(a, b, c)?), rest));
    }
    if small(a) && small(b) && c.len() == 4 {
        let date = DatePart::DayMonth {
            first: a.parse().ok()?,
            second: b.parse().ok()?,
            year: c.parse().ok()?,
        };
        return Some((date, rest));
    }
    None
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// `jan`, `January`, `Sept`, `Nov.` → 1..=12.
fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    (0..12)
        .find(|&i| w == MONTHS[i] || w == full[i] || (i == 8 && w == "sept"))
        .map(|i| i as u32 + 1)
}

/// `20`, `20th`, `1st`, `20.` → the day number.
fn day(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !(1..=2).contains(&digits.len())
        || !matches!(
            suffix.to_ascii_lowercase().as_str(),
            "" | "st" | "nd" | "rd" | "th"
        )
    {
        return None;
    }
    digits.parse().ok()
}

/// `Nov 20, 2024`, `20 Nov 2024`, `20-Nov-2024`, `Wed, 20 Nov 2024`, then a time.
fn month_name_date(v: &str) -> Option<Temporal> {
    let mut words: Vec<&str> = Vec::new();
    for w in v.split(|c: char| c.is_whitespace() || c == ',') {
        if w.is_empty() {
            continue;
        }
        // `20-Nov-2024` (Excel) is one word; offsets like `-0500` have no letters.
        if words.len() < 3 && w.contains('-') && w.chars().any(|c| c.is_ascii_alphabetic()) {
            words.extend(w.split('-').filter(|p| !p.is_empty()));
        } else {
            words.push(w);
        }
    }
    if words.first().is_some_and(|w| {
        let w = w.trim_end_matches('.').to_ascii_lowercase();
        WEEKDAYS.iter().any(|d| w.starts_with(d))
    }) {
        words.remove(0);
    }
    if words.len() < 3 {
        return None;
    }
    let (m, d) = match (month(words[0]), month(words[1])) {
        (Some(m), None) => (m, day(words[1])?),
        (None, Some(m)) => (m, day(words[0])?),
        _ => return None,
    };
    let year = words[2];
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year.parse().ok()?, m, d)?;
    let rest: Vec<&str> = words[3..]
        .iter()
        .copied()
        .skip_while(|w| w.eq_ignore_ascii_case("at"))
        .collect();
    let time = if rest.is_empty() {
        None
    } else {
        Some(parse_time(&rest.join(" "))?)
    };
    Some(Temporal {
        date: DatePart::Known(date),
        time,
        compact: false,
    })
}

/// `H:MM[:SS[.fff]]`, then `AM`/`PM` and an offset, each after optional spaces.
fn parse_time(s: &str) -> Option<(NaiveTime, Option<i32>)> {
    let s = s.trim();
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, ':' | '.')))
        .unwrap_or(s.len());
    let (clock, rest) = s.split_at(end);
    let (hms, frac) = match clock.split_once('.') {
        Some((h, f)) if !f.is_empty() && f.len() <= 9 && f.bytes().all(|b| b.is_ascii_digit()) => {
            (h, Some(f))
        }
        Some(_) => return None,
        None => (clock, None),
    };
    let parts: Vec<&str> = hms.split(':').collect();
    let two = |p: &str| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit());
    let (h, m, sec) = match parts[..] {
        [h, m] if (1..=2).contains(&h.len()) && two(m) => (h, m, "0"),
        [h, m, sec] if (1..=2).contains(&h.len()) && two(m) && two(sec) => (h, m, sec),
        _ => return None,
    };
    let (mut hour, minute, second): (u32, u32, u32) =
        (h.parse().ok()?, m.parse().ok()?, sec.parse().ok()?);
    let mut rest = rest.trim_start();
    let meridiem = ["am", "a.m.", "pm", "p.m."].iter().find(|m| {
        rest.get(..m.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(m))
    });
    if let Some(m) = meridiem {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = hour % 12 + if m.starts_with('p') { 12 } else { 0 };
        rest = rest[m.len()..].trim_start();
    }
    let nanos = match frac {
        Some(f) => f.parse::<u32>().ok()? * 10u32.pow(9 - f.len() as u32),
        None => 0,
    };
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    Some((time, offset(rest)?))
}

/// `""` (none), `Z`, `UTC`, `GMT`, `+01:00`, `+0100`, `+01` → seconds east of UTC.
fn offset(s: &str) -> Option<Option<i32>> {
    if s.is_empty() {
        return Some(None);
    }
    if ["z", "utc", "gmt"]
        .iter()
        .any(|z| s.eq_ignore_ascii_case(z))
    {
        return Some(Some(0));
    }
    let (sign, rest) = match s.as_bytes()[0] {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|&c| c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || rest.matches(':').count() > 1 {
        return None;
    }
    let (h, m) = match digits.len() {
        2 => (&digits[..2], "0"),
        4 => (&digits[..2], &digits[2..]),
        _ => return None,
    };
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 14 && m < 60).then_some(Some(sign * (h * 3600 + m * 60)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(value: &str, order: Option<DateOrder>) -> Option<String> {
        parse_temporal(value)?.datetime(order)
    }

    fn date(value: &str) -> Option<NaiveDate> {
        parse_temporal(value)?.date(None)
    }

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn the_forms_of_issue_9() {
        assert_eq!(
            utc("2024-11-20T10:11:12.123", None).as_deref(),
            Some("2024-11-20T10:11:12.123Z")
        );
        // 10:11:12 at +01:00 is 09:11:12 UTC.
        assert_eq!(
            utc("2024-11-20 10:11:12 +0100", None).as_deref(),
            Some("2024-11-20T09:11:12Z")
        );
        assert_eq!(date("20241120"), d(2024, 11, 20));
        assert!(parse_temporal("20241120").unwrap().compact);
        // 3:45 PM is 15:45; 11/20 only reads month first.
        assert_eq!(
            utc("11/20/2024 3:45 PM", Some(DateOrder::Mdy)).as_deref(),
            Some("2024-11-20T15:45:00Z")
        );
        assert_eq!(date("Nov 20, 2024"), d(2024, 11, 20));
    }

    #[test]
    fn families_of_each_form() {
        assert_eq!(
            utc("2024-11-20T10:11:12.5Z", None).as_deref(),
            Some("2024-11-20T10:11:12.500Z")
        );
        assert_eq!(
            utc("2024-11-20T10:11:12-05:00", None).as_deref(),
            Some("2024-11-20T15:11:12Z")
        );
        assert_eq!(
            utc("2024-11-20 23:30:00 +02", None).as_deref(),
            Some("2024-11-20T21:30:00Z")
        );
        assert_eq!(
            utc("2024-11-20 10:11 UTC", None).as_deref(),
            Some("2024-11-20T10:11:00Z")
        );
        assert_eq!(date("2024/11/20"), d(2024, 11, 20));
        assert_eq!(date("2024.1.5"), d(2024, 1, 5));
        assert_eq!(date("November 20th 2024"), d(2024, 11, 20));
        assert_eq!(date("20 Nov 2024"), d(2024, 11, 20));
        assert_eq!(date("20-Nov-2024"), d(2024, 11, 20));
        assert_eq!(date("Sept. 3, 2024"), d(2024, 9, 3));
        assert_eq!(
            utc("Wed, 20 Nov 2024 10:11:12 +0100", None).as_deref(),
            Some("2024-11-20T09:11:12Z")
        );
        assert_eq!(
            utc("Nov 20, 2024, 12:05 AM", None).as_deref(),
            Some("2024-11-20T00:05:00Z")
        );
        assert_eq!(
            utc("Nov 20, 2024 at 12:05 p.m.", None).as_deref(),
            Some("2024-11-20T12:05:00Z")
        );
        assert_eq!(
            utc("20.11.2024 15:45:12", Some(DateOrder::Dmy)).as_deref(),
            Some("2024-11-20T15:45:12Z")
        );
    }

    #[test]
    fn near_misses_are_not_dates() {
        for v in [
            "2024-13-01",
            "20241320",
            "2024-11-20T25:00",
            "11/20/2024 13:00 PM",
            "Nov 31, 2024",
            "Novel 20, 2024",
            "2024-11-20 10:11:12 +2500",
            "11/20/24",
            "1234567",
            "2024-11-20T",
            "20.11.2024T10:00",
            "Nov 20",
        ] {
            assert_eq!(parse_temporal(v), None, "{v}");
        }
        let ambiguous = parse_temporal("05/06/2014").unwrap();
        assert_eq!(ambiguous.date(None), None);
        assert_eq!(ambiguous.date(Some(DateOrder::Dmy)), d(2014, 6, 5));
        assert_eq!(ambiguous.date(Some(DateOrder::Mdy)), d(2014, 5, 6));
    }
}
