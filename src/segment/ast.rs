//! The rule language's syntax tree, and the pretty-printer that writes it back as text.
//!
//! The parser ([`super::parse`]) builds these types; the checker, compiler and evaluator
//! read them. Printing a rule with [`std::fmt::Display`] gives canonical rule text
//! (`is`, `is not`, lower-case keywords, minimal parentheses) that parses back to an equal
//! tree: spans are positions in the text a rule was parsed from and take no part in
//! equality.

use std::fmt;

use chrono::NaiveDate;

/// A rule: conditions combined with `and`, `or` and `not`.
///
/// `And` and `Or` hold two or more parts, in the order written; `a and b and c` is one
/// `And` of three. Parentheses leave no node of their own.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    Or(Vec<Rule>),
    And(Vec<Rule>),
    Not(Box<Rule>),
    Condition(Condition),
}

/// Where something was written in the rule text: byte offset, 1-based line and column
/// (column counted in characters), and length in characters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    pub offset: usize,
    pub line: usize,
    pub column: usize,
    pub len: usize,
}

/// One comparison of a field: `city is "Berlin"`.
#[derive(Debug, Clone)]
pub struct Condition {
    /// The field name as written.
    pub field: String,
    pub op: Op,
    /// Where the field name was written.
    pub field_span: Span,
    /// Where the operator was written (for type errors).
    pub op_span: Span,
}

impl PartialEq for Condition {
    fn eq(&self, other: &Self) -> bool {
        self.field == other.field && self.op == other.op
    }
}

/// Ordering comparisons: `>`, `>=`, `<`, `<=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Gt,
    Ge,
    Lt,
    Le,
}

impl Cmp {
    /// The symbol, which is also the SQL operator.
    pub fn symbol(self) -> &'static str {
        match self {
            Cmp::Gt => ">",
            Cmp::Ge => ">=",
            Cmp::Lt => "<",
            Cmp::Le => "<=",
        }
    }
}

/// A value written in a rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// `"Berlin"` (escapes already resolved).
    Text(String),
    /// `42`, `-3`.
    Integer(i64),
    /// `19.99`, `-0.5` (always written with a decimal point).
    Decimal(f64),
    /// `2026-01-31`: a calendar date.
    Date(NaiveDate),
    /// `true`, `false`.
    Boolean(bool),
}

/// What a condition asks of its field's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// `is`, `=`.
    Eq(Literal),
    /// `is not`, `!=`.
    NotEq(Literal),
    /// `>`, `>=`, `<`, `<=`.
    Cmp(Cmp, Literal),
    /// `between A and B`, both ends included.
    Between(Literal, Literal),
    /// `in (A, B)`.
    In(Vec<Literal>),
    /// `not in (A, B)`.
    NotIn(Vec<Literal>),
    /// `contains "x"`.
    Contains(String),
    /// `starts with "x"`.
    StartsWith(String),
    /// `ends with "x"`.
    EndsWith(String),
    /// `is blank`.
    Blank,
    /// `is not blank`.
    NotBlank,
    /// `has "x"`.
    Has(String),
    /// `has any ("x", "y")`.
    HasAny(Vec<String>),
    /// `has all ("x", "y")`.
    HasAll(Vec<String>),
    /// `within last N days`.
    WithinLast(u32),
    /// `more than N days ago`.
    MoreThanAgo(u32),
    /// `before DATE`.
    Before(NaiveDate),
    /// `after DATE`.
    After(NaiveDate),
    /// `on DATE`.
    On(NaiveDate),
}

impl Op {
    /// How many comparisons the operator stands for: one, or one per list value.
    pub fn terms(&self) -> usize {
        match self {
            Op::In(values) | Op::NotIn(values) => values.len().max(1),
            Op::HasAny(tags) | Op::HasAll(tags) => tags.len().max(1),
            _ => 1,
        }
    }
}

