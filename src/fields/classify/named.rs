//! Headers named by a sensitive value: a yes/no column `Muslim customer`, `Gay`,
//! `Cancer`, `Hispanic` or `Wheelchair user` says, for each contact, whether they hold
//! that religion, orientation, condition or origin (GDPR Art. 9(1)): the column is
//! that kind of data as surely as a `Religion` column of `muslim` values (session-10
//! trial F12: such columns were ordinary and could be targeted and exported).
//!
//! A header is read with the one matcher every reader of values goes through
//! ([`super::dictionary::Dictionary::term`], inflection-aware, the note reader of
//! [`super::inside`] and the whole-value reader of [`super::values`]):
//! - special category terms written as whole words anywhere in the header (`Muslim
//!   customer`, `Are you diabetic?`, `kosher_diet`), with the note reader's exceptions
//!   (ambiguous words such as `disabled`, `aids`; value vetoes such as `church` in
//!   `Church Street`, `cancer` in `Cancer Research donation`);
//! - a protected-trait term (`female`, `seniors`, `trans`, `widowed`) only as the whole
//!   header once subject prefixes, audience words and numbers are left out at either
//!   end (`Female`, `Seniors 2026`, `Customer is widowed`... not `Trans date`), never
//!   one of the dictionary's `ambiguous_values` (`single`, `m`) or
//!   `named_header_exceptions` (`Parish`, local government in UK address exports).
//!
//! Header tokens stay the first reader: this evidence is used by [`super::classify`]
//! only when no header phrase matched at all, so a header such as `Ramadan newsletter
//! opt-in` keeps its consent reading, `opleiding` (education) spaced as `opl eid ing`
//! is no `eid`, and a spaced `nazi onalita` keeps its nationality reading.

use super::dictionary::{Entry, Term, dictionary};
use super::header::Header;
use super::inside::terms_inside;
use super::values::sensitive_term;

/// A sensitive value term that names a header.
#[derive(Debug, Clone, Copy)]
pub(super) struct NamedBy {
    /// Index of the entry the term belongs to (the most protected, as for values).
    pub entry: usize,
    /// The term as the dictionary spells it.
    pub term: &'static str,
    /// Words the term has (for ranking, as a header phrase's covered words).
    pub words: usize,
}

/// The sensitive value term that names `header`, if any: the first special category
/// term inside it, else a protected-trait term that is the whole header without its
/// subject, audience and number words (see the module documentation).
pub(super) fn named_by(header: &Header) -> Option<NamedBy> {
    let dict = dictionary();
    // The header reader's words (a space put inside a word it knows is no boundary:
    // `opl eid ing` is `opleiding`, no `eid`), as written rather than as base forms
    // (`Seniors` is the term, not `senior`).
    let words: Vec<&str> = header.written.iter().map(String::as_str).collect();
    if words.is_empty() {
        return None;
    }
    let folded = words.join(" ");
    let named = |id: &u16| {
        dict.terms
            .get(usize::from(*id))
            .is_some_and(|(spelling, _)| !dict.named_header_exceptions.contains(spelling))
    };
    if let Some(id) = terms_inside(&folded).into_iter().find(named) {
        return found(id);
    }
    let filler = |w: &&str| {
        dict.audience_words.contains(*w)
            || dict.subject_prefixes.contains(*w)
            || w.chars().all(|c| c.is_ascii_digit())
    };
    let start = words.iter().position(|w| !filler(w))?;
    let end = words.iter().rposition(|w| !filler(w))?;
    let whole = words[start..=end].join(" ");
    if dict.ambiguous_values.contains(&whole) || dict.named_header_exceptions.contains(&whole) {
        return None;
    }
    match dict.term(&whole)? {
        Term::Listed(id) => found(id),
        Term::Neutral => None,
    }
}

/// The entry and spelling of sensitive term `id`, if it is one.
fn found(id: u16) -> Option<NamedBy> {
    let dict = dictionary();
    let s = sensitive_term(id)?;
    let entry = dict
        .entries
        .iter()
        .position(|e: &Entry| e.kind == s.kind && e.class == s.class)?;
    let term = dict.terms.get(usize::from(id))?.0.as_str();
    Some(NamedBy {
        entry,
        term,
        words: term.split(' ').count(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(header: &str) -> Option<String> {
        let dict = dictionary();
        let named = named_by(&Header::new(header, dict))?;
        Some(dict.entries[named.entry].kind.clone())
    }

    #[test]
    fn headers_named_by_a_sensitive_value_are_that_kind() {
        for (header, expected) in [
            ("Muslim customer", "religion"),
            ("Gay", "sexual_orientation"),
            ("Cancer", "health"),
            ("Hispanic", "ethnicity"),
            ("Lesbian", "sexual_orientation"),
            ("kosher_diet", "religion"),
            ("Are you diabetic?", "health"),
            ("Muslims", "religion"),
            ("Seniors 2026", "age"),
            ("Customer Female", "gender"),
            ("Trans", "gender"),
        ] {
            assert_eq!(kind(header).as_deref(), Some(expected), "{header}");
        }
    }

    #[test]
    fn ordinary_headers_are_not_named_by_a_value() {
        for header in [
            "Vegan",
            "Single",
            "Trans date",
            "Man hours",
            "Church Street",
            "Cancer Research donation",
            "Account disabled",
            "Visual aids",
            "vip",
            "Order count",
            "Christchurch",
            "first_name",
            "Parish",
            "Christian Dior",
            "Prison Break fan",
            "Asian market",
        ] {
            assert_eq!(kind(header), None, "{header}");
        }
    }
}
