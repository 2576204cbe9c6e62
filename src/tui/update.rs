//! `update`: the only function that changes the TUI's state.
//!
//! It takes one [`Message`] and returns the [`Request`]s the job runner should run. It
//! never touches the terminal or the workspace, so tests drive it directly with message
//! sequences (STYLE.md, pattern 12). Replies whose generation is not the one a state is
//! waiting for are dropped: the newest request wins.
//!
//! [`update`] is one exhaustive `match` over [`Message`], with no catch-all: a new
//! variant does not compile until it is routed. Loop events, replies and the screens'
//! own message types go straight to their screen; screen switches to [`switch`]; the
//! other intents to whatever has the focus ([`focused`]): the open popup, else the
//! screen showing, and what neither takes to the global handler ([`global`]).

pub mod campaign;
pub mod parts;
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
use super::screens::segments::message::SegmentsMsg;
use super::screens::segments::{nav as segments_nav, update as segments_update};
use parts::{in_browse, in_export, in_import, in_review, segments};

/// Ticks (about a quarter second each) a page may be in flight before the status line
/// says it is loading; shorter waits would only flicker.
pub const LOADING_HINT_TICKS: u32 = 2;

/// Apply `message` to `app`; return the work it asks of the job runner.
pub fn update(app: &mut App, message: Message) -> Vec<Request> {
    let view = layout::visible_rows(app.ctx.size);
    match message {
        // Loop events.
        Message::Tick => {
            super::status::tick(&mut app.ctx);
            in_browse(app, browse::tick);
            Vec::new()
        }
        Message::Resize { width, height } => resize(app, width, height),
        // Replies, to the screen whose request they answer.
        Message::PathCompleted { .. }
        | Message::ImportDetected { .. }
        | Message::ImportProgressed { .. }
        | Message::ImportFinished { .. }
        | Message::BatchesLoaded { .. }
        | Message::UndoFinished { .. } => in_import(app, |u| import::update(u, message)),
        Message::FieldChanged { generation, result } => {
            let done = field_edit::changed(
                &mut app.fields,
                &mut app.contacts,
                &mut app.ctx,
                generation,
                result,
            );
            // The change went through: its dialog closed.
            if done.is_some() {
                app.popup = None;
            }
            done.unwrap_or_default()
        }
        Message::FieldsLoaded { generation, result } => {
            let mut requests =
                in_browse(app, |b| browse::fields_loaded(b, generation, result, view));
            // An import finished (or was undone) while the Messages screen shows: check
            // and count again on the fields now read.
            if app.screen == Screen::Messages && app.messages.stale && app.fields.pending.is_none()
            {
                requests.extend(campaign::entered(app));
            }
            requests
        }
        Message::PageLoaded { generation, result } => {
            in_browse(app, |b| browse::page_loaded(b, generation, result, view))
        }
        Message::CountFinished { generation, result } => {
            in_browse(app, |b| browse::count_finished(b, generation, result))
        }
        Message::CampaignsLoaded { .. }
        | Message::CampaignLoaded { .. }
        | Message::CampaignSaved { .. }
        | Message::CampaignChanged { .. }
        | Message::SettingsSaved { .. }
        | Message::SampleLoaded { .. }
        | Message::CoverageFinished { .. }
        | Message::PreviewProgressed { .. }
        | Message::PreviewFinished { .. }
        | Message::PreviewPageLoaded { .. }
        | Message::PreviewCounted { .. }
        | Message::Explained { .. } => campaign::reply(app, &message),
        // The screens with a message type of their own: intents and replies.
        Message::Segments(m) => segments_message(app, m),
        Message::Review(m) => review(app, m),
        Message::Export(m) => in_export(app, |u| export_update::update(u, m)),
        Message::Suppression(m) => records::suppression(app, m),
        Message::Audit(m) => records::audit(app, m),
        Message::Contact(m) => records::contact(app, m),
        // Screen switches.
        Message::SwitchScreen(screen) => switch(app, screen),
        Message::NextScreen => switch(app, app.screen.offset(1)),
        Message::PreviousScreen => switch(app, app.screen.offset(-1)),
        // Intents for whatever has the focus.
        Message::ShowHelp
        | Message::ClosePopup
        | Message::Quit
        | Message::ConfirmQuit
        | Message::Refresh
        | Message::ScrollDown
        | Message::ScrollUp
        | Message::PageDown
        | Message::PageUp
        | Message::ScrollToTop
        | Message::ScrollToBottom
        | Message::ScrollLeft
        | Message::ScrollRight
        | Message::SelectRow(_)
        | Message::OpenContacts
        | Message::CloseContacts
        | Message::Edit(_)
        | Message::Submit
        | Message::SwitchFocus
        | Message::ChangeValue(_)
        | Message::EditPath
        | Message::StartPath(_)
        | Message::StopEditing
        | Message::CompletePath
        | Message::DetectImport
        | Message::OpenImportOptions
        | Message::RunImport
        | Message::ToggleBatches
        | Message::AskUndo
        | Message::ConfirmUndo
        | Message::EditField
        | Message::Campaign(_) => focused(app, message),
    }
}

