//! Popups drawn over the screens: the key help (built from the keymap's table, the
//! current screen's keys first, labels whole, in pages when it does not fit), the quit and undo questions, and the dialogs whose
//! drawing lives beside their screens (import options, field change).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::tui::app::{App, Popup};
use crate::tui::keymap::{self, HelpSection};
use crate::tui::screens::messages::new_dialogs::{AddEntryView, render_add};
use crate::tui::theme;
use crate::tui::widgets::cell_text::{display_width, fit, wrap};
use crate::tui::widgets::dialog::{Confirm, centred};

/// Draw `app.popup`, if any, over `area`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    match app.popup {
        None => {}
        Some(Popup::Help) => help(app, area, buf),
        Some(Popup::ConfirmQuit) => confirm_quit(&app.ctx.unsaved, area, buf),
        Some(Popup::ConfirmUndo) => confirm_undo(app, area, buf),
        Some(Popup::ImportOptions) => {
            if let Some(form) = &app.import.form {
                super::screens::import::options::render(form, area, buf);
            }
        }
        Some(Popup::FieldEdit) => {
            if let Some(edit) = &app.fields.edit {
                super::screens::fields::dialog::render(edit, area, buf);
            }
        }
        Some(Popup::CampaignPicker) => {
            super::screens::campaign_picker::render(&app.campaigns, area, buf)
        }
        Some(Popup::MergeFields) => super::screens::messages::merge_fields::render(
            &app.messages.merge,
            app.messages.merge_selected,
            app.messages.merge_fallback.as_ref(),
            area,
            buf,
        ),
        Some(Popup::NewCampaign) => {
            if let Some(d) = &app.messages.create {
                super::screens::messages::new_dialogs::render_new(d, area, buf);
            }
        }
        Some(Popup::AddEntry) => {
            let view = AddEntryView {
                state: &app.messages,
                saved: &app.segments.segments,
                loading: app.segments.pending_list.is_some(),
            };
            render_add(&view, area, buf);
        }
        Some(Popup::ConfirmDeleteCampaign) => confirm_delete_campaign(app, area, buf),
        Some(Popup::CampaignSettings) => {
            if let Some(form) = &app.settings {
                super::screens::campaign_settings::view::render(form, area, buf);
            }
        }
        Some(Popup::Explanation) => {
            if let Some(e) = &app.preview.explanation {
                super::screens::preview::explain::render(e, app.preview.explain_scroll, area, buf);
            }
        }
    }
}

/// Width of the keys column in the help.
const KEYS_WIDTH: usize = 16;

/// A section's lines in a column `width` wide, in groups that stay together in one
/// column: the title with the first key, then one group per key. Labels are never cut:
/// a long one wraps under itself, and keys too long for their column get a line of
/// their own.
fn section_lines(section: &HelpSection, width: usize) -> Vec<Vec<Line<'static>>> {
    let mut groups = vec![vec![Line::styled(section.title, theme::HEADER)]];
    let room = width.saturating_sub(KEYS_WIDTH).max(8);
    for (n, (keys, what)) in section.entries.iter().enumerate() {
        let lines = if keys.is_empty() {
            // Text of its own (a message), over the whole column.
            wrap(what, width.max(8))
                .into_iter()
                .map(Line::from)
                .collect()
        } else {
            key_lines(keys, what, room)
        };
        match groups.last_mut() {
            Some(first) if n == 0 => first.extend(lines),
            _ => groups.push(lines),
        }
    }
    groups
}

/// One key's lines: the keys, then what they do wrapped in `room` columns beside them.
fn key_lines(keys: &str, what: &str, room: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut keys_cell = fit(keys, KEYS_WIDTH);
    if display_width(keys) >= KEYS_WIDTH {
        lines.push(Line::styled(keys.to_string(), theme::COMMAND));
        keys_cell = " ".repeat(KEYS_WIDTH);
    }
    for (i, part) in wrap(what, room).into_iter().enumerate() {
        let lead = if i == 0 {
            Span::styled(keys_cell.clone(), theme::COMMAND)
        } else {
            Span::raw(" ".repeat(KEYS_WIDTH))
        };
        lines.push(Line::from(vec![lead, Span::raw(part)]));
    }
    lines
}

/// The help's rectangle in a terminal of `area`: most of it, up to 100×36.
fn help_rect(area: Rect) -> Rect {
    centred(
        area,
        area.width.saturating_sub(2).clamp(80, 100),
        area.height.saturating_sub(2).clamp(22, 36),
    )
}

