//! `update` for changing a campaign on the Messages screen: removing (`x`) and
//! reordering (`K`/`J`) entries, discarding unsaved edits (`u`), renaming (`R`, in the
//! new-campaign dialog) and deleting (`D`, after a question) the campaign. Each says
//! in the status line what it did. Entry changes edit the draft and save
//! it through the core (`Job::SaveCampaign`); rename and delete are the core's use
//! cases (`campaign::edit`), and the reply asks `tui::update` to read the
//! campaign list again.

use super::update::{PopupChange, Update};
use super::update::{entered, rechecked, save, sync_unsaved};
use crate::tui::message::CampaignMsg;
use crate::tui::message::{Job, Message, Request};
use crate::tui::screens::messages::NewCampaign;

/// The entry-list intents of this module; `None` for other messages.
pub(crate) fn screen_message(u: &mut Update<'_>, message: &Message) -> Option<Vec<Request>> {
    match message {
        Message::Campaign(CampaignMsg::RemoveEntry) => Some(change_entries(u, |entries, i| {
            let removed = entries.remove(i);
            let note = format!("removed entry {} (segment {})", i + 1, removed.segment);
            Ok((i.min(entries.len().saturating_sub(1)), note))
        })),
        Message::Campaign(CampaignMsg::MoveEntry { up }) => {
            let up = *up;
            Some(change_entries(u, move |entries, i| {
                let (j, way) = match up {
                    true if i == 0 => return Err(format!("entry {} is already the first", i + 1)),
                    true => (i - 1, "up"),
                    false if i + 1 >= entries.len() => {
                        return Err(format!("entry {} is already the last", i + 1));
                    }
                    false => (i + 1, "down"),
                };
                entries.swap(i, j);
                let segment = &entries[j].segment;
                let note = format!(
                    "moved entry {} (segment {segment}) {way} to {}",
                    i + 1,
                    j + 1
                );
                Ok((j, note))
            }))
        }
        Message::Campaign(CampaignMsg::RenameCampaign)
        | Message::Campaign(CampaignMsg::AskDeleteCampaign) => {
            let Some(name) = u.current_name().map(str::to_string) else {
                u.ctx.error = Some("no campaign yet: press n to create one".into());
                return Some(Vec::new());
            };
            if u.messages.is_dirty(u.current.as_ref()) {
                u.ctx.error = Some(
                    "the messages have unsaved edits: save them (Ctrl+S) or discard them (u) first"
                        .into(),
                );
                return Some(Vec::new());
            }
            if *message == Message::Campaign(CampaignMsg::RenameCampaign) {
                let mut input = crate::tui::widgets::text_input::TextInput::default();
                input.apply(&crate::tui::widgets::text_input::TextEdit::Paste(
                    name.clone(),
                ));
                u.messages.create = Some(NewCampaign {
                    name: input,
                    channel: u
                        .messages
                        .draft
                        .as_ref()
                        .map_or(crate::fields::Channel::Email, |c| c.channel),
                    error: None,
                    renaming: Some(name),
                });
                u.popup = Some(PopupChange::NewCampaign);
            } else {
                u.popup = Some(PopupChange::ConfirmDeleteCampaign);
            }
            Some(Vec::new())
        }
        _ => None,
    }
}

/// Keys while "Delete campaign?" is open.
pub(crate) fn confirm_delete(u: &mut Update<'_>, message: &Message) -> Option<Vec<Request>> {
    match message {
        Message::Campaign(CampaignMsg::ConfirmDeleteCampaign) => {
            u.popup = Some(PopupChange::Close);
            let Some(name) = u.current_name().map(str::to_string) else {
                return Some(Vec::new());
            };
            let generation = u.ctx.next_generation();
            u.messages.pending_change = Some(generation);
            Some(vec![Request::Write {
                generation,
                job: Job::DeleteCampaign(name),
            }])
        }
        Message::ClosePopup => {
            u.popup = Some(PopupChange::Close);
            Some(Vec::new())
        }
        _ => None,
    }
}

