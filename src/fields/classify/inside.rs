//! Sensitive words inside longer values: `Pregnant (due May)`, `practising Catholic`,
//! `on chemo`, the tags `pregnant-2026` and `halal-only`.
//!
//! A note that says a contact is pregnant is health data (GDPR Art. 9(1)) as surely as
//! the tag `pregnant`, and merging it into a message sends it on. So, besides whole
//! values ([`super::values`]), a value is read word by word: a strong vocabulary term of
//! a special category entry written as whole words inside it is a sensitive value.
//!
//! Words are those of [`super::words::fold`]: split at anything not a letter or digit
//! (spaces, `-`, `_`, `/`, brackets), lower-cased, accent-folded and read as a person
//! sees them, so `Hálal-Only` holds `halal`, while `Christchurch` is one word and holds
//! no `church`. Only the terms the vocabulary lists count, as written or inflected
//! (`diabetics`, `two pregnancies`, `trade unions`: [`super::inflect`]; never a guessed
//! stem such as `diabet`). Left out, on purpose:
//! - protected-trait words (`man`, `miss`, `married`, `single`): everyday words in free
//!   text; they still count as a whole value or tag;
//! - the dictionary's `ambiguous_words` (`disabled` in `account disabled`, `depression`,
//!   `aids`, `smoker`, `homo`, `bipolar`), which mostly mean something else in a sentence;
//! - weak and ambiguous terms, as for whole values;
//! - a one-word term beside a word of its `value_vetoes` anywhere in the value
//!   (`church` in `12 Church Street`, `cancer` in `Cancer Research UK`).
//!
//! Callers decide which fields are read this way ([`crate::fields::held`]).

use std::collections::HashSet;
use std::sync::LazyLock;

use super::dictionary::{Term, dictionary};
use super::values::sensitive_term;
use super::words::fold;
use crate::fields::PrivacyClass;

/// The terms read inside longer values, and the most words any of them has.
struct WordTerms {
    ids: HashSet<u16>,
    longest: usize,
    /// The first words of its terms of several words (`trade` of `trade union`): a run
    /// of several words that starts with no such word is none of them, as written or
    /// inflected (only the last word is inflected), so [`scan`] does not look it up.
    multi_first: HashSet<String>,
}

impl WordTerms {
    /// The sensitive terms that `keep` accepts (given the term's class and folded
    /// spelling).
    fn build(keep: impl Fn(PrivacyClass, &str) -> bool) -> WordTerms {
        let dict = dictionary();
        let mut ids = HashSet::new();
        let mut multi_first = HashSet::new();
        let mut longest = 1;
        for id in (0..dict.terms.len()).filter_map(|i| u16::try_from(i).ok()) {
            let Some(s) = sensitive_term(id) else {
                continue;
            };
            let folded = fold(&s.term);
            if !keep(s.class, &folded) {
                continue;
            }
            longest = longest.max(folded.split(' ').count());
            if let Some((first, _)) = folded.split_once(' ') {
                multi_first.insert(first.to_string());
            }
            ids.insert(id);
        }
        WordTerms {
            ids,
            longest,
            multi_first,
        }
    }
}

/// Special category terms, but for the ambiguous words: what a note is read for.
static WORD_TERMS: LazyLock<WordTerms> = LazyLock::new(|| {
    let dict = dictionary();
    WordTerms::build(|class, folded| {
        class == PrivacyClass::SpecialCategory && !dict.ambiguous_words.contains(folded)
    })
});

/// Special category and protected-trait terms, but for the ambiguous words and the
/// words that in a name mostly mean something else: what a label (a segment name) is
/// read for.
static LABEL_TERMS: LazyLock<WordTerms> = LazyLock::new(|| {
    let dict = dictionary();
    WordTerms::build(|_, folded| {
        !dict.ambiguous_words.contains(folded) && !dict.name_everyday_words.contains(folded)
    })
});

/// The special category terms written as whole words in `folded` (a value as
/// [`fold`] gives it: words joined by one space), each once, in order of appearance.
///
/// At each word the longest term wins (`hiv positive` over `hiv`), and the words it
/// covers are not read again.
pub(super) fn terms_inside(folded: &str) -> Vec<u16> {
    scan(folded, &WORD_TERMS, false)
}

/// The special category and protected-trait terms written as whole words in `folded`
/// (a label: a segment name, words joined by one space), as [`terms_inside`] finds
/// them, with the protected-trait words a note is not read for (`women` in `women
/// over 50`, `trans` in `trans allies`, `kids` in `kids club`). Every term, of one
/// word or more, is passed beside a word of its `value_vetoes` (`trans` in `trans
/// atlantic`), and the dictionary's `name_everyday_words` are not read (`man` in `man
/// city fans`).
pub(super) fn labels_inside(folded: &str) -> Vec<u16> {
    scan(folded, &LABEL_TERMS, true)
}

