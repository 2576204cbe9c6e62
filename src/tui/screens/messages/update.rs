//! `update` for the Messages screen: moving between entries, editing subject and body,
//! inserting merge fields, stepping through contacts, saving, and the replies for
//! them. Every edit rechecks and re-renders the entry and asks for fresh coverage
//! counts (the newest request wins in the worker).

use super::MessagesState;
use super::merge_fields::choices;
use super::{Focus, check_entry};
use crate::campaign::Campaign;
use crate::fields::Field;
use crate::segment::store::Segment;
use crate::tui::context::Context;
use crate::tui::message::CampaignMsg;
use crate::tui::message::{Job, Message, Request, SampleStep};
use crate::tui::widgets::text_area::AreaEdit;
use crate::tui::widgets::text_input::TextEdit;

/// A popup change the Messages screen asks of `tui::update`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PopupChange {
    /// Show the merge-field list (`MessagesState::merge`).
    MergeFields,
    /// Show the new-campaign dialog (`MessagesState::create`), also used to rename.
    NewCampaign,
    /// Show the list of saved segments to add an entry for.
    AddEntry,
    /// Ask "Delete campaign?".
    ConfirmDeleteCampaign,
    /// Close the popup showing.
    Close,
}

/// What one Messages update works on: the screen's own state, the shared context, and
/// what it needs of the rest of the app, passed in by `tui::update`, which applies the
/// outcomes asked for (popup, preview, campaign list).
pub struct Update<'a> {
    /// The Messages screen's state.
    pub messages: &'a mut MessagesState,
    /// The shared context.
    pub ctx: &'a mut Context,
    /// The workspace's fields.
    pub fields: &'a [Field],
    /// The saved segments (the add-entry list offers them).
    pub segments: &'a [Segment],
    /// The current campaign as saved; saving, renaming and deleting it change it here.
    pub current: &'a mut Option<Campaign>,
    /// The names of the campaigns in the workspace.
    pub names: &'a [String],
    /// The popup change asked for.
    pub popup: Option<PopupChange>,
    /// The current campaign was saved, renamed or deleted: the Preview screen's result
    /// is of an older campaign.
    pub campaign_changed: bool,
    /// The campaign list must be read again (a campaign was created, renamed or deleted).
    pub reload_names: bool,
}

impl Update<'_> {
    /// The current campaign's name; `None` while there is none.
    pub fn current_name(&self) -> Option<&str> {
        self.current.as_ref().map(|c| c.name.as_str())
    }
}

/// What `ctx.unsaved` says while the messages have edits not saved.
const UNSAVED: &str = "message edits in campaign";

/// Keep `ctx.unsaved` in step with the Messages screen's draft.
pub(crate) fn sync_unsaved(u: &mut Update<'_>) {
    u.ctx.unsaved.retain(|s| !s.starts_with(UNSAVED));
    if u.messages.is_dirty(u.current.as_ref())
        && let Some(d) = &u.messages.draft
    {
        u.ctx.unsaved.push(format!("{UNSAVED} `{}`", d.name));
    }
}

/// Check and render the selected entry again; ask for coverage counts of the draft when
/// the entry checks.
pub(crate) fn rechecked(u: &mut Update<'_>) -> Vec<Request> {
    u.messages.recheck(u.fields);
    if u.messages.problem.is_some() {
        u.messages.pending_coverage = None;
        return Vec::new();
    }
    let Some(draft) = u.messages.draft.clone() else {
        return Vec::new();
    };
    let generation = u.ctx.next_generation();
    u.messages.pending_coverage = Some(generation);
    vec![Request::Coverage {
        generation,
        as_of: u.ctx.as_of_for(&draft),
        campaign: Box::new(draft),
    }]
}

/// On showing the screen: find the selected entry's first would-be recipient to render
/// for, once.
pub(crate) fn entered(u: &mut Update<'_>) -> Vec<Request> {
    let mut requests = Vec::new();
    if std::mem::take(&mut u.messages.stale) {
        u.messages.coverage = None;
        u.messages.forget_sample();
        requests = rechecked(u);
    }
    let m = &u.messages;
    if m.draft.is_none() || m.sample.is_some() || m.pending_sample.is_some() {
        return requests;
    }
    requests.extend(load_sample(u, SampleStep::First));
    requests
}

