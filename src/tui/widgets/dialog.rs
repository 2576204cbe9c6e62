//! Dialogs shared by every screen and the app's own popups: where a dialog goes
//! ([`centred`]) and the yes/no question ([`Confirm`], most often one sentence:
//! [`Confirm::sentence`]).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use crate::text::for_terminal;
use crate::tui::theme;

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

/// A yes/no question in a bordered box of at most `width`×`height` centred in the
/// area: the question's lines, a blank line, then `y <yes>   n / Esc <no>`. The
/// caller makes untrusted text in `lines` safe for the terminal first.
pub struct Confirm<'a> {
    /// The box's title, with its padding (" Delete segment ").
    pub title: &'a str,
    pub lines: Vec<Line<'a>>,
    /// What `y` does ("delete") and what `n` or Esc does ("keep it").
    pub yes: &'a str,
    pub no: &'a str,
    pub width: u16,
    pub height: u16,
}

impl Confirm<'_> {
    /// A question in one sentence, answered `y <yes>` or `n / Esc <no>`, in a box of
    /// at most `width`×`height`: the shape of the delete, erase, undo and export
    /// questions. The sentence is made safe for the terminal here (`for_terminal`),
    /// so a caller may write an untrusted name (a segment's, a file's) into it as is.
    pub fn sentence(
        title: &'static str,
        question: &str,
        (yes, no): (&'static str, &'static str),
        (width, height): (u16, u16),
    ) -> Self {
        Confirm {
            title,
            lines: vec![Line::from(for_terminal(question).into_owned())],
            yes,
            no,
            width,
            height,
        }
    }
}

impl Widget for Confirm<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let rect = centred(area, self.width, self.height);
        Clear.render(rect, buf);
        let mut lines = self.lines;
        lines.push(Line::from(""));
        lines.push(Line::from(vec![
            Span::styled("y", theme::COMMAND),
            Span::raw(format!(" {}   ", self.yes)),
            Span::styled("n", theme::COMMAND),
            Span::raw(" / "),
            Span::styled("Esc", theme::COMMAND),
            Span::raw(format!(" {}", self.no)),
        ]));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(self.title))
            .render(rect, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(buf: &Buffer) -> Vec<String> {
        let area = buf.area;
        (area.top()..area.bottom())
            .map(|y| {
                (area.left()..area.right())
                    .map(|x| buf[(x, y)].symbol())
                    .collect()
            })
            .collect()
    }

    /// Worked out by hand: a 30×6 box centred in 30×7 starts on row 0 ((7 - 6) / 2);
    /// the keys line is `y delete   n / Esc keep it` (26 columns) in 28 inside.
    #[test]
    fn a_question_is_boxed_over_its_keys() {
        let area = Rect::new(0, 0, 30, 7);
        let mut buf = Buffer::empty(area);
        Confirm {
            title: " Delete? ",
            lines: vec![Line::from("Delete `vip`?")],
            yes: "delete",
            no: "keep it",
            width: 30,
            height: 6,
        }
        .render(area, &mut buf);
        assert_eq!(
            rows(&buf),
            [
                "┌ Delete? ───────────────────┐",
                "│Delete `vip`?               │",
                "│                            │",
                "│y delete   n / Esc keep it  │",
                "│                            │",
                "└────────────────────────────┘",
                "                              ",
            ]
        );
        assert_eq!(buf[(1, 3)].style().fg, theme::COMMAND.fg);
    }

    /// An untrusted name written into the sentence as is reaches the buffer with its
    /// escape shown as its Control Picture (`\x1b` → `␛`, U+241B), as
    /// `text::for_terminal` documents.
    #[test]
    fn a_sentence_shows_control_characters_as_pictures() {
        let area = Rect::new(0, 0, 30, 5);
        let mut buf = Buffer::empty(area);
        Confirm::sentence(
            " Delete? ",
            "Delete `\x1b[2J`?",
            ("delete", "keep it"),
            (30, 5),
        )
        .render(area, &mut buf);
        assert_eq!(rows(&buf)[1], "│Delete `␛[2J`?              │");
    }
}