/// The help's lines cut into columns of `height` lines, each `width` wide: sections
/// stay whole where they fit in one column, and a key's lines always do.
fn help_columns(sections: &[HelpSection], height: usize, width: usize) -> Vec<Vec<Line<'static>>> {
    let height = height.max(1);
    let mut columns: Vec<Vec<Line<'static>>> = vec![Vec::new()];
    for section in sections {
        let groups = section_lines(section, width.saturating_sub(1));
        let total: usize = groups.iter().map(Vec::len).sum();
        let used = columns.last().map_or(0, Vec::len);
        if used > 0 && used + total > height {
            columns.push(Vec::new());
        }
        for group in groups {
            let used = columns.last().map_or(0, Vec::len);
            if used > 0 && used + group.len() > height {
                columns.push(Vec::new());
            }
            for line in group {
                if columns.last().is_some_and(|c| c.len() >= height) {
                    columns.push(Vec::new());
                }
                if let Some(c) = columns.last_mut() {
                    c.push(line);
                }
            }
        }
        // A blank line between sections, where the column has room for it.
        if let Some(c) = columns.last_mut().filter(|c| c.len() < height) {
            c.push(Line::from(""));
        }
    }
    columns
}

/// The help for the screen showing: the status line's message whole if it was cut
/// there, then the screen's keys, then the global ones.
fn help_sections(app: &App) -> Vec<HelpSection> {
    let mut sections = keymap::help_for(&keymap::screen_scopes(app));
    if let Some(message) = &app.help_message {
        sections.insert(
            0,
            HelpSection {
                title: "The last message, whole",
                entries: vec![(String::new(), message.clone())],
            },
        );
    }
    sections
}

/// How many pages (two columns each) the help takes for `app`'s screen and size.
pub fn help_pages(app: &App) -> usize {
    let inner = Block::bordered().inner(help_rect(app.ctx.size));
    let columns = help_columns(
        &help_sections(app),
        usize::from(inner.height.saturating_sub(1)),
        usize::from(inner.width / 2),
    );
    columns.len().div_ceil(2).max(1)
}

fn help(app: &App, area: Rect, buf: &mut Buffer) {
    let rect = help_rect(area);
    Clear.render(rect, buf);
    let pages = help_pages(app);
    let page = app.help_page.min(pages - 1);
    let title = if pages > 1 {
        format!(
            " Keys, page {} of {pages} (PgDn more, Esc closes) ",
            page + 1
        )
    } else {
        " Keys (Esc closes) ".to_string()
    };
    let block = Block::bordered().title(title);
    let inner = block.inner(rect);
    block.render(rect, buf);
    if inner.is_empty() {
        return;
    }
    let footer = "Mouse: click a tab or a row; the wheel scrolls.";
    let half = inner.width / 2;
    let body_height = inner.height.saturating_sub(1);
    let sections = help_sections(app);
    let mut columns =
        help_columns(&sections, usize::from(body_height), usize::from(half)).into_iter();
    let mut columns = columns.by_ref().skip(page * 2);
    let left = columns.next().unwrap_or_default();
    let right = columns.next().unwrap_or_default();
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

fn confirm_undo(app: &App, area: Rect, buf: &mut Buffer) {
    let what = match app.import.latest_active() {
        Some(b) => format!(
            "Undo batch {} ({})? Its contacts are removed, the ones it updated are put back, and the fields it added are dropped.",
            b.id, b.file_name
        ),
        None => "Undo the latest import still in effect?".to_string(),
    };
    Confirm::sentence(" Undo import? ", &what, ("undo", "keep it"), (64, 8)).render(area, buf);
}

fn confirm_delete_campaign(app: &App, area: Rect, buf: &mut Buffer) {
    let name = app.campaigns.current_name().unwrap_or_default();
    let question = format!(
        "Delete campaign `{name}` with its entries and unlocks? Its segments stay; the audit log, sign-offs and exports keep its history."
    );
    Confirm::sentence(
        " Delete campaign? ",
        &question,
        ("delete", "keep it"),
        (64, 8),
    )
    .render(area, buf);
}

fn confirm_quit(unsaved: &[String], area: Rect, buf: &mut Buffer) {
    let height = (unsaved.len() as u16).saturating_add(6).min(16);
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
    Confirm {
        title: " Quit without saving? ",
        lines,
        yes: "quit anyway",
        no: "stay",
        width: 60,
        height,
    }
    .render(area, buf);
}
