//! `update` for the campaign settings dialog: open it on the current campaign, move
//! between rows, type or choose values, save through `Job::SetCampaign` and take the
//! reply.
//!
//! The dialog's state is `form` (`None` while closed); `tui::update` shows its popup
//! while the form is there and reads the campaign again after a save.

use super::SettingsForm;
use crate::campaign::Campaign;
use crate::tui::context::Context;
use crate::tui::message::{Job, Message, Request};
use crate::tui::widgets::text_input::TextEdit;

/// `S` on the Messages screen: open the dialog on the current campaign. Refused while
/// its messages have unsaved edits (`dirty`; a new channel is checked against the
/// saved ones). True when the dialog opened.
pub fn open(
    form: &mut Option<SettingsForm>,
    ctx: &mut Context,
    current: Option<&Campaign>,
    dirty: bool,
) -> bool {
    let Some(c) = current else {
        ctx.error = Some("no campaign yet: press n to create one".into());
        return false;
    };
    if dirty {
        ctx.error = Some(
            "the messages have unsaved edits: save them (Ctrl+S) or discard them (u) first".into(),
        );
        return false;
    }
    *form = Some(SettingsForm::new(c));
    true
}

/// Keys while the dialog is open; `None` for messages it does not take. Closing it
/// leaves `form` empty.
pub fn popup(
    settings: &mut Option<SettingsForm>,
    ctx: &mut Context,
    message: &Message,
) -> Option<Vec<Request>> {
    let Some(form) = settings.as_mut() else {
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
        Message::ClosePopup => *settings = None,
        Message::Submit => {
            let settings = match form.settings() {
                Ok(s) => s,
                Err(e) => {
                    form.error = Some(e);
                    return Some(Vec::new());
                }
            };
            let name = form.campaign.clone();
            let generation = ctx.next_generation();
            form.pending = Some(generation);
            let job = Job::SetCampaign {
                name,
                settings: Box::new(settings),
                as_of: ctx.as_of,
            };
            return Some(vec![Request::Write { generation, job }]);
        }
        _ => return None,
    }
    Some(Vec::new())
}

/// The reply to a save: close the dialog and say what the campaign is now, or show why
/// the core refused. Returns the saved campaign, which `tui::update` reads again (so
/// every screen works on the new settings).
pub fn saved<'c>(
    settings: &mut Option<SettingsForm>,
    ctx: &mut Context,
    generation: u64,
    result: &'c Result<Box<Campaign>, String>,
) -> Option<&'c Campaign> {
    let form = settings.as_mut()?;
    if form.pending != Some(generation) {
        return None;
    }
    form.pending = None;
    match result {
        Err(e) => {
            form.error = Some(format!("Not saved: {e}"));
            None
        }
        Ok(c) => {
            *settings = None;
            ctx.error = None;
            ctx.notice = Some(format!(
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
            Some(c)
        }
    }
}
