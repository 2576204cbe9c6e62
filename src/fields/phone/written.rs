//! What a written phone value names, before the numbering plan reads it: one reading
//! for imports, suppression lists, refusals and `contact` commands, so a value that
//! names a number protects that number wherever it is written.
//!
//! Owns the clean-up of the written form: the edges trimmed, a spreadsheet's leading
//! `'` dropped, compatibility forms mapped (full-width `＋４４…` is `+44…`, Unicode
//! NFKC), an extension cut off (`ext. 9`, `x9`, `#9`, `Durchwahl 9`: an extension is
//! dialled after the call connects and is no part of the E.164 address, ITU-T E.164
//! §2), and, for a number written with its country code, the trunk prefix people keep
//! by habit (`+44 07700 900222`: the `0` is dialled only inside the country, Ofcom's
//! numbering; [`trunk_dropped`] says when dropping it is right).

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

/// Words and signs that introduce an extension, lower case: English (`ext`, `extn`,
/// `extension`, `x`), RFC 3966's `;ext=`, `#`, German (`Durchwahl`, `DW`), French
/// (`poste`), Spanish and Portuguese (`anexo`, `ramal`), Italian (`interno`), Dutch
/// (`toestel`), as libphonenumber's extension patterns and office lists write them.
const MARKERS: &str = "extension|extn|ext|durchwahl|dw|poste|anexo|ramal|interno|toestel|x|#";

/// A trailing extension: a marker, optional punctuation, 1 to 7 digits (as
/// libphonenumber allows), an optional closing `#`.
static EXTENSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\s*[,;]?\s*(?:{MARKERS})\s*[.:=#-]?\s*\d{{1,7}}\s*#?\s*$"
    ))
    .expect("the extension pattern compiles")
});

/// The number `raw` names, as text for the numbering plan: trimmed, without a
/// leading `'`, without a trailing comment in parentheses that holds no digit
/// (`+44 7700 900002 (mobile)`, [`without_comment`]), compatibility forms mapped
/// (NFKC, only for non-ASCII text), decimal digits of every script read as ASCII
/// digits ([`ascii_digit`]: `+٤٤٧٧…` is `+4477…`) and a trailing extension removed when digits come
/// before it. Borrowed when nothing changes.
pub fn written_number(raw: &str) -> Cow<'_, str> {
    let text = without_comment(raw.trim().trim_start_matches('\'').trim());
    let text: Cow<'_, str> = if text.is_ascii() {
        Cow::Borrowed(text)
    } else {
        let mapped: String = text.nfkc().map(ascii_digit).collect();
        Cow::Owned(mapped.trim().to_string())
    };
    let Some(found) = EXTENSION.find(&text) else {
        return text;
    };
    let head = &text[..found.start()];
    if !head.chars().any(|c| c.is_ascii_digit()) {
        return text;
    }
    Cow::Owned(head.trim_end().to_string())
}

/// The first code point of each run of ten decimal digits (Unicode general category
/// Nd) that lists and cells are written in: Arabic-Indic, Extended Arabic-Indic
/// (Persian, Urdu), N'Ko, the Indic scripts, Thai, Lao, Tibetan, Myanmar, Khmer,
/// Mongolian and others of Unicode's Nd list, and the mathematical digits. (Full-width
/// digits are mapped by NFKC before this.) libphonenumber normalises every Nd digit
/// the same way.
const DIGIT_ZEROS: &[u32] = &[
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
    0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16B50, 0x1D7CE,
    0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// `c` as an ASCII digit when it is a decimal digit of another script
/// ([`DIGIT_ZEROS`]: `٤` U+0664 and `۴` U+06F4 are `4`); otherwise `c` itself.
pub fn ascii_digit(c: char) -> char {
    if c.is_ascii() || !c.is_numeric() {
        return c;
    }
    let code = c as u32;
    DIGIT_ZEROS
        .iter()
        .find(|&&zero| (zero..zero + 10).contains(&code))
        .and_then(|&zero| char::from_digit(code - zero, 10))
        .unwrap_or(c)
}

/// `text` without a trailing comment in parentheses (`(mobile)`, `(work)`, `(Büro)`)
/// when digits come before it: a note about the number, no part of it (session 7
/// trial: `+44 7700 900002 (mobile)` with an SMS refusal was read as no number, so the
/// refusal reached nobody). A bracket holding a digit stays: `+44 (0)7911 123456`
/// writes the trunk zero that way.
fn without_comment(text: &str) -> &str {
    let Some(inner) = text.strip_suffix(')') else {
        return text;
    };
    let Some(open) = inner.rfind('(') else {
        return text;
    };
    let (head, comment) = (&inner[..open], &inner[open + 1..]);
    if comment.chars().any(|c| c.is_ascii_digit() || c == '(')
        || !comment.chars().any(char::is_alphabetic)
        || !head.chars().any(|c| c.is_ascii_digit())
    {
        return text;
    }
    head.trim_end()
}

/// `text` (an international form, `+` first) without the trunk prefix written after
/// the country calling code `code` (`+44 07700 900222` → `+44 7700 900222`), when
/// the country's plan has the trunk prefix `prefix` and the digits after the code
/// start with it; `None` otherwise. The caller keeps the number as written when the
/// plan knows it (Italy's `+39 06…` keeps its `0`: the zero is part of the number).
fn trunk_dropped(text: &str, code: &str, prefix: &str) -> Option<String> {
    if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Byte offsets of the digits, so the prefix is cut where it is written, with the
    // spaces and brackets around it left to the parser.
    let digits: Vec<(usize, u8)> = text
        .bytes()
        .enumerate()
        .filter(|(_, b)| b.is_ascii_digit())
        .collect();
    let after: String = digits
        .iter()
        .skip(code.len())
        .map(|(_, b)| char::from(*b))
        .collect();
    let all: String = digits.iter().map(|(_, b)| char::from(*b)).collect();
    if !all.starts_with(code) || !after.starts_with(prefix) {
        return None;
    }
    let cut = &digits[code.len()..code.len() + prefix.len()];
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if !cut.iter().any(|(at, _)| *at == i) {
            out.push(c);
        }
    }
    Some(out)
}

