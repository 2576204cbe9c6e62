//! `update` for the campaign screens (Messages, Preview; entering Review and Export)
//! and the campaign picker: which messages are theirs, the picker, and what happens
//! when a campaign arrives or one of these screens is entered.
//!
//! `update` routes here the campaign replies ([`reply`]), screen switches ([`switch`]),
//! the campaign popups' intents ([`popup_message`]) and, while no popup is open, the
//! intents the screen showing did not take ([`message`]), which returns `None` for
//! anything that is not the campaign screens' business.

use chrono::NaiveDate;

use crate::campaign::Campaign;
use crate::tui::app::{App, Popup};
use crate::tui::message::{Message, Request, Screen};
use crate::tui::screens::campaign_settings::update as settings;
use crate::tui::screens::messages::{
    edit_update as campaign_edit, new_update as campaign_new, update as messages,
};
use crate::tui::screens::preview::update as preview;
use crate::tui::screens::review::update as review_update;
use crate::tui::screens::segments::update as segments_update;

/// The as-of date a campaign runs at in the TUI: the global `--as-of` when given (it
/// wins, as in the CLI), else the campaign's own, else today.
pub fn as_of(app: &App, c: &Campaign) -> NaiveDate {
    app.as_of
        .unwrap_or_else(|| c.as_of_or(chrono::Local::now().date_naive()))
}

/// Handle an intent for a campaign popup, `popup`, the one open. `None` when the popup
/// does not take it.
pub(crate) fn popup_message(
    app: &mut App,
    popup: Popup,
    message: &Message,
) -> Option<Vec<Request>> {
    match popup {
        Popup::CampaignPicker => picker_message(app, message),
        Popup::MergeFields => messages::merge_popup(app, message),
        Popup::Explanation => preview::explanation_popup(app, message),
        Popup::NewCampaign => campaign_new::new_popup(app, message),
        Popup::AddEntry => campaign_new::add_popup(app, message),
        Popup::ConfirmDeleteCampaign => campaign_edit::confirm_delete(app, message),
        Popup::CampaignSettings => settings::popup(app, message),
        Popup::Help
        | Popup::ConfirmQuit
        | Popup::ImportOptions
        | Popup::ConfirmUndo
        | Popup::FieldEdit => None,
    }
}

/// Handle an intent (no popup open) if it belongs to the campaign screens, or is the
/// picker or a refresh, which every screen has.
pub(crate) fn message(app: &mut App, message: &Message) -> Option<Vec<Request>> {
    match message {
        Message::OpenCampaignPicker => {
            let c = &mut app.campaigns;
            c.selected = c
                .current_name()
                .and_then(|n| c.names.iter().position(|x| x == n))
                .unwrap_or(0);
            app.popup = Some(Popup::CampaignPicker);
            Some(load_names(app))
        }
        Message::Refresh => {
            // A refresh reruns the preview: the audience may have changed underneath.
            app.preview.computed_for = None;
            let mut requests = super::refresh(app);
            requests.extend(load_names(app));
            Some(requests)
        }
        Message::OpenSettings if app.screen == Screen::Messages => Some(settings::open(app)),
        Message::NewCampaign if app.screen == Screen::Messages => campaign_new::open(app, message),
        Message::AddEntry if app.screen == Screen::Messages => {
            campaign_new::open(app, message).map(|mut requests| {
                // The add-entry list shows the saved segments, which the Segments
                // screen reads.
                if app.popup == Some(Popup::AddEntry) {
                    requests.extend(segments_update::read_list(app));
                }
                requests
            })
        }
        Message::RemoveEntry
        | Message::MoveEntry { .. }
        | Message::RenameCampaign
        | Message::AskDeleteCampaign
            if app.screen == Screen::Messages =>
        {
            campaign_edit::screen_message(app, message)
        }
        _ if app.screen == Screen::Messages => messages::screen_message(app, message),
        _ if app.screen == Screen::Preview => preview::screen_message(app, message),
        _ => None,
    }
}

/// A reply for the campaign screens, applied whatever popup is open (`update` routes
/// only these here; anything else changes nothing).
pub(crate) fn reply(app: &mut App, message: &Message) -> Vec<Request> {
    match message {
        Message::CampaignsLoaded { generation, result } => {
            names_loaded(app, *generation, result.clone())
        }
        Message::CampaignLoaded { generation, result } => {
            if app.campaigns.pending_load != Some(*generation) {
                return Vec::new();
            }
            app.campaigns.pending_load = None;
            match result {
                Ok(c) => campaign_loaded(app, (**c).clone()),
                Err(e) => {
                    app.error = Some(e.clone());
                    Vec::new()
                }
            }
        }
        Message::CampaignChanged { generation, result } => {
            campaign_edit::changed(app, *generation, result)
        }
        Message::SettingsSaved { generation, result } => settings::saved(app, *generation, result),
        Message::CampaignSaved { .. }
        | Message::SampleLoaded { .. }
        | Message::CoverageFinished { .. } => messages::reply(app, message),
        Message::PreviewProgressed { .. }
        | Message::PreviewFinished { .. }
        | Message::PreviewPageLoaded { .. }
        | Message::PreviewCounted { .. }
        | Message::Explained { .. } => preview::reply(app, message),
        _ => Vec::new(),
    }
}

