//! Age tags in the forms shops, clubs and schools write them that are no age group as a
//! whole value (`super::age_group::parse` reads `u16` and `teen`, not these), read for
//! the minor check's reading of a tags field (`super::minor_flag::read_tags`):
//! - a team's age grade with a dash, a space or a squad after it: `U-16`, `U 14`,
//!   `U14 Girls`, `U16s`, `U12 team A` (under that age; a grade below 5 is no child's
//!   team, and `U16 coach` or `U16 parents` name adults beside the team, so only squad
//!   words may follow);
//! - an age with its unit: `15yo`, `15 y/o`, `15 y.o.`, `15 years old`, `15-year-old`,
//!   `15 Jahre alt`, `15-jährig`, `15 ans`; `15 years`, `15 yrs`, `15 Jahre` alone only
//!   under 18, since they are as often a customer's tenure ([`TENURE_UNITS`]); and
//!   `aged 15`, `âgé de 15 ans`;
//! - a school year named by its word: `Year 7`, `Yr 8`, `Grade 6`, `Klasse 7`
//!   (`super::school_year`; the bare class names `reception` and `première` are
//!   events and premium tiers as tags, so they are not read here).
//!
//! A new-user trial (session 12, G2) found these in a `Tags` field leaving the child a
//! recipient. Also [`minor_tag_in`]: whether a raw cell holds a tag naming a minor, for
//! the import's decision to read a column as tags (`import::age_roles`).

use super::school_year::{self, Within};

/// Words that may follow a team's age grade: the squad, never a person beside it.
const SQUAD: &[&str] = &[
    "girls",
    "boys",
    "girl",
    "boy",
    "mixed",
    "team",
    "squad",
    "squads",
    "players",
    "madchen",
    "jungen",
    "junioren",
    "juniorinnen",
    "filles",
    "garcons",
    "ninas",
    "ninos",
    "a",
    "b",
    "c",
    "d",
    "1",
    "2",
    "3",
];

/// Units after an age that make it one (`15yo`, `15 years old`), as folded words.
const AGE_UNITS: &[&[&str]] = &[
    &["yo"],
    &["y", "o"],
    &["yrs", "old"],
    &["yr", "old"],
    &["years", "old"],
    &["year", "old"],
    &["jahre", "alt"],
    &["jahrig"],
    &["jahrige"],
    &["jahriger"],
    &["anos"],
    &["ans"],
];

/// Units after a number that make it an age or a customer's tenure (`14 years`, `14
/// Jahre`): read as an age only when it is a minor's (under 18), the cautious reading
/// (new-user trial: a `14 years` tag left the child a recipient). A tenure of 4 to 17
/// years then excludes its contact as a minor too; one of 18 or more says nothing, so
/// a tenure never vouches for an adult. `1 year` to `3 years` name no one who holds an
/// inbox (`super::minor_flag`'s baby rule) and say nothing either.
const TENURE_UNITS: &[&str] = &[
    "y", "yr", "yrs", "year", "years", "jahr", "jahre", "jahren", "anni", "jaar", "jaren",
];

/// Words before a number that make it an age (`aged 14`, `âgé de 14 ans`).
const AGED: &[&[&str]] = &[
    &["aged"],
    &["age", "de"],
    &["agee", "de"],
    &["im", "alter", "von"],
];

/// Words that name a school year before its number.
const SCHOOL_WORDS: &[&str] = &["year", "yr", "grade", "klasse", "jahrgangsstufe"];

/// The ages one tag (lower-cased) allows in the forms above, or `None`.
pub fn ages(tag: &str) -> Option<(i64, i64)> {
    let words = words(tag);
    let w: Vec<&str> = words.iter().map(String::as_str).collect();
    team(&w)
        .or_else(|| stated(&w))
        .or_else(|| aged(&w))
        .or_else(|| school(tag, &w))
}

/// Whether raw cell `cell` (a list as the import reads it: `teen, vip`,
/// `["teen","vip"]`, `teen|vip`) holds a tag naming a minor's age group: one whose
/// youngest age is under 18, as the minor check reads tags.
pub fn minor_tag_in(cell: &str) -> bool {
    // A long text is a note, not a list of tags; an address or a number no tag.
    if cell.len() > 200
        || cell.contains('@')
        || !cell.chars().any(char::is_alphabetic)
        || is_link_or_decimal(&cell.trim().to_lowercase())
    {
        return false;
    }
    cell.split([',', ';', '|'])
        .map(|t| t.trim().trim_matches(['[', ']', '"', '\'', ' ']))
        .filter(|t| !t.is_empty())
        .filter_map(super::minor_flag::tag_ages_of)
        .any(|(youngest, _)| youngest < 18)
}

/// True for a link (`https://maps.google.com/?q=40.7128,-74.0060`, `www.…`, a `geo:`
/// URI) or a number written with decimals (`-74.0060`, `12,5`): its numbers are no
/// age (new-user trial 9, F-G15b: a map link was read as an age group `-74`). `lower`
/// is trimmed and lower-cased.
pub fn is_link_or_decimal(lower: &str) -> bool {
    let digits = lower.strip_prefix(['-', '+', '\u{2212}']).unwrap_or(lower);
    let decimal = digits.split_once(['.', ',']).is_some_and(|(whole, frac)| {
        !whole.is_empty()
            && !frac.is_empty()
            && whole.bytes().all(|c| c.is_ascii_digit())
            && frac.bytes().all(|c| c.is_ascii_digit())
    });
    decimal || lower.contains("://") || lower.starts_with("www.") || lower.starts_with("geo:")
}

