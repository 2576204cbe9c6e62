//! The words and symbols of the rule language: whitespace and `#` comments skipped,
//! keywords matched whole and without case, symbols matched as written.

use super::{Input, PResult, fail};

/// Skip whitespace and `#` comments.
pub(super) fn skip_space(input: &mut Input<'_>) {
    loop {
        let rest = input.input.trim_start();
        if let Some(comment) = rest.strip_prefix('#') {
            input.input = comment.find('\n').map_or("", |i| &comment[i..]);
        } else {
            input.input = rest;
            return;
        }
    }
}

pub(super) fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The next word (letters, digits, `_`) without consuming it.
pub(super) fn peek_word<'s>(input: &Input<'s>) -> &'s str {
    let s = input.input;
    let end = s.find(|c: char| !is_word_char(c)).unwrap_or(s.len());
    &s[..end]
}

/// Consume keyword `kw` (case-insensitive, whole word) if it comes next.
pub(super) fn keyword(input: &mut Input<'_>, kw: &str) -> bool {
    skip_space(input);
    let w = peek_word(input);
    if w.eq_ignore_ascii_case(kw) {
        input.input = &input.input[w.len()..];
        true
    } else {
        false
    }
}

/// Require keyword `kw`, failing with `what` otherwise.
pub(super) fn expect_keyword(input: &mut Input<'_>, kw: &str, what: &str) -> PResult<()> {
    if keyword(input, kw) {
        Ok(())
    } else {
        fail(input, what.to_string())
    }
}

pub(super) fn symbol(input: &mut Input<'_>, sym: &str) -> bool {
    skip_space(input);
    match input.input.strip_prefix(sym) {
        Some(rest) => {
            input.input = rest;
            true
        }
        None => false,
    }
}
