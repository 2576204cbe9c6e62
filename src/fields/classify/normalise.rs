//! What a header or value looks like to a reader, before any matching: Unicode NFKC,
//! invisible characters removed, combining marks dropped and look-alike letters from
//! other scripts read as the Latin letters they imitate.
//!
//! Owns the one normal form that [`super::words`] splits headers from and folds values
//! with, so `Gen\u{AD}der` (soft hyphen), `Gеnder` (Cyrillic `е`), `Ｇｅｎｄｅｒ`
//! (fullwidth) and `G̶ender` (combining overlay) all read `Gender`. Case is kept: the
//! word splitter needs it for camelCase humps.
//!
//! Sources: Unicode UAX #15 (NFKC), UAX #44 `Default_Ignorable_Code_Point` (format and
//! zero-width characters: soft hyphen, ZWSP, ZWJ, ZWNJ, word joiner, bidi controls,
//! BOM, variation selectors, tag characters) and UTS #39 confusable skeletons (via the
//! `unicode-security` crate), restricted to letters whose skeleton is that of one
//! ASCII letter.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_security::skeleton;

/// What reading does to one non-ASCII character (after NFKC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Read {
    /// Invisible: a format, zero-width or other default-ignorable character.
    Drop,
    /// A look-alike of this ASCII letter (`е` U+0435 reads `e`).
    Latin(char),
}

/// Code point ranges scanned for invisible characters and Latin look-alikes: Latin
/// supplements and extensions, IPA, Greek, Cyrillic, Armenian, Cherokee and the other
/// scripts with letters that UTS #39 lists as confusable with ASCII letters, letterlike
/// symbols, Hangul fillers, specials, and the invisible ranges of the supplementary
/// planes (shorthand format controls, musical format controls, tag characters and
/// variation selectors supplement). Characters outside are kept as they are.
const SCANNED: [(u32, u32); 8] = [
    (0x0080, 0x33FF),
    (0xA640, 0xABFF),
    (0xFE00, 0xFFFF),
    (0x10400, 0x105FF),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0x1D400, 0x1D7FF),
    (0xE0000, 0xE0FFF),
];

/// The reading of every scanned character that reading changes, built once.
static TABLE: LazyLock<HashMap<char, Read>> = LazyLock::new(|| {
    let sk = |c: char| -> String {
        let mut b = [0u8; 4];
        skeleton(c.encode_utf8(&mut b)).collect()
    };
    // Iterate in reverse so that for letters sharing a skeleton the first wins
    // (`l` over nothing else; `I` and `l` share one and are told apart by case).
    let lower: HashMap<String, char> = ('a'..='z').rev().map(|l| (sk(l), l)).collect();
    let upper: HashMap<String, char> = ('A'..='Z').rev().map(|l| (sk(l), l)).collect();
    let mut table = HashMap::new();
    for (lo, hi) in SCANNED {
        for c in (lo..=hi).filter_map(char::from_u32) {
            let s = sk(c);
            if s.is_empty() {
                table.insert(c, Read::Drop);
                continue;
            }
            if !c.is_alphabetic() {
                continue;
            }
            let (first, second) = if c.is_uppercase() {
                (&upper, &lower)
            } else {
                (&lower, &upper)
            };
            if let Some(&latin) = first.get(&s).or_else(|| second.get(&s)) {
                table.insert(c, Read::Latin(latin));
            }
        }
    }
    table
});

/// `text` as a reader sees it: NFKC-normalised, with invisible characters and
/// combining marks removed (also those NFKC composes into a letter) and look-alike letters replaced by their ASCII letter.
///
/// ASCII text is returned as it is, without allocating (NFKC leaves it unchanged and it
/// holds no invisible or look-alike characters).
pub(crate) fn visible(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let table = &*TABLE;
    let mut out = String::with_capacity(text.len());
    // Decomposed first, so a mark that NFKC would compose into a letter of its own
    // (`m` + U+0301 is `ḿ`, which no fold reads as `m`) is dropped like any other mark
    // (session-9 trial: `musliḿ` read as no religion); composed again for the table.
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)).nfc() {
        match table.get(&c) {
            Some(Read::Drop) => {}
            Some(Read::Latin(latin)) => out.push(*latin),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_removed() {
        // Soft hyphen, zero-width space, ZWNJ, ZWJ, word joiner, BOM, LRM, RLO, a
        // variation selector and a tag character: UAX #44 Default_Ignorable_Code_Point.
        for c in [
            '\u{AD}',
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{200E}',
            '\u{202E}',
            '\u{FE0F}',
            '\u{E0041}',
        ] {
            assert_eq!(
                visible(&format!("Gen{c}der")),
                "Gender",
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn look_alike_letters_read_as_latin() {
        // Cyrillic а е о р с у х і ѕ and capitals А В Е К М Н О Р С Т Х; Greek ο ν
        // and capitals Α Β Ε Ι Κ Ν Ο Ρ Τ Χ (UTS #39 confusables).
        assert_eq!(visible("G\u{435}nd\u{435}r"), "Gender");
        assert_eq!(visible("R\u{435}l\u{456}gi\u{43E}n"), "Religion");
        assert_eq!(
            visible("\u{410}\u{412}\u{415}\u{41A}\u{41C}\u{41D}\u{41E}"),
            "ABEKMHO"
        );
        assert_eq!(visible("\u{420}\u{421}\u{422}\u{425}"), "PCTX");
        assert_eq!(visible("\u{440}\u{441}\u{443}\u{445}\u{455}"), "pcyxs");
        assert_eq!(visible("\u{3BF}\u{3BD}"), "ov");
        assert_eq!(
            visible("\u{391}\u{392}\u{395}\u{399}\u{39A}\u{39D}\u{39F}\u{3A1}\u{3A4}\u{3A7}"),
            "ABEIKNOPTX"
        );
    }

    #[test]
    fn compatibility_forms_and_marks_fold() {
        assert_eq!(visible("\u{FF27}\u{FF45}\u{FF4E}der"), "Gender"); // fullwidth
        assert_eq!(visible("\u{1D406}ender"), "Gender"); // mathematical bold G
        assert_eq!(visible("G\u{336}ender"), "Gender"); // combining long stroke overlay
        assert_eq!(visible("\u{FB01}rst"), "first"); // ﬁ ligature
        // Marks go whether typed composed or not, also where NFKC would compose them
        // into a letter no fold knows (`m` + U+0301 is `ḿ`); letters without a
        // decomposition stay for the word folder (`ß`, `ø`).
        assert_eq!(visible("Religión"), "Religion");
        assert_eq!(visible("musli\u{1E3F}"), "muslim");
        assert_eq!(visible("muslim\u{301}"), "muslim");
        assert_eq!(visible("\u{1E3F}uslim"), "muslim");
        assert_eq!(visible("Straße"), "Straße");
        assert_eq!(visible("Søren"), "Søren");
        // Hangul decomposes into jamo and composes back.
        assert_eq!(visible("한국"), "한국");
    }

    #[test]
    fn plain_ascii_is_borrowed() {
        assert!(matches!(visible("date_of_birth"), Cow::Borrowed(_)));
    }
}
