//! `update`: the only function that changes the TUI's state.
//!
//! It takes one [`Message`] and returns the [`Request`]s the worker should run. It never
//! touches the terminal or the workspace, so tests drive it directly with message
//! sequences (STYLE.md, pattern 12). Replies whose generation is not the one a state is
//! waiting for are dropped: the newest request wins.

pub mod campaign;
pub mod records;

use super::app::{App, Popup};
use super::layout;
use super::message::{Message, PageAnchor, Request, Screen};
use super::screens::export::update as export_update;
use super::screens::fields::FieldsView;
use super::screens::fields::browse;
use super::screens::fields::update as field_edit;
use super::screens::import::update as import;
use super::screens::review::message::ReviewMsg;
use super::screens::review::update as review_update;
use super::screens::segments::{nav as segments_nav, update as segments_update};

/// Ticks (about a quarter second each) a page may be in flight before the status line
/// says it is loading; shorter waits would only flicker.
pub const LOADING_HINT_TICKS: u32 = 2;

/// Apply `message` to `app`; return the work it asks of the worker.
pub fn update(app: &mut App, message: Message) -> Vec<Request> {
    if matches!(message, Message::Tick) {
        super::status::tick(app);
    }
    if let Some(requests) = segments_nav::intercept(app, &message) {
        return requests;
    }
    if let Some(requests) = review_update::intercept(app, &message) {
        return requests;
    }
    if let Some(requests) = export_intercept(app, &message) {
        return requests;
    }
    if let Some(requests) = records::intercept(app, &message) {
        return requests;
    }
    let view = layout::visible_rows(app.size);
    if let Some(requests) = popup_message(app, &message) {
        return requests;
    }
    if let Some(requests) = campaign::message(app, &message) {
        return requests;
    }
    match message {
        Message::SwitchScreen(screen) => {
            app.screen = screen;
            Vec::new()
        }
        Message::NextScreen => {
            app.screen = app.screen.offset(1);
            Vec::new()
        }
        Message::PreviousScreen => {
            app.screen = app.screen.offset(-1);
            Vec::new()
        }
        Message::ShowHelp => {
            app.popup = Some(Popup::Help);
            app.help_page = 0;
            Vec::new()
        }
        Message::ClosePopup => {
            // "Stay" in the quit question goes back to a dialog still open below it.
            app.popup = if app.fields.edit.is_some() {
                Some(Popup::FieldEdit)
            } else if app.import.form.is_some() {
                Some(Popup::ImportOptions)
            } else {
                None
            };
            Vec::new()
        }
        Message::Quit => {
            if app.has_unsaved_work() {
                app.popup = Some(Popup::ConfirmQuit);
            } else {
                app.quit = true;
            }
            Vec::new()
        }
        Message::ConfirmQuit => {
            app.quit = true;
            Vec::new()
        }
        Message::Refresh => refresh(app),
        Message::OpenContacts => browse::open_contacts(app),
        Message::CloseContacts => {
            app.fields.view = FieldsView::List;
            Vec::new()
        }
        Message::EditPath
        | Message::StopEditing
        | Message::CompletePath
        | Message::DetectImport
        | Message::OpenImportOptions
        | Message::RunImport
        | Message::ToggleBatches
        | Message::AskUndo
        | Message::ConfirmUndo
        | Message::PathCompleted { .. }
        | Message::ImportDetected { .. }
        | Message::ImportProgressed { .. }
        | Message::ImportFinished { .. }
        | Message::BatchesLoaded { .. }
        | Message::UndoFinished { .. } => import::update(app, message),
        Message::Edit(edit) => {
            if app.screen == Screen::Import && app.import.editing {
                app.import.path.apply(&edit);
                app.import.completion = None;
            }
            Vec::new()
        }
        Message::EditField => field_edit::open(app),
        Message::FieldChanged { generation, result } => {
            field_edit::changed(app, generation, result)
        }
        Message::Submit | Message::SwitchFocus | Message::ChangeValue(_) => Vec::new(),
        // The campaign screens' messages (see `campaign::message`) when they do not apply.
        Message::OpenCampaignPicker
        | Message::LeaveEditor
        | Message::EditSubject
        | Message::EditBody
        | Message::EditLines(_)
        | Message::SaveMessages
        | Message::DiscardEdits
        | Message::OpenMergeFields
        | Message::NewCampaign
        | Message::AddEntry
        | Message::RemoveEntry
        | Message::MoveEntry { .. }
        | Message::RenameCampaign
        | Message::AskDeleteCampaign
        | Message::OpenSettings
        | Message::SettingsSaved { .. }
        | Message::ConfirmDeleteCampaign
        | Message::CampaignChanged { .. }
        | Message::ToggleChannel
        | Message::NextContact
        | Message::PreviousContact
        | Message::CycleSegmentFilter
        | Message::CycleReasonFilter
        | Message::StartSearch
        | Message::ExplainContact
        | Message::ClearFilters
        | Message::CampaignsLoaded { .. }
        | Message::CampaignLoaded { .. }
        | Message::CampaignSaved { .. }
        | Message::SampleLoaded { .. }
        | Message::CoverageFinished { .. }
        | Message::PreviewProgressed { .. }
        | Message::PreviewFinished { .. }
        | Message::PreviewPageLoaded { .. }
        | Message::PreviewCounted { .. }
        | Message::Explained { .. } => Vec::new(),
        Message::ScrollDown if app.screen == Screen::Import => import::scroll(app, 1),
        Message::ScrollUp if app.screen == Screen::Import => import::scroll(app, -1),
        Message::PageDown if app.screen == Screen::Import => import::scroll(app, view as isize),
        Message::PageUp if app.screen == Screen::Import => import::scroll(app, -(view as isize)),
        Message::ScrollToTop if app.screen == Screen::Import => import::scroll(app, isize::MIN),
        Message::ScrollToBottom if app.screen == Screen::Import => import::scroll(app, isize::MAX),
        Message::ScrollDown => browse::scroll(app, 1, view),
        Message::ScrollUp => browse::scroll(app, -1, view),
        Message::PageDown => browse::scroll(app, view as isize, view),
        Message::PageUp => browse::scroll(app, -(view as isize), view),
        Message::ScrollToTop => browse::jump(app, PageAnchor::First, view),
        Message::ScrollToBottom => browse::jump(app, PageAnchor::Last, view),
        Message::ScrollLeft => browse::scroll_columns(app, -1),
        Message::ScrollRight => browse::scroll_columns(app, 1),
        Message::SelectRow(line) => browse::select_line(app, usize::from(line), view),
        Message::FieldsLoaded { generation, result } => {
            browse::fields_loaded(app, generation, result, view)
        }
        Message::PageLoaded { generation, result } => {
            browse::page_loaded(app, generation, result, view)
        }
        Message::CountFinished { generation, result } => {
            browse::count_finished(app, generation, result)
        }
        Message::Tick => {
            browse::tick(app);
            Vec::new()
        }
        Message::Segments(m) => segments_update::update(app, m),
        Message::Review(m) => {
            // A review that arrives may change the campaign shown, which the Export
            // screen's directory follows.
            let arrives = matches!(&m, ReviewMsg::Reviewed { generation, result: Ok(_) }
                if app.review.pending == Some(*generation));
            let requests = review_update::update(app, m);
            if arrives {
                export_update::campaign_changed(app);
            }
            requests
        }
        Message::Export(m) => export_update::update(app, m),
        Message::Suppression(m) => records::suppression(app, m),
        Message::Audit(m) => records::audit(app, m),
        Message::Contact(m) => records::contact(app, m),
        Message::Resize { width, height } => {
            app.size = ratatui::layout::Rect::new(0, 0, width, height);
            browse::resized(app, layout::visible_rows(app.size))
        }
    }
}

