//! Checking a parsed rule against the workspace's fields and the privacy policy.
//!
//! A rule passes when every field it names exists, every operator suits the field's type
//! and every value suits the operator, and the policy allows each field in a rule
//! (special category data and protected traits are refused wherever they appear, inside
//! `not`, `or` or a list alike, unless the campaign unlocked them). A sensitive value
//! written in a rule (`tags has "muslim"`, `diet is "halal"`) is a rule on its class and
//! refused the same way unless the campaign unlocked that kind of value on the field
//! ([`crate::fields::policy::check_value_use`]). So is any condition, whatever its
//! operator (`is`, `is not`, `contains`, `starts with`, `in`, `is blank`...), on an
//! ordinary field that holds sensitive values ([`Scope::held`]): `orientation is
//! "straight"` selects by sexual orientation when `orientation` holds `lesbian`, though
//! no word in it is a vocabulary term. The exception is an exact tag test on a list
//! field (`tags has "vip"`, `has any`, `has all`), which selects by the tags it names
//! only; a substring or blank test on the same field is still refused. Only a
//! [`CheckedRule`] can be compiled or evaluated. Called by the segment store, the CLI and
//! (later) the campaign code, which passes its category and unlocks in a [`Scope`].

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::ast::{Condition, Literal, Op, Rule};
use super::{RuleError, parse};
use crate::fields::held::{HeldValues, sensitive_in};
use crate::fields::policy::{Category, Usage, check_use, check_value_use};
use crate::fields::{Field, FieldType, change::closest};

/// What a rule is checked against.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    /// The workspace's fields.
    pub fields: &'a [Field],
    /// The campaign's category; `None` outside a campaign (`segment add`, `reach`).
    pub category: Option<Category>,
    /// Names of fields the campaign unlocked (with a justification on record).
    pub unlocked: &'a BTreeSet<String>,
    /// The date relative dates count from (`within last 90 days`).
    pub as_of: NaiveDate,
    /// The sensitive values the workspace's ordinary fields hold
    /// ([`HeldValues::load`]): a condition on such a field uses their kinds.
    pub held: &'a HeldValues,
}

/// A rule that passed [`check`]: field names resolved to the workspace's spelling, each
/// with its type, and the as-of date fixed.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedRule {
    pub rule: Rule,
    /// Type of every field the rule uses, by field name.
    pub types: BTreeMap<String, FieldType>,
    pub as_of: NaiveDate,
}

/// Parse and check `source` in one step.
///
/// Errors: the first problem found, as a [`RuleError`] pointing into `source`.
pub fn prepare(source: &str, scope: &Scope<'_>) -> Result<CheckedRule, RuleError> {
    let rule = parse::parse(source)?;
    check(source, &rule, scope)
}

/// Most conditions and list values one rule may hold. Each becomes at least one level of
/// a left-deep SQL expression, and SQLite refuses expressions deeper than 1000
/// (`SQLITE_MAX_EXPR_DEPTH`); 400 leaves room for the wrapping `NOT coalesce(...)`
/// levels and for several segments side by side in one preview query.
pub const MAX_TERMS: usize = 400;

/// Check `rule`, parsed from `source`, against `scope`.
///
/// Errors: unknown field (with the closest name), operator or value that does not suit
/// the field's type, or a field the policy blocks (with the policy's reason and how to
/// unlock it); the first in reading order.
pub fn check(source: &str, rule: &Rule, scope: &Scope<'_>) -> Result<CheckedRule, RuleError> {
    let terms: usize = rule.conditions().iter().map(|c| c.op.terms()).sum();
    if terms > MAX_TERMS {
        return Err(RuleError::at(
            source,
            0,
            1,
            format!(
                "the rule has {terms} conditions and list values; at most {MAX_TERMS} fit in one rule (SQLite limits expression depth to 1000): split it into several segments"
            ),
        ));
    }
    let mut types = BTreeMap::new();
    for cond in rule.conditions() {
        let field = find_field(source, cond, scope.fields)?;
        let unlocked = scope.unlocked.contains(&field.name);
        check_use(field, Usage::Rule, scope.category, unlocked)
            .map_err(|b| RuleError::at_span(source, cond.field_span, b.message))?;
        for value in text_values(&cond.op)
            .into_iter()
            .flat_map(|v| sensitive_in(field, v))
        {
            check_value_use(field, &value, Usage::Rule, scope.category, scope.unlocked)
                .map_err(|b| RuleError::at_span(source, cond.op_span, b.message))?;
        }
        let held_values = scope.held.of(&field.name);
        let held_values = if selects_by_held_values(field, &cond.op) {
            held_values
        } else {
            &[]
        };
        for held in held_values.iter().filter(|h| h.selects()) {
            check_value_use(
                field,
                &held.value,
                Usage::Rule,
                scope.category,
                scope.unlocked,
            )
            .map_err(|b| {
                let message = format!(
                    "{}, so any condition on it selects by them: {}",
                    held.describe(&field.name),
                    b.message
                );
                RuleError::at_span(source, cond.field_span, message)
            })?;
        }
        check_op(cond, field).map_err(|m| RuleError::at_span(source, cond.op_span, m))?;
        types.insert(field.name.clone(), field.ty);
    }
    Ok(CheckedRule {
        rule: resolve_names(rule, scope.fields),
        types,
        as_of: scope.as_of,
    })
}

