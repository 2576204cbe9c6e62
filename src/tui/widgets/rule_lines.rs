//! Drawing the segment rule: its text wrapped over the rows of an area, with the cursor
//! kept in view and an error's characters marked. A rule keeps its line breaks, so a
//! leading `# comment` ends at its line and does not swallow the rule after it
//! (issue 11).
//!
//! Works on a [`TextArea`]'s text and cursor (characters, never bytes); the editor
//! itself makes the edits.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use super::text_area::TextArea;
use crate::tui::theme;

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
    input: &TextArea,
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
    let at = layout(&text, area.width);
    let cursor = input.cursor_index().min(at.len() - 1);
    let cursor_row = at[cursor].0;
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
    let (row, col) = at[cursor];
    if focused && col < area.width && row >= top && row < top + area.height {
        buf[(area.x + col, area.y + row - top)].set_style(style.patch(theme::SELECTED));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
