//! The segment editor: the rule input with live reach, the error under it with a caret
//! at its column, field-name completion, and the name and description inputs.
//!
//! Owns [`EditorState`]; `screens::segments::update` changes it, the widget impl only
//! reads it. A rule the privacy policy refuses is shown in the blocked style with the
//! [`theme::BLOCKED_MARK`] text marker, so the meaning survives without colour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::builder::BuilderState;
use crate::fields::Field;
use crate::tui::screens::segments::message::{Reach, RuleProblem};
use crate::tui::theme;
use crate::tui::view::thousands;
use crate::tui::widgets::cell_text::{display_width, fit};
use crate::tui::widgets::line_input::{self, LineInput};

/// Which input has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Rule,
    Name,
    Description,
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
    pub rule: LineInput,
    pub name: LineInput,
    pub description: LineInput,
    pub focus: Focus,
    /// The last reach answer for the rule text (kept while a newer one is counted).
    pub reach: Option<Result<Reach, RuleProblem>>,
    /// Generation of the reach job in flight.
    pub pending_reach: Option<u64>,
    pub completion: Option<Completion>,
    /// Why Tab completed nothing.
    pub completion_note: Option<String>,
    /// Generation of the save in flight.
    pub pending_save: Option<u64>,
    /// Why the last save failed (rule problems show as `reach` instead).
    pub save_error: Option<String>,
    /// The condition builder, while open.
    pub builder: Option<BuilderState>,
    /// The texts the editor opened with, to tell whether anything changed.
    initial: [String; 3],
}

impl EditorState {
    /// An editor on `rule`, `name` and `description`; `original` names the saved segment
    /// being changed.
    pub fn new(original: Option<String>, rule: &str, name: &str, description: &str) -> Self {
        EditorState {
            original,
            rule: LineInput::new(rule),
            name: LineInput::new(name),
            description: LineInput::new(description),
            focus: Focus::Rule,
            reach: None,
            pending_reach: None,
            completion: None,
            completion_note: None,
            pending_save: None,
            save_error: None,
            builder: None,
            initial: [rule.into(), name.into(), description.into()],
        }
    }

    /// True when any input differs from what the editor opened with.
    pub fn changed(&self) -> bool {
        [self.rule.text(), self.name.text(), self.description.text()]
            != self.initial.each_ref().map(String::as_str)
    }

    /// How the change is listed in the quit question.
    pub fn unsaved_label(&self) -> String {
        match &self.original {
            Some(name) => format!("changes to segment `{name}`"),
            None => "a new segment".to_string(),
        }
    }

    /// The input with the keyboard (the name of a saved segment cannot change, so focus
    /// never rests there).
    pub fn focused(&mut self) -> &mut LineInput {
        match self.focus {
            Focus::Rule => &mut self.rule,
            Focus::Name => &mut self.name,
            Focus::Description => &mut self.description,
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
            let end = self.rule.cursor();
            self.rule.replace(start, end, &name);
            return true;
        }
        let chars: Vec<char> = self.rule.text().chars().collect();
        let cursor = self.rule.cursor().min(chars.len());
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

/// What the editor draws: its state and the workspace's fields (for markers).
pub struct EditorView<'a> {
    pub editor: &'a EditorState,
    pub fields: &'a [Field],
}

/// Column where the inputs start, after their labels.
const LABEL: u16 = 14;

impl Widget for &EditorView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let e = self.editor;
        let area = area.intersection(buf.area);
        if area.height < 8 || area.width < LABEL + 4 {
            return;
        }
        let row = |i: u16| Rect::new(area.x, area.y + i, area.width, 1);
        let input_at = |i: u16| Rect::new(area.x + LABEL, area.y + i, area.width - LABEL - 1, 1);
        let label = |buf: &mut Buffer, i: u16, text: &str, focus: Focus| {
            let style = if e.focus == focus {
                theme::HEADER
            } else {
                theme::CHROME
            };
            Line::styled(format!(" {text}"), style).render(row(i), buf);
        };
        label(buf, 0, "Name", Focus::Name);
        match &e.original {
            Some(name) => Line::from(fit(
                &format!("{name}  (saved; the name stays)"),
                usize::from(input_at(0).width),
            ))
            .render(input_at(0), buf),
            None => line_input::render(
                &e.name,
                e.focus == Focus::Name,
                Style::default(),
                input_at(0),
                buf,
            ),
        }
        let name_hint = "required: Down to type it, Enter saves";
        let show = e.original.is_none() && e.focus != Focus::Name;
        placeholder(&e.name, show, name_hint, input_at(0), buf);
        let show = e.focus != Focus::Description;
        placeholder(
            &e.description,
            show,
            "optional: what it is for",
            input_at(1),
            buf,
        );
        label(buf, 1, "Description", Focus::Description);
        line_input::render(
            &e.description,
            e.focus == Focus::Description,
            Style::default(),
            input_at(1),
            buf,
        );
        label(buf, 3, "Rule", Focus::Rule);
        let rule_area = Rect::new(area.x + 2, area.y + 4, area.width - 3, 1);
        Line::styled(">", theme::CHROME).render(row(4), buf);
        line_input::render(
            &e.rule,
            e.focus == Focus::Rule,
            theme::HEADER,
            rule_area,
            buf,
        );
        self.caret(rule_area, buf);
        let message = Rect::new(area.x + 1, area.y + 6, area.width - 2, 3);
        self.reach_line(message, buf);
        self.completions(row(10), buf);
        if let Some(err) = &e.save_error {
            Line::styled(
                fit(&format!(" not saved: {err}"), usize::from(area.width)),
                theme::ERROR,
            )
            .render(row(11), buf);
        }
        let keys =
            " Ctrl+S save  Esc cancel  Tab complete  Ctrl+B condition builder  Up/Down input";
        Line::styled(fit(keys, usize::from(area.width)), theme::CHROME)
            .render(row(area.height - 1), buf);
        if let Some(builder) = &e.builder {
            builder.render(area, buf);
        }
    }
}