/// Whether a condition with `op` on `field` selects by every value the field holds, so
/// that the sensitive values it holds count as used. True for every condition but an
/// exact tag test on a list field (`tags has "vip"`, `has any`, `has all`): that selects
/// by the tags it names, whatever other tags a contact holds, and those named tags are
/// checked themselves. The segment check and review both ask this.
pub fn selects_by_held_values(field: &Field, op: &Op) -> bool {
    !(field.ty == FieldType::List && matches!(op, Op::Has(_) | Op::HasAny(_) | Op::HasAll(_)))
}

/// The text values and tags a condition compares with (review reads them too).
pub fn text_values(op: &Op) -> Vec<&str> {
    fn text(l: &Literal) -> Option<&str> {
        match l {
            Literal::Text(t) => Some(t),
            _ => None,
        }
    }
    match op {
        Op::Eq(l) | Op::NotEq(l) => text(l).into_iter().collect(),
        Op::In(ls) | Op::NotIn(ls) => ls.iter().filter_map(text).collect(),
        Op::Contains(t) | Op::StartsWith(t) | Op::EndsWith(t) | Op::Has(t) => vec![t.as_str()],
        Op::HasAny(ts) | Op::HasAll(ts) => ts.iter().map(String::as_str).collect(),
        _ => Vec::new(),
    }
}

fn find_field<'f>(
    source: &str,
    cond: &Condition,
    fields: &'f [Field],
) -> Result<&'f Field, RuleError> {
    if let Some(f) = fields
        .iter()
        .find(|f| f.name.eq_ignore_ascii_case(&cond.field))
    {
        return Ok(f);
    }
    let names: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
    let hint = closest(&cond.field.to_ascii_lowercase(), &names)
        .map(|n| format!("; did you mean `{n}`?"))
        .unwrap_or_else(|| {
            if names.is_empty() {
                "; the workspace has no fields yet (import a file first)".to_string()
            } else {
                "; `tactful fields` lists them".to_string()
            }
        });
    Err(RuleError::at_span(
        source,
        cond.field_span,
        format!("no field `{}`{hint}", cond.field),
    ))
}

/// The rule with every field name spelled as the workspace spells it.
fn resolve_names(rule: &Rule, fields: &[Field]) -> Rule {
    match rule {
        Rule::Or(parts) => Rule::Or(parts.iter().map(|p| resolve_names(p, fields)).collect()),
        Rule::And(parts) => Rule::And(parts.iter().map(|p| resolve_names(p, fields)).collect()),
        Rule::Not(inner) => Rule::Not(Box::new(resolve_names(inner, fields))),
        Rule::Condition(c) => {
            let mut c = c.clone();
            if let Some(f) = fields
                .iter()
                .find(|f| f.name.eq_ignore_ascii_case(&c.field))
            {
                c.field = f.name.clone();
            }
            Rule::Condition(c)
        }
    }
}

fn type_phrase(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Text => "a text field",
        FieldType::Integer => "an integer field",
        FieldType::Decimal => "a decimal field",
        FieldType::Boolean => "a boolean field",
        FieldType::Date => "a date field",
        FieldType::Datetime => "a date-and-time field",
        FieldType::List => "a list (tags) field",
    }
}

fn literal_fits(ty: FieldType, lit: &Literal) -> bool {
    matches!(
        (ty, lit),
        (FieldType::Text, Literal::Text(_))
            | (
                FieldType::Integer | FieldType::Decimal,
                Literal::Integer(_) | Literal::Decimal(_)
            )
            | (FieldType::Boolean, Literal::Boolean(_))
            | (FieldType::Date | FieldType::Datetime, Literal::Date(_))
    )
}

fn example(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Text => "text in double quotes",
        FieldType::Integer | FieldType::Decimal => "a number",
        FieldType::Boolean => "true or false",
        FieldType::Date | FieldType::Datetime => "a date like 2026-01-31",
        FieldType::List => "a tag",
    }
}

