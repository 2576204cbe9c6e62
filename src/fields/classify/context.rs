//! Words around a term that make it name a thing, an event or a greeting rather than
//! the person a label or a message speaks to.
//!
//! A segment `kids-menu`, a subject `Happy Diwali` or a line `Halal and kosher options`
//! says nothing about the recipient: the term names a menu, a festival, a dish
//! (new-user trial 3, H6 and H7: each was a `sensitive_name` or `sensitive_text`
//! blocker, while `Christmas` and `Easter` never were). A term is read in context when
//! every place it is written is one of these (the dictionary's `[context]` lists):
//! - **an occasion**: a word of `occasions` follows it (`womens day sale`, `ladies
//!   night`);
//! - **a thing**: a noun of `nouns` follows it, directly or after `and`/`or` and one
//!   word, and the term names a thing or practice (`thing_terms`: `kosher wine`, `halal
//!   and kosher options`) or someone else (`kids menu`); not a word for the people
//!   themselves (`muslim deals` still says the recipients are Muslim);
//! - **a greeting**: a word of `greeting_before` precedes it or one of `greeting_after`
//!   follows or ends it (`Happy Diwali`, `Eid Mubarak`, `Hanukkah greetings`): a
//!   seasonal greeting to everyone, as `Merry Christmas` is;
//! - **someone else**: a word naming other people (`other_person_words`: `kids`,
//!   `children`) after a determiner of `determiners` (`Get the kids ready`).
//!
//! Never for health terms: `diabetic menu`, `pregnancy test offers` still say what
//! they say of whoever the label names. A term written alone (`halal`, `muslim`) or
//! beside an audience word (`muslim-customers`) has no context and counts. Headers use
//! the same nouns ([`header_in_context`]): `Disabled notifications`, a word after a
//! thing (`Account health`), and a measure right after a word whose measure is of a
//! thing (`Health score`, `Conviction level`, but not `Religion score`).

use std::collections::HashSet;

use serde::Deserialize;

use super::dictionary::{Term, dictionary};
use super::words::fold;

/// The `[context]` lists of the dictionary, folded.
#[derive(Debug, Default)]
pub(crate) struct Context {
    pub occasions: HashSet<String>,
    pub thing_terms: HashSet<String>,
    pub nouns: HashSet<String>,
    pub greeting_before: HashSet<String>,
    pub greeting_after: HashSet<String>,
    pub determiners: HashSet<String>,
    pub conjunctions: HashSet<String>,
    pub measures: HashSet<String>,
    pub measured: HashSet<String>,
    /// Words for people after an origin word (`Nigerian customers`; src/fields/classify/names_groups.rs).
    pub people: HashSet<String>,
}

/// The `[context]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawContext {
    occasions: Vec<String>,
    thing_terms: Vec<String>,
    nouns: Vec<String>,
    greeting_before: Vec<String>,
    greeting_after: Vec<String>,
    determiners: Vec<String>,
    conjunctions: Vec<String>,
    measures: Vec<String>,
    measured: Vec<String>,
    people: Vec<String>,
}

impl RawContext {
    /// The lists folded as values are.
    pub fn folded(&self) -> Context {
        let set = |l: &[String]| l.iter().map(|w| fold(w)).collect();
        Context {
            occasions: set(&self.occasions),
            thing_terms: set(&self.thing_terms),
            nouns: set(&self.nouns),
            greeting_before: set(&self.greeting_before),
            greeting_after: set(&self.greeting_after),
            determiners: set(&self.determiners),
            conjunctions: set(&self.conjunctions),
            measures: set(&self.measures),
            measured: set(&self.measured),
            people: set(&self.people),
        }
    }
}

/// True when `term` (a found term's spelling, of entry kind `kind`) is written among
/// `words` (a label's or phrase's folded words) and every place it is written is in
/// context (see the module header). False when it is not found as written.
pub(crate) fn in_context(words: &[String], term: &str, kind: &str) -> bool {
    if kind == "health" {
        return false;
    }
    let dict = dictionary();
    let folded = fold(term);
    let n = folded.split(' ').count();
    if n == 0 || words.len() < n {
        return false;
    }
    let id = dict.term(&folded);
    let mut seen = false;
    for i in 0..=words.len() - n {
        let window = words[i..i + n].join(" ");
        let same = window == folded
            || matches!((dict.term(&window), id), (Some(Term::Listed(a)), Some(Term::Listed(b))) if a == b);
        if !same {
            continue;
        }
        seen = true;
        if !at(words, i, n, &window) {
            return false;
        }
    }
    seen
}

