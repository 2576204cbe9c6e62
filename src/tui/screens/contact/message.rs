//! The contact screen's messages (intents and worker replies) and its reading job. Its
//! write, erasing the contact, is `Job::EraseContact` (it runs on the writer).

use chrono::NaiveDate;

use crate::rights::ContactReport;
use crate::rights::erase::ErasureReport;
use crate::tui::widgets::text_input::Opening;

/// Something on the contact screen.
#[derive(Debug, Clone, PartialEq)]
pub enum ContactMsg {
    /// Show the contact selected in the contacts browser (the app fills in its key as
    /// [`ContactMsg::Open`]).
    OpenSelected,
    /// Show the contact with this key.
    Open(String),
    /// Type a contact key: a new one (`/`) or a change to the one shown (`e`).
    EditKey(Opening),
    /// Leave the key input or the erase question.
    Back,
    /// Show the contact whose key was typed.
    Show,
    /// Scroll the report by this many lines.
    Scroll(isize),
    /// Scroll the report by a screenful, down (`true`) or up.
    Page(bool),
    /// Ask whether to erase the contact shown.
    AskErase,
    /// Erase it: the answer "yes" to the question.
    ConfirmErase,
    /// Reply: everything held about the contact.
    Shown {
        generation: u64,
        result: Result<Box<ContactReport>, String>,
    },
    /// Reply: the erasure ended.
    Erased {
        generation: u64,
        result: Result<Box<ErasureReport>, String>,
    },
}

/// Read everything held about the contact with `key`, segments evaluated on `as_of`
/// (the global `--as-of`; `None`: today).
#[derive(Debug, Clone, PartialEq)]
pub struct ContactJob {
    pub generation: u64,
    pub key: String,
    pub as_of: Option<NaiveDate>,
}