/// The campaign screens' part of a resize: the preview table keeps its selection in
/// view at `size`.
pub(crate) fn resized(app: &mut App, size: ratatui::layout::Rect) {
    let view = crate::tui::screens::preview::view::visible_rows(size);
    app.preview.table.keep_visible(view);
}

/// Show `screen` (no popup open) and ask for what it needs ([`entered`]).
pub(crate) fn switch(app: &mut App, screen: Screen) -> Vec<Request> {
    app.screen = screen;
    entered(app)
}

/// Work a screen needs when it shows: the campaign list if none was read yet, the
/// sample contact on Messages, a preview on Preview when the one stored is not of the
/// campaign as edited now, a review of the current campaign on Review and Export (so
/// picking a campaign there reviews it).
pub(crate) fn entered(app: &mut App) -> Vec<Request> {
    let campaign_screen = matches!(
        app.screen,
        Screen::Messages | Screen::Preview | Screen::Review | Screen::Export
    );
    if campaign_screen && !app.campaigns.loaded && app.campaigns.pending_names.is_none() {
        return load_names(app);
    }
    match app.screen {
        Screen::Messages => messages::entered(app),
        Screen::Preview => preview::entered(app),
        // Reviewed once the shared campaign is here: `campaign_loaded` comes back.
        Screen::Review | Screen::Export if app.campaigns.pending_load.is_none() => {
            review_update::run(app)
        }
        _ => Vec::new(),
    }
}

pub(crate) fn load_names(app: &mut App) -> Vec<Request> {
    let generation = app.next_generation();
    app.campaigns.pending_names = Some(generation);
    vec![Request::LoadCampaigns { generation }]
}

fn load_campaign(app: &mut App, name: String) -> Vec<Request> {
    let generation = app.next_generation();
    app.campaigns.pending_load = Some(generation);
    vec![Request::LoadCampaign { generation, name }]
}

fn names_loaded(
    app: &mut App,
    generation: u64,
    result: Result<Vec<String>, String>,
) -> Vec<Request> {
    if app.campaigns.pending_names != Some(generation) {
        return Vec::new();
    }
    app.campaigns.pending_names = None;
    let names = match result {
        Ok(names) => names,
        Err(e) => {
            app.error = Some(e);
            return Vec::new();
        }
    };
    let c = &mut app.campaigns;
    c.loaded = true;
    c.names = names;
    c.selected = c.selected.min(c.names.len().saturating_sub(1));
    // Reload the current campaign (it may have changed on disk), or the first one.
    let name = match c.current_name() {
        Some(n) if c.names.iter().any(|x| x == n) => Some(n.to_string()),
        _ => c.names.first().cloned(),
    };
    match name {
        Some(name) => load_campaign(app, name),
        None => {
            app.campaigns.current = None;
            app.messages = Default::default();
            messages::sync_unsaved(app);
            // Review and Export then say there is no campaign.
            if matches!(app.screen, Screen::Review | Screen::Export) {
                review_update::run(app)
            } else {
                Vec::new()
            }
        }
    }
}

/// A campaign arrived from the workspace: it becomes the current one. Unsaved edits of
/// the same campaign are kept; otherwise the Messages screen starts over on it.
fn campaign_loaded(app: &mut App, c: Campaign) -> Vec<Request> {
    let keep_edits = app.messages.is_dirty(app.campaigns.current.as_ref())
        && app.messages.draft.as_ref().map(|d| d.name.as_str()) == Some(c.name.as_str());
    app.campaigns.current = Some(c.clone());
    if !keep_edits {
        app.messages.set_campaign(c);
    }
    messages::sync_unsaved(app);
    let mut requests = messages::rechecked(app);
    requests.extend(entered(app));
    requests
}

fn picker_message(app: &mut App, message: &Message) -> Option<Vec<Request>> {
    let c = &mut app.campaigns;
    let last = c.names.len().saturating_sub(1);
    match message {
        Message::ScrollDown => c.selected = (c.selected + 1).min(last),
        Message::ScrollUp => c.selected = c.selected.saturating_sub(1),
        Message::Submit => {
            app.popup = None;
            let Some(name) = app.campaigns.names.get(app.campaigns.selected).cloned() else {
                return Some(Vec::new());
            };
            if app.campaigns.current_name() == Some(name.as_str()) {
                return Some(Vec::new());
            }
            if app.messages.is_dirty(app.campaigns.current.as_ref()) {
                app.error = Some(
                    "the messages have unsaved edits: save them (Ctrl+S) or discard them (u) before choosing another campaign"
                        .into(),
                );
                return Some(Vec::new());
            }
            app.preview.computed_for = None;
            return Some(load_campaign(app, name));
        }
        _ => return None,
    }
    Some(Vec::new())
}
