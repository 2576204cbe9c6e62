//! The privacy dictionary: `assets/privacy-dictionary.toml`, parsed once.
//!
//! Owns the shape of the asset and its indexes (phrases split into words, a lookup from
//! folded value to vocabulary terms). It decides nothing: [`super::classify`] weighs the
//! matches. The asset is compiled in, so a parse failure is a build defect caught by the
//! unit tests here, never a user's input error.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use serde::Deserialize;

use super::words::{fold, words};
use crate::fields::{FieldType, PrivacyClass, Role};

const SOURCE: &str = include_str!("../../../assets/privacy-dictionary.toml");

/// A value check that confirms a header match (`needs`) or classifies alone (`validator`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Check {
    Email,
    Phone,
    Luhn,
    Iban,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDictionary {
    neutral_values: Vec<String>,
    subject_prefixes: Vec<String>,
    entry: Vec<RawEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    kind: String,
    class: PrivacyClass,
    role: Role,
    label: String,
    source: String,
    #[serde(default)]
    vocabulary: Option<String>,
    #[serde(default)]
    tokens: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    headers: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    weak_values: Vec<String>,
    #[serde(default)]
    types: Option<Vec<FieldType>>,
    #[serde(default)]
    role_types: Option<Vec<FieldType>>,
    #[serde(default)]
    needs: Option<Check>,
    #[serde(default)]
    validator: Option<Check>,
}

/// A phrase as written in the dictionary and as words.
#[derive(Debug)]
pub(crate) struct Phrase {
    pub text: String,
    pub words: Vec<String>,
}

/// One dictionary entry (see the asset's header comment for each field's meaning).
#[derive(Debug)]
pub(crate) struct Entry {
    pub kind: String,
    pub class: PrivacyClass,
    pub role: Role,
    pub label: String,
    pub source: String,
    /// Plural noun for the reason ("gender terms").
    pub vocabulary: String,
    pub tokens: Vec<Phrase>,
    pub headers: Vec<Phrase>,
    pub types: Option<Vec<FieldType>>,
    pub role_types: Option<Vec<FieldType>>,
    pub needs: Option<Check>,
    pub validator: Option<Check>,
}

/// A vocabulary term's membership in one entry.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Membership {
    pub entry: usize,
    /// Weak terms count toward the share but not toward the distinct-term minimum.
    pub weak: bool,
}

/// The parsed dictionary with its lookup tables.
#[derive(Debug)]
pub(crate) struct Dictionary {
    pub entries: Vec<Entry>,
    pub subject_prefixes: HashSet<String>,
    /// Folded value → term id (index into `terms`).
    term_ids: HashMap<String, u16>,
    /// Per term id: its spelling as in the dictionary, and the entries that list it.
    pub terms: Vec<(String, Vec<Membership>)>,
    neutral: HashSet<String>,
}

/// What a folded value is in the vocabularies.
pub(crate) enum Term {
    Listed(u16),
    Neutral,
}

impl Dictionary {
    /// The vocabulary term `folded` is, if any.
    pub fn term(&self, folded: &str) -> Option<Term> {
        if let Some(&id) = self.term_ids.get(folded) {
            Some(Term::Listed(id))
        } else if self.neutral.contains(folded) {
            Some(Term::Neutral)
        } else {
            None
        }
    }
}

/// The dictionary, parsed on first use.
pub(crate) fn dictionary() -> &'static Dictionary {
    static DICTIONARY: LazyLock<Dictionary> = LazyLock::new(|| {
        // The asset is part of the binary; the tests below parse it on every build.
        parse(SOURCE).expect("assets/privacy-dictionary.toml is valid (unit-tested)")
    });
    &DICTIONARY
}

fn parse(source: &str) -> Result<Dictionary, String> {
    let raw: RawDictionary = toml::from_str(source).map_err(|e| e.to_string())?;
    let mut dict = Dictionary {
        entries: Vec::with_capacity(raw.entry.len()),
        subject_prefixes: raw.subject_prefixes.iter().map(|p| fold(p)).collect(),
        term_ids: HashMap::new(),
        terms: Vec::new(),
        neutral: raw.neutral_values.iter().map(|v| fold(v)).collect(),
    };
    for (index, e) in raw.entry.into_iter().enumerate() {
        let phrases = |by_lang: &BTreeMap<String, Vec<String>>| -> Result<Vec<Phrase>, String> {
            by_lang
                .values()
                .flatten()
                .map(|text| {
                    let w = words(text);
                    if w.is_empty() {
                        return Err(format!("entry `{}`: phrase `{text}` has no words", e.kind));
                    }
                    Ok(Phrase {
                        text: text.clone(),
                        words: w,
                    })
                })
                .collect()
        };
        let tokens = phrases(&e.tokens)?;
        let headers = phrases(&e.headers)?;
        for (list, weak) in [(&e.values, false), (&e.weak_values, true)] {
            for value in list {
                let folded = fold(value);
                let next = u16::try_from(dict.terms.len()).map_err(|_| "too many terms")?;
                let id = *dict.term_ids.entry(folded).or_insert(next);
                if id == next {
                    dict.terms.push((value.clone(), Vec::new()));
                }
                if let Some((_, members)) = dict.terms.get_mut(usize::from(id))
                    && !members.iter().any(|m| m.entry == index)
                {
                    members.push(Membership { entry: index, weak });
                }
            }
        }
        dict.entries.push(Entry {
            vocabulary: e.vocabulary.unwrap_or_else(|| format!("{} terms", e.kind)),
            kind: e.kind,
            class: e.class,
            role: e.role,
            label: e.label,
            source: e.source,
            tokens,
            headers,
            types: e.types,
            role_types: e.role_types,
            needs: e.needs,
            validator: e.validator,
        });
    }
    Ok(dict)
}

#[cfg(test)]
mod tests {
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
            "consent_sms",
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
        let empty_phrase = "neutral_values = []\nsubject_prefixes = []\n[[entry]]\nkind = \"x\"\n\
            class = \"ordinary\"\nrole = \"none\"\nlabel = \"x\"\nsource = \"x\"\ntokens.en = [\"--\"]\n";
        assert!(parse(empty_phrase).unwrap_err().contains("no words"));
    }
}
