//! The sensitive values stored in ordinary fields: what a rule on such a field selects
//! by, whatever it compares.
//!
//! A column `orientation` holding `lesbian`, `straight` and `bi` is sexual orientation
//! data even when its class was left ordinary: `orientation is "straight"`,
//! `orientation contains "lesb"` and `orientation is blank` all pick people by their
//! orientation although no literal in them is a vocabulary term. So the policy decides
//! per field, not per literal: a rule, message or export that uses a field holding
//! values of a sensitive kind uses that kind ([`crate::fields::policy::check_value_use`],
//! unlocked by `FIELD:KIND`). Templates were already judged this way (review reads a
//! merged field's stored values); segment rules now are too.
//!
//! Text fields are read value by value, list fields tag by tag. In ordinary fields
//! (notes, comments, tags) a value is also read word by word, so `Pregnant (due May)`
//! or the tag `halal-only` is a health or religion value
//! ([`super::classify::sensitive_values_in`]); values of other fields (a city, an
//! employer) name places and organisations and are read whole ([`reads_words`]).

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::classify::{SensitiveValue, column_value, sensitive_value, sensitive_values_in};
use super::{Field, FieldType, PrivacyClass, Role};
use crate::workspace::WorkspaceError;
use crate::workspace::indexes::value_counts_indexed;
use crate::workspace::records::{count_filled, value_counts};

/// Longest stored text value read: a note of a few sentences, as long as the import
/// reads a value's words (`classify::profile`); longer texts are documents, not notes.
pub const MAX_TEXT_CHARS: u32 = 1024;
/// Longest stored list (tags joined by `, `) read.
pub const MAX_LIST_CHARS: u32 = 4096;
/// Words from which a stored text value can be prose (a sentence, a ticket, a review)
/// rather than a label or a note of a word or two ([`is_prose`]).
pub const PROSE_WORDS: usize = 3;
/// Share of a field's filled values (percent) that must mention a kind, when only
/// prose does, for the field to hold it.
pub const PROSE_PERCENT: u64 = 2;
/// Example values named per kind.
const EXAMPLES: usize = 3;

/// The sensitive values of one kind stored in a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    /// The most frequent value of the kind.
    pub value: SensitiveValue,
    /// Contacts holding at least one value of the kind.
    pub contacts: u64,
    /// The most frequent values, most frequent first.
    pub examples: Vec<String>,
    /// Found only inside prose ([`is_prose`]), in fewer than [`PROSE_PERCENT`]% of the
    /// filled values: a rule on the field does not select by the kind
    /// ([`Held::selects`]), but a message that merges the field prints those texts, so
    /// merges still count it.
    pub prose_only: bool,
}

impl Held {
    /// Whether a rule on the field selects by this kind (see [`Held::prose_only`]).
    pub fn selects(&self) -> bool {
        !self.prose_only
    }

    /// "`orientation` holds sexual orientation values for 2 contacts (lesbian, bi)".
    pub fn describe(&self, field: &str) -> String {
        format!(
            "`{field}` holds {} values for {} ({})",
            self.value.kind.replace('_', " "),
            crate::text::count(self.contacts, "contact"),
            self.examples.join(", ")
        )
    }
}

/// Per kind: contacts holding at least one value of it, and per value its count.
type KindTally = (u64, BTreeMap<String, (u64, SensitiveValue)>);

/// The longest stored value of `field` read for sensitive values, in characters; `None`
/// for types that hold no vocabulary values (numbers, dates, booleans).
fn max_chars(field: &Field) -> Option<u32> {
    match field.ty {
        FieldType::List => Some(MAX_LIST_CHARS),
        FieldType::Text => Some(MAX_TEXT_CHARS),
        _ => None,
    }
}

/// The sensitive values stored in `field`, one [`Held`] per kind, by kind name. List
/// fields are read tag by tag, text fields value by value; other types hold no
/// vocabulary values.
///
/// Errors: workspace errors only.
pub fn held_values(conn: &Connection, field: &Field) -> Result<Vec<Held>, WorkspaceError> {
    let Some(max) = max_chars(field) else {
        return Ok(Vec::new());
    };
    let counts = match indexed_counts(conn, field, max)? {
        Some(counts) => counts,
        None => value_counts(conn, &[(&field.name, max)])?
            .into_iter()
            .next()
            .unwrap_or_default(),
    };
    Ok(classify(field, counts))
}

/// The counts [`classify`] reads of `field`, from the field's value index
/// (`workspace::indexes`) when it has one: only the distinct values that hold a
/// sensitive value are counted, the others change nothing [`classify`] finds. `None`
/// without an index (read the table).
///
/// Errors: workspace errors only.
pub fn indexed_counts(
    conn: &Connection,
    field: &Field,
    max: u32,
) -> Result<Option<Vec<(String, u64)>>, WorkspaceError> {
    let Some(mut counts) = value_counts_indexed(conn, &field.name, max, |stored| {
        holds_sensitive(field, stored)
    })?
    else {
        return Ok(None);
    };
    // No value holds a sensitive one: [`classify`] finds nothing whatever the count of
    // the rest, so the field's whole index is not counted (issue 13, session 13: 1 %
    // of a preview of 1,000,000 contacts, for the bench's `city`).
    if counts.is_empty() {
        return Ok(Some(counts));
    }
    // The values that hold nothing, as one blank entry, so the counts add up to the
    // field's filled values as a table scan's do ([`classify`] weighs shares of them).
    let listed: u64 = counts.iter().map(|(_, n)| n).sum();
    let filled = count_filled(conn, &field.name)?;
    if filled > listed {
        counts.push((String::new(), filled - listed));
    }
    Ok(Some(counts))
}