/// The terms of `table` written as whole words in `folded`; `veto_all`: value vetoes
/// apply to terms of several words too.
fn scan(folded: &str, table: &WordTerms, veto_all: bool) -> Vec<u16> {
    let dict = dictionary();
    let mut bounds = Vec::new();
    let mut start = 0;
    for (i, _) in folded.match_indices(' ') {
        bounds.push((start, i));
        start = i + 1;
    }
    if start < folded.len() {
        bounds.push((start, folded.len()));
    }
    let mut found = Vec::new();
    let mut i = 0;
    while i < bounds.len() {
        let most = table.longest.min(bounds.len() - i);
        let word = |k: usize| &folded[bounds[k].0..bounds[k].1];
        let starts_several = table.multi_first.contains(word(i));
        let hit = (1..=most).rev().find_map(|n| {
            // Several words are only looked up from a word that starts a term of several
            // words, or as a word and an apostrophe `s` (`homo's` folds to `homo s`,
            // read as `homo`: `super::inflect::bases`).
            if n >= 2 && !starts_several && !(n == 2 && word(i + 1) == "s") {
                return None;
            }
            let text = &folded[bounds[i].0..bounds[i + n - 1].1];
            match dict.term(text) {
                Some(Term::Listed(id)) if table.ids.contains(&id) => Some((n, id)),
                _ => None,
            }
        });
        // A word its neighbours give an innocent meaning (`Church Street`) is passed.
        let hit = hit.filter(|&(n, id)| (n > 1 && !veto_all) || !vetoed(folded, id));
        match hit {
            Some((n, id)) => {
                if !found.contains(&id) {
                    found.push(id);
                }
                i += n;
            }
            None => i += 1,
        }
    }
    found
}

/// True when the term `id` has a value veto word among the words of `folded` (the
/// dictionary's `value_vetoes`: `church` in `church road`).
fn vetoed(folded: &str, id: u16) -> bool {
    let dict = dictionary();
    let Some((spelling, _)) = dict.terms.get(usize::from(id)) else {
        return false;
    };
    dict.value_vetoes
        .get(&fold(spelling))
        .is_some_and(|by| folded.split(' ').any(|w| by.contains(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The terms inside `value`, as the dictionary spells them.
    fn inside(value: &str) -> Vec<String> {
        let dict = dictionary();
        terms_inside(&fold(value))
            .into_iter()
            .map(|id| dict.terms[usize::from(id)].0.clone())
            .collect()
    }

    #[test]
    fn words_in_the_trial_values_are_found() {
        // The new-user trial's notes and Shopify tags, each with the term it holds.
        for (value, term) in [
            ("Pregnant (due May)", "pregnant"),
            ("diabetes type 2", "diabetes"),
            ("practising Catholic", "catholic"),
            ("halal meals", "halal"),
            ("on chemo", "chemo"),
            ("diabetic, prefers sugar-free", "diabetic"),
            ("pregnant-2026", "pregnant"),
            ("halal-only", "halal"),
            ("diabetes-type-2", "diabetes"),
            ("jewish-holidays", "jewish"),
            ("jewish_holidays", "jewish"),
        ] {
            assert_eq!(inside(value), [term], "{value}");
        }
    }

    #[test]
    fn case_accents_and_disguises_do_not_hide_a_word() {
        assert_eq!(inside("HALAL-ONLY"), ["halal"]);
        assert_eq!(inside("Hálal meals"), ["halal"]);
        assert_eq!(inside("mus\u{200B}lim family"), ["muslim"]);
        // Cyrillic а in `pregn\u{430}nt`.
        assert_eq!(inside("pregn\u{430}nt, due May"), ["pregnant"]);
    }

    #[test]
    fn plurals_and_the_session_9_vocabulary_are_found() {
        for (value, term) in [
            ("two pregnancies", "pregnancy"),
            ("on insulin since 2019", "insulin"),
            ("Krebs diagnostiziert", "krebs"),
            ("sings in the church choir", "church choir"),
            ("goes to church on Sundays", "church"),
            ("fasting for Ramadan", "ramadan"),
            ("Gewerkschaft ver.di", "gewerkschaft"),
            ("trade unions rep", "trade union"),
            ("fingerprint on file", "fingerprint"),
            ("blood type A+", "blood type"),
            ("uses a wheelchair", "wheelchair"),
            ("Mitglied der Kirche", "kirche"),
            ("visits the mosque", "mosque"),
            ("synagogue board", "synagogue"),
        ] {
            assert_eq!(inside(value), [term], "{value}");
        }
    }

    #[test]
    fn the_longest_term_wins_and_each_term_counts_once() {
        assert_eq!(inside("type 2 diabetes since 2019"), ["type 2 diabetes"]);
        assert_eq!(inside("hiv positive"), ["hiv positive"]);
        assert_eq!(
            inside("pregnant; diabetic; pregnant again"),
            ["pregnant", "diabetic"]
        );
    }

    #[test]
    fn ordinary_values_hold_no_sensitive_word() {
        for value in [
            "Christchurch",
            "Churchill Avenue",
            "likes tea",
            "black friday",
            "vegan options",
            "Mrs Smith called",
            "married in June",
            "single purchase",
            "account disabled",
            "visual aids for the stand",
            "offset smoker",
            "homo milk",
            "Catholicon Ltd",
            // Value vetoes (session 9): streets, a charity, a star sign, a band.
            "12 Church Street",
            "Kirche strasse 4",
            "Calle Iglesia 3",
            "donated to Cancer Research UK",
            "star sign: cancer",
            "Black Sabbath fan",
            "European Union citizen",
            "Union Square store",
            "",
        ] {
            assert_eq!(inside(value), Vec::<String>::new(), "{value}");
        }
    }
}
