//! What the spreadsheet profile does to a cell before it is written.
//!
//! Spreadsheets treat a cell that starts with `=`, `+`, `-` or `@` as a formula, and
//! some also after a leading TAB or CR; a contact's name or a rendered body can
//! therefore run code or leak data when the file is opened (OWASP, "CSV Injection").
//! The spreadsheet profile neutralises such text cells by putting a single quote in
//! front, which spreadsheets show as "text, not a formula". Two additions to OWASP's
//! list:
//! - leading whitespace and invisible characters (zero-width space, BOM, soft hyphen:
//!   [`crate::written::is_invisible`]) do not make a trigger safe: spreadsheet programs
//!   and the import cleaning of sending platforms strip them, and `\u{200B}=1+1` is
//!   then `=1+1`; so the first character of the cleaned text is checked too;
//! - the full-width forms `＝ ＋ － ＠` (U+FF1D, U+FF0B, U+FF0D, U+FF20) count, because
//!   spreadsheets in East Asian locales read them as formula signs.
//!
//! Cells of number fields are not text: `-12.5` is written as `-12.5`, which a
//! spreadsheet reads as the number it is, never as a formula ([`Cell::Number`] only
//! holds what parses as a plain decimal number). The price of the rule for text: an
//! E.164 phone number `+447700900123` becomes `'+447700900123`; a spreadsheet shows it
//! as typed, a program reading the file sees the quote (tactful's own importer removes
//! it again, see `import::normalise`).
//!
//! Every other profile writes cells exactly, because the platform delivers the cell as
//! is: a quote in front would reach the person (`'=Ana`). There a formula-like text
//! cell is not written at all unless the user asks for it to be neutralised
//! ([`FormulaCell`], `export --neutralise-formulas`, recorded in the manifest).

use std::borrow::Cow;

/// One cell of an export row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Text: neutralised in the spreadsheet profile when formula-like.
    Text(Cow<'a, str>),
    /// A number field's value, written as it is.
    Number(String),
}

impl<'a> Cell<'a> {
    /// A text cell.
    pub fn text(s: impl Into<Cow<'a, str>>) -> Self {
        Cell::Text(s.into())
    }

    /// A number cell when `s` is a plain decimal number (`-12.5`, `3`), else text.
    pub fn number(s: String) -> Self {
        let plain = {
            let digits = s.strip_prefix('-').unwrap_or(&s);
            !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && digits.bytes().filter(|&b| b == b'.').count() <= 1
                && digits.as_bytes()[0].is_ascii_digit()
        };
        if plain {
            Cell::Number(s)
        } else {
            Cell::Text(Cow::Owned(s))
        }
    }

    /// The cell as written, neutralised when `neutralise` and formula-like text.
    pub fn written(&self, neutralise: bool) -> Cow<'_, str> {
        match self {
            Cell::Text(t) if neutralise => neutralised(t),
            Cell::Text(t) => Cow::Borrowed(t),
            Cell::Number(n) => Cow::Borrowed(n),
        }
    }
}

const SIGNS: [char; 8] = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];

/// Whether a spreadsheet could read `cell` as a formula (see the module notes): it
/// starts with TAB or CR, or its first character after leading whitespace and
/// invisible characters is a formula sign.
pub fn is_formula_like(cell: &str) -> bool {
    if cell.starts_with(['\t', '\r']) {
        return true;
    }
    cell.trim_start_matches(|c: char| c.is_whitespace() || crate::written::is_invisible(c))
        .starts_with(SIGNS)
}

