//! The contact screen: everything held about one contact (the same data as `tactful
//! contact show`, GDPR Art. 15), scrollable, and erasing it for good (`tactful contact
//! erase`, GDPR Art. 17) after a question that says it cannot be undone.
//!
//! A contact is opened from the contacts browser (Enter on a row) or by typing its key.
//! Every line passes `cell_text::wrap`, which sanitises it, before it is drawn.

pub mod jobs;
pub mod lines;
pub mod message;
pub mod update;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::theme;
use crate::tui::widgets::cell_text::{fit, wrap_indented};
use crate::tui::widgets::dialog::Confirm;
use crate::tui::widgets::text_input::{TextInput, TextInputView};

/// Where the keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContactMode {
    /// Reading the report.
    #[default]
    View,
    /// Typing a contact key.
    Typing,
    /// "Erase this contact?"
    ConfirmErase,
}

/// State of the contact screen.
#[derive(Debug, Clone, Default)]
pub struct ContactState {
    pub mode: ContactMode,
    /// The key typed.
    pub key: TextInput,
    /// The key of the stored contact shown, which `e` would erase; `None` when nothing
    /// erasable is shown (nothing yet, an erased contact, an erasure's report).
    pub shown: Option<String>,
    /// The report's lines (or the erasure's), unsanitised.
    pub lines: Vec<String>,
    pub scroll: usize,
    /// Generation of the report request in flight.
    pub pending: Option<u64>,
    /// Generation of the erasure in flight.
    pub erasing: Option<u64>,
    /// Why the last request failed.
    pub error: Option<String>,
}

/// The lines above and below the report: the key line and the key hints.
const CHROME_LINES: u16 = 2;

/// How many report lines fit in a body `body_height` lines tall.
pub fn page_rows(body_height: u16) -> usize {
    usize::from(body_height.saturating_sub(CHROME_LINES)).max(1)
}

impl Widget for &ContactState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height < CHROME_LINES + 1 {
            return;
        }
        let line_at = |i: u16| Rect::new(area.x, area.y + i, area.width, 1);
        self.key_line(line_at(0), buf);
        let body = Rect::new(area.x, area.y + 1, area.width, area.height - CHROME_LINES);
        let width = usize::from(area.width).saturating_sub(1);
        let text: Vec<Line> = if self.lines.is_empty() {
            vec![Line::from(
                " Press / to type a contact key, or Enter on a row of Fields > Contacts.",
            )]
        } else {
            self.lines
                .iter()
                .flat_map(|l| wrap_indented(l, width))
                .skip(self.scroll)
                .map(|l| Line::from(format!(" {l}")))
                .collect()
        };
        Paragraph::new(text).render(body, buf);
        let hints = match self.mode {
            ContactMode::View if self.shown.is_some() => {
                " / type a key   j/k PgDn/PgUp scroll   E erase this contact   ? keys"
            }
            ContactMode::View => " / type a key   j/k PgDn/PgUp scroll   ? keys",
            ContactMode::Typing => " Enter show this contact   Esc stop typing",
            ContactMode::ConfirmErase => " y erase for good   n / Esc keep it",
        };
        Line::styled(hints, theme::CHROME).render(line_at(area.height - 1), buf);
        if self.mode == ContactMode::ConfirmErase {
            self.confirm(area, buf);
        }
    }
}

impl ContactState {
    fn key_line(&self, area: Rect, buf: &mut Buffer) {
        if let Some(e) = &self.error {
            let text = format!(" error: {e}");
            Line::styled(fit(&text, usize::from(area.width)), theme::ERROR).render(area, buf);
            return;
        }
        if self.erasing.is_some() {
            Line::from(" erasing...").render(area, buf);
            return;
        }
        let label = " Contact key: ";
        Line::styled(label, theme::HEADER).render(area, buf);
        let x = area.x + label.len() as u16;
        TextInputView {
            input: &self.key,
            focused: self.mode == ContactMode::Typing,
            style: Default::default(),
        }
        .render(
            Rect::new(x, area.y, area.width.saturating_sub(x - area.x), 1),
            buf,
        );
    }

    fn confirm(&self, area: Rect, buf: &mut Buffer) {
        let key = self.shown.as_deref().unwrap_or_default();
        let question = format!(
            "Erase contact {key} for good (GDPR Art. 17)? Its row and undo records are deleted and only hashes stay on the suppression list, so no later import brings it back. This cannot be undone."
        );
        let answers = ("erase for good", "keep it");
        Confirm::sentence(" Erase contact? ", &question, answers, (64, 10)).render(area, buf);
    }
}
