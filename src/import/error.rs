//! The errors of an import ([`ImportError`]): each a sentence a user can act on, naming
//! the file, line and column where there is one.

use std::path::PathBuf;

use super::{ImportReport, column_kind, sniff, unread_refusal};
use crate::fields::FieldType;
use crate::workspace::WorkspaceError;

/// Errors of an import, as sentences a user can act on. Nothing is written when one
/// occurs: the batch's transaction is rolled back.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The cause is part of the message and deliberately not a `#[source]`: the CLI
    /// prints error chains and the TUI prints the message alone, and both should show
    /// it exactly once (review P3-1).
    #[error("cannot read {path}: {cause}")]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("unknown encoding `{0}`; use a name such as utf-8, windows-1252, latin1, utf-16le")]
    UnknownEncoding(String),
    /// UTF-8 lines beside lines in a legacy encoding ([`mixed`]): either reading would
    /// store one of them garbled, so nothing is imported (case BR-09).
    #[error(
        "{path} mixes two encodings: line {utf8_line} is written in UTF-8, but line {other_line} holds the byte 0x{byte:02X}{}, which UTF-8 never uses there (`{as_guessed}` in {guessed}); read either way, one of them would be stored garbled (`JosÃ©` for `José`). Save the file again as UTF-8, or pass --encoding NAME to read every line in one encoding",
        other_at.as_ref().map(|at| format!(" in {at}")).unwrap_or_default()
    )]
    MixedEncoding {
        path: PathBuf,
        utf8_line: u64,
        other_line: u64,
        /// The column of that byte (`column 2 (`first_name`)`).
        other_at: Option<Box<super::field_at::FieldAt>>,
        byte: u8,
        guessed: &'static str,
        as_guessed: String,
    },
    #[error(
        "line {line}{} is not valid {encoding}: some bytes cannot be decoded; pass --encoding NAME with the file's real encoding (for Excel on Windows often windows-1252)",
        at.as_ref().map(|at| format!(", {at},")).unwrap_or_default()
    )]
    Undecodable {
        encoding: &'static str,
        line: u64,
        /// The first column holding such bytes (`column 2 (`first_name`)`).
        at: Option<Box<super::field_at::FieldAt>>,
    },
    /// NUL bytes where one damaged line does not explain them: in the header, or in
    /// most lines (a single damaged line is rejected alone, see `read`).
    #[error(
        "NUL bytes in {where_} (from line {line}): the file is not text in the encoding it was read with; is it UTF-16? pass --encoding utf-16le (or utf-16be)"
    )]
    NulBytes { line: u64, where_: &'static str },
    #[error(
        "{path} does not look like a text/CSV file (binary content: {} of the first {} characters are control characters, the first {} at line {}, column {}); check the file, or pass --encoding NAME if it is text in another encoding",
        at.controls, at.characters, at.first, at.line, at.column
    )]
    NotText { path: PathBuf, at: sniff::Binary },
    /// A text file whose content is JSON ([`sniff`]), whatever its extension.
    #[error(
        "{path} holds JSON (it starts with `{start}`), not CSV or other delimited text, whatever its name says: nothing was read from it. Convert it to CSV with one column per key and a header line naming them (`email,accepts_email_marketing`), or export the data as CSV, and use that file"
    )]
    Json { path: PathBuf, start: &'static str },
    #[error(
        "{path} is a ZIP archive: import it with `tactful import FILE`, which imports each file in it as its own batch"
    )]
    IsArchive { path: PathBuf },
    /// `tactful suppress` given a ZIP archive that does not say it lists opt-outs
    /// ([`super::suppress_source`]); `advice`: the commands for its members named like
    /// opt-out lists, or how to name one.
    #[error(
        "it is a ZIP archive whose name does not say it lists opt-outs, so not every file in it is added to the suppression list: {advice}. `tactful import {path}` imports each file in it as its own batch, reading Mailchimp's unsubscribed and cleaned files as withdrawals"
    )]
    SuppressArchive { path: PathBuf, advice: String },
    #[error("cannot import the ZIP archive {path}: {message}")]
    Archive { path: PathBuf, message: String },
    /// A file that starts like a ZIP container (XLSX, XLSB, ODS or a ZIP of CSV files)
    /// but cannot be opened as one, nothing imported.
    #[error(
        "cannot read {path}: it starts like a ZIP container (an XLSX or ODS workbook, or a ZIP of CSV files) but is not a whole one ({message}); the file may be cut short: download or save it again"
    )]
    DamagedZip { path: PathBuf, message: String },
    #[error("cannot read the workbook {path}: {message}")]
    Workbook { path: PathBuf, message: String },
    #[error("{path} has no sheet named `{sheet}`; its sheets are: {sheets}")]
    NoSheet {
        path: PathBuf,
        sheet: String,
        sheets: String,
    },
    /// A quote opened and never closed: every later line would be swallowed into one
    /// value, so nothing is imported.
    #[error(
        "a quote opened at line {line}, column {column} is never closed before the end of the file, so every later line would be read into that one value; close the quote (a quote inside a quoted value is written twice: \"\") or remove it"
    )]
    UnclosedQuote { line: u64, column: u64 },
    /// A quoted value that runs over lines looking like whole records (a stray quote
    /// paired with a later one): those rows would be read into one value and their
    /// consent or opt-out never read, so nothing is imported (new-user trial 10, F1:
    /// an `unsubscribed` row read into another contact's first name).
    #[error(
        "a quote opened at line {line}, column {column} closes only on line {to}, so the lines between, {record_like} of which look like whole records, would be read into that one value and their consent or opt-out never read; close the quote where the value ends (a quote inside a quoted value is written twice: \"\") or remove it"
    )]
    RunawayQuote {
        line: u64,
        column: u64,
        /// The line of the closing quote.
        to: u64,
        /// Lines inside the value with the header's number of delimiters and no quote.
        record_like: u64,
    },
    #[error("CSV error at line {line}: {message}")]
    Csv { line: u64, message: String },
    #[error("the file has no rows")]
    Empty,
    /// A suppression list in which not one e-mail address or phone number could be
    /// read: nothing is added (PRODUCT.md: never "success, 0 imported"), and the first
    /// values that were not read say why.
    #[error(
        "no e-mail address or phone number could be read from it, so nothing was added to the suppression list{}{}",
        .header.as_ref().map_or_else(String::new, |(line, names)| format!(" (line {line} was read as the header: {names})")),
        crate::import::error::first_notes(.skipped)
    )]
    NoAddresses {
        /// The line read as the header and its names, when one was.
        header: Option<(u64, String)>,
        /// `(line, place, reason)` of each value not read.
        skipped: Vec<(u64, String, String)>,
    },
    /// A suppression list some of whose values could not be read: a list applied in
    /// part looks done while opt-outs are missing, so nothing is added unless the user
    /// accepts it with a written reason (`tactful suppress --accept-unread --reason`).
    #[error(
        "{} could not be read as an e-mail address or a phone number, so nothing was added to the suppression list (a list applied in part would look done while those opt-outs are missing):\n  {}{}\nfix those lines and run again; or, if they hold no opt-out, add the rest with --accept-unread --reason \"why these values are no opt-outs\" (recorded in the audit log)",
        crate::text::count(*.count, "value"),
        .places.iter().take(20).cloned().collect::<Vec<_>>().join("\n  "),
        if .places.len() > 20 { format!("\n  and {} more", .places.len() - 20) } else { String::new() }
    )]
    ListReadInPart {
        /// How many values or rows.
        count: u64,
        /// `file:line:field: column NAME: reason` of each, by line.
        places: Vec<String>,
    },
    /// A workbook of several worksheets given to `tactful suppress` without `--sheet`:
    /// reading its first sheet alone would leave the opt-outs of the others out
    /// without a word.
    #[error(
        "the workbook has several sheets ({sheets}); a suppression list is read from one sheet, and which sheet lists the opt-outs is yours to say, so nothing was added: run again with --sheet NAME (such as --sheet '{first}'), once for each sheet that lists opt-outs"
    )]
    ListSheets { sheets: String, first: String },
    #[error("{0}")]
    BadOption(String),
    #[error("--key {key}: no such column in this file; its fields are: {fields}")]
    UnknownKey { key: String, fields: String },
    #[error(
        "this workspace keys its contacts by {stored}, but this file would key them by {wanted}: consent belongs to a contact, so a second key would give the same person a second contact (and an opt-out could be lost); {hint}, or use a new workspace"
    )]
    KeyChanged {
        stored: String,
        wanted: String,
        hint: String,
    },
    #[error(
        "this workspace keys its contacts by generated row keys and already holds {} from another file keyed that way; generated keys never merge, so the people in both files would be held twice: undo the earlier import (`tactful import undo`) and import every file with --key FIELD naming an ID column they share, or use a new workspace",
        crate::text::count(*.held, "contact")
    )]
    GeneratedTwice { held: u64 },
    #[error(
        "no e-mail column found and the file splits into {columns} column with the delimiter `{delimiter}`; if that delimiter is wrong pass --delimiter, otherwise pass --key FIELD"
    )]
    NoKeyColumn { delimiter: String, columns: usize },
    /// [`ImportError::NoKeyColumn`] for a workbook: the sheet read and the others.
    #[error(
        "sheet `{sheet}` of the workbook has no e-mail or phone column and a single column, so its rows cannot be keyed{}; pass --sheet NAME to import another sheet, or --key FIELD",
        if others.is_empty() { String::new() } else { format!(" (the workbook's other sheets: {others})") }
    )]
    SheetNoKey { sheet: String, others: String },
    #[error(
        "the header is one column with the delimiter `{delimiter}` but contains `{other}`; pass --delimiter '{other}' if that is the delimiter"
    )]
    OneColumn { delimiter: String, other: String },
    /// A header cell longer than [`super::read::MAX_HEADER_CHARS`]: a file with no line
    /// breaks, or not a table at all. Refused before any per-header work, which would
    /// otherwise grow with the cell's length.
    #[error(
        "line {line}, column {column}: the header cell is {chars} characters long, more than any column name ({max} at most): is a line break missing, or is this file not a table of contacts?",
        max = super::read::MAX_HEADER_CHARS
    )]
    LongHeader {
        line: u64,
        column: usize,
        chars: usize,
    },
    #[error(
        "{file}, line {line}, column `{header}`: `{value}` is not a consent value, but field `{field}` in the workspace holds consent; a consent column says yes/no, subscribed/unsubscribed/cleaned, opted in/out per contact. Fix the value, or, for a list of people who opted out, use `tactful suppress FILE`"
    )]
    NotConsent {
        file: String,
        line: u64,
        header: String,
        field: String,
        value: String,
    },
    /// A file named like a list of opt-outs (`unsubscribed.csv`, `bounces.csv`), or in a
    /// folder or archive so named, with a granting `--consent` (boxed: the error stays
    /// small).
    #[error(transparent)]
    OptOutFile(Box<super::opt_out_file::OptOutFile>),
    /// A workbook read without `--sheet` whose other sheet is named like a list of
    /// opt-outs, whatever the consent (boxed: the error stays small).
    #[error(transparent)]
    OptOutSheet(Box<super::opt_out_file::OptOutSheet>),
    /// A line skipped above the header names someone and may state an opt-out
    /// ([`super::title_refusal`]; boxed: the error stays small).
    #[error(transparent)]
    TitleRefusal(Box<super::title_refusal::TitleRefusal>),
    /// A row states a refusal but cannot be imported ([`key_cell`]): the import stops
    /// rather than drop it.
    #[error(
        "{file}, line {line}, column `{column}`: the row says {channel} {state}, but it cannot be imported ({reason}); a refusal must never be dropped, so nothing was imported. Write the address or number plain in the file and import it again, or add the refusals with `tactful suppress FILE`"
    )]
    RefusalLost {
        file: String,
        line: u64,
        column: String,
        channel: crate::fields::Channel,
        state: crate::fields::ConsentState,
        reason: String,
    },
    /// A column whose header sounds like consent holds values tactful cannot read as
    /// consent while `--consent` would grant the file's silent rows (boxed: the error
    /// stays small).
    #[error(transparent)]
    UnreadConsent(Box<column_kind::UnreadConsent>),
    /// A row's value in a column nobody reads may refuse a channel its contact has
    /// granted on record (`unread_refusal`).
    #[error(transparent)]
    UnreadRefusal(Box<unread_refusal::UnreadRefusal>),
    #[error(
        "column `{header}` holds {found} values, but field `{field}` in the workspace is {existing}; rename the column or fix its values"
    )]
    TypeConflict {
        header: String,
        field: String,
        existing: FieldType,
        found: FieldType,
    },
    /// A date-of-birth, birth-year or age column mapped into a field without such a
    /// role (`columns::refuse_age_into_plain_field`): the minor check would not read it.
    #[error(
        "column `{header}` reads as {role} but field `{field}` has the role {field_role}, so the minor check would not read it and minors would get messages; import it as a field of its own (drop the --map or map it to a new name), or, if field `{field}` holds only such values, give it the role first: tactful fields set {field} --role {role} --reason TEXT"
    )]
    AgeIntoPlainField {
        header: String,
        field: String,
        role: &'static str,
        field_role: &'static str,
    },
    #[error(
        "nothing imported from {file}: {rows_read} rows read with delimiter `{delimiter}` and encoding {encoding}, {rejected} rejected{examples}"
    )]
    NothingImported {
        file: String,
        rows_read: u64,
        delimiter: String,
        encoding: String,
        rejected: usize,
        examples: String,
        /// The report of the rolled-back import (`batch` is `None`), for `--json`.
        report: Box<ImportReport>,
    },
    #[error(
        "this file brings {new} new fields, but the workspace has room for {room} more (SQLite allows {max} columns per table, {fixed} of them used by tactful itself); import fewer columns, for example by removing unused ones from the file"
    )]
    TooManyColumns {
        new: usize,
        room: usize,
        max: usize,
        fixed: usize,
    },
    /// A header-less file's yes/no column nobody named ([`super::headerless`]).
    #[error(transparent)]
    HeaderlessYesNo(Box<super::headerless::HeaderlessYesNo>),
    /// A member of a ZIP archive failed; the whole archive was rolled back.
    #[error("{member}: {error}")]
    Member {
        member: String,
        error: Box<ImportError>,
    },
    #[error("{0}")]
    Undo(String),
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
}

