//! `update` for planning a campaign from scratch on the Messages screen: the
//! new-campaign dialog (`n`: name and channel) and the list of saved segments to add
//! an entry for (`a`). A new campaign is created by `Job::CreateCampaign`, an added
//! entry saved through the Messages screen's save path (`Job::SaveCampaign`); both
//! replies are handled in `messages::reply`. The dialog also renames (`R`, in
//! `campaign_edit`).

use super::new_dialogs::addable;
use super::update::{PopupChange, Update, rechecked, save, sync_unsaved};
use super::{Focus, NewCampaign, check_entry};
use crate::campaign::{Campaign, Entry};
use crate::fields::{Channel, Field};
use crate::tui::message::CampaignMsg;
use crate::tui::message::{Job, Message, Request};

/// `n` and `a` on the Messages screen's entry list; `None` for other messages.
pub(crate) fn open(u: &mut Update<'_>, message: &Message) -> Option<Vec<Request>> {
    match message {
        Message::Campaign(CampaignMsg::NewCampaign) => {
            if u.messages.is_dirty(u.current.as_ref()) {
                u.ctx.error = Some(
                    "the messages have unsaved edits: save them (Ctrl+S) or discard them (u) before creating a campaign"
                        .into(),
                );
                return Some(Vec::new());
            }
            u.messages.create = Some(NewCampaign {
                name: Default::default(),
                channel: Channel::Email,
                error: None,
                renaming: None,
            });
            u.popup = Some(PopupChange::NewCampaign);
            Some(Vec::new())
        }
        Message::Campaign(CampaignMsg::AddEntry) => {
            if u.messages.draft.is_none() {
                u.ctx.error = Some("no campaign yet: press n to create one".into());
                return Some(Vec::new());
            }
            u.messages.add_selected = 0;
            // The list shows the saved segments: `tui::update` has them read.
            u.popup = Some(PopupChange::AddEntry);
            Some(Vec::new())
        }
        _ => None,
    }
}

/// Keys while the new-campaign dialog is open.
pub(crate) fn new_popup(u: &mut Update<'_>, message: &Message) -> Option<Vec<Request>> {
    let Some(d) = u.messages.create.as_mut() else {
        u.popup = Some(PopupChange::Close);
        return Some(Vec::new());
    };
    match message {
        Message::Edit(edit) => {
            d.name.apply(edit);
            d.error = None;
        }
        Message::Campaign(CampaignMsg::ToggleChannel) if d.renaming.is_none() => {
            d.channel = match d.channel {
                Channel::Email => Channel::Sms,
                Channel::Sms => Channel::Email,
            };
        }
        Message::ClosePopup => {
            u.messages.create = None;
            u.popup = Some(PopupChange::Close);
        }
        Message::Submit => {
            let campaign = Campaign::new(d.name.value(), d.channel);
            // The name is checked here for a quick answer; whether it is taken is the
            // core's question, asked inside the write (`campaign::edit::create`).
            if let Err(e) = campaign.validate() {
                d.error = Some(e.to_string());
                return Some(Vec::new());
            }
            let renaming = d.renaming.clone();
            let generation = u.ctx.next_generation();
            let job = match renaming {
                Some(old) => {
                    u.messages.pending_change = Some(generation);
                    Job::RenameCampaign {
                        old,
                        new: campaign.name,
                    }
                }
                None => {
                    u.messages.pending_save = Some(generation);
                    Job::CreateCampaign(Box::new(campaign))
                }
            };
            return Some(vec![Request::Write { generation, job }]);
        }
        _ => return None,
    }
    Some(Vec::new())
}

/// Keys while the add-entry list is open: move, add the highlighted segment, close.
pub(crate) fn add_popup(u: &mut Update<'_>, message: &Message) -> Option<Vec<Request>> {
    let choices = addable(u.messages.draft.as_ref(), u.segments);
    let last = choices.len().saturating_sub(1);
    let m = &mut u.messages;
    match message {
        Message::ScrollDown => m.add_selected = (m.add_selected + 1).min(last),
        Message::ScrollUp => m.add_selected = m.add_selected.saturating_sub(1),
        Message::ClosePopup => u.popup = Some(PopupChange::Close),
        Message::Submit => {
            let Some(segment) = choices.get(m.add_selected).cloned() else {
                return Some(Vec::new());
            };
            u.popup = Some(PopupChange::Close);
            m.store_editors();
            let Some(draft) = m.draft.as_mut() else {
                return Some(Vec::new());
            };
            let entry = starter(draft, segment, u.fields);
            draft.entries.push(entry);
            m.selected = draft.entries.len() - 1;
            m.load_editors();
            // The body editor opens after the starter text, as `e` does, so typing adds
            // to the greeting instead of going before it.
            m.body.move_to_end();
            m.focus = Focus::Body;
            let mut requests = save(u);
            sync_unsaved(u);
            requests.extend(rechecked(u));
            return Some(requests);
        }
        _ => return None,
    }
    Some(Vec::new())
}

/// A starter message for `segment`: a greeting by first name (with a fallback) when
/// a `first_name` field exists and may be used here, else a plain one.
fn starter(campaign: &Campaign, segment: String, fields: &[Field]) -> Entry {
    let email = campaign.channel == Channel::Email;
    let make = |name: &str| Entry {
        segment: segment.clone(),
        subject: email.then(|| format!("Hello{name}")),
        body: if email {
            format!("Hi{name},\n\n")
        } else {
            format!("Hi{name},")
        },
        format: Default::default(),
    };
    let personal = make(" {{ first_name | default(\"there\") }}");
    let has_first_name = fields.iter().any(|f| f.name == "first_name");
    if has_first_name && check_entry(campaign, &personal, fields).is_ok() {
        personal
    } else {
        make("")
    }
}
