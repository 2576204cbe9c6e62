//! A one-line text input: the text, a cursor, the edits a user can make, and drawing a
//! window of it that keeps the cursor in view.
//!
//! The cursor counts characters (not bytes), so no edit can split a UTF-8 sequence.
//! Drawing measures display width per character after [`crate::text::for_terminal`]
//! (which maps each unsafe character to exactly one visible stand-in), so a wide
//! character or a pasted escape sequence never shifts what is drawn after it. Used by
//! the segment editor and the condition builder; `update` applies edits, the widget
//! only reads.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use crate::tui::theme;

/// One change to a [`LineInput`], as the keymap sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputEdit {
    /// Type a character at the cursor.
    Insert(char),
    /// Insert pasted text at the cursor; line breaks and tabs become spaces, other
    /// control characters are dropped (the input holds one line).
    Paste(String),
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    Delete,
    Left,
    Right,
    Home,
    End,
}

/// The text and cursor of a one-line input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Position of the cursor, in characters from the start (0..=length).
    cursor: usize,
}

impl LineInput {
    /// An input holding `text`, with the cursor at its end.
    pub fn new(text: &str) -> LineInput {
        LineInput {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Apply `edit`; true when the text changed (a cursor move is not a change).
    pub fn apply(&mut self, edit: &InputEdit) -> bool {
        let len = self.text.chars().count();
        match edit {
            InputEdit::Insert(c) => {
                if c.is_control() {
                    return false;
                }
                let at = self.byte_at(self.cursor);
                self.text.insert(at, *c);
                self.cursor += 1;
                true
            }
            InputEdit::Paste(pasted) => {
                let clean: String = pasted
                    .chars()
                    .filter_map(|c| match c {
                        '\n' | '\r' | '\t' => Some(' '),
                        c if c.is_control() || crate::text::is_unsafe(c) => None,
                        c => Some(c),
                    })
                    .collect();
                if clean.is_empty() {
                    return false;
                }
                self.replace(self.cursor, self.cursor, &clean);
                true
            }
            InputEdit::Backspace if self.cursor > 0 => {
                self.replace(self.cursor - 1, self.cursor, "");
                true
            }
            InputEdit::Delete if self.cursor < len => {
                self.replace(self.cursor, self.cursor + 1, "");
                true
            }
            InputEdit::Backspace | InputEdit::Delete => false,
            InputEdit::Left => {
                self.cursor = self.cursor.saturating_sub(1);
                false
            }
            InputEdit::Right => {
                self.cursor = (self.cursor + 1).min(len);
                false
            }
            InputEdit::Home => {
                self.cursor = 0;
                false
            }
            InputEdit::End => {
                self.cursor = len;
                false
            }
        }
    }

    /// Replace the characters `start..end` with `with` and put the cursor after it.
    /// Positions past the end are clamped.
    pub fn replace(&mut self, start: usize, end: usize, with: &str) {
        let len = self.text.chars().count();
        let (start, end) = (start.min(len), end.min(len).max(start.min(len)));
        let (a, b) = (self.byte_at(start), self.byte_at(end));
        self.text.replace_range(a..b, with);
        self.cursor = start + with.chars().count();
    }

    /// The part of the text drawn in `width` columns: the first character shown, and
    /// each shown character's stand-in and column. The window starts at 0 when the
    /// cursor fits, otherwise it ends just after the cursor.
    pub fn window(&self, width: u16) -> Window {
        let width = usize::from(width);
        let cells: Vec<(String, usize)> = self
            .text
            .chars()
            .map(|c| {
                let mut buf = [0u8; 4];
                let safe = crate::text::for_terminal(c.encode_utf8(&mut buf)).into_owned();
                let w = UnicodeWidthStr::width(safe.as_str());
                (safe, w)
            })
            .collect();
        // Columns needed up to and including the cursor (one for the cursor itself).
        let mut start = 0;
        let mut used: usize = cells[..self.cursor.min(cells.len())]
            .iter()
            .map(|c| c.1)
            .sum::<usize>()
            + 1;
        while used > width && start < self.cursor {
            used -= cells[start].1;
            start += 1;
        }
        let mut shown = Vec::new();
        let mut x = 0;
        for (cell, w) in cells.into_iter().skip(start) {
            if x + w > width {
                break;
            }
            shown.push((cell, x as u16));
            x += w;
        }
        Window { start, shown }
    }
}

/// What [`LineInput::window`] shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// Index (in characters) of the first character shown.
    pub start: usize,
    /// Each shown character (made safe) with its column from the left edge.
    pub shown: Vec<(String, u16)>,
}

impl Window {
    /// The column of character `index` of the text, if it is shown; the end of the
    /// text (one past the last character) is shown when there is room for it.
    pub fn column_of(&self, index: usize, width: u16) -> Option<u16> {
        let i = index.checked_sub(self.start)?;
        match self.shown.get(i) {
            Some((_, x)) => Some(*x),
            None if i == self.shown.len() => {
                let end = self
                    .shown
                    .last()
                    .map_or(0, |(s, x)| x + UnicodeWidthStr::width(s.as_str()) as u16);
                (end < width).then_some(end)
            }
            None => None,
        }
    }
}

/// Draw `input` on one line of `area`: the text in `style`, the cursor (when
/// `focused`) as a reversed cell.
pub fn render(input: &LineInput, focused: bool, style: Style, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let window = input.window(area.width);
    for (cell, x) in &window.shown {
        buf.set_stringn(area.x + x, area.y, cell, usize::from(area.width - x), style);
    }
    if focused && let Some(x) = window.column_of(input.cursor(), area.width) {
        let cell = &mut buf[(area.x + x, area.y)];
        cell.set_style(style.patch(theme::SELECTED));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_move_by_characters_not_bytes() {
        let mut i = LineInput::new("Zoë");
        assert!(!i.apply(&InputEdit::Left));
        assert!(i.apply(&InputEdit::Backspace));
        assert_eq!((i.text(), i.cursor()), ("Zë", 1));
        assert!(i.apply(&InputEdit::Insert('花')));
        assert_eq!(i.text(), "Z花ë");
        i.apply(&InputEdit::Home);
        assert!(i.apply(&InputEdit::Delete));
        assert_eq!((i.text(), i.cursor()), ("花ë", 0));
        i.apply(&InputEdit::End);
        assert_eq!(i.cursor(), 2);
        assert!(!i.apply(&InputEdit::Delete), "nothing after the end");
    }

    #[test]
    fn paste_keeps_one_line_and_drops_controls() {
        let mut i = LineInput::new("");
        i.apply(&InputEdit::Paste("a\r\nb\tc\x1b[2Jd".into()));
        assert_eq!(i.text(), "a  b c[2Jd");
        assert_eq!(i.cursor(), 10);
    }

    #[test]
    fn window_keeps_the_cursor_in_view() {
        let i = LineInput::new("abcdefgh");
        // Width 5 with the cursor after `h` (needs a column): shows `efgh` + cursor.
        let w = i.window(5);
        assert_eq!(w.start, 4);
        assert_eq!(w.column_of(8, 5), Some(4));
        assert_eq!(w.column_of(2, 5), None);
        // Wide characters take two columns each: 花子 + cursor needs 5.
        let wide = LineInput::new("花子");
        let w = wide.window(5);
        assert_eq!((w.start, w.column_of(1, 5)), (0, Some(2)));
    }
}
