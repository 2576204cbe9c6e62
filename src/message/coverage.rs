//! Coverage: for each merge field of a message, how many recipients get their own
//! value, the fallback, or nothing.
//!
//! "Nothing" is a blank value printed without a fallback, the "Hi ," of case BR-16, or
//! with a placeholder fallback ("Hi ...");
//! review treats any such count as a blocker (PRODUCT.md, "Review findings"). A value
//! that is a placeholder (`n/a`, `-`, `*|FNAME|*`) is blank, and also counted on its own
//! with a few examples, so review can say which values stood in for a name. The
//! counts come from real renders, not from reading the template, so a blank field that
//! a `{% if %}` steers around is not counted as nothing. Campaign preview, which
//! renders every recipient anyway, feeds its renders to a [`CoverageTally`]; the
//! [`coverage`] helper renders a message itself.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Message, RenderedMessage, engine};
use crate::fields::value::Record;
use crate::text::{count, shorten};

/// Coverage of one merge field over a set of recipients. `own + fallback + nothing` is
/// the number of recipients.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub field: String,
    /// Recipients with a value that is not blank.
    pub own: usize,
    /// Recipients whose value is blank and whose text still has no hole for it: the
    /// fallback was printed, or a condition skipped the field.
    pub fallback: usize,
    /// Recipients whose value is blank and was printed as nothing, or as a placeholder
    /// fallback ("...", "TODO": [`super::placeholder`]), which counts as nothing.
    pub nothing: usize,
    /// Of `nothing`, the recipients who got the placeholder fallback.
    pub placeholder: usize,
    /// Of `fallback` and `nothing`, the recipients whose value is a placeholder
    /// ([`super::placeholder::is_placeholder_value`]) rather than empty; absent (and
    /// not in JSON) when there are none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placeholder_values: Option<PlaceholderValues>,
}

/// Recipients whose value of a merge field is a placeholder, read as blank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlaceholderValues {
    pub recipients: usize,
    /// Up to [`EXAMPLES`] of the values, the first met, distinct and sorted, cleaned of
    /// control characters and cut to 30 characters.
    pub examples: Vec<String>,
}

/// Most placeholder values a [`Coverage`] quotes.
pub const EXAMPLES: usize = 3;

impl Coverage {
    /// `8 recipients hold a placeholder in first_name (`-`, `n/a`, `*|FNAME|*`)`, when
    /// some recipients' values are placeholders.
    pub fn placeholder_values_note(&self) -> Option<String> {
        let values = self.placeholder_values.as_ref()?;
        let examples: Vec<String> = values.examples.iter().map(|e| format!("`{e}`")).collect();
        Some(format!(
            "{} {} a placeholder in {} ({})",
            count(values.recipients as u64, "recipient"),
            if values.recipients == 1 {
                "holds"
            } else {
                "hold"
            },
            self.field,
            examples.join(", ")
        ))
    }
}

/// Running coverage counts for one message.
#[derive(Debug, Clone)]
pub struct CoverageTally {
    counts: BTreeMap<String, Coverage>,
}

impl CoverageTally {
    /// Empty counts for every merge field of `message` (subject and body).
    pub fn new(message: &Message) -> Self {
        let counts = message
            .merge_fields()
            .into_iter()
            .map(|field| {
                let zero = Coverage {
                    field: field.clone(),
                    own: 0,
                    fallback: 0,
                    nothing: 0,
                    placeholder: 0,
                    placeholder_values: None,
                };
                (field, zero)
            })
            .collect();
        CoverageTally { counts }
    }

    /// Count one recipient, given their record and the message rendered for them.
    pub fn add(&mut self, record: &Record, rendered: &RenderedMessage) {
        for (field, count) in &mut self.counts {
            let value = record.get(field);
            if !engine::is_blank(field, value) {
                count.own += 1;
                continue;
            }
            if let Some(value) = value.filter(|v| !engine::is_empty(Some(v))) {
                let values = count
                    .placeholder_values
                    .get_or_insert_with(|| PlaceholderValues {
                        recipients: 0,
                        examples: Vec::new(),
                    });
                values.recipients += 1;
                let example = shorten(engine::clean(&value.display()).trim(), 30);
                let examples = &mut values.examples;
                if examples.len() < EXAMPLES && !examples.contains(&example) {
                    examples.push(example);
                    examples.sort();
                }
            }
            if rendered.missing.contains(field) {
                count.nothing += 1;
                if rendered.placeholders.contains(field) {
                    count.placeholder += 1;
                }
            } else {
                count.fallback += 1;
            }
        }
    }

    /// The counts, one per merge field, sorted by field name.
    pub fn finish(self) -> Vec<Coverage> {
        self.counts.into_values().collect()
    }
}

/// Render `message` for every record in `recipients` and count coverage.
///
/// Errors: the first render error ([`super::MessageError`]), as in preview.
pub fn coverage<'a>(
    message: &Message,
    recipients: impl IntoIterator<Item = &'a Record>,
) -> Result<Vec<Coverage>, super::MessageError> {
    let mut tally = CoverageTally::new(message);
    for record in recipients {
        let rendered = message.render(record)?;
        tally.add(record, &rendered);
    }
    Ok(tally.finish())
}
