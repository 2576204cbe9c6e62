//! The Review screen's dialogs: unlocking a field for the campaign (pick one of the
//! special category or protected fields, then write the justification, at least
//! `written::MIN_JUSTIFICATION_CHARS` visible characters in two words, with a counter
//! of visible characters as the core counts them) and signing
//! the campaign off (reviewer name and note).
//!
//! Each dialog's state sits beside its drawing; `super::update` changes them,
//! drawing only reads.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use crate::fields::PrivacyClass;
use crate::fields::policy::MIN_JUSTIFICATION_CHARS;
use crate::tui::theme;
use crate::tui::widgets::cell_text::{fit, wrap};
use crate::tui::widgets::dialog::centred;
use crate::tui::widgets::text_input::{TextInput, TextInputView};

/// A field the unlock dialog lists.
#[derive(Debug, Clone, PartialEq)]
pub struct UnlockChoice {
    pub name: String,
    pub class: PrivacyClass,
    /// Why the campaign can never unlock it (`campaign::unlock::never_unlockable`: a
    /// special ad category), shown before any justification is typed; `None` when it
    /// can be unlocked.
    pub refused: Option<String>,
}

/// The unlock dialog: which field, then why.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UnlockDialog {
    /// The special category and protected fields not yet unlocked for this campaign,
    /// with those it can never unlock marked.
    pub fields: Vec<UnlockChoice>,
    pub choice: usize,
    /// True once the field is chosen and the justification is being typed.
    pub reason_step: bool,
    pub reason: TextInput,
    pub error: Option<String>,
    /// The unlock being waited for.
    pub pending: Option<u64>,
}

impl UnlockDialog {
    /// True while the justification has the keyboard.
    pub fn typing(&self) -> bool {
        self.reason_step
    }

    /// The chosen field.
    pub fn field(&self) -> Option<&UnlockChoice> {
        self.fields.get(self.choice)
    }

    /// Visible characters of the justification, as the core counts them
    /// ([`crate::written::measure`]: zero-width and format characters do not count).
    pub fn count(&self) -> usize {
        crate::written::measure(self.reason.value()).chars
    }

    /// True when the justification passes the core's check.
    pub fn is_enough(&self) -> bool {
        let field = self.field().map_or("", |c| c.name.as_str());
        crate::written::check_justification_about("", self.reason.value(), field).is_ok()
    }

    pub fn render(&self, campaign: &str, area: Rect, buf: &mut Buffer) {
        // Room under the list or the input for a refusal or rule, whole (wrapped).
        let note = self.error.as_deref().or_else(|| {
            self.field()
                .and_then(|c| c.refused.as_deref())
                .filter(|_| !self.reason_step)
        });
        // Wrapped at the box's inner width, after a one-column margin.
        let note_width = usize::from(area.width.min(72).saturating_sub(3));
        let note_lines = note.map_or(Vec::new(), |n| wrap(n, note_width.max(1)));
        let note_rows = note_lines.len().min(8) as u16;
        let rect = centred(area, 72, 14 + note_rows.saturating_sub(1));
        Clear.render(rect, buf);
        let block = Block::bordered().title(format!(
            " Unlock a field for `{}` ",
            fit(campaign, campaign.chars().count().min(30)).trim_end()
        ));
        let inner = block.inner(rect);
        block.render(rect, buf);
        if inner.height < 4 + note_rows {
            return;
        }
        let width = usize::from(inner.width);
        // Rows for the list or the input: all but the note, a blank row and the keys.
        let body = Rect::new(inner.x, inner.y, inner.width, inner.height - note_rows - 2);
        let keys;
        if !self.reason_step {
            keys = " Up/Down choose   Enter next   Esc cancel";
            self.render_fields(body, buf);
        } else {
            keys = " Enter unlock   Esc cancel";
            self.render_reason(body, buf);
        }
        if note.is_some() {
            let style = if self.error.is_some() {
                theme::ERROR
            } else {
                theme::WARNING
            };
            for (row, line) in note_lines.iter().take(usize::from(note_rows)).enumerate() {
                let y = body.bottom() + row as u16;
                Span::styled(line.as_str(), style).render(
                    Rect::new(inner.x + 1, y, inner.width.saturating_sub(1), 1),
                    buf,
                );
            }
        } else if self.pending.is_some() {
            Span::raw(" saving...")
                .render(Rect::new(inner.x, inner.bottom() - 2, inner.width, 1), buf);
        }
        Span::styled(fit(keys, width), theme::CHROME)
            .render(Rect::new(inner.x, inner.bottom() - 1, inner.width, 1), buf);
    }

    /// The list of fields; those the campaign can never unlock are drawn receding and
    /// say so.
    fn render_fields(&self, area: Rect, buf: &mut Buffer) {
        let width = usize::from(area.width);
        let mut lines = vec![Line::from(fit(
            " Which field does this campaign need? Unlocking is logged.",
            width,
        ))];
        if self.fields.is_empty() {
            lines.push(Line::from(fit(
                " No special category or protected field is left to unlock.",
                width,
            )));
        }
        let room = usize::from(area.height.saturating_sub(2));
        let first = self.choice.saturating_sub(room.saturating_sub(1));
        for (i, c) in self.fields.iter().enumerate().skip(first).take(room) {
            let (mark, class_style) =
                theme::sensitivity(c.class).unwrap_or(("  ", Style::default()));
            let (label, style) = match c.refused {
                Some(_) => (
                    format!("{} ({}): cannot be unlocked here", c.name, c.class.label()),
                    theme::CHROME,
                ),
                None => (format!("{} ({})", c.name, c.class.label()), class_style),
            };
            let text = fit(&label, width.saturating_sub(5));
            let text_style = if i == self.choice {
                style.patch(theme::SELECTED)
            } else {
                style
            };
            lines.push(Line::from(vec![
                Span::styled(format!("  {mark} "), class_style),
                Span::styled(text, text_style),
            ]));
        }
        Paragraph::new(lines).render(area, buf);
    }