/// A Segments message; `Reload` reads the fields again first.
fn segments_message(app: &mut App, m: SegmentsMsg) -> Vec<Request> {
    let mut requests = Vec::new();
    if matches!(m, SegmentsMsg::Reload) {
        let generation = app.ctx.next_generation();
        app.fields.pending = Some(generation);
        requests.push(Request::LoadFields { generation });
    }
    requests.extend(segments(app, |u| segments_update::update(u, m)));
    requests
}

/// A review arriving may change the campaign shown, which the Export screen's
/// directory follows. An unlock changes the stored campaign, which is read again.
fn review(app: &mut App, m: ReviewMsg) -> Vec<Request> {
    let arrives = matches!(&m, ReviewMsg::Reviewed { generation, result: Ok(_) }
        if app.review.pending == Some(*generation));
    // A review that arrives or fails ends the wait the Export screen's "still running"
    // answer spoke of.
    let ended = matches!(&m, ReviewMsg::Reviewed { generation, .. }
        if app.review.pending == Some(*generation));
    let unlocked = matches!(&m, ReviewMsg::Unlocked { generation, result: Ok(_) }
        if app.review.unlock.as_ref().is_some_and(|d| d.pending == Some(*generation)));
    let mut requests = in_review(app, |u| review_update::update(u, m));
    if ended {
        export_update::review_ended(&mut app.export);
    }
    if arrives {
        in_export(app, export_update::campaign_changed);
    }
    if unlocked {
        // The stored campaign now holds the unlock: read it again, or the Messages
        // screen checks (and saves) its older copy without it, and an entry for a
        // segment using the field is refused.
        requests.extend(campaign::load_names(app));
    }
    requests
}

/// Show `screen` and ask for what it needs. With a popup open, the screen changes
/// below it without loading anything (but the Segments screen always loads).
fn switch(app: &mut App, screen: Screen) -> Vec<Request> {
    if matches!(
        screen,
        Screen::Suppression | Screen::Audit | Screen::Contact
    ) {
        app.screen = screen;
        return records::entered(app);
    }
    if screen == Screen::Segments {
        app.screen = screen;
        return segments(app, segments_update::load);
    }
    if app.popup.is_some() {
        app.screen = screen;
        return Vec::new();
    }
    campaign::switch(app, screen)
}

/// The terminal's new size: every table keeps its selection in view.
fn resize(app: &mut App, width: u16, height: u16) -> Vec<Request> {
    let size = ratatui::layout::Rect::new(0, 0, width, height);
    if app.screen == Screen::Segments && app.popup.is_none() {
        segments_nav::resized(&mut app.segments, size);
    }
    campaign::resized(app, size);
    app.ctx.size = size;
    let view = layout::visible_rows(size);
    in_browse(app, |b| browse::resized(b, view))
}

/// An intent to whatever has the focus: the open popup, else the screen showing; what
/// neither takes goes to [`global`].
fn focused(app: &mut App, message: Message) -> Vec<Request> {
    let taken = match app.popup {
        Some(popup) => popup_message(app, popup, &message),
        None => screen_message(app, &message),
    };
    taken.unwrap_or_else(|| global(app, message))
}

/// Intents the showing screen takes for itself (no popup is open). `None` leaves the
/// message to [`global`].
fn screen_message(app: &mut App, message: &Message) -> Option<Vec<Request>> {
    let own = match app.screen {
        Screen::Segments => segments_nav::intercept(&mut app.segments, app.ctx.size, message),
        Screen::Review => in_review(app, |u| review_update::intercept(u, message)),
        Screen::Export => in_export(app, |u| export_update::intercept(u, message)),
        Screen::Suppression | Screen::Audit | Screen::Contact => {
            records::screen_message(app, message)
        }
        Screen::Import | Screen::Fields | Screen::Messages | Screen::Preview => None,
    };
    // The campaign screens' intents, and the picker and refresh every screen has.
    own.or_else(|| campaign::message(app, message))
}

/// Intents the open popup takes for itself: moving and confirming inside a dialog.
/// `None` when the message is not the popup's (it then goes to [`global`]).
fn popup_message(app: &mut App, popup: Popup, message: &Message) -> Option<Vec<Request>> {
    let delta: isize = match message {
        Message::ScrollDown => 1,
        Message::ScrollUp => -1,
        Message::PageDown => 10,
        Message::PageUp => -10,
        _ => 0,
    };
    match popup {
        Popup::Help if delta != 0 => {
            let last = super::popup::help_pages(app) - 1;
            app.help_page = app
                .help_page
                .saturating_add_signed(delta.signum())
                .min(last);
            Some(Vec::new())
        }
        Popup::Help | Popup::ConfirmQuit | Popup::ConfirmUndo => None,
        Popup::ImportOptions => in_import(app, |u| import::options_message(u, message, delta)),
        Popup::FieldEdit => {
            let taken = field_edit::dialog_message(&mut app.fields, &mut app.ctx, message, delta);
            if taken.is_some() && app.fields.edit.is_none() {
                app.popup = None;
            }
            taken
        }
        Popup::CampaignPicker
        | Popup::MergeFields
        | Popup::Explanation
        | Popup::NewCampaign
        | Popup::AddEntry
        | Popup::ConfirmDeleteCampaign
        | Popup::CampaignSettings => campaign::popup_message(app, popup, message),
    }
}

