//! Contact keys a spreadsheet damaged: the rule that such a key never merges contacts.
//!
//! Excel shows a long ID in scientific notation (`7.02255E+12`) and saves it that way,
//! or keeps only 15 significant digits of it (`1234567890123456789` becomes
//! `1234567890123450000`). Different customers then share one key, and merging by it
//! gave the second person the first one's consent (new-user trial 4, N7). A key cell
//! that looks damaged therefore rejects its row, naming the column and the fix; it is
//! never repaired, since the lost digits cannot be known (case BR-24). The shapes are
//! those the phone parser refuses ([`crate::fields::phone::is_scientific`]) and
//! [`super::normalise::damage`] reports, plus the 15-digit precision loss: 17 digits
//! or more with zeros after the 15th, and 16-digit keys where the column shows it
//! ([`Sixteen`]: all of them end in `0` while shorter IDs do not). Called by
//! [`super::prepare`] for a key column other than e-mail.

use super::normalise::{self, Damage};
use crate::fields::phone;

/// Why key cell `raw` cannot identify one person, as a phrase ("looks like …"), or
/// `None` when it can.
///
/// Damaged: a number in scientific notation (`7.02255E+12`, `7,02255E+12`, `1.23E15`),
/// a spreadsheet error value (`#N/A`: one placeholder shared by many rows), or a number
/// of 17 digits or more whose digits after the 15th are all zero (Excel's 15
/// significant digits). A 16-digit number ending in a single `0` is not flagged: one in
/// ten genuine 16-digit IDs ends that way.
pub fn check(raw: &str) -> Option<&'static str> {
    let text = raw.trim();
    if phone::is_scientific(text) || normalise::damage(text) == Some(Damage::ScientificNotation) {
        return Some(
            "looks like a long number a spreadsheet turned into scientific notation (digits are lost)",
        );
    }
    if normalise::damage(text) == Some(Damage::ErrorValue) {
        return Some("is a spreadsheet error value, not an ID");
    }
    if precision_lost(text) {
        return Some(
            "looks like a long number a spreadsheet cut to 15 significant digits (the digits after the 15th are all zero)",
        );
    }
    None
}

/// What a key column's values say about 16-digit numbers: how many values are 16
/// digits and how many of those end in `0`; how many are whole numbers of 2 to 15
/// digits and how many of those end in `0`. Observed for every value of a column in
/// the import's first pass ([`crate::import::infer::ColumnStats`]).
///
/// Excel keeps 15 significant digits, so a 16-digit ID saved as a number ends in `0`
/// (`1234567890123456` becomes `1234567890123450`); one genuine 16-digit ID in ten
/// ends in `0` too, so one such value proves nothing. [`Sixteen::cut`] decides from
/// the column as a whole.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sixteen {
    pub sixteen: u64,
    pub sixteen_zero: u64,
    pub shorter: u64,
    pub shorter_zero: u64,
}

impl Sixteen {
    /// Count one value (trimmed; values other than digits are not counted).
    pub fn observe(&mut self, value: &str) {
        let t = value.trim();
        if t.len() < 2 || t.len() > 16 || !t.bytes().all(|b| b.is_ascii_digit()) {
            return;
        }
        let zero = u64::from(t.ends_with('0'));
        if t.len() == 16 {
            self.sixteen += 1;
            self.sixteen_zero += zero;
        } else {
            self.shorter += 1;
            self.shorter_zero += zero;
        }
    }

    /// Whether the column's 16-digit values look cut to 15 significant digits: every
    /// one ends in `0`, and the shorter IDs do not all end in `0` (IDs that are round
    /// by design prove nothing), with at least 3 such values, or 2 beside shorter IDs
    /// that end in other digits. Genuine random IDs pass this by chance once in a
    /// thousand columns (10^-3), or once in a hundred for two beside varied shorter
    /// IDs; a damaged key merges different people, which is worse than a rejected row
    /// the user re-exports.
    pub fn cut(&self) -> bool {
        let all_zero = self.sixteen > 0 && self.sixteen_zero == self.sixteen;
        let shorter_round = self.shorter > 0 && self.shorter_zero == self.shorter;
        let shorter_varied = self.shorter > self.shorter_zero;
        all_zero && !shorter_round && (self.sixteen >= 3 || (self.sixteen >= 2 && shorter_varied))
    }
}

/// As [`check`], and a 16-digit key of a column whose 16-digit values [`Sixteen::cut`]
/// says were cut to 15 significant digits.
pub fn check_in(raw: &str, column: &Sixteen) -> Option<&'static str> {
    if let Some(why) = check(raw) {
        return Some(why);
    }
    let text = raw.trim();
    if column.cut() && text.len() == 16 && text.bytes().all(|b| b.is_ascii_digit()) {
        return Some(
            "looks like a 16-digit number a spreadsheet cut to 15 significant digits (every 16-digit key of the column ends in 0, as Excel's 15 digits leave them)",
        );
    }
    None
}

/// All ASCII digits, at least 17 of them, and every digit after the 15th is `0`.
fn precision_lost(text: &str) -> bool {
    text.len() >= 17
        && text.bytes().all(|b| b.is_ascii_digit())
        && text.bytes().skip(15).all(|b| b == b'0')
}

/// The rejection reason for a row whose key cell `raw` in column `header` is damaged.
pub fn reason(raw: &str, header: &str, why: &str) -> String {
    format!(
        "contact key `{raw}` (column {header}) {why}: different people may share it, so the row is not imported; re-export the file with column {header} formatted as text (Excel: Data > From Text/CSV, set the column's type to Text) and import it again"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(values: &[&str]) -> Sixteen {
        let mut s = Sixteen::default();
        for v in values {
            s.observe(v);
        }
        s
    }

    /// By hand: three 16-digit IDs ending in 0 is Excel's cut; two, beside a 13-digit
    /// ID ending in 7, too. One, or 16-digit IDs ending in other digits too, or beside
    /// shorter IDs that all end in 0, is not.
    #[test]
    fn sixteen_digit_keys_cut_by_the_column() {
        let cut = ["1234567890123450", "2234567890123450", "3234567890123460"];
        assert!(column(&cut).cut());
        assert!(column(&["1234567890123450", "2234567890123450", "7022550000017"]).cut());
        assert!(!column(&["1234567890123450", "2234567890123450"]).cut());
        assert!(!column(&["1234567890123450"]).cut());
        let genuine = ["1234567890123450", "2234567890123451", "3234567890123460"];
        assert!(!column(&genuine).cut());
        let round = [cut[0], cut[1], cut[2], "1000", "2000"];
        assert!(!column(&round).cut());
        assert!(check_in("1234567890123450", &column(&cut)).is_some());
        assert_eq!(check_in("1234567890123450", &column(&genuine)), None);
        // A shorter key in a cut column is read as before.
        assert_eq!(check_in("7022550000017", &column(&cut)), None);
    }

    #[test]
    fn damaged_keys_are_named() {
        for raw in [
            "7.02255E+12",
            "7,02255E+12",
            "1.23E+15",
            "1.23e15",
            "#N/A",
            "12345678901234500",
            "1234567890123450000",
        ] {
            assert!(check(raw).is_some(), "{raw}");
        }
        for raw in [
            "7022550000003",
            "1234567890123450",
            "12345678901234501",
            "C-1000",
            "00123",
            "1.5",
        ] {
            assert_eq!(check(raw), None, "{raw}");
        }
    }
}
