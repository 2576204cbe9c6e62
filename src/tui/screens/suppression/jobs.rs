//! The suppression list screen's jobs: reading a page of the list (on a reading
//! thread) and importing a file into it (on the writer), through the same use case as
//! `tactful suppress` (`import::suppress::suppress_list_in`, phone numbers without a
//! country code read in the workspace's region).

use std::path::Path;

use super::message::{EntriesPage, SuppressionJob, SuppressionMsg};
use crate::tui::message::Message;
use crate::workspace::{Workspace, WorkspaceError, actor, suppression};

/// Answer a page request.
pub fn read(ws: &Workspace, job: &SuppressionJob) -> Message {
    let load = || -> Result<EntriesPage, WorkspaceError> {
        // One row more than asked says whether another page follows.
        let mut entries = suppression::page(ws.conn(), job.after, job.limit + 1)?;
        let at_end = entries.len() <= job.limit;
        entries.truncate(job.limit);
        Ok(EntriesPage {
            after: job.after,
            entries,
            at_end,
            total: suppression::count(ws.conn())?,
        })
    };
    Message::Suppression(SuppressionMsg::PageLoaded {
        generation: job.generation,
        result: load().map_err(|e| e.to_string()),
    })
}

/// Import the suppression file at `path` (one transaction: on an error nothing changes).
///
/// As `tactful suppress` does, a list some of whose values cannot be read is refused,
/// nothing added, the error naming each value (`file:line:field`) on one line; the
/// screen has no way to accept it, so the error says to fix the lines or to run the
/// command with `--accept-unread --reason`.
pub fn import(ws: &mut Workspace, generation: u64, path: &Path) -> Message {
    let options = crate::import::suppress::ListOptions::default();
    let result = crate::import::suppress::suppress_list_in(ws, path, options, &actor());
    Message::Suppression(SuppressionMsg::Imported {
        generation,
        result: result
            .map(Box::new)
            .map_err(|e| e.to_string().replace("\n  ", "; ").replace('\n', "; ")),
    })
}
