//! Soft wrapping for the multi-line editors (the message body, the segment rule): where
//! each character of a text is drawn when its lines are wrapped at an area's width, and
//! drawing it so, with the cursor kept in view and an error's characters marked.
//!
//! A line breaks between words where it can: a word moves to the next row with the
//! spaces after it when they do not fit, so no space hangs past the edge and every
//! position the cursor can take has a cell; a word wider than the area breaks between
//! graphemes. Widths are display widths of whole grapheme clusters (`unicode-width`,
//! the measure ratatui's buffer uses) after [`crate::text::for_terminal`], so a wide
//! ideograph or an emoji takes two columns and a letter with its combining accent one.
//! A text keeps its line breaks, so a rule's leading `# comment` ends at its line and
//! does not swallow the rule after it (issue 11).
//!
//! Works on a [`TextArea`]'s text and cursor (characters, never bytes); the editor
//! itself makes the edits.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;

use super::cell_text::display_width;
use super::text_area::TextArea;
use crate::tui::theme;

/// Where each character of `text` (and the end, one past the last) is drawn when
/// wrapped at `width` columns: (row, column), both from 0. The characters of one
/// grapheme share its cell. A line break starts a new row; the end of a line that
/// fills the width exactly is placed at the start of the row after it, so the cursor
/// there shows.
pub fn layout(text: &str, width: u16) -> Vec<(u16, u16)> {
    let width = usize::from(width.max(1));
    // Counted in usize and clamped on the way out: a pasted line may be wider than
    // u16 columns.
    let clamp = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    let mut at = Vec::with_capacity(text.len() + 1);
    let mut row = 0usize;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            row += 1;
        }
        let mut col = 0usize;
        for unit in units(line) {
            let unit_w: usize = unit.iter().map(|g| g.1).sum();
            if col > 0 && col + unit_w > width {
                row += 1;
                col = 0;
            }
            for (g, w) in unit {
                if col > 0 && col + w > width {
                    row += 1;
                    col = 0;
                }
                at.extend(std::iter::repeat_n(
                    (clamp(row), clamp(col)),
                    g.chars().count(),
                ));
                col += w;
            }
        }
        if col >= width {
            row += 1;
            col = 0;
        }
        // The line break after the line, or the end of the text.
        at.push((clamp(row), clamp(col)));
    }
    at
}

/// How many rows `text` takes wrapped at `width` columns (at least 1).
pub fn rows(text: &str, width: u16) -> u16 {
    layout(text, width)
        .last()
        .map_or(1, |(r, _)| r.saturating_add(1))
}

/// The graphemes of one line (no line break in it) with their display widths, grouped
/// into units that wrap together: a word with the spaces after it (a line's leading
/// spaces are a unit of their own).
fn units(line: &str) -> Vec<Vec<(&str, usize)>> {
    let mut out: Vec<Vec<(&str, usize)>> = Vec::new();
    let mut in_spaces = true;
    for g in line.graphemes(true) {
        let space = g == " ";
        if (!space && in_spaces) || out.is_empty() {
            out.push(Vec::new());
        }
        in_spaces = space;
        let w = display_width(&crate::text::for_terminal(g));
        if let Some(unit) = out.last_mut() {
            unit.push((g, w));
        }
    }
    out
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
    let top = cursor_row.saturating_add(1).saturating_sub(area.height);
    let shows = |row: u16| row >= top && row - top < area.height;
    let mut index = 0;
    for g in text.graphemes(true) {
        let chars = index..index + g.chars().count();
        let (row, col) = at[index];
        index = chars.end;
        if g == "\n" || !shows(row) || col >= area.width {
            continue;
        }
        let mut s = style;
        if let Some((range, mark)) = &marked
            && chars.clone().any(|i| range.contains(&i))
        {
            s = *mark;
        }
        let room = usize::from(area.width - col);
        let shown = crate::text::for_terminal(g);
        buf.set_stringn(area.x + col, area.y + row - top, shown, room, s);
    }
    let (row, col) = at[cursor];
    if focused && col < area.width && shows(row) {
        buf[(area.x + col, area.y + row - top)].set_style(style.patch(theme::SELECTED));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_word_breaks_between_graphemes_and_a_line_break_starts_a_row() {
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

    #[test]
    fn words_move_whole_with_their_space() {
        // Width 10: "abcd efgh " is exactly 10 columns, so "ijk" starts row 1.
        let at = layout("abcd efgh ijk", 10);
        assert_eq!(at[9], (0, 9));
        assert_eq!(at[10], (1, 0));
        assert_eq!(at[13], (1, 3));
        // Width 9: "efgh" would fit but not with its space, so "efgh " moves down
        // and "ijk" follows it on row 1.
        let at = layout("abcd efgh ijk", 9);
        assert_eq!((at[4], at[5], at[10]), ((0, 4), (1, 0), (1, 5)));
    }

    #[test]
    fn wide_and_combined_graphemes_are_measured_whole() {
        // 花 and 🎉 take two columns each; e + U+0301 is one column, its two chars one cell.
        let at = layout("花e\u{301}🎉x", 4);
        assert_eq!(at, [(0, 0), (0, 2), (0, 2), (1, 0), (1, 2), (1, 3)]);
        // A line filling the width exactly ends on the next row, where the cursor shows.
        assert_eq!(layout("abc", 3), [(0, 0), (0, 1), (0, 2), (1, 0)]);
        assert_eq!(rows("abc", 3), 2);
    }
}
