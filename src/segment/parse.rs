//! Parsing rule text into a [`Rule`] with winnow.
//!
//! The grammar, loosest binding first (keywords are case-insensitive; `#` starts a
//! comment that runs to the end of the line):
//!
//! ```text
//! rule      = or EOF
//! or        = and ("or" and)*
//! and       = unary ("and" unary)*
//! unary     = "not" unary | "(" or ")" | condition
//! condition = FIELD operator
//! ```
//!
//! Operators are listed on [`Op`]. Errors name what was expected and where; input that
//! could hurt the process is refused before or during parsing: rules longer than
//! [`MAX_RULE_BYTES`], control characters such as NUL, and nesting deeper than
//! [`MAX_DEPTH`] (so a rule of 10,000 parentheses cannot overflow the stack). Nothing
//! here panics on any input.

use winnow::ModalResult;
use winnow::error::{ContextError, ErrMode};
use winnow::prelude::*;
use winnow::stream::Stateful;
use winnow::token::take_while;

use super::RuleError;
use super::ast::{Cmp, Condition, Literal, Op, Rule, Span};

/// Longest rule text accepted, in bytes (64 KiB): far beyond any rule a person writes,
/// small enough that parsing and compiling stay instant.
pub const MAX_RULE_BYTES: usize = 64 * 1024;

/// Deepest nesting of parentheses and `not` accepted. Checking, compiling and evaluating
/// recurse over the tree, so the depth is capped where the tree is built.
pub const MAX_DEPTH: usize = 64;

/// Parse `source` into a rule.
///
/// Errors: [`RuleError`] with the line and column of the problem and what was expected
/// there.
pub fn parse(source: &str) -> Result<Rule, RuleError> {
    if source.len() > MAX_RULE_BYTES {
        return Err(RuleError::at(
            source,
            0,
            0,
            format!(
                "this rule is {} bytes long; rules are limited to {MAX_RULE_BYTES} bytes",
                source.len()
            ),
        ));
    }
    if let Some((offset, c)) = source
        .char_indices()
        .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err(RuleError::at(
            source,
            offset,
            1,
            format!(
                "the rule contains a control character (U+{:04X}); remove it",
                c as u32
            ),
        ));
    }
    let mut input = Input {
        input: source,
        state: State {
            src: source,
            depth: 0,
            cursor: (0, 1, 1),
        },
    };
    let result = (|| {
        let rule = or_expr(&mut input)?;
        skip_space(&mut input);
        if !input.input.is_empty() {
            let what = if input.input.starts_with(')') {
                "this `)` has no matching `(`".to_string()
            } else {
                "expected `and`, `or` or the end of the rule".to_string()
            };
            return fail(&input, what);
        }
        Ok(rule)
    })();
    result.map_err(|e| {
        let inner = match e {
            ErrMode::Backtrack(e) | ErrMode::Cut(e) => e,
            ErrMode::Incomplete(_) => ContextError::new(),
        };
        match inner.context().next() {
            Some(exp) => RuleError::at(source, exp.offset, exp.len, exp.what.clone()),
            None => RuleError::at(source, source.len(), 0, "the rule is not valid".into()),
        }
    })
}

/// Where parsing failed and what was expected there.
#[derive(Debug, Clone)]
struct Expected {
    offset: usize,
    len: usize,
    what: String,
}

#[derive(Debug)]
struct State<'s> {
    src: &'s str,
    depth: usize,
    /// Last (byte offset, line, column) located, so spans are found in one pass.
    cursor: (usize, usize, usize),
}

type Input<'s> = Stateful<&'s str, State<'s>>;
type Error = ContextError<Expected>;
type PResult<T> = ModalResult<T, Error>;

fn offset(input: &Input<'_>) -> usize {
    input.state.src.len() - input.input.len()
}

/// A cut error at the current position.
fn fail<T>(input: &Input<'_>, what: String) -> PResult<T> {
    let len = input.input.chars().next().map_or(0, |_| 1);
    fail_at(offset(input), len, what)
}

fn fail_at<T>(offset: usize, len: usize, what: String) -> PResult<T> {
    let mut e = ContextError::new();
    e.push(Expected { offset, len, what });
    Err(ErrMode::Cut(e))
}