/// Ask for the selected entry's would-be recipient `step` says; nothing when the
/// campaign has no entry.
fn load_sample(u: &mut Update<'_>, step: SampleStep) -> Vec<Request> {
    let Some(draft) = u.messages.draft.clone() else {
        return Vec::new();
    };
    if u.messages.entry().is_none() {
        return Vec::new();
    }
    let generation = u.ctx.next_generation();
    u.messages.pending_sample = Some(generation);
    vec![Request::LoadSample {
        generation,
        fields: u.fields.to_vec(),
        entry: u.messages.selected,
        as_of: u.ctx.as_of_for(&draft),
        campaign: Box::new(draft),
        step,
    }]
}

pub(crate) fn edited(u: &mut Update<'_>) -> Vec<Request> {
    u.messages.store_editors();
    sync_unsaved(u);
    rechecked(u)
}

/// The Messages screen's own intents; `None` for the rest.
pub(crate) fn screen_message(u: &mut Update<'_>, message: &Message) -> Option<Vec<Request>> {
    let m = &mut u.messages;
    let email = m
        .draft
        .as_ref()
        .is_some_and(|c| c.channel == crate::fields::Channel::Email);
    let requests = match (message, m.focus) {
        (Message::ScrollDown, Focus::Entries) | (Message::ScrollUp, Focus::Entries) => {
            let delta = if *message == Message::ScrollDown {
                1
            } else {
                -1
            };
            let before = m.selected;
            m.select_by(delta);
            if u.messages.selected == before {
                return Some(Vec::new());
            }
            // Another entry has other recipients: start over at its first one.
            u.messages.forget_sample();
            u.messages.recheck(u.fields);
            load_sample(u, SampleStep::First)
        }
        // An editor opens with the cursor after the text, so typing adds to it (as the
        // rename input does); once in, the cursor stays where the user puts it.
        (Message::Campaign(CampaignMsg::EditBody), _) if m.entry().is_some() => {
            if m.focus != Focus::Body {
                m.body.move_to_end();
            }
            m.focus = Focus::Body;
            Vec::new()
        }
        (Message::Campaign(CampaignMsg::EditSubject), _) if m.entry().is_some() && email => {
            if m.focus != Focus::Subject {
                m.subject.apply(&TextEdit::End);
            }
            m.focus = Focus::Subject;
            Vec::new()
        }
        (Message::Campaign(CampaignMsg::LeaveEditor), _) => {
            m.focus = Focus::Entries;
            Vec::new()
        }
        (Message::Edit(edit), Focus::Subject) => {
            m.subject.apply(edit);
            edited(u)
        }
        (Message::Edit(edit), Focus::Body) => {
            m.body.apply(edit);
            edited(u)
        }
        (
            Message::Campaign(CampaignMsg::EditLines(AreaEdit::Newline | AreaEdit::Down)),
            Focus::Subject,
        ) => {
            m.focus = Focus::Body;
            Vec::new()
        }
        (Message::Campaign(CampaignMsg::EditLines(edit)), Focus::Body) => {
            m.body.apply_area(*edit);
            if *edit == AreaEdit::Newline {
                edited(u)
            } else {
                Vec::new()
            }
        }
        (Message::Campaign(CampaignMsg::NextContact), _)
        | (Message::Campaign(CampaignMsg::PreviousContact), _) => {
            if m.sample.is_none() && m.pending_sample.is_some() {
                // The first contact is still loading; stepping starts from it.
                return Some(Vec::new());
            }
            let step = match (&m.sample, message) {
                (None, _) => SampleStep::First,
                (Some(s), Message::Campaign(CampaignMsg::NextContact)) => SampleStep::After(s.id),
                (Some(s), _) => SampleStep::Before(s.id),
            };
            load_sample(u, step)
        }
        (Message::Campaign(CampaignMsg::OpenMergeFields), _) => {
            let Some(draft) = &m.draft else {
                return Some(Vec::new());
            };
            m.merge = choices(u.fields, draft);
            m.merge_selected = 0;
            m.merge_fallback = None;
            if m.focus == Focus::Entries {
                m.body.move_to_end();
                m.focus = Focus::Body;
            }
            u.popup = Some(PopupChange::MergeFields);
            Vec::new()
        }
        (Message::Campaign(CampaignMsg::SaveMessages), _) => save(u),
        (Message::Campaign(CampaignMsg::DiscardEdits), _) => super::edit_update::discard(u),
        _ => return None,
    };
    Some(requests)
}

