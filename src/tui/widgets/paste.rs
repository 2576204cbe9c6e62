//! Our sanitising paste: what a pasted (or loaded) text may bring into an input.
//!
//! A terminal paste is untrusted: an escape sequence or a bidi control in it would
//! otherwise be stored and later reach the terminal, a file name or an export. Both
//! inputs drop control characters and [`crate::text::is_unsafe`] characters; they differ
//! only in what a line break becomes. Used by [`super::text_input`] and
//! [`super::text_area`] for every paste and every text they are given.

/// `pasted` for a one-line input: line breaks (CR LF, CR, LF) and tabs become one
/// space each, other control and unsafe characters are dropped.
pub fn one_line(pasted: &str) -> String {
    lines(pasted).replace('\n', " ")
}

/// `pasted` for a multi-line editor: line breaks kept (CR LF and CR become LF), tabs
/// become spaces, other control and unsafe characters dropped.
pub fn lines(pasted: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_turns_breaks_into_spaces_and_drops_controls() {
        // CR LF is one break (one space), the tab one space, ESC dropped, `[2J` kept.
        assert_eq!(one_line("a\r\nb\tc\x1b[2Jd"), "a b c[2Jd");
    }

    #[test]
    fn lines_keep_line_breaks_and_drop_controls() {
        assert_eq!(
            lines("# VIPs\r\ncity is \"Lyon\"\tand\u{7} x"),
            "# VIPs\ncity is \"Lyon\" and x"
        );
        assert_eq!(lines("a\u{1b}[31mb\nc"), "a[31mb\nc");
    }
}
