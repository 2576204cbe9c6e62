//! The Review and Export screens' messages and worker jobs, as data: [`ReviewMsg`] and
//! [`ExportMsg`] (user intents and worker replies, carried by `Message::Review` and
//! `Message::Export`) and [`ReviewJob`] (work for the review worker thread, carried by
//! `Request::Review`).
//!
//! Kept apart from `message` so the two screens' vocabulary sits in one place. Replies
//! carry the generation of the job they answer; `screens::review_update` and
//! `screens::export_update` drop stale ones.

use chrono::NaiveDate;

use crate::campaign::Unlock;
use crate::export::Profile;
use crate::review::{Finding, Review, SignOffState};
use crate::workspace::exports::SignOff;

/// What happens on the Review screen.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewMsg {
    /// Run the review of the current campaign again.
    Rerun,
    /// Show or hide the items of the selected finding.
    ToggleItems,
    /// Open the unlock dialog (on the field the selected finding names, if any).
    OpenUnlock,
    /// Open the sign-off dialog (refused while a blocker is open).
    OpenSignOff,
    /// Move the dialog's choice of field by this many rows.
    MoveChoice(i8),
    /// Enter in a dialog: next step or input, or send it from the last.
    Confirm,
    /// Tab in the sign-off dialog: the other input.
    NextInput,
    /// Esc: close the dialog, dropping what was typed.
    CloseDialog,
    /// Reply: the campaign reviewed and its review.
    Reviewed {
        generation: u64,
        result: Result<Box<Reviewed>, String>,
    },
    /// Reply: the field was unlocked (and audited), or why not.
    Unlocked {
        generation: u64,
        result: Result<Unlock, String>,
    },
    /// Reply: the sign-off was recorded, or why not.
    SignedOff {
        generation: u64,
        result: Result<SignOff, String>,
    },
}

/// A review as the Review and Export screens show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Reviewed {
    /// The campaign reviewed; `None` when the workspace has none.
    pub campaign: Option<String>,
    pub review: Option<Review>,
    /// The columns each profile would write without added fields.
    pub columns: Vec<(Profile, Vec<String>)>,
    /// Fields the campaign unlocked.
    pub unlocked: Vec<String>,
}

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

/// Work for the review worker thread. A newer `Run` supersedes an older one (the
/// running one is interrupted); writes always run, in the order sent.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewJob {
    /// Review `campaign` (the first campaign when `None` or unknown), at `as_of` (the
    /// global `--as-of`) when given, else at the campaign's own date or today.
    Run {
        generation: u64,
        campaign: Option<String>,
        as_of: Option<NaiveDate>,
    },
    /// `campaign::unlock::unlock`.
    Unlock {
        generation: u64,
        campaign: String,
        field: String,
        reason: String,
    },
    /// Review again (at `as_of` as for `Run`), then `review::sign_off` (refused while
    /// blockers are open).
    SignOff {
        generation: u64,
        campaign: String,
        name: String,
        note: String,
        as_of: Option<NaiveDate>,
    },
    /// `export::export`.
    Export {
        generation: u64,
        request: ExportRequest,
    },
}

impl ReviewJob {
    /// The generation this job was made in.
    pub fn generation(&self) -> u64 {
        match self {
            ReviewJob::Run { generation, .. }
            | ReviewJob::Unlock { generation, .. }
            | ReviewJob::SignOff { generation, .. }
            | ReviewJob::Export { generation, .. } => *generation,
        }
    }

    /// True for everything but `Run`: changes are never dropped for a newer job.
    pub fn writes(&self) -> bool {
        !matches!(self, ReviewJob::Run { .. })
    }
}
