//! The multi-line editor: its state ([`TextArea`], wrapping `ratatui_textarea::TextArea`,
//! which keeps the lines, a cursor, word moves and an undo/redo history) and its
//! widget ([`TextAreaView`]). Used for a message body and a segment rule.
//!
//! Edits arrive as the same [`TextEdit`] intents a one-line input takes (Home and End
//! act on the cursor's line, Clear empties that line, Undo and Redo walk the history)
//! plus [`AreaEdit`] for what only several lines have. Every text entering the editor
//! goes through [`super::paste::lines`]: control characters never enter it, a pasted
//! text keeps its line breaks as lines. We draw the editor ourselves (after
//! [`crate::text::for_terminal`]); the crate's own widget is not used, so nothing it
//! draws can bypass that. The view soft-wraps long lines and scrolls to keep the
//! cursor's row visible.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use ratatui_textarea::CursorMove;
use unicode_segmentation::UnicodeSegmentation;

use super::text_input::TextEdit;
use super::{paste, soft_wrap};

/// Edits only a multi-line editor has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaEdit {
    /// Break the line at the cursor.
    Newline,
    Up,
    Down,
}

/// Lines of text (never empty: an empty text is one empty line), a cursor (line and
/// character column) and the history of changes.
#[derive(Debug, Clone)]
pub struct TextArea {
    inner: ratatui_textarea::TextArea<'static>,
}

impl PartialEq for TextArea {
    fn eq(&self, other: &Self) -> bool {
        (self.lines(), self.cursor()) == (other.lines(), other.cursor())
    }
}

impl Default for TextArea {
    fn default() -> Self {
        TextArea::new("")
    }
}

impl TextArea {
    /// An editor holding `text` (sanitised, line breaks kept), cursor at the start,
    /// with no history.
    pub fn new(text: &str) -> Self {
        let lines: Vec<String> = paste::lines(text).split('\n').map(String::from).collect();
        TextArea {
            inner: ratatui_textarea::TextArea::new(lines),
        }
    }

    /// Put the cursor at the end of the last line.
    pub fn move_to_end(&mut self) {
        self.inner.move_cursor(CursorMove::Bottom);
        self.inner.move_cursor(CursorMove::End);
    }

    /// The text, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.inner.lines().join("\n")
    }

    pub fn lines(&self) -> &[String] {
        self.inner.lines()
    }

    /// The cursor: line index and column in characters, both from 0.
    pub fn cursor(&self) -> (usize, usize) {
        let ratatui_textarea::DataCursor(row, col) = self.inner.cursor();
        (row, col)
    }

    /// The cursor as a character index into [`Self::text`] (a line break counts one).
    pub fn cursor_index(&self) -> usize {
        let (row, col) = self.cursor();
        self.lines()[..row]
            .iter()
            .map(|l| l.chars().count() + 1)
            .sum::<usize>()
            + col
    }

    /// Put the cursor at character index `index` of [`Self::text`] (clamped).
    fn move_to_index(&mut self, index: usize) {
        let mut left = index;
        let last = self.lines().len() - 1;
        for (row, line) in self.lines().iter().enumerate() {
            let len = line.chars().count();
            if left <= len || row == last {
                let (row, col) = (row, left.min(len));
                self.jump(row, col);
                return;
            }
            left -= len + 1;
        }
    }

    fn jump(&mut self, row: usize, col: usize) {
        let clamp = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        self.inner
            .move_cursor(CursorMove::Jump(clamp(row), clamp(col)));
    }

    /// Apply one edit at the cursor; true when the text changed.
    pub fn apply(&mut self, edit: &TextEdit) -> bool {
        let t = &mut self.inner;
        match edit {
            TextEdit::Insert(c) if c.is_control() || crate::text::is_unsafe(*c) => false,
            TextEdit::Insert(c) => {
                t.insert_char(*c);
                true
            }
            TextEdit::Paste(text) => self.insert(&paste::lines(text)),
            TextEdit::Backspace => self.delete_grapheme(false),
            TextEdit::Delete => self.delete_grapheme(true),
            TextEdit::Left => self.step_grapheme(false),
            TextEdit::Right => self.step_grapheme(true),
            TextEdit::WordLeft => self.step(CursorMove::WordBack),
            TextEdit::WordRight => self.step(CursorMove::WordForward),
            TextEdit::Home => self.step(CursorMove::Head),
            TextEdit::End => self.step(CursorMove::End),
            TextEdit::Clear => self.clear_line(),
            TextEdit::Undo => t.undo(),
            TextEdit::Redo => t.redo(),
        }
    }

    /// The column (in characters) of the grapheme boundary next to the cursor on its
    /// line, after it (`forward`) or before it; `None` at the line's end or start.
    fn next_boundary(&self, forward: bool) -> Option<usize> {
        let (row, col) = self.cursor();
        let line = &self.lines()[row];
        let mut at = 0;
        let mut before = None;
        for g in line.graphemes(true) {
            if forward && at > col {
                return Some(at);
            }
            if !forward && at < col {
                before = Some(at);
            }
            at += g.chars().count();
        }
        if forward {
            (at > col).then_some(at)
        } else {
            before
        }
    }

    /// Left or Right by one whole grapheme cluster (a letter with its combining marks,
    /// a flag's two regional indicators), across a line break at either end; never a
    /// change.
    fn step_grapheme(&mut self, forward: bool) -> bool {
        match self.next_boundary(forward) {
            Some(col) => self.jump(self.cursor().0, col),
            None if forward => self.inner.move_cursor(CursorMove::Forward),
            None => self.inner.move_cursor(CursorMove::Back),
        }
        false
    }

    /// Backspace or Delete (`forward`) of one whole grapheme cluster, joining lines at
    /// either end; true when the text changed.
    fn delete_grapheme(&mut self, forward: bool) -> bool {
        let (row, col) = self.cursor();
        match (self.next_boundary(forward), forward) {
            (Some(end), true) => self.inner.delete_str(end - col),
            (Some(start), false) => {
                self.jump(row, start);
                self.inner.delete_str(col - start)
            }
            (None, true) => self.inner.delete_next_char(),
            (None, false) => self.inner.delete_char(),
        }
    }

    /// Move the cursor; never a change.
    fn step(&mut self, to: CursorMove) -> bool {
        self.inner.move_cursor(to);
        false
    }

    /// Apply one multi-line edit; true when the text changed.
    pub fn apply_area(&mut self, edit: AreaEdit) -> bool {
        match edit {
            AreaEdit::Newline => {
                self.inner.insert_newline();
                true
            }
            AreaEdit::Up => self.step(CursorMove::Up),
            AreaEdit::Down => self.step(CursorMove::Down),
        }
    }

    /// Insert `text` (already sanitised) at the cursor, its line breaks as lines; true
    /// when anything was inserted.
    pub fn insert(&mut self, text: &str) -> bool {
        !text.is_empty() && self.inner.insert_str(text)
    }

    /// Replace the characters `start..end` of [`Self::text`] with `with` (already
    /// sanitised) and put the cursor after it (two changes in the history: the
    /// deletion and the insertion).
    pub fn replace(&mut self, start: usize, end: usize, with: &str) {
        let end = end.max(start);
        self.move_to_index(start);
        self.inner.delete_str(end - start);
        self.inner.insert_str(with);
    }

    /// Empty the line the cursor is on (Ctrl+U), keeping the other lines; true when
    /// the text changed.
    pub fn clear_line(&mut self) -> bool {
        self.inner.move_cursor(CursorMove::End);
        // On an empty line the crate would join it to the line before: nothing to clear.
        self.cursor().1 > 0 && self.inner.delete_line_by_head()
    }
}

