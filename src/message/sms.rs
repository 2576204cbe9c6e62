//! SMS length: how many characters a text has and how many SMS parts it will be sent
//! as.
//!
//! Source: 3GPP TS 23.038 (GSM 03.38) for the GSM 7-bit default alphabet and its
//! extension table, and 3GPP TS 23.040 for concatenation, whose user data header takes
//! 6 of the 140 octets of each part: GSM-7 fits 160 septets in one part or 153 per part
//! when concatenated; UCS-2 (any character outside the GSM alphabet) fits 70 UTF-16
//! code units, or 67 per part. Called by message drafting and preview.

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

/// How a text would be encoded in an SMS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SmsEncoding {
    /// GSM 7-bit default alphabet, units are septets.
    Gsm7,
    /// UCS-2 (UTF-16 in practice), units are 16-bit code units.
    Ucs2,
}

impl SmsEncoding {
    /// Units that fit in a single, unconcatenated SMS.
    pub fn single_part(self) -> usize {
        match self {
            SmsEncoding::Gsm7 => 160,
            SmsEncoding::Ucs2 => 70,
        }
    }

    /// Units per part once a text needs more than one part.
    pub fn per_part(self) -> usize {
        match self {
            SmsEncoding::Gsm7 => 153,
            SmsEncoding::Ucs2 => 67,
        }
    }
}

/// The length of one SMS body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SmsLength {
    pub encoding: SmsEncoding,
    /// Septets (GSM-7; extension characters count 2) or UTF-16 code units (UCS-2; a
    /// character outside the Basic Multilingual Plane, such as most emoji, counts 2).
    pub units: usize,
    /// SMS parts the text is sent as; 0 for an empty text.
    pub parts: usize,
    /// Characters as a reader counts them (extended grapheme clusters, UAX #29).
    pub chars: usize,
}

/// GSM 03.38 default alphabet, without ESC (0x1B), which only introduces the
/// extension table.
const GSM7_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/// GSM 03.38 extension table: sent as ESC + character, so two septets each.
const GSM7_EXTENSION: &str = "^{}\\[~]|€\u{0c}";

/// Septets `c` takes in GSM-7, or `None` if it is not in the GSM alphabet.
fn gsm7_septets(c: char) -> Option<usize> {
    if GSM7_BASIC.contains(c) {
        Some(1)
    } else if GSM7_EXTENSION.contains(c) {
        Some(2)
    } else {
        None
    }
}

/// Encoding, units, parts and characters of `text` as one SMS body.
///
/// Parts are filled greedily without splitting a character across parts (an extension
/// character's escape pair or a UTF-16 surrogate pair stays in one part, as senders
/// do), so a long text can need one part more than `units / per_part` suggests.
pub fn sms_length(text: &str) -> SmsLength {
    let gsm: Option<Vec<usize>> = text.chars().map(gsm7_septets).collect();
    let (encoding, costs) = match gsm {
        Some(costs) => (SmsEncoding::Gsm7, costs),
        None => (
            SmsEncoding::Ucs2,
            text.chars().map(char::len_utf16).collect(),
        ),
    };
    let units: usize = costs.iter().sum();
    let parts = if units == 0 {
        0
    } else if units <= encoding.single_part() {
        1
    } else {
        let mut parts = 1;
        let mut used = 0;
        for cost in costs {
            if used + cost > encoding.per_part() {
                parts += 1;
                used = 0;
            }
            used += cost;
        }
        parts
    };
    SmsLength {
        encoding,
        units,
        parts,
        chars: text.graphemes(true).count(),
    }
}

/// The texts of the SMS parts `text` is sent as, filled by the same greedy rule as
/// [`sms_length`] (so `sms_parts(t).len() == sms_length(t).parts`). Proofs show them.
pub fn sms_parts(text: &str) -> Vec<String> {
    let len = sms_length(text);
    if len.parts <= 1 {
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![text.to_string()]
        };
    }
    let cost = |c: char| match len.encoding {
        SmsEncoding::Gsm7 => gsm7_septets(c).unwrap_or(1),
        SmsEncoding::Ucs2 => c.len_utf16(),
    };
    let mut parts = vec![String::new()];
    let mut used = 0;
    for c in text.chars() {
        if used + cost(c) > len.encoding.per_part() {
            parts.push(String::new());
            used = 0;
        }
        used += cost(c);
        if let Some(last) = parts.last_mut() {
            last.push(c);
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_alphabet_has_128_characters_less_escape() {
        assert_eq!(GSM7_BASIC.chars().count(), 127);
    }

    #[test]
    fn empty_text_has_no_parts() {
        let len = sms_length("");
        assert_eq!((len.units, len.parts, len.chars), (0, 0, 0));
    }

    #[test]
    fn escape_pairs_are_not_split_across_parts() {
        // 152 'a' then '€' (2 septets): 154 septets, 2 parts; the pair cannot use the
        // last septet of part one, so it starts part two.
        let text = format!("{}€{}", "a".repeat(152), "a".repeat(6));
        let len = sms_length(&text);
        assert_eq!(len.units, 160);
        assert_eq!(len.parts, 1);
        let text = format!("{}€{}", "a".repeat(152), "a".repeat(152));
        // 306 septets = exactly 2 × 153, but the pair straddles septets 153/154,
        // so it moves to part two and the last septet spills into part three.
        let len = sms_length(&text);
        assert_eq!(len.units, 306);
        assert_eq!(len.parts, 3);
    }

    #[test]
    fn parts_follow_the_length_rule() {
        let text = format!("{}€{}", "a".repeat(152), "a".repeat(152));
        let parts = sms_parts(&text);
        assert_eq!(parts.len(), 3);
        // Part one: 152 'a' (the pair does not fit in septet 153); part two: '€' and
        // 151 'a' (153 septets); part three: the last 'a'.
        assert_eq!(parts[0], "a".repeat(152));
        assert_eq!(parts[1], format!("€{}", "a".repeat(151)));
        assert_eq!(parts[2], "a");
        assert_eq!(sms_parts("Hi"), vec!["Hi".to_string()]);
        assert!(sms_parts("").is_empty());
    }
}
