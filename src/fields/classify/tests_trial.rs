//! Columns and tags a new-user trial found left ordinary, and the innocent look-alikes
//! that must stay ordinary. Expected classes worked out by hand from
//! `assets/privacy-dictionary.toml` (GDPR Art. 9(1) kinds; the value rule: at least 80%
//! of values in a vocabulary and two distinct strong terms; the share rule for
//! `heritage`: the header and at least 50% national-origin words).

use super::*;
use FieldType::Text;
use PrivacyClass::{DirectIdentifier, Ordinary, SpecialCategory};

fn col(header: &str, values: &[&str]) -> Classification {
    let mut profile = ValueProfile::new();
    for v in values {
        profile.observe(v);
    }
    classify(header, "", Text, &profile)
}

fn kind(c: &Classification) -> &str {
    c.kind.as_deref().unwrap_or("-")
}

fn is(c: &Classification, want: &str) {
    assert_eq!((kind(c), c.class), (want, SpecialCategory), "{}", c.reason);
}

#[test]
fn the_trial_columns_are_special_category() {
    // Header `orientation` on its own; values lesbian (strong), bi (strong), straight
    // (weak): 3 of 3 in the vocabulary, 2 distinct strong terms.
    is(
        &col("orientation", &["lesbian", "straight", "bi"]),
        "sexual_orientation",
    );
    is(&col("Orientation", &[]), "sexual_orientation");
    // `so` says nothing; the values decide.
    is(
        &col("so", &["lesbian", "straight", "bi", "straight"]),
        "sexual_orientation",
    );
    // An NHS number is a health identifier.
    is(&col("NHS number", &["943 476 5919"]), "health");
    is(&col("nhs_no", &[]), "health");
    // Places of worship.
    is(&col("Mosque_member", &["yes", "no"]), "religion");
    is(&col("Church", &["St Mary's", "none"]), "religion");
    // Voting.
    is(&col("voted_2024", &["yes", "no"]), "political_opinion");
    // Heritage: Irish and Polish are national-origin words, 100% of the values.
    is(&col("Heritage", &["Irish", "Polish", "Irish"]), "ethnicity");
    // pol: labour and tory are two distinct party names, 100% of the values.
    is(
        &col("pol", &["labour", "tory", "labour"]),
        "political_opinion",
    );
}

#[test]
fn look_alikes_stay_ordinary() {
    for (header, values) in [
        // `so` as a sales order number.
        ("so", &["SO-1001", "SO-1002", "SO-1003"][..]),
        // `orientation` is the whole header only: a course's orientation day.
        ("orientation_date", &["2026-09-01"][..]),
        ("page orientation", &["portrait", "landscape"][..]),
        // `Church` in an address line.
        ("Church Street", &["12", "14"][..]),
        ("church_road_no", &["3"][..]),
        // A review site's votes.
        ("voted_best", &["yes", "no"][..]),
        // National-origin words without a heritage header: a cuisine.
        ("favourite_cuisine", &["Italian", "Indian", "Polish"][..]),
        // A heritage product line: the values are not origins.
        ("heritage_collection", &["teapot", "mug", "plate"][..]),
        // One party word that also means something else.
        ("risk_profile", &["conservative", "balanced", "growth"][..]),
    ] {
        // Ordinary, or an address (`Church Street` is a street address): never special
        // category data.
        let c = col(header, values);
        assert!(
            matches!(c.class, Ordinary | DirectIdentifier),
            "{header}: {:?} {}",
            c.class,
            c.reason
        );
    }
}

#[test]
fn the_trial_tags_are_sensitive_values_and_short_codes_are_not() {
    let k = |v: &str| sensitive_value(v).map(|s| s.kind);
    assert_eq!(k("trade unionist").as_deref(), Some("union_membership"));
    assert_eq!(k("Expecting Mother").as_deref(), Some("health"));
    assert_eq!(k("lesbian").as_deref(), Some("sexual_orientation"));
    assert_eq!(k("tory").as_deref(), Some("political_opinion"));
    // Ambiguous on their own: `bi` (business intelligence), `labour` (labour costs);
    // `polish` and `irish` are share words only (nail polish).
    for v in [
        "bi",
        "labour",
        "polish",
        "irish",
        "straight",
        "conservative",
    ] {
        assert_eq!(k(v), None, "{v}");
    }
}
