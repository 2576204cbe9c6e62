//! How the Segments screen changes: the part of `update` for [`SegmentsMsg`] (table
//! movement is in [`super::nav`], replies in [`super::replies`]).
//!
//! Called only from `tui::update`, so `update` stays the one mutator. Every edit of the
//! rule asks the segments worker for its reach with a fresh generation; replies older
//! than the one an editor waits for are dropped, so the newest rule text wins.

use super::builder::BuilderState;
use super::editor::{EditorState, Focus};
use super::values;
use crate::tui::app::App;
use crate::tui::message::Request;
use crate::tui::screens::segments::message::{RuleProblem, SegmentJob, SegmentsMsg};
use crate::tui::widgets::text_input::TextEdit;

fn job(app: &mut App, make: impl FnOnce(u64) -> SegmentJob) -> (u64, Request) {
    let generation = app.next_generation();
    (generation, Request::Segments(make(generation)))
}

/// Ask for the segment list and their reaches (and the overlap, if it shows): on
/// entering the screen.
pub fn load(app: &mut App) -> Vec<Request> {
    let as_of = app.segments.as_of;
    let (list, a) = job(app, |generation| SegmentJob::List { generation });
    let (reaches, b) = job(app, |generation| SegmentJob::CountReaches {
        generation,
        as_of,
    });
    app.segments.pending_list = Some(list);
    app.segments.pending_reaches = Some(reaches);
    let mut requests = vec![a, b];
    if app.segments.show_overlap {
        requests.extend(overlap(app));
    }
    requests
}

/// Ask for the saved segments alone, unless they are here or on their way (for the
/// Messages screen's add-entry list).
pub fn read_list(app: &mut App) -> Vec<Request> {
    if app.segments.loaded || app.segments.pending_list.is_some() {
        return Vec::new();
    }
    let (generation, request) = job(app, |generation| SegmentJob::List { generation });
    app.segments.pending_list = Some(generation);
    vec![request]
}

fn overlap(app: &mut App) -> Vec<Request> {
    let as_of = app.segments.as_of;
    let (g, r) = job(app, |generation| SegmentJob::Overlap { generation, as_of });
    app.segments.overlap.pending = Some(g);
    vec![r]
}

/// Ask for the reach of the rule being edited; a blank rule has none to ask for.
pub(super) fn reach(app: &mut App) -> Vec<Request> {
    let as_of = app.segments.as_of;
    let Some((rule, campaign)) = app
        .segments
        .editor
        .as_ref()
        .map(|e| (e.rule.text(), e.campaign.clone()))
    else {
        return Vec::new();
    };
    if rule.trim().is_empty() {
        if let Some(e) = app.segments.editor.as_mut() {
            e.pending_reach = None;
            e.reach = None;
        }
        return Vec::new();
    }
    let (g, r) = job(app, |generation| SegmentJob::Reach {
        generation,
        rule,
        as_of,
        campaign,
    });
    if let Some(e) = app.segments.editor.as_mut() {
        e.pending_reach = Some(g);
    }
    vec![r]
}

/// After the rule (or its cursor) changed: its reach when the text `changed`, and the
/// value suggestions for where the cursor now is.
fn rule_changed(app: &mut App, changed: bool) -> Vec<Request> {
    let mut requests = if changed { reach(app) } else { Vec::new() };
    let generation = app.next_generation();
    if let Some(e) = app.segments.editor.as_mut()
        && let Some(job) = super::values::refresh(e, &app.fields.fields, generation)
    {
        requests.push(Request::Segments(job));
    }
    requests
}

/// Tab, or Enter on a chosen value: write the value into the rule; `None` when no
/// value is offered.
fn insert_value(app: &mut App) -> Option<Vec<Request>> {
    let e = app.segments.editor.as_mut()?;
    if !super::values::insert(e, &app.fields.fields) {
        return None;
    }
    sync_unsaved(app);
    Some(reach(app))
}

/// The editor, for the value suggestions' steps.
fn editor(app: &mut App) -> Option<&mut EditorState> {
    app.segments.editor.as_mut()
}

/// Open `editor`, offering the current campaign's scope (Ctrl+O).
fn open_editor(app: &mut App, mut editor: EditorState) {
    editor.offer = app.campaigns.current_name().map(str::to_string);
    app.segments.editor = Some(editor);
}