impl ImportError {
    /// The report of a file of which nothing was imported (also inside an archive
    /// member's error); `None` for other errors.
    pub fn report(&self) -> Option<&ImportReport> {
        match self {
            ImportError::NothingImported { report, .. } => Some(report),
            ImportError::Member { error, .. } => error.report(),
            _ => None,
        }
    }

    /// This error as the error of the archive member `member` (`junk.zip/junk.csv`):
    /// an error that names a file names the member, never the temporary file it was
    /// extracted to (new-user trial); any other error is prefixed with the member.
    pub fn in_member(self, member: String) -> ImportError {
        let path = PathBuf::from(&member);
        match self {
            ImportError::Io { cause, .. } => ImportError::Io { path, cause },
            ImportError::NotText { at, .. } => ImportError::NotText { path, at },
            ImportError::IsArchive { .. } => ImportError::IsArchive { path },
            ImportError::Json { start, .. } => ImportError::Json { path, start },
            // It names the member already (`export.zip/unsubscribed.csv: ...`).
            error @ (ImportError::OptOutFile(_) | ImportError::OptOutSheet(_)) => error,
            ImportError::Archive { message, .. } => ImportError::Archive { path, message },
            ImportError::Workbook { message, .. } => ImportError::Workbook { path, message },
            ImportError::NoSheet { sheet, sheets, .. } => ImportError::NoSheet {
                path,
                sheet,
                sheets,
            },
            error => ImportError::Member {
                member,
                error: Box::new(error),
            },
        }
    }
}

impl From<rusqlite::Error> for ImportError {
    fn from(e: rusqlite::Error) -> Self {
        ImportError::Workspace(e.into())
    }
}

/// `; 2 values were not read: line 1, field 1: not an e-mail address…` for
/// [`ImportError::NoAddresses`]: up to three `(line, place, reason)` notes, and how
/// many more there are; empty when there are none.
pub(crate) fn first_notes(notes: &[(u64, String, String)]) -> String {
    if notes.is_empty() {
        return String::new();
    }
    let shown: Vec<String> = notes
        .iter()
        .take(3)
        .map(|(line, place, reason)| format!("line {line}, {place}: {reason}"))
        .collect();
    let more = notes.len().saturating_sub(shown.len());
    format!(
        "; {} not read: {}{}",
        crate::text::count(notes.len() as u64, "value"),
        shown.join("; "),
        if more > 0 {
            format!("; and {more} more")
        } else {
            String::new()
        }
    )
}
