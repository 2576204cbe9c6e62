//! School years as ages: a column of school grades (`Grade` = `7th grade` or 7, `School
//! year` = `Year 8`, `Schulklasse` = 7, `Classe` = `5e` or `CM2`, `Curso` = `1º ESO`)
//! or of school-leaving years (`Class of` = 2030) says the contact is a school child,
//! so the minor check reads it (third new-user trial H13: a 12-year-old under such a
//! column was sent to).
//!
//! Headers are whole headers in `assets/age-groups.toml` (`[school]`): `grades`
//! headers whose bare numbers are grades in the school system of their language,
//! `classes` headers (`Class`, `Klasse`, `Year`: also a travel, product or purchase
//! class) whose values must name a school year themselves, and `graduation` headers.
//! The importer gives such a column the age role only when every value reads so
//! (`import::age_roles`), so `Grade` = `A`/`B+` (a mark), `Grade` = 85 (a score),
//! `Class` = `Business` and `Year` = 2019 stay ordinary.
//!
//! A grade allows the ages children have in it, youngest first, the cautious reading
//! (the school starts the year they turn the first age, or a year early): US grade N
//! N+5 to N+7 (grade 1 at 6), UK Year N N+4 to N+6 (Year 1 at 5), German Klasse N
//! N+5 to N+7, French CP 5 to 7 … CM2 9 to 11, 6e 10 to 12 … 3e 13 to 15, seconde 14
//! to 16, terminale 16 to 18, Spanish Primaria N N+4 to N+6, ESO N N+10 to N+12,
//! Bachillerato N N+14 to N+16, Italian elementare N N+4 to N+6, media N N+9 to N+11,
//! superiore N N+12 to N+14, Dutch groep N N+3 to N+5, klas N N+10 to N+12, leerjaar N
//! N+5 to N+7, Portuguese N.º ano N+4 to N+6, ensino médio N N+13 to N+15. A grade is
//! not aged by the as-of date: when it was recorded is unknown, and the younger reading
//! is the safe one. A school-leaving year Y is 17 to 19 years old in Y, so on a date
//! in year D D−Y+17 to D−Y+19 (`Class of 2030` on 2026-11-01: 13 to 15, a minor).

use std::sync::LazyLock;

use serde::Deserialize;

use super::age::MAX_PLAUSIBLE_AGE;
use super::age_text::fold;

/// The school system whose grades a header's bare numbers are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum System {
    Us,
    Uk,
    De,
    Fr,
    Es,
    It,
    Nl,
    Pt,
}

/// What kind of school column a header names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchoolHeader {
    /// Grades, bare numbers read in this system (`Grade`, `Schulklasse`).
    Grades(System),
    /// A class that may be a school year (`Class`, `Klasse`): only values that name one.
    Classes,
    /// A school-leaving year (`Class of`).
    Graduation,
}

#[derive(Deserialize, Default)]
struct RawSchool {
    grades: Vec<(String, System)>,
    classes: Vec<String>,
    graduation: Vec<String>,
}

#[derive(Deserialize)]
struct Raw {
    school: RawSchool,
}

/// The asset's school headers as header words joined by one space, parsed once (a
/// broken asset fails the unit tests; at run time it would leave no school header).
fn headers() -> &'static Vec<(String, SchoolHeader)> {
    static HEADERS: LazyLock<Vec<(String, SchoolHeader)>> = LazyLock::new(|| {
        let raw = toml::from_str::<Raw>(include_str!("../../assets/age-groups.toml"))
            .map(|r| r.school)
            .unwrap_or_default();
        let key = |h: &str| crate::fields::classify::header_words(h).join(" ");
        let grades = raw
            .grades
            .iter()
            .map(|(h, s)| (key(h), SchoolHeader::Grades(*s)));
        let classes = raw.classes.iter().map(|h| (key(h), SchoolHeader::Classes));
        let leaving = raw
            .graduation
            .iter()
            .map(|h| (key(h), SchoolHeader::Graduation));
        grades.chain(classes).chain(leaving).collect()
    });
    &HEADERS
}

/// The kind of school column `header` (a header or a field name) names, if any.
pub fn school_header(header: &str) -> Option<SchoolHeader> {
    let said = crate::fields::classify::header_words(header).join(" ");
    headers().iter().find(|(h, _)| *h == said).map(|(_, k)| *k)
}

/// What one value of a school column says: the ages it allows, whether it names a
/// school year by itself (`Year 8`, not `8`), and whether it is unambiguous (not
/// `1ère` or `2. Klasse`, which may be a train's class).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grade {
    pub youngest: i64,
    pub oldest: i64,
    pub named: bool,
    pub clear: bool,
}

/// Read `value` under a header of kind `kind`, on a date in year `year` (for a
/// school-leaving year): `None` when it is no school year of that kind.
pub fn read(kind: SchoolHeader, value: &str, year: i32) -> Option<Grade> {
    match kind {
        SchoolHeader::Graduation => leaving(value, year),
        SchoolHeader::Grades(system) => grade(value, Some(system)),
        SchoolHeader::Classes => grade(value, None).filter(|g| g.named),
    }
}