/// True when `stored`, a value of `field` as stored, holds a value [`classify`] counts.
fn holds_sensitive(field: &Field, stored: &str) -> bool {
    match field.ty {
        FieldType::List => stored
            .split(',')
            .any(|item| !sensitive_in(field, item.trim()).is_empty()),
        _ => !sensitive_in(field, stored).is_empty(),
    }
}

/// The sensitive values among `counts`, the distinct stored values of `field` with
/// their counts ([`value_counts`]), one [`Held`] per kind, by kind name.
///
/// A kind found only inside prose ([`is_prose`]: a sentence, a support ticket, a
/// review), in fewer than [`PROSE_PERCENT`]% of the field's filled values, is held as
/// [`Held::prose_only`]: such a column is about something else, and a word that a few
/// of its texts mention (`Catholic Encyclopedia`, a quoted tweet, the generated
/// sentence `He church establish.`) does not make a rule on it (`description contains
/// "refund"`) select by religion (new-user trial H5; session 12: the real
/// support-tickets file's `Resolution` sentences of 3 to 8 words were religion and
/// political data because 29 of 2,769 said `Democrat` or `Republican`). A message that
/// merges the field still prints those texts, so merges count every kind; a rule or
/// message that writes the word itself is judged by that word.
fn classify(field: &Field, counts: Vec<(String, u64)>) -> Vec<Held> {
    let mut kinds: BTreeMap<String, KindTally> = BTreeMap::new();
    // Per kind: contacts holding it in a value that is no prose (a term, a tag, a label).
    let mut outside_prose: BTreeMap<String, u64> = BTreeMap::new();
    let filled: u64 = counts.iter().map(|(_, n)| n).sum();
    for (stored, count) in counts {
        let items: Vec<&str> = match field.ty {
            FieldType::List => stored.split(',').map(str::trim).collect(),
            _ => vec![stored.as_str()],
        };
        // Worked out once, and only for a value that holds something.
        let mut prose: Option<bool> = None;
        let mut seen_kinds: Vec<String> = Vec::new();
        for v in items.into_iter().flat_map(|item| sensitive_in(field, item)) {
            let slot = kinds.entry(v.kind.clone()).or_default();
            if !seen_kinds.contains(&v.kind) {
                slot.0 += count;
                seen_kinds.push(v.kind.clone());
                let prose =
                    *prose.get_or_insert_with(|| field.ty != FieldType::List && is_prose(&stored));
                if !prose {
                    *outside_prose.entry(v.kind.clone()).or_default() += count;
                }
            }
            let value = slot.1.entry(v.value.clone()).or_insert((0, v));
            value.0 += count;
        }
    }
    kinds
        .into_iter()
        .filter_map(|(kind, (contacts, values))| {
            let prose_only = !outside_prose.contains_key(&kind)
                && contacts.saturating_mul(100) < PROSE_PERCENT.saturating_mul(filled);
            let mut values: Vec<(u64, SensitiveValue)> = values.into_values().collect();
            values.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.value.cmp(&b.1.value)));
            let examples = values
                .iter()
                .take(EXAMPLES)
                .map(|(_, v)| v.shown())
                .collect();
            let (_, value) = values.into_iter().next()?;
            Some(Held {
                value,
                contacts,
                examples,
                prose_only,
            })
        })
        .collect()
}

/// True when `value`, a stored text value, is prose: a text of [`PROSE_WORDS`] words or
/// more that is not itself a sensitive value, nor a list of items one of which is
/// (`He church establish.`, `I am pregnant and the dress arrived late`, but not
/// `Catholic`, `trade union member`, `religion: catholic` or `diabetic, needs
/// sugar-free`). A word inside prose is one word of a sentence about something; a
/// value that is the term, or holds it as a tag, states it. How many values must
/// mention a kind is [`PROSE_PERCENT`]; this only says which values are weighed so.
pub fn is_prose(value: &str) -> bool {
    value.split_whitespace().count() >= PROSE_WORDS
        && value
            .split([',', ';', '|'])
            .all(|item| sensitive_value(item.trim()).is_none())
}

/// True when `field`'s values are read word by word as well as whole: ordinary fields
/// that describe the contact (notes, comments, tags, free text). Quasi-identifiers
/// (city, employer, job title) name places and organisations, where a vocabulary word
/// is part of a name: a city `Jewish Museum Berlin` or an employer `Catholic Relief
/// Services` says nothing about the contact's beliefs, so they are read whole (a judgement:
/// a reviewer who thinks otherwise raises the field's class). Identifying roles are
/// never read ([`HeldValues::read`]).
pub fn reads_words(field: &Field) -> bool {
    field.class == PrivacyClass::Ordinary && !names_a_thing(field.role)
}

