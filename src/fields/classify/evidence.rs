//! The evidence for one dictionary entry on one column, and the words that state it in
//! a classification's reason ("header token `dob` and 100% of values are gender terms").
//!
//! Owns the reason's wording only; [`super::classify`] decides which evidence counts.

use super::dictionary::{Check, Entry};

/// One entry's evidence for a column.
pub(super) struct Found<'d> {
    pub entry: &'d Entry,
    pub header: Option<HeaderHit<'d>>,
    pub value: Option<ValueHit>,
}

pub(super) struct HeaderHit<'d> {
    pub phrase: &'d str,
    /// Matched the whole header (a `headers` phrase), not a run of words in it.
    pub whole: bool,
    /// Words in the phrase (a token or a phrase, in the reason).
    pub len: usize,
    /// Header words the match covers: matches covering more are more specific.
    pub covered: usize,
    /// Index just past the match: the rightmost word is usually the head noun
    /// ("Shipping Address City" is a city).
    pub end: usize,
    /// The `needs` check that confirmed it, and its share.
    pub confirmed: Option<(Check, u64)>,
    /// Subject words dropped before a whole-header match (`customer` in `Customer Name`).
    pub dropped: Option<String>,
    /// The phrase is a value term the header is named by (`Muslim customer`), not one of
    /// the entry's header phrases ([`super::named`]).
    pub named: bool,
}

pub(super) enum ValueHit {
    Vocabulary {
        percent: u64,
        vocabulary: String,
        examples: Vec<String>,
    },
    Validator {
        check: Check,
        percent: u64,
    },
    /// A share rule's values (`diet` with halal and kosher among other diets).
    Share {
        percent: u64,
        vocabulary: String,
        examples: Vec<String>,
    },
}

impl Found<'_> {
    pub(super) fn evidence(&self) -> String {
        let header = self.header.as_ref().map(|h| {
            if h.named {
                return format!(
                    "header word `{}`, one of the {}: a yes/no or other column named by it says who holds it",
                    h.phrase, self.entry.vocabulary
                );
            }
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
            ValueHit::Share {
                percent,
                vocabulary,
                examples,
            } => format!(
                "{percent}% of values are {vocabulary} ({}), at or above the share that makes such a column {}",
                examples.join(", "),
                self.entry.label
            ),
        });
        match (header, value) {
            (Some(h), Some(v)) => format!("{h} and {v}"),
            (Some(s), None) | (None, Some(s)) => s,
            (None, None) => String::new(),
        }
    }
}

pub(super) fn describe(entry: &Entry) -> String {
    format!(
        "{}, {} ({})",
        entry.label,
        entry.class.label(),
        entry.source
    )
}

pub(super) fn check_phrase(check: Check) -> &'static str {
    match check {
        Check::Email => "look like e-mail addresses",
        Check::Phone => "look like phone numbers",
        Check::Luhn => "pass the Luhn check",
        Check::Iban => "are valid IBANs (ISO 13616 mod-97)",
        Check::CountryCode => "are two-letter ISO 3166-1 country codes",
        Check::Icd10 => "are ICD-10 diagnosis codes (`E11.9`, `F32`)",
        Check::Coordinates => {
            "are locations (latitude, longitude pairs such as `51.5074, -0.1278`, map links, plus codes)"
        }
    }
}
