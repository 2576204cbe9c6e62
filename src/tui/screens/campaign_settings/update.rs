//! `update` for the campaign settings dialog: open it on the current campaign, move
//! between rows, type or choose values, save through `Job::SetCampaign` and take the
//! reply.

use super::SettingsForm;
use crate::campaign::Campaign;
use crate::tui::app::{App, Popup};
use crate::tui::message::{Job, Message, Request};
use crate::tui::widgets::text_input::TextEdit;

/// `S` on the Messages screen: open the dialog on the current campaign. Refused while
/// its messages have unsaved edits (a new channel is checked against the saved ones).
pub fn open(app: &mut App) -> Vec<Request> {
    let Some(c) = app.campaigns.current.as_ref() else {
        app.error = Some("no campaign yet: press n to create one".into());
        return Vec::new();
    };
    if app.messages.is_dirty(Some(c)) {
        app.error = Some(
            "the messages have unsaved edits: save them (Ctrl+S) or discard them (u) first".into(),
        );
        return Vec::new();
    }
    app.settings = Some(SettingsForm::new(c));
    app.popup = Some(Popup::CampaignSettings);
    Vec::new()
}

/// Keys while the dialog is open; `None` for messages it does not take.
pub fn popup(app: &mut App, message: &Message) -> Option<Vec<Request>> {
    let Some(form) = app.settings.as_mut() else {
        app.popup = None;
        return Some(Vec::new());
    };
    let last = super::Row::ALL.len() - 1;
    match message {
        Message::ScrollDown => form.row = (form.row + 1).min(last),
        Message::ScrollUp => form.row = form.row.saturating_sub(1),
        Message::Edit(edit) if form.row().is_choice() => match edit {
            TextEdit::Left => form.cycle(-1),
            TextEdit::Right | TextEdit::Insert(' ') => form.cycle(1),
            _ => {}
        },
        Message::Edit(edit) => {
            if let Some(input) = form.input_mut() {
                input.apply(edit);
                form.error = None;
            }
        }
        Message::ClosePopup => {
            app.settings = None;
            app.popup = None;
        }
        Message::Submit => {
            let settings = match form.settings() {
                Ok(s) => s,
                Err(e) => {
                    form.error = Some(e);
                    return Some(Vec::new());
                }
            };
            let name = form.campaign.clone();
            let generation = app.next_generation();
            if let Some(form) = app.settings.as_mut() {
                form.pending = Some(generation);
            }
            let job = Job::SetCampaign {
                name,
                settings: Box::new(settings),
                as_of: app.as_of,
            };
            return Some(vec![Request::Write { generation, job }]);
        }
        _ => return None,
    }
    Some(Vec::new())
}

/// The reply to a save: close the dialog and read the campaign again (so every screen
/// works on the new settings), or show why the core refused.
pub fn saved(
    app: &mut App,
    generation: u64,
    result: &Result<Box<Campaign>, String>,
) -> Vec<Request> {
    let Some(form) = app.settings.as_mut() else {
        return Vec::new();
    };
    if form.pending != Some(generation) {
        return Vec::new();
    }
    form.pending = None;
    match result {
        Err(e) => {
            form.error = Some(format!("Not saved: {e}"));
            Vec::new()
        }
        Ok(c) => {
            app.settings = None;
            app.popup = None;
            app.error = None;
            app.notice = Some(format!(
                "campaign `{}`: {}, category {}, holdout {}%, k = {}, as of {}, minor age {}",
                c.name,
                c.channel,
                c.category,
                c.holdout_pct,
                c.k,
                c.as_of
                    .map_or_else(|| "today".to_string(), |d| d.to_string()),
                c.minor_age().describe()
            ));
            app.preview.computed_for = None;
            let generation = app.next_generation();
            app.campaigns.pending_load = Some(generation);
            vec![Request::LoadCampaign {
                generation,
                name: c.name.clone(),
            }]
        }
    }
}