/// The sensitive values `value`, stored in or compared with `field`, holds: read word by
/// word as well as whole when the field [`reads_words`], otherwise whole only; and, when
/// it is nothing on its own, what it is in this column ([`column_value`]: `Turkish`
/// under `Background`, the tag `pride`; new-user trial 7, N1).
pub fn sensitive_in(field: &Field, value: &str) -> Vec<SensitiveValue> {
    let found: Vec<SensitiveValue> = if reads_words(field) {
        sensitive_values_in(value)
    } else {
        sensitive_value(value).into_iter().collect()
    };
    if !found.is_empty() {
        return found;
    }
    column_value(&field.header, field.ty, field.role, value)
        .into_iter()
        .collect()
}

/// The sensitive values held by each ordinary text or list field of a workspace, by
/// field name: what rule checks consult ([`crate::segment::check::Scope::held`]).
/// Fields whose class is already blocked are left out (their own check covers every
/// value).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeldValues(BTreeMap<String, Vec<Held>>);

/// True for roles whose values identify or locate a contact rather than describe them,
/// so a vocabulary word among them is a coincidence of spelling.
fn names_a_thing(role: Role) -> bool {
    matches!(
        role,
        Role::Name | Role::Address | Role::Postcode | Role::Email | Role::Phone | Role::ContactKey
    )
}

impl HeldValues {
    /// No stored values consulted: for checks that have no workspace data (unit tests)
    /// or that do not decide on the policy (the rights report, which unlocks all).
    pub fn none() -> Self {
        HeldValues::default()
    }

    /// Read the stored values of every ordinary text or list field in `fields`, except
    /// fields whose role says what their values are (names, addresses, postcodes,
    /// e-mail addresses, phone numbers, contact keys): "Christian", "Faith" or "Hope" in
    /// a first-name column is a name, not a religion, and must not block
    /// `{{ first_name }}` in every campaign. Fields with a value index are read from
    /// it ([`indexed_counts`]); one scan of the contacts reads all the others.
    ///
    /// Errors: workspace errors only.
    pub fn load(conn: &Connection, fields: &[Field]) -> Result<Self, WorkspaceError> {
        let read = Self::read(fields);
        let mut counts: Vec<Option<Vec<(String, u64)>>> = Vec::with_capacity(read.len());
        for (f, max) in &read {
            counts.push(indexed_counts(conn, f, *max)?);
        }
        let scanned: Vec<(&str, u32)> = read
            .iter()
            .zip(&counts)
            .filter(|(_, c)| c.is_none())
            .map(|((f, max), _)| (f.name.as_str(), *max))
            .collect();
        let mut scanned = value_counts(conn, &scanned)?.into_iter();
        let counts = counts
            .into_iter()
            .map(|c| c.unwrap_or_else(|| scanned.next().unwrap_or_default()))
            .collect();
        Ok(Self::from_counts(&read, counts))
    }

    /// The fields of `fields` whose values [`HeldValues::load`] reads, each with the
    /// longest value read (in characters), for a scan that reads them with other things
    /// (`campaign::prescan`).
    pub fn read(fields: &[Field]) -> Vec<(&Field, u32)> {
        fields
            .iter()
            .filter(|f| !f.class.is_blocked_by_default())
            .filter(|f| !names_a_thing(f.role))
            .filter_map(|f| Some((f, max_chars(f)?)))
            .collect()
    }

    /// The held values of the fields [`HeldValues::read`] chose, from their value
    /// counts ([`value_counts`]) in the same order.
    pub fn from_counts(read: &[(&Field, u32)], counts: Vec<Vec<(String, u64)>>) -> Self {
        let mut map = BTreeMap::new();
        for ((f, _), counts) in read.iter().zip(counts) {
            let held = classify(f, counts);
            if !held.is_empty() {
                map.insert(f.name.clone(), held);
            }
        }
        HeldValues(map)
    }

    /// The sensitive values `field` holds, one per kind (empty when none).
    pub fn of(&self, field: &str) -> &[Held] {
        self.0.get(field).map_or(&[], Vec::as_slice)
    }

    /// Record that `field` holds `held` (tests, and callers that read values another
    /// way).
    pub fn insert(&mut self, field: &str, held: Vec<Held>) {
        self.0.insert(field.to_string(), held);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Worked out by hand: 3 words or more, and no term as the whole value or as an
    /// item of a list (session 12).
    #[test]
    fn sentences_are_prose_and_terms_labels_and_tag_lists_are_not() {
        for v in [
            "He church establish.",
            "Health rest catch Republican.",
            "I am pregnant and the dress arrived late",
        ] {
            assert!(is_prose(v), "{v}");
        }
        for v in [
            "Catholic",
            "Votes Labour",
            "trade union member",
            "religion: catholic",
            "diabetic, needs sugar-free",
        ] {
            assert!(!is_prose(v), "{v}");
        }
    }
}
