//! Numbers as exports write them: plain (`29.85`), with thousands groups (`1,088.00`,
//! `1.234,50` under `--decimal-comma`) and as currency amounts (`$1,234.56`,
//! `€1,088.00`, `1.234,50 €`).
//!
//! Rules, one value at a time (the column then needs every value to read):
//! - The decimal separator is `.`; with `--decimal-comma` it is `,`. The other one may
//!   only group thousands: a first group of one to three digits, then groups of exactly
//!   three (case BR-31: under `--decimal-comma`, `31.24` is no number, never 3124).
//! - A value with a currency sign or code, before or after it, is money: without
//!   `--decimal-comma` its decimal separator is whichever of `.` `,` comes last with one
//!   or two digits after it (`1.234,50 €` = 1234.5, `$1,234.56` = 1234.56, `€1,088` =
//!   1088), because amounts are written with cents, never three decimals. Spaces
//!   (also no-break and narrow no-break) may group money and `--decimal-comma` numbers
//!   (`1 234,50 €`).
//! - A leading zero is allowed only before the decimal separator (`0.99`), so IDs and
//!   postcodes (`01067`) stay text (case BR-05); past 15 significant digits a value
//!   stays text rather than being rounded by an f64.
//!
//! Used by the type inference (`super::ColumnStats`) and the storage conversion
//! (`super::to_sql`), so both read a value the same way.

use std::borrow::Cow;

/// A number read from a cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f64,
    /// The value when it was written as a whole number without a currency (`1,088`,
    /// `-7`): such columns are integers.
    pub integer: Option<i64>,
    /// The currency sign or code it carried, as written (`€`, `$`, `EUR`).
    pub currency: Option<&'static str>,
}

/// Currency signs and codes, longest first so `US$` wins over `$`.
const CURRENCIES: [&str; 37] = [
    "US$", "NZ$", "HK$", "R$", "A$", "C$", "S$", "$", "€", "£", "¥", "₹", "₽", "₩", "₺", "₪", "₫",
    "₱", "₴", "zł", "Kč", "kr", "USD", "EUR", "GBP", "CHF", "JPY", "CAD", "AUD", "NZD", "SEK",
    "NOK", "DKK", "PLN", "CZK", "BRL", "INR",
];

/// Read `value` as a number; `decimal_comma` is the user's `--decimal-comma`.
/// `None` when it is not one by the rules in the module header.
pub fn parse_number(value: &str, decimal_comma: bool) -> Option<Number> {
    // Type inference asks this of every value of every column, twice for a value that
    // is no number: most text (names, e-mail addresses) fails on its first letter here
    // instead of after 74 currency comparisons and a few allocations.
    if !value.chars().all(may_be_in_number) {
        return None;
    }
    parse_checked(value, decimal_comma)
}

/// Whether `c` can occur in a value [`parse_number`] accepts: a digit, a sign, a
/// separator, whitespace (trimmed, or grouping money) or a character of a currency.
fn may_be_in_number(c: char) -> bool {
    if c.is_ascii() {
        return NUMBER_ASCII[c as usize];
    }
    c == '\u{2212}' || c.is_whitespace() || CURRENCIES.iter().any(|cur| cur.contains(c))
}

/// [`may_be_in_number`] for ASCII, built from [`CURRENCIES`] at compile time.
const NUMBER_ASCII: [bool; 128] = {
    let mut table = [false; 128];
    let mut c = 0;
    while c < 128 {
        table[c] = (c as u8).is_ascii_digit()
            || (c as u8).is_ascii_whitespace()
            || matches!(c as u8, b'-' | b'.' | b',' | 0x0b);
        c += 1;
    }
    let mut i = 0;
    while i < CURRENCIES.len() {
        let bytes = CURRENCIES[i].as_bytes();
        let mut j = 0;
        while j < bytes.len() {
            if bytes[j] < 128 {
                table[bytes[j] as usize] = true;
            }
            j += 1;
        }
        i += 1;
    }
    table
};

