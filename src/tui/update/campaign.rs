//! `update` for the campaign screens (Messages, Preview; entering Review and Export)
//! and the campaign picker: which messages are theirs, the picker, and what happens
//! when a campaign arrives or one of these screens is entered.
//!
//! `update` routes here the campaign replies ([`reply`]), screen switches ([`switch`]),
//! the campaign popups' intents ([`popup_message`]) and, while no popup is open, the
//! intents the screen showing did not take ([`message`]), which returns `None` for
//! anything that is not the campaign screens' business.

use crate::campaign::Campaign;
use crate::tui::app::{App, Popup};
use crate::tui::message::CampaignMsg;
use crate::tui::message::{Message, Request, Screen};
use crate::tui::screens::campaign_settings::update as settings;
use crate::tui::screens::messages::{
    edit_update as campaign_edit, merge_popup, new_update as campaign_new, update as messages,
};
use crate::tui::screens::preview::update as preview;
use crate::tui::screens::review::update as review_update;
use crate::tui::screens::segments::update as segments_update;

/// Run `f` on the Preview screen with the shared context and the campaign as edited
/// on the Messages screen; show the explanation popup when one arrived.
fn in_preview<R>(app: &mut App, f: impl FnOnce(&mut preview::Update<'_>) -> R) -> R {
    let mut u = preview::Update {
        preview: &mut app.preview,
        ctx: &mut app.ctx,
        draft: app.messages.draft.as_ref(),
        explained: false,
    };
    let result = f(&mut u);
    if u.explained {
        app.popup = Some(Popup::Explanation);
    }
    result
}

/// What a Messages update returns, to which [`in_messages`] adds the requests of what
/// the screen asked of the others.
trait Requests {
    fn add(&mut self, more: Vec<Request>);
}

impl Requests for Vec<Request> {
    fn add(&mut self, more: Vec<Request>) {
        self.extend(more);
    }
}

/// `None`: the screen did not take the message, so asked nothing.
impl Requests for Option<Vec<Request>> {
    fn add(&mut self, more: Vec<Request>) {
        if let Some(requests) = self {
            requests.extend(more);
        }
    }
}

/// Run `f` on the Messages screen with the shared context and what it reads and
/// changes elsewhere (the fields, the saved segments, the current campaign and the
/// campaign names); then act on what it asked of the others: show or close a popup,
/// drop the Preview screen's result of an older campaign, read the campaign list again.
fn in_messages<R: Requests>(app: &mut App, f: impl FnOnce(&mut messages::Update<'_>) -> R) -> R {
    let mut u = messages::Update {
        messages: &mut app.messages,
        ctx: &mut app.ctx,
        fields: &app.fields.fields,
        segments: &app.segments.segments,
        current: &mut app.campaigns.current,
        names: &app.campaigns.names,
        popup: None,
        campaign_changed: false,
        reload_names: false,
    };
    let mut result = f(&mut u);
    let (popup, changed, reload) = (u.popup, u.campaign_changed, u.reload_names);
    match popup {
        Some(messages::PopupChange::MergeFields) => app.popup = Some(Popup::MergeFields),
        Some(messages::PopupChange::NewCampaign) => app.popup = Some(Popup::NewCampaign),
        Some(messages::PopupChange::AddEntry) => app.popup = Some(Popup::AddEntry),
        Some(messages::PopupChange::ConfirmDeleteCampaign) => {
            app.popup = Some(Popup::ConfirmDeleteCampaign)
        }
        Some(messages::PopupChange::Close) => app.popup = None,
        None => {}
    }
    if changed {
        app.preview.computed_for = None;
    }
    if reload {
        result.add(load_names(app));
    }
    result
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
        Popup::MergeFields => in_messages(app, |u| merge_popup::merge_popup(u, message)),
        Popup::Explanation => preview::explanation_popup(&mut app.preview, message),
        Popup::NewCampaign => in_messages(app, |u| campaign_new::new_popup(u, message)),
        Popup::AddEntry => in_messages(app, |u| campaign_new::add_popup(u, message)),
        Popup::ConfirmDeleteCampaign => {
            in_messages(app, |u| campaign_edit::confirm_delete(u, message))
        }
        Popup::CampaignSettings => {
            let requests = settings::popup(&mut app.settings, &mut app.ctx, message);
            if app.settings.is_none() {
                app.popup = None;
            }
            requests
        }
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
        Message::Campaign(CampaignMsg::OpenCampaignPicker) => {
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
        Message::Campaign(CampaignMsg::OpenSettings) if app.screen == Screen::Messages => {
            let current = app.campaigns.current.as_ref();
            let dirty = app.messages.is_dirty(current);
            if settings::open(&mut app.settings, &mut app.ctx, current, dirty) {
                app.popup = Some(Popup::CampaignSettings);
            }
            Some(Vec::new())
        }
        Message::Campaign(CampaignMsg::NewCampaign) if app.screen == Screen::Messages => {
            in_messages(app, |u| campaign_new::open(u, message))
        }
        Message::Campaign(CampaignMsg::AddEntry) if app.screen == Screen::Messages => {
            in_messages(app, |u| campaign_new::open(u, message)).map(|mut requests| {
                // The add-entry list shows the saved segments, which the Segments
                // screen reads.
                if app.popup == Some(Popup::AddEntry) {
                    requests.extend(super::parts::segments(app, segments_update::read_list));
                }
                requests
            })
        }
        Message::Campaign(CampaignMsg::RemoveEntry)
        | Message::Campaign(CampaignMsg::MoveEntry { .. })
        | Message::Campaign(CampaignMsg::RenameCampaign)
        | Message::Campaign(CampaignMsg::AskDeleteCampaign)
            if app.screen == Screen::Messages =>
        {
            in_messages(app, |u| campaign_edit::screen_message(u, message))
        }
        _ if app.screen == Screen::Messages => {
            in_messages(app, |u| messages::screen_message(u, message))
        }
        _ if app.screen == Screen::Preview => {
            in_preview(app, |u| preview::screen_message(u, message))
        }
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
                    app.ctx.error = Some(e.clone());
                    Vec::new()
                }
            }
        }
        Message::CampaignChanged { generation, result } => {
            in_messages(app, |u| campaign_edit::changed(u, *generation, result))
        }
        Message::SettingsSaved { generation, result } => {
            match settings::saved(&mut app.settings, &mut app.ctx, *generation, result) {
                // The campaign changed: every screen works on it as read again.
                Some(c) => {
                    app.popup = None;
                    app.preview.computed_for = None;
                    load_campaign(app, c.name.clone())
                }
                None => Vec::new(),
            }
        }
        Message::CampaignSaved { .. }
        | Message::SampleLoaded { .. }
        | Message::CoverageFinished { .. } => in_messages(app, |u| messages::reply(u, message)),
        Message::PreviewProgressed { .. }
        | Message::PreviewFinished { .. }
        | Message::PreviewPageLoaded { .. }
        | Message::PreviewCounted { .. }
        | Message::Explained { .. } => in_preview(app, |u| preview::reply(u, message)),
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
        Screen::Messages => in_messages(app, messages::entered),
        Screen::Preview => in_preview(app, preview::entered),
        // Reviewed once the shared campaign is here: `campaign_loaded` comes back.
        Screen::Review | Screen::Export if app.campaigns.pending_load.is_none() => {
            super::parts::in_review(app, review_update::run)
        }
        _ => Vec::new(),
    }
}

