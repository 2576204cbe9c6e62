//! Fitting untrusted text into a fixed number of terminal columns.
//!
//! Widths are measured per grapheme cluster with `unicode-width`, the same measure
//! ratatui's buffer uses, so what we pad is what it draws. Text is cut only between
//! whole graphemes: a ZWJ emoji sequence, a flag (two regional indicators) or a letter
//! with its combining marks is kept whole or dropped whole (cases BR-18, ratatui#925).

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Shown at the end of a cell whose text was cut. ASCII on purpose: `…` has ambiguous
/// East Asian width and takes two columns in CJK locales, shifting every column after it
/// (junhoyeo/tokscale#1308).
pub const CUT_MARK: &str = "~";

/// The display width of `s` in terminal columns, summed per grapheme.
pub fn display_width(s: &str) -> usize {
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// `text` made safe for the terminal ([`crate::text::for_terminal`]), cut to at most
/// `width` columns between whole graphemes (ending in [`CUT_MARK`] when cut), then padded
/// with spaces to exactly `width` columns.
pub fn fit(text: &str, width: usize) -> String {
    let safe = crate::text::for_terminal(text);
    let full = display_width(&safe);
    let (body, used) = if full <= width {
        (safe, full)
    } else {
        let budget = width.saturating_sub(CUT_MARK.len());
        let (mut cut, used) = take_width(&safe, budget);
        if width >= CUT_MARK.len() {
            cut.push_str(CUT_MARK);
        }
        (Cow::Owned(cut), used + CUT_MARK.len().min(width))
    };
    let mut out = body.into_owned();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// The longest prefix of `s` made of whole graphemes that fits in `budget` columns, and
/// its width.
fn take_width(s: &str, budget: usize) -> (String, usize) {
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = g.width();
        if used + w > budget {
            break;
        }
        used += w;
        out.push_str(g);
    }
    (out, used)
}

/// `text` made safe for the terminal and broken into lines of at most `width` columns,
/// at spaces where it can be and between graphemes where a word is longer.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let safe = crate::text::for_terminal(text);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in safe.split(' ') {
        let needed = display_width(&line) + usize::from(!line.is_empty()) + display_width(word);
        if needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        for g in word.graphemes(true) {
            if display_width(&line) + display_width(g) > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            line.push_str(g);
        }
    }
    lines.push(line);
    lines
}

/// Like [`wrap`], keeping the leading spaces of `text` in front of every line it
/// becomes (so indented report lines and JSON stay indented when wrapped).
pub fn wrap_indented(text: &str, width: usize) -> Vec<String> {
    let body = text.trim_start_matches(' ');
    let indent = &text[..text.len() - body.len()];
    let room = width.saturating_sub(indent.len()).max(1);
    wrap(body, room)
        .into_iter()
        .map(|line| format!("{indent}{line}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_and_cuts_by_display_width() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 4), "abc~");
        // 花子 is four columns; a cut to three keeps one ideograph, the mark and no half.
        assert_eq!(fit("花子", 3), "花~");
        assert_eq!(fit("花子", 4), "花子");
        assert_eq!(fit("x", 0), "");
    }

    #[test]
    fn never_splits_a_grapheme() {
        // Woman + ZWJ + microscope is one two-column grapheme (ratatui#925).
        assert_eq!(fit("a👩\u{200d}🔬b", 3), "a~ ");
        assert_eq!(fit("a👩\u{200d}🔬b", 4), "a👩\u{200d}🔬b");
        assert_eq!(fit("a👩\u{200d}🔬bc", 4), "a👩\u{200d}🔬~");
        // A flag is two regional indicators; never half of one.
        assert_eq!(fit("🇫🇷🇩🇪", 3), "🇫🇷~");
        // e + combining acute stays together.
        assert_eq!(fit("De\u{301}mo", 3), "De\u{301}~");
    }

    #[test]
    fn wrapped_lines_keep_their_indent() {
        assert_eq!(
            wrap_indented("  line 4, column 1", 10),
            ["  line 4,", "  column 1"]
        );
        assert_eq!(wrap_indented("ab cd", 2), ["ab", "cd"]);
    }

    #[test]
    fn control_characters_never_pass() {
        assert_eq!(fit("a\x1b[2Jb", 6), "a\u{241b}[2Jb");
    }
}
