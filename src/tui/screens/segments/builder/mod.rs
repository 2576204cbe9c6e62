//! The condition builder: pick a field, then an operator its type allows, then type a
//! value (the field's most common values are offered); the builder writes the
//! condition as rule text and the editor appends it with `and` or `or` (Tab), negated
//! with `not` when asked (Ctrl+N). It never builds a rule tree itself: what it writes
//! goes through the same parser and checker as typed text, so it cannot say anything a
//! user could not type.
//!
//! Owns [`BuilderState`]; its vocabulary is in [`ops`], its popup in [`view`];
//! `screens::segments::build` drives it.

pub mod ops;
mod view;

use crate::fields::Field;
use crate::tui::screens::segments::suggest::Suggestions;
use crate::tui::widgets::text_input::TextInput;

use ops::Needs;
pub use ops::{BuilderOp, Join, append, condition, ops_for};

/// Which choice the builder is asking for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuilderStep {
    Field,
    Operator,
    Value,
}

/// State of the condition builder popup.
#[derive(Debug, Clone, PartialEq)]
pub struct BuilderState {
    pub step: BuilderStep,
    /// The fields to choose from (as they were when the builder opened).
    pub fields: Vec<Field>,
    /// Selected field and operator (indexes into `fields` and its `ops_for`).
    pub field: usize,
    pub op: usize,
    pub value: TextInput,
    /// What is missing from the value, after Enter.
    pub error: Option<String>,
    /// The chosen field's most common values, in the value step.
    pub suggestions: Suggestions,
    /// How the condition joins the rule (Tab switches).
    pub join: Join,
    /// Write the condition as `not ...` (Ctrl+N switches).
    pub negate: bool,
}

impl BuilderState {
    pub fn new(fields: Vec<Field>) -> BuilderState {
        BuilderState {
            step: BuilderStep::Field,
            fields,
            field: 0,
            op: 0,
            value: TextInput::default(),
            error: None,
            suggestions: Suggestions::default(),
            join: Join::And,
            negate: false,
        }
    }

    /// The chosen field, if there is one.
    pub fn chosen_field(&self) -> Option<&Field> {
        self.fields.get(self.field)
    }

    /// The operators for the chosen field.
    pub fn ops(&self) -> &'static [BuilderOp] {
        self.chosen_field().map_or(&[], |f| ops_for(f.ty))
    }

    /// The chosen operator, if there is one.
    pub fn chosen_op(&self) -> Option<BuilderOp> {
        self.ops().get(self.op).copied()
    }

    /// Move the selection of the current list by `delta`, staying in range.
    pub fn move_by(&mut self, delta: i8) {
        let (index, len) = match self.step {
            BuilderStep::Field => (&mut self.field, self.fields.len()),
            BuilderStep::Operator => (&mut self.op, ops_for_len(&self.fields, self.field)),
            BuilderStep::Value => return,
        };
        *index = index
            .saturating_add_signed(isize::from(delta))
            .min(len.saturating_sub(1));
    }

    /// The condition as it will be added: `[join] [not] field op value` without the
    /// join (the editor adds it), or what is missing.
    pub fn written(&self) -> Result<String, String> {
        let (Some(field), Some(op)) = (self.chosen_field(), self.chosen_op()) else {
            return Err("choose a field and an operator".into());
        };
        let text = condition(field, op, self.value.value())?;
        Ok(if self.negate {
            format!("not {text}")
        } else {
            text
        })
    }

    /// True when the chosen operator takes no value, so Enter on it finishes.
    pub fn needs_no_value(&self) -> bool {
        self.chosen_op()
            .is_some_and(|op| op.needs() == Needs::Nothing)
    }
}

fn ops_for_len(fields: &[Field], i: usize) -> usize {
    fields.get(i).map_or(0, |f| ops_for(f.ty).len())
}
