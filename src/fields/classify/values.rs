//! Single values read against the same vocabularies as columns: is this tag, or this
//! value written in a rule or a template, sensitive data on its own?
//!
//! A tag `muslim` reveals religion and a tag `pregnant` health as surely as a religion
//! or health column does (PRODUCT.md: derived copies of sensitive data are just as
//! sensitive). The policy treats a rule, message or export that uses such a value like
//! one that uses a field of its class ([`crate::fields::policy::check_value_use`]).
//!
//! A value is sensitive when, read as a person sees it and folded like every vocabulary
//! value (`Mus\u{200B}lim`, `MUSLIM` and `Muslim ` are one), it is a strong vocabulary
//! term of a special category or protected entry and not one of the dictionary's
//! `ambiguous_values` (`single`, `m`, `men`: common innocent tags). A `key:value` or
//! `key=value` tag is read on both sides: `religion:catholic` by its value,
//! `gender:f` by its key, read like a header. Weak terms (`white`, `vegan`) never count.

use std::sync::LazyLock;

use super::dictionary::{Check, Term, dictionary};
use super::excerpt::{SHOWN_CHARS, excerpt, without_link_queries};
use super::inside::terms_inside;
use super::respell::respellings;
use super::words::fold;
use super::{ValueProfile, classify};
use crate::fields::{FieldType, PrivacyClass};

/// What a sensitive value is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SensitiveValue {
    /// The value as given.
    pub value: String,
    /// The dictionary term or header word it matched, as the dictionary spells it.
    pub term: String,
    /// The dictionary entry (`religion`, `health`, `gender`).
    pub kind: String,
    pub class: PrivacyClass,
    /// The entry's label ("religious or philosophical beliefs").
    pub label: String,
    /// The rule that makes it sensitive ("GDPR Art. 9(1)").
    pub source: String,
}

impl SensitiveValue {
    /// The value as a reason or refusal quotes it: whole when short, else a short
    /// excerpt around the matched term ([`excerpt`]).
    pub fn shown(&self) -> String {
        if self.value.chars().count() <= SHOWN_CHARS && !self.value.contains('\n') {
            return self.value.clone();
        }
        excerpt(&self.value, &self.term)
    }
}

/// The class of dictionary kind `kind` (`religion`, `health`, `gender`), if it is special
/// category data or a protected trait: the kinds whose values can be unlocked on a field
/// (`tactful unlock CAMPAIGN tags:religion`).
pub fn sensitive_kind(kind: &str) -> Option<PrivacyClass> {
    dictionary()
        .entries
        .iter()
        .filter(|e| e.kind == kind && e.class.is_blocked_by_default())
        .map(|e| e.class)
        .min()
}

/// Every sensitive kind, sorted, once each (for error messages).
pub fn sensitive_kinds() -> Vec<&'static str> {
    let mut kinds: Vec<&str> = dictionary()
        .entries
        .iter()
        .filter(|e| e.class.is_blocked_by_default())
        .map(|e| e.kind.as_str())
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds
}

/// The class a single `value` reveals on its own, if it is special category data or a
/// protected trait; `None` for everything else.
///
/// A value disguised with digits or symbols (`musl1m`, `g4y`, `musIim`) or with a
/// number stuck to it (`trump2024`) is read as what it spells ([`respellings`]).
pub fn sensitive_value(value: &str) -> Option<SensitiveValue> {
    sensitive_value_with(value, None).or_else(|| {
        respellings(value)
            .iter()
            .find_map(|r| sensitive_value_with(r, None))
            .map(|s| as_given(s, value))
    })
}

/// `s` with the value as given (not as respelled).
fn as_given(mut s: SensitiveValue, value: &str) -> SensitiveValue {
    s.value = value.to_string();
    s
}

/// [`sensitive_value`] of `value` as written, given `fold(value)` when the caller has it.
fn sensitive_value_with(value: &str, folded: Option<&str>) -> Option<SensitiveValue> {
    if let Some((key, rest)) = value.split_once([':', '='])
        && !key.trim().is_empty()
    {
        // Only a label and a short value are a `key:value` tag (`religion:catholic`,
        // `gender=f`); a sentence with a colon in it (`Please be patient: ...`, `Printed
        // Card Name: Utopia Spire`) is prose, read word by word (new-user trial H5).
        if !is_label(key, LABEL_WORDS) || !is_label(rest, VALUE_WORDS) {
            return term(value, rest);
        }
        return term(value, rest).or_else(|| header_word(value, key, rest));
    }
    match folded {
        Some(folded) => term_folded(value, folded),
        None => term_folded(value, &fold(value)),
    }
}

