//! The segment rule as several lines: edits a one-line input does not make (a line
//! break typed or pasted, clearing the cursor's line), and drawing the text wrapped
//! over the rows of an area with the cursor kept in view and an error's characters
//! marked. A rule keeps its line breaks, so a leading `# comment` ends at its line and
//! does not swallow the rule after it (issue 11).
//!
//! Works on [`LineInput`]'s text and cursor (characters, never bytes); the input's own
//! edits still apply for everything else.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use super::line_input::LineInput;
use crate::tui::theme;

/// `pasted` as rule text: line breaks kept (CR LF and CR become LF), tabs become
/// spaces, other control and unsafe characters dropped.
pub fn clean_paste(pasted: &str) -> String {
    pasted
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() || crate::text::is_unsafe(c) => None,
            c => Some(c),
        })
        .collect()
}

/// Insert `text` (already cleaned) at the cursor; true when anything was inserted.
pub fn insert(input: &mut LineInput, text: &str) -> bool {
    if text.is_empty() {
        return false;
    }
    let at = input.cursor();
    input.replace(at, at, text);
    true
}

/// Clear the line the cursor is on (Ctrl+U), keeping the other lines; true when the
/// text changed.
pub fn clear_line(input: &mut LineInput) -> bool {
    let chars: Vec<char> = input.text().chars().collect();
    let cursor = input.cursor().min(chars.len());
    let start = chars[..cursor]
        .iter()
        .rposition(|c| *c == '\n')
        .map_or(0, |i| i + 1);
    let end = chars[cursor..]
        .iter()
        .position(|c| *c == '\n')
        .map_or(chars.len(), |i| cursor + i);
    if start == end {
        return false;
    }
    input.replace(start, end, "");
    true
}

/// Where each character of `text` (and the end, one past the last) is drawn when
/// wrapped at `width` columns: (row, column). A line break starts a new row.
pub fn layout(text: &str, width: u16) -> Vec<(u16, u16)> {
    let width = width.max(1);
    let mut at = Vec::with_capacity(text.len() + 1);
    let (mut row, mut col) = (0u16, 0u16);
    for c in text.chars() {
        let w = cell(c).1;
        if c != '\n' && col > 0 && col + w > width {
            row += 1;
            col = 0;
        }
        at.push((row, col));
        if c == '\n' {
            row += 1;
            col = 0;
        } else {
            col += w;
        }
    }
    if col >= width {
        row += 1;
        col = 0;
    }
    at.push((row, col));
    at
}

fn cell(c: char) -> (String, u16) {
    let mut buf = [0u8; 4];
    let safe = crate::text::for_terminal(c.encode_utf8(&mut buf)).into_owned();
    let w = UnicodeWidthStr::width(safe.as_str()) as u16;
    (safe, w)
}

/// Draw `input` wrapped over `area`, scrolled so the cursor's row shows; the cursor
/// (when `focused`) reversed, and the characters `marked` (an error's) in `mark`.
pub fn render(
    input: &LineInput,
    focused: bool,
    style: Style,
    marked: Option<(std::ops::Range<usize>, Style)>,
    area: Rect,
    buf: &mut Buffer,
) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let text = input.text();
    let at = layout(text, area.width);
    let cursor_row = at[input.cursor().min(at.len() - 1)].0;
    let top = (cursor_row + 1).saturating_sub(area.height);
    for (i, c) in text.chars().enumerate() {
        let (row, col) = at[i];
        if c == '\n' || row < top || row >= top + area.height {
            continue;
        }
        let (shown, _) = cell(c);
        let mut s = style;
        if let Some((range, mark)) = &marked
            && range.contains(&i)
        {
            s = *mark;
        }
        let room = usize::from(area.width.saturating_sub(col));
        buf.set_stringn(area.x + col, area.y + row - top, shown, room, s);
    }
    let (row, col) = at[input.cursor().min(at.len() - 1)];
    if focused && col < area.width && row >= top && row < top + area.height {
        buf[(area.x + col, area.y + row - top)].set_style(style.patch(theme::SELECTED));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paste_keeps_line_breaks_and_drops_controls() {
        assert_eq!(
            clean_paste("# VIPs\r\ncity is \"Lyon\"\tand\u{7} x"),
            "# VIPs\ncity is \"Lyon\" and x"
        );
    }

    #[test]
    fn ctrl_u_clears_only_the_cursor_line() {
        let mut i = LineInput::new("# note\ncity is \"Lyon\"");
        assert!(clear_line(&mut i));
        assert_eq!((i.text(), i.cursor()), ("# note\n", 7));
        assert!(!clear_line(&mut i));
    }

    #[test]
    fn layout_wraps_at_the_width_and_after_line_breaks() {
        // "abcde" at width 3: abc on row 0, de on row 1; then "\n" and "f" on row 2.
        let at = layout("abcde\nf", 3);
        assert_eq!(
            at,
            [
                (0, 0),
                (0, 1),
                (0, 2),
                (1, 0),
                (1, 1),
                (1, 2),
                (2, 0),
                (2, 1)
            ]
        );
    }
}
