//! Contact keys a spreadsheet damaged: the rule that such a key never merges contacts.
//!
//! Excel shows a long ID in scientific notation (`7.02255E+12`) and saves it that way,
//! or keeps only 15 significant digits of it (`1234567890123456789` becomes
//! `1234567890123450000`). Different customers then share one key, and merging by it
//! gave the second person the first one's consent (new-user trial 4, N7). A key cell
//! that looks damaged therefore rejects its row, naming the column and the fix; it is
//! never repaired, since the lost digits cannot be known (case BR-24). The shapes are
//! those the phone parser refuses ([`crate::fields::phone::is_scientific`]) and
//! [`super::normalise::damage`] reports, plus the 15-digit precision loss. Called by
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
