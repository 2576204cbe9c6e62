//! Drawing the condition builder popup: the step's list (fields with their sensitivity
//! marker, or operators), or the value input with what it adds and the suggestions.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::ops::hint;
use super::{BuilderState, BuilderStep};
use crate::tui::theme;
use crate::tui::widgets::cell_text::fit;
use crate::tui::widgets::dialog::centred;
use crate::tui::widgets::text_input;

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
        let keys = format!(
            "Enter next  Esc back  Up/Down choose  Tab: {}  Ctrl+N: {}",
            self.join.word(),
            if self.negate { "not" } else { "-" }
        );
        Line::styled(fit(&keys, width), theme::CHROME).render(footer, buf);
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
            text_input::render(&self.value, true, theme::HEADER, text, buf);
        }
        match (&self.error, self.written()) {
            (Some(e), _) => line(buf, area.y + 5, Line::styled(fit(e, width), theme::ERROR)),
            (None, Ok(text)) => line(
                buf,
                area.y + 5,
                Line::from(fit(&format!("adds: {text}"), width)),
            ),
            (None, Err(_)) => {}
        }
        let rest = Rect::new(
            area.x,
            area.y + 7,
            area.width,
            area.height.saturating_sub(7),
        );
        self.suggestions
            .render("Up/Down takes one", false, rest, buf);
    }
}
