//! The one-line text input: its state ([`TextInput`], wrapping `tui_input::Input`, which
//! keeps the text and a cursor that moves by whole graphemes and by words) and drawing
//! it ([`render`], [`TextInputView`]).
//!
//! Edits arrive as [`TextEdit`] intents from the keymap, so this file knows no key
//! codes. Every text entering the input goes through [`super::paste::one_line`]:
//! control characters (typed or pasted) never enter it, since a pasted escape sequence
//! would otherwise reach the terminal or a file name. Drawing measures each grapheme
//! after [`crate::text::for_terminal`], so a wide character never shifts what follows;
//! the cursor is a reversed cell (the terminal cursor stays hidden).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use tui_input::{Input, InputRequest};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::cell_text::{display_width, fit};
use super::paste;
use crate::tui::theme;

/// One change to a text input or editor, as the keymap sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextEdit {
    /// Type a character at the cursor.
    Insert(char),
    /// Paste text at the cursor (sanitised: see [`super::paste`]).
    Paste(String),
    /// Delete the grapheme before the cursor.
    Backspace,
    /// Delete the grapheme under the cursor.
    Delete,
    Left,
    Right,
    /// To the start of the word before the cursor (Ctrl+Left).
    WordLeft,
    /// To the start of the next word (Ctrl+Right).
    WordRight,
    /// Start of the text (of the cursor's line in an editor).
    Home,
    /// End of the text (of the cursor's line in an editor).
    End,
    /// Delete everything (the cursor's line in an editor).
    Clear,
    /// Take back the last change (editors only; a one-line input keeps no history).
    Undo,
    /// Make the last undone change again (editors only).
    Redo,
}

/// How a key opens a one-line input, so that nothing typed is lost and nothing is
/// appended to an older value. Every input that a screen opens with a key says which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    /// Keep the text and the cursor where they are, to change the text (`e` on the
    /// Import and Contact screens, `i` on the suppression list).
    Edit,
    /// Start a new value with the key itself, where the key is how such values begin:
    /// `/`, `~` and `.` begin a path. Opening the input with such a key and dropping
    /// it read `/tmp/list.txt` as `tmp/list.txt`; typing it after an older path read
    /// the two as one.
    StartWith(char),
    /// Start a new, empty value (`/` on the Contact screen: no contact key begins
    /// with it).
    Fresh,
}

/// The text of a one-line input and its cursor (in characters from the start).
#[derive(Debug, Clone, Default)]
pub struct TextInput {
    input: Input,
}

impl PartialEq for TextInput {
    fn eq(&self, other: &Self) -> bool {
        (self.value(), self.cursor()) == (other.value(), other.cursor())
    }
}

impl Eq for TextInput {}

impl TextInput {
    /// An input holding `value` (sanitised), cursor at the end.
    pub fn new(value: impl Into<String>) -> Self {
        TextInput {
            input: Input::new(paste::one_line(&value.into())),
        }
    }

    /// The text as typed.
    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// The cursor, in characters from the start (always on a grapheme boundary).
    pub fn cursor(&self) -> usize {
        self.input.cursor()
    }

    /// Replace the text (sanitised), cursor at the end.
    pub fn set(&mut self, value: impl Into<String>) {
        *self = TextInput::new(value);
    }

    /// Take the keys that follow as `how` says: keep the text, or start afresh.
    pub fn open(&mut self, how: Opening) {
        match how {
            Opening::Edit => {}
            Opening::StartWith(c) => self.set(c),
            Opening::Fresh => self.set(""),
        }
    }

    /// True when nothing but white space has been typed.
    pub fn is_blank(&self) -> bool {
        self.value().trim().is_empty()
    }

