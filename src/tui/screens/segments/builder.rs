//! The condition builder: pick a field, then an operator its type allows, then type a
//! value; the builder writes the condition as rule text and the editor appends it with
//! `and`. It never builds a rule tree itself: what it writes goes through the same
//! parser and checker as typed text, so it cannot say anything a user could not type.
//!
//! Owns [`BuilderState`] and its popup; `screens::segments::update` drives it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::fields::{Field, FieldType};
use crate::segment::{Rule, parse};
use crate::tui::theme;
use crate::tui::widgets::cell_text::fit;
use crate::tui::widgets::dialog::centred;
use crate::tui::widgets::line_input::{self, LineInput};

/// An operator the builder offers, with the words it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuilderOp {
    Is,
    IsNot,
    Contains,
    StartsWith,
    EndsWith,
    Gt,
    Ge,
    Lt,
    Le,
    Between,
    In,
    NotIn,
    Has,
    HasAny,
    HasAll,
    IsBlank,
    IsNotBlank,
    WithinLast,
    MoreThanAgo,
    Before,
    After,
    IsTrue,
    IsFalse,
}

/// What value an operator needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Needs {
    Nothing,
    One,
    Two,
    Several,
    Days,
}

use BuilderOp as O;

impl BuilderOp {
    /// The operator as the rule language writes it.
    pub fn label(self) -> &'static str {
        match self {
            O::Is => "is",
            O::IsNot => "is not",
            O::Contains => "contains",
            O::StartsWith => "starts with",
            O::EndsWith => "ends with",
            O::Gt => ">",
            O::Ge => ">=",
            O::Lt => "<",
            O::Le => "<=",
            O::Between => "between",
            O::In => "in",
            O::NotIn => "not in",
            O::Has => "has",
            O::HasAny => "has any",
            O::HasAll => "has all",
            O::IsBlank => "is blank",
            O::IsNotBlank => "is not blank",
            O::WithinLast => "within last N days",
            O::MoreThanAgo => "more than N days ago",
            O::Before => "before",
            O::After => "after",
            O::IsTrue => "is true",
            O::IsFalse => "is false",
        }
    }

    fn needs(self) -> Needs {
        match self {
            O::IsBlank | O::IsNotBlank | O::IsTrue | O::IsFalse => Needs::Nothing,
            O::Between => Needs::Two,
            O::In | O::NotIn | O::HasAny | O::HasAll => Needs::Several,
            O::WithinLast | O::MoreThanAgo => Needs::Days,
            _ => Needs::One,
        }
    }
}

/// The operators the checker accepts for a field of type `ty` (segment::check).
pub fn ops_for(ty: FieldType) -> &'static [BuilderOp] {
    match ty {
        FieldType::Text => &[
            O::Is,
            O::IsNot,
            O::Contains,
            O::StartsWith,
            O::EndsWith,
            O::In,
            O::NotIn,
            O::IsBlank,
            O::IsNotBlank,
        ],
        FieldType::Integer | FieldType::Decimal => &[
            O::Is,
            O::IsNot,
            O::Gt,
            O::Ge,
            O::Lt,
            O::Le,
            O::Between,
            O::In,
            O::IsBlank,
            O::IsNotBlank,
        ],
        FieldType::Boolean => &[O::IsTrue, O::IsFalse, O::IsBlank, O::IsNotBlank],
        FieldType::Date | FieldType::Datetime => &[
            O::WithinLast,
            O::MoreThanAgo,
            O::Before,
            O::After,
            O::Is,
            O::Between,
            O::IsBlank,
            O::IsNotBlank,
        ],
        FieldType::List => &[O::Has, O::HasAny, O::HasAll, O::IsBlank, O::IsNotBlank],
    }
}

/// What to type for a value of `ty` after `op`, for the value prompt.
fn hint(ty: FieldType, op: BuilderOp) -> &'static str {
    let one = match ty {
        FieldType::Integer | FieldType::Decimal => "a number",
        FieldType::Date | FieldType::Datetime => "a date like 2026-01-31",
        FieldType::List => "a tag",
        _ => "text (quotes are added for you)",
    };
    match op.needs() {
        Needs::Nothing => "no value needed: press Enter",
        Needs::Days => "a number of days",
        Needs::Two => "two values separated by a comma (smaller first)",
        Needs::Several => "values separated by commas",
        Needs::One => one,
    }
}

/// `value` as a rule literal for a field of `ty`: text and tags quoted (with `"` and
/// `\` escaped as the rule language reads them), anything else as typed.
fn literal(ty: FieldType, value: &str) -> String {
    let value = value.trim();
    match ty {
        FieldType::Text | FieldType::List => {
            let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
            format!("\"{escaped}\"")
        }
        _ => value.to_string(),
    }
}

/// The condition `field op value` as rule text, or what is missing from `value`.
pub fn condition(field: &Field, op: BuilderOp, value: &str) -> Result<String, String> {
    let name = &field.name;
    let ty = field.ty;
    let parts: Vec<&str> = value
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let missing = || Err(format!("type {}", hint(ty, op)));
    Ok(match op.needs() {
        Needs::Nothing => format!("{name} {}", op.label()),
        Needs::Days => {
            let days = value.trim();
            if days.is_empty() {
                return missing();
            }
            match op {
                O::WithinLast => format!("{name} within last {days} days"),
                _ => format!("{name} more than {days} days ago"),
            }
        }
        Needs::One if value.trim().is_empty() => return missing(),
        Needs::One => format!("{name} {} {}", op.label(), literal(ty, value)),
        Needs::Two if parts.len() != 2 => return missing(),
        Needs::Two => format!(
            "{name} between {} and {}",
            literal(ty, parts[0]),
            literal(ty, parts[1])
        ),
        Needs::Several if parts.is_empty() => return missing(),
        Needs::Several => {
            let items: Vec<String> = parts.iter().map(|p| literal(ty, p)).collect();
            format!("{name} {} ({})", op.label(), items.join(", "))
        }
    })
}

