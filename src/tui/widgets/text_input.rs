//! A one-line text input: its state ([`TextInput`]: the text and a cursor) and its
//! widget ([`TextInputView`]).
//!
//! Edits arrive as [`TextEdit`] intents from the keymap, so this file knows no key
//! codes. Control characters (typed or pasted) never enter the text: a pasted line
//! break or escape sequence would otherwise reach the terminal or a file name.
//! The terminal cursor stays hidden; the cursor is drawn as a reversed cell.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use unicode_segmentation::UnicodeSegmentation;

use super::cell_text::{display_width, fit};
use crate::tui::theme;

/// One change to a text input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextEdit {
    /// Type a character at the cursor.
    Insert(char),
    /// Paste text at the cursor (control characters dropped).
    Paste(String),
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    Delete,
    Left,
    Right,
    Home,
    End,
    /// Delete everything.
    Clear,
}

/// The text of an input and the cursor, as a byte offset on a grapheme boundary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    value: String,
    cursor: usize,
}

impl TextInput {
    /// An input holding `value`, cursor at the end.
    pub fn new(value: impl Into<String>) -> Self {
        let mut input = TextInput::default();
        input.set(value);
        input
    }

    /// The text as typed.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// Replace the text (control characters dropped), cursor at the end.
    pub fn set(&mut self, value: impl Into<String>) {
        self.value = value.into().chars().filter(|c| !c.is_control()).collect();
        self.cursor = self.value.len();
    }

    /// True when nothing but white space has been typed.
    pub fn is_blank(&self) -> bool {
        self.value.trim().is_empty()
    }

    /// Apply one edit.
    pub fn apply(&mut self, edit: &TextEdit) {
        match edit {
            TextEdit::Insert(c) => self.insert(&c.to_string()),
            TextEdit::Paste(s) => self.insert(s),
            TextEdit::Backspace => {
                if let Some(start) = self.previous_boundary() {
                    self.value.replace_range(start..self.cursor, "");
                    self.cursor = start;
                }
            }
            TextEdit::Delete => {
                if let Some(end) = self.next_boundary() {
                    self.value.replace_range(self.cursor..end, "");
                }
            }
            TextEdit::Left => self.cursor = self.previous_boundary().unwrap_or(self.cursor),
            TextEdit::Right => self.cursor = self.next_boundary().unwrap_or(self.cursor),
            TextEdit::Home => self.cursor = 0,
            TextEdit::End => self.cursor = self.value.len(),
            TextEdit::Clear => self.set(""),
        }
    }

    fn insert(&mut self, s: &str) {
        let clean: String = s.chars().filter(|c| !c.is_control()).collect();
        self.value.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    fn previous_boundary(&self) -> Option<usize> {
        self.value[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map(|(i, _)| i)
    }

    fn next_boundary(&self) -> Option<usize> {
        self.value[self.cursor..]
            .graphemes(true)
            .next()
            .map(|g| self.cursor + g.len())
    }
}

/// Draws a [`TextInput`] on one line; when the text is wider than the area, the part
/// around the cursor shows.
pub struct TextInputView<'a> {
    pub input: &'a TextInput,
    /// Whether the input has the keyboard (draws the cursor).
    pub focused: bool,
    pub style: Style,
}

impl Widget for TextInputView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let width = usize::from(area.width);
        let before = &self.input.value[..self.input.cursor];
        let after = &self.input.value[self.input.cursor..];
        // Keep one column for the cursor cell; drop leading graphemes until the text
        // before the cursor fits.
        let mut shown_before = before;
        while display_width(&crate::text::for_terminal(shown_before)) + 1 > width {
            let mut g = shown_before.graphemes(true);
            if g.next().is_none() {
                break;
            }
            shown_before = g.as_str();
        }
        let used = display_width(&crate::text::for_terminal(shown_before));
        let text = format!("{shown_before}{after}");
        buf.set_stringn(area.x, area.y, fit(&text, width), width, self.style);
        if self.focused && used < width {
            let x = area.x + used as u16;
            if let Some(cell) = buf.cell_mut((x, area.y)) {
                cell.set_style(theme::SELECTED);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_move_by_whole_graphemes() {
        let mut t = TextInput::new("ab");
        t.apply(&TextEdit::Insert('é'));
        assert_eq!(t.value(), "abé");
        t.apply(&TextEdit::Left);
        t.apply(&TextEdit::Backspace);
        assert_eq!(t.value(), "aé");
        t.apply(&TextEdit::Home);
        t.apply(&TextEdit::Delete);
        assert_eq!(t.value(), "é");
        t.apply(&TextEdit::End);
        t.apply(&TextEdit::Paste("x\u{1b}[2J\ny".into()));
        assert_eq!(t.value(), "éx[2Jy");
        t.apply(&TextEdit::Clear);
        assert_eq!(t.value(), "");
    }
}
