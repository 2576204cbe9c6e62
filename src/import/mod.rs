//! Import: CSV files into the workspace's audience, one atomic, undoable batch per file.
//!
//! The flow, one module per step: [`plan`] (the validated request), [`decode`] (hash,
//! encoding, BOM), [`sniff`] (delimiter, header), [`read`] (RFC 4180 records, blank and
//! ragged rows), [`normalise`] (header names, value cleaning, spreadsheet damage),
//! [`layout`] (platform layouts recognised by file name and headers) and [`mapping`]
//! (which columns fill which fields: layouts, `--map`, `--skip`), [`infer`] (types
//! from every value), [`key`] (the contact key), [`column_kind`] and [`consent`]
//! (consent columns, evidence, and how a statement meets the stored state),
//! [`analyse`] (the first pass, no writes), [`prepare`] (rows into contacts),
//! [`load`] (the second pass, one transaction) with [`upsert`] (one contact),
//! [`report`],
//! [`undo`] and [`suppress`] (suppression lists). SQL lives in `workspace::contacts`,
//! `workspace::batches` and `workspace::suppression`.
//!
//! Faces: the CLI (`tactful import`, `import undo`, `suppress`) and the TUI build an
//! [`ImportPlan`] and call [`run`] or [`detect`].

pub mod analyse;
pub mod column_kind;
pub mod consent;
pub mod decode;
pub mod infer;
pub mod key;
pub mod layout;
pub mod load;
pub mod mapping;
pub mod normalise;
pub mod plan;
pub mod prepare;
pub mod read;
pub mod report;
pub mod sniff;
pub mod suppress;
pub mod undo;
pub mod upsert;

use std::path::PathBuf;

use serde::Serialize;

pub use infer::{DateOrder, TypeOptions};
pub use plan::ImportPlan;
pub use report::{FieldReport, ImportReport};

use crate::fields::FieldType;
use crate::workspace::{Workspace, WorkspaceError, contacts};

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
    #[error(
        "line {line} is not valid {encoding}: some bytes cannot be decoded; pass --encoding NAME with the file's real encoding (for Excel on Windows often windows-1252)"
    )]
    Undecodable { encoding: &'static str, line: u64 },
    #[error(
        "line {line} contains NUL bytes, so the file is not text in the encoding it was read with; is it UTF-16? pass --encoding utf-16le (or utf-16be)"
    )]
    NulBytes { line: u64 },
    #[error(
        "{path} does not look like a text/CSV file (binary content at byte {offset} of the decoded text); check the file, or pass --encoding NAME if it is text in another encoding"
    )]
    NotText { path: PathBuf, offset: usize },
    #[error("CSV error at line {line}: {message}")]
    Csv { line: u64, message: String },
    #[error("the file has no rows")]
    Empty,
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
        "no e-mail column found and the file splits into {columns} column with the delimiter `{delimiter}`; if that delimiter is wrong pass --delimiter, otherwise pass --key FIELD"
    )]
    NoKeyColumn { delimiter: String, columns: usize },
    #[error(
        "the header is one column with the delimiter `{delimiter}` but contains `{other}`; pass --delimiter '{other}' if that is the delimiter"
    )]
    OneColumn { delimiter: String, other: String },
    #[error(
        "column `{header}` holds {found} values, but field `{field}` in the workspace is {existing}; rename the column or fix its values"
    )]
    TypeConflict {
        header: String,
        field: String,
        existing: FieldType,
        found: FieldType,
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
    #[error("{0}")]
    Undo(String),
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
}

impl From<rusqlite::Error> for ImportError {
    fn from(e: rusqlite::Error) -> Self {
        ImportError::Workspace(e.into())
    }
}

/// A row that was not imported, with the physical line it starts on (header = line 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejected {
    pub line: u64,
    pub reason: String,
}

/// Which pass is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// First pass: reading and typing.
    Analyse,
    /// Second pass: writing contacts.
    Load,
}

/// Progress of one file, reported every few thousand rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub phase: Phase,
    /// Raw bytes of the file read so far in this pass.
    pub bytes_done: u64,
    pub bytes_total: u64,
}

/// Import one file as one batch, in one transaction: everything or nothing.
///
/// With `plan.dry_run` the same work runs and is rolled back; the report then has no
/// batch id. Errors: see [`ImportError`]; [`WorkspaceError::Busy`] when another process
/// is writing.
pub fn run(
    ws: &mut Workspace,
    plan: &ImportPlan,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportReport, ImportError> {
    let cache = contacts::cache_size(ws.conn())?;
    contacts::set_cache_size(ws.conn(), -contacts::IMPORT_CACHE_KIB)?;
    let outcome = ws.write(|tx| {
        let analysis = analyse::analyse(tx, plan, progress)?;
        let report = load::load(tx, plan, &analysis, progress)?;
        if plan.dry_run {
            // Roll back by failing the transaction, carrying the report out.
            return Err(Outcome::DryRun(Box::new(report)));
        }
        Ok(report)
    });
    // Best effort: the batch is already committed or rolled back, and a larger cache
    // than usual is harmless, so failing to shrink it must not turn into an error.
    let _ = contacts::set_cache_size(ws.conn(), cache);
    match outcome {
        Ok(report) => Ok(report),
        Err(Outcome::DryRun(report)) => Ok(*report),
        Err(Outcome::Failed(e)) => Err(e),
    }
}

/// How [`run`] leaves its transaction: a dry run rolls back like a failure.
enum Outcome {
    DryRun(Box<ImportReport>),
    Failed(ImportError),
}

impl From<ImportError> for Outcome {
    fn from(e: ImportError) -> Self {
        Outcome::Failed(e)
    }
}

impl From<WorkspaceError> for Outcome {
    fn from(e: WorkspaceError) -> Self {
        Outcome::Failed(e.into())
    }
}

/// Read a file and say what an import would find (format, fields with type and class,
/// row counts, warnings), without writing anything. For the TUI's import screen.
pub fn detect(ws: &Workspace, plan: &ImportPlan) -> Result<report::Detected, ImportError> {
    let analysis = analyse::analyse(ws.conn(), plan, &mut |_| {})?;
    Ok(report::Detected::from_analysis(plan, &analysis))
}
