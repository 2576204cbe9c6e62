//! `import undo`: take one batch back out of the workspace.
//!
//! Owns the rule that only the newest batch still in effect can be undone (undoing an
//! older one would lose the later batch's changes to the same contacts), and the order
//! of the undo: restore before-images, delete the contacts the batch added, drop the
//! fields it added, mark it undone, audit. One transaction. Called by the CLI and TUI.

use serde::Serialize;
use serde_json::json;

use super::ImportError;
use crate::workspace::{Workspace, audit, batches, contacts, fields};

/// What an undo did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UndoReport {
    pub batch: i64,
    pub file_name: String,
    pub contacts_removed: u64,
    pub contacts_restored: u64,
    pub fields_removed: Vec<String>,
}

/// Undo `batch`, or the newest batch in effect when `None`.
///
/// Errors: [`ImportError::Undo`] when there is nothing to undo, the batch does not exist
/// or is already undone, or a later batch is still in effect (the message names it).
pub fn undo(
    ws: &mut Workspace,
    batch: Option<i64>,
    actor: &str,
) -> Result<UndoReport, ImportError> {
    ws.write(|tx| {
        let latest = batches::latest_active(tx)?;
        let target = match batch {
            None => latest
                .clone()
                .ok_or_else(|| ImportError::Undo("there is no import to undo".into()))?,
            Some(id) => batches::get(tx, id)?
                .ok_or_else(|| ImportError::Undo(format!("there is no import batch {id}")))?,
        };
        if let Some(at) = &target.undone_at {
            return Err(ImportError::Undo(format!(
                "batch {} ({}) was already undone at {at}",
                target.id, target.file_name
            )));
        }
        if let Some(later) = latest.filter(|l| l.id > target.id) {
            return Err(ImportError::Undo(format!(
                "batch {} ({}) was imported after batch {}; undo it first: tactful import undo {}",
                later.id, later.file_name, target.id, later.id
            )));
        }
        let (restored, removed) = contacts::undo_batch(tx, target.id)?;
        let dropped = batches::fields_added(tx, target.id)?;
        for name in &dropped {
            fields::remove(tx, name)?;
        }
        batches::mark_undone(tx, target.id)?;
        let report = UndoReport {
            batch: target.id,
            file_name: target.file_name.clone(),
            contacts_removed: removed,
            contacts_restored: restored,
            fields_removed: dropped,
        };
        audit::append(
            tx,
            actor,
            "import.undo",
            &target.file_name,
            &json!({
                "batch": target.id,
                "contacts_removed": removed,
                "contacts_restored": restored,
                "fields_removed": report.fields_removed,
            }),
        )?;
        Ok(report)
    })
}
