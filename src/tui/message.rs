//! Everything that can happen to the TUI, as data: [`Message`]s into `update`, and
//! [`Request`]s out of it to the job runner (`tui::jobs`).
//!
//! User intents are imperative (`SwitchScreen`, `ScrollDown`, `Quit`); worker replies are
//! past-tense facts (`FieldsLoaded`, `PageLoaded`, `CountFinished`) carrying the
//! generation of the request they answer, so `update` can drop stale ones. Nothing here
//! knows about key codes (that is `keymap`) or SQL (that is the screens' jobs and
//! the workspace).

mod campaign;
mod request;

pub use campaign::CampaignMsg;
pub use request::{Job, Request, SampleStep};

use crate::fields::Field;
use crate::fields::change::FieldChange;
use crate::import::report::Detected;
use crate::import::undo::UndoReport;
use crate::import::{ImportReport, Progress};
use crate::tui::screens::audit::message::AuditMsg;
use crate::tui::screens::contact::message::ContactMsg;
use crate::tui::screens::export::message::ExportMsg;
use crate::tui::screens::review::message::ReviewMsg;
use crate::tui::screens::segments::message::SegmentsMsg;
use crate::tui::screens::suppression::message::SuppressionMsg;
use crate::workspace::batches::Batch;
use crate::workspace::browse::ContactRow;

use super::paths::Completion;
use super::screens::messages::Sample;
use super::screens::preview::PreviewPage;
use super::widgets::text_input::TextEdit;
use crate::campaign::Campaign;
use crate::campaign::explain::Explanation;
use crate::campaign::preview::Summary;

/// The screens: the seven of the tab bar, in tab order (number keys 1-7 follow it),
/// then the record screens outside it (keys 8, 9 and 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    Import,
    Fields,
    Segments,
    Messages,
    Preview,
    Review,
    Export,
    /// The suppression list (key 8).
    Suppression,
    /// The audit log (key 9).
    Audit,
    /// One contact: show and erase (key 0, or Enter in the contacts browser).
    Contact,
}

impl Screen {
    /// Every screen, in tab order.
    pub const ALL: [Screen; 7] = [
        Screen::Import,
        Screen::Fields,
        Screen::Segments,
        Screen::Messages,
        Screen::Preview,
        Screen::Review,
        Screen::Export,
    ];

    /// The title on the tab bar.
    pub fn title(self) -> &'static str {
        match self {
            Screen::Import => "Import",
            Screen::Fields => "Fields",
            Screen::Segments => "Segments",
            Screen::Messages => "Messages",
            Screen::Preview => "Preview",
            Screen::Review => "Review",
            Screen::Export => "Export",
            Screen::Suppression => "Suppression list",
            Screen::Audit => "Audit log",
            Screen::Contact => "Contact",
        }
    }

    /// Position in the tab bar, from 0 (the record screens, outside it, count as the
    /// first tab).
    pub fn index(self) -> usize {
        Screen::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The screen `delta` tabs away, wrapping around.
    pub fn offset(self, delta: isize) -> Screen {
        let n = Screen::ALL.len() as isize;
        let i = (self.index() as isize + delta).rem_euclid(n);
        Screen::ALL[i as usize]
    }
}

