//! A refusal cannot be skipped away: `--skip` on a consent column whose values say no.
//!
//! `--skip 'Accepts Email Marketing' --consent email=granted` would otherwise store a
//! customer who said `no` as granted, with no word. A skipped column is still read when
//! its layout column or its header says it is consent (the same recognition as an
//! imported column, `consent::header_reading`, without the value check: only the refusals it
//! holds matter); if any row's value reads as declined, withdrawn or bounced, the
//! import is refused before anything is written, naming the column, the count and the
//! first lines, so the user imports the column (its `no` then wins over `--consent`) or
//! takes those rows out of the file. A skipped column no layout or header recognises is
//! read by its values, as an imported one would be (`column_kind`): when every value
//! is a consent word and one states consent by itself (`Mailing` holding `subscribed`
//! and `unsubscribed`), its refusals stop the import the same way, and so does any
//! refusal word in it (`unsubscribed`, `STOP`, `declined`) whatever else it holds
//! (`ask later`, a dash): a refusal is never skipped away. Called by
//! [`super::analyse`] on every data row.

use super::ImportError;
use super::consent::{self, ConsentColumn, Reading};
use super::layout::layouts;
use super::mapping::ColumnMap;
use super::normalise::snake_case;

/// How many lines the error quotes.
const EXAMPLES: usize = 3;

/// One skipped consent column and the refusals read from it.
#[derive(Debug, Clone)]
pub struct SkippedConsent {
    /// The header as the report names it.
    header: String,
    /// Index of the column in the file.
    index: usize,
    column: ConsentColumn,
    refusals: u64,
    /// The first refusals: (line, value as written).
    examples: Vec<(u64, String)>,
    /// For a column recognised by neither layout nor header: what its values say so
    /// far, `None` otherwise.
    by_values: Option<Values>,
}

/// What the values of a skipped column recognised by nothing else say about it.
#[derive(Debug, Clone, Copy)]
struct Values {
    /// Every non-blank value so far is a consent word.
    all_words: bool,
    /// A value states consent by itself (`unsubscribed`).
    stating: bool,
    /// A value names a refusal (`unsubscribed`, `STOP`, `declined`): whatever else the
    /// column holds, its refusals cannot be skipped away.
    refusal: bool,
}

/// The skipped columns of `map` that are consent columns by their layout or header.
pub fn find(map: &ColumnMap, headers: &[String]) -> Vec<SkippedConsent> {
    map.skipped
        .iter()
        .filter_map(|s| {
            let header = headers.get(s.index)?;
            let spec = map.recognised.as_ref().and_then(|r| {
                layouts()
                    .columns(r.layout)
                    .iter()
                    .find(|c| snake_case(&c.header) == snake_case(header))
            });
            let layout = spec.and_then(|spec| {
                let reading = match (&spec.vocabulary, spec.polarity) {
                    (Some(v), _) => layouts().vocabulary(v).map(Reading::Vocabulary),
                    (None, Some(p)) => Some(Reading::Polarity(p)),
                    (None, None) => None,
                };
                Some((spec.consent?, reading?))
            });
            // A fax or postal header states nothing of e-mail or SMS: skipping it
            // drops no refusal of theirs (`HasOptedOutOfFax`).
            if layout.is_none() && consent::reach::unsent_only(&snake_case(header)).is_some() {
                return None;
            }
            let mut by_values = None;
            let every_channel =
                layout.is_none() && consent::reach::every_channel(&snake_case(header));
            let (channel, reading) = match layout {
                Some(found) => found,
                None => match consent::header_reading(header) {
                    Some((channel, polarity)) => (channel, Reading::Polarity(polarity)),
                    None if spec.is_none() => {
                        by_values = Some(Values {
                            all_words: true,
                            stating: false,
                            refusal: false,
                        });
                        let channel = consent::channel_of_name(
                            &snake_case(header),
                            crate::fields::Channel::Email,
                        );
                        (channel, Reading::Polarity(consent::Polarity::Stated))
                    }
                    None => return None,
                },
            };
            Some(SkippedConsent {
                header: s.header.clone(),
                index: s.index,
                column: ConsentColumn {
                    index: s.index,
                    channel,
                    reading,
                    reason: "skipped".into(),
                    every_channel,
                },
                refusals: 0,
                examples: Vec::new(),
                by_values,
            })
        })
        .collect()
}

impl SkippedConsent {
    /// Read the column's value in one data row (`values`: every column of the file).
    pub fn observe(&mut self, line: u64, values: &[String]) {
        let Some(value) = values.get(self.index) else {
            return;
        };
        let value = value.trim().trim_start_matches('\'');
        if let Some(v) = &mut self.by_values
            && !value.is_empty()
        {
            v.all_words &= consent::is_consent_word(value);
            v.stating |= consent::words::states_consent(value);
            v.refusal |= consent::words::names_refusal(value);
        }
        if self.column.state(value).is_some_and(|s| s.is_refusal()) {
            self.refusals += 1;
            if self.examples.len() < EXAMPLES {
                self.examples.push((line, value.to_string()));
            }
        }
    }
}

/// Refuse the import when a skipped consent column holds a refusal.
///
/// Errors: [`ImportError::BadOption`] naming the column, how many rows refuse, the
/// first lines and values, and what to do instead.
pub fn check(columns: &[SkippedConsent]) -> Result<(), ImportError> {
    let consent = |c: &&SkippedConsent| {
        c.by_values
            .is_none_or(|v| (v.all_words && v.stating) || v.refusal)
    };
    let Some(c) = columns.iter().filter(consent).find(|c| c.refusals > 0) else {
        return Ok(());
    };
    Err(ImportError::BadOption(format!(
        "--skip `{}`: the column is {} consent and {} row{} in it refuse{} ({}); a refusal cannot be skipped away, so nothing was imported. Import the column (leave out --skip `{}`: its refusals are recorded and --consent fills only the rows it leaves blank), or take the refusing rows out of the file",
        c.header,
        if c.column.every_channel {
            "e-mail and SMS"
        } else if c.column.channel == crate::fields::Channel::Sms {
            "SMS"
        } else {
            "e-mail"
        },
        c.refusals,
        if c.refusals == 1 { "" } else { "s" },
        if c.refusals == 1 { "s" } else { "" },
        examples_text(&c.examples, c.refusals),
        c.header,
    )))
}

/// The first rows of a skipped column as `line 3: `no`, line 9: `nein``, and `, ...`
/// when `total` rows are more than those shown (the skip refusals' examples).
pub(super) fn examples_text(examples: &[(u64, String)], total: u64) -> String {
    let lines: Vec<String> = examples
        .iter()
        .map(|(line, value)| format!("line {line}: `{value}`"))
        .collect();
    let more = if total as usize > examples.len() {
        ", ..."
    } else {
        ""
    };
    format!("{}{more}", lines.join(", "))
}
