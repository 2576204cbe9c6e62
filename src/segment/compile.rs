//! Compiling a checked rule to a parameterised SQLite boolean expression over the
//! `contacts` table.
//!
//! Column names go through [`quote_ident`]; every value from the rule is a bound
//! parameter, written as a plain `?` in textual order, so several compiled rules can be
//! joined into one statement with their parameters appended in the same order.
//!
//! Blank values are SQL NULL. A positive condition on NULL yields NULL, which `WHERE`,
//! `AND` and `OR` treat exactly as false (Kleene logic maps NULL→false homomorphically for
//! AND and OR). Only negation differs, so every negation is written `NOT coalesce(x, 0)`:
//! a contact whose value is blank is "not matched" before negating, and so *included* by
//! `is not`, `!=`, `not in` and `not (...)` (PRODUCT.md, "Segment rules"; case BR-12).
//!
//! Text comparisons use the Unicode case-insensitive functions of
//! [`crate::workspace::sqlfn`]. Dates are compared as `YYYY-MM-DD` strings (calendar
//! dates, no time zone: case BR-14); datetimes, stored as RFC 3339 UTC, by their UTC date
//! part. Relative dates are turned into dates here, from the rule's as-of date, never
//! from the clock or the local time zone.

use std::fmt::Write as _;

use chrono::{Days, NaiveDate};
use rusqlite::types::Value;

use super::ast::{Cmp, Literal, Op, Rule};
use super::check::CheckedRule;
use crate::fields::FieldType;
use crate::workspace::quote_ident;

/// A boolean SQL expression over `contacts` columns and its parameters, in the order of
/// their `?` placeholders.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledRule {
    pub sql: String,
    pub params: Vec<Value>,
}

/// Compile `checked` to SQL.
pub fn compile(checked: &CheckedRule) -> CompiledRule {
    let mut out = CompiledRule {
        sql: String::new(),
        params: Vec::new(),
    };
    rule(&mut out, &checked.rule, checked);
    out
}

/// The first day of `within last n days` as of `as_of`: `as_of - n`, included. The
/// window runs from that day to `as_of`, both included, so `within last 0 days` is
/// `as_of` alone and a date after `as_of` is never within it.
pub fn window_start(as_of: NaiveDate, days: u32) -> NaiveDate {
    as_of
        .checked_sub_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MIN)
}

/// `more than n days ago` as of `as_of` means strictly before `as_of - n`: a date exactly
/// `n` days ago is not *more* than `n` days ago. This returns `as_of - n`, excluded.
pub fn more_than_ago_limit(as_of: NaiveDate, days: u32) -> NaiveDate {
    window_start(as_of, days)
}

fn date_text(d: NaiveDate) -> Value {
    Value::Text(d.format("%Y-%m-%d").to_string())
}

fn param(lit: &Literal) -> Value {
    match lit {
        Literal::Text(s) => Value::Text(s.trim().to_string()),
        Literal::Integer(i) => Value::Integer(*i),
        Literal::Decimal(d) => Value::Real(*d),
        Literal::Date(d) => date_text(*d),
        Literal::Boolean(b) => Value::Integer(i64::from(*b)),
    }
}

fn rule(out: &mut CompiledRule, r: &Rule, checked: &CheckedRule) {
    match r {
        Rule::Or(parts) | Rule::And(parts) => {
            let sep = if matches!(r, Rule::Or(_)) {
                " OR "
            } else {
                " AND "
            };
            out.sql.push('(');
            for (i, p) in parts.iter().enumerate() {
                if i > 0 {
                    out.sql.push_str(sep);
                }
                rule(out, p, checked);
            }
            out.sql.push(')');
        }
        Rule::Not(inner) => {
            out.sql.push_str("NOT coalesce(");
            rule(out, inner, checked);
            out.sql.push_str(", 0)");
        }
        Rule::Condition(c) => {
            let ty = checked
                .types
                .get(&c.field)
                .copied()
                .unwrap_or(FieldType::Text);
            condition(out, &quote_ident(&c.field), ty, &c.op, checked.as_of);
        }
    }
}

/// Write `NOT coalesce(<positive>, 0)`.
fn negated(out: &mut CompiledRule, positive: impl FnOnce(&mut CompiledRule)) {
    out.sql.push_str("NOT coalesce(");
    positive(out);
    out.sql.push_str(", 0)");
}

/// `(f(col, ?) OR f(col, ?) ...)` for text functions over several values.
fn each(out: &mut CompiledRule, func: &str, col: &str, joiner: &str, values: Vec<Value>) {
    out.sql.push('(');
    for (i, v) in values.into_iter().enumerate() {
        if i > 0 {
            out.sql.push_str(joiner);
        }
        let _ = write!(out.sql, "{func}({col}, ?)");
        out.params.push(v);
    }
    out.sql.push(')');
}