/// The sensitive values a value of a free-text or tags field holds: the whole value
/// when it is one ([`sensitive_value`]), otherwise every special category term written
/// as whole words inside it (`Pregnant (due May)` holds `pregnant`, the tag
/// `halal-only` holds `halal`; see [`super::inside`]), each with the value as given.
/// Empty for an ordinary value.
pub fn sensitive_values_in(value: &str) -> Vec<SensitiveValue> {
    if no_letters(value) {
        return Vec::new();
    }
    let read = without_link_queries(value);
    if read != value {
        return sensitive_values_here(&read)
            .into_iter()
            .map(|s| as_given(s, value))
            .collect();
    }
    sensitive_values_here(value)
}

/// [`sensitive_values_in`] of `value` with no link query in it.
fn sensitive_values_here(value: &str) -> Vec<SensitiveValue> {
    let found = read_in(value);
    if !found.is_empty() {
        return found;
    }
    for r in respellings(value) {
        let found = read_in(&r);
        if !found.is_empty() {
            return found.into_iter().map(|s| as_given(s, value)).collect();
        }
    }
    Vec::new()
}

/// True when `value` can hold no sensitive value because it is ASCII without a letter,
/// `:` or `=` (IDs, phone numbers, amounts, dates: most values of an import's unique
/// columns) and no sensitive term is written with digits alone. Such a value folds to
/// digits and spaces, has no respelling (only a word with letters is respelled), no
/// `key:value` reading and no inflection (only words of letters are inflected), so
/// reading it would only look up digit words, which name no sensitive term.
fn no_letters(value: &str) -> bool {
    static DIGIT_TERMS: LazyLock<bool> = LazyLock::new(|| {
        let dict = dictionary();
        (0..dict.terms.len())
            .filter_map(|i| u16::try_from(i).ok())
            .filter(|&id| sensitive_term(id).is_some())
            .any(|id| {
                let folded = fold(&dict.terms[usize::from(id)].0);
                !folded.is_empty() && folded.bytes().all(|b| b.is_ascii_digit() || b == b' ')
            })
    });
    value.is_ascii()
        && !value
            .bytes()
            .any(|b| b.is_ascii_alphabetic() || b == b':' || b == b'=')
        && !*DIGIT_TERMS
}

/// [`sensitive_values_in`] of `value` as written.
fn read_in(value: &str) -> Vec<SensitiveValue> {
    // Folded once for both readings (it was folded twice for every value imported).
    let folded = fold(value);
    if let Some(whole) = sensitive_value_with(value, Some(&folded)) {
        return vec![whole];
    }
    terms_inside(&folded)
        .into_iter()
        .filter_map(sensitive_term)
        .map(|mut s| {
            s.value = value.to_string();
            s
        })
        .collect()
}

/// `text` looked up as a vocabulary term; spaced-out letters (`m u s l i m`) are joined.
pub(super) fn term(value: &str, text: &str) -> Option<SensitiveValue> {
    term_folded(value, &fold(text))
}

/// [`term`] of a text already folded.
fn term_folded(value: &str, folded: &str) -> Option<SensitiveValue> {
    let dict = dictionary();
    let spaced =
        folded.split(' ').count() >= 3 && folded.split(' ').all(|l| l.chars().count() == 1);
    let joined;
    let folded = if spaced {
        joined = folded.replace(' ', "");
        joined.as_str()
    } else {
        folded
    };
    if folded.is_empty() || dict.ambiguous_values.contains(folded) {
        return None;
    }
    let Some(Term::Listed(id)) = dict.term(folded) else {
        return None;
    };
    sensitive_term(id).map(|mut s| {
        s.value = value.to_string();
        s
    })
}