/// The span of `start..end`, advancing the state's cursor (spans are asked for in
/// textual order, so locating every condition costs one pass over the text).
fn span(state: &mut State<'_>, start: usize, end: usize) -> Span {
    let (mut at, mut line, mut column) = state.cursor;
    if start < at {
        (at, line, column) = (0, 1, 1);
    }
    for c in state.src[at..start].chars() {
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    state.cursor = (start, line, column);
    Span {
        offset: start,
        line,
        column,
        len: state.src[start..end].chars().count(),
    }
}

fn or_expr(input: &mut Input<'_>) -> PResult<Rule> {
    let mut parts = vec![and_expr(input)?];
    while keyword(input, "or") {
        parts.push(and_expr(input)?);
    }
    Ok(if parts.len() == 1 {
        parts.swap_remove(0)
    } else {
        Rule::Or(parts)
    })
}

fn and_expr(input: &mut Input<'_>) -> PResult<Rule> {
    let mut parts = vec![unary(input)?];
    while keyword(input, "and") {
        parts.push(unary(input)?);
    }
    Ok(if parts.len() == 1 {
        parts.swap_remove(0)
    } else {
        Rule::And(parts)
    })
}

fn deeper(input: &mut Input<'_>) -> PResult<()> {
    input.state.depth += 1;
    if input.state.depth > MAX_DEPTH {
        return fail(
            input,
            format!("the rule nests parentheses or `not` more than {MAX_DEPTH} deep; simplify it"),
        );
    }
    Ok(())
}

fn unary(input: &mut Input<'_>) -> PResult<Rule> {
    skip_space(input);
    if keyword(input, "not") {
        deeper(input)?;
        let inner = unary(input)?;
        input.state.depth -= 1;
        return Ok(Rule::Not(Box::new(inner)));
    }
    let open = offset(input);
    if symbol(input, "(") {
        deeper(input)?;
        let inner = or_expr(input)?;
        if !symbol(input, ")") {
            if input.input.is_empty() {
                return fail_at(open, 1, "this `(` is never closed with `)`".into());
            }
            return fail(input, "expected `)`, `and` or `or`".into());
        }
        input.state.depth -= 1;
        return Ok(inner);
    }
    condition(input).map(Rule::Condition)
}

fn condition(input: &mut Input<'_>) -> PResult<Condition> {
    skip_space(input);
    let start = offset(input);
    let name: &str = match take_while(1.., is_word_char).parse_next(input) {
        Ok(name) => name,
        Err(ErrMode::Backtrack(_)) => {
            let what = if input.input.is_empty() {
                "the rule ends too early: expected a condition like `city is \"Berlin\"`"
            } else {
                "expected a field name, `not` or `(`"
            };
            return fail(input, what.to_string());
        }
        Err(e) => return Err(e),
    };
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return fail_at(
            start,
            name.chars().count(),
            format!("expected a field name, not `{name}`"),
        );
    }
    let field_span = span(&mut input.state, start, start + name.len());
    skip_space(input);
    let op_start = offset(input);
    let op = operator(input, name)?;
    let op_end = offset(input);
    let op_span = span(&mut input.state, op_start, op_end);
    Ok(Condition {
        field: name.to_string(),
        op,
        field_span,
        op_span,
    })
}

fn operator(input: &mut Input<'_>, field: &str) -> PResult<Op> {
    for (sym, cmp) in [
        (">=", Some(Cmp::Ge)),
        ("<=", Some(Cmp::Le)),
        ("!=", None),
        (">", Some(Cmp::Gt)),
        ("<", Some(Cmp::Lt)),
    ] {
        if symbol(input, sym) {
            let v = value(input, sym)?;
            return Ok(match cmp {
                Some(c) => Op::Cmp(c, v),
                None => Op::NotEq(v),
            });
        }
    }
    if symbol(input, "=") {
        return Ok(Op::Eq(value(input, "=")?));
    }
    let word = peek_word(input).to_ascii_lowercase();
    let w = word.as_str();
    if !w.is_empty() {
        input.input = &input.input[w.len()..];
    }
    match w {
        "is" => {
            if keyword(input, "not") {
                if keyword(input, "blank") {
                    return Ok(Op::NotBlank);
                }
                return Ok(Op::NotEq(value(input, "is not")?));
            }
            if keyword(input, "blank") {
                return Ok(Op::Blank);
            }
            Ok(Op::Eq(value(input, "is")?))
        }
        "between" => {
            let lo = value(input, "between")?;
            expect_keyword(
                input,
                "and",
                "expected `and` between the two ends of `between`",
            )?;
            let hi = value(input, "and")?;
            Ok(Op::Between(lo, hi))
        }
        "in" => Ok(Op::In(list(input, "in", value)?)),
        "not" => {
            expect_keyword(
                input,
                "in",
                "expected `in` after `not` (as in `not in (...)`)",
            )?;
            Ok(Op::NotIn(list(input, "not in", value)?))
        }
        "contains" => Ok(Op::Contains(text(input, "contains")?)),
        "starts" | "ends" => {
            expect_keyword(input, "with", &format!("expected `with` after `{w}`"))?;
            let s = text(input, &format!("{w} with"))?;
            Ok(if w == "starts" {
                Op::StartsWith(s)
            } else {
                Op::EndsWith(s)
            })
        }
        "has" => {
            if keyword(input, "any") {
                Ok(Op::HasAny(list(input, "has any", text)?))
            } else if keyword(input, "all") {
                Ok(Op::HasAll(list(input, "has all", text)?))
            } else {
                Ok(Op::Has(text(input, "has")?))
            }
        }
        "within" => {
            expect_keyword(
                input,
                "last",
                "expected `last` after `within` (as in `within last 90 days`)",
            )?;
            let n = days(input, "within last")?;
            days_word(input)?;
            Ok(Op::WithinLast(n))
        }
        "more" => {
            expect_keyword(
                input,
                "than",
                "expected `than` after `more` (as in `more than 60 days ago`)",
            )?;
            let n = days(input, "more than")?;
            days_word(input)?;
            expect_keyword(
                input,
                "ago",
                "expected `ago` (as in `more than 60 days ago`)",
            )?;
            Ok(Op::MoreThanAgo(n))
        }
        "before" | "after" | "on" => {
            skip_space(input);
            let at = offset(input);
            match value(input, w)? {
                Literal::Date(d) => Ok(match w {
                    "before" => Op::Before(d),
                    "after" => Op::After(d),
                    _ => Op::On(d),
                }),
                _ => fail_at(
                    at,
                    1,
                    format!("expected a date like 2026-01-31 after `{w}`"),
                ),
            }
        }
        _ => {
            let at = offset(input) - word.len();
            fail_at(
                at,
                word.chars().count().max(1),
                format!(
                    "expected an operator like `is`, `=`, `contains`, `>`, `in`, `has` after field `{field}`"
                ),
            )
        }
    }
}

#[path = "parse_words.rs"]
mod words;
use words::{expect_keyword, is_word_char, keyword, peek_word, skip_space, symbol};

#[path = "parse_values.rs"]
mod values;
use values::{days, days_word, list, text, value};

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
