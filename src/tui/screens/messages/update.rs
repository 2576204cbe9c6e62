//! `update` for the Messages screen: moving between entries, editing subject and body,
//! inserting merge fields, stepping through contacts, saving, and the replies for
//! them. Every edit rechecks and re-renders the entry and asks for fresh coverage
//! counts (the newest request wins in the worker).

use super::merge_fields::{FallbackInput, checked_fallback, choices, snippet};
use super::{Focus, check_entry};
use crate::tui::app::{App, Popup};
use crate::tui::message::{Job, Message, Request, SampleStep};
use crate::tui::update::campaign::as_of;
use crate::tui::widgets::text_area::AreaEdit;
use crate::tui::widgets::text_input::TextEdit;

/// What `app.unsaved` says while the messages have edits not saved.
const UNSAVED: &str = "message edits in campaign";

/// Keep `app.unsaved` in step with the Messages screen's draft.
pub(crate) fn sync_unsaved(app: &mut App) {
    app.unsaved.retain(|u| !u.starts_with(UNSAVED));
    if app.messages.is_dirty(app.campaigns.current.as_ref())
        && let Some(d) = &app.messages.draft
    {
        app.unsaved.push(format!("{UNSAVED} `{}`", d.name));
    }
}

/// Check and render the selected entry again; ask for coverage counts of the draft when
/// the entry checks.
pub(crate) fn rechecked(app: &mut App) -> Vec<Request> {
    app.messages.recheck(&app.fields.fields);
    if app.messages.problem.is_some() {
        app.messages.pending_coverage = None;
        return Vec::new();
    }
    let Some(draft) = app.messages.draft.clone() else {
        return Vec::new();
    };
    let generation = app.next_generation();
    app.messages.pending_coverage = Some(generation);
    vec![Request::Coverage {
        generation,
        as_of: as_of(app, &draft),
        campaign: Box::new(draft),
    }]
}

/// On showing the screen: find the selected entry's first would-be recipient to render
/// for, once.
pub(crate) fn entered(app: &mut App) -> Vec<Request> {
    let m = &app.messages;
    if m.draft.is_none() || m.sample.is_some() || m.pending_sample.is_some() {
        return Vec::new();
    }
    load_sample(app, SampleStep::First)
}

/// Ask for the selected entry's would-be recipient `step` says; nothing when the
/// campaign has no entry.
fn load_sample(app: &mut App, step: SampleStep) -> Vec<Request> {
    let Some(draft) = app.messages.draft.clone() else {
        return Vec::new();
    };
    if app.messages.entry().is_none() {
        return Vec::new();
    }
    let generation = app.next_generation();
    app.messages.pending_sample = Some(generation);
    vec![Request::LoadSample {
        generation,
        fields: app.fields.fields.clone(),
        entry: app.messages.selected,
        as_of: as_of(app, &draft),
        campaign: Box::new(draft),
        step,
    }]
}

fn edited(app: &mut App) -> Vec<Request> {
    app.messages.store_editors();
    sync_unsaved(app);
    rechecked(app)
}

/// The Messages screen's own intents; `None` for the rest.
pub(crate) fn screen_message(app: &mut App, message: &Message) -> Option<Vec<Request>> {
    let m = &mut app.messages;
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
            if app.messages.selected == before {
                return Some(Vec::new());
            }
            // Another entry has other recipients: start over at its first one.
            app.messages.forget_sample();
            app.messages.recheck(&app.fields.fields);
            load_sample(app, SampleStep::First)
        }
        (Message::EditBody, _) if m.entry().is_some() => {
            m.focus = Focus::Body;
            Vec::new()
        }
        (Message::EditSubject, _) if m.entry().is_some() && email => {
            m.focus = Focus::Subject;
            Vec::new()
        }
        (Message::LeaveEditor, _) => {
            m.focus = Focus::Entries;
            Vec::new()
        }
        (Message::Edit(edit), Focus::Subject) => {
            m.subject.apply(edit);
            edited(app)
        }
        (Message::Edit(edit), Focus::Body) => {
            m.body.apply(edit);
            edited(app)
        }
        (Message::EditLines(AreaEdit::Newline | AreaEdit::Down), Focus::Subject) => {
            m.focus = Focus::Body;
            Vec::new()
        }
        (Message::EditLines(edit), Focus::Body) => {
            m.body.apply_area(*edit);
            if *edit == AreaEdit::Newline {
                edited(app)
            } else {
                Vec::new()
            }
        }
        (Message::NextContact, _) | (Message::PreviousContact, _) => {
            if m.sample.is_none() && m.pending_sample.is_some() {
                // The first contact is still loading; stepping starts from it.
                return Some(Vec::new());
            }
            let step = match (&m.sample, message) {
                (None, _) => SampleStep::First,
                (Some(s), Message::NextContact) => SampleStep::After(s.id),
                (Some(s), _) => SampleStep::Before(s.id),
            };
            load_sample(app, step)
        }
        (Message::OpenMergeFields, _) => {
            let Some(draft) = &m.draft else {
                return Some(Vec::new());
            };
            m.merge = choices(&app.fields.fields, draft);
            m.merge_selected = 0;
            m.merge_fallback = None;
            if m.focus == Focus::Entries {
                m.focus = Focus::Body;
            }
            app.popup = Some(Popup::MergeFields);
            Vec::new()
        }
        (Message::SaveMessages, _) => save(app),
        (Message::DiscardEdits, _) => {
            if let Some(c) = app.campaigns.current.clone() {
                app.messages.set_campaign(c);
            }
            sync_unsaved(app);
            let mut requests = rechecked(app);
            requests.extend(entered(app));
            requests
        }
        _ => return None,
    };
    Some(requests)
}