/// Keep `app.unsaved` listing the editor's changes exactly while it has any.
pub(super) fn sync_unsaved(app: &mut App) {
    let Some(e) = &app.segments.editor else {
        return;
    };
    let label = e.unsaved_label();
    app.unsaved.retain(|u| *u != label);
    if e.changed() {
        app.unsaved.push(label);
    }
}

fn close_editor(app: &mut App) {
    if let Some(e) = app.segments.editor.take() {
        let label = e.unsaved_label();
        app.unsaved.retain(|u| *u != label);
    }
}

/// Apply a Segments message; return the work it asks of the worker.
pub fn update(app: &mut App, message: SegmentsMsg) -> Vec<Request> {
    use SegmentsMsg as M;
    if let Some(requests) = super::rename::update(app, &message) {
        return requests;
    }
    if let Some(requests) = super::build::update(app, &message) {
        return requests;
    }
    match message {
        M::AskRename => super::rename::open(app),
        M::Renamed { generation, result } => super::rename::renamed(app, generation, result),
        M::NewSegment => {
            open_editor(app, EditorState::new(None, "", "", ""));
            Vec::new()
        }
        M::BuildNew => {
            open_editor(app, EditorState::new(None, "", "", ""));
            update(app, M::OpenBuilder)
        }
        M::ToggleScope => {
            let Some(e) = app.segments.editor.as_mut() else {
                return Vec::new();
            };
            if e.campaign.is_some() {
                e.campaign = None;
            } else if e.offer.is_some() {
                e.campaign = e.offer.clone();
            } else {
                e.completion_note =
                    Some("no campaign chosen: choose one with C on the Messages screen".into());
                return Vec::new();
            }
            if let Some(e) = app.segments.editor.as_mut() {
                // The campaign's unlocks change which values may be shown.
                e.values = None;
            }
            rule_changed(app, true)
        }
        M::EditSelected => {
            let Some(s) = app.segments.selected().cloned() else {
                return Vec::new();
            };
            open_editor(
                app,
                EditorState::new(Some(s.name.clone()), &s.rule, &s.name, &s.description),
            );
            reach(app)
        }
        M::AskDelete => {
            app.segments.confirm_delete = app.segments.selected().map(|s| s.name.clone());
            Vec::new()
        }
        M::ConfirmDelete => {
            let Some(name) = app.segments.confirm_delete.take() else {
                return Vec::new();
            };
            let (g, r) = job(app, |generation| SegmentJob::Delete { generation, name });
            app.segments.pending_delete = Some(g);
            vec![r]
        }
        M::CancelDialog => {
            app.segments.confirm_delete = None;
            Vec::new()
        }
        M::ShowOverlap => {
            app.segments.show_overlap = true;
            overlap(app)
        }
        M::ShowList => {
            app.segments.show_overlap = false;
            Vec::new()
        }
        M::Reload => {
            let g = app.next_generation();
            app.fields.pending = Some(g);
            let mut requests = vec![Request::LoadFields { generation: g }];
            requests.extend(load(app));
            requests
        }
        M::Edit(edit) => {
            let Some(e) = app.segments.editor.as_mut() else {
                return Vec::new();
            };
            e.completion = None;
            e.completion_note = None;
            let changed = e.apply(&edit);
            let rule = e.focus == Focus::Rule;
            sync_unsaved(app);
            rule_changed(app, changed && rule)
        }
        M::Complete => {
            if let Some(requests) = insert_value(app) {
                return requests;
            }
            let fields = app.fields.fields.clone();
            let Some(e) = app.segments.editor.as_mut() else {
                return Vec::new();
            };
            if e.focus != Focus::Rule {
                e.move_focus(1);
                return Vec::new();
            }
            let changed = e.complete(&fields);
            sync_unsaved(app);
            rule_changed(app, changed)
        }
        M::NextInput if editor(app).is_some_and(|e| values::choose(e, 1)) => Vec::new(),
        M::PreviousInput if editor(app).is_some_and(|e| values::choose(e, -1)) => Vec::new(),
        M::Submit if editor(app).is_some_and(|e| values::chosen(e)) => {
            insert_value(app).unwrap_or_default()
        }
        M::ValuesLoaded {
            generation,
            field,
            result,
        } => {
            if let Some(e) = editor(app) {
                values::loaded(e, generation, &field, result);
            }
            Vec::new()
        }
        M::NextInput | M::PreviousInput => {
            if let Some(e) = app.segments.editor.as_mut() {
                e.completion = None;
                e.values = None;
                e.move_focus(if message == M::NextInput { 1 } else { -1 });
            }
            Vec::new()
        }
        M::Submit => match app.segments.editor.as_mut() {
            Some(e) if e.focus == Focus::Rule => {
                e.completion = None;
                e.values = None;
                e.move_focus(1);
                Vec::new()
            }
            Some(_) => save(app),
            None => Vec::new(),
        },
        M::Save => save(app),
        M::Cancel => {
            match app.segments.editor.as_mut() {
                Some(e)
                    if e.completion.is_some()
                        || e.completion_note.is_some()
                        || e.values.is_some() =>
                {
                    e.completion = None;
                    e.completion_note = None;
                    e.values = None;
                }
                Some(e) if e.changed() => e.confirm_discard = true,
                Some(_) => close_editor(app),
                None => {}
            }
            Vec::new()
        }
        M::ConfirmDiscard => {
            close_editor(app);
            Vec::new()
        }
        M::KeepEditing => {
            if let Some(e) = app.segments.editor.as_mut() {
                e.confirm_discard = false;
            }
            Vec::new()
        }
        M::NewLine | M::ClearLine => {
            let Some(e) = app.segments.editor.as_mut() else {
                return Vec::new();
            };
            e.completion = None;
            let changed = match (&message, e.focus) {
                (M::NewLine, Focus::Rule) => e.rule.insert("\n"),
                (M::NewLine, _) => false,
                (_, Focus::Rule) => e.rule.clear_line(),
                _ => e.apply(&TextEdit::Clear),
            };
            let rule = e.focus == Focus::Rule;
            sync_unsaved(app);
            rule_changed(app, changed && rule)
        }
        M::OpenBuilder => {
            let fields = app.fields.fields.clone();
            if let Some(e) = app.segments.editor.as_mut() {
                e.completion = None;
                e.values = None;
                if fields.is_empty() {
                    e.completion_note = Some("no fields yet: import a file first".into());
                } else {
                    e.builder = Some(BuilderState::new(fields));
                }
            }
            Vec::new()
        }
        reply => super::replies::apply(app, reply),
    }
}

