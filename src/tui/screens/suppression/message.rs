//! The suppression list screen's messages (intents and worker replies) and its reading
//! job. Its one write, importing a list, is `Job::Suppress` (it runs on the writer).

use crate::import::suppress::SuppressReport;
use crate::tui::widgets::text_input::Opening;
use crate::workspace::suppression::Listed;

/// Something on the suppression list screen.
#[derive(Debug, Clone, PartialEq)]
pub enum SuppressionMsg {
    /// Move the selection by this many rows (within the page shown).
    Move(isize),
    /// Show the next page of entries.
    NextPage,
    /// Show the previous page of entries.
    PreviousPage,
    /// Type the path of a suppression file: change the one typed (`i`), or start a new
    /// one with the key typed (`/`, `~`, `.`).
    EditPath(Opening),
    /// Leave the path input (keeping what was typed) or the import report.
    Back,
    /// Import the typed file into the suppression list.
    Import,
    /// Reply: a page of entries and the list's size.
    PageLoaded {
        generation: u64,
        result: Result<EntriesPage, String>,
    },
    /// Reply: an import of a suppression file ended.
    Imported {
        generation: u64,
        result: Result<Box<SuppressReport>, String>,
    },
}

/// One page of the list: the entries after row id `after`, whether it is the last page,
/// and how many entries the list holds.
#[derive(Debug, Clone, PartialEq)]
pub struct EntriesPage {
    pub after: i64,
    pub entries: Vec<Listed>,
    pub at_end: bool,
    pub total: u64,
}

/// Read a page: up to `limit` entries with a row id above `after` (0: the first).
#[derive(Debug, Clone, PartialEq)]
pub struct SuppressionJob {
    pub generation: u64,
    pub after: i64,
    pub limit: usize,
}