/// A dim hint in an empty input that does not have the keyboard.
fn placeholder(input: &LineInput, show: bool, hint: &str, area: Rect, buf: &mut Buffer) {
    if show && input.text().is_empty() {
        Line::styled(fit(hint, usize::from(area.width)), theme::CHROME).render(area, buf);
    }
}

impl EditorView<'_> {
    /// `^` under the part of the rule an error points at, or `<`/`>` at the edge when
    /// that part is scrolled out of view.
    fn caret(&self, rule_area: Rect, buf: &mut Buffer) {
        let Some(Err(RuleProblem::Rule { error, blocked })) = &self.editor.reach else {
            return;
        };
        let style = if *blocked {
            theme::BLOCKED
        } else {
            theme::ERROR
        };
        let y = rule_area.y + 1;
        let text = self.editor.rule.text();
        let index = char_index(text, error.line, error.column);
        let window = self.editor.rule.window(rule_area.width);
        match window.column_of(index, rule_area.width) {
            Some(x) => {
                let room = usize::from(rule_area.width - x);
                let marks = "^".repeat(error.len.clamp(1, room.max(1)));
                buf.set_stringn(rule_area.x + x, y, marks, room, style);
            }
            None if index < window.start => {
                buf.set_stringn(rule_area.x, y, "<", 1, style);
            }
            None => {
                buf.set_stringn(rule_area.right().saturating_sub(1), y, ">", 1, style);
            }
        }
    }

    fn reach_line(&self, area: Rect, buf: &mut Buffer) {
        let e = self.editor;
        let counting = if e.pending_reach.is_some() {
            "  (counting...)"
        } else {
            ""
        };
        let line = match &e.reach {
            _ if e.rule.text().trim().is_empty() => Line::styled(
                "Type a rule, e.g. city is \"Berlin\"; the reach updates as you type.",
                theme::CHROME,
            ),
            None => Line::from(format!("reach ...{counting}")),
            Some(Ok(Reach { reach, audience })) => Line::from(vec![
                Span::styled(
                    format!("reach {} of {}", thousands(*reach), thousands(*audience)),
                    theme::HEADER,
                ),
                Span::raw(format!(" contacts{counting}")),
            ]),
            Some(Err(RuleProblem::Rule {
                error,
                blocked: true,
            })) => Line::from(vec![
                Span::styled(format!("{} blocked: ", theme::BLOCKED_MARK), theme::BLOCKED),
                Span::styled(
                    crate::text::for_terminal(&error.to_string()).into_owned(),
                    theme::BLOCKED,
                ),
            ]),
            Some(Err(RuleProblem::Rule { error, .. })) => Line::styled(
                format!("error: {}", crate::text::for_terminal(&error.to_string())),
                theme::ERROR,
            ),
            Some(Err(RuleProblem::Other(msg))) => Line::styled(
                format!("error: {}", crate::text::for_terminal(msg)),
                theme::ERROR,
            ),
        };
        Paragraph::new(line)
            .wrap(Wrap { trim: true })
            .render(area, buf);
    }

    fn completions(&self, area: Rect, buf: &mut Buffer) {
        let e = self.editor;
        let mut spans = vec![Span::styled(" Fields: ", theme::CHROME)];
        if let Some(note) = &e.completion_note {
            spans.push(Span::raw(crate::text::for_terminal(note).into_owned()));
        } else if let Some(c) = &e.completion {
            let mut used = 9;
            for (i, name) in c.candidates.iter().enumerate() {
                let w = display_width(name) + 2;
                if used + w > usize::from(area.width) {
                    spans.push(Span::raw("..."));
                    break;
                }
                used += w;
                let sensitive = self
                    .fields
                    .iter()
                    .find(|f| &f.name == name)
                    .and_then(|f| theme::sensitivity(f.class));
                let mut style = sensitive.map_or(Style::default(), |(_, s)| s);
                if i == c.index {
                    style = style.patch(theme::SELECTED);
                }
                spans.push(Span::styled(fit(name, display_width(name)), style));
                spans.push(Span::raw("  "));
            }
        } else {
            spans.push(Span::styled(
                "Tab completes the field name under the cursor",
                theme::CHROME,
            ));
        }
        Line::from(spans).render(area, buf);
    }
}