fn condition(out: &mut CompiledRule, col: &str, ty: FieldType, op: &Op, as_of: NaiveDate) {
    // For dates and datetimes the compared expression is the calendar date.
    let expr = if ty == FieldType::Datetime {
        format!("substr({col}, 1, 10)")
    } else {
        col.to_string()
    };
    let text_values = |lits: &[Literal]| lits.iter().map(param).collect::<Vec<_>>();
    match (ty, op) {
        (FieldType::Text, Op::Eq(l)) => each(out, "tactful_eq_ci", col, " OR ", vec![param(l)]),
        (FieldType::Text, Op::NotEq(l)) => negated(out, |o| {
            each(o, "tactful_eq_ci", col, " OR ", vec![param(l)])
        }),
        (FieldType::Text, Op::In(ls)) => each(out, "tactful_eq_ci", col, " OR ", text_values(ls)),
        (FieldType::Text, Op::NotIn(ls)) => negated(out, |o| {
            each(o, "tactful_eq_ci", col, " OR ", text_values(ls))
        }),
        (_, Op::Contains(s)) => each(out, "tactful_contains_ci", col, "", vec![text(s)]),
        (_, Op::StartsWith(s)) => each(out, "tactful_starts_ci", col, "", vec![text(s)]),
        (_, Op::EndsWith(s)) => each(out, "tactful_ends_ci", col, "", vec![text(s)]),
        (_, Op::Has(t)) => each(out, "tactful_has_tag", col, "", vec![text(t)]),
        (_, Op::HasAny(ts)) => each(
            out,
            "tactful_has_tag",
            col,
            " OR ",
            ts.iter().map(|t| text(t)).collect(),
        ),
        (_, Op::HasAll(ts)) => each(
            out,
            "tactful_has_tag",
            col,
            " AND ",
            ts.iter().map(|t| text(t)).collect(),
        ),
        (FieldType::Text, Op::Blank) => {
            let _ = write!(out.sql, "tactful_blank({col})");
        }
        (FieldType::Text, Op::NotBlank) => {
            let _ = write!(out.sql, "NOT tactful_blank({col})");
        }
        (FieldType::List, Op::Blank) => {
            let _ = write!(out.sql, "tactful_no_tags({col})");
        }
        (FieldType::List, Op::NotBlank) => {
            let _ = write!(out.sql, "NOT tactful_no_tags({col})");
        }
        (_, Op::Blank) => {
            let _ = write!(out.sql, "{col} IS NULL");
        }
        (_, Op::NotBlank) => {
            let _ = write!(out.sql, "{col} IS NOT NULL");
        }
        // Booleans: any non-zero integer is true, as `Value::from_sql` reads it.
        (FieldType::Boolean, Op::Eq(Literal::Boolean(b))) => {
            let _ = write!(out.sql, "({col} {} 0)", if *b { "<>" } else { "=" });
        }
        (FieldType::Boolean, Op::NotEq(Literal::Boolean(b))) => {
            let _ = write!(
                out.sql,
                "NOT coalesce({col} {} 0, 0)",
                if *b { "<>" } else { "=" }
            );
        }
        (_, Op::Eq(l)) => binary(out, &expr, "=", param(l)),
        (_, Op::NotEq(l)) => negated(out, |o| binary(o, &expr, "=", param(l))),
        (_, Op::Cmp(c, l)) => binary(out, &expr, c.symbol(), param(l)),
        (_, Op::Between(lo, hi)) => {
            let _ = write!(out.sql, "({expr} BETWEEN ? AND ?)");
            out.params.push(param(lo));
            out.params.push(param(hi));
        }
        (_, Op::In(ls)) => in_list(out, &expr, ls),
        (_, Op::NotIn(ls)) => negated(out, |o| in_list(o, &expr, ls)),
        (_, Op::Before(d)) => binary(out, &expr, Cmp::Lt.symbol(), date_text(*d)),
        (_, Op::After(d)) => binary(out, &expr, Cmp::Gt.symbol(), date_text(*d)),
        (_, Op::On(d)) => binary(out, &expr, "=", date_text(*d)),
        (_, Op::WithinLast(n)) => {
            let _ = write!(out.sql, "({expr} BETWEEN ? AND ?)");
            out.params.push(date_text(window_start(as_of, *n)));
            out.params.push(date_text(as_of));
        }
        (_, Op::MoreThanAgo(n)) => {
            binary(out, &expr, "<", date_text(more_than_ago_limit(as_of, *n)));
        }
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.trim().to_string())
}

fn binary(out: &mut CompiledRule, expr: &str, op: &str, v: Value) {
    let _ = write!(out.sql, "({expr} {op} ?)");
    out.params.push(v);
}

fn in_list(out: &mut CompiledRule, expr: &str, lits: &[Literal]) {
    let _ = write!(out.sql, "({expr} IN (");
    for (i, l) in lits.iter().enumerate() {
        out.sql.push_str(if i == 0 { "?" } else { ", ?" });
        out.params.push(param(l));
    }
    out.sql.push_str("))");
}
