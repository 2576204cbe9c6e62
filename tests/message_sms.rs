//! SMS length per GSM 03.38 / 3GPP TS 23.038 and TS 23.040: GSM-7 160 septets in one
//! part or 153 per part; UCS-2 70 code units or 67 per part. Every expected number is
//! counted by hand in the comment beside it.

use tactful::message::{SmsEncoding, SmsLength, sms_length};

fn len(text: &str) -> (SmsEncoding, usize, usize, usize) {
    let SmsLength {
        encoding,
        units,
        parts,
        chars,
    } = sms_length(text);
    (encoding, units, parts, chars)
}

#[test]
fn gsm7_single_and_concatenated() {
    use SmsEncoding::Gsm7;
    assert_eq!(len(&"a".repeat(160)), (Gsm7, 160, 1, 160));
    // 161 septets: 153 in part one, 8 in part two.
    assert_eq!(len(&"a".repeat(161)), (Gsm7, 161, 2, 161));
    assert_eq!(len(&"a".repeat(306)), (Gsm7, 306, 2, 306)); // 2 × 153
    assert_eq!(len(&"a".repeat(307)), (Gsm7, 307, 3, 307));
}

#[test]
fn extension_characters_count_two_septets() {
    use SmsEncoding::Gsm7;
    assert_eq!(len("€"), (Gsm7, 2, 1, 1));
    // Nine extension characters, two septets each.
    assert_eq!(len("^{}\\[~]|€"), (Gsm7, 18, 1, 9));
    // 80 × € = 160 septets still fits one part; 81 × € = 162 needs two
    // (76 pairs fill 152 of part one's 153 septets, the other 5 go to part two).
    assert_eq!(len(&"€".repeat(80)), (Gsm7, 160, 1, 80));
    assert_eq!(len(&"€".repeat(81)), (Gsm7, 162, 2, 81));
    // Accented letters of the basic table stay GSM-7, one septet each.
    assert_eq!(len("Zoé è à Ñ ü"), (Gsm7, 11, 1, 11));
    // ë is not in the basic table: "Zoë" goes out as UCS-2.
    assert_eq!(len("Zoë"), (SmsEncoding::Ucs2, 3, 1, 3));
}

#[test]
fn one_character_outside_gsm_switches_to_ucs2() {
    use SmsEncoding::Ucs2;
    // "Hi " is 3 code units, the waving hand (U+1F44B) a surrogate pair: 5.
    assert_eq!(len("Hi 👋"), (Ucs2, 5, 1, 4));
    // 69 × 'a' + 'ł' (U+0142, not in GSM 03.38) = 70 units: one part.
    assert_eq!(len(&format!("{}ł", "a".repeat(69))), (Ucs2, 70, 1, 70));
    // 71 units: 67 + 4.
    assert_eq!(len(&format!("{}ł", "a".repeat(70))), (Ucs2, 71, 2, 71));
    // 160 GSM characters plus one emoji: 162 units in UCS-2 → 67 + 67 + 28.
    assert_eq!(len(&format!("{}👋", "a".repeat(160))), (Ucs2, 162, 3, 161));
}

#[test]
fn emoji_with_modifier_is_one_character_and_four_units() {
    // 👍🏽 = U+1F44D U+1F3FD: two surrogate pairs, one grapheme.
    assert_eq!(len("👍🏽"), (SmsEncoding::Ucs2, 4, 1, 1));
}

#[test]
fn surrogate_pairs_are_not_split_across_parts() {
    // 66 + 2 + 66 = 134 units = 2 × 67, but the pair would straddle units 67/68, so it
    // opens part two (2 + 65 = 67) and the last 'a' needs part three.
    let text = format!("{}👋{}", "a".repeat(66), "a".repeat(66));
    assert_eq!(len(&text), (SmsEncoding::Ucs2, 134, 3, 133));
}
