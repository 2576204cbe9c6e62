//! `update` for the condition builder over the segment editor: moving through its
//! steps, the value with its suggestions (the field's most common values, read by the
//! segments worker), the join (`and`/`or`, Tab) and `not` (Ctrl+N), and appending the
//! finished condition to the rule.

use crate::tui::message::Request;
use crate::tui::screens::segments::builder::{BuilderState, BuilderStep, Join, append};
use crate::tui::screens::segments::editor::{EditorState, Focus};
use crate::tui::screens::segments::message::{SegmentJob, SegmentsMsg};
use crate::tui::screens::segments::suggest::Suggestions;
use crate::tui::screens::segments::update::Update;
use crate::tui::screens::segments::update::{reach, sync_unsaved};
use crate::tui::widgets::text_input::TextInput;

/// Handle `message` while the builder is open (and the values reply whenever it comes);
/// `None` leaves it to the editor.
pub fn update(app: &mut Update<'_>, message: &SegmentsMsg) -> Option<Vec<Request>> {
    use SegmentsMsg as M;
    if let M::ValuesLoaded {
        generation,
        field,
        result,
    } = message
    {
        let b = builder(app)?;
        if b.suggestions.pending != Some(*generation) || b.suggestions.field != *field {
            // Not the builder's: the rule editor's suggestions may wait for it.
            return None;
        }
        b.suggestions.pending = None;
        // A field whose values cannot be read just gets no suggestions.
        b.suggestions.load(result.clone().unwrap_or_default());
        return Some(Vec::new());
    }
    let b = builder(app)?;
    match message {
        M::Edit(edit) => {
            if b.step == BuilderStep::Value && b.value.apply(edit) {
                b.error = None;
                let typed = b.value.value().to_string();
                b.suggestions.typed(&typed);
            }
        }
        M::BuilderMove(delta) if b.step == BuilderStep::Value => {
            if let Some(value) = b.suggestions.step(*delta) {
                b.value = TextInput::new(value);
                b.error = None;
            }
        }
        M::BuilderMove(delta) => b.move_by(*delta),
        M::ClearLine if b.step == BuilderStep::Value => {
            b.value = TextInput::default();
            b.suggestions.typed("");
        }
        M::BuilderJoin => {
            b.join = match b.join {
                Join::And => Join::Or,
                Join::Or => Join::And,
            }
        }
        M::BuilderNot => b.negate = !b.negate,
        M::BuilderNext => return Some(next(app)),
        M::BuilderBack => {
            let e = app.segments.editor.as_mut()?;
            match e.builder.as_ref().map(|b| b.step) {
                Some(BuilderStep::Value) => set_step(e, BuilderStep::Operator),
                Some(BuilderStep::Operator) => set_step(e, BuilderStep::Field),
                _ => e.builder = None,
            }
        }
        _ => return None,
    }
    Some(Vec::new())
}

fn builder<'a>(app: &'a mut Update<'_>) -> Option<&'a mut BuilderState> {
    app.segments.editor.as_mut()?.builder.as_mut()
}

fn set_step(e: &mut EditorState, step: BuilderStep) {
    if let Some(b) = e.builder.as_mut() {
        b.step = step;
        b.error = None;
    }
}

/// Enter: take the choice and go on; from the value (or an operator needing none),
/// append the condition to the rule and close the builder.
fn next(app: &mut Update<'_>) -> Vec<Request> {
    let Some(e) = app.segments.editor.as_mut() else {
        return Vec::new();
    };
    let campaign = e.campaign.clone();
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
            b.value = TextInput::default();
            b.error = None;
            let Some(field) = b.chosen_field().map(|f| f.name.clone()) else {
                return Vec::new();
            };
            if b.suggestions.field == field && b.suggestions.pending.is_none() {
                b.suggestions.typed("");
                return Vec::new();
            }
            let generation = app.ctx.next_generation();
            if let Some(b) = builder(app) {
                b.suggestions = Suggestions::asked(&field, generation);
            }
            return vec![Request::Segments(SegmentJob::Values {
                generation,
                field,
                campaign,
            })];
        }
        BuilderStep::Value => true,
    };
    if !finish {
        return Vec::new();
    }
    match b.written() {
        Err(why) => {
            b.error = Some(why);
            Vec::new()
        }
        Ok(text) => {
            let old = e.rule.text();
            let rule = append(&old, &text, b.join);
            // One edit of the editor's text, so Ctrl+Z takes the condition back.
            e.rule.replace(0, old.chars().count(), &rule);
            e.builder = None;
            e.focus = Focus::Rule;
            e.completion = None;
            sync_unsaved(app);
            reach(app)
        }
    }
}
