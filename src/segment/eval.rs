//! An independent evaluator: applies a checked rule to one contact's typed values in
//! plain Rust, without SQL.
//!
//! Used to explain why a contact is in or out of a segment (`tactful explain-rule`, the
//! campaign preview's explanation) and, in tests, as the reference the compiled SQL must
//! agree with. It is written from PRODUCT.md's semantics directly and shares no code with
//! the compiler or the SQL functions: text compares by `str::to_lowercase` (final sigma
//! folded to σ), negations hold for blank values, relative dates count back from the
//! rule's as-of date.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::ast::{Cmp, Condition, Literal, Op, Rule};
use super::check::CheckedRule;
use crate::fields::value::{Record, Value};

/// One condition of a rule, applied to one contact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConditionResult {
    /// The condition as canonical rule text (`city is "Berlin"`).
    pub condition: String,
    pub field: String,
    /// The contact's value (`null` when blank).
    pub value: Value,
    pub held: bool,
}

/// Why a contact matches a rule or not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// Whether the whole rule matched.
    pub matched: bool,
    /// Every condition, in the order written.
    pub conditions: Vec<ConditionResult>,
}

/// Whether `record` matches `checked`.
pub fn matches(checked: &CheckedRule, record: &Record) -> bool {
    eval(&checked.rule, record, checked.as_of)
}

/// Every condition of `checked` applied to `record`, and the overall result.
pub fn explain(checked: &CheckedRule, record: &Record) -> Explanation {
    let conditions = checked
        .rule
        .conditions()
        .into_iter()
        .map(|c| ConditionResult {
            condition: c.to_string(),
            field: c.field.clone(),
            value: record.get(&c.field).cloned().unwrap_or(Value::Null),
            held: condition(c, record, checked.as_of),
        })
        .collect();
    Explanation {
        matched: matches(checked, record),
        conditions,
    }
}

fn eval(rule: &Rule, record: &Record, as_of: NaiveDate) -> bool {
    match rule {
        Rule::Or(parts) => parts.iter().any(|p| eval(p, record, as_of)),
        Rule::And(parts) => parts.iter().all(|p| eval(p, record, as_of)),
        Rule::Not(inner) => !eval(inner, record, as_of),
        Rule::Condition(c) => condition(c, record, as_of),
    }
}

fn fold(s: &str) -> String {
    s.trim().to_lowercase().replace('ς', "σ")
}

fn text_eq(value: &Value, lit: &Literal) -> bool {
    match (value, lit) {
        (Value::Text(v), Literal::Text(l)) => fold(v) == fold(l),
        _ => false,
    }
}

/// Compare a number or date value with a literal; `None` when they cannot be compared
/// (blank, or a stored value that does not fit its type).
fn order(value: &Value, lit: &Literal) -> Option<std::cmp::Ordering> {
    match (value, lit) {
        (Value::Integer(a), Literal::Integer(b)) => Some(a.cmp(b)),
        (Value::Integer(a), Literal::Decimal(b)) => (*a as f64).partial_cmp(b),
        (Value::Decimal(a), Literal::Integer(b)) => a.partial_cmp(&(*b as f64)),
        (Value::Decimal(a), Literal::Decimal(b)) => a.partial_cmp(b),
        (Value::Date(a), Literal::Date(b)) => Some(a.cmp(b)),
        (Value::Datetime(a), Literal::Date(b)) => Some(a.date_naive().cmp(b)),
        (Value::Boolean(a), Literal::Boolean(b)) => Some(a.cmp(b)),
        _ => None,
    }
}

fn equals(value: &Value, lit: &Literal) -> bool {
    match lit {
        Literal::Text(_) => text_eq(value, lit),
        _ => order(value, lit) == Some(std::cmp::Ordering::Equal),
    }
}

fn date_of(value: &Value) -> Option<NaiveDate> {
    match value {
        Value::Date(d) => Some(*d),
        Value::Datetime(dt) => Some(dt.date_naive()),
        _ => None,
    }
}

fn text_test(value: &Value, pattern: &str, test: fn(&str, &str) -> bool) -> bool {
    match value {
        Value::Text(v) => test(&fold(v), &fold(pattern)),
        _ => false,
    }
}

fn holds_tag(value: &Value, tag: &str) -> bool {
    match value {
        Value::List(items) => items.iter().any(|i| fold(i) == fold(tag)),
        _ => false,
    }
}

fn condition(c: &Condition, record: &Record, as_of: NaiveDate) -> bool {
    let value = record.get(&c.field).unwrap_or(&Value::Null);
    let date = || date_of(value);
    match &c.op {
        Op::Eq(l) => equals(value, l),
        Op::NotEq(l) => !equals(value, l),
        Op::In(ls) => ls.iter().any(|l| equals(value, l)),
        Op::NotIn(ls) => !ls.iter().any(|l| equals(value, l)),
        Op::Cmp(cmp, l) => order(value, l).is_some_and(|o| match cmp {
            Cmp::Gt => o.is_gt(),
            Cmp::Ge => o.is_ge(),
            Cmp::Lt => o.is_lt(),
            Cmp::Le => o.is_le(),
        }),
        Op::Between(lo, hi) => {
            order(value, lo).is_some_and(|o| o.is_ge())
                && order(value, hi).is_some_and(|o| o.is_le())
        }
        Op::Contains(s) => text_test(value, s, |v, p| v.contains(p)),
        Op::StartsWith(s) => text_test(value, s, |v, p| v.starts_with(p)),
        Op::EndsWith(s) => text_test(value, s, |v, p| v.ends_with(p)),
        Op::Blank => value.is_blank(),
        Op::NotBlank => !value.is_blank(),
        Op::Has(t) => holds_tag(value, t),
        Op::HasAny(ts) => ts.iter().any(|t| holds_tag(value, t)),
        Op::HasAll(ts) => ts.iter().all(|t| holds_tag(value, t)),
        Op::WithinLast(n) => {
            let from = as_of - Duration::days(i64::from(*n));
            date().is_some_and(|d| from <= d && d <= as_of)
        }
        Op::MoreThanAgo(n) => {
            let limit = as_of - Duration::days(i64::from(*n));
            date().is_some_and(|d| d < limit)
        }
        Op::Before(d) => date().is_some_and(|v| v < *d),
        Op::After(d) => date().is_some_and(|v| v > *d),
        Op::On(d) => date().is_some_and(|v| v == *d),
    }
}
