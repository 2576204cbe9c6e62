//! `update`: the only function that changes the TUI's state.
//!
//! It takes one [`Message`] and returns the [`Request`]s the worker should run. It never
//! touches the terminal or the workspace, so tests drive it directly with message
//! sequences (STYLE.md, pattern 12). Replies whose generation is not the one a state is
//! waiting for are dropped: the newest request wins.

mod campaign;
mod campaign_edit;
mod campaign_new;
mod field_edit;
mod import;
mod messages;
mod preview;

use super::app::{App, Popup};
use super::layout;
use super::message::{Message, PageAnchor, Request, Screen};
use super::screens::fields::FieldsView;
use super::screens::{export_update, review_update};
use super::screens::{segments_nav, segments_update};

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
        Message::OpenContacts => open_contacts(app),
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
        Message::ScrollDown => scroll(app, 1, view),
        Message::ScrollUp => scroll(app, -1, view),
        Message::PageDown => scroll(app, view as isize, view),
        Message::PageUp => scroll(app, -(view as isize), view),
        Message::ScrollToTop => jump(app, PageAnchor::First, view),
        Message::ScrollToBottom => jump(app, PageAnchor::Last, view),
        Message::ScrollLeft => scroll_columns(app, -1),
        Message::ScrollRight => scroll_columns(app, 1),
        Message::SelectRow(line) => select_line(app, usize::from(line), view),
        Message::FieldsLoaded { generation, result } => {
            if app.fields.pending != Some(generation) {
                return Vec::new();
            }
            app.fields.pending = None;
            match result {
                Ok(fields) => {
                    app.error = None;
                    let changed = fields != app.fields.fields;
                    app.fields.set_fields(fields.clone());
                    if changed {
                        app.contacts.set_fields(fields);
                        if app.fields.view == FieldsView::Contacts {
                            return request_page(app, PageAnchor::First, view);
                        }
                    }
                }
                Err(e) => app.error = Some(e),
            }
            Vec::new()
        }
        Message::PageLoaded { generation, result } => {
            if app.contacts.pending_page != Some(generation) {
                return Vec::new();
            }
            app.contacts.pending_page = None;
            app.contacts.waiting_ticks = 0;
            match result {
                Ok(page) => {
                    app.error = None;
                    app.contacts.apply_page(page, view);
                }
                Err(e) => app.error = Some(e),
            }
            Vec::new()
        }
        Message::CountFinished { generation, result } => {
            if app.contacts.pending_count != Some(generation) {
                return Vec::new();
            }
            app.contacts.pending_count = None;
            match result {
                Ok(n) => app.contacts.total = Some(n),
                Err(e) => app.error = Some(e),
            }
            Vec::new()
        }
        Message::Tick => {
            if app.contacts.pending_page.is_some() {
                app.contacts.waiting_ticks = app.contacts.waiting_ticks.saturating_add(1);
            }
            Vec::new()
        }
        Message::Segments(m) => segments_update::update(app, m),
        Message::Review(m) => review_update::update(app, m),
        Message::Export(m) => export_update::update(app, m),
        Message::Resize { width, height } => {
            app.size = ratatui::layout::Rect::new(0, 0, width, height);
            let view = layout::visible_rows(app.size);
            app.fields.table.keep_visible(view);
            app.contacts.table.keep_visible(view);
            match app.contacts.refill(view) {
                Some(anchor) if app.contacts.loaded => request_page(app, anchor, view),
                _ => Vec::new(),
            }
        }
    }
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
            let last = super::screens::popup::help_pages(app.size) - 1;
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

/// Whether the message should go to the contacts browser rather than the field list.
fn in_contacts(app: &App) -> bool {
    app.screen == Screen::Fields && app.fields.view == FieldsView::Contacts
}

fn in_field_list(app: &App) -> bool {
    app.screen == Screen::Fields && app.fields.view == FieldsView::List
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

fn open_contacts(app: &mut App) -> Vec<Request> {
    if app.is_empty_workspace() {
        return Vec::new();
    }
    app.screen = Screen::Fields;
    app.fields.view = FieldsView::Contacts;
    let view = layout::visible_rows(app.size);
    let mut requests = if app.contacts.loaded {
        Vec::new()
    } else {
        request_page(app, PageAnchor::First, view)
    };
    let count = app.next_generation();
    app.contacts.pending_count = Some(count);
    requests.push(Request::CountContacts { generation: count });
    requests
}

/// Ask for a window: one screenful before the anchor and two from it, so moving a
/// screenful either way stays inside what is loaded.
fn request_page(app: &mut App, anchor: PageAnchor, view: usize) -> Vec<Request> {
    let generation = app.next_generation();
    app.contacts.pending_page = Some(generation);
    app.contacts.waiting_ticks = 0;
    vec![Request::LoadPage {
        generation,
        fields: app.contacts.fields.clone(),
        anchor,
        before: view,
        after: 2 * view,
    }]
}

fn scroll(app: &mut App, delta: isize, view: usize) -> Vec<Request> {
    if in_field_list(app) {
        let n = app.fields.fields.len();
        app.fields.table.move_by(delta, n, view);
        Vec::new()
    } else if in_contacts(app) {
        let n = app.contacts.rows.len();
        app.contacts.table.move_by(delta, n, view);
        match app.contacts.refill(view) {
            Some(anchor) => request_page(app, anchor, view),
            None => Vec::new(),
        }
    } else {
        Vec::new()
    }
}

fn jump(app: &mut App, anchor: PageAnchor, view: usize) -> Vec<Request> {
    let to_end = anchor == PageAnchor::Last;
    if in_field_list(app) {
        let n = app.fields.fields.len() as isize;
        app.fields
            .table
            .move_by(if to_end { n } else { -n }, n as usize, view);
        return Vec::new();
    }
    if !in_contacts(app) {
        return Vec::new();
    }
    let c = &mut app.contacts;
    let n = c.rows.len();
    if (to_end && c.at_end) || (!to_end && c.at_start) {
        // This jump is answered locally and supersedes any window still in flight.
        c.pending_page = None;
        c.table
            .move_by(if to_end { n as isize } else { -(n as isize) }, n, view);
        return Vec::new();
    }
    request_page(app, anchor, view)
}

fn scroll_columns(app: &mut App, delta: isize) -> Vec<Request> {
    if in_field_list(app) {
        let n = app.fields.scrollable_columns();
        app.fields.table.scroll_columns(delta, n);
    } else if in_contacts(app) {
        let n = app.contacts.scrollable_columns();
        app.contacts.table.scroll_columns(delta, n);
    }
    Vec::new()
}

fn select_line(app: &mut App, line: usize, view: usize) -> Vec<Request> {
    if in_field_list(app) {
        let row = app.fields.table.top + line;
        if row < app.fields.fields.len() {
            app.fields.table.selected = row;
        }
        Vec::new()
    } else if in_contacts(app) {
        let row = app.contacts.table.top + line;
        if row < app.contacts.rows.len() {
            app.contacts.table.selected = row;
        }
        match app.contacts.refill(view) {
            Some(anchor) => request_page(app, anchor, view),
            None => Vec::new(),
        }
    } else {
        Vec::new()
    }
}