/// The spreadsheet rule for one text cell: formula-like text ([`is_formula_like`]) with
/// a single quote in front, anything else as it is. The spreadsheet profile and the
/// preview CSV (`preview --format csv`) both write text through this one function.
pub fn neutralised(text: &str) -> Cow<'_, str> {
    if is_formula_like(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether `s` is a phone number written with its country code and nothing a
/// spreadsheet could compute: `+`, a digit, then only digits and single spaces, 7 to 15
/// digits in all (ITU-T E.164 allows at most 15): `+447700900123`, `+34 559 211915`.
/// A spreadsheet reads such a cell as a number or as text, never as a formula that
/// calls a function or reads a cell; `+1+1`, `+1-1`, `+44 (0)7911…` are not phone
/// numbers here.
pub fn is_plain_phone(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('+') else {
        return false;
    };
    let digits = rest.bytes().filter(u8::is_ascii_digit).count();
    rest.starts_with(|c: char| c.is_ascii_digit())
        && rest.bytes().all(|b| b.is_ascii_digit() || b == b' ')
        && !rest.contains("  ")
        && !rest.ends_with(' ')
        && (7..=15).contains(&digits)
}

/// A text cell of a non-neutralising export that a spreadsheet would read as a
/// formula: the contact and the column, for the refusal and the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormulaCell {
    /// The contact key.
    pub key: String,
    /// The column (listmonk: `attributes.NAME`).
    pub column: String,
}

/// True for an E.164 phone number (`+` and 2 to 15 digits, ITU-T E.164): the form an
/// SMS export writes in its phone column, which starts with `+` and is no formula to
/// a sending platform.
pub fn is_e164(s: &str) -> bool {
    s.strip_prefix('+').is_some_and(|d| {
        (2..=15).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()) && !d.starts_with('0')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_phone_numbers_with_a_country_code_are_plain_phones() {
        for phone in ["+447700900123", "+34 559 211915", "+1 555 0100 123"] {
            assert!(is_plain_phone(phone), "{phone}");
        }
        // Arithmetic, separators a formula can use, too few digits, no `+`.
        for not in [
            "+1+1",
            "+1-1",
            "-2+3",
            "=1+1",
            "@x",
            "+44 (0)7911 123456",
            "+1 2",
            "+ 447700900123",
            "+447700900123 ",
            "+4477  00900123",
            "07911 123456",
            "+4477009001234567",
        ] {
            assert!(!is_plain_phone(not), "{not}");
        }
    }

    #[test]
    fn every_text_trigger_is_quoted_when_neutralising_only() {
        for (cell, want) in [
            ("=1+1", "'=1+1"),
            ("+44 7700 900123", "'+44 7700 900123"),
            ("-5", "'-5"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("  =HYPERLINK(\"x\")", "'  =HYPERLINK(\"x\")"),
            ("\t =1", "'\t =1"),
            ("＝1+1", "'＝1+1"),
            ("\u{200b}=1+1", "'\u{200b}=1+1"),
            ("\u{feff}\u{ad}@SUM(A1)", "'\u{feff}\u{ad}@SUM(A1)"),
            ("＠x", "'＠x"),
            ("－1", "'－1"),
            ("Zoë", "Zoë"),
            ("a=b", "a=b"),
            ("", ""),
            ("   ", "   "),
        ] {
            assert_eq!(Cell::text(cell).written(true), want, "{cell:?}");
            assert_eq!(Cell::text(cell).written(false), cell, "{cell:?}");
        }
    }

    #[test]
    fn e164_is_a_plus_and_up_to_fifteen_digits() {
        assert!(is_e164("+447700900123"));
        assert!(!is_e164("+44 7700 900123"));
        assert!(!is_e164("+0123"));
        assert!(!is_e164("+1234567890123456")); // 16 digits
        assert!(!is_e164("=1+1"));
        assert!(!is_e164("+"));
    }

    #[test]
    fn number_cells_stay_numbers_and_only_plain_numbers_count() {
        assert_eq!(Cell::number("-12.5".into()).written(true), "-12.5");
        assert_eq!(Cell::number("3".into()).written(true), "3");
        // Not plain numbers: these are text and quoted.
        assert_eq!(Cell::number("-1+2".into()).written(true), "'-1+2");
        assert_eq!(Cell::number("-".into()).written(true), "'-");
        assert_eq!(Cell::number("-.5".into()).written(true), "'-.5");
    }
}
