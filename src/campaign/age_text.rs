//! Ages, birth dates and birth years written as text, as customer files hold them when a
//! column did not import as a number or a date: `12`, `12 years`, `12 ans`, `12 Jahre`,
//! `12 años`, `13-17`, `65+`, `18 months`; `2014-06-05`, `25/06/2014`, `5 June 2014`;
//! `1990`.
//!
//! Only what can be read without guessing is read. A date whose day and month could be
//! swapped (`05/06/2014`) gives both readings, and the caller takes the younger age
//! (both fall in the same year, so the ages differ by at most one); a two-digit year
//! (`05/06/14`) is not read at all, because its century is a guess. Words are English,
//! German, French, Spanish, Italian, Dutch and Portuguese, as in the privacy dictionary.
//! Called by [`super::age`].

use chrono::NaiveDate;

/// Words before an age: `age 12`, `Alter: 12`.
const AGE_WORDS: [&str; 7] = ["age", "aged", "alter", "edad", "eta", "leeftijd", "idade"];

/// Words after an age that add nothing: `12 years old`, `12 Jahre alt`.
const OLD_WORDS: [&str; 6] = ["old", "alt", "oud", "de edad", "di eta", "de idade"];

/// Units of years, as written after the number.
const YEAR_UNITS: [&str; 23] = [
    "y", "yr", "yrs", "year", "years", "yo", "y/o", "an", "ans", "j", "jr", "jahr", "jahre",
    "jahren", "ano", "anos", "anno", "anni", "jaar", "jaren", "a", "aa", "ar",
];

/// Units of months, for the youngest contacts: `18 months` is 1 year old.
const MONTH_UNITS: [&str; 14] = [
    "mo", "mos", "month", "months", "mois", "monat", "monate", "monaten", "mes", "meses", "mese",
    "mesi", "maand", "maanden",
];

/// Words that join the two ends of a range: `13-17`, `13 to 17`, `13 bis 17`.
const RANGE_WORDS: [&str; 7] = ["-", "–", "to", "bis", "a", "tot", "al"];