    /// Apply one edit; true when the text changed (a cursor move is not a change).
    pub fn apply(&mut self, edit: &TextEdit) -> bool {
        use InputRequest as R;
        let request = match edit {
            TextEdit::Insert(c) if c.is_control() || crate::text::is_unsafe(*c) => return false,
            TextEdit::Insert(c) => R::InsertChar(*c),
            TextEdit::Paste(text) => {
                let clean = paste::one_line(text);
                let at = self.cursor();
                self.replace(at, at, &clean);
                return !clean.is_empty();
            }
            TextEdit::Backspace => R::DeletePrevChar,
            TextEdit::Delete => R::DeleteNextChar,
            TextEdit::Left => R::GoToPrevChar,
            TextEdit::Right => R::GoToNextChar,
            TextEdit::WordLeft => R::GoToPrevWord,
            TextEdit::WordRight => R::GoToNextWord,
            TextEdit::Home => R::GoToStart,
            TextEdit::End => R::GoToEnd,
            TextEdit::Clear => {
                let changed = !self.value().is_empty();
                self.input.reset();
                return changed;
            }
            TextEdit::Undo | TextEdit::Redo => return false,
        };
        self.input.handle(request).is_some_and(|s| s.value)
    }

    /// Replace the characters `start..end` with `with` (already sanitised) and put the
    /// cursor after it. Positions past the end are clamped.
    pub fn replace(&mut self, start: usize, end: usize, with: &str) {
        let chars: Vec<char> = self.value().chars().collect();
        let start = start.min(chars.len());
        let end = end.clamp(start, chars.len());
        let text: String = chars[..start]
            .iter()
            .chain(with.chars().collect::<Vec<_>>().iter())
            .chain(chars[end..].iter())
            .collect();
        let cursor = start + with.chars().count();
        self.input = Input::new(text).with_cursor(cursor);
    }

    /// The part of the text drawn in `width` columns. The window starts at 0 when the
    /// cursor fits, otherwise it ends just after the cursor.
    pub fn window(&self, width: u16) -> Window {
        let width = usize::from(width);
        // Each grapheme: its first character's index, its stand-in and its width.
        let mut cells: Vec<(usize, String, usize)> = Vec::new();
        let mut index = 0;
        for g in self.value().graphemes(true) {
            let safe = crate::text::for_terminal(g).into_owned();
            let w = UnicodeWidthStr::width(safe.as_str());
            cells.push((index, safe, w));
            index += g.chars().count();
        }
        let cursor_cell = cells
            .iter()
            .position(|c| c.0 >= self.cursor())
            .unwrap_or(cells.len());
        // Columns needed up to and including the cursor (one for the cursor itself).
        let mut first = 0;
        let mut used: usize = cells[..cursor_cell].iter().map(|c| c.2).sum::<usize>() + 1;
        while used > width && first < cursor_cell {
            used -= cells[first].2;
            first += 1;
        }
        let start = cells.get(first).map_or(index, |c| c.0);
        let mut shown = Vec::new();
        let mut x = 0;
        for (at, cell, w) in cells.into_iter().skip(first) {
            if x + w > width {
                break;
            }
            shown.push((at, cell, x as u16));
            x += w;
        }
        Window {
            start,
            shown,
            end: index,
        }
    }
}

/// What [`TextInput::window`] shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// Index (in characters) of the first character shown.
    pub start: usize,
    /// Each shown grapheme: the index of its first character, its safe stand-in and
    /// its column from the left edge.
    pub shown: Vec<(usize, String, u16)>,
    /// The length of the text, in characters.
    end: usize,
}

impl Window {
    /// The column of character `index` of the text, if it is shown; the end of the
    /// text (one past the last character) is shown when there is room for it.
    pub fn column_of(&self, index: usize, width: u16) -> Option<u16> {
        if index < self.start {
            return None;
        }
        if let Some((_, _, x)) = self.shown.iter().find(|c| c.0 == index) {
            return Some(*x);
        }
        let last = self.shown.last();
        let shown_to = last.map_or(self.start, |(at, s, _)| at + s.chars().count().max(1));
        if index != self.end || shown_to < self.end && !self.shown.is_empty() {
            return None;
        }
        let end = last.map_or(0, |(_, s, x)| x + UnicodeWidthStr::width(s.as_str()) as u16);
        (end < width).then_some(end)
    }
}

