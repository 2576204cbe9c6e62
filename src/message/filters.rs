//! The filters a message template may use, and nothing else: `default`, `upper`,
//! `lower`, `title`, `date` and `currency`.
//!
//! `default` replaces minijinja's own, which only fires for undefined values: ours also
//! fires for none, empty and whitespace-only values, because an imported blank cell is
//! exactly the "Hi ," case (BR-16); a placeholder fallback ("...", "TODO",
//! [`super::placeholder`]) is printed but logged as missing, like no fallback. Every filter passes a blank merge value through as
//! blank, so the renderer can still tell which field was blank. Registered by
//! [`super::engine`]; [`NAMES`] and [`suggest`] feed the checks' error messages.

use std::fmt::Write;

use chrono::format::{Item, StrftimeItems};
use chrono::{DateTime, NaiveDate, Utc};
use minijinja::value::{Value as JValue, ValueKind};
use minijinja::{Environment, Error, ErrorKind, State};

use super::engine::{Blank, MergeLog, display};
use super::placeholder::is_placeholder;

/// The filters templates may use, in the order error messages list them.
pub const NAMES: [&str; 6] = ["default", "upper", "lower", "title", "date", "currency"];

/// Filter names from Liquid (Shopify, Mailchimp-style) with their tactful equivalent.
const LIQUID: [(&str, &str); 4] = [
    ("upcase", "upper"),
    ("downcase", "lower"),
    ("capitalize", "title"),
    ("titlecase", "title"),
];

/// The accepted filter an unknown filter name most likely meant, if any.
pub fn suggest(name: &str) -> Option<String> {
    if let Some((_, ours)) = LIQUID.iter().find(|(liquid, _)| *liquid == name) {
        return Some((*ours).to_string());
    }
    let names: Vec<String> = NAMES.iter().map(|n| n.to_string()).collect();
    crate::fields::change::closest(name, &names).map(str::to_string)
}

pub(crate) fn register(env: &mut Environment<'static>) {
    env.add_filter("default", default);
    env.add_filter("upper", |v: JValue| map_text(v, |s| s.to_uppercase()));
    env.add_filter("lower", |v: JValue| map_text(v, |s| s.to_lowercase()));
    env.add_filter("title", |v: JValue| map_text(v, |s| title_case(&s)));
    env.add_filter("date", date);
    env.add_filter("currency", currency);
}

/// True for values `default` replaces: blank merge values, undefined, none, and text
/// or lists with nothing but whitespace.
fn is_blank(value: &JValue) -> bool {
    value.downcast_object_ref::<Blank>().is_some()
        || value.is_undefined()
        || value.is_none()
        || (matches!(value.kind(), ValueKind::String | ValueKind::Seq)
            && display(value).trim().is_empty())
}

fn default(state: &mut State, value: JValue, fallback: Option<JValue>) -> JValue {
    let Some(fallback) = fallback else {
        return value;
    };
    if !is_blank(&value) {
        return value;
    }
    if let Some(blank) = value.downcast_object_ref::<Blank>() {
        let field = blank.field.to_string();
        let log = state.get_or_insert_extension_with(MergeLog::default);
        // A placeholder ("...", "TODO", "[name]") is no fallback: the recipient still
        // gets nothing worth reading, so it counts as missing (PRODUCT.md: "Hi ," never
        // ships), and the preview shows exactly what would be sent.
        // Another blank merge field as the fallback is no placeholder: the next
        // `default` or the output decides about it.
        let chained = fallback.downcast_object_ref::<Blank>().is_some();
        if chained || (!is_blank(&fallback) && !is_placeholder(&display(&fallback), &field)) {
            log.fallbacks_used.insert(field);
        } else {
            log.placeholders.insert(field.clone());
            log.missing.insert(field);
        }
    }
    fallback
}

fn map_text(value: JValue, f: impl Fn(String) -> String) -> JValue {
    if value.downcast_object_ref::<Blank>().is_some() {
        return value;
    }
    JValue::from(f(display(&value)))
}

/// Upper-case the first letter of every word and lower-case the rest, where a word is a
/// run of letters and digits (so `o'brien` → `O'Brien`, `zoë` → `Zoë`). Unicode-aware:
/// case mapping follows `char::to_uppercase`/`to_lowercase`.
pub fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_word = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if in_word {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            in_word = true;
        } else {
            out.push(c);
            in_word = false;
        }
    }
    out
}

/// Why `format` is not a usable chrono format string, or `None` if it is.
pub fn date_format_problem(format: &str) -> Option<String> {
    if StrftimeItems::new(format).any(|item| matches!(item, Item::Error)) {
        return Some(
            "it has an unknown `%` directive; use chrono directives such as %d %B %Y".into(),
        );
    }
    None
}

