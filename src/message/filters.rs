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

use iso_currency::Currency;

use super::engine::{Blank, MergeLog, display};
use super::locale::{MessageLocale, Monetary};
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
    register_localised(env, None);
}

/// (Re-)register the filters whose output depends on the campaign's locale: `date`
/// (month and day names) and `currency` (number format). minijinja looks filters up by
/// name when a template runs, so a compiled template picks up the replacement.
pub(crate) fn register_localised(env: &mut Environment<'static>, locale: Option<MessageLocale>) {
    env.add_filter("date", move |v: JValue, f: String| date(v, f, locale));
    env.add_filter("currency", move |v: JValue, c: String| {
        currency(v, c, locale)
    });
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
///
/// A possessive or contraction after a letter (`'s`, `'t`, `'re`, `'ll`, `'d`, `'ve`,
/// `'m`, with `'` or `’`) stays lower case: `ben & jerry's` → `Ben & Jerry's`, not
/// `Jerry'S` (case BR-37, after Keats/tera#771), while `o'brien` still starts a word.
pub fn title_case(s: &str) -> String {
    const SUFFIXES: [&str; 7] = ["s", "t", "re", "ll", "d", "ve", "m"];
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut in_word = false;
    let mut keep_lower = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            if in_word || keep_lower > 0 {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            keep_lower = keep_lower.saturating_sub(1);
            in_word = true;
            continue;
        }
        if matches!(c, '\'' | '’') && i > 0 && chars[i - 1].is_alphabetic() {
            let run: String = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_alphanumeric())
                .collect();
            if SUFFIXES.contains(&run.to_lowercase().as_str()) {
                keep_lower = run.chars().count();
            }
        }
        out.push(c);
        in_word = false;
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
/// format string. Month and day names are in the campaign's locale (English without
/// one): `%B` of 2026-03-05 is `März` in de-DE.
fn date(value: JValue, format: String, locale: Option<MessageLocale>) -> Result<JValue, Error> {
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
        match locale {
            Some(l) => write!(out, "{}", d.format_localized(&format, l.chrono())),
            None => write!(out, "{}", d.format(&format)),
        }
    } else if let Ok(dt) = DateTime::parse_from_rfc3339(&text) {
        let dt = dt.with_timezone(&Utc);
        match locale {
            Some(l) => write!(out, "{}", dt.format_localized(&format, l.chrono())),
            None => write!(out, "{}", dt.format(&format)),
        }
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

/// True for an ISO 4217 currency code (`EUR`, `JPY`), by the ISO 4217 list.
pub fn is_currency_code(code: &str) -> bool {
    Currency::from_code(code).is_some()
}

/// Format an amount in currency `code` (ISO 4217), rounded to the currency's minor
/// units (two for EUR, none for JPY, three for BHD: ISO 4217's exponent). Without a
/// locale: English style, symbol first for EUR (`€`), USD (`$`), GBP (`£`) and JPY
/// (`¥`), otherwise the code and a space (`CHF 12.50`); comma thousands separators;
/// minus sign before the symbol (`-€3.00`). With a locale: its decimal mark, thousands
/// separator and symbol position (`1.234,50 €` in de-DE), the locale's own symbol for
/// its own currency and the rule above for others. Rounds half away from zero on the
/// decimal number as written (2.675 → 2.68), not on its binary approximation
/// (2.67499999…), because that is the number the user imported and reads.
fn currency(value: JValue, code: String, locale: Option<MessageLocale>) -> Result<JValue, Error> {
    if value.downcast_object_ref::<Blank>().is_some() {
        return Ok(value);
    }
    let Some(iso) = Currency::from_code(&code) else {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("unknown currency `{code}`"),
        ));
    };
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
    let minor = u32::from(iso.exponent().unwrap_or(0));
    Ok(JValue::from(format_money(amount, &code, minor, locale)))
}

