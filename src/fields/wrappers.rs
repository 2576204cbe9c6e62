//! The characters people and word processors put around an e-mail address, and the
//! dots IDNA reads as the dot of a domain: what [`super::address`] takes off an address
//! before it compares, keys or suppresses it.
//!
//! Word, Outlook and Excel autocorrect `"…"` into `“…”`; French and German keyboards
//! write `«…»`, `»…«`, `„…“`; Japanese and Chinese text `「…」`; chat and Markdown
//! `*…*`; an address pasted from a full-width text keeps `＜…＞`. An address inside such
//! marks is the address without them (new-user trial 6, G3: `“eve@example.com”` was a
//! deliverable contact and a suppression entry that never met `eve@example.com`'s
//! opt-out). The wrapping marks are Unicode's quotation and bracket punctuation
//! (general categories Pi, Pf, Ps, Pe, read from the `regex` crate's Unicode tables),
//! the ASCII quotes and brackets, the asterisk, and every compatibility form of them
//! (full-width `＜＞＂＇（）［］＊`, small forms `﹤﹥`): a character whose Unicode NFKC
//! mapping is one of them. Called by [`super::address`] only.

use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

/// ASCII characters that wrap an address: quotes, brackets, the emphasis asterisk.
const ASCII_WRAPPERS: &str = "\"'`<>()[]{}*";

/// Quotation marks and brackets: Unicode general categories Ps, Pe (open and close
/// punctuation: `「」`, `„`, `〈〉`) and Pi, Pf (initial and final quotes: `“”‘’«»‹›`).
static QUOTES_AND_BRACKETS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\p{Ps}\p{Pe}\p{Pi}\p{Pf}]$").expect("a valid character class"));

/// Whether `c` wraps an address rather than belonging to it: an ASCII quote, bracket
/// or `*`, a Unicode quotation mark or bracket (Pi, Pf, Ps, Pe), or a compatibility form
/// of one of them (NFKC: full-width `＜` is `<`).
pub fn is_wrapper(c: char) -> bool {
    if c.is_ascii() {
        return ASCII_WRAPPERS.contains(c);
    }
    QUOTES_AND_BRACKETS.is_match(c.encode_utf8(&mut [0; 4])) || compatibility_of(c, ASCII_WRAPPERS)
}

/// Whether `c` is a non-ASCII character that separates one address from the text
/// around it as `separators` (ASCII) do: a bracket or an opening or closing quote
/// (Ps, Pe, Pi, Pf), except the right single quotation mark U+2019, which is also the
/// typographic apostrophe (`o’brien@example.com` is one address); or a compatibility
/// form of one of `separators` (full-width `，；＜＞`).
pub fn separates(c: char, separators: &str) -> bool {
    !c.is_ascii()
        && c != '\u{2019}'
        && (QUOTES_AND_BRACKETS.is_match(c.encode_utf8(&mut [0; 4]))
            || compatibility_of(c, separators))
}

/// Whether the Unicode NFKC mapping of `c` is one character of `set`.
fn compatibility_of(c: char, set: &str) -> bool {
    let mut mapped = c.nfkc();
    matches!((mapped.next(), mapped.next()), (Some(m), None) if m != c && set.contains(m))
}

/// `value` without the wrapping characters ([`is_wrapper`]) at its edges, however many
/// and whether paired or not (`»eve@example.com«`, `„eve@example.com“`, `*<a@x.org>*`),
/// and without the white space between them.
pub fn unwrap(value: &str) -> &str {
    value.trim_matches(|c: char| is_wrapper(c) || c.is_whitespace())
}

/// Whether `c` is a dot IDNA reads as the full stop between domain labels but Unicode
/// NFKC keeps: the ideographic full stop U+3002 (UTS #46 maps it, and the full-width
/// and halfwidth forms NFKC maps to `.` or to it, to `.`; RFC 3490 §3.1).
pub fn is_idna_dot(c: char) -> bool {
    c == '\u{3002}'
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The trial's wrappings (G3), each by hand around one address.
    #[test]
    fn quotes_guillemets_brackets_and_asterisks_unwrap() {
        for wrapped in [
            "“eve@example.com”",
            "‘eve@example.com’",
            "‹eve@example.com›",
            "«eve@example.com»",
            "»eve@example.com«",
            "„eve@example.com“",
            "「eve@example.com」",
            "『eve@example.com』",
            "*eve@example.com*",
            "＜eve@example.com＞",
            "﹤eve@example.com﹥",
            "« eve@example.com »",
            "\"<eve@example.com>\"",
        ] {
            assert_eq!(unwrap(wrapped), "eve@example.com", "{wrapped}");
        }
        // Letters, digits, the `@`, dots and the apostrophe inside are kept.
        assert_eq!(unwrap("o’brien@example.com"), "o’brien@example.com");
        assert!(!is_wrapper('@') && !is_wrapper('.') && !is_wrapper('e'));
        assert!(!separates('\u{2019}', ",;") && separates('，', ",;") && separates('「', ""));
        assert!(is_idna_dot('。') && !is_idna_dot('.'));
    }
}
