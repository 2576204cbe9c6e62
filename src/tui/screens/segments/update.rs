//! How the Segments screen changes: the part of `update` for [`SegmentsMsg`] (table
//! movement is in [`super::nav`], replies in [`super::replies`]).
//!
//! Called only from `tui::update`, so `update` stays the one mutator. Every edit of the
//! rule asks the segments worker for its reach with a fresh generation; replies older
//! than the one an editor waits for are dropped, so the newest rule text wins.

use super::builder::{BuilderState, BuilderStep, append, condition};
use super::editor::{EditorState, Focus};
use crate::tui::app::App;
use crate::tui::message::Request;
use crate::tui::screens::segments::message::{RuleProblem, SegmentJob, SegmentsMsg};
use crate::tui::widgets::line_input::LineInput;

fn job(app: &mut App, make: impl FnOnce(u64) -> SegmentJob) -> (u64, Request) {
    let generation = app.next_generation();
    (generation, Request::Segments(make(generation)))
}

/// Ask for the segment list and their reaches (and the overlap, if it shows).
pub(super) fn load(app: &mut App) -> Vec<Request> {
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
fn reach(app: &mut App) -> Vec<Request> {
    let as_of = app.segments.as_of;
    let Some(rule) = app
        .segments
        .editor
        .as_ref()
        .map(|e| e.rule.text().to_string())
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
    });
    if let Some(e) = app.segments.editor.as_mut() {
        e.pending_reach = Some(g);
    }
    vec![r]
}

/// Keep `app.unsaved` listing the editor's changes exactly while it has any.
fn sync_unsaved(app: &mut App) {
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
    match message {
        M::NewSegment => {
            app.segments.editor = Some(EditorState::new(None, "", "", ""));
            Vec::new()
        }
        M::BuildNew => {
            app.segments.editor = Some(EditorState::new(None, "", "", ""));
            update(app, M::OpenBuilder)
        }
        M::EditSelected => {
            let Some(s) = app.segments.selected().cloned() else {
                return Vec::new();
            };
            app.segments.editor = Some(EditorState::new(
                Some(s.name.clone()),
                &s.rule,
                &s.name,
                &s.description,
            ));
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
            if let Some(b) = e.builder.as_mut() {
                if b.step == BuilderStep::Value && b.value.apply(&edit) {
                    b.error = None;
                }
                return Vec::new();
            }
            e.completion = None;
            e.completion_note = None;
            let changed = e.focused().apply(&edit);
            let rule = e.focus == Focus::Rule;
            sync_unsaved(app);
            if changed && rule {
                reach(app)
            } else {
                Vec::new()
            }
        }
        M::Complete => {
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
            if changed { reach(app) } else { Vec::new() }
        }
        M::NextInput | M::PreviousInput => {
            if let Some(e) = app.segments.editor.as_mut() {
                e.completion = None;
                e.move_focus(if message == M::NextInput { 1 } else { -1 });
            }
            Vec::new()
        }
        M::Submit => match app.segments.editor.as_mut() {
            Some(e) if e.focus == Focus::Rule => {
                e.completion = None;
                e.move_focus(1);
                Vec::new()
            }
            Some(_) => save(app),
            None => Vec::new(),
        },
        M::Save => save(app),
        M::Cancel => {
            match app.segments.editor.as_mut() {
                Some(e) if e.completion.is_some() || e.completion_note.is_some() => {
                    e.completion = None;
                    e.completion_note = None;
                }
                Some(_) => close_editor(app),
                None => {}
            }
            Vec::new()
        }
        M::OpenBuilder => {
            let fields = app.fields.fields.clone();
            if let Some(e) = app.segments.editor.as_mut() {
                e.completion = None;
                if fields.is_empty() {
                    e.completion_note = Some("no fields yet: import a file first".into());
                } else {
                    e.builder = Some(BuilderState::new(fields));
                }
            }
            Vec::new()
        }
        M::BuilderMove(delta) => {
            if let Some(b) = builder(app) {
                b.move_by(delta);
            }
            Vec::new()
        }
        M::BuilderNext => builder_next(app),
        M::BuilderBack => {
            let Some(e) = app.segments.editor.as_mut() else {
                return Vec::new();
            };
            match e.builder.as_ref().map(|b| b.step) {
                Some(BuilderStep::Value) => set_step(e, BuilderStep::Operator),
                Some(BuilderStep::Operator) => set_step(e, BuilderStep::Field),
                _ => e.builder = None,
            }
            Vec::new()
        }
        reply => super::replies::apply(app, reply),
    }
}

fn builder(app: &mut App) -> Option<&mut BuilderState> {
    app.segments.editor.as_mut()?.builder.as_mut()
}

fn set_step(e: &mut EditorState, step: BuilderStep) {
    if let Some(b) = e.builder.as_mut() {
        b.step = step;
        b.error = None;
    }
}

fn builder_next(app: &mut App) -> Vec<Request> {
    let Some(e) = app.segments.editor.as_mut() else {
        return Vec::new();
    };
    let Some(b) = e.builder.as_mut() else {
        return Vec::new();
    };
    let finish = match b.step {
        BuilderStep::Field => {
            b.step = BuilderStep::Operator;
            b.op = 0;
            false
        }
        BuilderStep::Operator if b.needs_no_value() => true,
        BuilderStep::Operator => {
            b.step = BuilderStep::Value;
            b.value = LineInput::default();
            b.error = None;
            false
        }
        BuilderStep::Value => true,
    };
    if !finish {
        return Vec::new();
    }
    let (Some(field), Some(op)) = (b.chosen_field(), b.chosen_op()) else {
        return Vec::new();
    };
    match condition(field, op, b.value.text()) {
        Err(why) => {
            b.error = Some(why);
            Vec::new()
        }
        Ok(text) => {
            let rule = append(e.rule.text(), &text);
            e.rule = LineInput::new(&rule);
            e.builder = None;
            e.focus = Focus::Rule;
            e.completion = None;
            sync_unsaved(app);
            reach(app)
        }
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
        .unwrap_or_else(|| e.name.text().to_string());
    if name.trim().is_empty() {
        e.save_error = Some("type a name for the segment first".into());
        e.focus = Focus::Name;
        return Vec::new();
    }
    let (original, rule, description) = (
        e.original.clone(),
        e.rule.text().to_string(),
        e.description.text().to_string(),
    );
    let (g, r) = job(app, |generation| SegmentJob::Save {
        generation,
        original,
        name,
        rule,
        description,
        as_of,
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