/// Check every entry's message (the first problem is shown under the editor, on its
/// entry), then ask the writer to save the campaign through the core's use case.
pub(crate) fn save(app: &mut App) -> Vec<Request> {
    app.messages.store_editors();
    let Some(draft) = app.messages.draft.clone() else {
        return Vec::new();
    };
    for (i, entry) in draft.entries.iter().enumerate() {
        if let Err(problem) = check_entry(&draft, entry, &app.fields.fields) {
            app.messages.selected = i;
            app.messages.load_editors();
            app.messages.recheck(&app.fields.fields);
            app.messages.problem = Some(format!(
                "Not saved: entry {} ({}): {problem}",
                i + 1,
                entry.segment
            ));
            return Vec::new();
        }
    }
    // The core checks again, rules included, and decides (`campaign::edit::save`); the
    // check above only points at the entry whose message fails.
    let generation = app.next_generation();
    app.messages.pending_save = Some(generation);
    let as_of = as_of(app, &draft);
    vec![Request::Write {
        generation,
        job: Job::SaveCampaign {
            campaign: Box::new(draft),
            as_of,
        },
    }]
}

/// Replies for the Messages screen.
pub(crate) fn reply(app: &mut App, message: &Message) -> Vec<Request> {
    let m = &mut app.messages;
    match message {
        Message::CampaignSaved { generation, result } if m.pending_save == Some(*generation) => {
            m.pending_save = None;
            match result {
                Ok(c) => {
                    let created = !app.campaigns.names.contains(&c.name);
                    app.notice = Some(if created {
                        format!("created campaign `{}`: press a to add a segment", c.name)
                    } else {
                        format!("saved the messages of campaign `{}`", c.name)
                    });
                    app.error = None;
                    let order = |c: &crate::campaign::Campaign| {
                        c.entries
                            .iter()
                            .map(|e| e.segment.clone())
                            .collect::<Vec<_>>()
                    };
                    // Entries removed or moved: the recipients of each entry changed.
                    let reordered = app.campaigns.current.as_ref().map(order) != Some(order(c));
                    app.campaigns.current = Some((**c).clone());
                    // Preview shows the campaign as saved from now on.
                    app.preview.computed_for = None;
                    if created {
                        // A new campaign (`n`): it becomes the one worked on.
                        app.messages.create = None;
                        app.popup = None;
                        app.messages.selected = 0;
                        app.messages.set_campaign((**c).clone());
                        sync_unsaved(app);
                        return crate::tui::update::campaign::load_names(app);
                    }
                    if reordered {
                        app.messages.forget_sample();
                        app.messages.recheck(&app.fields.fields);
                        sync_unsaved(app);
                        return entered(app);
                    }
                }
                Err(e) => match m.create.as_mut() {
                    Some(d) => d.error = Some(format!("Not created: {e}")),
                    None => m.problem = Some(format!("Not saved: {e}")),
                },
            }
            sync_unsaved(app);
        }
        Message::SampleLoaded { generation, result } if m.pending_sample == Some(*generation) => {
            m.pending_sample = None;
            match result {
                Ok(Some(sample)) => {
                    m.sample = Some(sample.clone());
                    m.no_recipients = false;
                    app.messages.recheck(&app.fields.fields);
                }
                Ok(None) if m.sample.is_none() => m.no_recipients = true,
                Ok(None) => {
                    app.notice = Some("no more recipients of this entry that way".into());
                }
                Err(e) => app.error = Some(format!("cannot find a recipient: {e}")),
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
                    app.error = Some(e.clone());
                }
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Keys while the merge-field list is open: move, choose the selected field (refused,
/// with the reason, when it is blocked), or close; once a field is chosen, type its
/// fallback and insert both (an empty or placeholder fallback is refused, with the
/// reason), or go back to the list.
pub(crate) fn merge_popup(app: &mut App, message: &Message) -> Option<Vec<Request>> {
    if app.messages.merge_fallback.is_some() {
        return Some(fallback_popup(app, message));
    }
    let m = &mut app.messages;
    let last = m.merge.len().saturating_sub(1);
    match message {
        Message::ScrollDown => m.merge_selected = (m.merge_selected + 1).min(last),
        Message::ScrollUp => m.merge_selected = m.merge_selected.saturating_sub(1),
        Message::Submit => {
            let Some(choice) = m.merge.get(m.merge_selected).cloned() else {
                return Some(Vec::new());
            };
            if let Some(why) = choice.blocked {
                app.error = Some(why);
                return Some(Vec::new());
            }
            app.error = None;
            m.merge_fallback = Some(FallbackInput::new(&choice.name));
        }
        _ => return None,
    }
    Some(Vec::new())
}

/// Keys while the fallback of the chosen merge field is typed.
fn fallback_popup(app: &mut App, message: &Message) -> Vec<Request> {
    let m = &mut app.messages;
    let Some(f) = m.merge_fallback.as_mut() else {
        return Vec::new();
    };
    match message {
        Message::Edit(edit) => {
            f.input.apply(edit);
            f.error = None;
        }
        Message::ClosePopup => m.merge_fallback = None,
        Message::Submit => match checked_fallback(&f.field, f.input.value()) {
            Err(why) => f.error = Some(why),
            Ok(fallback) => {
                let paste = TextEdit::Paste(snippet(&f.field, &fallback));
                m.merge_fallback = None;
                app.popup = None;
                match m.focus {
                    Focus::Subject => m.subject.apply(&paste),
                    _ => m.body.apply(&paste),
                };
                return edited(app);
            }
        },
        _ => {}
    }
    Vec::new()
}
