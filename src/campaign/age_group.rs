//! Age groups written as words and ranges, as age-group and customer-type columns hold
//! them: `Child`, `Teen`, `Jugendlicher`, `Enfant`, `Niño`, `Adult`, `Senior`;
//! `under 16`, `<18`, `-18 ans`, `U18`, `unter 18`, `moins de 18 ans`, `menor de 18`,
//! `0-17`, `12–15`, `18 and over`, `65+`, `12 and under`; and both at once
//! (`Child (0-12)`, `Adult 18+`).
//!
//! The words and the ages each allows are data (`assets/age-groups.toml`); this module
//! reads a value into the youngest and oldest age it allows, and the minor check takes
//! the youngest, as for any range (`super::age`): `16-24` is a minor under a minor age
//! of 18 and not under 16. A bound is read the cautious way: `over 18` counts from 18,
//! `under 18` up to 17. A value must be read whole: every word is a group word, a range
//! word or a filler (`years`, `ans`, `de`), so `Family with kids` or `Kinderwagen` is no
//! age group. A bare number (`12`) is no group: `super::age_text` reads it in an age
//! column, and in a customer-type column it is a code. Called by [`super::age`] (age
//! fields) and [`super::minor_flag::read_field`] (customer-type fields), and at import
//! to decide whether a customer-type column holds age groups.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::age::MAX_PLAUSIBLE_AGE;
use super::age_group_words::{AFTER, FILLER, MONTHS, OVER, RANGE, UNDER, UNITS};
use super::age_text::fold;

/// What an age-group value says: the ages it allows, and whether a group word in it
/// is unambiguous (`Child`, `Adult`; not `Junior` or `Senior`, which are also job
/// levels).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    pub youngest: i64,
    pub oldest: i64,
    /// Holds a group word that is not `ambiguous` in the asset.
    pub clear: bool,
}

#[derive(Deserialize)]
struct RawGroup {
    ages: [i64; 2],
    #[allow(dead_code)]
    source: String,
    #[serde(default)]
    ambiguous: bool,
    words: Vec<String>,
}

#[derive(Deserialize)]
struct Raw {
    group: Vec<RawGroup>,
}

/// Group phrase (words joined by one space) → (youngest, oldest, ambiguous).
type Words = HashMap<String, (i64, i64, bool)>;

/// The asset's groups, parsed once. The file is compiled in and checked by the unit
/// tests, so a broken table cannot ship; should it fail to parse, no word is known and
/// every age-group value stays "age unknown" (the check is never switched off).
fn vocabulary() -> &'static Words {
    static WORDS: LazyLock<Words> = LazyLock::new(|| {
        let raw: Raw = toml::from_str(include_str!("../../assets/age-groups.toml"))
            .unwrap_or(Raw { group: Vec::new() });
        let mut words = Words::new();
        for g in raw.group {
            for w in g.words {
                let phrase = tokens(&fold(&w))
                    .iter()
                    .map(|t| match t {
                        Tok::Word(w) => w.clone(),
                        _ => String::new(),
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                words.insert(phrase, (g.ages[0], g.ages[1], g.ambiguous));
            }
        }
        words
    });
    &WORDS
}

/// Longest group phrase in words.
const MAX_PHRASE: usize = 4;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(i64),
    Word(String),
    /// `<`, `<=`, `>`, `>=`, `+`, `-` (a range dash or a leading minus: `-18 ans`).
    Sym(&'static str),
}

/// `folded` as numbers, words and the symbols of ranges. A dash is a range or a minus
/// only before a digit (`0-17`, `-18`); between letters it joins words (`grown-up`).
/// `U18` is `< 18`; an `s` after a number is a plural (`under 18s`).
fn tokens(folded: &str) -> Vec<Tok> {
    let chars: Vec<char> = folded.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c.is_ascii_digit() {
            let start = i;
            while chars.get(i).is_some_and(char::is_ascii_digit) {
                i += 1;
            }
            let digits: String = chars[start..i].iter().collect();
            // More digits than any age: no age at all (`Num(i64::MAX)` fails the bounds).
            out.push(Tok::Num(digits.parse().unwrap_or(i64::MAX)));
            continue;
        }
        if c.is_alphabetic() {
            let start = i;
            while chars.get(i).is_some_and(|c| c.is_alphabetic()) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let before_digit = chars.get(i).is_some_and(char::is_ascii_digit);
            let after_number = matches!(out.last(), Some(Tok::Num(_)))
                && start > 0
                && chars[start - 1].is_ascii_digit();
            match word.as_str() {
                "u" if before_digit => out.push(Tok::Sym("<")),
                "s" if after_number => {}
                _ => out.push(Tok::Word(word)),
            }
            continue;
        }
        let sym = match (c, next) {
            ('<', Some('=')) | ('≤', _) => Some("<="),
            ('>', Some('=')) | ('≥', _) => Some(">="),
            ('<', _) => Some("<"),
            ('>', _) => Some(">"),
            ('+', _) => Some("+"),
            ('-' | '–' | '—' | '−' | '~', _) => {
                let digit_follows = chars[i + 1..]
                    .iter()
                    .find(|c| !c.is_whitespace())
                    .is_some_and(char::is_ascii_digit);
                let opens = !matches!(out.last(), Some(Tok::Word(_)));
                (digit_follows && opens).then_some("-")
            }
            _ => None,
        };
        if let Some(s) = sym {
            out.push(Tok::Sym(s));
        }
        i += if matches!((c, next), ('<' | '>', Some('='))) {
            2
        } else {
            1
        };
    }
    out
}

fn word_at(toks: &[Tok], i: usize) -> Option<&str> {
    match toks.get(i)? {
        Tok::Word(w) => Some(w),
        Tok::Sym(s) => Some(s),
        Tok::Num(_) => None,
    }
}

