//! What counts as a formula in an exported cell, and the one place a cell is
//! neutralised.
//!
//! Spreadsheets treat a cell that starts with `=`, `+`, `-` or `@` as a formula, and
//! some also after a leading TAB or CR; a contact's name or a rendered body can
//! therefore run code or leak data when the file is opened (OWASP, "CSV Injection").
//! Such a text cell is neutralised by putting a single quote in front, which
//! spreadsheets show as "text, not a formula". Two additions to OWASP's list:
//! - leading whitespace and invisible characters (zero-width space, BOM, soft hyphen:
//!   [`crate::written::is_invisible`]) do not make a trigger safe: spreadsheet programs
//!   and the import cleaning of sending platforms strip them, and `\u{200B}=1+1` is
//!   then `=1+1`; so the first character of the cleaned text is checked too;
//! - the full-width forms `＝ ＋ － ＠` (U+FF1D, U+FF0B, U+FF0D, U+FF20) count, because
//!   spreadsheets in East Asian locales read them as formula signs.
//!
//! Cells of number fields are not text: `-12.5` is written as `-12.5`, which a
//! spreadsheet reads as the number it is, never as a formula ([`Cell::Number`] only
//! holds what parses as a plain decimal number). The price of the rule for text
//! (BR-22, BR-24): a phone number with its country code, `+447700900123`, is written
//! `'+447700900123`, so a spreadsheet neither runs it nor turns it into a number
//! (`4.477E+11`); it shows the number as typed, a program reading the file sees the
//! quote (tactful's own importer removes it again, see `import::normalise`). Two
//! places keep such numbers as they are, because no spreadsheet is meant to open
//! them: an SMS export's phone column in the sending profiles ([`is_e164`], the
//! address the platform sends to: `export::formulas`) and the preview CSV
//! ([`is_plain_phone`], `preview --format csv`, which shows the address as stored).
//!
//! [`Cell::neutralise`] is the only code that puts the quote in front of an export
//! cell, and `export::formulas` the only caller: it records every cell it changes, so
//! the manifest's `formulas_neutralised` counts exactly the quoted cells. The
//! spreadsheet profile always neutralises; every other profile writes cells exactly,
//! because the platform delivers the cell as is and a quote in front would reach the
//! person (`'=Ana`): there a formula-like cell refuses the export unless the user asks
//! for it to be neutralised ([`FormulaCell`], `export --neutralise-formulas`).

use std::borrow::Cow;

/// One cell of an export row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Text: neutralised when formula-like ([`Cell::neutralise`]).
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

    /// The cell's text, as the export writes it.
    pub fn as_str(&self) -> &str {
        match self {
            Cell::Text(t) => t,
            Cell::Number(n) => n,
        }
    }

    /// Put a single quote in front of the cell when it is formula-like text
    /// ([`is_formula_like`], a phone number starting with `+` included); true when it
    /// did. Number cells never change.
    pub fn neutralise(&mut self) -> bool {
        match self {
            Cell::Text(t) if is_formula_like(t) => {
                *t = Cow::Owned(format!("'{t}"));
                true
            }
            _ => false,
        }
    }
}

impl Cell<'_> {
    /// Remove from a text cell what must not travel in a data file
    /// ([`is_disguising`]); true when it did. Number cells never change.
    pub fn clean(&mut self) -> bool {
        match self {
            Cell::Text(t) if t.chars().any(is_disguising) => {
                *t = Cow::Owned(t.chars().filter(|&c| !is_disguising(c)).collect());
                true
            }
            _ => false,
        }
    }
}

/// Characters no exported cell keeps: C0 controls but TAB, LF and CR (a rendered body's
/// line breaks; RFC 4180 quotes them), DEL, C1 controls (an escape sequence runs when
/// the file is shown in a terminal: CWE-150), and the bidi embedding, override and
/// isolate controls U+202A-U+202E and U+2066-U+2069, which show a cell as other text
/// than it holds (CVE-2021-42574, "Trojan Source": `Kö\u{202E}ln` shows as `Könl`).
/// Rendered messages lose them already (`message::engine`); this is the same rule for
/// every other cell (`--field` values, keys, merge values). The marks LRM, RLM and ALM
/// (U+200E, U+200F, U+061C) stay: right-to-left text uses them to place punctuation
/// and digits, and they cannot reorder letters.
pub fn is_disguising(c: char) -> bool {
    !matches!(c, '\t' | '\n' | '\r') && crate::text::is_unsafe(c)
}