/// Input to `update`: a user intent, a worker reply, or a loop event.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// Show a screen (number keys, tab clicks).
    SwitchScreen(Screen),
    /// Show the next tab (wrapping).
    NextScreen,
    /// Show the previous tab (wrapping).
    PreviousScreen,
    /// Open the key help.
    ShowHelp,
    /// Close whatever popup is open.
    ClosePopup,
    /// Quit, asking first if there is unsaved work.
    Quit,
    /// Quit now: the answer "yes" to the quit question.
    ConfirmQuit,
    /// Reload fields and counts from the workspace (another process may have changed it).
    Refresh,
    /// Move the selection one row down.
    ScrollDown,
    /// Move the selection one row up.
    ScrollUp,
    /// Move the selection one screenful down.
    PageDown,
    /// Move the selection one screenful up.
    PageUp,
    /// Jump to the first row.
    ScrollToTop,
    /// Jump to the last row.
    ScrollToBottom,
    /// Scroll one column to the left.
    ScrollLeft,
    /// Scroll one column to the right.
    ScrollRight,
    /// Select the row drawn at this line of the table body (0 = first row under the header).
    SelectRow(u16),
    /// Browse the contacts (from the Fields screen).
    OpenContacts,
    /// Back from the contacts to the field list.
    CloseContacts,
    /// Change the text of the input that has the keyboard.
    Edit(TextEdit),
    /// Confirm the open dialog or input (Enter).
    Submit,
    /// Move between the parts of a dialog (the class and role lists).
    SwitchFocus,
    /// Change the selected option by this many steps (the import options).
    ChangeValue(i8),
    /// Type a path on the Import screen.
    EditPath,
    /// Start a new path with this character (`/`, `~`, `.`) on the screen showing
    /// (Import, suppression list): the key that opens the path input is the path's
    /// first character, so a path typed straight away loses nothing, and it replaces
    /// the path typed before instead of being added to it.
    StartPath(char),
    /// Leave the path input, keeping what was typed.
    StopEditing,
    /// Complete the typed path from the file system (Tab).
    CompletePath,
    /// Read the typed file and show what an import would detect.
    DetectImport,
    /// Open the import options (delimiter, encoding, date order, contact key, consent).
    OpenImportOptions,
    /// Import the detected file.
    RunImport,
    /// Show the import batches, or the detected/report view again.
    ToggleBatches,
    /// Ask whether to undo the latest import.
    AskUndo,
    /// Undo the latest import: the answer "yes" to the undo question.
    ConfirmUndo,
    /// Change the selected field's class or role (opens the dialog).
    EditField,
    /// Reply: completion of the typed path.
    PathCompleted {
        generation: u64,
        result: Result<Completion, String>,
    },
    /// Reply: what an import of the file would detect.
    ImportDetected {
        generation: u64,
        result: Result<Box<Detected>, String>,
    },
    /// Reply: a running import has read this far.
    ImportProgressed { generation: u64, progress: Progress },
    /// Reply: an import ended.
    ImportFinished {
        generation: u64,
        result: Result<Box<ImportReport>, String>,
    },
    /// Reply: the import batches, oldest first.
    BatchesLoaded {
        generation: u64,
        result: Result<Vec<Batch>, String>,
    },
    /// Reply: an undo ended.
    UndoFinished {
        generation: u64,
        result: Result<UndoReport, String>,
    },
    /// Reply: a field's class or role was changed (and audited), or why not.
    FieldChanged {
        generation: u64,
        result: Result<Box<FieldChange>, String>,
    },
    /// Reply: the field list, or why it could not be read.
    FieldsLoaded {
        generation: u64,
        result: Result<Vec<Field>, String>,
    },
    /// Reply: a window of contacts.
    PageLoaded {
        generation: u64,
        result: Result<Page, String>,
    },
    /// Reply: the number of contacts. An interrupted count sends nothing.
    CountFinished {
        generation: u64,
        result: Result<u64, String>,
    },
    /// An intent of the campaign screens (Messages, Preview) and their popups.
    Campaign(CampaignMsg),
    /// Reply: the campaign names.
    CampaignsLoaded {
        generation: u64,
        result: Result<Vec<String>, String>,
    },
    /// Reply: one campaign as stored.
    CampaignLoaded {
        generation: u64,
        result: Result<Box<Campaign>, String>,
    },
    /// Reply: a campaign was saved (as given), or why not.
    CampaignSaved {
        generation: u64,
        result: Result<Box<Campaign>, String>,
    },
    /// Reply: a campaign was renamed or deleted (its name now, `None` when deleted),
    /// or why not.
    CampaignChanged {
        generation: u64,
        result: Result<Option<String>, String>,
    },
    /// Reply: a campaign's settings were changed (the campaign as saved), or why not.
    SettingsSaved {
        generation: u64,
        result: Result<Box<Campaign>, String>,
    },
    /// Reply: the recipient to render messages for; `None` when there is none that way
    /// (none at all for [`SampleStep::First`]).
    SampleLoaded {
        generation: u64,
        result: Result<Option<Sample>, String>,
    },
    /// Reply: a background preview of the edited campaign, for coverage counts.
    CoverageFinished {
        generation: u64,
        result: Result<Box<Summary>, String>,
    },
    /// Reply: a running preview has stored this many contacts.
    PreviewProgressed { generation: u64, rows: u64 },
    /// Reply: a preview ended, with its summary.
    PreviewFinished {
        generation: u64,
        result: Result<Box<Summary>, String>,
    },
    /// Reply: a window of the stored preview.
    PreviewPageLoaded {
        generation: u64,
        result: Result<PreviewPage, String>,
    },
    /// Reply: how many stored preview rows the filter keeps.
    PreviewCounted {
        generation: u64,
        result: Result<u64, String>,
    },
    /// Reply: one contact's explanation.
    Explained {
        generation: u64,
        result: Result<Box<Explanation>, String>,
    },
    /// A regular beat from the event loop (about four a second) while nothing else
    /// happens.
    Tick,
    /// The terminal now has this size, in columns and rows.
    Resize { width: u16, height: u16 },
    /// Something on the Segments screen: an intent or a reply to one of its jobs.
    Segments(SegmentsMsg),
    /// Something on the Review screen: an intent or a reply to one of its jobs.
    Review(ReviewMsg),
    /// Something on the Export screen: an intent or the export's reply.
    Export(ExportMsg),
    /// Something on the suppression list screen.
    Suppression(SuppressionMsg),
    /// Something on the audit log screen.
    Audit(AuditMsg),
    /// Something on the contact screen.
    Contact(ContactMsg),
}

/// Which window of contacts to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageAnchor {
    /// The first contacts.
    First,
    /// The last contacts.
    Last,
    /// The contacts around the ones currently on screen, so the view stays where it is:
    /// `top_id` is the first row drawn, `selected_id` the selected one.
    Around { top_id: i64, selected_id: i64 },
}

/// A window of contacts in ascending `_id` order, and whether it reaches either end of
/// the audience.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub anchor: PageAnchor,
    pub rows: Vec<ContactRow>,
    pub at_start: bool,
    pub at_end: bool,
}
