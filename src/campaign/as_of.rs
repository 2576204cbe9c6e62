//! The as-of date as people type it: `YYYY-MM-DD`, the year in four digits, from 1900
//! to 2199.
//!
//! chrono reads `26-01-01` as the year 26 (its `%Y` takes any number of digits), so a
//! two-digit year, almost always a typo for 2026, moved every relative rule and the
//! minor check two thousand years back, silently (new-user trial 6, G11). Years before
//! 1900 or after 2199 are refused too: no campaign plans from them. Called by the CLI
//! for `--as-of` and `TACTFUL_TODAY`, by the TUI's campaign settings and by campaign
//! files ([`super::code`]), so every route refuses the same dates with the same words.

use chrono::{Datelike, NaiveDate};

/// The years an as-of date may have.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// Why a text is no as-of date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AsOfError {
    #[error("`{given}` has a {digits}-digit year; write it in full, as in {suggestion}")]
    ShortYear {
        given: String,
        digits: usize,
        suggestion: String,
    },
    #[error("`{given}` is not a date; write YYYY-MM-DD, as in 2026-01-31")]
    NotADate { given: String },
    #[error("`{given}` is in the year {year}; an as-of date is between 1900 and 2199")]
    OutOfRange { given: String, year: i32 },
}

/// The date `text` (trimmed) names.
///
/// Errors: [`AsOfError::ShortYear`] for a year of fewer than four digits (the
/// suggestion reads a year under 100 as this century: `26-01-01` → `2026-01-01`),
/// [`AsOfError::NotADate`] for text that is no calendar date in `YYYY-MM-DD`
/// (`2026-02-30`), [`AsOfError::OutOfRange`] for a year outside [`YEARS`].
pub fn parse(text: &str) -> Result<NaiveDate, AsOfError> {
    let given = crate::text::for_terminal(text.trim()).into_owned();
    let text = text.trim();
    let year = text.split('-').next().unwrap_or_default();
    if (1..4).contains(&year.len()) && year.bytes().all(|b| b.is_ascii_digit()) {
        let rest = &text[year.len()..];
        let suggestion = match year.parse::<i32>() {
            Ok(n) if n < 100 => format!("{}{rest}", 2000 + n),
            _ => format!("YYYY{rest}"),
        };
        return Err(AsOfError::ShortYear {
            given,
            digits: year.len(),
            suggestion,
        });
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| AsOfError::NotADate {
        given: given.clone(),
    })?;
    if !YEARS.contains(&date.year()) {
        return Err(AsOfError::OutOfRange {
            given,
            year: date.year(),
        });
    }
    Ok(date)
}

/// [`parse`] for serde: a campaign file's `as_of`, absent or a string.
///
/// Errors: the [`AsOfError`] sentence, as the file's error.
pub fn deserialize<'de, D>(deserializer: D) -> Result<Option<NaiveDate>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let text: Option<String> = serde::Deserialize::deserialize(deserializer)?;
    text.map(|t| parse(&t).map_err(serde::de::Error::custom))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn four_digit_years_in_range_are_dates() {
        assert_eq!(parse("2026-01-01"), Ok(day(2026, 1, 1)));
        assert_eq!(parse(" 1900-01-01 "), Ok(day(1900, 1, 1)));
        assert_eq!(parse("2199-12-31"), Ok(day(2199, 12, 31)));
    }

    /// New-user trial 6, G11: `26-01-01` was the year 26.
    #[test]
    fn short_years_are_refused_with_the_year_in_full() {
        assert_eq!(
            parse("26-01-01").unwrap_err().to_string(),
            "`26-01-01` has a 2-digit year; write it in full, as in 2026-01-01"
        );
        assert_eq!(
            parse("026-01-01"),
            Err(AsOfError::ShortYear {
                given: "026-01-01".into(),
                digits: 3,
                suggestion: "2026-01-01".into(),
            })
        );
        assert_eq!(
            parse("5-1-1").unwrap_err().to_string(),
            "`5-1-1` has a 1-digit year; write it in full, as in 2005-1-1"
        );
        assert_eq!(
            parse("202-01-01").unwrap_err().to_string(),
            "`202-01-01` has a 3-digit year; write it in full, as in YYYY-01-01"
        );
    }

    #[test]
    fn other_years_and_non_dates_are_refused() {
        assert_eq!(
            parse("0026-01-01").unwrap_err().to_string(),
            "`0026-01-01` is in the year 26; an as-of date is between 1900 and 2199"
        );
        assert!(matches!(
            parse("1899-12-31"),
            Err(AsOfError::OutOfRange { year: 1899, .. })
        ));
        assert!(matches!(
            parse("2200-01-01"),
            Err(AsOfError::OutOfRange { year: 2200, .. })
        ));
        // chrono reads a year of five digits only with a sign (`+99999`).
        for text in [
            "2026-02-30",
            "today",
            "",
            "01/02/2026",
            "2026-01-01x",
            "99999-01-01",
        ] {
            assert!(
                matches!(parse(text), Err(AsOfError::NotADate { .. })),
                "{text:?}"
            );
        }
    }
}