/// Check that `cond`'s operator and values suit `field`'s type.
fn check_op(cond: &Condition, field: &Field) -> Result<(), String> {
    let ty = field.ty;
    let name = &field.name;
    let is = type_phrase(ty);
    let values = |lits: &[&Literal]| -> Result<(), String> {
        for lit in lits {
            if !literal_fits(ty, lit) {
                return Err(format!(
                    "`{name}` is {is}; compare it with {}, not {lit}",
                    example(ty)
                ));
            }
            if let Literal::Text(s) = lit
                && s.trim().is_empty()
            {
                return Err(format!(
                    "empty text never matches; to find contacts with no `{name}`, write `{name} is blank`"
                ));
            }
        }
        Ok(())
    };
    let text_only = |what: &str, s: &str| -> Result<(), String> {
        match ty {
            FieldType::Text if s.trim().is_empty() => Err(format!(
                "`{what} \"\"` matches every value; write `{name} is not blank` instead"
            )),
            FieldType::Text => Ok(()),
            FieldType::List => Err(format!(
                "`{name}` is a list of tags; use `{name} has \"tag\"` to match whole tags"
            )),
            _ => Err(format!("`{what}` works on text fields; `{name}` is {is}")),
        }
    };
    let ordered = || -> Result<(), String> {
        match ty {
            FieldType::Integer | FieldType::Decimal | FieldType::Date | FieldType::Datetime => {
                Ok(())
            }
            _ => Err(format!(
                "`>`, `<` and `between` compare numbers and dates; `{name}` is {is}"
            )),
        }
    };
    let dated = |what: &str| -> Result<(), String> {
        match ty {
            FieldType::Date | FieldType::Datetime => Ok(()),
            _ => Err(format!("`{what}` works on date fields; `{name}` is {is}")),
        }
    };
    let no_list = || -> Result<(), String> {
        if ty == FieldType::List {
            Err(format!(
                "`{name}` is a list of tags; use `{name} has \"tag\"`, `has any (...)` or `has all (...)`"
            ))
        } else {
            Ok(())
        }
    };
    match &cond.op {
        Op::Eq(lit) | Op::NotEq(lit) => {
            no_list()?;
            if let Literal::Boolean(_) = lit
                && ty != FieldType::Boolean
            {
                return Err(format!(
                    "`is {lit}` works on boolean fields; `{name}` is {is}"
                ));
            }
            values(&[lit])
        }
        Op::In(lits) | Op::NotIn(lits) => {
            no_list()?;
            values(&lits.iter().collect::<Vec<_>>())
        }
        Op::Cmp(_, lit) => {
            ordered()?;
            values(&[lit])
        }
        Op::Between(lo, hi) => {
            ordered()?;
            values(&[lo, hi])?;
            if let Some(std::cmp::Ordering::Greater) = literal_order(lo, hi) {
                return Err(format!(
                    "`between {lo} and {hi}` is empty: write the smaller value first"
                ));
            }
            Ok(())
        }
        Op::Contains(s) => text_only("contains", s),
        Op::StartsWith(s) => text_only("starts with", s),
        Op::EndsWith(s) => text_only("ends with", s),
        Op::Blank | Op::NotBlank => Ok(()),
        Op::Has(_) | Op::HasAny(_) | Op::HasAll(_) => {
            if ty != FieldType::List {
                let alt = if ty == FieldType::Text {
                    "; for text use `is` or `contains`"
                } else {
                    ""
                };
                return Err(format!(
                    "`has` works on list (tags) fields; `{name}` is {is}{alt}"
                ));
            }
            let tags: Vec<&String> = match &cond.op {
                Op::Has(t) => vec![t],
                Op::HasAny(ts) | Op::HasAll(ts) => ts.iter().collect(),
                _ => Vec::new(),
            };
            if tags.iter().any(|t| t.trim().is_empty() || t.contains(',')) {
                return Err("a tag is a non-empty word or phrase without commas".to_string());
            }
            Ok(())
        }
        Op::WithinLast(_) => dated("within last"),
        Op::MoreThanAgo(_) => dated("more than ... days ago"),
        Op::Before(_) => dated("before"),
        Op::After(_) => dated("after"),
        Op::On(_) => dated("on"),
    }
}

fn literal_order(a: &Literal, b: &Literal) -> Option<std::cmp::Ordering> {
    let num = |l: &Literal| match l {
        Literal::Integer(i) => Some(*i as f64),
        Literal::Decimal(d) => Some(*d),
        _ => None,
    };
    match (a, b) {
        (Literal::Date(x), Literal::Date(y)) => Some(x.cmp(y)),
        _ => num(a)?.partial_cmp(&num(b)?),
    }
}

#[cfg(test)]
#[path = "check_tests.rs"]
mod tests;
