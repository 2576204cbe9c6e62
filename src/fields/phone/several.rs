//! A cell holding several phone numbers: `07911 123456 / 07700 900123`, `+44 7911
//! 123456; +44 7700 900123`, `07911 123456 or 07700 900123`.
//!
//! Exports put a second number in the same cell; read whole, such a cell is no number,
//! so its contact had no SMS address and a refusal on its row could not be kept for
//! either number (new-user trial, session 8). Read as the numbers it holds, the first
//! is the contact's number (key and SMS address, as the first phone field with a value
//! is) and a refusal holds for every one. A cell is split only when it is no number
//! whole and every part is one: `030/1234567` (a German area code and number) stays
//! one number. Called by `import::row_phones` and `import::suppress_list`.

use super::{Phone, Region, parse};

/// What separates numbers in one cell (a `,` too: no number is written with one).
const SEPARATORS: &[char] = &[';', '/', ',', '|', '\n'];

/// Words that join two numbers, read as a separator.
const JOINING: &[&str] = &[" or ", " OR ", " Or ", " and ", " & "];

/// The numbers of `raw` when it holds two or more, each read in `region` as
/// [`parse`] reads a cell, in the order written; `None` when it has fewer than two
/// parts or a part is no number (the cell is then one value, read whole).
pub fn parse_several(raw: &str, region: Option<Region>) -> Option<Vec<Phone>> {
    if !raw.contains(SEPARATORS) && !JOINING.iter().any(|w| raw.contains(w)) {
        return None;
    }
    let text = JOINING
        .iter()
        .fold(raw.to_string(), |text, word| text.replace(word, ";"));
    let parts: Vec<&str> = text
        .split(SEPARATORS)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return None;
    }
    parts.iter().map(|p| parse(p, region).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(raw: &str) -> Option<Vec<String>> {
        let gb = "GB".parse().ok();
        parse_several(raw, gb).map(|found| found.into_iter().map(|p| p.e164).collect())
    }

    /// The trial's cells, by hand: each part in E.164 with GB's +44 for a national
    /// number (its trunk 0 dropped).
    #[test]
    fn a_cell_of_two_numbers_gives_both() {
        let both = Some(vec![
            "+447911123456".to_string(),
            "+447700900123".to_string(),
        ]);
        assert_eq!(numbers("07911 123456 / 07700 900123"), both);
        assert_eq!(numbers("+44 7911 123456; +44 7700 900123"), both);
        assert_eq!(numbers("07911 123456 or 07700 900123"), both);
        assert_eq!(numbers("07911 123456, 07700 900123"), both);
        // One number, or a part that is none: not split.
        assert_eq!(numbers("07911 123456"), None);
        assert_eq!(numbers("07911 123456 / 7"), None);
        assert_eq!(numbers("07911 123456 / mobile"), None);
    }
}