/// Whether `words` stand at `i` in `toks`.
fn at(toks: &[Tok], i: usize, words: &[&str]) -> bool {
    words
        .iter()
        .enumerate()
        .all(|(k, w)| word_at(toks, i + k) == Some(*w))
}

fn num_at(toks: &[Tok], i: usize) -> Option<i64> {
    match toks.get(i)? {
        Tok::Num(n) => Some(*n),
        _ => None,
    }
}

/// The group phrase at `i`, longest first: its length in words and what it says.
fn phrase_at(toks: &[Tok], i: usize) -> Option<(usize, (i64, i64, bool))> {
    let words = vocabulary();
    (1..=MAX_PHRASE).rev().find_map(|len| {
        let parts: Option<Vec<&str>> = (i..i + len)
            .map(|k| match toks.get(k)? {
                Tok::Word(w) => Some(w.as_str()),
                _ => None,
            })
            .collect();
        let found = words.get(&parts?.join(" "))?;
        Some((len, *found))
    })
}

/// Skip units of years from `i` (`18 ans et plus`); the first index that is none.
fn skip_units(toks: &[Tok], mut i: usize) -> usize {
    while word_at(toks, i).is_some_and(|w| UNITS.contains(&w)) {
        i += 1;
    }
    i
}

/// The number at `i` and what follows it: a range (`13-17`, `0-18 months`), a bound
/// (`18+`, `18 ans et plus`, `12 and under`), or the number alone; the ages in years,
/// the index after, and whether the number stood alone.
fn number_at(toks: &[Tok], i: usize) -> Option<((i64, i64), usize, bool)> {
    let n = num_at(toks, i)?;
    if let Some(m) = range_end(toks, i + 1) {
        let (ages, next) = in_months(toks, (n, m), i + 3);
        return Some((ages, next, false));
    }
    for j in [i + 1, skip_units(toks, i + 1)] {
        if let Some((words, upper)) = AFTER.iter().find(|(w, _)| at(toks, j, w)) {
            let ages = if *upper {
                (0, n)
            } else {
                (n, MAX_PLAUSIBLE_AGE)
            };
            return Some((ages, j + words.len(), false));
        }
    }
    let (ages, next) = in_months(toks, (n, n), i + 1);
    Some((ages, next, next == i + 1))
}

/// The number closing a range whose word (`-`, `to`, `bis`) stands at `i`.
fn range_end(toks: &[Tok], i: usize) -> Option<i64> {
    let word = word_at(toks, i)?;
    RANGE.contains(&word).then(|| num_at(toks, i + 1)).flatten()
}

/// `ages` followed by a unit of months at `i` are months: whole years.
fn in_months(toks: &[Tok], (a, b): (i64, i64), i: usize) -> ((i64, i64), usize) {
    match word_at(toks, i) {
        Some(w) if MONTHS.contains(&w) => ((a / 12, b / 12), i + 1),
        _ => ((a, b), i),
    }
}

/// An age-group value: the ages it allows, or `None` when it is no age group (a word
/// that is none of the asset's groups, a bound, a range word or a filler; a bare
/// number; a bound or range whose ends are not plausible ages). A school year that
/// names itself unambiguously (`Year 9`, `7th grade`, `KS3`, `Freshman`:
/// [`super::school_year`]) is an age group too, so a customer group or a tag holding
/// one marks a child (new-user trial 6, G7).
pub fn parse(text: &str) -> Option<Group> {
    words(text).or_else(|| {
        super::school_year::pupil_year(text).map(|g| Group {
            youngest: g.youngest,
            oldest: g.oldest,
            clear: true,
        })
    })
}

/// [`parse`] of the asset's words, bounds, ranges and numbers.
fn words(text: &str) -> Option<Group> {
    let toks = tokens(&fold(text));
    let (mut youngest, mut oldest) = (i64::MAX, i64::MIN);
    // Whether anything but a bare number was read, and an unambiguous group word.
    let (mut grouped, mut clear) = (false, false);
    let mut i = 0;
    while i < toks.len() {
        let (ages, bare) = if let Some((words, included)) =
            UNDER.iter().find(|(w, _)| at(&toks, i, w))
            && let Some(n) = num_at(&toks, i + words.len())
        {
            i += words.len() + 1;
            ((0, if *included { n } else { n - 1 }), false)
        } else if let Some(words) = OVER.iter().find(|w| at(&toks, i, w))
            && let Some(n) = num_at(&toks, i + words.len())
        {
            // `from 13 to 17` is a range; `from 18` a lower bound.
            i += words.len() + 1;
            match range_end(&toks, i) {
                Some(m) => {
                    i += 2;
                    ((n, m), false)
                }
                None => ((n, MAX_PLAUSIBLE_AGE), false),
            }
        } else if let Some((len, (y, o, ambiguous))) = phrase_at(&toks, i) {
            i += len;
            clear |= !ambiguous;
            ((y, o), false)
        } else if let Some((ages, next, bare)) = number_at(&toks, i) {
            i = next;
            (ages, bare)
        } else if word_at(&toks, i).is_some_and(|w| FILLER.contains(&w) || UNITS.contains(&w)) {
            i += 1;
            continue;
        } else {
            return None;
        };
        let (y, o) = ages;
        if y < 0 || o < y || y > MAX_PLAUSIBLE_AGE {
            return None;
        }
        youngest = youngest.min(y);
        oldest = oldest.max(o.min(MAX_PLAUSIBLE_AGE));
        grouped |= !bare;
    }
    (grouped && youngest <= oldest).then_some(Group {
        youngest,
        oldest,
        clear,
    })
}

#[cfg(test)]
#[path = "age_group_tests.rs"]
mod tests;
