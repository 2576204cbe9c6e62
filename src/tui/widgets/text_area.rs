//! A multi-line text editor: its state ([`TextArea`]: lines and a cursor) and its
//! widget ([`TextAreaView`]).
//!
//! Edits arrive as the same [`TextEdit`] intents a one-line input takes (Home and End
//! act on the cursor's line, Clear empties that line) plus [`AreaEdit`] for what only
//! several lines have: a line break and moving up and down. The cursor moves by whole
//! graphemes. Control characters never enter the text; a pasted text keeps its line
//! breaks as lines. The view scrolls to keep the cursor visible, both ways.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use unicode_segmentation::UnicodeSegmentation;

use super::cell_text::{display_width, fit};
use super::text_input::TextEdit;
use crate::tui::theme;

/// Edits only a multi-line editor has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaEdit {
    /// Break the line at the cursor.
    Newline,
    Up,
    Down,
}

/// Lines of text (never empty: an empty text is one empty line) and the cursor as a
/// line index and a byte offset on a grapheme boundary of that line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextArea {
    lines: Vec<String>,
    row: usize,
    col: usize,
}

impl Default for TextArea {
    fn default() -> Self {
        TextArea::new("")
    }
}

fn clean(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

impl TextArea {
    /// An editor holding `text`, cursor at the start.
    pub fn new(text: &str) -> Self {
        let lines: Vec<String> = text.split('\n').map(clean).collect();
        TextArea {
            lines,
            row: 0,
            col: 0,
        }
    }

    /// The text, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// The cursor: line index and column in graphemes, both from 0.
    pub fn cursor(&self) -> (usize, usize) {
        (
            self.row,
            self.lines[self.row][..self.col].graphemes(true).count(),
        )
    }

    /// Apply one single-line edit at the cursor.
    pub fn apply(&mut self, edit: &TextEdit) {
        let count = self.lines.len();
        let line = &mut self.lines[self.row];
        match edit {
            TextEdit::Insert(c) => self.insert(&c.to_string()),
            TextEdit::Paste(s) => self.insert(s),
            TextEdit::Backspace => match line[..self.col].grapheme_indices(true).next_back() {
                Some((start, _)) => {
                    line.replace_range(start..self.col, "");
                    self.col = start;
                }
                None if self.row > 0 => {
                    let rest = self.lines.remove(self.row);
                    self.row -= 1;
                    self.col = self.lines[self.row].len();
                    self.lines[self.row].push_str(&rest);
                }
                None => {}
            },
            TextEdit::Delete => match line[self.col..].graphemes(true).next() {
                Some(g) => {
                    let end = self.col + g.len();
                    line.replace_range(self.col..end, "");
                }
                None if self.row + 1 < count => {
                    let next = self.lines.remove(self.row + 1);
                    self.lines[self.row].push_str(&next);
                }
                None => {}
            },
            TextEdit::Left => match line[..self.col].grapheme_indices(true).next_back() {
                Some((start, _)) => self.col = start,
                None if self.row > 0 => {
                    self.row -= 1;
                    self.col = self.lines[self.row].len();
                }
                None => {}
            },
            TextEdit::Right => match line[self.col..].graphemes(true).next() {
                Some(g) => self.col += g.len(),
                None if self.row + 1 < count => {
                    self.row += 1;
                    self.col = 0;
                }
                None => {}
            },
            TextEdit::Home => self.col = 0,
            TextEdit::End => self.col = line.len(),
            TextEdit::Clear => {
                line.clear();
                self.col = 0;
            }
        }
    }

    /// Apply one multi-line edit.
    pub fn apply_area(&mut self, edit: AreaEdit) {
        match edit {
            AreaEdit::Newline => {
                let rest = self.lines[self.row].split_off(self.col);
                self.lines.insert(self.row + 1, rest);
                self.row += 1;
                self.col = 0;
            }
            AreaEdit::Up if self.row > 0 => self.move_to_row(self.row - 1),
            AreaEdit::Down if self.row + 1 < self.lines.len() => self.move_to_row(self.row + 1),
            AreaEdit::Up | AreaEdit::Down => {}
        }
    }

    /// Go to line `row`, at the same grapheme column or the line's end.
    fn move_to_row(&mut self, row: usize) {
        let (_, column) = self.cursor();
        self.row = row;
        let line = &self.lines[row];
        self.col = line
            .grapheme_indices(true)
            .nth(column)
            .map_or(line.len(), |(i, _)| i);
    }

    /// Insert `s` at the cursor; its line breaks become lines.
    fn insert(&mut self, s: &str) {
        let mut parts = s.split('\n');
        let first = clean(parts.next().unwrap_or_default());
        let rest: Vec<String> = parts.map(clean).collect();
        let line = &mut self.lines[self.row];
        if rest.is_empty() {
            line.insert_str(self.col, &first);
            self.col += first.len();
            return;
        }
        let tail = line.split_off(self.col);
        line.push_str(&first);
        for (i, part) in rest.iter().enumerate() {
            self.row += 1;
            self.lines.insert(self.row, part.clone());
            if i + 1 == rest.len() {
                self.col = part.len();
                self.lines[self.row].push_str(&tail);
            }
        }
    }
}

/// Draws a [`TextArea`]; lines are cut to the width (the cursor's line scrolls
/// sideways to keep the cursor in view) and the lines around the cursor show.
pub struct TextAreaView<'a> {
    pub area: &'a TextArea,
    /// Whether the editor has the keyboard (draws the cursor).
    pub focused: bool,
    pub style: Style,
}

impl Widget for TextAreaView<'_> {
    fn render(self, rect: Rect, buf: &mut Buffer) {
        let rect = rect.intersection(buf.area);
        if rect.is_empty() {
            return;
        }
        let height = usize::from(rect.height);
        let width = usize::from(rect.width);
        let row = self.area.row;
        let top = (row + 1).saturating_sub(height);
        for (i, line) in self.area.lines.iter().enumerate().skip(top).take(height) {
            let y = rect.y + (i - top) as u16;
            if i != row || !self.focused {
                buf.set_stringn(rect.x, y, fit(line, width), width, self.style);
                continue;
            }
            let before = &line[..self.area.col];
            let mut shown = before;
            while display_width(&crate::text::for_terminal(shown)) + 1 > width {
                let mut g = shown.graphemes(true);
                if g.next().is_none() {
                    break;
                }
                shown = g.as_str();
            }
            let used = display_width(&crate::text::for_terminal(shown));
            let text = format!("{shown}{}", &line[self.area.col..]);
            buf.set_stringn(rect.x, y, fit(&text, width), width, self.style);
            if used < width
                && let Some(cell) = buf.cell_mut((rect.x + used as u16, y))
            {
                cell.set_style(theme::SELECTED);
            }
        }
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
}
