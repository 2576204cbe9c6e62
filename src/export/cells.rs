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
//! A spreadsheet may also start a cell inside an exported one, where it splits at its
//! locale's list separator (`;` across continental Europe), at TAB, or at a line break
//! (trial 8, M6): `Bath;+1+1` is `Bath` and the formula `+1+1` there. So a sign after
//! such a separator is neutralised too, with the quote right after the separator
//! (`Bath;'+1+1`): [`SHEET_SEPARATORS`] where a person opens the file,
//! [`DATA_SEPARATORS`] in the files for sending platforms.
//!
//! [`Cell::neutralise`] is the only code that puts the quote in front of an export
//! cell, and `export::formulas` the only caller: it records every cell it changes, so
//! the manifest's `formulas_neutralised` counts exactly the quoted cells. The
//! spreadsheet profile always neutralises; every other profile writes cells exactly,
//! because the platform delivers the cell as is and a quote in front would reach the
//! person (`'=Ana`): there a formula-like cell refuses the export unless the user asks
//! for it to be neutralised ([`FormulaCell`], `export --neutralise-formulas`).

use std::borrow::Cow;

mod bytes;

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
    /// ([`is_formula_like`], a phone number starting with `+` included), and after
    /// every separator of `seps` that a formula sign follows ([`inner_starts`]); true
    /// when it did. Number cells never change.
    pub fn neutralise(&mut self, seps: &[char]) -> bool {
        match self {
            Cell::Text(t) => match neutralised_with(t, seps) {
                Cow::Owned(quoted) => {
                    *t = Cow::Owned(quoted);
                    true
                }
                Cow::Borrowed(_) => false,
            },
            Cell::Number(_) => false,
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

/// Where a spreadsheet program may start a cell inside one exported cell: Excel splits
/// a `.csv` at the list separator of the user's locale, `;` in German, French, Dutch,
/// Italian, Spanish, Portuguese… (a cell holding only `;` is not quoted by RFC 4180,
/// and quoting would not help: the quote is not at the start of a `;`-separated
/// field), spreadsheets split pasted text and `.txt` files at TAB, and a quoted line
/// break mid-row in such a field ends the row there. So `Bath;+1+1` is the cells
/// `Bath` and `+1+1` (a formula) in those locales (trial 8, M6). The files a person
/// opens (the spreadsheet profile, the preview CSV) are read at all of these, `,`
/// too (a program that guesses the separator may take it).
pub const SHEET_SEPARATORS: &[char] = &[',', ';', '\t', '\n', '\r'];

/// The separators checked in the files meant for a sending platform (every profile but
/// spreadsheet): `;` and TAB, which a spreadsheet splits at and RFC 4180 quoting does
/// not protect, and which text rarely puts before a sign. `,` and line breaks stay out:
/// a message's `Hi Ann,` or a line starting `- ` is ordinary text there, and such a
/// cell is quoted, so a spreadsheet in a `,` locale keeps it whole.
pub const DATA_SEPARATORS: &[char] = &[';', '\t'];

/// Byte offsets just after each separator of `seps` in `cell` whose following text
/// starts with a formula sign once leading whitespace (other than the separators) and
/// invisible characters are skipped: the places a spreadsheet splitting there would
/// read a formula.
pub fn inner_starts(cell: &str, seps: &[char]) -> Vec<usize> {
    // Every message body holds a `,` or a line break and every cell of a preview is
    // asked (a scan by `char` against the slice cost a tenth of a 1M-row preview), so
    // ASCII separators take a scan of the bytes ([`bytes::inner_starts`]); an ASCII
    // byte is a whole character in UTF-8. Other separators take the `char` scan.
    if seps.iter().all(char::is_ascii) {
        return bytes::inner_starts(cell, seps);
    }
    cell.char_indices()
        .filter(|(_, c)| seps.contains(c))
        .map(|(i, c)| i + c.len_utf8())
        .filter(|&at| follows_sign(cell, at, seps))
        .collect()
}

/// Whether the text of `cell` from byte `at` starts with a formula sign once leading
/// whitespace (other than `seps`) and invisible characters are skipped.
fn follows_sign(cell: &str, at: usize, seps: &[char]) -> bool {
    cell[at..]
        .trim_start_matches(|c: char| {
            !seps.contains(&c) && (c.is_whitespace() || crate::written::is_invisible(c))
        })
        .starts_with(SIGNS)
}

/// Whether `cell` is formula-like at its start ([`is_formula_like`]) or after one of
/// `seps` ([`inner_starts`]).
pub fn is_formula_like_in(cell: &str, seps: &[char]) -> bool {
    is_formula_like(cell) || !inner_starts(cell, seps).is_empty()
}

/// `text` with a single quote in front when it is formula-like ([`is_formula_like`])
/// and after every separator of `seps` a formula sign follows ([`inner_starts`]):
/// `Bath;+1+1` → `Bath;'+1+1`, which every locale shows as the text it was, the quote
/// marking where the spreadsheet split. Anything else as it is.
pub fn neutralised_with<'t>(text: &'t str, seps: &[char]) -> Cow<'t, str> {
    let inner = inner_starts(text, seps);
    let start = is_formula_like(text);
    if inner.is_empty() && !start {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + inner.len() + 1);
    if start {
        out.push('\'');
    }
    let mut from = 0;
    for at in inner {
        out.push_str(&text[from..at]);
        out.push('\'');
        from = at;
    }
    out.push_str(&text[from..]);
    Cow::Owned(out)
}