/// Draw `input` on one line of `area`: the text in `style` (ending in the cut mark when
/// more follows), the cursor (when `focused`) as a reversed cell.
pub fn render(input: &TextInput, focused: bool, style: Style, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let window = input.window(area.width);
    // From the window's start to the end, cut with the cut mark when it does not fit.
    let rest: String = input.value().chars().skip(window.start).collect();
    let width = usize::from(area.width);
    // Only the text's own columns: the padding would hide what is under an empty input.
    let used = display_width(&crate::text::for_terminal(&rest)).min(width);
    buf.set_stringn(area.x, area.y, fit(&rest, width), used, style);
    if focused && let Some(x) = window.column_of(input.cursor(), area.width) {
        let cell = &mut buf[(area.x + x, area.y)];
        cell.set_style(style.patch(theme::SELECTED));
    }
}

/// Draws a [`TextInput`] on one line (see [`render`]).
pub struct TextInputView<'a> {
    pub input: &'a TextInput,
    /// Whether the input has the keyboard (draws the cursor).
    pub focused: bool,
    pub style: Style,
}

impl Widget for TextInputView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        render(self.input, self.focused, self.style, area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_move_by_whole_graphemes() {
        // `e` + combining acute is one grapheme of two characters.
        let mut t = TextInput::new("ab");
        assert!(t.apply(&TextEdit::Paste("e\u{301}".into())));
        assert_eq!((t.value(), t.cursor()), ("abe\u{301}", 4));
        assert!(!t.apply(&TextEdit::Left));
        assert_eq!(t.cursor(), 2);
        assert!(t.apply(&TextEdit::Backspace));
        assert_eq!((t.value(), t.cursor()), ("ae\u{301}", 1));
        t.apply(&TextEdit::Home);
        assert!(t.apply(&TextEdit::Delete));
        assert_eq!(t.value(), "e\u{301}");
        t.apply(&TextEdit::End);
        assert!(!t.apply(&TextEdit::Delete), "nothing after the end");
        assert!(t.apply(&TextEdit::Clear));
        assert_eq!(t.value(), "");
    }

    #[test]
    fn paste_keeps_one_line_and_drops_controls() {
        let mut t = TextInput::new("x");
        t.apply(&TextEdit::Home);
        t.apply(&TextEdit::Paste("a\r\nb\tc\x1b[2Jd".into()));
        assert_eq!((t.value(), t.cursor()), ("a b c[2Jdx", 9));
        assert!(!t.apply(&TextEdit::Insert('\u{1b}')));
    }

    /// Edit keeps the text and the cursor (moved to the start here); a start key
    /// replaces the text with itself, cursor after it; Fresh empties it.
    #[test]
    fn opening_keeps_the_text_or_starts_afresh() {
        let mut t = TextInput::new("/old/list.txt");
        t.apply(&TextEdit::Home);
        t.open(Opening::Edit);
        assert_eq!((t.value(), t.cursor()), ("/old/list.txt", 0));
        t.open(Opening::StartWith('~'));
        assert_eq!((t.value(), t.cursor()), ("~", 1));
        t.open(Opening::Fresh);
        assert_eq!((t.value(), t.cursor()), ("", 0));
    }

    #[test]
    fn word_moves_stop_at_word_starts() {
        // "city is Berlin": words start at 0, 5 and 8.
        let mut t = TextInput::new("city is Berlin");
        t.apply(&TextEdit::WordLeft);
        assert_eq!(t.cursor(), 8);
        t.apply(&TextEdit::WordLeft);
        assert_eq!(t.cursor(), 5);
        t.apply(&TextEdit::Home);
        t.apply(&TextEdit::WordRight);
        assert_eq!(t.cursor(), 5);
    }

    #[test]
    fn window_keeps_the_cursor_in_view() {
        let i = TextInput::new("abcdefgh");
        // Width 5 with the cursor after `h` (needs a column): shows `efgh` + cursor.
        let w = i.window(5);
        assert_eq!(w.start, 4);
        assert_eq!(w.column_of(8, 5), Some(4));
        assert_eq!(w.column_of(2, 5), None);
        // Wide characters take two columns each: 花子 + cursor needs 5.
        let wide = TextInput::new("花子");
        let w = wide.window(5);
        assert_eq!((w.start, w.column_of(1, 5)), (0, Some(2)));
    }
}
