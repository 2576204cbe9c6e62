//! The second new-user trial of promise 2: sensitive headers that were left ordinary,
//! and free-text columns whose values hold sensitive words. Expected classes and notes
//! worked out by hand from `assets/privacy-dictionary.toml` (GDPR Art. 9(1) kinds).

use super::*;
use FieldType::Text;
use PrivacyClass::{Ordinary, QuasiIdentifier, SpecialCategory};

fn col(header: &str, values: &[&str]) -> Classification {
    let mut profile = ValueProfile::new();
    for v in values {
        profile.observe(v);
    }
    classify(header, "", Text, &profile)
}

fn kind(c: &Classification) -> (&str, PrivacyClass) {
    (c.kind.as_deref().unwrap_or("-"), c.class)
}

#[test]
fn the_trial_headers_are_special_category() {
    for (header, want) in [
        // Racial or ethnic origin (GDPR Art. 9(1)).
        ("Skin colour", "ethnicity"),
        ("skin_color", "ethnicity"),
        ("Caste", "ethnicity"),
        ("Tribe", "ethnicity"),
        ("ethn", "ethnicity"),
        ("Hautfarbe", "ethnicity"),
        // Religious beliefs.
        ("Relig", "religion"),
        // Health: the clinic a contact attends, and their recorded mood (a judgement).
        ("Clinic", "health"),
        ("Mood", "health"),
        ("customer_mood", "health"),
    ] {
        let c = col(header, &[]);
        assert_eq!(kind(&c), (want, SpecialCategory), "{header}: {}", c.reason);
    }
}

#[test]
fn look_alikes_of_the_new_headers_stay_ordinary() {
    // A design's mood board and lighting; a skin-care product's skin type.
    for header in ["mood_board", "Mood lighting", "skin_type", "skincare"] {
        let c = col(header, &[]);
        assert_eq!(c.class, Ordinary, "{header}: {}", c.reason);
    }
}

#[test]
fn a_notes_column_names_the_sensitive_words_its_values_hold() {
    // The trial's five notes: pregnant, diabetes, catholic, halal, chemo, one each;
    // the column stays ordinary (no header word, under 80% in one vocabulary) and the
    // note lists them by count, then alphabetically.
    let c = col(
        "notes",
        &[
            "Pregnant (due May)",
            "diabetes type 2",
            "practising Catholic",
            "halal meals",
            "on chemo",
            "likes tea",
        ],
    );
    assert_eq!(c.class, Ordinary, "{}", c.reason);
    assert!(
        c.reason.contains(
            "holds sensitive values: catholic (religion, 1), chemo (health, 1), diabetes (health, 1), halal (religion, 1), pregnant (health, 1)"
        ),
        "{}",
        c.reason
    );
}

#[test]
fn a_city_column_is_judged_as_a_city() {
    // `Christchurch` is one word; `Jewish Museum Berlin` is a place name in a city
    // column (quasi-identifier), so no note of sensitive values.
    let c = col("city", &["Christchurch", "Jewish Museum Berlin", "Leeds"]);
    assert_eq!(c.class, QuasiIdentifier, "{}", c.reason);
    assert!(!c.reason.contains("holds sensitive values"), "{}", c.reason);
    let plain = col("notes", &["Christchurch", "likes tea"]);
    assert!(
        !plain.reason.contains("holds sensitive values"),
        "{}",
        plain.reason
    );
}
