//! A refusal cannot be skipped away: `--skip` on a consent column whose values say no.
//!
//! `--skip 'Accepts Email Marketing' --consent email=granted` would otherwise store a
//! customer who said `no` as granted, with no word. A skipped column is still read when
//! its layout column or its header says it is consent (the same recognition as an
//! imported column, `consent::header_reading`, without the value check: only the refusals it
//! holds matter); if any row's value reads as declined, withdrawn or bounced, the
//! import is refused before anything is written, naming the column, the count and the
//! first lines, so the user imports the column (its `no` then wins over `--consent`) or
//! takes those rows out of the file. Called by [`super::analyse`] on every data row.

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
            let (channel, reading, every_channel) = match layout {
                Some((channel, reading)) => (channel, reading, false),
                None => {
                    let (channel, polarity) = consent::header_reading(header)?;
                    let every = consent::headers::every_channel(&snake_case(header));
                    (channel, Reading::Polarity(polarity), every)
                }
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
    let Some(c) = columns.iter().find(|c| c.refusals > 0) else {
        return Ok(());
    };
    let lines: Vec<String> = c
        .examples
        .iter()
        .map(|(line, value)| format!("line {line}: `{value}`"))
        .collect();
    Err(ImportError::BadOption(format!(
        "--skip `{}`: the column is {} consent and {} row{} in it refuse{} ({}{}); a refusal cannot be skipped away, so nothing was imported. Import the column (leave out --skip `{}`: its refusals are recorded and --consent fills only the rows it leaves blank), or take the refusing rows out of the file",
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
        lines.join(", "),
        if c.refusals as usize > c.examples.len() {
            ", ..."
        } else {
            ""
        },
        c.header,
    )))
}
