//! The TUI's model: which screen is showing, one state per screen, the open popup.
//!
//! `App` is a composition of small states, not a god object: each screen's state lives
//! beside its drawing code in `screens/`, and only `update` changes any of it. Drawing
//! reads an `&App`; tests build one with [`App::new`] and drive it with messages.

use chrono::NaiveDate;

use super::context::Context;
use super::message::Screen;
use super::screens::audit::AuditState;
use super::screens::campaign_picker::CampaignsState;
use super::screens::campaign_settings::SettingsForm;
use super::screens::contact::ContactState;
use super::screens::export::ExportState;
use super::screens::fields::FieldsState;
use super::screens::fields::contacts::ContactsState;
use super::screens::import::ImportState;
use super::screens::messages::MessagesState;
use super::screens::preview::PreviewState;
use super::screens::review::ReviewState;
use super::screens::segments::SegmentsState;
use super::screens::suppression::SuppressionState;
use crate::fields::Field;

/// A dialog drawn over the current screen; while one is open, keys go to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Popup {
    /// Every key, generated from the keymap.
    Help,
    /// "Quit without saving?": shown by `Quit` when there is unsaved work.
    ConfirmQuit,
    /// The import options form (`ImportState::form`).
    ImportOptions,
    /// "Undo the latest import?"
    ConfirmUndo,
    /// The class and role dialog (`FieldsState::edit`).
    FieldEdit,
    /// The campaign picker (`CampaignsState`).
    CampaignPicker,
    /// The merge fields to insert into a message (`MessagesState::merge`).
    MergeFields,
    /// One contact's explanation (`PreviewState::explanation`).
    Explanation,
    /// The new-campaign dialog (`MessagesState::create`).
    NewCampaign,
    /// The saved segments to add an entry for (`MessagesState::add_selected`).
    AddEntry,
    /// "Delete campaign?" (the current one).
    ConfirmDeleteCampaign,
    /// The current campaign's settings (`App::settings`).
    CampaignSettings,
}

/// What the TUI starts with.
#[derive(Debug, Clone, Default)]
pub struct AppOptions {
    /// The workspace file, as the user should read it (shown in guides).
    pub workspace: String,
    /// The fields read when the workspace was opened.
    pub fields: Vec<Field>,
    /// Terminal size in columns and rows.
    pub width: u16,
    pub height: u16,
    /// The global `--as-of`: the date relative rules and campaigns count from instead
    /// of today (and instead of a campaign's own as-of date). `None`: not given.
    pub as_of: Option<NaiveDate>,
}

/// The whole state of the TUI.
#[derive(Debug, Clone)]
pub struct App {
    pub screen: Screen,
    pub popup: Option<Popup>,
    pub fields: FieldsState,
    pub contacts: ContactsState,
    pub segments: SegmentsState,
    pub import: ImportState,
    /// The campaigns and the one screens 4-7 work on.
    pub campaigns: CampaignsState,
    pub messages: MessagesState,
    pub preview: PreviewState,
    pub review: ReviewState,
    pub export: ExportState,
    /// The suppression list screen.
    pub suppression: SuppressionState,
    /// The audit log screen.
    pub audit: AuditState,
    /// The contact screen (show and erase).
    pub contact: ContactState,
    /// The campaign settings dialog, while open.
    pub settings: Option<SettingsForm>,
    /// The page of the key help showing (it has more keys than fit on a small screen).
    pub help_page: usize,
    /// The status line's message as it was when the help opened, if it was too long
    /// to show whole there: the help shows it first.
    pub help_message: Option<String>,
    /// The workspace file, for display.
    pub workspace: String,
    /// Set by `update` when the user has chosen to quit; the event loop then ends.
    pub quit: bool,
    /// What the screens share: size, as-of, status line, unsaved edits, generations.
    pub ctx: Context,
}

impl App {
    /// A new model. An empty workspace (no fields yet) opens on the Import screen,
    /// anything else on Fields.
    pub fn new(options: AppOptions) -> App {
        let screen = if options.fields.is_empty() {
            Screen::Import
        } else {
            Screen::Fields
        };
        let mut fields = FieldsState::default();
        fields.set_fields(options.fields.clone());
        let mut contacts = ContactsState::default();
        contacts.set_fields(options.fields);
        App {
            screen,
            popup: None,
            fields,
            contacts,
            segments: SegmentsState {
                as_of: options.as_of,
                ..SegmentsState::default()
            },
            import: ImportState::default(),
            campaigns: CampaignsState::default(),
            messages: MessagesState::default(),
            preview: PreviewState::default(),
            review: ReviewState::default(),
            export: ExportState::default(),
            suppression: SuppressionState::default(),
            audit: AuditState::default(),
            contact: ContactState::default(),
            settings: None,
            help_page: 0,
            help_message: None,
            workspace: options.workspace,
            quit: false,
            ctx: Context::new(options.width, options.height, options.as_of),
        }
    }

    /// True while any screen holds edits not yet written to the workspace.
    pub fn has_unsaved_work(&self) -> bool {
        self.ctx.has_unsaved_work()
    }

    /// True when nothing has been imported yet.
    pub fn is_empty_workspace(&self) -> bool {
        self.fields.fields.is_empty()
    }
}
