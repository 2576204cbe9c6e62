//! A birthday written without a year (`05/14`, `14/05`, `14.05.`, `--05-14`, `14 May`,
//! `Mai 14`): the day someone celebrates, which says nothing about their age.
//!
//! Mailchimp's birthday field holds Month/Day and no year ("To import a birthday, be
//! sure to use the format Month/Day", Mailchimp, "Format List Fields"); other tools take
//! `DD.MM` or `MM-DD` when "the year is not included"; vCard 4 (RFC 6350 §4.3.1) and
//! ISO 8601 write a date without a year as `--MM-DD`. Such a value is no age
//! information, like a blank: the minor check reads it as nothing, not as "age
//! unknown" (session 10: a Mailchimp export made every contact age unknown, a review
//! blocker), and a column of nothing else is no date of birth at all
//! (`import::age_roles`), nor is a column of day or month numbers under a header that
//! says so (Constant Contact exports `Birthday Month` and `Birthday Day`). Two
//! numbers are a day and month when they are one in either order; a month and a
//! two-digit year (`05/14` for May 2014) is a shape nobody writes for a date of birth,
//! and three numbers (`05/06/14`) stay unreadable.

use super::age_text::{fold, month_number};

/// True when `text` is a day and a month with no year, in one of the forms above.
pub fn without_year(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.len() > 24 {
        return false;
    }
    if let Some(rest) = t.strip_prefix("--") {
        // `--05-14` or `--0514`.
        let digits: String = rest.chars().filter(|c| *c != '-').collect();
        return digits.len() == 4
            && digits.bytes().all(|b| b.is_ascii_digit())
            && day_month(&digits[..2], &digits[2..]);
    }
    let t = t.strip_suffix('.').unwrap_or(t);
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    if let [a, b] = parts.as_slice() {
        let a = a.trim();
        let b = b.trim();
        if day_month(a, b) || day_month(b, a) {
            return true;
        }
    }
    named(t)
}

/// Words that say a birth column holds only the day or the month (Constant Contact's
/// `Birthday Month` and `Birthday Day`, `Birth month`, `Mois de naissance`), as whole
/// header words; `monat`, `month` and `maand` also inside a compound (`Geburtsmonat`,
/// `Geboortemaand`). Not
/// `tag` inside a word: `Geburtstag` is a whole birthday.
const PART_WORDS: [&str; 13] = [
    "month", "day", "monat", "tag", "mois", "jour", "mes", "dia", "mese", "giorno", "maand", "dag",
    "mm",
];

/// True when `header` (of a birth column) names a day or a month of birth.
pub fn names_day_or_month(header: &str) -> bool {
    let folded = fold(header);
    folded.split(|c: char| !c.is_alphanumeric()).any(|w| {
        PART_WORDS.contains(&w)
            || w.ends_with("monat")
            || w.ends_with("month")
            || w.ends_with("maand")
    })
}

/// True when `value` is a day or a month number (`1` to `31`, one or two digits) or a
/// month's name (`May`, `Juni`, `févr.`, `Sept`: [`month_name`]): under a header that
/// [`names_day_or_month`], no year and so no age.
pub fn day_or_month_number(value: &str) -> bool {
    let v = value.trim();
    let number = (1..=2).contains(&v.len())
        && v.bytes().all(|b| b.is_ascii_digit())
        && v.parse::<u32>().is_ok_and(|n| (1..=31).contains(&n));
    number || month_name(v)
}

/// True when `value` is one month's name and nothing else, written out or abbreviated,
/// in any of the seven languages (`May`, `Juni`, `Mai`, `févr.`, `Jan`, `Sept.`,
/// `März`): Constant Contact's `Birthday Month` as some exports write it (third
/// new-user trial H9: `May` and `Juni` were dates of birth nobody could read, so every
/// contact was "age unknown"). A month alone says nothing about age.
pub fn month_name(value: &str) -> bool {
    let folded = fold(value.trim());
    let word = folded.strip_suffix('.').unwrap_or(&folded).trim();
    !word.is_empty() && month_number(word).is_some()
}

/// `month` and `day` as written are one to two digits and a real day of that month
/// (29 February included: a birthday, not a date of one year).
fn day_month(month: &str, day: &str) -> bool {
    let number = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (Some(m), Some(d)) = (number(month), number(day)) else {
        return false;
    };
    chrono::NaiveDate::from_ymd_opt(2000, m, d).is_some()
}

/// `14 May`, `May 14th`, `14. Mai`, `14 de mayo`: one day number and one month name,
/// nothing else but `de`, `of`, `the`, `del`.
fn named(t: &str) -> bool {
    let folded = fold(t);
    let (mut day, mut month) = (None, None);
    for word in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let digits = word.trim_end_matches(|c: char| c.is_alphabetic());
        let suffix = &word[digits.len()..];
        if !digits.is_empty()
            && digits.len() <= 2
            && digits.bytes().all(|b| b.is_ascii_digit())
            && matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "er" | "o")
        {
            if day.replace(digits.parse::<u32>().unwrap_or(0)).is_some() {
                return false;
            }
        } else if let Some(m) = month_number(word) {
            if month.replace(m).is_some() {
                return false;
            }
        } else if !matches!(word, "de" | "of" | "the" | "del") {
            return false;
        }
    }
    match (month, day) {
        (Some(m), Some(d)) => chrono::NaiveDate::from_ymd_opt(2000, m, d).is_some(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_months_without_a_year() {
        for yes in [
            "05/14",
            "14/05",
            "5/4",
            "12/31",
            "02/29",
            "14.05.",
            "14.05",
            "05-14",
            "--05-14",
            "--0514",
            "14 May",
            "May 14th",
            "14. Mai",
            "14 de mayo",
            " 1 janvier ",
        ] {
            assert!(without_year(yes), "{yes}");
        }
        assert!(names_day_or_month("Birthday Month"));
        assert!(names_day_or_month("Birthday Day"));
        assert!(names_day_or_month("Geburtsmonat"));
        assert!(names_day_or_month("Geboortemaand"));
        assert!(!names_day_or_month("Geburtstag"));
        assert!(!names_day_or_month("Birthday"));
        assert!(day_or_month_number("5") && day_or_month_number("31"));
        assert!(!day_or_month_number("0") && !day_or_month_number("1990"));
        // Third new-user trial H9: month names in the seven languages, abbreviated too.
        for month in [
            "May",
            "June",
            "Mai",
            "Juni",
            "Jan",
            "févr.",
            "Sept.",
            "März",
            "mrt",
            "ott",
            "Dez",
            "diciembre",
            "Outubro",
            "juil.",
        ] {
            assert!(day_or_month_number(month), "{month}");
        }
        for no in ["Maybe", "Mayo 2014", "May 14", "Monday", "x", "."] {
            assert!(!day_or_month_number(no), "{no}");
        }
        for no in [
            "",
            "05/06/14",
            "2014-05-14",
            "05/2014",
            "13/13",
            "02/30",
            "32/01",
            "14 May 2014",
            "unknown",
            "2014",
            "14",
            "May",
            "0514",
            "5/14/2014",
            "--13-01",
        ] {
            assert!(!without_year(no), "{no}");
        }
    }
}
