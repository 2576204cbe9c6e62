//! The audit log screen's job: a page of `workspace::audit`, newest first.

use super::message::{AuditJob, AuditMsg, AuditPage};
use crate::tui::message::Message;
use crate::workspace::{Workspace, WorkspaceError, audit};

/// Answer a page request.
pub fn read(ws: &Workspace, job: &AuditJob) -> Message {
    let load = || -> Result<AuditPage, WorkspaceError> {
        // One row more than asked says whether an older page follows.
        let mut entries = audit::newest_page(ws.conn(), job.before, job.limit + 1)?;
        let at_end = entries.len() <= job.limit;
        entries.truncate(job.limit);
        Ok(AuditPage {
            before: job.before,
            entries,
            at_end,
            total: audit::count(ws.conn())?,
        })
    };
    Message::Audit(AuditMsg::PageLoaded {
        generation: job.generation,
        result: load().map_err(|e| e.to_string()),
    })
}
