//! Values in storage form: the parsers behind type inference and the conversion of a
//! cleaned value to what SQLite stores for its field's type (formats on
//! [`FieldType`]). The parsers are the single definition of each type's syntax, so the
//! first pass (which asks "does every value parse?") and the second pass (which stores
//! the parsed value) cannot disagree. Used by [`super::ColumnStats`] and by
//! `import::prepare`.

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat};
use rusqlite::types::Value as Sql;

use super::{DateOrder, Inferred, TypeOptions};
use crate::fields::FieldType;

/// Convert a cleaned value to its storage form for a field of type `ty` (formats on
/// [`FieldType`]). Blank is NULL. `None` when the value does not fit the type.
pub fn to_sql(value: &str, inferred: Inferred, opts: TypeOptions) -> Option<Sql> {
    if value.is_empty() {
        return Some(Sql::Null);
    }
    match inferred.ty {
        FieldType::Text => Some(Sql::Text(value.to_string())),
        FieldType::Integer => parse_integer(value).map(Sql::Integer),
        FieldType::Decimal => parse_decimal(value, opts.decimal_comma).map(Sql::Real),
        FieldType::Boolean => parse_bool(value).map(|b| Sql::Integer(i64::from(b))),
        FieldType::Date => {
            parse_date(value, inferred.order).map(|d| Sql::Text(d.format("%Y-%m-%d").to_string()))
        }
        FieldType::Datetime => parse_datetime(value).map(Sql::Text),
        FieldType::List => {
            let items = super::list::items(value);
            Some(if items.is_empty() {
                Sql::Null
            } else {
                Sql::Text(items.join(", "))
            })
        }
    }
}

/// An integer as the rules above define it.
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

pub(super) fn parse_decimal(value: &str, decimal_comma: bool) -> Option<f64> {
    let point = if decimal_comma { ',' } else { '.' };
    let digits = value.strip_prefix('-').unwrap_or(value);
    let (whole, frac) = match digits.split_once(point) {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // Past 15 significant digits an f64 no longer holds every value exactly, so such
    // numbers (long IDs) stay text rather than being rounded.
    if !all_digits(whole)
        || (whole.len() > 1 && whole.starts_with('0'))
        || frac.is_some_and(|f| !all_digits(f))
        || whole.len() + frac.map_or(0, str::len) > 15
    {
        return None;
    }
    value.replace(point, ".").parse().ok()
}

/// true/false, yes/no, y/n in any case.
pub fn parse_bool(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" => Some(true),
        "false" | "no" | "n" => Some(false),
        _ => None,
    }
}

pub(super) fn parse_iso_date(value: &str) -> Option<NaiveDate> {
    let mut parts = value.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// `(first, second, year)` of `1/2/2024`, `01.02.2024` or `1-2-2024`.
pub(super) fn day_month_parts(value: &str) -> Option<(u32, u32, i32)> {
    let sep = value.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let mut parts = value.split(sep);
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    let small = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_digit());
    if parts.next().is_some() || !small(a) || !small(b) || y.len() != 4 {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?, y.parse().ok()?))
}

fn parse_date(value: &str, order: Option<DateOrder>) -> Option<NaiveDate> {
    if let Some(d) = parse_iso_date(value) {
        return Some(d);
    }
    let (a, b, y) = day_month_parts(value)?;
    match order? {
        DateOrder::Dmy => NaiveDate::from_ymd_opt(y, b, a),
        DateOrder::Mdy => NaiveDate::from_ymd_opt(y, a, b),
        DateOrder::Ymd => None,
    }
}

/// A datetime in storage form: RFC 3339 UTC with `Z`, fractional seconds kept only
/// when present.
pub(super) fn parse_datetime(value: &str) -> Option<String> {
    if let Ok(dt) = DateTime::parse_from_rfc3339(value) {
        return Some(
            dt.with_timezone(&chrono::Utc)
                .to_rfc3339_opts(SecondsFormat::AutoSi, true),
        );
    }
    ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(value, f).ok())
        .map(|dt| dt.and_utc().to_rfc3339_opts(SecondsFormat::AutoSi, true))
}