/// Check every entry's message (the first problem is shown under the editor, on its
/// entry), then ask the writer to save the campaign through the core's use case.
pub(crate) fn save(u: &mut Update<'_>) -> Vec<Request> {
    u.messages.store_editors();
    let Some(draft) = u.messages.draft.clone() else {
        return Vec::new();
    };
    for (i, entry) in draft.entries.iter().enumerate() {
        if let Err(problem) = check_entry(&draft, entry, u.fields) {
            u.messages.selected = i;
            u.messages.load_editors();
            u.messages.recheck(u.fields);
            u.messages.problem = Some(format!(
                "Not saved: entry {} ({}): {problem}",
                i + 1,
                entry.segment
            ));
            return Vec::new();
        }
    }
    // The core checks again, rules included, and decides (`campaign::edit::save`); the
    // check above only points at the entry whose message fails.
    let generation = u.ctx.next_generation();
    u.messages.pending_save = Some(generation);
    let as_of = u.ctx.as_of_for(&draft);
    vec![Request::Write {
        generation,
        job: Job::SaveCampaign {
            campaign: Box::new(draft),
            as_of,
        },
    }]
}

/// Replies for the Messages screen.
pub(crate) fn reply(u: &mut Update<'_>, message: &Message) -> Vec<Request> {
    let m = &mut u.messages;
    match message {
        Message::CampaignSaved { generation, result } if m.pending_save == Some(*generation) => {
            m.pending_save = None;
            // An entry removed or moved says which (`edit_update`).
            let note = m.save_note.take().filter(|(g, _)| g == generation);
            match result {
                Ok(c) => {
                    let created = !u.names.contains(&c.name);
                    u.ctx.notice = Some(match note {
                        _ if created => {
                            format!("created campaign `{}`: press a to add a segment", c.name)
                        }
                        Some((_, note)) => note,
                        None => format!("saved the messages of campaign `{}`", c.name),
                    });
                    u.ctx.error = None;
                    let order = |c: &crate::campaign::Campaign| {
                        c.entries
                            .iter()
                            .map(|e| e.segment.clone())
                            .collect::<Vec<_>>()
                    };
                    // Entries removed or moved: the recipients of each entry changed.
                    let reordered = u.current.as_ref().map(order) != Some(order(c));
                    *u.current = Some((**c).clone());
                    // Preview shows the campaign as saved from now on.
                    u.campaign_changed = true;
                    if created {
                        // A new campaign (`n`): it becomes the one worked on.
                        u.messages.create = None;
                        u.popup = Some(PopupChange::Close);
                        u.messages.selected = 0;
                        u.messages.set_campaign((**c).clone());
                        sync_unsaved(u);
                        u.reload_names = true;
                        return Vec::new();
                    }
                    if reordered {
                        u.messages.forget_sample();
                        u.messages.recheck(u.fields);
                        sync_unsaved(u);
                        return entered(u);
                    }
                }
                Err(e) => match m.create.as_mut() {
                    Some(d) => d.error = Some(format!("Not created: {e}")),
                    None => m.problem = Some(format!("Not saved: {e}")),
                },
            }
            sync_unsaved(u);
        }
        Message::SampleLoaded { generation, result } if m.pending_sample == Some(*generation) => {
            m.pending_sample = None;
            match result {
                Ok(Some(sample)) => {
                    m.sample = Some(sample.clone());
                    m.no_recipients = false;
                    u.messages.recheck(u.fields);
                }
                Ok(None) if m.sample.is_none() => m.no_recipients = true,
                Ok(None) => {
                    u.ctx.notice = Some("no more recipients of this entry that way".into());
                }
                Err(e) => u.ctx.error = Some(format!("cannot find a recipient: {e}")),
            }
        }
        Message::CoverageFinished { generation, result }
            if m.pending_coverage == Some(*generation) =>
        {
            m.pending_coverage = None;
            match result {
                Ok(summary) => m.coverage = Some((**summary).clone()),
                Err(e) => {
                    m.coverage = None;
                    u.ctx.error = Some(e.clone());
                }
            }
        }
        _ => {}
    }
    Vec::new()
}