fn format_money(amount: f64, code: &str, minor: u32, locale: Option<MessageLocale>) -> String {
    let units = minor_units_half_away_from_zero(amount.abs(), minor);
    let scale = 10u64.pow(minor);
    let whole = (units / scale).to_string();
    let english = Monetary {
        decimal_point: ".",
        thousands_sep: ",",
        symbol_first: true,
        space: false,
        own_code: "",
        own_symbol: "",
    };
    let m = locale.map_or(english, MessageLocale::monetary);
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push_str(m.thousands_sep);
        }
        grouped.push(digit);
    }
    if minor > 0 {
        grouped.push_str(m.decimal_point);
        grouped.push_str(&format!(
            "{:0width$}",
            units % scale,
            width = minor as usize
        ));
    }
    let sign = if amount < 0.0 && units > 0 { "-" } else { "" };
    let (symbol, known) = match code {
        c if c == m.own_code && !m.own_symbol.is_empty() => (m.own_symbol.to_string(), true),
        "EUR" => ("€".to_string(), true),
        "USD" => ("$".to_string(), true),
        "GBP" => ("£".to_string(), true),
        "JPY" => ("¥".to_string(), true),
        other => (other.to_string(), false),
    };
    // A code always gets a space (`CHF 12.50`); a symbol as the locale says.
    let gap = if m.space || !known { " " } else { "" };
    if m.symbol_first || locale.is_none() {
        format!("{sign}{symbol}{gap}{grouped}")
    } else {
        format!("{sign}{grouped}{gap}{symbol}")
    }
}

/// Whole minor units (`minor` decimals) of a non-negative amount below 1e15, rounding
/// the next decimal half up. Works on Rust's shortest round-trip decimal form of the
/// float, which never uses an exponent and recovers the digits the value was parsed
/// from.
fn minor_units_half_away_from_zero(amount: f64, minor: u32) -> u64 {
    let written = amount.to_string();
    let (whole, frac) = written.split_once('.').unwrap_or((&written, ""));
    let digit = |i: usize| {
        frac.as_bytes()
            .get(i)
            .map_or(0, |b| u64::from(b.saturating_sub(b'0')))
    };
    let whole: u64 = whole.parse().unwrap_or(0);
    let mut units = whole;
    for i in 0..minor as usize {
        units = units * 10 + digit(i);
    }
    units + u64::from(digit(minor as usize) >= 5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_groups_thousands_and_keeps_two_decimals() {
        let money = |a, c| format_money(a, c, 2, None);
        assert_eq!(money(12.5, "EUR"), "€12.50");
        assert_eq!(money(1234567.891, "USD"), "$1,234,567.89");
        assert_eq!(money(-3.0, "GBP"), "-£3.00");
        assert_eq!(money(999.999, "CHF"), "CHF 1,000.00");
        assert_eq!(money(0.0, "EUR"), "€0.00");
        assert_eq!(money(2.675, "EUR"), "€2.68");
        assert_eq!(money(-0.004, "EUR"), "€0.00");
        assert_eq!(money(0.125, "GBP"), "£0.13");
    }

    #[test]
    fn minor_units_come_from_iso_4217_and_format_from_the_locale() {
        // ISO 4217: JPY has no minor unit, BHD three.
        let jpy = Currency::from_code("JPY").unwrap().exponent();
        assert_eq!(jpy, Some(0));
        assert_eq!(format_money(1234.5, "JPY", 0, None), "¥1,235");
        assert_eq!(format_money(1.2345, "BHD", 3, None), "BHD 1.235");
        let de = "de-DE".parse().ok();
        // glibc de_DE: "1.234,50 €"; a foreign currency keeps its own symbol.
        assert_eq!(format_money(1234.5, "EUR", 2, de), "1.234,50 €");
        assert_eq!(format_money(-3.0, "USD", 2, de), "-3,00 $");
        assert_eq!(format_money(7.0, "CHF", 2, de), "7,00 CHF");
        assert!(is_currency_code("JPY"));
        assert!(!is_currency_code("ABC"));
    }

    #[test]
    fn title_case_is_per_word() {
        assert_eq!(title_case("o'brien-SMITH zoë"), "O'Brien-Smith Zoë");
        assert_eq!(title_case("élodie"), "Élodie");
    }

    #[test]
    fn possessives_and_contractions_stay_lower_case() {
        // BR-37 expected.md, and the contractions it names.
        assert_eq!(title_case("ben & jerry's"), "Ben & Jerry's");
        assert_eq!(title_case("steiner's garage"), "Steiner's Garage");
        assert_eq!(title_case("O'BRIEN'S"), "O'Brien's");
        assert_eq!(
            title_case("we'll see you're in, didn't we’d"),
            "We'll See You're In, Didn't We’d"
        );
        assert_eq!(title_case("i've i'm"), "I've I'm");
        assert_eq!(title_case("'s"), "'S");
        assert_eq!(title_case("d'artagnan"), "D'Artagnan");
    }

    #[test]
    fn liquid_filter_names_map_to_ours() {
        assert_eq!(suggest("upcase").as_deref(), Some("upper"));
        assert_eq!(suggest("uper").as_deref(), Some("upper"));
        assert_eq!(suggest("slugify"), None);
    }
}