/// True when the term at `words[i..i + n]` (`window`) is in context.
fn at(words: &[String], i: usize, n: usize, window: &str) -> bool {
    let c = &dictionary().context;
    // A possessive `s` split from its word (`children's books`) is no word of its own.
    let skip = usize::from(words.get(i + n).is_some_and(|w| w == "s"));
    let next = words.get(i + n + skip).map(String::as_str);
    let after_next = words.get(i + n + skip + 2).map(String::as_str);
    let prev = i
        .checked_sub(1)
        .and_then(|p| words.get(p))
        .map(String::as_str);
    let last = window.rsplit(' ').next().unwrap_or(window);
    let other_person = n == 1 && dictionary().other_person_words.contains(window);
    // A thing or a practice (`kosher`), or someone else (`kids`), before a noun names
    // a product; the people themselves (`muslim deals`) are still the recipients.
    let names_a_thing = c.thing_terms.contains(window) || other_person;
    let noun = |w: Option<&str>| w.is_some_and(|w| c.nouns.contains(w) || c.occasions.contains(w));
    let thing = next.is_some_and(|w| c.occasions.contains(w))
        || (names_a_thing
            && (noun(next)
                || (next.is_some_and(|w| c.conjunctions.contains(w)) && noun(after_next))));
    let greeting = prev.is_some_and(|w| c.greeting_before.contains(w))
        || next.is_some_and(|w| c.greeting_after.contains(w))
        || (n > 1 && c.greeting_after.contains(last));
    let someone_else = other_person && prev.is_some_and(|w| c.determiners.contains(w));
    thing || greeting || someone_else
}

/// True when the one-word header token at `words[i]` names a thing rather than the
/// contact: a later header word is a context noun (`Disabled notifications`,
/// `Political science course`, `Gender reveal party`), or the word before it names a
/// thing (`Account health`; the dictionary's `thing_words`).
/// The word that does, if any.
///
/// A measure (`score`, `level`: the dictionary's `measures`) is no such noun, except
/// right after a word whose measure is mostly of a thing (`measured`: `Health score`
/// of an account, `Conviction level` of a sale): a `religion_score`,
/// `political_score`, `ethnicity_level` or `health_risk_score` measures the person's
/// religion, politics, origin or health, an inference that is that data (GDPR Art.
/// 9(1); session 12: each was ordinary).
pub(crate) fn header_in_context(words: &[String], i: usize) -> Option<&str> {
    let dict = dictionary();
    let c = &dict.context;
    let measured = words.get(i).is_some_and(|w| c.measured.contains(w));
    words
        .get(i + 1..)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .find(|(k, w)| {
            if c.measures.contains(*w) {
                return *k == 0 && measured;
            }
            c.nouns.contains(*w) || c.occasions.contains(*w)
        })
        .map(|(_, w)| w)
        .or_else(|| {
            i.checked_sub(1)
                .and_then(|p| words.get(p))
                .filter(|w| dict.thing_words.contains(*w))
        })
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        fold(text).split(' ').map(String::from).collect()
    }

    #[test]
    fn things_greetings_and_other_people_are_context() {
        for (text, term, kind) in [
            ("kids menu", "kids", "age"),
            ("halal and kosher options", "halal", "religion"),
            ("halal and kosher options", "kosher", "religion"),
            ("happy diwali from all of us", "diwali", "religion"),
            ("happy hanukkah and eid mubarak", "eid mubarak", "religion"),
            ("happy pride month", "pride month", "sexual_orientation"),
            ("get the kids ready for back to school", "kids", "age"),
        ] {
            assert!(in_context(&split(text), term, kind), "{text}: {term}");
        }
    }

    /// Session 12: a measure passes only a `measured` word right before it.
    #[test]
    fn a_measure_names_a_thing_only_after_a_measured_word() {
        for (header, passed) in [
            ("health score", true),
            ("conviction level", true),
            ("religion score", false),
            ("political score", false),
            ("health risk score", false),
            ("political science course", true),
        ] {
            assert_eq!(
                header_in_context(&split(header), 0).is_some(),
                passed,
                "{header}"
            );
        }
    }

    #[test]
    fn a_term_alone_beside_its_audience_or_of_health_is_not() {
        for (text, term, kind) in [
            ("halal", "halal", "religion"),
            ("muslim customers", "muslim", "religion"),
            ("muslim deals", "muslim", "religion"),
            ("perfect for new mums", "new mum", "family_status"),
            ("diabetic menu", "diabetic", "health"),
            ("kids club", "kids", "age"),
        ] {
            assert!(!in_context(&split(text), term, kind), "{text}: {term}");
        }
    }
}
