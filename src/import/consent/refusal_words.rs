//! The header words that turn a consent header round, read from
//! `assets/consent-refusals.toml` (data, not code).
//!
//! Owns the word lists behind [`super::headers::refusal_in_header`] and the bounce
//! flags of [`super::headers`]: a header an opt-in phrase made a consent column
//! (`consent`, `newsletter`, `subscribed`) that also holds a withdrawal word in any
//! inflection of the seven dictionary languages (`withdrew`, `denied`, `cancelled`,
//! `retiré`, `widerrufen`, `revocato`, `ingetrokken`, `expired`, `previously`) or two
//! consecutive words (`opted out`, `no longer`) is a refusal: yes = withdrawn. Bounce
//! words (`bounced`, `undeliverable`, `unzustellbar`) make it a bounce flag. Words are
//! whole words of the field name (`import::normalise::snake_case`: lower-case ASCII,
//! accents dropped).

use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

use serde::Deserialize;

/// The file as written: per section, per language, its words; `pairs` two words.
#[derive(Deserialize)]
struct Raw {
    withdrawal: Section,
    bounce: Section,
}

#[derive(Deserialize)]
struct Section {
    #[serde(default)]
    pairs: Vec<[String; 2]>,
    #[serde(flatten)]
    languages: BTreeMap<String, Vec<String>>,
}

/// The loaded lists.
struct Words {
    withdrawal: HashSet<String>,
    withdrawal_pairs: Vec<[String; 2]>,
    bounce: HashSet<String>,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let raw: Raw = toml::from_str(include_str!("../../../assets/consent-refusals.toml"))
        .expect("assets/consent-refusals.toml is valid");
    let flat = |s: &Section| s.languages.values().flatten().cloned().collect();
    Words {
        withdrawal: flat(&raw.withdrawal),
        withdrawal_pairs: raw.withdrawal.pairs.clone(),
        bounce: flat(&raw.bounce),
    }
});

/// True when `word` (a whole word of a field name) says the address bounced or cannot
/// be delivered (`bounced`, `undeliverable`, `unzustellbar`).
pub fn is_bounce_word(word: &str) -> bool {
    WORDS.bounce.contains(word)
}

/// The withdrawal word or pair among `words` (a field name's words), if any
/// (`withdrew`, `retire`, `gekundigt`, `opted out`).
pub fn withdrawal_in(words: &[&str]) -> Option<String> {
    if let Some(w) = words.iter().find(|w| WORDS.withdrawal.contains(**w)) {
        return Some(w.to_string());
    }
    words.windows(2).find_map(|w| {
        WORDS
            .withdrawal_pairs
            .iter()
            .any(|[a, b]| w[0] == a && w[1] == b)
            .then(|| format!("{} {}", w[0], w[1]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word is written as `snake_case` writes a field name's word: lower-case
    /// ASCII letters and digits, so none can never match.
    #[test]
    fn words_are_field_name_words() {
        let all = WORDS
            .withdrawal
            .iter()
            .chain(&WORDS.bounce)
            .chain(WORDS.withdrawal_pairs.iter().flatten());
        for w in all {
            assert!(
                !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()),
                "{w}"
            );
        }
    }

    /// By hand: the trial's inverted headers' words, in each language.
    #[test]
    fn inflections_in_every_language() {
        for name in [
            "withdrew_consent",
            "consent_denied",
            "cancelled_consent",
            "widerrief_einwilligung",
            "consentement_retire",
            "consentimiento_retirado",
            "consenso_revocato",
            "toestemming_ingetrokken",
            "newsletter_gekundigt",
            "newsletter_annule",
            "consent_expired",
            "previously_subscribed",
            "consentimento_revogado",
        ] {
            let words: Vec<&str> = name.split('_').collect();
            assert!(withdrawal_in(&words).is_some(), "{name}");
        }
        for name in [
            "email_consent",
            "newsletter",
            "marketing_opt_in",
            "consent_given",
        ] {
            let words: Vec<&str> = name.split('_').collect();
            assert_eq!(withdrawal_in(&words), None, "{name}");
        }
        assert!(is_bounce_word("undeliverable"));
        assert!(!is_bounce_word("delivered"));
    }
}
