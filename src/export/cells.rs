//! What the spreadsheet profile does to a cell before it is written.
//!
//! Spreadsheets treat a cell that starts with `=`, `+`, `-` or `@` as a formula, and
//! some also after a leading TAB or CR; a contact's name or a rendered body can
//! therefore run code or leak data when the file is opened (OWASP, "CSV Injection").
//! The spreadsheet profile neutralises such text cells by putting a single quote in
//! front, which spreadsheets show as "text, not a formula". Two additions to OWASP's
//! list:
//! - leading whitespace does not make a trigger safe (several spreadsheet programs skip
//!   it before deciding), so the first non-whitespace character is checked too;
//! - the full-width forms `＝ ＋ － ＠` (U+FF1D, U+FF0B, U+FF0D, U+FF20) count, because
//!   spreadsheets in East Asian locales read them as formula signs.
//!
//! Cells of number fields are not text: `-12.5` is written as `-12.5`, which a
//! spreadsheet reads as the number it is, never as a formula ([`Cell::Number`] only
//! holds what parses as a plain decimal number). The price of the rule for text: an
//! E.164 phone number `+447700900123` becomes `'+447700900123`; a spreadsheet shows it
//! as typed, a program reading the file sees the quote (tactful's own importer removes
//! it again, see `import::normalise`). Every other profile writes cells exactly.

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
            Cell::Text(t) if neutralise && is_formula_like(t) => Cow::Owned(format!("'{t}")),
            Cell::Text(t) => Cow::Borrowed(t),
            Cell::Number(n) => Cow::Borrowed(n),
        }
    }
}

const SIGNS: [char; 8] = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];

/// Whether a spreadsheet could read `cell` as a formula (see the module notes).
pub fn is_formula_like(cell: &str) -> bool {
    if cell.starts_with(['\t', '\r']) {
        return true;
    }
    cell.trim_start().starts_with(SIGNS)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn number_cells_stay_numbers_and_only_plain_numbers_count() {
        assert_eq!(Cell::number("-12.5".into()).written(true), "-12.5");
        assert_eq!(Cell::number("3".into()).written(true), "3");
        // Not plain numbers: these are text and quoted.
        assert_eq!(Cell::number("-1+2".into()).written(true), "'-1+2");
        assert_eq!(Cell::number("-".into()).written(true), "'-");
        assert_eq!(Cell::number("-.5".into()).written(true), "'-.5");
    }
}