pub(crate) fn load_names(app: &mut App) -> Vec<Request> {
    let generation = app.ctx.next_generation();
    app.campaigns.pending_names = Some(generation);
    vec![Request::LoadCampaigns { generation }]
}

fn load_campaign(app: &mut App, name: String) -> Vec<Request> {
    let generation = app.ctx.next_generation();
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
            app.ctx.error = Some(e);
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
            in_messages(app, |u| {
                messages::sync_unsaved(u);
                Vec::new()
            });
            // Review and Export then say there is no campaign.
            if matches!(app.screen, Screen::Review | Screen::Export) {
                super::parts::in_review(app, review_update::run)
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
    // What a screen said about the campaign left ("Signed off by ...", "exported ...")
    // would read as if about this one, on whichever screen the switch was made.
    if app.campaigns.current_name() != Some(c.name.as_str()) {
        app.review.notice = None;
        app.export.outcome = None;
    }
    app.campaigns.current = Some(c.clone());
    if !keep_edits {
        app.messages.set_campaign(c);
    }
    let mut requests = in_messages(app, |u| {
        messages::sync_unsaved(u);
        messages::rechecked(u)
    });
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
                app.ctx.error = Some(
                    "the messages have unsaved edits: save them (Ctrl+S) or discard them (u) before choosing another campaign"
                        .into(),
                );
                return Some(Vec::new());
            }
            app.preview.computed_for = None;
            // What the status line said was about the campaign left ("created campaign
            // `temp`"): it would read as if about the one picked.
            app.ctx.notice = None;
            app.ctx.error = None;
            return Some(load_campaign(app, name));
        }
        _ => return None,
    }
    Some(Vec::new())
}