/// Typing into the Export screen's form (not while a popup is open or on a screen
/// switch, as for the Review screen). `None` leaves the message to the rest of `update`.
fn export_intercept(app: &mut App, message: &Message) -> Option<Vec<Request>> {
    let switch = matches!(
        message,
        Message::SwitchScreen(_) | Message::NextScreen | Message::PreviousScreen
    );
    if switch || app.popup.is_some() || app.screen != Screen::Export {
        return None;
    }
    export_update::intercept(app, message)
}

/// Messages the open popup takes for itself: moving and confirming inside a dialog.
/// `None` when the message is not the popup's (it then goes to the screen).
fn popup_message(app: &mut App, message: &Message) -> Option<Vec<Request>> {
    let delta: isize = match message {
        Message::ScrollDown => 1,
        Message::ScrollUp => -1,
        Message::PageDown => 10,
        Message::PageUp => -10,
        _ => 0,
    };
    match app.popup? {
        Popup::Help if delta != 0 => {
            let last = super::popup::help_pages(app) - 1;
            app.help_page = app
                .help_page
                .saturating_add_signed(delta.signum())
                .min(last);
            Some(Vec::new())
        }
        Popup::ImportOptions => import::options_message(app, message, delta),
        Popup::FieldEdit => field_edit::dialog_message(app, message, delta),
        _ => None,
    }
}

/// Reload the fields and the count (after a change to the workspace, or on `r`).
pub(crate) fn refresh(app: &mut App) -> Vec<Request> {
    let fields = app.next_generation();
    app.fields.pending = Some(fields);
    let count = app.next_generation();
    app.contacts.pending_count = Some(count);
    vec![
        Request::LoadFields { generation: fields },
        Request::CountContacts { generation: count },
    ]
}
