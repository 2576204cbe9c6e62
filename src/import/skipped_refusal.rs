//! An opt-out written in words cannot be skipped away: `--skip` on a column (`Notes`,
//! `Opt Out Reason`, `Comments`) in which a row's value is read as a withdrawal
//! (`unsubscribe me`, `no emails`, any filled `Opt Out Reason`) is refused like the skip
//! of a consent column holding a refusal ([`super::skipped_consent`]).
//!
//! Imported, such a column records the row as withdrawn and a granting `--consent`
//! never fills it ([`super::refusal_values`]); skipped, it was not read at all, so the
//! person who wrote the refusal was granted and sent to (new-user trial 8, M2, CLI and
//! TUI import options alike). The skipped column is read with the same reader as an
//! imported one (`refusal_values::ColumnRead`, on the field name its header would get),
//! and the import is refused before anything is written, naming the column, the count
//! and the first lines. Called by [`super::analyse`] on every data row.

use super::ImportError;
use super::mapping::ColumnMap;
use super::normalise::snake_case;
use super::refusal_values::ColumnRead;

/// How many lines the error quotes.
const EXAMPLES: usize = 3;

/// One skipped column and the opt-outs in words read from it.
#[derive(Debug, Clone)]
pub struct SkippedRefusal {
    /// The header as the report names it.
    header: String,
    /// Index of the column in the file.
    index: usize,
    reader: ColumnRead,
    refusals: u64,
    /// The first refusals: (line, value as written).
    examples: Vec<(u64, String)>,
}

/// Every skipped column of `map`, each with the reader of its header's field name.
pub fn find(map: &ColumnMap, headers: &[String]) -> Vec<SkippedRefusal> {
    map.skipped
        .iter()
        .filter_map(|s| {
            let header = headers.get(s.index)?;
            Some(SkippedRefusal {
                header: s.header.clone(),
                index: s.index,
                reader: ColumnRead::named(snake_case(header)),
                refusals: 0,
                examples: Vec::new(),
            })
        })
        .collect()
}

impl SkippedRefusal {
    /// Read the column's value in one data row (`values`: every column of the file).
    pub fn observe(&mut self, line: u64, values: &[String]) {
        let Some(value) = values.get(self.index) else {
            return;
        };
        if value.trim().is_empty() || !self.reader.refuses(value) {
            return;
        }
        self.refusals += 1;
        if self.examples.len() < EXAMPLES {
            self.examples.push((line, value.trim().to_string()));
        }
    }
}

/// Refuse the import when a skipped column holds an opt-out in words.
///
/// Errors: [`ImportError::BadOption`] naming the column, how many rows opt out, the
/// first lines and values, and what to do instead.
pub fn check(columns: &[SkippedRefusal]) -> Result<(), ImportError> {
    let Some(c) = columns.iter().find(|c| c.refusals > 0) else {
        return Ok(());
    };
    Err(ImportError::BadOption(format!(
        "--skip `{}`: {} row{} in the column state{} an opt-out in words ({}); a refusal cannot be skipped away, so nothing was imported. Import the column (leave out --skip `{}`: those rows are recorded as withdrawn and --consent does not fill them), or take those rows out of the file",
        c.header,
        c.refusals,
        if c.refusals == 1 { "" } else { "s" },
        if c.refusals == 1 { "s" } else { "" },
        super::skipped_consent::examples_text(&c.examples, c.refusals),
        c.header,
    )))
}
