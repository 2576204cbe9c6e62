//! Import: CSV files, workbooks and ZIP archives of them into the workspace's audience,
//! one atomic, undoable batch per file (per member of an archive).
//!
//! The flow, one module per step: [`plan`] (the validated request), [`source`] (text,
//! workbook or archive), [`archive`] (ZIP members in a stated order), [`workbook`]
//! (one sheet's cells), [`decode`] (hash,
//! encoding, BOM), [`sniff`] (delimiter, header), [`read`] (RFC 4180 records, blank and
//! ragged rows), [`normalise`] (header names, value cleaning, spreadsheet damage),
//! [`layout`] (platform layouts recognised by file name and headers) and [`mapping`]
//! (which columns fill which fields: layouts, `--map`, `--skip`), [`infer`] (types
//! from every value), [`columns`] (a column becomes a field) with [`column_kind`]
//! (consent column, consent evidence or plain) and [`reclassify`] (existing fields
//! raised, never lowered, by new values), [`key`] (the contact key),
//! [`identity`] (one contact per person known by e-mail and by phone), [`consent`]
//! (consent vocabularies, evidence, and how a statement meets the stored state),
//! [`ages`] (age values read as the minor check reads them; conflicting rows merged
//! youngest first),
//! [`orders`] (`--aggregate`; [`latest_order`]: fields follow the latest order), [`analyse`] (the first pass, no writes), [`prepare`]
//! (rows into contacts, with [`row_phones`]), [`ahead`] (preparing rows on a second
//! thread), [`load`] (the second pass, one transaction; [`write`] writes each row,
//! with [`upsert`] deciding consent) with [`figures`] (orders and per-contact
//! figures), [`report`],
//! [`undo`] and [`suppress`] (suppression lists). SQL lives in `workspace::contacts`,
//! `workspace::batches` and `workspace::suppression`.
//!
//! Faces: the CLI (`tactful import`, `import undo`, `suppress`) and the TUI build an
//! [`ImportPlan`] and call [`run_all`], [`run`] or [`detect`].

mod address_junk;
pub mod age_roles;
pub mod age_tags;
pub mod ages;
pub mod ahead;
pub mod analyse;
pub mod archive;
pub mod big_cells;
pub mod column_kind;
pub mod columns;
pub mod consent;
pub mod decided;
pub mod decode;
mod error;
pub mod escapes;
mod field_at;
pub mod figures;
pub mod header_line;
pub mod header_row;
pub mod headerless;
pub mod identity;
pub mod infer;
pub mod key;
pub mod key_cell;
pub mod key_damage;
pub mod latest_order;
pub mod layout;
pub mod load;
pub mod lost_zeros;
pub mod map_consent;
pub mod mapping;
pub mod mixed;
pub mod moved_off_list;
mod named_field;
pub mod no_consent_note;
pub mod normalise;
pub mod opt_out_file;
pub mod opt_out_name;
pub mod orders;
pub mod plan;
pub mod preamble;
pub mod prepare;
pub mod read;
pub mod reclassify;
pub mod refusal_hashes;
pub mod refusal_values;
mod rejected_minor;
pub mod rejected_refusal;
pub mod repeats;
pub mod report;
pub mod row_phones;
pub mod short_rows;
pub mod skipped_ages;
pub mod skipped_consent;
pub mod skipped_refusal;
pub mod sniff;
pub mod source;
pub mod spelling;
pub mod spool;
pub mod suppress;
pub mod suppress_domain;
pub mod suppress_list;
pub mod suppress_source;
pub mod title_refusal;
pub mod undo;
mod undo_minors;
pub mod unread_refusal;
pub mod upsert;
pub mod workbook;
pub mod write;

use serde::Serialize;

pub use error::ImportError;
pub use infer::{DateOrder, TypeOptions};
pub use plan::ImportPlan;
pub use report::{FieldReport, ImportReport};

use crate::workspace::{Workspace, WorkspaceError, contacts};

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
/// is writing; [`ImportError::IsArchive`] for a ZIP archive, which [`run_all`] reads.
pub fn run(
    ws: &mut Workspace,
    plan: &ImportPlan,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportReport, ImportError> {
    let mut reports = run_plans(ws, std::slice::from_ref(plan), progress)?;
    reports.pop().ok_or(ImportError::Empty)
}

/// Import one file as [`run`] does, or a ZIP archive of CSV files and workbooks as one import: each
/// member its own batch, in the order [`archive::ORDER_RULE`] states, all in one
/// transaction (a failing member leaves the workspace as it was). One report per
/// batch, in import order.
///
/// Errors: those of [`run`], with the failing member named
/// ([`ImportError::Member`]); [`ImportError::Archive`] for an unreadable archive.
pub fn run_all(
    ws: &mut Workspace,
    plan: &ImportPlan,
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<ImportReport>, ImportError> {
    if source::detect(&plan.path)? != source::Kind::Archive {
        return run_plans(ws, std::slice::from_ref(plan), progress);
    }
    let extracted = archive::extract(&plan.path)?;
    let members = extracted.members.len();
    let plans: Vec<ImportPlan> = extracted
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| ImportPlan {
            path: m.path.clone(),
            archive: Some(plan::ArchiveMember {
                archive: plan.path.clone(),
                member: m.name.clone(),
                position: i + 1,
                members,
                order: archive::ORDER_RULE,
            }),
            ..plan.clone()
        })
        .collect();
    let reports = run_plans(ws, &plans, progress)?;
    Ok(reports)
}

/// Run `plans` in one transaction, one batch each.
fn run_plans(
    ws: &mut Workspace,
    plans: &[ImportPlan],
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<ImportReport>, ImportError> {
    for plan in plans {
        plan.check()?;
    }
    let dry_run = plans.iter().any(|p| p.dry_run);
    let settings = contacts::ImportSettings::apply(ws.conn())?;
    let today = ws.today();
    let outcome = ws.write(|tx| {
        let mut reports = Vec::with_capacity(plans.len());
        for plan in plans {
            match import_one(tx, plan, today, progress) {
                Ok(report) => reports.push(report),
                Err(e) if plan.archive.is_some() => {
                    return Err(Outcome::Failed(e.in_member(plan.display_name())));
                }
                Err(e) => return Err(e.into()),
            }
        }
        if dry_run {
            // Roll back by failing the transaction, carrying the reports out.
            return Err(Outcome::DryRun(reports));
        }
        Ok(reports)
    });
    // Best effort: the batch is already committed or rolled back, and a larger cache
    // than usual is harmless, so failing to shrink it must not turn into an error.
    settings.restore(ws.conn());
    match outcome {
        Ok(reports) | Err(Outcome::DryRun(reports)) => Ok(reports),
        Err(Outcome::Failed(e)) => Err(e),
    }
}

fn import_one(
    tx: &rusqlite::Connection,
    plan: &ImportPlan,
    today: chrono::NaiveDate,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportReport, ImportError> {
    let analysis = analyse::analyse(tx, plan, today, progress)?;
    load::load(tx, (plan, &analysis), today, progress)
}

/// How [`run_plans`] leaves its transaction: a dry run rolls back like a failure.
enum Outcome {
    DryRun(Vec<ImportReport>),
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
    let analysis = analyse::analyse(ws.conn(), plan, ws.today(), &mut |_| {})?;
    Ok(report::Detected::from_analysis(plan, &analysis))
}