/// The intents no popup or screen took: the ones every screen has, and the Import and
/// Fields screens' (which have no message type of their own yet).
fn global(app: &mut App, message: Message) -> Vec<Request> {
    let view = layout::visible_rows(app.ctx.size);
    match message {
        Message::ShowHelp => {
            // Read now: the message may expire while the help is open.
            app.help_message = super::view::cut_status_message(app);
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
        Message::OpenContacts => in_browse(app, browse::open_contacts),
        Message::CloseContacts => {
            app.fields.view = FieldsView::List;
            Vec::new()
        }
        Message::EditPath
        | Message::StartPath(_)
        | Message::StopEditing
        | Message::CompletePath
        | Message::DetectImport
        | Message::OpenImportOptions
        | Message::RunImport
        | Message::ToggleBatches
        | Message::AskUndo
        | Message::ConfirmUndo => in_import(app, |u| import::update(u, message)),
        Message::Edit(edit) => {
            if app.screen == Screen::Import && app.import.editing {
                app.import.path.apply(&edit);
                app.import.completion = None;
            }
            Vec::new()
        }
        Message::EditField => {
            if app.screen == Screen::Fields && field_edit::open(&mut app.fields) {
                app.popup = Some(Popup::FieldEdit);
            }
            Vec::new()
        }
        Message::ScrollDown if app.screen == Screen::Import => {
            in_import(app, |u| import::scroll(u, 1))
        }
        Message::ScrollUp if app.screen == Screen::Import => {
            in_import(app, |u| import::scroll(u, -1))
        }
        Message::PageDown if app.screen == Screen::Import => {
            in_import(app, |u| import::scroll(u, view as isize))
        }
        Message::PageUp if app.screen == Screen::Import => {
            in_import(app, |u| import::scroll(u, -(view as isize)))
        }
        Message::ScrollToTop if app.screen == Screen::Import => {
            in_import(app, |u| import::scroll(u, isize::MIN))
        }
        Message::ScrollToBottom if app.screen == Screen::Import => {
            in_import(app, |u| import::scroll(u, isize::MAX))
        }
        Message::ScrollDown => in_browse(app, |b| browse::scroll(b, 1, view)),
        Message::ScrollUp => in_browse(app, |b| browse::scroll(b, -1, view)),
        Message::PageDown => in_browse(app, |b| browse::scroll(b, view as isize, view)),
        Message::PageUp => in_browse(app, |b| browse::scroll(b, -(view as isize), view)),
        Message::ScrollToTop => in_browse(app, |b| browse::jump(b, PageAnchor::First, view)),
        Message::ScrollToBottom => in_browse(app, |b| browse::jump(b, PageAnchor::Last, view)),
        Message::ScrollLeft => in_browse(app, |b| browse::scroll_columns(b, -1)),
        Message::ScrollRight => in_browse(app, |b| browse::scroll_columns(b, 1)),
        Message::SelectRow(line) => {
            in_browse(app, |b| browse::select_line(b, usize::from(line), view))
        }
        // Taken by a dialog or a campaign screen when they apply; nothing otherwise.
        Message::Submit | Message::SwitchFocus | Message::ChangeValue(_) | Message::Campaign(_) => {
            Vec::new()
        }
        // Routed by `update` before anything has the focus.
        Message::Tick
        | Message::Resize { .. }
        | Message::SwitchScreen(_)
        | Message::NextScreen
        | Message::PreviousScreen
        | Message::PathCompleted { .. }
        | Message::ImportDetected { .. }
        | Message::ImportProgressed { .. }
        | Message::ImportFinished { .. }
        | Message::BatchesLoaded { .. }
        | Message::UndoFinished { .. }
        | Message::FieldChanged { .. }
        | Message::FieldsLoaded { .. }
        | Message::PageLoaded { .. }
        | Message::CountFinished { .. }
        | Message::CampaignsLoaded { .. }
        | Message::CampaignLoaded { .. }
        | Message::CampaignSaved { .. }
        | Message::CampaignChanged { .. }
        | Message::SettingsSaved { .. }
        | Message::SampleLoaded { .. }
        | Message::CoverageFinished { .. }
        | Message::PreviewProgressed { .. }
        | Message::PreviewFinished { .. }
        | Message::PreviewPageLoaded { .. }
        | Message::PreviewCounted { .. }
        | Message::Explained { .. }
        | Message::Segments(_)
        | Message::Review(_)
        | Message::Export(_)
        | Message::Suppression(_)
        | Message::Audit(_)
        | Message::Contact(_) => Vec::new(),
    }
}

/// Reload the fields and the count (after a change to the workspace, or on `r`).
pub(crate) fn refresh(app: &mut App) -> Vec<Request> {
    field_edit::refresh(&mut app.fields, &mut app.contacts, &mut app.ctx)
}