/// [`parse_number`] without the character check.
fn parse_checked(value: &str, decimal_comma: bool) -> Option<Number> {
    let (negative, rest) = sign(value.trim());
    let (currency, body) = strip_currency(rest);
    // A sign may also stand between the currency and the digits (`$-5.00`, `€ -5`).
    let (negative, body) = match sign(body.trim()) {
        (true, b) if !negative => (true, b),
        (false, b) => (negative, b),
        (true, _) => return None,
    };
    if body.is_empty() {
        return None;
    }
    let (decimal, groups): (Option<char>, &[char]) = match (decimal_comma, currency) {
        (true, _) => (Some(','), &['.', ' ', '\u{a0}', '\u{202f}']),
        (false, None) => (Some('.'), &[',']),
        (false, Some(_)) => (money_point(body), &['.', ',', ' ', '\u{a0}', '\u{202f}']),
    };
    let (whole, frac) = match decimal.and_then(|d| body.rsplit_once(d)) {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    let digits = whole_digits(whole, groups, decimal)?;
    if let Some(f) = frac
        && (f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if digits.len() + frac.map_or(0, str::len) > 15 {
        return None;
    }
    // The number without its sign, as Rust reads one: `body` itself when it is plain
    // digits with a `.` decimal part (most amounts and counts: no copy), else built.
    // The sign is applied after reading, which gives what reading it with the sign
    // does (both readings are exact about the sign, and 15 digits fit an i64).
    let built;
    let unsigned = match (&digits, frac) {
        (Cow::Borrowed(_), None) => body,
        (Cow::Borrowed(_), Some(_)) if decimal == Some('.') => body,
        (_, Some(f)) => {
            built = format!("{digits}.{f}");
            built.as_str()
        }
        (_, None) => digits.as_ref(),
    };
    let number: f64 = unsigned.parse().ok()?;
    let signed = |n: f64| if negative { -n } else { n };
    Some(Number {
        value: signed(number),
        integer: (frac.is_none() && currency.is_none())
            .then(|| unsigned.parse::<i64>().ok())
            .flatten()
            .map(|n| if negative { -n } else { n }),
        currency,
    })
}

/// A leading `-` (or U+2212 MINUS SIGN), and the rest.
fn sign(s: &str) -> (bool, &str) {
    match s.strip_prefix('-').or_else(|| s.strip_prefix('\u{2212}')) {
        Some(rest) => (true, rest),
        None => (false, s),
    }
}

/// The currency sign or code at either end of `s`, and the rest (trimmed).
fn strip_currency(s: &str) -> (Option<&'static str>, &str) {
    // Every sign and code starts and ends with a non-digit, so a value that starts and
    // ends with a digit (most amounts, IDs, postcodes) carries none.
    let digit = |b: Option<&u8>| b.is_some_and(u8::is_ascii_digit);
    if digit(s.as_bytes().first()) && digit(s.as_bytes().last()) {
        return (None, s);
    }
    for c in CURRENCIES {
        if let Some(rest) = s.strip_prefix(c)
            && rest.starts_with(|ch: char| ch.is_ascii_digit() || ch.is_whitespace() || ch == '-')
        {
            return (Some(c), rest.trim());
        }
        if let Some(rest) = s.strip_suffix(c)
            && rest.ends_with(|ch: char| ch.is_ascii_digit() || ch.is_whitespace())
        {
            return (Some(c), rest.trim());
        }
    }
    (None, s)
}

/// The decimal separator of a money amount: the last `.` or `,` when one or two digits
/// follow it to the end; otherwise the amount has no decimal part.
fn money_point(body: &str) -> Option<char> {
    let (at, sep) = body.char_indices().rfind(|(_, c)| matches!(c, '.' | ','))?;
    let tail = &body[at + 1..];
    ((1..=2).contains(&tail.len()) && tail.bytes().all(|b| b.is_ascii_digit())).then_some(sep)
}

/// The digits of the whole part, checking its thousands groups: one separator from
/// `groups` (never the decimal one) used throughout, a first group of one to three
/// digits and then groups of exactly three; no leading zero before more digits.
fn whole_digits<'a>(
    whole: &'a str,
    groups: &[char],
    decimal: Option<char>,
) -> Option<Cow<'a, str>> {
    let separator = whole.chars().find(|c| !c.is_ascii_digit());
    let parts: Vec<&str> = match separator {
        // No groups (most numbers): the digits as written, not copied.
        None if !whole.is_empty() => {
            return (whole.len() == 1 || !whole.starts_with('0')).then_some(Cow::Borrowed(whole));
        }
        None => return None,
        Some(sep) if groups.contains(&sep) && Some(sep) != decimal => whole.split(sep).collect(),
        Some(_) => return None,
    };
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !parts.iter().all(|p| all_digits(p)) {
        return None;
    }
    if parts.len() > 1
        && (parts[0].len() > 3
            || parts[0].starts_with('0')
            || parts[1..].iter().any(|p| p.len() != 3))
    {
        return None;
    }
    let digits: String = parts.concat();
    if digits.len() > 1 && digits.starts_with('0') {
        return None;
    }
    Some(Cow::Owned(digits))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: &str, comma: bool) -> Option<(f64, Option<&'static str>)> {
        parse_number(v, comma).map(|n| (n.value, n.currency))
    }

    #[test]
    fn thousands_groups_follow_the_decimal_separator() {
        // Case BR-31: a dot then exactly three digits is a group under --decimal-comma.
        assert_eq!(n("1.234,50", true), Some((1234.5, None)));
        assert_eq!(n("12,50", true), Some((12.5, None)));
        assert_eq!(n("7", true), Some((7.0, None)));
        assert_eq!(n("31.24", true), None);
        assert_eq!(n("1.23,4", true), None);
        assert_eq!(n("1 234,50", true), Some((1234.5, None)));
        assert_eq!(n("1,088.00", false), Some((1088.0, None)));
        assert_eq!(n("1,234,567", false), Some((1_234_567.0, None)));
        assert_eq!(n("12,50", false), None);
        assert_eq!(n("1.234,50", false), None);
        assert_eq!(n("1,2345", false), None);
        assert_eq!(n("01,234", false), None);
        assert_eq!(n("01067", false), None);
        assert_eq!(n("0.99", false), Some((0.99, None)));
        assert_eq!(n("-3", false).map(|x| x.0), Some(-3.0));
        assert_eq!(n("1 234", false), None);
    }

    #[test]
    fn currency_amounts_are_money_with_cents() {
        assert_eq!(n("$1,234.56", false), Some((1234.56, Some("$"))));
        assert_eq!(n("€1,088.00", false), Some((1088.0, Some("€"))));
        assert_eq!(n("1.234,50 €", false), Some((1234.5, Some("€"))));
        assert_eq!(n("€1,088", false), Some((1088.0, Some("€"))));
        assert_eq!(n("12,50 €", false), Some((12.5, Some("€"))));
        assert_eq!(n("1 234,50 €", false), Some((1234.5, Some("€"))));
        assert_eq!(n("-$5.00", false), Some((-5.0, Some("$"))));
        assert_eq!(n("$-5.00", false), Some((-5.0, Some("$"))));
        assert_eq!(n("EUR 12.00", false), Some((12.0, Some("EUR"))));
        assert_eq!(n("US$3", false), Some((3.0, Some("US$"))));
        assert_eq!(n("$1,23.45", false), None);
        assert_eq!(n("$", false), None);
        assert_eq!(n("USDA", false), None);
        // Under --decimal-comma the comma is the decimal separator for money too.
        assert_eq!(n("1.234,50 €", true), Some((1234.5, Some("€"))));
        assert_eq!(n("$1,234.56", true), None);
    }

    proptest::proptest! {
        /// The character check only ever turns away values the full rules reject:
        /// strings mixing digits, separators, signs, spaces, currency characters and
        /// letters read the same with and without it.
        #[test]
        fn the_character_check_rejects_only_non_numbers(
            value in "[0-9a-zA-Z.,\\- \u{a0}\u{202f}\u{2212}$€£¥₹złKčkrUSDEGBP]{0,12}",
            comma: bool,
        ) {
            proptest::prop_assert_eq!(parse_number(&value, comma), parse_checked(&value, comma));
        }
    }

    #[test]
    fn whole_numbers_without_currency_are_integers() {
        assert_eq!(parse_number("1,088", false).unwrap().integer, Some(1088));
        assert_eq!(parse_number("1.088", true).unwrap().integer, Some(1088));
        assert_eq!(parse_number("12.0", false).unwrap().integer, None);
        assert_eq!(parse_number("$12", false).unwrap().integer, None);
        assert_eq!(parse_number("1234567890123456", false), None);
    }

    /// Signs and decimals read as before the digits were no longer copied (session
    /// 11): values and integers worked out by hand; `-0` keeps its sign as an f64.
    #[test]
    fn signed_and_decimal_numbers_read_without_copies() {
        let read = |v: &str, comma: bool| parse_number(v, comma).map(|n| (n.value, n.integer));
        assert_eq!(read("-7", false), Some((-7.0, Some(-7))));
        assert_eq!(read("\u{2212}12", false), Some((-12.0, Some(-12))));
        assert_eq!(read("-12.50", false), Some((-12.5, None)));
        assert_eq!(read("2123.33", false), Some((2123.33, None)));
        assert_eq!(read("0.99", false), Some((0.99, None)));
        assert_eq!(read("0", false), Some((0.0, Some(0))));
        assert_eq!(read("01067", false), None);
        assert_eq!(read("-1,234.5", false), Some((-1234.5, None)));
        assert_eq!(read("12,5", true), Some((12.5, None)));
        assert_eq!(read("-3", true), Some((-3.0, Some(-3))));
        assert_eq!(read("$-5.00", false), Some((-5.0, None)));
        let zero = parse_number("-0", false).unwrap();
        assert!(zero.value == 0.0 && zero.value.is_sign_negative());
        assert_eq!(zero.integer, Some(0));
    }
}