/// The sensitive value that vocabulary term `id` is, if it is one (as [`term`] reads
/// it, without the ambiguity check).
pub(super) fn sensitive_term(id: u16) -> Option<SensitiveValue> {
    let dict = dictionary();
    let (spelling, members) = dict.terms.get(usize::from(id))?;
    if dict.ambiguous_values.contains(&fold(spelling)) {
        return None;
    }
    let entry = members
        .iter()
        .filter(|m| !m.weak)
        .filter_map(|m| dict.entries.get(m.entry))
        .filter(|e| e.class.is_blocked_by_default())
        .min_by_key(|e| e.class)?;
    Some(SensitiveValue {
        value: spelling.clone(),
        term: spelling.clone(),
        kind: entry.kind.clone(),
        class: entry.class,
        label: entry.label.clone(),
        source: entry.source.clone(),
    })
}

/// Most words of the key of a `key:value` tag, of its value (a card number written in
/// four groups), and characters of either.
const LABEL_WORDS: usize = 3;
const VALUE_WORDS: usize = 4;
const LABEL_CHARS: usize = 32;

/// True when `text` is short enough to be one side of a `key:value` tag: at most
/// `words` words and [`LABEL_CHARS`] characters on one line, with no sentence
/// punctuation.
fn is_label(text: &str, words: usize) -> bool {
    let text = text.trim();
    text.chars().count() <= LABEL_CHARS
        && text.split_whitespace().count() <= words
        && !text.contains(['\n', '\r', '.', '!', '?'])
}

