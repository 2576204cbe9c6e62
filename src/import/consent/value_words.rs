//! Consent values in German, French, Spanish, Italian, Dutch and Portuguese, read from
//! `assets/consent-values.toml` (data, not code).
//!
//! Owns the words behind the fallback of [`super::words::word`]: `abgelehnt`,
//! `refusée`, `rechazado`, `negato`, `geweigerd`, `recusado` are refusals,
//! `zugestimmt`, `acceptée`, `aceptado`, `concesso`, `toegestaan`, `aceito` grants,
//! `widerrufen`, `révoqué`, `revocado`, `ingetrokken`, `revogado` withdrawals, in every
//! gender and number form (new-user trial 6, G22: such a column was read as no consent
//! column and `--consent email=granted` mailed the people who declined). Which of them
//! name consent by themselves ([`states_consent`]) and the parts of longer values that
//! say yes or no ([`stems`]) are here too. Words are compared folded
//! ([`super::words::fold`]), with and without their accents.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::words::{Word, fold};

/// The file as written.
#[derive(Deserialize)]
struct Raw {
    granted: BTreeMap<String, Vec<String>>,
    declined: BTreeMap<String, Vec<String>>,
    withdrawn: BTreeMap<String, Vec<String>>,
    states: List,
    stems: List,
}

#[derive(Deserialize)]
struct List {
    words: Vec<String>,
}

/// The loaded lists: folded word (and its accent-free spelling) → what it says.
struct Words {
    words: HashMap<String, Word>,
    states: HashSet<String>,
    stems: Vec<String>,
}

/// `folded` without its accents (`refusée` → `refusee`, `não` → `nao`).
fn without_accents(folded: &str) -> String {
    folded.nfd().filter(|c| !is_combining_mark(*c)).collect()
}

/// Every spelling of `word` a value is compared with: folded, and folded without
/// accents.
fn spellings(word: &str) -> [String; 2] {
    let folded = fold(word);
    let plain = without_accents(&folded);
    [folded, plain]
}

fn raw() -> Raw {
    toml::from_str(include_str!("../../../assets/consent-values.toml"))
        .expect("assets/consent-values.toml is valid")
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let raw = raw();
    let mut words = HashMap::new();
    for (section, says) in [
        (&raw.granted, Word::OptedIn),
        (&raw.declined, Word::Refused),
        (&raw.withdrawn, Word::OptedOut),
    ] {
        for w in section.values().flatten() {
            for s in spellings(w) {
                words.insert(s, says);
            }
        }
    }
    Words {
        words,
        states: raw.states.words.iter().flat_map(|w| spellings(w)).collect(),
        stems: raw.stems.words.clone(),
    }
});

/// What a folded value ([`fold`]) says among the words of the file, if it is one.
pub fn word(folded: &str) -> Option<Word> {
    WORDS.words.get(folded).copied()
}

/// True when a folded value names consent by itself (`keine einwilligung`,
/// `consentement retiré`, `abbestellt`; the file's `states`).
pub fn states_consent(folded: &str) -> bool {
    WORDS.states.contains(folded)
}

/// Parts of a longer value that say yes or no in some way (`abgelehnt`, `refus`,
/// `rechaz`), lower case.
pub fn stems() -> &'static [String] {
    &WORDS.stems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::consent::words;

    /// Every word is in one section only, every `states` word in a section, and none
    /// shadows a word the code already reads (yes/no and the English words): a word in
    /// two places would say two things.
    #[test]
    fn every_word_says_one_thing() {
        let raw = raw();
        let mut seen: HashMap<String, &str> = HashMap::new();
        for (name, section) in [
            ("granted", &raw.granted),
            ("declined", &raw.declined),
            ("withdrawn", &raw.withdrawn),
        ] {
            for w in section.values().flatten() {
                assert_eq!(w, &w.to_lowercase(), "{w} is lower case");
                for s in spellings(w) {
                    if let Some(other) = seen.insert(s.clone(), name) {
                        assert_eq!(other, name, "`{w}` is in {other} and {name}");
                    }
                }
            }
        }
        for w in &raw.states.words {
            assert!(WORDS.words.contains_key(&fold(w)), "states word `{w}`");
        }
        for w in &raw.stems.words {
            assert_eq!(w, &w.to_lowercase(), "{w}");
        }
    }

    /// By hand: the trial's values and their other forms, with and without accents.
    #[test]
    fn trial_values_in_every_language() {
        for (value, expected) in [
            ("abgelehnt", Word::Refused),
            ("Abgelehnt", Word::Refused),
            ("zugestimmt", Word::OptedIn),
            ("erlaubt", Word::OptedIn),
            ("widerrufen", Word::OptedOut),
            ("rechazado", Word::Refused),
            ("Rechazadas", Word::Refused),
            ("aceptado", Word::OptedIn),
            ("refusée", Word::Refused),
            ("REFUSEE", Word::Refused),
            ("acceptée", Word::OptedIn),
            ("negato", Word::Refused),
            ("concesso", Word::OptedIn),
            ("geweigerd", Word::Refused),
            ("toegestaan", Word::OptedIn),
            ("recusado", Word::Refused),
            ("não autorizado", Word::Refused),
            ("nao autorizado", Word::Refused),
            ("révoquée", Word::OptedOut),
            ("Keine Einwilligung", Word::Refused),
        ] {
            assert_eq!(words::word(value), expected, "{value}");
        }
        assert!(words::states_consent("Keine Einwilligung"));
        assert!(!words::states_consent("abgelehnt"));
        assert_eq!(words::word("abgelehnt am 3.4."), Word::Other);
        assert!(words::is_yes_no_like("abgelehnt am 3.4."));
    }
}
