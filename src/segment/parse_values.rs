//! The value-level pieces of the rule grammar: quoted text, numbers, dates, `true` and
//! `false`, value lists and day counts. Split from [`super`] to keep files small; the
//! condition and boolean structure live there.

use chrono::NaiveDate;
use winnow::prelude::*;
use winnow::token::take_while;

use super::{
    Input, PResult, fail, fail_at, is_word_char, keyword, offset, peek_word, skip_space, symbol,
};
use crate::segment::ast::Literal;

pub(super) fn days(input: &mut Input<'_>, after: &str) -> PResult<u32> {
    skip_space(input);
    let at = offset(input);
    let digits: &str = take_while(0.., |c: char| c.is_ascii_digit()).parse_next(input)?;
    match digits.parse::<u32>() {
        Ok(n) if n <= 36_500 => Ok(n),
        Ok(_) => fail_at(
            at,
            digits.len(),
            "a number of days must be at most 36500".into(),
        ),
        Err(_) => fail_at(
            at,
            1,
            format!("expected a whole number of days after `{after}`"),
        ),
    }
}

pub(super) fn days_word(input: &mut Input<'_>) -> PResult<()> {
    if keyword(input, "days") || keyword(input, "day") {
        Ok(())
    } else {
        fail(input, "expected `days`".into())
    }
}

/// `(item, item, ...)`, at least one item.
pub(super) fn list<T>(
    input: &mut Input<'_>,
    after: &str,
    item: fn(&mut Input<'_>, &str) -> PResult<T>,
) -> PResult<Vec<T>> {
    if !symbol(input, "(") {
        return fail(
            input,
            format!("expected `(` and a list of values after `{after}`"),
        );
    }
    let mut items = vec![item(input, after)?];
    while symbol(input, ",") {
        items.push(item(input, after)?);
    }
    if !symbol(input, ")") {
        return fail(input, "expected `,` or `)` to close the list".into());
    }
    Ok(items)
}

pub(super) fn text(input: &mut Input<'_>, after: &str) -> PResult<String> {
    skip_space(input);
    if input.input.starts_with('"') {
        quoted(input)
    } else {
        fail(
            input,
            format!("expected text in double quotes after `{after}`"),
        )
    }
}

/// A literal value: text, date, number, `true` or `false`.
pub(super) fn value(input: &mut Input<'_>, after: &str) -> PResult<Literal> {
    skip_space(input);
    let at = offset(input);
    let s = input.input;
    if s.starts_with('"') {
        return quoted(input).map(Literal::Text);
    }
    let word = peek_word(input);
    if word.eq_ignore_ascii_case("true") || word.eq_ignore_ascii_case("false") {
        input.input = &s[word.len()..];
        return Ok(Literal::Boolean(word.eq_ignore_ascii_case("true")));
    }
    let neg = s.starts_with('-');
    let body = &s[usize::from(neg)..];
    let int_len = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    if int_len == 0 {
        return fail(
            input,
            format!(
                "expected a value after `{after}`: \"text\", a number, a date like 2026-01-31, true or false"
            ),
        );
    }
    let rest = &body[int_len..];
    if !neg && int_len == 4 && looks_like_date(rest) {
        let text = &s[..10];
        input.input = &s[10..];
        return match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(d) => Ok(Literal::Date(d)),
            Err(_) => fail_at(at, 10, format!("{text} is not a calendar date")),
        };
    }
    let frac_len = rest
        .strip_prefix('.')
        .map(|f| f.find(|c: char| !c.is_ascii_digit()).unwrap_or(f.len()))
        .filter(|&n| n > 0)
        .map_or(0, |n| n + 1);
    let len = usize::from(neg) + int_len + frac_len;
    let text = &s[..len];
    if s[len..].starts_with(is_word_char) {
        return fail_at(
            at,
            len + 1,
            format!(
                "`{}` is not a number; put text in double quotes",
                peek_word_at(&s[len..], text)
            ),
        );
    }
    input.input = &s[len..];
    if frac_len > 0 {
        match text.parse::<f64>() {
            Ok(d) if d.is_finite() => Ok(Literal::Decimal(d)),
            _ => fail_at(at, len, format!("{text} is not a number tactful can use")),
        }
    } else {
        match text.parse::<i64>() {
            Ok(i) => Ok(Literal::Integer(i)),
            Err(_) => fail_at(at, len, format!("{text} is too large a number")),
        }
    }
}

fn peek_word_at(rest: &str, number: &str) -> String {
    let end = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
    format!("{number}{}", &rest[..end])
}

/// After four digits: `-MM-DD` and no further digit.
fn looks_like_date(rest: &str) -> bool {
    let b = rest.as_bytes();
    b.len() >= 6
        && b[0] == b'-'
        && b[1].is_ascii_digit()
        && b[2].is_ascii_digit()
        && b[3] == b'-'
        && b[4].is_ascii_digit()
        && b[5].is_ascii_digit()
        && !b.get(6).is_some_and(|c| c.is_ascii_alphanumeric())
}

/// A double-quoted string; `\"` and `\\` are the only escapes.
fn quoted(input: &mut Input<'_>) -> PResult<String> {
    let at = offset(input);
    let s = input.input;
    let mut out = String::new();
    let mut chars = s.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                input.input = &s[i + 1..];
                return Ok(out);
            }
            '\\' => match chars.next() {
                Some((_, e @ ('"' | '\\'))) => out.push(e),
                Some((j, other)) => {
                    return fail_at(
                        at + j - 1,
                        2,
                        format!(
                            "unknown escape `\\{other}` in text; only `\\\"` and `\\\\` are allowed"
                        ),
                    );
                }
                None => break,
            },
            c => out.push(c),
        }
    }
    fail_at(at, 1, "this text has no closing `\"`".into())
}
