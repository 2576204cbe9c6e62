//! The minor a row the reader rejected may name: such a row stops the import (trial
//! F13), as one that may refuse does ([`super::rejected_refusal`]).
//!
//! A ragged row (an unquoted comma in a name) holding a child's date of birth was
//! listed and dropped; a later file with the same address then mailed the child, since
//! nothing on record said they were a minor. The row's fields cannot be trusted to sit
//! under their headers, so every field is read by every age column of the file as the
//! minor check reads it (`campaign::minor_flag::read_field`, on today) against the
//! highest minor age a campaign may set (`campaign::minor_age::MAX_MINOR_AGE`): a field
//! that makes the row a possible minor, in a row that also names someone, stops the
//! import with the file, line, field and column, and the user fixes the line. Reading
//! too much stops an import the user mends; reading too little mails a child. Called
//! by [`super::prepare`] for each rejected row.

use chrono::NaiveDate;

use super::ImportError;
use super::analyse::Analysis;
use crate::campaign::age::{self, AgeDates, AgeReading};
use crate::campaign::minor_age::MAX_MINOR_AGE;
use crate::campaign::minor_flag::read_field;
use crate::fields::value::Value;

/// The error that stops the import when rejected row `line` of `file` (`reason`: why
/// the reader rejected it; `cells`: every field it has) may name a minor, read on
/// `today`; `None` when no field does or the row names nobody else.
pub fn check(
    analysis: &Analysis,
    file: &str,
    today: NaiveDate,
    (line, reason, cells): (u64, &str, &[String]),
) -> Option<ImportError> {
    let dates = AgeDates::new(today, today);
    for (k, cell) in cells.iter().enumerate() {
        if cell.trim().is_empty() {
            continue;
        }
        let names_someone = cells
            .iter()
            .enumerate()
            .any(|(j, c)| j != k && !c.trim().is_empty());
        if !names_someone {
            continue;
        }
        for &index in &analysis.age_columns {
            let column = &analysis.columns[index];
            let value = Value::Text(cell.trim().to_string());
            let reading = read_field(&column.field.name, column.field.role, &value, dates).0;
            let AgeReading::Years { youngest, .. } = reading else {
                continue;
            };
            if !age::assess([reading], MAX_MINOR_AGE).minor {
                continue;
            }
            return Some(ImportError::BadOption(format!(
                "{file}, line {line}: the line was rejected ({reason}), and field {} holds `{}`, which column `{}` reads as an age of {youngest}: a possible minor's age must never be dropped with a rejected row (a later file with the same address would be messaged), so nothing was imported; fix the line (quote a value that holds the delimiter, remove the stray quote or NUL byte) and import again",
                k + 1,
                crate::text::for_terminal(cell.trim()),
                column.header,
            )));
        }
    }
    None
}
