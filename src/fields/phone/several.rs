//! A cell holding several phone numbers: `07911 123456 / 07700 900123`, `+44 7911
//! 123456; +44 7700 900123`, `07911 123456 or 07700 900123`, `030 1234567 oder 0151
//! 23456789`.
//!
//! Exports put a second number in the same cell; read whole, such a cell is no number,
//! so its contact had no SMS address and a refusal on its row could not be kept for
//! either number (new-user trial, session 8). Read as the numbers it holds, one is the
//! contact's number (key and SMS address: `import::row_phones` takes the first mobile)
//! and a refusal holds for every one. A cell is split only when it is no number whole
//! and every part is one: `030/1234567` (a German area code and number) stays one
//! number. [`parts`] is the one reading of where a cell splits, for the importer,
//! `tactful suppress` and the classifier's phone shape alike (session 9: the
//! classifier split at punctuation only, so a column of `... or ...` cells was not
//! found to be phones). Called by `import::row_phones`, `import::suppress_list` and
//! `fields::classify::validate`.

use super::{Phone, Region, parse};

/// What separates numbers in one cell (a `,` too: no number is written with one).
const SEPARATORS: &[char] = &[';', '/', ',', '|', '&', '\n', '\r', '\u{FF0F}', '\u{FF1B}'];

/// Words that join two numbers, read as a separator when they stand between spaces,
/// in any letter case: "or" and "and" in the languages the classifier reads (English,
/// German, French, Spanish, Italian, Dutch, Portuguese) and the Scandinavian ones.
/// A dash between spaces too (`07911 123456 - 07700 900123`). No extension marker
/// (`x`, `ext`, `DW`) is one: `07911 123456 x 9` is one number.
const JOINING: &[&str] = &[
    "or", "and", "oder", "und", "ou", "et", "o", "u", "y", "e", "of", "en", "og", "och", "eller",
    "-", "\u{2013}", "\u{2014}",
];

/// Whether `word` joins two numbers ([`JOINING`]).
fn is_joining(word: &str) -> bool {
    JOINING.iter().any(|j| j.eq_ignore_ascii_case(word))
}

/// The parts of `raw` between separators and joining words, trimmed, blanks left out,
/// in the order written; one part (the cell trimmed) when nothing splits it. Allocates
/// nothing: the classifier runs it on every value of a column.
pub fn parts(raw: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(raw);
    std::iter::from_fn(move || {
        loop {
            let text = rest?;
            let part = match cut(text) {
                Some((end, resume)) => {
                    rest = Some(&text[resume..]);
                    &text[..end]
                }
                None => {
                    rest = None;
                    text
                }
            };
            let part = part.trim();
            if !part.is_empty() {
                return Some(part);
            }
        }
    })
}

/// The first cut in `text`: where the part before it ends and the rest begins.
fn cut(text: &str) -> Option<(usize, usize)> {
    for (i, c) in text.char_indices() {
        if SEPARATORS.contains(&c) {
            return Some((i, i + c.len_utf8()));
        }
        if c.is_whitespace() {
            let tail = text[i..].trim_start();
            let start = text.len() - tail.len();
            if let Some(len) = tail.find(char::is_whitespace)
                && is_joining(&tail[..len])
            {
                return Some((i, start + len));
            }
        }
    }
    None
}

/// Whether [`parts`] splits `raw` at all (it holds a separator or a joining word).
pub fn splits(raw: &str) -> bool {
    cut(raw.trim()).is_some()
}

/// The numbers of `raw` when it holds two or more, each read in `region` as
/// [`parse`] reads a cell, in the order written; `None` when it has fewer than two
/// parts or a part is no number (the cell is then one value, read whole).
pub fn parse_several(raw: &str, region: Option<Region>) -> Option<Vec<Phone>> {
    if !splits(raw) {
        return None;
    }
    let numbers: Vec<Phone> = parts(raw)
        .map(|p| parse(p, region).ok())
        .collect::<Option<_>>()?;
    (numbers.len() >= 2).then_some(numbers)
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

    /// Joining words of several languages, in any case, and runs of spaces around
    /// them; a word inside no spaces (`07911 123456or`) or an extension marker splits
    /// nothing.
    #[test]
    fn joining_words_split_in_every_language() {
        let both = Some(vec![
            "+447911123456".to_string(),
            "+447700900123".to_string(),
        ]);
        for word in [
            "or", "OR", "Or", "oder", "ou", "o", "y", "und", "and", "AND", "et", "e", "of", "en",
            "eller", "og", "&", "-",
        ] {
            let cell = format!("07911 123456  {word} 07700 900123");
            assert_eq!(numbers(&cell), both, "{cell}");
        }
        let parts_of = |raw| parts(raw).collect::<Vec<_>>();
        assert_eq!(
            parts_of("07911 123456 oder\t07700 900123"),
            ["07911 123456", "07700 900123"]
        );
        assert_eq!(parts_of("07911 123456 x 9"), ["07911 123456 x 9"]);
        assert_eq!(parts_of(" ; a ;; b "), ["a", "b"]);
        assert!(!splits("07911 123456"));
        assert!(!splits("Oregon"));
        assert!(splits("1 or 2"));
    }
}
