//! Drawing the segment editor: the inputs with their labels, the rule wrapped over up to
//! [`RULE_ROWS`] rows with the error under it (a caret at its column), the reach, the
//! field-name completions or the value suggestions, and the "drop changes?" question.
//!
//! A rule the privacy policy refuses is shown in the blocked style with the
//! [`theme::BLOCKED_MARK`] text marker, so the meaning survives without colour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{EditorState, Focus, char_index};
use crate::fields::Field;
use crate::tui::screens::segments::message::{Reach, RuleProblem};
use crate::tui::theme;
use crate::tui::view::thousands;
use crate::tui::widgets::cell_text::{display_width, fit};
use crate::tui::widgets::soft_wrap;
use crate::tui::widgets::text_input::{self, TextInput};

/// What the editor draws: its state and the workspace's fields (for markers).
pub struct EditorView<'a> {
    pub editor: &'a EditorState,
    pub fields: &'a [Field],
}

/// Column where the inputs start, after their labels.
const LABEL: u16 = 14;

/// Most rows the rule is drawn over (wrapped, with its line breaks).
const RULE_ROWS: u16 = 4;

/// "Drop the unsaved changes?" over the editor (Esc with changes).
fn confirm_discard(area: Rect, buf: &mut Buffer) {
    use ratatui::widgets::{Block, Clear};
    let rect = crate::tui::widgets::dialog::centred(area, 52, 6);
    Clear.render(rect, buf);
    Paragraph::new(vec![
        Line::from("The segment has changes that are not saved."),
        Line::from(""),
        Line::from(vec![
            Span::styled("y", theme::COMMAND),
            Span::raw(" drop them   "),
            Span::styled("n", theme::COMMAND),
            Span::raw(" / "),
            Span::styled("Esc", theme::COMMAND),
            Span::raw(" keep editing"),
        ]),
    ])
    .block(Block::bordered().title(" Drop changes? "))
    .render(rect, buf);
}

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
            None => text_input::render(
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
        text_input::render(
            &e.description,
            e.focus == Focus::Description,
            Style::default(),
            input_at(1),
            buf,
        );
        self.scope_line(Rect::new(area.x, area.y + 2, area.width, 1), buf);
        label(buf, 3, "Rule", Focus::Rule);
        // The rule takes the rows its wrapped lines need (up to RULE_ROWS, then it
        // scrolls with the cursor); what follows moves down with it.
        let width = area.width - 3;
        let needed = soft_wrap::layout(&e.rule.text(), width)
            .last()
            .map_or(1, |(r, _)| r + 1);
        let rows = needed.clamp(1, RULE_ROWS);
        let extra = rows - 1;
        let rule_area = Rect::new(area.x + 2, area.y + 4, width, rows);
        Line::styled(">", theme::CHROME).render(row(4), buf);
        let caret = needed <= RULE_ROWS && self.caret(rule_area, buf);
        soft_wrap::render(
            &e.rule,
            e.focus == Focus::Rule,
            theme::HEADER,
            self.marked().filter(|_| !caret),
            rule_area,
            buf,
        );
        let fits = |y: u16| y < area.height.saturating_sub(1);
        let message = Rect::new(
            area.x + 1,
            area.y + 6 + extra,
            area.width - 2,
            3.min(area.height.saturating_sub(7 + extra)),
        );
        self.reach_line(message, buf);
        if let Some(v) = &e.values {
            // The value list takes the rows down to the key hints.
            let rows = area.height.saturating_sub(11 + extra);
            let at = Rect::new(area.x + 1, area.y + 10 + extra, area.width - 1, rows);
            v.suggestions
                .render("Tab inserts, Down/Up choose", true, at, buf);
        } else if fits(10 + extra) {
            self.completions(row(10 + extra), buf);
        }
        if let Some(err) = &e.save_error
            && e.values.is_none()
            && fits(11 + extra)
        {
            Line::styled(
                fit(&format!(" not saved: {err}"), usize::from(area.width)),
                theme::ERROR,
            )
            .render(row(11 + extra), buf);
        }
        let keys = " Ctrl+S save  Esc cancel  Tab complete  Ctrl+B builder  Alt+Enter line break";
        Line::styled(fit(keys, usize::from(area.width)), theme::CHROME)
            .render(row(area.height - 1), buf);
        if let Some(builder) = &e.builder {
            builder.render(area, buf);
        }
        if e.confirm_discard {
            confirm_discard(area, buf);
        }
    }
}

/// A dim hint in an empty input that does not have the keyboard.
fn placeholder(input: &TextInput, show: bool, hint: &str, area: Rect, buf: &mut Buffer) {
    if show && input.value().is_empty() {
        Line::styled(fit(hint, usize::from(area.width)), theme::CHROME).render(area, buf);
    }
}

impl EditorView<'_> {
    /// `^` under the part of the rule an error points at, on the row below its text,
    /// when that row is free (the error is on the rule's last row); true when drawn.
    /// Otherwise the error's characters are marked in the text (see [`Self::marked`]).
    fn caret(&self, rule_area: Rect, buf: &mut Buffer) -> bool {
        let Some(Err(RuleProblem::Rule { error, blocked })) = &self.editor.reach else {
            return false;
        };
        let style = if *blocked {
            theme::BLOCKED
        } else {
            theme::ERROR
        };
        let text = self.editor.rule.text();
        let at = soft_wrap::layout(&text, rule_area.width);
        let index = char_index(&text, error.line, error.column).min(at.len() - 1);
        let (row, col) = at[index];
        let last = at.last().map_or(0, |(r, _)| *r);
        if row != last {
            return false;
        }
        let y = rule_area.y + row + 1;
        if y >= buf.area.bottom() {
            return false;
        }
        let room = usize::from(rule_area.width.saturating_sub(col));
        let marks = "^".repeat(error.len.clamp(1, room.max(1)));
        buf.set_stringn(rule_area.x + col, y, marks, room, style);
        true
    }

    /// The characters of the rule an error points at, and the style to mark them in.
    fn marked(&self) -> Option<(std::ops::Range<usize>, Style)> {
        let Some(Err(RuleProblem::Rule { error, blocked })) = &self.editor.reach else {
            return None;
        };
        let style = if *blocked {
            theme::BLOCKED
        } else {
            theme::ERROR
        };
        let start = char_index(&self.editor.rule.text(), error.line, error.column);
        Some((
            start..start + error.len.max(1),
            style.patch(theme::SELECTED),
        ))
    }

    /// Which scope the rule is checked in, and what Ctrl+O switches to.
    fn scope_line(&self, area: Rect, buf: &mut Buffer) {
        let e = self.editor;
        let name = |n: &str| crate::text::for_terminal(n).into_owned();
        let text = match (&e.campaign, &e.offer) {
            (Some(c), _) => format!(
                "campaign `{}`: its category and unlocks apply (Ctrl+O: no campaign)",
                name(c)
            ),
            (None, Some(c)) => format!(
                "no campaign (Ctrl+O: campaign `{}`, where its unlocks apply)",
                name(c)
            ),
            (None, None) => {
                "no campaign: protected and special category fields stay blocked".to_string()
            }
        };
        Line::styled(" Scope", theme::CHROME).render(area, buf);
        let at = Rect::new(
            area.x + LABEL,
            area.y,
            area.width.saturating_sub(LABEL + 1),
            1,
        );
        let style = if e.campaign.is_some() {
            theme::HEADER
        } else {
            theme::CHROME
        };
        Line::styled(fit(&text, usize::from(at.width)), style).render(at, buf);
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