/// `rule` with `condition` appended with `and`. A rule whose top level is an `or` is
/// put in parentheses first, since `and` binds tighter and would otherwise attach the
/// condition to its last part only.
pub fn append(rule: &str, condition: &str) -> String {
    let trimmed = rule.trim_end();
    if trimmed.trim_start().is_empty() {
        return condition.to_string();
    }
    match parse::parse(trimmed) {
        Ok(Rule::Or(_)) => format!("({trimmed}) and {condition}"),
        _ => format!("{trimmed} and {condition}"),
    }
}

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
    pub value: LineInput,
    /// What is missing from the value, after Enter.
    pub error: Option<String>,
}

impl BuilderState {
    pub fn new(fields: Vec<Field>) -> BuilderState {
        BuilderState {
            step: BuilderStep::Field,
            fields,
            field: 0,
            op: 0,
            value: LineInput::default(),
            error: None,
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

    /// True when the chosen operator takes no value, so Enter on it finishes.
    pub fn needs_no_value(&self) -> bool {
        self.chosen_op()
            .is_some_and(|op| op.needs() == Needs::Nothing)
    }
}

fn ops_for_len(fields: &[Field], i: usize) -> usize {
    fields.get(i).map_or(0, |f| ops_for(f.ty).len())
}

/// Lines of a list with the selected item reversed, scrolled to show it in `height`.
fn list_lines(items: Vec<Line<'static>>, selected: usize, height: usize) -> Vec<Line<'static>> {
    let top = selected.saturating_sub(height.saturating_sub(1));
    items
        .into_iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(i, line)| {
            if i == selected {
                line.patch_style(theme::SELECTED)
            } else {
                line
            }
        })
        .collect()
}

impl Widget for &BuilderState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let rect = centred(area, 64, 16);
        Clear.render(rect, buf);
        let step = match self.step {
            BuilderStep::Field => " Condition builder: 1/3 pick a field ",
            BuilderStep::Operator => " Condition builder: 2/3 pick an operator ",
            BuilderStep::Value => " Condition builder: 3/3 type the value ",
        };
        let block = Block::bordered().title(step);
        let inner = block.inner(rect);
        block.render(rect, buf);
        if inner.height < 3 || inner.width < 4 {
            return;
        }
        let width = usize::from(inner.width);
        let body = Rect::new(inner.x, inner.y, inner.width, inner.height - 2);
        let height = usize::from(body.height);
        match self.step {
            BuilderStep::Field => {
                let items = self
                    .fields
                    .iter()
                    .map(|f| {
                        let (mark, style) = theme::sensitivity(f.class)
                            .unwrap_or(("  ", ratatui::style::Style::default()));
                        Line::from(vec![
                            Span::styled(format!("{mark} "), style),
                            Span::styled(fit(&f.name, width.saturating_sub(14)), style),
                            Span::styled(format!(" {:<9}", f.ty.as_str()), theme::CHROME),
                        ])
                    })
                    .collect();
                Paragraph::new(list_lines(items, self.field, height)).render(body, buf);
            }
            BuilderStep::Operator => {
                let name = self.chosen_field().map_or("", |f| f.name.as_str());
                let mut lines = vec![Line::from(fit(name, width))];
                let items = self
                    .ops()
                    .iter()
                    .map(|op| Line::from(format!("  {}", op.label())))
                    .collect();
                lines.extend(list_lines(items, self.op, height.saturating_sub(1)));
                Paragraph::new(lines).render(body, buf);
            }
            BuilderStep::Value => self.render_value(body, buf),
        }
        let footer = Rect::new(inner.x, inner.bottom() - 1, inner.width, 1);
        Line::styled("Enter next   Esc back   Up/Down choose", theme::CHROME).render(footer, buf);
    }
}

impl BuilderState {
    fn render_value(&self, area: Rect, buf: &mut Buffer) {
        let (Some(field), Some(op)) = (self.chosen_field(), self.chosen_op()) else {
            return;
        };
        let width = usize::from(area.width);
        let line = |buf: &mut Buffer, y: u16, line: Line<'_>| {
            if y < area.bottom() {
                line.render(Rect::new(area.x, y, area.width, 1), buf);
            }
        };
        line(
            buf,
            area.y,
            Line::from(fit(&format!("{} {} ...", field.name, op.label()), width)),
        );
        line(
            buf,
            area.y + 1,
            Line::styled(fit(hint(field.ty, op), width), theme::CHROME),
        );
        let input = Rect::new(area.x, area.y + 3, area.width, 1);
        if input.y < area.bottom() {
            Line::from("> ").render(input, buf);
            let text = Rect::new(input.x + 2, input.y, input.width.saturating_sub(2), 1);
            line_input::render(&self.value, true, theme::HEADER, text, buf);
        }
        match (&self.error, condition(field, op, self.value.text())) {
            (Some(e), _) => line(buf, area.y + 5, Line::styled(fit(e, width), theme::ERROR)),
            (None, Ok(text)) => line(
                buf,
                area.y + 5,
                Line::from(fit(&format!("adds: {text}"), width)),
            ),
            (None, Err(_)) => {}
        }
    }
}
