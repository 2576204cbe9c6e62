//! Tests of the privacy dictionary's loading: the bundled file parses and its entries check.

use super::*;

#[test]
fn the_asset_parses_and_every_entry_can_match() {
    let dict = parse(SOURCE).unwrap();
    assert!(dict.entries.len() >= 30);
    for e in &dict.entries {
        let matchable = !e.tokens.is_empty()
            || !e.headers.is_empty()
            || e.validator.is_some()
            || dict
                .terms
                .iter()
                .any(|(_, m)| m.iter().any(|m| dict.entries[m.entry].kind == e.kind));
        assert!(matchable, "entry `{}` can never match", e.kind);
    }
}

#[test]
fn the_kinds_the_brief_names_are_present() {
    let dict = dictionary();
    for kind in [
        "health",
        "ethnicity",
        "religion",
        "sexual_orientation",
        "political_opinion",
        "union_membership",
        "genetic",
        "biometric",
        "government_id",
        "card_number",
        "precise_geolocation",
        "age",
        "date_of_birth",
        "birth_year",
        "gender",
        "marital_status",
        "family_status",
        "nationality",
        "email",
        "phone",
        "name",
        "address",
        "postcode",
        "city",
        "job_title",
        "consent_email",
        "consent_email_opt_out",
        "consent_sms",
        "consent_sms_opt_out",
        "tags",
    ] {
        assert!(
            dict.entries.iter().any(|e| e.kind == kind),
            "missing {kind}"
        );
    }
}

#[test]
fn values_are_looked_up_folded() {
    let dict = dictionary();
    let Some(Term::Listed(id)) = dict.term("mannlich") else {
        panic!("männlich is a gender term");
    };
    let (_, members) = &dict.terms[usize::from(id)];
    assert!(
        members
            .iter()
            .any(|m| dict.entries[m.entry].kind == "gender")
    );
    assert!(matches!(
        dict.term("prefer not to say"),
        Some(Term::Neutral)
    ));
    assert!(dict.term("bookcases").is_none());
}

#[test]
fn a_broken_dictionary_is_an_error_not_a_panic() {
    assert!(parse("entry = 3").is_err());
    let empty_phrase = "neutral_values = []\nsubject_prefixes = []\nconnectors = []\n\
        compound_words = []\nordinary_words = []\nambiguous_values = []\nambiguous_words = []\nvetoes = {}\n[[entry]]\nkind = \"x\"\n\
        class = \"ordinary\"\nrole = \"none\"\nlabel = \"x\"\nsource = \"x\"\ntokens.en = [\"--\"]\n";
    assert!(parse(empty_phrase).unwrap_err().contains("no words"));
}