/// Month names and abbreviations in the seven languages, with their number.
const MONTHS: [(&str, u32); 52] = [
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("janvier", 1),
    ("enero", 1),
    ("gennaio", 1),
    ("januari", 1),
    ("janeiro", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("fevrier", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("februari", 2),
    ("fevereiro", 2),
    ("march", 3),
    ("mar", 3),
    ("marz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("maart", 3),
    ("marco", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("abril", 4),
    ("aprile", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("mei", 5),
    ("maio", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("junho", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("julio", 7),
    ("luglio", 7),
    ("julho", 7),
    ("august", 8),
    ("aug", 8),
    ("aout", 8),
    ("agosto", 8),
];

/// The rest of the year's months (split from [`MONTHS`] to keep both lists readable).
const MONTHS_LATE: [(&str, u32); 27] = [
    ("augustus", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("settembre", 9),
    ("setembro", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("outubro", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("dicembre", 12),
    ("dezembro", 12),
];

/// Abbreviations the lists above lack, as calendars and exports in the seven languages
/// write them (CLDR's abbreviated month names, folded, without their dot): German
/// `Mrz`, `Okt`, `Dez` and Austrian `Jänner`; French `janv.`, `févr.`, `avr.`,
/// `juil.`; Spanish `ene`, `abr`, `ago`, `dic`, `set`; Italian `gen`, `mag`, `giu`,
/// `lug`, `ott`; Dutch `mrt`; Portuguese `fev`, `out`, `dez`. Third-trial H9: a
/// `Birthday Month` of `févr.` was read as a date of birth nobody could read.
const MONTHS_SHORT: [(&str, u32); 24] = [
    ("janv", 1),
    ("janner", 1),
    ("ene", 1),
    ("gen", 1),
    ("fev", 2),
    ("fevr", 2),
    ("feber", 2),
    ("mrz", 3),
    ("mrt", 3),
    ("avr", 4),
    ("abr", 4),
    ("mag", 5),
    ("giu", 6),
    ("juil", 7),
    ("lug", 7),
    ("ago", 8),
    ("setiembre", 9),
    ("set", 9),
    ("okt", 10),
    ("ott", 10),
    ("out", 10),
    ("dez", 12),
    ("dic", 12),
    ("febr", 2),
];

/// The number of the month named `word` (folded: [`fold`]), in any of the seven
/// languages, written out or abbreviated (`may`, `mai`, `sept`, `févr`).
pub(crate) fn month_number(word: &str) -> Option<u32> {
    MONTHS
        .iter()
        .chain(&MONTHS_LATE)
        .chain(&MONTHS_SHORT)
        .find(|(n, _)| *n == word)
        .map(|(_, m)| *m)
}

/// Lower case with the accents these words carry removed (`años` → `anos`, `âge` →
/// `age`, `März` → `marz`, `età` → `eta`).
pub(crate) fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            c => c,
        })
        .collect()
}

/// A non-negative number at the start of `s` (`.` or `,` as the decimal mark), and
/// the rest of `s`.
fn number(s: &str) -> Option<(f64, &str)> {
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map_or(s.len(), |(i, _)| i);
    let text = s[..end].trim_end_matches(['.', ',']);
    if text.is_empty() || !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let value = text.replace(',', ".").parse::<f64>().ok()?;
    Some((value, &s[text.len()..]))
}

/// An age written as text: the youngest and oldest age in whole years it allows.
/// `12 years` → (12, 12); `13-17` → (13, 17); `65+` → (65, 120); `18 months` → (1, 1).
/// `None` for anything else (`unknown`, `under 18`, `adult`).
pub fn parse_age(text: &str) -> Option<(i64, i64)> {
    let folded = fold(text.trim());
    let mut s = folded.as_str();
    for word in AGE_WORDS {
        if let Some(rest) = s.strip_prefix(word)
            && rest.starts_with([' ', ':', '='])
        {
            s = rest.trim_start_matches([' ', ':', '=']);
            break;
        }
    }
    for word in OLD_WORDS {
        if let Some(rest) = s.strip_suffix(word)
            && rest.ends_with(' ')
        {
            s = rest.trim_end();
            break;
        }
    }
    let (first, rest) = number(s)?;
    let mut rest = rest.trim_start();
    let mut last = first;
    let mut open_ended = false;
    if let Some(r) = rest.strip_prefix('+') {
        open_ended = true;
        rest = r.trim_start();
    } else {
        for word in RANGE_WORDS {
            let Some(r) = rest.strip_prefix(word) else {
                continue;
            };
            let is_word = word.chars().all(char::is_alphabetic);
            if is_word && !r.starts_with(' ') {
                continue;
            }
            if let Some((n, r)) = number(r.trim_start()) {
                last = n;
                rest = r.trim_start();
                break;
            }
        }
    }
    let unit = rest
        .trim()
        .trim_end_matches('.')
        .replace(". ", "")
        .replace('.', "");
    let per_year = if unit.is_empty() || YEAR_UNITS.contains(&unit.as_str()) {
        1.0
    } else if MONTH_UNITS.contains(&unit.as_str()) {
        12.0
    } else {
        return None;
    };
    let youngest = (first / per_year).floor() as i64;
    let oldest = if open_ended {
        super::age::MAX_PLAUSIBLE_AGE
    } else {
        (last / per_year).floor() as i64
    };
    (youngest <= oldest).then_some((youngest, oldest))
}

/// A birth year written as text: four digits (`1990`, ` 1990.0`), nothing else.
pub fn parse_year(text: &str) -> Option<i64> {
    let t = text.trim();
    let t = t.strip_suffix(".0").unwrap_or(t);
    (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// A date of birth written as text: one date, or two when day and month could be
/// swapped. `None` when it is not a date or only a guess could make it one.
pub fn parse_date(text: &str) -> Option<Vec<NaiveDate>> {
    let t = text.trim();
    // Drop a time of day: `2014-06-05T00:00:00`, `05/06/2014 10:11`.
    let t = match t.as_bytes().get(10) {
        Some(b'T') => &t[..10],
        _ => t,
    };
    let words: Vec<&str> = t
        .split_whitespace()
        .take_while(|w| !w.contains(':'))
        .collect();
    let t = words.join(" ");
    if let Some(dates) = numeric_date(&t) {
        return Some(dates);
    }
    named_month_date(&t).map(|d| vec![d])
}

/// `YYYY-MM-DD`, `DD/MM/YYYY`, `MM/DD/YYYY` (with `-`, `/` or `.`), `YYYYMMDD`.
fn numeric_date(t: &str) -> Option<Vec<NaiveDate>> {
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        let (y, m, d) = (
            t[..4].parse().ok()?,
            t[4..6].parse().ok()?,
            t[6..].parse().ok()?,
        );
        return (1800..=2200)
            .contains(&y)
            .then(|| NaiveDate::from_ymd_opt(y, m, d))
            .flatten()
            .map(|d| vec![d]);
    }
    let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    if parts[0].len() == 4 {
        return NaiveDate::from_ymd_opt(n[0] as i32, n[1], n[2]).map(|d| vec![d]);
    }
    if parts[2].len() != 4 || parts[0].len() > 2 || parts[1].len() > 2 {
        return None;
    }
    let year = n[2] as i32;
    let day_first = NaiveDate::from_ymd_opt(year, n[1], n[0]);
    let month_first = NaiveDate::from_ymd_opt(year, n[0], n[1]);
    match (day_first, month_first) {
        (Some(a), Some(b)) if a == b => Some(vec![a]),
        (Some(a), Some(b)) => Some(vec![a, b]),
        (Some(a), None) | (None, Some(a)) => Some(vec![a]),
        (None, None) => None,
    }
}

/// `5 June 2014`, `June 5, 2014`, `5. Juni 2014`, `5 de junio de 2014`, `5-Jun-2014`.
fn named_month_date(t: &str) -> Option<NaiveDate> {
    let folded = fold(t);
    let (mut day, mut month, mut year) = (None, None, None);
    for word in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let digits = word.trim_end_matches(|c: char| c.is_alphabetic());
        let suffix = &word[digits.len()..];
        if word.bytes().all(|b| b.is_ascii_digit()) && word.len() == 4 {
            if year.replace(word.parse::<i32>().ok()?).is_some() {
                return None;
            }
        } else if !digits.is_empty()
            && digits.len() <= 2
            && digits.bytes().all(|b| b.is_ascii_digit())
            && matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "er" | "o")
            && day.is_none()
        {
            day = Some(digits.parse::<u32>().ok()?);
        } else if let Some(m) = month_number(word) {
            if month.replace(m).is_some() {
                return None;
            }
        } else if !matches!(word, "de" | "of" | "the" | "del") {
            return None;
        }
    }
    NaiveDate::from_ymd_opt(year?, month?, day?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_in_words_of_seven_languages() {
        for text in [
            "12",
            "12 years",
            "12 ans",
            "12 Jahre",
            "12 años",
            "12 anni",
            "12 jaar",
            "12 anos",
            "12yo",
            "12 y/o",
            "12 years old",
            "12 Jahre alt",
            "Age: 12",
            "âge 12",
            "12.5",
            "12,5 years",
            " 12 ",
        ] {
            assert_eq!(parse_age(text), Some((12, 12)), "{text:?}");
        }
        assert_eq!(parse_age("13-17"), Some((13, 17)));
        assert_eq!(parse_age("13 to 17 years"), Some((13, 17)));
        assert_eq!(parse_age("65+"), Some((65, 120)));
        assert_eq!(parse_age("18 months"), Some((1, 1)));
        assert_eq!(parse_age("18 Monate"), Some((1, 1)));
        for text in [
            "unknown", "under 18", "adult", "n/a", "-3", "17-13", "12 stone", "",
        ] {
            assert_eq!(parse_age(text), None, "{text:?}");
        }
    }

    #[test]
    fn dates_are_read_only_without_guessing() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(parse_date("2014-06-05"), Some(vec![d(2014, 6, 5)]));
        assert_eq!(parse_date("2014-06-05T10:11:12"), Some(vec![d(2014, 6, 5)]));
        assert_eq!(parse_date("25/06/2014"), Some(vec![d(2014, 6, 25)]));
        assert_eq!(parse_date("06/25/2014"), Some(vec![d(2014, 6, 25)]));
        assert_eq!(parse_date("05.05.2014"), Some(vec![d(2014, 5, 5)]));
        // Ambiguous order: both readings, day first then month first.
        assert_eq!(
            parse_date("05/06/2014"),
            Some(vec![d(2014, 6, 5), d(2014, 5, 6)])
        );
        assert_eq!(parse_date("20140605"), Some(vec![d(2014, 6, 5)]));
        assert_eq!(parse_date("5 June 2014"), Some(vec![d(2014, 6, 5)]));
        assert_eq!(parse_date("June 5th, 2014"), Some(vec![d(2014, 6, 5)]));
        assert_eq!(parse_date("5. März 2014"), Some(vec![d(2014, 3, 5)]));
        assert_eq!(parse_date("5 de junio de 2014"), Some(vec![d(2014, 6, 5)]));
        assert_eq!(parse_date("05-Jun-2014"), Some(vec![d(2014, 6, 5)]));
        for text in [
            "05/06/14",
            "31/02/2014",
            "soon",
            "June 2014",
            "2014",
            "13/13/2014",
        ] {
            assert_eq!(parse_date(text), None, "{text:?}");
        }
    }

    #[test]
    fn years_are_four_digits() {
        assert_eq!(parse_year("1990"), Some(1990));
        assert_eq!(parse_year(" 1990.0 "), Some(1990));
        assert_eq!(parse_year("90"), None);
        assert_eq!(parse_year("c. 1990"), None);
    }
}