/// A school year that names itself beyond doubt wherever it is written (a customer
/// group, a tag): an unambiguous class value ([`read`] under a class header) holding a
/// number (`Year 9`, `KS3`, `7th grade`), or `Freshman` or `Sophomore`. `Reception`,
/// `CP` or `Kindergarten` alone are school years only under a school header: as a tag
/// they are a wedding reception, a code or a teacher's job; `5e` a game's fifth
/// edition; and a school stage (`High school`, `Middle school`) is as often the level
/// an adult left school at (new-user trial 7, N6: bank-marketing's `high.school`).
pub fn pupil_year(value: &str) -> Option<Grade> {
    let toks = tokens(value);
    let stage = toks.iter().any(|w| {
        w.chars().all(|c| c.is_ascii_digit())
            || matches!(
                w.as_str(),
                "freshman" | "freshmen" | "sophomore" | "sophomores"
            )
    });
    // `5e` alone is also a game's fifth edition.
    let edition = matches!(toks.as_slice(), [_, e] if e == "e");
    read(SchoolHeader::Classes, value, 2100).filter(|g| stage && !edition && g.clear)
}

/// A school-leaving year `Y` (a four-digit year, also in `Class of 2030`) on a date in
/// `year`: `year − Y + 17` to `year − Y + 19`, within 0 to [`MAX_PLAUSIBLE_AGE`];
/// `None` for a year more than 19 years ahead.
fn leaving(value: &str, year: i32) -> Option<Grade> {
    let digits: Vec<&str> = value
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| !w.is_empty())
        .collect();
    let [y] = digits.as_slice() else {
        return None;
    };
    let y: i64 = y.parse().ok().filter(|y| (1900..=2100).contains(y))?;
    let youngest = i64::from(year) - y + 17;
    (youngest + 2 >= 0).then_some(Grade {
        youngest: youngest.clamp(0, MAX_PLAUSIBLE_AGE),
        oldest: (youngest + 2).min(MAX_PLAUSIBLE_AGE),
        named: true,
        clear: true,
    })
}

