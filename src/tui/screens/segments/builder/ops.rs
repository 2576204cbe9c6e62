//! The condition builder's vocabulary: the operators a field's type allows, what value
//! each needs, and writing a condition as rule text (values quoted as the rule language
//! reads them) and appending it to a rule with `and` or `or`.
//!
//! Pure functions over [`Field`]s; the builder's state ([`super::BuilderState`]) and the
//! rule editor's value suggestions use them.

use crate::fields::{Field, FieldType};
use crate::segment::{Rule, parse};

/// An operator the builder offers, with the words it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuilderOp {
    Is,
    IsNot,
    Contains,
    StartsWith,
    EndsWith,
    Gt,
    Ge,
    Lt,
    Le,
    Between,
    In,
    NotIn,
    Has,
    HasAny,
    HasAll,
    IsBlank,
    IsNotBlank,
    WithinLast,
    MoreThanAgo,
    Before,
    After,
    IsTrue,
    IsFalse,
}

/// What value an operator needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Needs {
    Nothing,
    One,
    Two,
    Several,
    Days,
}

use BuilderOp as O;

impl BuilderOp {
    /// The operator as the rule language writes it.
    pub fn label(self) -> &'static str {
        match self {
            O::Is => "is",
            O::IsNot => "is not",
            O::Contains => "contains",
            O::StartsWith => "starts with",
            O::EndsWith => "ends with",
            O::Gt => ">",
            O::Ge => ">=",
            O::Lt => "<",
            O::Le => "<=",
            O::Between => "between",
            O::In => "in",
            O::NotIn => "not in",
            O::Has => "has",
            O::HasAny => "has any",
            O::HasAll => "has all",
            O::IsBlank => "is blank",
            O::IsNotBlank => "is not blank",
            O::WithinLast => "within last N days",
            O::MoreThanAgo => "more than N days ago",
            O::Before => "before",
            O::After => "after",
            O::IsTrue => "is true",
            O::IsFalse => "is false",
        }
    }

    pub(super) fn needs(self) -> Needs {
        match self {
            O::IsBlank | O::IsNotBlank | O::IsTrue | O::IsFalse => Needs::Nothing,
            O::Between => Needs::Two,
            O::In | O::NotIn | O::HasAny | O::HasAll => Needs::Several,
            O::WithinLast | O::MoreThanAgo => Needs::Days,
            _ => Needs::One,
        }
    }
}

/// The operators the checker accepts for a field of type `ty` (segment::check).
pub fn ops_for(ty: FieldType) -> &'static [BuilderOp] {
    match ty {
        FieldType::Text => &[
            O::Is,
            O::IsNot,
            O::Contains,
            O::StartsWith,
            O::EndsWith,
            O::In,
            O::NotIn,
            O::IsBlank,
            O::IsNotBlank,
        ],
        FieldType::Integer | FieldType::Decimal => &[
            O::Is,
            O::IsNot,
            O::Gt,
            O::Ge,
            O::Lt,
            O::Le,
            O::Between,
            O::In,
            O::IsBlank,
            O::IsNotBlank,
        ],
        FieldType::Boolean => &[O::IsTrue, O::IsFalse, O::IsBlank, O::IsNotBlank],
        FieldType::Date | FieldType::Datetime => &[
            O::WithinLast,
            O::MoreThanAgo,
            O::Before,
            O::After,
            O::Is,
            O::Between,
            O::IsBlank,
            O::IsNotBlank,
        ],
        FieldType::List => &[O::Has, O::HasAny, O::HasAll, O::IsBlank, O::IsNotBlank],
    }
}

/// What to type for a value of `ty` after `op`, for the value prompt.
pub(super) fn hint(ty: FieldType, op: BuilderOp) -> &'static str {
    let one = match ty {
        FieldType::Integer | FieldType::Decimal => "a number",
        FieldType::Date | FieldType::Datetime => "a date like 2026-01-31",
        FieldType::List => "a tag",
        _ => "text (quotes are added for you)",
    };
    match op.needs() {
        Needs::Nothing => "no value needed: press Enter",
        Needs::Days => "a number of days",
        Needs::Two => "two values separated by a comma (smaller first)",
        Needs::Several => "values separated by commas",
        Needs::One => one,
    }
}

/// `value` as a rule literal for a field of `ty`: text and tags quoted (with `"` and
/// `\` escaped as the rule language reads them), anything else as typed.
pub fn literal(ty: FieldType, value: &str) -> String {
    let value = value.trim();
    match ty {
        FieldType::Text | FieldType::List => {
            let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
            format!("\"{escaped}\"")
        }
        _ => value.to_string(),
    }
}

/// The condition `field op value` as rule text, or what is missing from `value`.
pub fn condition(field: &Field, op: BuilderOp, value: &str) -> Result<String, String> {
    let name = &field.name;
    let ty = field.ty;
    let parts: Vec<&str> = value
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let missing = || Err(format!("type {}", hint(ty, op)));
    Ok(match op.needs() {
        Needs::Nothing => format!("{name} {}", op.label()),
        Needs::Days => {
            let days = value.trim();
            if days.is_empty() {
                return missing();
            }
            match op {
                O::WithinLast => format!("{name} within last {days} days"),
                _ => format!("{name} more than {days} days ago"),
            }
        }
        Needs::One if value.trim().is_empty() => return missing(),
        Needs::One => format!("{name} {} {}", op.label(), literal(ty, value)),
        Needs::Two if parts.len() != 2 => return missing(),
        Needs::Two => format!(
            "{name} between {} and {}",
            literal(ty, parts[0]),
            literal(ty, parts[1])
        ),
        Needs::Several if parts.is_empty() => return missing(),
        Needs::Several => {
            let items: Vec<String> = parts.iter().map(|p| literal(ty, p)).collect();
            format!("{name} {} ({})", op.label(), items.join(", "))
        }
    })
}

/// How the builder joins a new condition to the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Join {
    #[default]
    And,
    Or,
}

impl Join {
    pub fn word(self) -> &'static str {
        match self {
            Join::And => "and",
            Join::Or => "or",
        }
    }
}

/// `rule` with `condition` appended with `join`. With `and`, a rule whose top level is
/// an `or` is put in parentheses first, since `and` binds tighter and would otherwise
/// attach the condition to its last part only; `or` binds loosest, so it needs none.
pub fn append(rule: &str, condition: &str, join: Join) -> String {
    let trimmed = rule.trim_end();
    if trimmed.trim_start().is_empty() {
        return condition.to_string();
    }
    match (join, parse::parse(trimmed)) {
        (Join::And, Ok(Rule::Or(_))) => format!("({trimmed}) and {condition}"),
        _ => format!("{trimmed} {} {condition}", join.word()),
    }
}
