//! The Export screen's messages, as data: [`ExportMsg`] (user intents and the export's
//! reply, carried by `Message::Export`), the form's rows ([`ExportRow`]) and the
//! export asked of the job runner ([`ExportRequest`]). Replies carry the generation
//! of the job they answer; [`super::update`] drops stale ones.

use chrono::NaiveDate;

use crate::export::Profile;
use crate::review::{Finding, SignOffState};

/// Which line of the export form has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExportRow {
    #[default]
    Profile,
    Bom,
    Directory,
    ExtraField,
    ExtraReason,
}

impl ExportRow {
    /// The rows, top to bottom.
    pub const ALL: [ExportRow; 5] = [
        ExportRow::Profile,
        ExportRow::Bom,
        ExportRow::Directory,
        ExportRow::ExtraField,
        ExportRow::ExtraReason,
    ];

    /// True for the rows that hold typed text.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            ExportRow::Directory | ExportRow::ExtraField | ExportRow::ExtraReason
        )
    }
}

/// What happens on the Export screen.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportMsg {
    /// Move the focus this many rows.
    MoveFocus(i8),
    /// Change the focused choice (profile, byte order mark).
    Toggle,
    /// Enter: type into the focused text row, or ask to export from the others.
    Activate,
    /// Leave the text row being typed into.
    StopEditing,
    /// Ask to export (a confirmation question follows).
    AskExport,
    /// "yes" to the open question: export, or overwrite.
    Confirm,
    /// "no" to the open question.
    Cancel,
    /// Reply: the export was written, or why not.
    Exported {
        generation: u64,
        result: Result<Box<Exported>, ExportFailure>,
    },
}

/// What an export wrote, as the Export screen shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    pub dir: String,
    /// Records in `recipients.csv` (one per recipient).
    pub recipients: u64,
    pub recipients_sha256: String,
    pub profile: Profile,
    pub sign_off: Option<SignOffState>,
    /// The files written, with their Unix permission bits (`None` elsewhere).
    pub files: Vec<(String, Option<u32>)>,
    pub warnings: usize,
}

/// Why an export was not written.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportFailure {
    /// The review has blockers open.
    Blocked(Vec<Finding>),
    /// A file exists and `force` was not given.
    Exists(String),
    /// Anything else, as a sentence.
    Other(String),
}

/// The export options the screen sends to the worker.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRequest {
    pub campaign: String,
    pub out: String,
    pub profile: Profile,
    pub bom: bool,
    pub force: bool,
    /// The global `--as-of`, which wins over the campaign's own date.
    pub as_of: Option<NaiveDate>,
    /// One field added knowingly, with its reason.
    pub extra: Option<(String, String)>,
}