/// The key of a `key:value` tag read as a column header, with `rest` as its one value.
/// A kind that a validator confirms (a card number's Luhn check, an IBAN's mod 97) needs
/// a value that passes it: `card: 4111 1111 1111 1111` is a card number, `credit card:
/// accepted` or `gift card: yes` is not (new-user trial H5).
fn header_word(value: &str, key: &str, rest: &str) -> Option<SensitiveValue> {
    let mut profile = ValueProfile::new();
    profile.observe(rest);
    let c = classify(key, "", FieldType::Text, &profile);
    if !c.class.is_blocked_by_default() {
        return None;
    }
    let kind = c.kind?;
    let dict = dictionary();
    let checks: Vec<Check> = dict
        .entries
        .iter()
        .filter(|e| e.kind == kind)
        .filter_map(|e| e.needs.or(e.validator))
        .collect();
    if !checks.is_empty() && !checks.iter().any(|&c| profile.passing(c) == 100) {
        return None;
    }
    let entry = dict.entries.iter().find(|e| e.kind == kind)?;
    Some(SensitiveValue {
        value: value.to_string(),
        term: key.trim().to_string(),
        kind,
        class: c.class,
        label: entry.label.clone(),
        source: entry.source.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(v: &str) -> Option<String> {
        sensitive_value(v).map(|s| s.kind)
    }

    #[test]
    fn tags_named_in_issue_10_are_sensitive() {
        for (tag, expected) in [
            ("pregnant", "health"),
            ("diabetic", "health"),
            ("HIV positive", "health"),
            ("muslim", "religion"),
            ("Halal", "religion"),
            ("kosher", "religion"),
            ("lgbtq", "sexual_orientation"),
            ("LGBTQ+", "sexual_orientation"),
            ("gay", "sexual_orientation"),
            ("female", "gender"),
            ("married", "marital_status"),
            ("trade union member", "union_membership"),
            // Session 9: plurals, other languages, the new vocabulary.
            ("muslims", "religion"),
            ("females", "gender"),
            ("women", "gender"),
            ("Frauen", "gender"),
            ("christians", "religion"),
            ("jews", "religion"),
            ("diabetics", "health"),
            ("seniors", "age"),
            ("cancer", "health"),
            ("Krebs", "health"),
            ("insulin", "health"),
            ("blood type", "health"),
            ("fingerprint", "biometric"),
            ("trade union", "union_membership"),
            ("Gewerkschaft", "union_membership"),
            ("mosque", "religion"),
            ("synagogue", "religion"),
            ("Ramadan", "religion"),
            ("Kirche", "religion"),
            ("wheelchair", "health"),
            ("church choir", "religion"),
            ("Katholiken", "religion"),
            ("musulmanes", "religion"),
            ("Schwangere", "health"),
        ] {
            assert_eq!(kind(tag).as_deref(), Some(expected), "{tag}");
        }
    }

    #[test]
    fn disguised_tags_are_still_read() {
        assert_eq!(kind("mus\u{200B}lim").as_deref(), Some("religion"));
        assert_eq!(kind("\u{41C}uslim").as_deref(), Some("religion")); // Cyrillic М
        assert_eq!(kind("m u s l i m").as_deref(), Some("religion"));
        assert_eq!(kind(" PREGNANT ").as_deref(), Some("health"));
        assert_eq!(kind("religion:catholic").as_deref(), Some("religion"));
        assert_eq!(kind("gender=f").as_deref(), Some("gender"));
        assert_eq!(kind("diet: halal").as_deref(), Some("religion"));
        // Symbols say their word (session-9 trial): the star and crescent, the rainbow
        // flag (white flag, VS16, ZWJ, rainbow) and the transgender flag.
        assert_eq!(kind("\u{262A}").as_deref(), Some("religion"));
        assert_eq!(kind("\u{271D}").as_deref(), Some("religion"));
        assert_eq!(
            kind("\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}").as_deref(),
            Some("sexual_orientation")
        );
        assert_eq!(
            kind("\u{1F3F3}\u{FE0F}\u{200D}\u{26A7}\u{FE0F}").as_deref(),
            Some("gender")
        );
        // A white flag alone, or a rainbow alone, says nothing.
        assert_eq!(kind("\u{1F3F3}"), None);
        assert_eq!(kind("\u{1F308}"), None);
    }

    /// Session-9 trial: notes, tags and job titles the vocabulary missed.
    #[test]
    fn trial_words_of_each_kind_are_read() {
        for (tag, expected) in [
            ("AA meetings", "health"),
            ("in recovery (alcohol)", "health"),
            ("VIH positivo", "health"),
            ("Imam", "religion"),
            ("Rabbi", "religion"),
            ("wears a turban", "religion"),
            ("sehr gläubig", "religion"),
            ("Trade union rep", "union_membership"),
            ("GMB member", "union_membership"),
            ("Member of Unite union", "union_membership"),
            ("Votes Labour", "political_opinion"),
            ("asylum seeker", "citizenship"),
            ("Roma family", "ethnicity"),
            ("trans", "gender"),
            ("convicted", "criminal_offence"),
        ] {
            let found: Vec<String> = sensitive_values_in(tag)
                .into_iter()
                .map(|s| s.kind)
                .collect();
            assert!(found.iter().any(|k| k == expected), "{tag}: {found:?}");
        }
    }

    #[test]
    fn ordinary_and_ambiguous_tags_are_not() {
        for tag in [
            "vip",
            "newsletter",
            "wholesale",
            "black friday",
            "white",
            "vegan",
            "single",
            "engaged",
            "m",
            "standard",
            "summer:sale",
            "",
            "other",
        ] {
            assert_eq!(kind(tag), None, "{tag}");
        }
    }

    /// Values without letters (IDs, phone numbers, amounts, dates) are passed without
    /// being read, and no sensitive term is written in digits alone, so that shortcut
    /// is taken (session 11); a value with letters, a respelling or a `key:value` is
    /// still read.
    #[test]
    fn values_without_letters_hold_nothing_and_letters_still_count() {
        for v in [
            "5000000000",
            "+49 901 6148379",
            "2123.33",
            "2022-03-19",
            "(0)30 1234",
        ] {
            assert!(no_letters(v), "{v}");
            assert_eq!(sensitive_values_in(v), Vec::new(), "{v}");
        }
        for v in ["musl1m", "pregnant-2026", "4 muslim", "12:30", "a=1", "٣"] {
            assert!(!no_letters(v), "{v}");
        }
        assert_eq!(sensitive_values_in("musl1m")[0].kind, "religion");
        assert_eq!(sensitive_values_in("pregnant-2026")[0].kind, "health");
    }

    #[test]
    fn the_most_protected_entry_wins() {
        let s = sensitive_value("muslim").unwrap();
        assert_eq!(s.class, PrivacyClass::SpecialCategory);
        assert_eq!(s.term, "muslim");
        assert!(s.source.contains("GDPR Art. 9(1)"), "{}", s.source);
    }
}