/// Format a date or datetime value (stored as `YYYY-MM-DD` or RFC 3339) with a chrono
/// format string. Month and day names are English.
fn date(value: JValue, format: String) -> Result<JValue, Error> {
    if value.downcast_object_ref::<Blank>().is_some() {
        return Ok(value);
    }
    if let Some(problem) = date_format_problem(&format) {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("invalid date format `{format}`: {problem}"),
        ));
    }
    let text = display(&value);
    let mut out = String::new();
    let written = if let Ok(d) = NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
        write!(out, "{}", d.format(&format))
    } else if let Ok(dt) = DateTime::parse_from_rfc3339(&text) {
        write!(out, "{}", dt.with_timezone(&Utc).format(&format))
    } else {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("filter `date` needs a date, got `{text}`"),
        ));
    };
    written.map_err(|_| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!(
                "date format `{format}` asks for something `{text}` does not have (a time of day?)"
            ),
        )
    })?;
    Ok(JValue::from(out))
}

/// True for an ISO 4217-shaped code: three ASCII capital letters.
pub fn is_currency_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// Format an amount with two decimals, English style: symbol first for EUR (`€`), USD
/// (`$`) and GBP (`£`), otherwise the code and a space (`CHF 12.50`); comma thousands
/// separators; minus sign before the symbol (`-€3.00`). Rounds half away from zero on
/// the decimal number as written (2.675 → 2.68), not on its binary approximation
/// (2.67499999…), because that is the number the user imported and reads.
fn currency(value: JValue, code: String) -> Result<JValue, Error> {
    if value.downcast_object_ref::<Blank>().is_some() {
        return Ok(value);
    }
    if !is_currency_code(&code) {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("unknown currency `{code}`"),
        ));
    }
    let amount = if value.kind() == ValueKind::Number {
        f64::try_from(value.clone()).ok()
    } else {
        display(&value).trim().parse::<f64>().ok()
    };
    let Some(amount) = amount.filter(|a| a.is_finite() && a.abs() < 1e15) else {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!(
                "filter `currency` needs a number, got `{}`",
                display(&value)
            ),
        ));
    };
    Ok(JValue::from(format_money(amount, &code)))
}

fn format_money(amount: f64, code: &str) -> String {
    let cents = cents_half_away_from_zero(amount.abs());
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if amount < 0.0 && cents > 0 { "-" } else { "" };
    let symbol = match code {
        "EUR" => "€".to_string(),
        "USD" => "$".to_string(),
        "GBP" => "£".to_string(),
        other => format!("{other} "),
    };
    format!("{sign}{symbol}{grouped}.{:02}", cents % 100)
}

/// Whole cents of a non-negative amount below 1e15, rounding the third decimal half up.
/// Works on Rust's shortest round-trip decimal form of the float, which never uses an
/// exponent and recovers the digits the value was parsed from.
fn cents_half_away_from_zero(amount: f64) -> u64 {
    let written = amount.to_string();
    let (whole, frac) = written.split_once('.').unwrap_or((&written, ""));
    let digit = |i: usize| {
        frac.as_bytes()
            .get(i)
            .map_or(0, |b| u64::from(b.saturating_sub(b'0')))
    };
    let whole: u64 = whole.parse().unwrap_or(0);
    whole * 100 + digit(0) * 10 + digit(1) + u64::from(digit(2) >= 5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_groups_thousands_and_keeps_two_decimals() {
        assert_eq!(format_money(12.5, "EUR"), "€12.50");
        assert_eq!(format_money(1234567.891, "USD"), "$1,234,567.89");
        assert_eq!(format_money(-3.0, "GBP"), "-£3.00");
        assert_eq!(format_money(999.999, "CHF"), "CHF 1,000.00");
        assert_eq!(format_money(0.0, "EUR"), "€0.00");
        assert_eq!(format_money(2.675, "EUR"), "€2.68");
        assert_eq!(format_money(-0.004, "EUR"), "€0.00");
        assert_eq!(format_money(0.125, "GBP"), "£0.13");
    }

    #[test]
    fn title_case_is_per_word() {
        assert_eq!(title_case("o'brien-SMITH zoë"), "O'Brien-Smith Zoë");
        assert_eq!(title_case("élodie"), "Élodie");
    }

    #[test]
    fn liquid_filter_names_map_to_ours() {
        assert_eq!(suggest("upcase").as_deref(), Some("upper"));
        assert_eq!(suggest("uper").as_deref(), Some("upper"));
        assert_eq!(suggest("slugify"), None);
    }
}