/// Tokens of a grade value: folded, `º`, `ª`, `°` and `.` dropped, split at anything
/// not a letter or digit and between letters and digits (`7th` → `7`, `th`).
fn tokens(value: &str) -> Vec<String> {
    let folded = fold(value.trim());
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in folded.chars().filter(|c| !matches!(c, 'º' | 'ª' | '°')) {
        let switch = current
            .chars()
            .last()
            .is_some_and(|p| p.is_ascii_digit() != c.is_ascii_digit());
        if (!c.is_alphanumeric() || switch) && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        if c.is_alphanumeric() {
            current.push(c);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Ordinal endings and section letters after a number (`7th`, `1º`, `7b`), and words
/// that only join (`de`, `del`, `the`), dropped before a grade is read.
const DROPPED: &[&str] = &[
    "th",
    "st",
    "nd",
    "rd",
    "o",
    "a",
    "b",
    "c",
    "d",
    "f",
    "de",
    "del",
    "di",
    "do",
    "da",
    "the",
    "in",
    "of",
    "classe",
    "class",
    "ensino",
    "fundamental",
    "anos",
];

/// US high-school class years, England's key stages, Scotland's primary (`P7`,
/// `Primary 6`) and secondary (`S2`) years and the old forms (`Form 3`, Year 7 being the
/// first form), with the ages they allow youngest first (new-user trial 6, G7):
/// freshman is grade 9, 14 to 16; key stage 1 5 to 7, 2 7 to 11, 3 11 to 14, 4 14 to
/// 16, 5 16 to 18; P N N+3 to N+5; S N N+10 to N+12; form N N+10 to N+12. `Junior`
/// and `Senior` are also job levels and `S2`, `P7` or `Form 3` a size, a product or a
/// document, so only under a school header (never alone under `Class`).
fn stage_of(t: &[&str]) -> Option<Grade> {
    let g = |youngest: i64, oldest: i64, clear: bool| {
        Some(Grade {
            youngest,
            oldest,
            named: true,
            clear,
        })
    };
    let n = |w: &str, lo: i64, hi: i64| w.parse::<i64>().ok().filter(|n| (lo..=hi).contains(n));
    match t {
        ["freshman" | "freshmen"] => g(14, 16, true),
        ["sophomore" | "sophomores"] => g(15, 17, true),
        ["junior"] => g(16, 18, false),
        ["senior"] => g(17, 19, false),
        ["ks" | "keystage", k] | ["key", "stage", k] => {
            let (youngest, oldest) = [(5, 7), (7, 11), (11, 14), (14, 16), (16, 18)]
                [usize::try_from(n(k, 1, 5)? - 1).ok()?];
            g(youngest, oldest, true)
        }
        ["p" | "primary", k] => n(k, 1, 7).and_then(|k| g(k + 3, k + 5, t[0] == "primary")),
        ["s", k] => n(k, 1, 6).and_then(|k| g(k + 10, k + 12, false)),
        ["form", k] => n(k, 1, 7).and_then(|k| g(k + 10, k + 12, false)),
        _ => None,
    }
}

/// Read one grade (see the module header); `system` reads a bare number.
fn grade(value: &str, system: Option<System>) -> Option<Grade> {
    let toks = tokens(value);
    let t: Vec<&str> = toks.iter().map(String::as_str).collect();
    let g = |youngest: i64, oldest: i64, clear: bool| {
        Some(Grade {
            youngest,
            oldest,
            named: true,
            clear,
        })
    };
    // A school named by its stage (`Middle school`, `high school student`): the pupil
    // words after it say nothing more (new-user trial 6, G7).
    let stage = match t.as_slice() {
        [rest @ .., "student" | "students" | "pupil" | "pupils"] => rest,
        all => all,
    };
    match stage {
        ["elementary" | "primary", "school"] | ["grundschule"] => return g(5, 11, true),
        ["middle", "school"] | ["junior", "high"] | ["junior", "high", "school"] => {
            return g(11, 14, true);
        }
        ["secondary", "school"] => return g(11, 18, true),
        ["high", "school"] | ["highschool"] => return g(14, 18, true),
        ["sixth", "form"] | ["lower" | "upper", "sixth"] => return g(16, 18, true),
        _ => {}
    }
    if let Some(read) = stage_of(&t) {
        return Some(read);
    }
    match t.as_slice() {
        ["kindergarten" | "kinder"] => return g(4, 6, true),
        ["pre", "k"] | ["prek" | "preschool" | "pre", "kindergarten"] => return g(3, 5, true),
        ["reception"] => return g(4, 5, true),
        ["cp"] => return g(5, 7, true),
        ["ce" | "cm", n @ ("1" | "2")] => {
            let n: i64 = n.parse().ok()?;
            let base = if t[0] == "ce" { 5 } else { 7 };
            return g(base + n, base + n + 2, true);
        }
        ["seconde"] | ["2", "nde"] => return g(14, 16, false),
        ["premiere"] | ["1", "ere" | "re"] => return g(15, 17, false),
        ["terminale" | "tle"] => return g(16, 18, true),
        ["k"] if system == Some(System::Us) => return g(4, 6, false),
        _ => {}
    }
    let numbers: Vec<i64> = t.iter().filter_map(|w| w.parse().ok()).collect();
    let ordinal = t.iter().find_map(|w| {
        ["prima", "seconda", "terza", "quarta", "quinta"]
            .iter()
            .position(|o| o == w)
            .map(|i| i as i64 + 1)
    });
    let n = match (numbers.as_slice(), ordinal) {
        ([n], None) => *n,
        ([], Some(n)) => n,
        _ => return None,
    };
    let words: Vec<&str> = t
        .iter()
        .copied()
        .filter(|w| w.parse::<i64>().is_err() && !DROPPED.contains(w))
        .filter(|w| !["prima", "seconda", "terza", "quarta", "quinta"].contains(w))
        .collect();
    // (first grade, last grade, youngest minus grade, clear).
    let (lo, hi, offset, clear) = match words.as_slice() {
        ["grade" | "gr"] => (1, 12, 5, true),
        ["year" | "y" | "yr"] => (1, 13, 4, n >= 3),
        ["klasse" | "jahrgangsstufe" | "stufe"] => (1, 13, 5, n >= 3),
        ["e" | "eme" | "ieme"] => (3, 6, 16 - 2 * n, true),
        ["primaria" | "elementare"] => (1, 6, 4, true),
        ["eso"] => (1, 4, 10, true),
        ["bachillerato" | "bach"] => (1, 2, 14, true),
        ["media" | "medie"] => (1, 3, 9, true),
        ["superiore" | "liceo"] => (1, 5, 12, true),
        ["groep"] => (1, 8, 3, true),
        ["klas"] => (1, 6, 10, n >= 3),
        ["leerjaar"] => (1, 6, 5, true),
        ["ano"] => (1, 12, 4, true),
        ["ano", "medio"] | ["medio"] => (1, 3, 13, true),
        [] => {
            let (lo, hi, offset) = match system? {
                System::Us | System::De => (1, 13, 5),
                System::Uk => (1, 13, 4),
                System::Es | System::It | System::Pt => (1, 12, 4),
                System::Nl => (1, 6, 5),
                System::Fr => return None,
            };
            let ok = (lo..=hi).contains(&n);
            return ok.then_some(Grade {
                youngest: n + offset,
                oldest: n + offset + 2,
                named: false,
                clear: false,
            });
        }
        _ => return None,
    };
    if !(lo..=hi).contains(&n) {
        return None;
    }
    g(n + offset, n + offset + 2, clear)
}

#[cfg(test)]
#[path = "school_year_tests.rs"]
mod tests;