/// The spreadsheet rule for one text cell: [`neutralised_with`] at
/// [`SHEET_SEPARATORS`]; the same rule as [`Cell::neutralise`] in the spreadsheet
/// profile. The preview CSV (`preview --format csv`) writes its text through this
/// function, except phone numbers with their country code ([`is_plain_phone`]).
pub fn neutralised(text: &str) -> Cow<'_, str> {
    neutralised_with(text, SHEET_SEPARATORS)
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

    /// Offsets worked out by hand: `;` at byte 4, `,` at 9 (then a space), the line
    /// break at 13; a non-ASCII separator (`、`, three bytes at 1) takes the `char` route.
    #[test]
    fn inner_starts_by_bytes_and_by_chars() {
        assert_eq!(
            inner_starts("Bath;+1+1, -2\n@x", SHEET_SEPARATORS),
            [5, 10, 14]
        );
        assert_eq!(
            inner_starts("Hi Ana,\nsee you soon", SHEET_SEPARATORS),
            [0usize; 0]
        );
        assert_eq!(inner_starts("a\u{3001}=b;c", &[';', '\u{3001}']), [4]);
        assert_eq!(inner_starts("zoë;=1", DATA_SEPARATORS), [5]);
    }

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
        let changed = cell.neutralise(SHEET_SEPARATORS);
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
            // The TAB is also a place a spreadsheet splits, and ` =1` after it starts
            // a formula once the space is trimmed: quoted there too.
            ("\t =1", "'\t' =1"),
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
    fn signs_after_a_separator_are_quoted_right_after_it() {
        // Trial 8, M6: Excel in `;` locales splits at `;`, pasted text at TAB.
        for (cell, sheet, data) in [
            ("Bath;+1+1", "Bath;'+1+1", "Bath;'+1+1"),
            ("Ann;=1+1", "Ann;'=1+1", "Ann;'=1+1"),
            ("Leeds;@SUM(1+1)", "Leeds;'@SUM(1+1)", "Leeds;'@SUM(1+1)"),
            ("Bob;-2+3", "Bob;'-2+3", "Bob;'-2+3"),
            (
                "Cy\u{a0};=cmd|x!A0",
                "Cy\u{a0};'=cmd|x!A0",
                "Cy\u{a0};'=cmd|x!A0",
            ),
            (
                "x; =HYPERLINK(\"y\")",
                "x;' =HYPERLINK(\"y\")",
                "x;' =HYPERLINK(\"y\")",
            ),
            ("x;\u{200b}=1", "x;'\u{200b}=1", "x;'\u{200b}=1"),
            ("x;＝1", "x;'＝1", "x;'＝1"),
            ("a\t+1", "a\t'+1", "a\t'+1"),
            ("=1;=2", "'=1;'=2", "'=1;'=2"),
            // `,` and line breaks: only where a person opens the file.
            ("a,=1", "a,'=1", "a,=1"),
            (
                "Hi Ann,\n-20% today",
                "Hi Ann,\n'-20% today",
                "Hi Ann,\n-20% today",
            ),
            ("x\r\n@y", "x\r\n'@y", "x\r\n@y"),
            // `;` then a line break then a sign: quoted once, after the line break
            // (sheet); after the `;` where the line break is only whitespace (data).
            ("a;\n=1", "a;\n'=1", "a;'\n=1"),
            // No sign after the separator: unchanged.
            ("a;b", "a;b", "a;b"),
            ("a; b", "a; b", "a; b"),
            ("1;2", "1;2", "1;2"),
            ("a;", "a;", "a;"),
            ("Hi Ann, thanks", "Hi Ann, thanks", "Hi Ann, thanks"),
        ] {
            assert_eq!(neutralised(cell), sheet, "{cell:?}");
            assert_eq!(neutralised_with(cell, DATA_SEPARATORS), data, "{cell:?}");
            let mut c = Cell::text(cell);
            assert_eq!(c.neutralise(SHEET_SEPARATORS), cell != sheet, "{cell:?}");
            assert_eq!(c.as_str(), sheet);
            assert_eq!(
                is_formula_like_in(cell, DATA_SEPARATORS),
                cell != data,
                "{cell:?}"
            );
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
