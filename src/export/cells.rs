//! The two export profiles and what each does to a cell before it is written.
//!
//! Spreadsheets treat a cell that starts with `=`, `+`, `-` or `@` as a formula, and
//! some also after a leading TAB or CR; a contact's name or a rendered body can
//! therefore run code or leak data when the file is opened (OWASP, "CSV Injection").
//! The spreadsheet profile neutralises such cells by putting a single quote in front,
//! which spreadsheets show as "text, not a formula". Two additions to OWASP's list:
//! - leading whitespace does not make a trigger safe (several spreadsheet programs skip
//!   it before deciding), so the first non-whitespace character is checked too;
//! - the full-width forms `＝ ＋ － ＠` (U+FF1D, U+FF0B, U+FF0D, U+FF20) count, because
//!   spreadsheets in East Asian locales read them as formula signs.
//!
//! The price: a value that legitimately starts with a trigger changes. An E.164 phone
//! number `+447700900123` becomes `'+447700900123` and a negative amount `-5` becomes
//! `'-5`. A spreadsheet shows them as typed, but a program reading the file sees the
//! quote. That is what the upload profile is for: it writes every cell exactly, for
//! sending tools that read CSV as data, and must not be opened in a spreadsheet.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// Who reads the recipients file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    /// A person, in a spreadsheet program: formula triggers are neutralised.
    #[default]
    Spreadsheet,
    /// A sending tool that imports CSV as data: every cell as stored or rendered, so
    /// E.164 phone numbers stay intact.
    Upload,
}

impl Profile {
    /// `spreadsheet` or `upload`.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Spreadsheet => "spreadsheet",
            Profile::Upload => "upload",
        }
    }

    /// The rule this profile applies to cells, in words, for the export manifest.
    pub fn rule(self) -> &'static str {
        match self {
            Profile::Spreadsheet => {
                "OWASP CSV injection: a cell that starts with = + - @ TAB or CR, or whose first character after leading whitespace is = + - @ (or full-width ＝ ＋ － ＠), gets a single quote (') in front; phone numbers starting with + are quoted too"
            }
            Profile::Upload => {
                "none: every cell is written exactly as stored or rendered, E.164 phone numbers (+447700900123) intact; do not open this file in a spreadsheet program"
            }
        }
    }

    /// `cell` as this profile writes it.
    pub fn apply(self, cell: &str) -> Cow<'_, str> {
        match self {
            Profile::Spreadsheet if is_formula_like(cell) => Cow::Owned(format!("'{cell}")),
            _ => Cow::Borrowed(cell),
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Profile {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "spreadsheet" => Ok(Profile::Spreadsheet),
            "upload" => Ok(Profile::Upload),
            other => Err(format!(
                "unknown export profile `{other}`; use spreadsheet or upload"
            )),
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
    fn every_trigger_is_quoted_in_the_spreadsheet_profile_only() {
        let s = Profile::Spreadsheet;
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
            assert_eq!(s.apply(cell), want, "{cell:?}");
            assert_eq!(Profile::Upload.apply(cell), cell, "{cell:?}");
        }
    }
}
