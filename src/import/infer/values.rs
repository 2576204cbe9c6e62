//! Values in storage form: the conversion of a cleaned value to what SQLite stores for
//! its field's type (formats on [`FieldType`]). The parsers it calls ([`super::numbers`],
//! [`super::dates`], [`super::tags`]) are the single definition of each type's syntax,
//! so the first pass (which asks "does every value parse?") and the second pass (which
//! stores the parsed value) cannot disagree. Used by [`super::ColumnStats`] and by
//! `import::prepare`.

use rusqlite::types::Value as Sql;

use super::dates::parse_temporal;
use super::numbers::parse_number;
use super::tags::split_tags;
use super::{Inferred, TypeOptions};
use crate::fields::FieldType;

/// Convert a cleaned value to its storage form for a field of type `ty` (formats on
/// [`FieldType`]). Blank is NULL. `None` when the value does not fit the type.
pub fn to_sql(value: &str, inferred: Inferred, opts: TypeOptions) -> Option<Sql> {
    if value.is_empty() {
        return Some(Sql::Null);
    }
    match inferred.ty {
        FieldType::Text => Some(Sql::Text(value.to_string())),
        FieldType::Integer => parse_integer(value)
            .or_else(|| parse_number(value, opts.decimal_comma)?.integer)
            .map(Sql::Integer),
        FieldType::Decimal => parse_number(value, opts.decimal_comma).map(|n| Sql::Real(n.value)),
        FieldType::Boolean => parse_bool(value).map(|b| Sql::Integer(i64::from(b))),
        FieldType::Date => {
            let t = parse_temporal(value).filter(|t| t.time.is_none())?;
            t.date(inferred.order)
                .map(|d| Sql::Text(d.format("%Y-%m-%d").to_string()))
        }
        FieldType::Datetime => parse_temporal(value)?
            .datetime(inferred.order)
            .map(Sql::Text),
        FieldType::List => {
            let items = split_tags(value);
            Some(if items.is_empty() {
                Sql::Null
            } else {
                Sql::Text(items.join(", "))
            })
        }
    }
}

/// [`to_sql`] for a value the caller gives up: a text value is moved into the stored
/// form, not copied. `Err` gives the value back when it does not fit the type.
pub fn to_sql_owned(value: String, inferred: Inferred, opts: TypeOptions) -> Result<Sql, String> {
    match inferred.ty {
        FieldType::Text if value.is_empty() => Ok(Sql::Null),
        FieldType::Text => Ok(Sql::Text(value)),
        _ => to_sql(&value, inferred, opts).ok_or(value),
    }
}

/// A plain integer: optional `-`, digits, no leading zero unless the value is `0`,
/// fits i64.
pub fn parse_integer(value: &str) -> Option<i64> {
    let digits = value.strip_prefix('-').unwrap_or(value);
    if digits.is_empty()
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || (digits.len() > 1 && digits.starts_with('0'))
    {
        return None;
    }
    value.parse().ok()
}

/// true/false, yes/no, y/n in any case.
pub fn parse_bool(value: &str) -> Option<bool> {
    // Compared without a lower-cased copy: this runs on every value of a column until
    // one is no boolean, in both passes.
    let is = |word: &str| value.eq_ignore_ascii_case(word);
    if is("true") || is("yes") || is("y") {
        Some(true)
    } else if is("false") || is("no") || is("n") {
        Some(false)
    } else {
        None
    }
}
