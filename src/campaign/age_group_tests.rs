//! Unit tests of [`super`]: expected ages worked out by hand from `assets/age-groups.toml`.

use super::*;

fn ages(text: &str) -> Option<(i64, i64)> {
    parse(text).map(|g| (g.youngest, g.oldest))
}

/// By hand, from `assets/age-groups.toml`: each word's ages, in the trial's
/// spellings and languages; `Junior` and `Senior` are the ambiguous ones.
#[test]
fn group_words_give_their_ages() {
    for (text, expected) in [
        ("Child", (0, 17)),
        ("children", (0, 17)),
        ("Kid", (0, 17)),
        ("KIDS", (0, 17)),
        ("Kind", (0, 17)),
        ("Enfant", (0, 17)),
        ("Niño", (0, 17)),
        ("Menor", (0, 17)),
        ("menor de edad", (0, 17)),
        ("Minderjährig", (0, 17)),
        ("Teen", (13, 19)),
        ("Teenager", (13, 19)),
        ("Adolescent", (10, 19)),
        ("Jugendlicher", (14, 17)),
        ("Youth", (12, 25)),
        ("Junior", (0, 20)),
        ("Baby", (0, 3)),
        ("Adult", (18, 120)),
        ("Erwachsener", (18, 120)),
        ("grown-up", (18, 120)),
        ("Senior", (60, 120)),
        ("Young adult", (18, 25)),
    ] {
        assert_eq!(ages(text), Some(expected), "{text}");
    }
    assert!(parse("Child").unwrap().clear);
    assert!(!parse("Junior").unwrap().clear);
    assert!(!parse("Senior").unwrap().clear);
}

/// By hand: bounds are read the cautious way (`under 18` up to 17, `over 18` from
/// 18), ranges from end to end, months as whole years.
#[test]
fn ranges_and_bounds_in_seven_languages() {
    for (text, expected) in [
        ("under 16", (0, 15)),
        ("Under 18", (0, 17)),
        ("under-18s", (0, 17)),
        ("<18", (0, 17)),
        ("< 18", (0, 17)),
        ("≤17", (0, 17)),
        ("U18", (0, 17)),
        ("-18 ans", (0, 17)),
        ("unter 18", (0, 17)),
        ("unter 18 Jahre", (0, 17)),
        ("moins de 18 ans", (0, 17)),
        ("menor de 18", (0, 17)),
        ("menos de 18 años", (0, 17)),
        ("sotto i 18 anni", (0, 17)),
        ("onder 18", (0, 17)),
        ("12 and under", (0, 12)),
        ("0-17", (0, 17)),
        ("13-17", (13, 17)),
        ("12–15", (12, 15)),
        ("16-24", (16, 24)),
        ("18-24", (18, 24)),
        ("from 13 to 17", (13, 17)),
        ("13 bis 17 Jahre", (13, 17)),
        ("de 13 à 17 ans", (13, 17)),
        ("65+", (65, 120)),
        ("+18", (18, 120)),
        ("over 18", (18, 120)),
        ("18 and over", (18, 120)),
        ("18 ans et plus", (18, 120)),
        ("18 años o más", (18, 120)),
        ("ab 18", (18, 120)),
        ("mayor de 18", (18, 120)),
        ("0-18 months", (0, 1)),
        ("Child (0-12)", (0, 17)),
        ("Kids 3-12 years", (0, 17)),
        ("Adult 18+", (18, 120)),
        ("Teen 13-17", (13, 19)),
    ] {
        assert_eq!(ages(text), Some(expected), "{text}");
    }
}

/// What is no age group: bare numbers (an age column reads them, a category
/// column's codes are no ages), other words, sentences, reversed or empty ranges.
#[test]
fn other_values_are_no_age_group() {
    for text in [
        "12",
        "12 years",
        "2",
        "Retail",
        "Business",
        "Family with kids",
        "Kinderwagen",
        "B2B",
        "unknown",
        "n/a",
        "-",
        "",
        "17-13",
        "under 0",
        "Junior developer",
    ] {
        assert_eq!(parse(text), None, "{text:?}");
    }
}

/// The asset parses and every word reads as its own group.
#[test]
fn the_asset_parses() {
    let raw: Raw = toml::from_str(include_str!("../../assets/age-groups.toml")).unwrap();
    assert!(raw.group.len() >= 8);
    for g in &raw.group {
        assert!(g.ages[0] <= g.ages[1], "{:?}", g.words);
        for w in &g.words {
            let read = parse(w).unwrap_or_else(|| panic!("{w}"));
            assert_eq!((read.youngest, read.oldest), (g.ages[0], g.ages[1]), "{w}");
        }
    }
}

/// New-user trial: `Gen Alpha` in an age-group column was "age unknown". By hand from
/// the asset's generations (ages of 2026): Gen Alpha 0 to 17, Gen Z 13 to 29 (both
/// hold minors), the older generations adults.
#[test]
fn generation_labels_give_their_ages() {
    for (text, expected) in [
        ("Gen Alpha", (0, 17)),
        ("Generation Alpha", (0, 17)),
        ("Génération Alpha", (0, 17)),
        ("Gen-Alpha", (0, 17)),
        ("GenAlpha", (0, 17)),
        ("Generación Alfa", (0, 17)),
        ("Gen Z", (13, 29)),
        ("Generation Z", (13, 29)),
        ("Millennials", (29, 46)),
        ("Gen Y", (29, 46)),
        ("Gen X", (45, 62)),
        ("Baby Boomer", (61, 81)),
    ] {
        assert_eq!(ages(text), Some(expected), "{text}");
    }
    assert!(parse("Gen Alpha").unwrap().clear);
}