/// `text` with a leading `00` read as `+` and a `(0)` after an international prefix
/// removed; `None` when neither applies.
pub(super) fn international_form(text: &str) -> Option<String> {
    let rest = text.strip_prefix('+').or_else(|| text.strip_prefix("00"))?;
    Some(format!("+{}", rest.replacen("(0)", "", 1)))
}

/// `text` (international form, `+` first) without the trunk prefix of its country
/// written after the country calling code; `None` when it has none to drop.
pub(super) fn without_trunk_prefix(text: &str) -> Option<String> {
    if !text.starts_with('+') {
        return None;
    }
    let db = &*phonenumber::metadata::DATABASE;
    let digits: String = text.chars().filter(char::is_ascii_digit).take(3).collect();
    // Country calling codes are prefix-free (ITU-T E.164): at most one length fits.
    (1..=digits.len()).find_map(|n| {
        let code: u16 = digits[..n].parse().ok()?;
        let metas = db.by_code(&code)?;
        let prefix = metas.first()?.national_prefix()?;
        trunk_dropped(text, &digits[..n], prefix)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The trial's extensions, in every way offices write them: the number before
    /// the marker is what remains.
    #[test]
    fn extensions_are_cut_off() {
        for (raw, want) in [
            ("+44 7700 900111 ext. 9", "+44 7700 900111"),
            ("07700 900128 ext 12", "07700 900128"),
            ("07700 900128 EXT.12", "07700 900128"),
            ("+44 7700 900333 x9", "+44 7700 900333"),
            ("+44 7700 900333 X 9", "+44 7700 900333"),
            ("+44 7700 900333 #9", "+44 7700 900333"),
            ("+44 7700 900333;ext=9", "+44 7700 900333"),
            ("+44 7700 900333, extension 123", "+44 7700 900333"),
            ("+49 30 1234567 Durchwahl 12", "+49 30 1234567"),
            ("+49 30 1234567 DW 12", "+49 30 1234567"),
            ("+33 1 23 45 67 89 poste 4", "+33 1 23 45 67 89"),
            ("'+44 7700 900111", "+44 7700 900111"),
        ] {
            assert_eq!(written_number(raw), want, "{raw}");
        }
        // No digits before the marker: nothing is cut (and the value names no number).
        assert_eq!(written_number("ext 12"), "ext 12");
        // Full-width digits and plus sign are the ASCII ones (NFKC).
        assert_eq!(
            written_number("＋４４ ７７００ ９００１１１"),
            "+44 7700 900111"
        );
    }

    #[test]
    fn the_trunk_prefix_after_the_country_code_is_cut_where_it_is_written() {
        assert_eq!(
            trunk_dropped("+44 07700 900222", "44", "0").as_deref(),
            Some("+44 7700 900222")
        );
        assert_eq!(
            trunk_dropped("+4407700900222", "44", "0").as_deref(),
            Some("+447700900222")
        );
        assert_eq!(trunk_dropped("+44 7700 900222", "44", "0"), None);
        assert_eq!(trunk_dropped("+44 07700", "44", ""), None);
    }
}
