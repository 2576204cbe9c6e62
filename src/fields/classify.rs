//! The classifier: gives each column a role, a privacy class and the reason for both.
//!
//! Input is the header and a [`ValueProfile`] built from every value of the column
//! during the import's first pass; output is a [`Classification`]. The importer calls
//! [`ValueProfile::observe`] for each value, then [`classify`] once per column.
//!
//! The words and vocabularies are data (`assets/privacy-dictionary.toml`, loaded by
//! [`dictionary`]); this module weighs the evidence. Headers are matched on whole words
//! ([`words`]), values against closed vocabularies and the validators in [`validate`].
//! Special category data beats protected traits, which beat everything else (PRODUCT.md,
//! "Privacy classes and the default policy"); the reason names every piece of evidence
//! so a privacy reviewer can check it. Changing a class later is `fields set`'s job.

mod dictionary;
mod validate;
mod words;

use std::cmp::Reverse;
use std::collections::HashMap;

use self::dictionary::{Check, Entry, Term, dictionary};
use super::{FieldType, PrivacyClass, Role};

/// The outcome for one column.
#[derive(Debug, Clone, PartialEq)]
pub struct Classification {
    pub role: Role,
    pub class: PrivacyClass,
    /// The dictionary entry that decided it (`health`, `gender`, `email`), if any.
    pub kind: Option<String>,
    /// Why, in words a privacy reviewer can check ("header token `dob`").
    pub reason: String,
}

/// Share (percent of non-blank values) a validator needs to classify a column on its
/// own: 90%, so a few malformed or Excel-damaged values do not hide a column.
const VALIDATOR_PERCENT: u64 = 90;
/// Share of values that must pass a header entry's `needs` check: half, enough to tell
/// a phone column with messy values from a `Phone Service` yes/no column.
const NEEDS_PERCENT: u64 = 50;
/// Share of values that must fall in one vocabulary (neutral terms included).
const VOCABULARY_PERCENT: u64 = 80;
/// Distinct strong vocabulary terms needed, so one coincidental word (`m` in a size
/// column) does not make a column gender data.
const VOCABULARY_MIN_TERMS: usize = 2;
/// Values longer than this are not looked up: no vocabulary term is that long.
const MAX_TERM_LEN: usize = 48;
/// Values longer than this cannot be card numbers or IBANs, even with spaces.
const MAX_NUMBER_LEN: usize = 42;

/// What the classifier needs to know about a column's values, gathered in one pass.
///
/// Memory is bounded by the dictionary, not the data: it keeps counters and one count
/// per vocabulary term seen, never the values themselves.
#[derive(Debug, Clone, Default)]
pub struct ValueProfile {
    non_blank: u64,
    email: u64,
    phone: u64,
    phone_marked: u64,
    phone_plus: u64,
    phone_digits: Option<(u8, u8)>,
    luhn: u64,
    iban: u64,
    neutral: u64,
    terms: HashMap<u16, u64>,
}

impl ValueProfile {
    /// An empty profile: no values seen.
    pub fn new() -> Self {
        Self::default()
    }

    /// Record one cleaned, non-blank value (blank values are ignored). Runs the shape
    /// checks and one vocabulary lookup; allocates only for values short enough to be
    /// a vocabulary term.
    pub fn observe(&mut self, value: &str) {
        let v = value.trim();
        if v.is_empty() {
            return;
        }
        self.non_blank += 1;
        if validate::is_email(v) {
            self.email += 1;
        }
        if let Some(shape) = validate::phone_shape(v) {
            self.phone += 1;
            self.phone_marked += u64::from(shape.marked);
            self.phone_plus += u64::from(shape.plus);
            let (lo, hi) = self.phone_digits.unwrap_or((shape.digits, shape.digits));
            self.phone_digits = Some((lo.min(shape.digits), hi.max(shape.digits)));
        }
        if v.len() <= MAX_NUMBER_LEN {
            self.luhn += u64::from(validate::passes_luhn(v));
            self.iban += u64::from(validate::is_iban(v));
        }
        if v.len() <= MAX_TERM_LEN {
            match dictionary().term(&words::fold(v)) {
                Some(Term::Listed(id)) => *self.terms.entry(id).or_insert(0) += 1,
                Some(Term::Neutral) => self.neutral += 1,
                None => {}
            }
        }
    }

    /// `n` as a whole percentage of the non-blank values, rounded down (so 89.9% is
    /// reported as 89% and does not pass a 90% bar it failed).
    fn percent(&self, n: u64) -> u64 {
        n.saturating_mul(100)
            .checked_div(self.non_blank)
            .unwrap_or(0)
    }

    fn passing(&self, check: Check) -> u64 {
        self.percent(match check {
            Check::Email => self.email,
            Check::Phone => self.phone,
            Check::Luhn => self.luhn,
            Check::Iban => self.iban,
        })
    }

