//! Whether a name (a file's, a folder's, an archive's) says it lists opt-outs, read
//! with the word lists of `assets/opt-out-file-names.toml` (data, not code).
//!
//! A name is split into whole words as field names are
//! ([`super::normalise::snake_case`]: lower-case ASCII, accents dropped, `camelCase`
//! split), so `spamalot_fans` or `bouncer_staff` hold no opt-out word. Then, as the
//! asset's header explains: an opt-out word or pair says it wherever it stands; a
//! compound word (`bounce`, `spam`, `cancelled`, `deleted`) only at the end of the name
//! or before a list word, a number or another opt-out word, since before any other
//! word it names something else (`bounce house`, `spam musubi`); a negation right
//! before a word undoes it (`not-unsubscribed`); a cleared word anywhere (`dnc-cleared`,
//! `complaints-resolved`) says the name lists no opt-outs. Called by
//! [`super::opt_out_file`] and [`super::archive`].

use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

use serde::Deserialize;

/// The asset as written: per section, per language, its words; `pairs` two words.
#[derive(Deserialize)]
struct Raw {
    opt_out: Section,
    compound: Section,
    list: Section,
    negation: Section,
    cleared: Section,
}

#[derive(Deserialize)]
struct Section {
    #[serde(default)]
    pairs: Vec<[String; 2]>,
    #[serde(flatten)]
    languages: BTreeMap<String, Vec<String>>,
}

impl Section {
    fn words(&self) -> HashSet<String> {
        self.languages.values().flatten().cloned().collect()
    }
}

/// The loaded lists.
struct Words {
    opt_out: HashSet<String>,
    pairs: Vec<[String; 2]>,
    compound: HashSet<String>,
    list: HashSet<String>,
    negation: HashSet<String>,
    cleared: HashSet<String>,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let raw: Raw = toml::from_str(include_str!("../../assets/opt-out-file-names.toml"))
        .expect("assets/opt-out-file-names.toml is valid");
    Words {
        opt_out: raw.opt_out.words(),
        pairs: raw.opt_out.pairs.clone(),
        compound: raw.compound.words(),
        list: raw.list.words(),
        negation: raw.negation.words(),
        cleared: raw.cleared.words(),
    }
});

/// The word (or two) of `name` (a folder's or archive's name, or a file name without
/// its extension) that says it lists opt-outs, if any: `unsubscribed`, `opt outs`.
pub fn opt_out_word(name: &str) -> Option<String> {
    let name = super::normalise::snake_case(name);
    let words: Vec<&str> = name.split('_').filter(|w| !w.is_empty()).collect();
    let w = &*WORDS;
    if words.iter().any(|word| w.cleared.contains(*word)) {
        return None;
    }
    let negated = |i: usize| i > 0 && w.negation.contains(words[i - 1]);
    let opt_out = |word: &str| w.opt_out.contains(word) || w.compound.contains(word);
    // What may follow a compound word that still lists opt-outs: nothing, a list word,
    // a number (`spam_2026`; `f` is what a name starting with a digit is prefixed by),
    // another opt-out word or the start of a pair.
    let lists_after = |i: usize| match words.get(i + 1) {
        None => true,
        Some(next) => {
            w.list.contains(*next)
                || next.chars().all(|c| c.is_ascii_digit())
                || opt_out(next)
                || w.pairs.iter().any(|[a, _]| a == next)
        }
    };
    for (i, word) in words.iter().enumerate() {
        if negated(i) {
            continue;
        }
        if let Some(next) = words.get(i + 1)
            && w.pairs.iter().any(|[a, b]| a == word && b == next)
        {
            return Some(format!("{word} {next}"));
        }
        if w.opt_out.contains(*word) || (w.compound.contains(*word) && lists_after(i)) {
            return Some(word.to_string());
        }
    }
    None
}

/// As [`opt_out_word`] for a file name: its extension (`.csv`, `.zip`) is left out.
pub fn file_opt_out_word(file_name: &str) -> Option<String> {
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem);
    opt_out_word(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word is written as `snake_case` writes a name's word: lower-case ASCII
    /// letters and digits, so none can never match.
    #[test]
    fn words_are_name_words() {
        let w = &*WORDS;
        let all = w
            .opt_out
            .iter()
            .chain(&w.compound)
            .chain(&w.list)
            .chain(&w.negation)
            .chain(&w.cleared)
            .chain(w.pairs.iter().flatten());
        for word in all {
            assert!(
                !word.is_empty()
                    && word
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()),
                "{word}"
            );
        }
        // A word in both a refusing and an undoing list would be read two ways.
        for word in w.opt_out.iter().chain(&w.compound) {
            assert!(
                !w.cleared.contains(word) && !w.negation.contains(word),
                "{word}"
            );
        }
    }

    /// By hand: the trials' file names and their languages' plurals are opt-out
    /// lists; customer files, compounds and negated or cleared names are not.
    #[test]
    fn names_of_opt_out_lists() {
        for (name, word) in [
            ("unsubscribed.csv", "unsubscribed"),
            ("optouts.csv", "optouts"),
            ("opt-outs.csv", "opt outs"),
            ("spam_complaints.csv", "spam"),
            ("bounces.csv", "bounces"),
            ("bounce.csv", "bounce"),
            ("hard_bounce_list.csv", "bounce"),
            ("suppression_list.csv", "suppression"),
            ("Klaviyo_Suppressions.csv", "suppressions"),
            ("blocklist.txt", "blocklist"),
            ("abmeldungen.csv", "abmeldungen"),
            ("Désabonnés 2024.csv", "desabonnes"),
            ("cleaned_members_export_4d2c.csv", "cleaned members"),
            ("do-not-contact.csv", "not contact"),
            ("DNC_list.csv", "dnc"),
            ("opt_out_2026.csv", "opt out"),
            ("desinscritos.csv", "desinscritos"),
            ("cancellati.csv", "cancellati"),
            ("blocked.csv", "blocked"),
            ("removals.csv", "removals"),
            ("nomail.csv", "nomail"),
            ("no-mail.csv", "no mail"),
            ("stop_list.csv", "stop list"),
            ("gdpr_erasure_requests.csv", "erasure"),
            ("deleted_contacts.csv", "deleted"),
            ("deleted.csv", "deleted"),
            ("no_marketing.csv", "no marketing"),
            ("spam-2026.csv", "spam"),
        ] {
            assert_eq!(file_opt_out_word(name).as_deref(), Some(word), "{name}");
        }
        for name in [
            "customers.csv",
            "customers_cleaned.csv",
            "subscribed_members_export.csv",
            "spamalot_fans.csv",
            "bouncer_staff.csv",
            "newsletter.csv",
            "bounce-house-rentals.csv",
            "spam-musubi-fans.csv",
            "complaints-resolved.csv",
            "not-unsubscribed.csv",
            "dnc-cleared.csv",
            "resubscribed.csv",
            "cancelled_orders.csv",
            "never_bounced.csv",
            "nicht_abgemeldet.csv",
        ] {
            assert_eq!(file_opt_out_word(name), None, "{name}");
        }
    }
}
