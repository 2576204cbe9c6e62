//! The segment editor: the rule (a multi-line editor with undo and word moves) with live
//! reach, field-name completion, the field's most common values offered where a value
//! is typed, and the name and description inputs.
//!
//! Owns [`EditorState`]; `screens::segments::update` changes it, [`view`] draws it and
//! [`spot`] finds where a value is being typed.

pub mod spot;
mod view;

use super::builder::BuilderState;
use super::suggest::Suggestions;
use crate::fields::Field;
use crate::tui::screens::segments::message::{Reach, RuleProblem};
use crate::tui::widgets::text_area::TextArea;
use crate::tui::widgets::text_input::{TextEdit, TextInput};

pub use view::EditorView;

/// Which input has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Rule,
    Name,
    Description,
}

/// The most common values offered while a value of `field` is typed in the rule.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueSuggestions {
    /// Where the value is typed (its field as the workspace spells it).
    pub spot: spot::ValueSpot,
    /// The field's values, narrowed to what is typed; which one is chosen.
    pub suggestions: Suggestions,
}

/// Field names offered for the word under the cursor; Tab again takes the next one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub candidates: Vec<String>,
    /// The candidate now in the text.
    pub index: usize,
    /// Where the completed word starts, in characters.
    pub start: usize,
}

/// State of the segment editor.
#[derive(Debug, Clone, PartialEq)]
pub struct EditorState {
    /// The saved segment being changed; `None` for a new one. A saved segment keeps its
    /// name (the store has no rename).
    pub original: Option<String>,
    pub rule: TextArea,
    pub name: TextInput,
    pub description: TextInput,
    pub focus: Focus,
    /// The last reach answer for the rule text (kept while a newer one is counted).
    pub reach: Option<Result<Reach, RuleProblem>>,
    /// Generation of the reach job in flight.
    pub pending_reach: Option<u64>,
    pub completion: Option<Completion>,
    /// The most common values of the field whose value the cursor is in, while it is.
    pub values: Option<ValueSuggestions>,
    /// Why Tab completed nothing.
    pub completion_note: Option<String>,
    /// Generation of the save in flight.
    pub pending_save: Option<u64>,
    /// Why the last save failed (rule problems show as `reach` instead).
    pub save_error: Option<String>,
    /// The condition builder, while open.
    pub builder: Option<BuilderState>,
    /// The campaign whose scope the rule is checked and saved in (its category and
    /// unlocks apply, as `segment add --campaign`); `None`: outside any campaign.
    pub campaign: Option<String>,
    /// The campaign Ctrl+O switches to: the current one when the editor opened.
    pub offer: Option<String>,
    /// Esc was pressed with unsaved changes: "drop them?" is showing.
    pub confirm_discard: bool,
    /// The texts the editor opened with, to tell whether anything changed.
    initial: [String; 3],
}

impl EditorState {
    /// An editor on `rule`, `name` and `description`; `original` names the saved segment
    /// being changed.
    pub fn new(original: Option<String>, rule: &str, name: &str, description: &str) -> Self {
        // Typing goes on after the rule, as in a one-line input.
        let mut rule_input = TextArea::new(rule);
        rule_input.move_to_end();
        EditorState {
            original,
            rule: rule_input,
            name: TextInput::new(name),
            description: TextInput::new(description),
            focus: Focus::Rule,
            reach: None,
            pending_reach: None,
            completion: None,
            values: None,
            completion_note: None,
            pending_save: None,
            save_error: None,
            builder: None,
            campaign: None,
            offer: None,
            confirm_discard: false,
            initial: [rule.into(), name.into(), description.into()],
        }
    }

    /// True when any input differs from what the editor opened with.
    pub fn changed(&self) -> bool {
        [
            self.rule.text().as_str(),
            self.name.value(),
            self.description.value(),
        ] != self.initial.each_ref().map(String::as_str)
    }

    /// How the change is listed in the quit question.
    pub fn unsaved_label(&self) -> String {
        match &self.original {
            Some(name) => format!("changes to segment `{name}`"),
            None => "a new segment".to_string(),
        }
    }

    /// Apply `edit` to the input with the keyboard (the name of a saved segment cannot
    /// change, so focus never rests there); true when its text changed.
    pub fn apply(&mut self, edit: &TextEdit) -> bool {
        match self.focus {
            Focus::Rule => self.rule.apply(edit),
            Focus::Name => self.name.apply(edit),
            Focus::Description => self.description.apply(edit),
        }
    }

    /// Move focus `delta` inputs on, wrapping, skipping the fixed name of a saved
    /// segment.
    pub fn move_focus(&mut self, delta: isize) {
        let order: &[Focus] = if self.original.is_some() {
            &[Focus::Rule, Focus::Description]
        } else {
            &[Focus::Rule, Focus::Name, Focus::Description]
        };
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        let n = order.len() as isize;
        self.focus = order[(at + delta).rem_euclid(n) as usize];
    }

    /// Complete the field name under the rule's cursor against `fields` (names in
    /// alphabetical order, matched ignoring case); Tab again with nothing typed in
    /// between takes the next candidate. True when the text changed.
    pub fn complete(&mut self, fields: &[Field]) -> bool {
        self.completion_note = None;
        if let Some(c) = &mut self.completion {
            c.index = (c.index + 1) % c.candidates.len().max(1);
            let (start, name) = (c.start, c.candidates[c.index].clone());
            let end = self.rule.cursor_index();
            self.rule.replace(start, end, &name);
            return true;
        }
        let chars: Vec<char> = self.rule.text().chars().collect();
        let cursor = self.rule.cursor_index().min(chars.len());
        let word = |c: &char| c.is_alphanumeric() || *c == '_';
        let start = chars[..cursor]
            .iter()
            .rposition(|c| !word(c))
            .map_or(0, |i| i + 1);
        let end = chars[cursor..]
            .iter()
            .position(|c| !word(c))
            .map_or(chars.len(), |i| cursor + i);
        let prefix: String = chars[start..cursor]
            .iter()
            .collect::<String>()
            .to_lowercase();
        let mut candidates: Vec<String> = fields
            .iter()
            .filter(|f| f.name.to_lowercase().starts_with(&prefix))
            .map(|f| f.name.clone())
            .collect();
        candidates.sort();
        let Some(first) = candidates.first().cloned() else {
            self.completion_note = Some(format!("no field starts with `{prefix}`"));
            return false;
        };
        self.rule.replace(start, end, &first);
        self.completion = Some(Completion {
            candidates,
            index: 0,
            start,
        });
        true
    }
}

/// The character index in `text` of 1-based `line` and `column` (columns counted in
/// characters, as [`crate::segment::RuleError`] counts them).
pub fn char_index(text: &str, line: usize, column: usize) -> usize {
    let mut at_line = 1;
    let mut line_start = 0;
    for (i, c) in text.chars().enumerate() {
        if at_line == line {
            break;
        }
        if c == '\n' {
            at_line += 1;
            line_start = i + 1;
        }
    }
    line_start + column.saturating_sub(1)
}