/// Draws a [`TextArea`] soft-wrapped at the area's width ([`super::soft_wrap`]), the
/// rows around the cursor showing.
pub struct TextAreaView<'a> {
    pub area: &'a TextArea,
    /// Whether the editor has the keyboard (draws the cursor).
    pub focused: bool,
    pub style: Style,
}

impl Widget for TextAreaView<'_> {
    fn render(self, rect: Rect, buf: &mut Buffer) {
        soft_wrap::render(self.area, self.focused, self.style, None, rect, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_join_and_keep_the_column() {
        let mut t = TextArea::new("Hi\nthere");
        t.apply(&TextEdit::End);
        t.apply_area(AreaEdit::Newline);
        t.apply(&TextEdit::Insert('!'));
        assert_eq!(t.text(), "Hi\n!\nthere");
        t.apply_area(AreaEdit::Down);
        t.apply(&TextEdit::End);
        assert_eq!(t.cursor(), (2, 5));
        t.apply_area(AreaEdit::Up);
        assert_eq!(t.cursor(), (1, 1));
        t.apply(&TextEdit::Home);
        t.apply(&TextEdit::Backspace);
        assert_eq!(t.text(), "Hi!\nthere");
        t.apply(&TextEdit::End);
        t.apply(&TextEdit::Delete);
        assert_eq!(t.text(), "Hi!there");
        t.apply(&TextEdit::Paste("a\u{1b}b\nc".into()));
        assert_eq!(t.text(), "Hi!ab\ncthere");
        assert_eq!(t.cursor(), (1, 1));
    }

    #[test]
    fn undo_and_redo_restore_the_text() {
        let mut t = TextArea::new("Hello");
        t.apply(&TextEdit::End);
        t.apply(&TextEdit::Paste(" world".into()));
        assert!(t.apply(&TextEdit::Undo));
        assert_eq!(t.text(), "Hello");
        assert!(t.apply(&TextEdit::Redo));
        assert_eq!(t.text(), "Hello world");
    }

    #[test]
    fn replace_and_clear_line_work_on_character_indexes() {
        // "# note\ncity" : `c` of city is index 7.
        let mut t = TextArea::new("# note\ncity");
        t.replace(7, 11, "country");
        assert_eq!((t.text(), t.cursor_index()), ("# note\ncountry".into(), 14));
        assert!(t.clear_line());
        assert_eq!((t.text(), t.cursor()), ("# note\n".into(), (1, 0)));
        assert!(!t.clear_line());
    }
}
