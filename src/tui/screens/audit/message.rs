//! The audit log screen's messages and its one job (reading a page; it writes nothing).

use crate::workspace::audit::AuditEntry;

/// Something on the audit log screen.
#[derive(Debug, Clone, PartialEq)]
pub enum AuditMsg {
    /// Move the selection by this many rows (within the page), or scroll the whole
    /// entry when it is open.
    Move(isize),
    /// The next (older) page.
    NextPage,
    /// The previous (newer) page.
    PreviousPage,
    /// Show the selected entry whole, over the list.
    OpenEntry,
    /// Back from the whole entry to the list.
    Back,
    /// Reply: a page of entries and the log's size.
    PageLoaded {
        generation: u64,
        result: Result<AuditPage, String>,
    },
}

/// One page of the log, newest first: the entries older than `before` (`None`: from the
/// newest), whether it is the last page, and how many entries the log holds.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditPage {
    pub before: Option<i64>,
    pub entries: Vec<AuditEntry>,
    pub at_end: bool,
    pub total: u64,
}

/// Read a page of up to `limit` entries older than `before`.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditJob {
    pub generation: u64,
    pub before: Option<i64>,
    pub limit: usize,
}