    /// The chosen field, what the justification is for, the input and its counter.
    fn render_reason(&self, area: Rect, buf: &mut Buffer) {
        let width = usize::from(area.width);
        let (name, class) = self
            .field()
            .map_or(("", "field"), |c| (c.name.as_str(), c.class.label()));
        let lines = vec![
            Line::from(vec![
                Span::styled("Field: ", theme::HEADER),
                Span::raw(fit(&format!("{name} ({class})"), width.saturating_sub(9))),
            ]),
            Line::from(""),
            Line::from(
                "Why is this field necessary for this campaign? The justification is written to the audit log and travels with the export manifest.",
            ),
        ];
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(
            Rect::new(area.x + 1, area.y, area.width.saturating_sub(2), 5),
            buf,
        );
        let y = area.y + 5;
        if y + 1 >= area.bottom() {
            return;
        }
        Span::styled(" Justification: ", theme::HEADER).render(Rect::new(area.x, y, 16, 1), buf);
        TextInputView {
            input: &self.reason,
            focused: true,
            style: theme::COMMAND,
        }
        .render(
            Rect::new(area.x + 16, y, area.width.saturating_sub(17), 1),
            buf,
        );
        let n = self.count();
        let (counter, style) = if n < MIN_JUSTIFICATION_CHARS {
            (
                format!(
                    " {n}/{MIN_JUSTIFICATION_CHARS} characters: write at least {MIN_JUSTIFICATION_CHARS}"
                ),
                theme::WARNING,
            )
        } else if !self.is_enough() {
            (
                format!(" {n} characters: write at least two words"),
                theme::WARNING,
            )
        } else {
            (
                format!(" {n} characters (at least {MIN_JUSTIFICATION_CHARS}): ok"),
                Style::default(),
            )
        };
        Span::styled(fit(&counter, width), style)
            .render(Rect::new(area.x, y + 1, area.width, 1), buf);
    }
}

/// Which input of the sign-off dialog has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SignOffFocus {
    #[default]
    Name,
    Note,
}

/// The sign-off dialog: the reviewer's name and a note.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SignOffDialog {
    pub name: TextInput,
    pub note: TextInput,
    pub focus: SignOffFocus,
    pub error: Option<String>,
    pub pending: Option<u64>,
}

impl SignOffDialog {
    /// The input with the keyboard.
    pub fn focused(&mut self) -> &mut TextInput {
        match self.focus {
            SignOffFocus::Name => &mut self.name,
            SignOffFocus::Note => &mut self.note,
        }
    }

    pub fn render(&self, campaign: &str, area: Rect, buf: &mut Buffer) {
        // A refusal is shown whole, wrapped at the box's inner width after a one-column
        // margin; the box grows by the rows it needs beyond one.
        let error_width = usize::from(area.width.min(72).saturating_sub(3)).max(1);
        let error_lines = self
            .error
            .as_deref()
            .map_or(Vec::new(), |e| wrap(e, error_width));
        let error_rows = error_lines.len().min(8) as u16;
        let rect = centred(area, 72, 10 + error_rows.saturating_sub(1));
        Clear.render(rect, buf);
        let block = Block::bordered().title(format!(
            " Sign off `{}` ",
            fit(campaign, campaign.chars().count().min(30)).trim_end()
        ));
        let inner = block.inner(rect);
        block.render(rect, buf);
        // The header, the two inputs, the refusal's rows and the keys must all fit.
        if inner.height < 5 + error_rows.max(1) {
            return;
        }
        Line::from(fit(
            " Records this review's hash; a later change makes the sign-off stale.",
            usize::from(inner.width),
        ))
        .render(Rect::new(inner.x, inner.y, inner.width, 1), buf);
        for (i, (label, input, focus)) in [
            (" Reviewer: ", &self.name, SignOffFocus::Name),
            (" Note:     ", &self.note, SignOffFocus::Note),
        ]
        .into_iter()
        .enumerate()
        {
            let y = inner.y + 2 + i as u16;
            Span::styled(label, theme::HEADER).render(Rect::new(inner.x, y, 11, 1), buf);
            TextInputView {
                input,
                focused: self.focus == focus,
                style: theme::COMMAND,
            }
            .render(
                Rect::new(inner.x + 11, y, inner.width.saturating_sub(12), 1),
                buf,
            );
        }
        let keys_y = inner.bottom() - 1;
        if !error_lines.is_empty() {
            let first = keys_y - error_rows;
            for (row, line) in error_lines.iter().take(usize::from(error_rows)).enumerate() {
                Span::styled(line.as_str(), theme::ERROR).render(
                    Rect::new(
                        inner.x + 1,
                        first + row as u16,
                        inner.width.saturating_sub(1),
                        1,
                    ),
                    buf,
                );
            }
        } else if self.pending.is_some() {
            Span::raw(" saving...").render(Rect::new(inner.x, keys_y - 1, inner.width, 1), buf);
        }
        Span::styled(
            fit(
                " Tab other input   Enter next / sign off   Esc cancel",
                usize::from(inner.width),
            ),
            theme::CHROME,
        )
        .render(Rect::new(inner.x, keys_y, inner.width, 1), buf);
    }
}
