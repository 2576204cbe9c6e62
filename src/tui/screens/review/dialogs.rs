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
use crate::tui::widgets::cell_text::fit;
use crate::tui::widgets::dialog::centred;
use crate::tui::widgets::text_input::{TextInput, TextInputView};

/// The unlock dialog: which field, then why.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UnlockDialog {
    /// The fields that can be unlocked: special category and protected, not yet
    /// unlocked for this campaign.
    pub fields: Vec<(String, PrivacyClass)>,
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
    pub fn field(&self) -> Option<&(String, PrivacyClass)> {
        self.fields.get(self.choice)
    }

    /// Visible characters of the justification, as the core counts them
    /// ([`crate::written::measure`]: zero-width and format characters do not count).
    pub fn count(&self) -> usize {
        crate::written::measure(self.reason.value()).chars
    }

    /// True when the justification passes the core's check.
    pub fn is_enough(&self) -> bool {
        crate::written::check_justification("", self.reason.value()).is_ok()
    }

    pub fn render(&self, campaign: &str, area: Rect, buf: &mut Buffer) {
        let rect = centred(area, 72, 14);
        Clear.render(rect, buf);
        let block = Block::bordered().title(format!(
            " Unlock a field for `{}` ",
            fit(campaign, campaign.chars().count().min(30)).trim_end()
        ));
        let inner = block.inner(rect);
        block.render(rect, buf);
        if inner.height < 4 {
            return;
        }
        let width = usize::from(inner.width);
        let keys;
        if !self.reason_step {
            keys = " Up/Down choose   Enter next   Esc cancel";
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
            let room = usize::from(inner.height.saturating_sub(4));
            let first = self.choice.saturating_sub(room.saturating_sub(1));
            for (i, (name, class)) in self.fields.iter().enumerate().skip(first).take(room) {
                let (mark, style) = theme::sensitivity(*class).unwrap_or(("  ", Style::default()));
                let text = fit(
                    &format!("{name} ({})", class.label()),
                    width.saturating_sub(5),
                );
                let text_style = if i == self.choice {
                    style.patch(theme::SELECTED)
                } else {
                    style
                };
                lines.push(Line::from(vec![
                    Span::styled(format!("  {mark} "), style),
                    Span::styled(text, text_style),
                ]));
            }
            Paragraph::new(lines).render(
                Rect::new(inner.x, inner.y, inner.width, inner.height - 2),
                buf,
            );
        } else {
            keys = " Enter unlock   Esc cancel";
            let (name, class) = self
                .field()
                .map_or(("", "field"), |(n, c)| (n.as_str(), c.label()));
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
                Rect::new(inner.x + 1, inner.y, inner.width.saturating_sub(2), 5),
                buf,
            );
            let y = inner.y + 5;
            Span::styled(" Justification: ", theme::HEADER)
                .render(Rect::new(inner.x, y, 16, 1), buf);
            TextInputView {
                input: &self.reason,
                focused: true,
                style: theme::COMMAND,
            }
            .render(
                Rect::new(inner.x + 16, y, inner.width.saturating_sub(17), 1),
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
                .render(Rect::new(inner.x, y + 1, inner.width, 1), buf);
        }
        footer(
            self.error.as_deref(),
            self.pending.is_some(),
            keys,
            inner,
            buf,
        );
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
        let rect = centred(area, 72, 10);
        Clear.render(rect, buf);
        let block = Block::bordered().title(format!(
            " Sign off `{}` ",
            fit(campaign, campaign.chars().count().min(30)).trim_end()
        ));
        let inner = block.inner(rect);
        block.render(rect, buf);
        if inner.height < 6 {
            return;
        }
        Line::from(fit(
            " Records this review's hash; any later change makes the sign-off stale.",
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
        footer(
            self.error.as_deref(),
            self.pending.is_some(),
            " Tab other input   Enter next / sign off   Esc cancel",
            inner,
            buf,
        );
    }
}

fn footer(error: Option<&str>, pending: bool, keys: &str, inner: Rect, buf: &mut Buffer) {
    let width = usize::from(inner.width);
    let y = inner.bottom() - 1;
    if let Some(e) = error {
        Span::styled(fit(&format!(" {e}"), width), theme::ERROR)
            .render(Rect::new(inner.x, y - 1, inner.width, 1), buf);
    } else if pending {
        Span::raw(" saving...").render(Rect::new(inner.x, y - 1, inner.width, 1), buf);
    }
    Span::styled(fit(keys, width), theme::CHROME)
        .render(Rect::new(inner.x, y, inner.width, 1), buf);
}