/// Save the editor's segment, unless it is new and has no name yet.
fn save(app: &mut App) -> Vec<Request> {
    let as_of = app.segments.as_of;
    let Some(e) = app.segments.editor.as_mut() else {
        return Vec::new();
    };
    let name = e
        .original
        .clone()
        .unwrap_or_else(|| e.name.value().to_string());
    if name.trim().is_empty() {
        e.save_error = Some("type a name for the segment first".into());
        e.focus = Focus::Name;
        return Vec::new();
    }
    let (original, rule, description, campaign) = (
        e.original.clone(),
        e.rule.text(),
        e.description.value().to_string(),
        e.campaign.clone(),
    );
    let (g, r) = job(app, |generation| SegmentJob::Save {
        generation,
        original,
        name,
        rule,
        description,
        as_of,
        campaign,
    });
    if let Some(e) = app.segments.editor.as_mut() {
        e.pending_save = Some(g);
        e.save_error = None;
    }
    vec![r]
}

/// After a save failed on its rule: show the problem where reach shows.
pub(super) fn show_rule_problem(e: &mut EditorState, problem: RuleProblem) {
    match problem {
        RuleProblem::Rule { .. } => {
            e.save_error = Some("the rule has a problem (shown under it)".into());
            e.reach = Some(Err(problem));
            e.pending_reach = None;
            e.focus = Focus::Rule;
        }
        RuleProblem::Other(msg) => e.save_error = Some(msg),
    }
}

/// Reload the list after a save or delete.
pub(super) fn reload(app: &mut App) -> Vec<Request> {
    load(app)
}

/// Close the editor after a save.
pub(super) fn saved(app: &mut App) {
    close_editor(app);
}