    /// Phone numbers by shape alone: most values shaped like phones, at least half
    /// written with phone marks, and not a column of same-length plain numbers
    /// (customer IDs are all digits and all one length; phone columns are not, unless
    /// every number is in `+` international form).
    fn looks_like_phones(&self) -> bool {
        let same_length = self.phone_digits.is_some_and(|(lo, hi)| lo == hi);
        self.passing(Check::Phone) >= VALIDATOR_PERCENT
            && self.phone_marked * 2 >= self.non_blank
            && !(same_length && self.phone_plus == 0)
    }
}

/// Classify a column from its header (as in the file), its normalised name (used when
/// the header has no words), its inferred type and its value profile.
///
/// Never fails: a column nothing matches is ordinary, and the reason says so.
pub fn classify(header: &str, name: &str, ty: FieldType, profile: &ValueProfile) -> Classification {
    let dict = dictionary();
    let mut all = words::words(header);
    if all.is_empty() {
        all = words::words(name);
    }
    let prefix = all
        .iter()
        .take_while(|w| dict.subject_prefixes.contains(*w))
        .count();
    let subject = &all[prefix.min(all.len().saturating_sub(1))..];

    let mut notes = Vec::new();
    let mut found = Vec::new();
    for (index, entry) in dict.entries.iter().enumerate() {
        let header_hit = header_match(entry, &all, subject)
            .filter(|_| entry.types.as_ref().is_none_or(|t| t.contains(&ty)))
            .and_then(|hit| confirm(entry, hit, profile, &mut notes));
        let value_hit =
            vocabulary_hit(index, profile).or_else(|| validator_hit(entry, ty, profile));
        if header_hit.is_some() || value_hit.is_some() {
            found.push(Found {
                entry,
                header: header_hit,
                value: value_hit,
            });
        }
    }
    found.sort_by_key(|f| {
        let tier = match f.entry.class {
            PrivacyClass::SpecialCategory => 0,
            PrivacyClass::Protected => 1,
            _ => 2,
        };
        let (len, end) = f.header.as_ref().map_or((1, 0), |h| (h.len, h.end));
        (tier, Reverse(len), Reverse(end), f.entry.class)
    });
    let Some(best) = found.first() else {
        return Classification {
            role: Role::None,
            class: PrivacyClass::Ordinary,
            kind: None,
            reason: "no sensitive header word, value vocabulary or validator matched".into(),
        };
    };
    let entry = best.entry;
    let role_fits = entry.role_types.as_ref().is_none_or(|t| t.contains(&ty));
    let mut reason = format!("{}: {}", best.evidence(), describe(entry));
    if !role_fits && entry.role != Role::None {
        reason += &format!(
            "; not used as {} because the column type is {ty}",
            entry.role.as_str().replace('_', " ")
        );
    }
    for note in notes {
        reason += &format!("; {note}");
    }
    let mut outranked: Vec<&str> = vec![&entry.kind];
    for other in &found[1..] {
        if !outranked.contains(&other.entry.kind.as_str()) && outranked.len() <= 2 {
            outranked.push(&other.entry.kind);
            reason += &format!(
                "; also {}: {}, outranked",
                other.evidence(),
                describe(other.entry)
            );
        }
    }
    Classification {
        role: if role_fits { entry.role } else { Role::None },
        class: entry.class,
        kind: Some(entry.kind.clone()),
        reason,
    }
}

/// One entry's evidence for a column.
struct Found<'d> {
    entry: &'d Entry,
    header: Option<HeaderHit<'d>>,
    value: Option<ValueHit>,
}

struct HeaderHit<'d> {
    phrase: &'d str,
    /// Matched the whole header (a `headers` phrase), not a run of words in it.
    whole: bool,
    /// Words in the phrase: longer phrases are more specific.
    len: usize,
    /// Index just past the match: the rightmost word is usually the head noun
    /// ("Shipping Address City" is a city).
    end: usize,
    /// The `needs` check that confirmed it, and its share.
    confirmed: Option<(Check, u64)>,
    /// Subject words dropped before a whole-header match (`customer` in `Customer Name`).
    dropped: Option<String>,
}

enum ValueHit {
    Vocabulary {
        percent: u64,
        vocabulary: String,
        examples: Vec<String>,
    },
    Validator {
        check: Check,
        percent: u64,
    },
}