/// The reply to a rename or delete: say what happened and read the campaigns again
/// (the renamed one stays current; after a delete the first one is).
pub(crate) fn changed(
    u: &mut Update<'_>,
    generation: u64,
    result: &Result<Option<String>, String>,
) -> Vec<Request> {
    if u.messages.pending_change != Some(generation) {
        return Vec::new();
    }
    u.messages.pending_change = None;
    match result {
        Ok(renamed) => {
            let old = u.current_name().unwrap_or_default().to_string();
            u.ctx.notice = Some(match renamed {
                Some(new) => format!(
                    "renamed campaign `{old}` to `{new}`: review and sign it off again before exporting"
                ),
                None => format!("deleted campaign `{old}`; its segments stay"),
            });
            u.ctx.error = None;
            u.messages.create = None;
            u.popup = Some(PopupChange::Close);
            u.campaign_changed = true;
            match renamed {
                Some(new) => {
                    if let Some(c) = u.current.as_mut() {
                        c.name = new.clone();
                    }
                    if let Some(d) = u.messages.draft.as_mut() {
                        d.name = new.clone();
                    }
                }
                None => {
                    *u.current = None;
                    *u.messages = Default::default();
                }
            }
            sync_unsaved(u);
            u.reload_names = true;
            Vec::new()
        }
        Err(e) => {
            match u.messages.create.as_mut() {
                Some(d) => d.error = Some(format!("Not renamed: {e}")),
                None => u.ctx.error = Some(format!("Not deleted: {e}")),
            }
            Vec::new()
        }
    }
}

/// Apply `change` to the draft's entries at the selected one, then save. `change`
/// returns where the selection goes and what it did ("removed entry 3 (segment vip)"),
/// which the status line says once the save went through; or, when nothing changed (a
/// move past either end), why.
fn change_entries(
    u: &mut Update<'_>,
    change: impl FnOnce(&mut Vec<crate::campaign::Entry>, usize) -> Result<(usize, String), String>,
) -> Vec<Request> {
    let m = &mut u.messages;
    m.store_editors();
    // Saving the change saves the message edits with it: say so.
    let had_edits = m.is_dirty(u.current.as_ref());
    let selected = m.selected;
    let Some(draft) = m.draft.as_mut() else {
        u.ctx.error = Some("no campaign yet: press n to create one".into());
        return Vec::new();
    };
    if selected >= draft.entries.len() {
        u.ctx.error = Some("no entry selected: press a to add one".into());
        return Vec::new();
    }
    let name = draft.name.clone();
    let (next, did) = match change(&mut draft.entries, selected) {
        Ok(done) => done,
        Err(why) => {
            u.ctx.notice = Some(why);
            return Vec::new();
        }
    };
    m.selected = next;
    m.load_editors();
    let mut requests = save(u);
    if let Some(generation) = u.messages.pending_save {
        let edits = if had_edits {
            " with the message edits"
        } else {
            ""
        };
        let note = format!("campaign `{name}`: {did}; saved{edits}");
        u.messages.save_note = Some((generation, note));
    }
    sync_unsaved(u);
    requests.extend(rechecked(u));
    requests
}

/// `u`: drop the message edits not saved, saying which entries' edits went, or that
/// there were none.
pub(crate) fn discard(u: &mut Update<'_>) -> Vec<Request> {
    u.messages.store_editors();
    let (Some(saved), Some(draft)) = (u.current.clone(), u.messages.draft.as_ref()) else {
        u.ctx.notice = Some("no campaign: nothing to discard".into());
        return Vec::new();
    };
    if !u.messages.is_dirty(Some(&saved)) {
        u.ctx.notice = Some(format!(
            "nothing to discard: the messages of campaign `{}` are as saved",
            saved.name
        ));
        return Vec::new();
    }
    u.ctx.notice = Some(format!(
        "discarded {} of campaign `{}`",
        discarded(&saved, draft),
        saved.name
    ));
    u.messages.set_campaign(saved);
    sync_unsaved(u);
    let mut requests = rechecked(u);
    requests.extend(entered(u));
    requests
}

/// Which edits `draft` holds over `saved`: "the edits to entry 1 (segment Gold)", or
/// to several entries, or "the unsaved edits" when the entries no longer line up.
fn discarded(saved: &crate::campaign::Campaign, draft: &crate::campaign::Campaign) -> String {
    if saved.entries.len() != draft.entries.len() {
        return "the unsaved edits".to_string();
    }
    let changed: Vec<String> = saved
        .entries
        .iter()
        .zip(&draft.entries)
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, (a, _))| format!("entry {} (segment {})", i + 1, a.segment))
        .collect();
    match changed.as_slice() {
        [] => "the unsaved edits".to_string(),
        [one] => format!("the edits to {one}"),
        [rest @ .., last] => format!("the edits to {} and {last}", rest.join(", ")),
    }
}
