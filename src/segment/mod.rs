//! Segments: named rules over fields, and everything that turns rule text into reach.
//!
//! Rule text flows through small stages, one module each: [`parse`] (text → [`ast`]),
//! [`check`] (names, types and the privacy policy, against the workspace's fields and a
//! [`check::Scope`]), [`compile`] (checked rule → parameterised SQL over `contacts`), and
//! [`store`] (the `segments` table, reach, overlap, loading one contact); [`values`]
//! offers a field's most common values while a rule is typed. [`eval`] is an
//! independent evaluator over one in-memory contact, used to explain a decision and to
//! test the compiler against. The CLI and TUI call these; this module never prints.

pub mod ast;
pub mod check;
pub mod compile;
pub mod eval;
pub mod parse;
pub mod store;
pub mod values;

use std::fmt;

pub use ast::{Condition, Literal, Op, Rule, Span};
pub use check::{CheckedRule, Scope};
pub use compile::CompiledRule;

/// A problem in rule text: where it is (1-based line and column, in characters) and what
/// to do about it.
///
/// `Display` gives one line (`line 1, column 1: no field ...`); [`RuleError::caret`] adds
/// the offending line of the rule with a caret under the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RuleError {
    pub line: usize,
    pub column: usize,
    /// How many characters the caret underlines (at least one).
    pub len: usize,
    pub message: String,
    /// The line of rule text the problem is on.
    pub source_line: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

/// Longest stretch of a rule line shown under an error, in characters.
const SHOWN_CHARS: usize = 120;

impl RuleError {
    /// The error for `len` characters at byte `offset` of `source`.
    pub fn at(source: &str, offset: usize, len: usize, message: String) -> RuleError {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let before = &source[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[offset..]
            .find('\n')
            .map_or(source.len(), |i| offset + i);
        RuleError {
            line: before.matches('\n').count() + 1,
            column: source[line_start..offset].chars().count() + 1,
            len: len.max(1),
            message,
            source_line: source[line_start..line_end]
                .trim_end_matches('\r')
                .to_string(),
        }
    }

    /// The error for a span of a parsed rule.
    pub fn at_span(source: &str, span: Span, message: String) -> RuleError {
        RuleError::at(source, span.offset, span.len, message)
    }

    /// Three lines: the message, the rule line, and a caret line under the problem. Long
    /// lines are cut to a window around the problem.
    pub fn caret(&self) -> String {
        let chars: Vec<char> = self.source_line.chars().collect();
        let col = self.column.saturating_sub(1).min(chars.len());
        let start = col.saturating_sub(SHOWN_CHARS / 2);
        let end = (start + SHOWN_CHARS).min(chars.len());
        let shown: String = chars[start..end].iter().collect();
        let pad = " ".repeat(col - start);
        let marks = "^".repeat(self.len.min(end.saturating_sub(col)).max(1));
        format!("{self}\n  {shown}\n  {pad}{marks}")
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
