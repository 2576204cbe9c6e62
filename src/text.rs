//! Text hygiene shared by every face of tactful: making untrusted strings safe to show
//! on a terminal.
//!
//! Values come from customer files and may hold escape sequences that would move the
//! cursor, change colours or rewrite the screen (CWE-150), or bidi overrides that
//! disguise text (CVE-2021-42574, "Trojan Source"). Nothing from data reaches a terminal
//! without passing [`for_terminal`].

use std::borrow::Cow;

/// Replace control characters with visible stand-ins so the string can be printed to a
/// terminal: C0 controls become their Control Pictures (`\x1b` → `␛`, U+241B), DEL
/// becomes `␡`, C1 controls and bidi embedding/override/isolate controls become `�`.
/// Tabs become a single space and line breaks `␤` (U+2424) so one value stays on one
/// line. Returns the input unchanged (borrowed) when it is already safe.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\t' => ' ',
                '\n' | '\r' => '\u{2424}',
                '\u{7f}' => '\u{2421}',
                c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                c if is_unsafe(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

/// Like [`for_terminal`], but keeps line breaks as line breaks: for multi-line messages
/// (a caret display under a rule or template, a TOML error) that are ours, with
/// untrusted text inside. `\r\n` and `\r` become `\n`.
pub fn for_terminal_lines(s: &str) -> String {
    s.replace("\r\n", "\n")
        .split(['\n', '\r'])
        .map(for_terminal)
        .collect::<Vec<_>>()
        .join("\n")
}

/// True for characters that must not reach a terminal as they are.
pub fn is_unsafe(c: char) -> bool {
    let u = c as u32;
    u < 0x20
        || (0x7f..=0x9f).contains(&u)
        // Bidi embeddings, overrides and isolates (Unicode TR #9).
        || (0x202a..=0x202e).contains(&u)
        || (0x2066..=0x2069).contains(&u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(for_terminal("a\x1b[31mb"), "a\u{241b}[31mb");
        assert_eq!(for_terminal("x\u{9b}y"), "x\u{fffd}y");
        assert_eq!(for_terminal("l1\r\nl2\tz"), "l1\u{2424}\u{2424}l2 z");
        assert_eq!(for_terminal("abc\u{202e}cba"), "abc\u{fffd}cba");
        assert_eq!(for_terminal("bell\x07"), "bell\u{2407}");
    }

    #[test]
    fn lines_keep_their_breaks_and_lose_their_escapes() {
        assert_eq!(
            for_terminal_lines("a\x1b[2J\r\n  ^ here\rz"),
            "a\u{241b}[2J\n  ^ here\nz"
        );
    }

    #[test]
    fn safe_text_is_borrowed() {
        assert!(matches!(for_terminal("Zoë 花子 مرحبا"), Cow::Borrowed(_)));
    }
}