impl Rule {
    /// Every condition in the rule, left to right.
    pub fn conditions(&self) -> Vec<&Condition> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(rule) = stack.pop() {
            match rule {
                Rule::Or(parts) | Rule::And(parts) => stack.extend(parts.iter().rev()),
                Rule::Not(inner) => stack.push(inner),
                Rule::Condition(c) => out.push(c),
            }
        }
        out
    }
}

/// Write `s` as a double-quoted rule string, escaping `"` and `\`.
fn write_text(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_str("\"")?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            c => write!(f, "{c}")?,
        }
    }
    f.write_str("\"")
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Text(s) => write_text(f, s),
            Literal::Integer(i) => write!(f, "{i}"),
            // Display for f64 never uses an exponent; add `.0` so it reads back as decimal.
            Literal::Decimal(d) => {
                let s = d.to_string();
                if s.contains('.') {
                    f.write_str(&s)
                } else {
                    write!(f, "{s}.0")
                }
            }
            Literal::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Literal::Boolean(b) => write!(f, "{b}"),
        }
    }
}

fn write_list<T>(
    f: &mut fmt::Formatter<'_>,
    items: &[T],
    each: impl Fn(&mut fmt::Formatter<'_>, &T) -> fmt::Result,
) -> fmt::Result {
    f.write_str("(")?;
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        each(f, item)?;
    }
    f.write_str(")")
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lit = |f: &mut fmt::Formatter<'_>, l: &Literal| write!(f, "{l}");
        let text = |f: &mut fmt::Formatter<'_>, s: &String| write_text(f, s);
        let date = |d: &NaiveDate| d.format("%Y-%m-%d").to_string();
        match self {
            Op::Eq(l) => write!(f, "is {l}"),
            Op::NotEq(l) => write!(f, "is not {l}"),
            Op::Cmp(c, l) => write!(f, "{} {l}", c.symbol()),
            Op::Between(a, b) => write!(f, "between {a} and {b}"),
            Op::In(items) => {
                f.write_str("in ")?;
                write_list(f, items, lit)
            }
            Op::NotIn(items) => {
                f.write_str("not in ")?;
                write_list(f, items, lit)
            }
            Op::Contains(s) => {
                f.write_str("contains ")?;
                write_text(f, s)
            }
            Op::StartsWith(s) => {
                f.write_str("starts with ")?;
                write_text(f, s)
            }
            Op::EndsWith(s) => {
                f.write_str("ends with ")?;
                write_text(f, s)
            }
            Op::Blank => f.write_str("is blank"),
            Op::NotBlank => f.write_str("is not blank"),
            Op::Has(s) => {
                f.write_str("has ")?;
                write_text(f, s)
            }
            Op::HasAny(items) => {
                f.write_str("has any ")?;
                write_list(f, items, text)
            }
            Op::HasAll(items) => {
                f.write_str("has all ")?;
                write_list(f, items, text)
            }
            Op::WithinLast(n) => write!(f, "within last {n} days"),
            Op::MoreThanAgo(n) => write!(f, "more than {n} days ago"),
            Op::Before(d) => write!(f, "before {}", date(d)),
            Op::After(d) => write!(f, "after {}", date(d)),
            Op::On(d) => write!(f, "on {}", date(d)),
        }
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.field, self.op)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Children that are themselves `and`/`or` get parentheses, so the printed text
        // parses back to the same nesting (and so to an equal tree).
        let part = |f: &mut fmt::Formatter<'_>, r: &Rule| match r {
            Rule::Or(_) | Rule::And(_) => write!(f, "({r})"),
            _ => write!(f, "{r}"),
        };
        match self {
            Rule::Or(parts) | Rule::And(parts) => {
                let sep = if matches!(self, Rule::Or(_)) {
                    " or "
                } else {
                    " and "
                };
                for (i, p) in parts.iter().enumerate() {
                    if i > 0 {
                        f.write_str(sep)?;
                    }
                    part(f, p)?;
                }
                Ok(())
            }
            Rule::Not(inner) => {
                f.write_str("not ")?;
                part(f, inner)
            }
            Rule::Condition(c) => write!(f, "{c}"),
        }
    }
}
