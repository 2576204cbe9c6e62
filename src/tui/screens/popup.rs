//! Popups drawn over the screens: the key help (built from the keymap's table) and the
//! quit question.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use crate::tui::app::{App, Popup};
use crate::tui::keymap::{self, HelpSection};
use crate::tui::theme;
use crate::tui::widgets::cell_text::fit;

/// A rectangle of at most `width`×`height`, centred in `area` and never outside it.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Draw `app.popup`, if any, over `area`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    match app.popup {
        None => {}
        Some(Popup::Help) => help(area, buf),
        Some(Popup::ConfirmQuit) => confirm_quit(&app.unsaved, area, buf),
    }
}

/// Width of the keys column in the help.
const KEYS_WIDTH: usize = 16;

fn section_lines(section: &HelpSection, width: usize) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(section.title, theme::HEADER)];
    for (keys, what) in &section.entries {
        lines.push(Line::from(vec![
            Span::styled(fit(keys, KEYS_WIDTH), theme::COMMAND),
            Span::raw(fit(what, width.saturating_sub(KEYS_WIDTH))),
        ]));
    }
    lines.push(Line::from(""));
    lines
}

fn help(area: Rect, buf: &mut Buffer) {
    let rect = centred(area, 80, 22);
    Clear.render(rect, buf);
    let block = Block::bordered().title(" Keys (Esc closes) ");
    let inner = block.inner(rect);
    block.render(rect, buf);
    if inner.is_empty() {
        return;
    }
    let footer = "Mouse: click a tab or a row; the wheel scrolls.";
    let height = usize::from(inner.height.saturating_sub(1));
    let column_width = usize::from(inner.width / 2);
    // Fill the left column, then the right, keeping each section whole where it fits.
    let mut columns: [Vec<Line<'static>>; 2] = [Vec::new(), Vec::new()];
    let mut current = 0;
    for section in keymap::help() {
        let lines = section_lines(&section, column_width.saturating_sub(1));
        if current == 0 && columns[0].len() + lines.len() > height + 1 {
            current = 1;
        }
        columns[current].extend(lines);
    }
    let half = inner.width / 2;
    let body_height = inner.height.saturating_sub(1);
    let [left, right] = columns;
    Paragraph::new(left).render(Rect::new(inner.x, inner.y, half, body_height), buf);
    Paragraph::new(right).render(
        Rect::new(inner.x + half, inner.y, inner.width - half, body_height),
        buf,
    );
    Paragraph::new(footer).render(
        Rect::new(inner.x, inner.bottom().saturating_sub(1), inner.width, 1),
        buf,
    );
}

fn confirm_quit(unsaved: &[String], area: Rect, buf: &mut Buffer) {
    let height = (unsaved.len() as u16).saturating_add(6).min(16);
    let rect = centred(area, 60, height);
    Clear.render(rect, buf);
    let mut lines = vec![
        Line::from("These edits are not saved and will be lost:"),
        Line::from(""),
    ];
    for item in unsaved {
        lines.push(Line::from(format!(
            "  - {}",
            crate::text::for_terminal(item)
        )));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(vec![
        Span::styled("y", theme::COMMAND),
        Span::raw(" quit anyway   "),
        Span::styled("n", theme::COMMAND),
        Span::raw(" / "),
        Span::styled("Esc", theme::COMMAND),
        Span::raw(" stay"),
    ]));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(Block::bordered().title(" Quit without saving? "))
        .render(rect, buf);
}