impl Found<'_> {
    fn evidence(&self) -> String {
        let header = self.header.as_ref().map(|h| {
            let what = match (h.whole, h.len) {
                (true, _) => "whole header",
                (false, 1) => "header token",
                (false, _) => "header phrase",
            };
            let mut s = format!("{what} `{}`", h.phrase);
            if let Some(dropped) = &h.dropped {
                s += &format!(" (after `{dropped}`)");
            }
            if let Some((check, percent)) = h.confirmed {
                s += &format!(", {percent}% of values {}", check_phrase(check));
            }
            s
        });
        let confirmed = self
            .header
            .as_ref()
            .and_then(|h| h.confirmed)
            .map(|(c, _)| c);
        let value = self.value.as_ref().filter(
            |v| !matches!(v, ValueHit::Validator { check, .. } if Some(*check) == confirmed),
        );
        let value = value.map(|v| match v {
            ValueHit::Vocabulary {
                percent,
                vocabulary,
                examples,
            } => {
                format!(
                    "{percent}% of values are {vocabulary} ({})",
                    examples.join(", ")
                )
            }
            ValueHit::Validator { check, percent } => {
                format!("{percent}% of values {}", check_phrase(*check))
            }
        });
        match (header, value) {
            (Some(h), Some(v)) => format!("{h} and {v}"),
            (Some(s), None) | (None, Some(s)) => s,
            (None, None) => String::new(),
        }
    }
}

fn describe(entry: &Entry) -> String {
    format!(
        "{}, {} ({})",
        entry.label,
        entry.class.label(),
        entry.source
    )
}

fn check_phrase(check: Check) -> &'static str {
    match check {
        Check::Email => "look like e-mail addresses",
        Check::Phone => "look like phone numbers",
        Check::Luhn => "pass the Luhn check",
        Check::Iban => "are valid IBANs (ISO 13616 mod-97)",
    }
}

/// The most specific phrase of `entry` in the header: `tokens` anywhere in `all`,
/// `headers` only as the whole header, with or without its subject prefixes.
fn header_match<'d>(entry: &'d Entry, all: &[String], subject: &[String]) -> Option<HeaderHit<'d>> {
    let anywhere = entry
        .tokens
        .iter()
        .filter_map(|p| words::find_phrase(all, &p.words).map(|end| (p, false, end)));
    let whole = entry
        .headers
        .iter()
        .filter(|p| p.words == all || p.words == subject)
        .map(|p| (p, true, all.len()));
    anywhere
        .chain(whole)
        .max_by_key(|(p, _, end)| (p.words.len(), *end))
        .map(|(p, whole, end)| HeaderHit {
            phrase: &p.text,
            whole,
            len: p.words.len(),
            end,
            confirmed: None,
            dropped: (whole && p.words != all).then(|| all[..all.len() - subject.len()].join(" ")),
        })
}

/// Apply the entry's `needs` check to a header match. A rejected match of a sensitive
/// entry leaves a note, so the reviewer sees why `Card Number` is not a payment card.
fn confirm<'d>(
    entry: &Entry,
    mut hit: HeaderHit<'d>,
    profile: &ValueProfile,
    notes: &mut Vec<String>,
) -> Option<HeaderHit<'d>> {
    let Some(check) = entry.needs else {
        return Some(hit);
    };
    if profile.non_blank == 0 {
        return Some(hit);
    }
    let percent = profile.passing(check);
    if percent >= NEEDS_PERCENT {
        hit.confirmed = Some((check, percent));
        return Some(hit);
    }
    if entry.class.is_blocked_by_default() {
        notes.push(format!(
            "header phrase `{}` not taken as {}: only {percent}% of values {}",
            hit.phrase,
            entry.label,
            check_phrase(check)
        ));
    }
    None
}

fn vocabulary_hit(index: usize, profile: &ValueProfile) -> Option<ValueHit> {
    let dict = dictionary();
    let entry = dict.entries.get(index)?;
    let mut hits = profile.neutral;
    let mut strong: Vec<(u64, &str)> = Vec::new();
    for (&id, &count) in &profile.terms {
        let Some((spelling, members)) = dict.terms.get(usize::from(id)) else {
            continue;
        };
        if let Some(m) = members.iter().find(|m| m.entry == index) {
            hits += count;
            if !m.weak {
                strong.push((count, spelling));
            }
        }
    }
    let percent = profile.percent(hits);
    if strong.len() < VOCABULARY_MIN_TERMS || percent < VOCABULARY_PERCENT {
        return None;
    }
    strong.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    Some(ValueHit::Vocabulary {
        percent,
        vocabulary: entry.vocabulary.clone(),
        examples: strong
            .iter()
            .take(3)
            .map(|(_, s)| (*s).to_string())
            .collect(),
    })
}

fn validator_hit(entry: &Entry, ty: FieldType, profile: &ValueProfile) -> Option<ValueHit> {
    let check = entry.validator?;
    if entry.types.as_ref().is_some_and(|t| !t.contains(&ty)) {
        return None;
    }
    let percent = profile.passing(check);
    let passes = match check {
        Check::Phone => profile.looks_like_phones(),
        _ => percent >= VALIDATOR_PERCENT,
    };
    passes.then_some(ValueHit::Validator { check, percent })
}

#[cfg(test)]
mod tests;
