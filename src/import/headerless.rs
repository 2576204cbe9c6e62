//! A file without a header row whose column beside the key holds yes/no: nobody can
//! say whether it is consent given, an opt-out, or neither, so the import stops until
//! the user names the column.
//!
//! Without a header a column is `column_2`: no consent header reads it, and yes/no
//! alone never makes a column consent (a `VIP` column of yes/no is none). So
//! `ann@example.com,no` imported into a workspace where Ann had granted consent was
//! read as a plain field: Ann stayed granted and was mailed, while the report warned
//! that e-mail campaigns would exclude these contacts (new-user trial 11, F3). A file
//! of an address and a yes/no is most often a list of who said yes or no; which way
//! its `yes` goes is the user's to say, with `--map` (the advice names the fields), or
//! `--skip` when the column says nothing of consent. Called by [`super::columns::build`]
//! for every column.

use super::ImportError;
use super::column_kind::Kind;
use super::columns::Seen;

/// A header-less file's yes/no column nobody named (see the module doc). Nothing was
/// imported.
#[derive(Debug, thiserror::Error)]
#[error(
    "{file}, line {line}, column {column}: the column has no header (the file has no header row, or its cell is blank), and beside the contact key it holds yes/no values (`{value}`), which may be consent given or an opt-out: read as neither, a `no` would not stop anyone being sent to, and nothing was imported. Name the column: --map '{column}=email_opt_in' (yes = consent given, no = declined), --map '{column}=email_opt_out' (yes = opted out), the sms_ forms for texts, or --skip '{column}' if it says nothing of consent; or add a header line naming the columns (`email,accepts_email_marketing`)"
)]
pub struct HeaderlessYesNo {
    pub file: String,
    pub line: u64,
    /// The column's field name (`column_2`), which `--map` and `--skip` accept.
    pub column: String,
    /// The first yes/no value, made safe for the terminal (at most 30 characters).
    pub value: String,
}

/// Stop when `seen` is a column with no header (a file without a header row, or a
/// blank header cell),
/// not named by `--map`, that stayed plain (`kind`) while every value is a consent word
/// (`yes_no`: yes/no, true/false, ja/nein, ..., and `1`/`0`, which a consent header
/// reads as yes and no: a header-less `1`/`0` is as unsure, new-user trial 11, F4).
///
/// Errors: [`HeaderlessYesNo`], boxed in [`ImportError::HeaderlessYesNo`].
pub fn check(seen: &Seen<'_>, kind: &Kind, yes_no: bool) -> Result<(), ImportError> {
    if !seen.headerless || seen.renamed || !matches!(kind, Kind::Plain) || !yes_no {
        return Ok(());
    }
    let Some((value, line)) = seen.first_yes_no.as_ref().or(seen.first_value.as_ref()) else {
        return Ok(());
    };
    Err(ImportError::HeaderlessYesNo(Box::new(HeaderlessYesNo {
        file: seen.file.to_string(),
        line: *line,
        column: crate::text::for_terminal(seen.name).into_owned(),
        value: crate::text::for_terminal(value).chars().take(30).collect(),
    })))
}