const SIGNS: [char; 8] = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];

/// Whether a spreadsheet could read `cell` as a formula (see the module notes): it
/// starts with TAB or CR, or its first character after leading whitespace and
/// invisible characters is a formula sign.
pub fn is_formula_like(cell: &str) -> bool {
    // Most cells start with a letter or digit: no sign, nothing to trim (a preview asks
    // this of five cells per contact).
    if cell
        .as_bytes()
        .first()
        .is_none_or(u8::is_ascii_alphanumeric)
    {
        return false;
    }
    if cell.starts_with(['\t', '\r']) {
        return true;
    }
    cell.trim_start_matches(|c: char| c.is_whitespace() || crate::written::is_invisible(c))
        .starts_with(SIGNS)
}

/// The spreadsheet rule for one text cell: formula-like text ([`is_formula_like`]) with
/// a single quote in front, anything else as it is; the same rule as
/// [`Cell::neutralise`]. The preview CSV (`preview --format csv`) writes its text
/// through this function, except phone numbers with their country code
/// ([`is_plain_phone`]).
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

/// A text cell of an export that a spreadsheet would read as a formula
/// ([`is_formula_like`]): the contact and the column, for the refusal or, once
/// neutralised, the manifest's count.
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

    fn quoted(cell: Cell<'_>) -> (String, bool) {
        let mut cell = cell;
        let changed = cell.neutralise();
        (cell.as_str().to_string(), changed)
    }

    #[test]
    fn every_text_trigger_is_quoted_and_only_those_change() {
        for (cell, want) in [
            ("=1+1", "'=1+1"),
            ("+44 7700 900123", "'+44 7700 900123"),
            ("+447700900123", "'+447700900123"),
            ("+44 (0)7911 123456", "'+44 (0)7911 123456"),
            ("+1+1", "'+1+1"),
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
            let (got, changed) = quoted(Cell::text(cell));
            assert_eq!(got, want, "{cell:?}");
            assert_eq!(changed, cell != want, "{cell:?}");
            assert_eq!(neutralised(cell), want, "{cell:?}");
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
        assert_eq!(
            quoted(Cell::number("-12.5".into())),
            ("-12.5".into(), false)
        );
        assert_eq!(quoted(Cell::number("3".into())), ("3".into(), false));
        // Not plain numbers: these are text and quoted.
        assert_eq!(quoted(Cell::number("-1+2".into())), ("'-1+2".into(), true));
        assert_eq!(quoted(Cell::number("-".into())), ("'-".into(), true));
        assert_eq!(quoted(Cell::number("-.5".into())), ("'-.5".into(), true));
    }

    #[test]
    fn cleaning_drops_controls_and_overrides_and_keeps_marks_and_line_breaks() {
        for (cell, want) in [
            ("a\u{1b}[2Jb", "a[2Jb"),
            ("x\u{9b}1my\u{7f}", "x1my"),
            ("Kö\u{202e}ln", "Köln"),
            ("\u{202a}a\u{202b}b\u{202c}c\u{202d}d", "abcd"),
            ("\u{2066}a\u{2067}b\u{2068}c\u{2069}", "abc"),
            (
                "مرحبا\u{200f}!\u{200e}\u{61c}",
                "مرحبا\u{200f}!\u{200e}\u{61c}",
            ),
            ("line\r\nnext\tcol", "line\r\nnext\tcol"),
            ("תל אביב", "תל אביב"),
        ] {
            let mut c = Cell::text(cell);
            assert_eq!(c.clean(), cell != want, "{cell:?}");
            assert_eq!(c.as_str(), want, "{cell:?}");
        }
        let mut n = Cell::number("3".into());
        assert!(!n.clean());
    }
}