/// The folded words and numbers of `tag`, letters and digits apart (`u14` → `u`, `14`).
fn words(tag: &str) -> Vec<String> {
    let folded = super::age_text::fold(tag);
    let mut out: Vec<String> = Vec::new();
    let mut last: Option<bool> = None;
    for c in folded.chars() {
        let digit = c.is_ascii_digit();
        if !c.is_alphanumeric() {
            last = None;
            continue;
        }
        match (out.last_mut(), last) {
            (Some(w), Some(d)) if d == digit => w.push(c),
            _ => out.push(c.to_string()),
        }
        last = Some(digit);
    }
    out
}

/// `U-16`, `U14 Girls`, `U16s`: under the grade, when the grade is 5 to 18.
fn team(w: &[&str]) -> Option<(i64, i64)> {
    let ["u", n, rest @ ..] = w else {
        return None;
    };
    let n: i64 = n.parse().ok()?;
    let rest = match rest {
        ["s", more @ ..] => more,
        more => more,
    };
    ((5..=18).contains(&n) && rest.iter().all(|r| SQUAD.contains(r))).then_some((0, n - 1))
}

/// `15yo`, `15 y/o`, `15 years old`: that age.
fn stated(w: &[&str]) -> Option<(i64, i64)> {
    let [n, unit @ ..] = w else {
        return None;
    };
    let n: i64 = n.parse().ok()?;
    let tenure = matches!(unit, [u] if TENURE_UNITS.contains(u));
    (AGE_UNITS.contains(&unit) && (0..=super::age::MAX_PLAUSIBLE_AGE).contains(&n)
        || tenure && (0..18).contains(&n))
    .then_some((n, n))
}

/// `aged 14`, `âgé de 14 ans`: that age (units after it as [`stated`] reads them).
fn aged(w: &[&str]) -> Option<(i64, i64)> {
    let words = AGED.iter().find(|a| w.starts_with(a))?;
    let rest = &w[words.len()..];
    let n: i64 = rest.first()?.parse().ok()?;
    let unit_ok = rest.len() == 1
        || stated(rest).is_some()
        || matches!(rest, [_, u] if TENURE_UNITS.contains(u));
    (unit_ok && (0..=super::age::MAX_PLAUSIBLE_AGE).contains(&n)).then_some((n, n))
}

/// `Year 7`, `Grade 6`: the ages of the children in that school year, read as a tag
/// ([`school_year::pupil_year`] within tags: `Year 1` is a pupil too).
fn school(tag: &str, w: &[&str]) -> Option<(i64, i64)> {
    let [word, n] = w else {
        return None;
    };
    if !SCHOOL_WORDS.contains(word) || n.parse::<u32>().is_err() {
        return None;
    }
    let g = school_year::pupil_year(tag, Within::Tags)?;
    Some((g.youngest, g.oldest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn team_grades_ages_and_school_years_are_read() {
        assert_eq!(ages("U-16"), Some((0, 15)));
        assert_eq!(ages("U14 Girls"), Some((0, 13)));
        assert_eq!(ages("u16s"), Some((0, 15)));
        assert_eq!(ages("15yo"), Some((15, 15)));
        assert_eq!(ages("15 y/o"), Some((15, 15)));
        assert_eq!(ages("15 years old"), Some((15, 15)));
        assert_eq!(ages("15-jährig"), Some((15, 15)));
        assert!(ages("Year 7").is_some_and(|(y, _)| y < 13));
        assert!(ages("Year 8").is_some_and(|(y, _)| y < 18));
        // As a tag, `Year 1` and `Year 2` are pupils: the safe side for the minor
        // check, where a whole value reads them as nothing (`age_group::parse`).
        assert!(ages("Year 1").is_some_and(|(y, _)| y < 8));
        assert!(ages("Year 2").is_some_and(|(y, _)| y < 8));
    }

    #[test]
    fn adults_beside_a_team_and_tenures_are_not_ages() {
        for tag in [
            "U16 coach",
            "U16 parents",
            "U2 fans",
            "U21",
            // A tenure of 18 years or more is no age (`14 years` is: see below).
            "18 years",
            "25 yrs",
            "20 Jahre",
            "aged",
            "aged 14 weeks",
            "Year 2024",
            "reception",
            "5e",
            "vip",
            "junior",
        ] {
            assert_eq!(ages(tag), None, "{tag}");
        }
    }

    /// New-user trial: `14 years`, `14 yrs`, `aged 14`, `14 ans` and `14 Jahre` tags
    /// were no age, and the child was a recipient. A number of years under 18 is read
    /// as that age (the cautious reading of what may be a tenure), `aged N` as N.
    #[test]
    fn years_under_eighteen_and_aged_are_ages() {
        for tag in [
            "14 years",
            "14 Years",
            "14 yrs",
            "14 yr",
            "14 Jahre",
            "14 ans",
            "14 anni",
            "14 jaar",
            "aged 14",
            "Aged 14 years",
            "âgé de 14 ans",
            "im Alter von 14 Jahren",
            "14-years",
        ] {
            assert_eq!(ages(tag), Some((14, 14)), "{tag}");
        }
        assert_eq!(ages("aged 30"), Some((30, 30)));
        assert_eq!(ages("17 years"), Some((17, 17)));
    }

    #[test]
    fn a_cell_names_a_minor_by_any_of_its_tags() {
        assert!(minor_tag_in("[\"teen\"]"));
        assert!(minor_tag_in("vip, U14 Girls"));
        assert!(minor_tag_in("skate|teen"));
        assert!(!minor_tag_in("vip, adult"));
        assert!(!minor_tag_in("kid@example.com"));
        assert!(!minor_tag_in("Seniors"));
    }
}
