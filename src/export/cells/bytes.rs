//! [`super::inner_starts`] for ASCII separators, by bytes: every cell of a preview is
//! asked (five per contact), and nearly all hold no separator at all (keys, addresses)
//! or only a few followed by a letter or a space (`Hi Ana,`).

use super::{DATA_SEPARATORS, SHEET_SEPARATORS, SIGNS, follows_sign};

/// Which bytes are one of `seps` (ASCII; others are left out).
const fn table(seps: &[char]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < seps.len() {
        let c = seps[i] as u32;
        if c < 0x80 {
            table[c as usize] = true;
        }
        i += 1;
    }
    table
}

static SHEET: [bool; 256] = table(SHEET_SEPARATORS);
static DATA: [bool; 256] = table(DATA_SEPARATORS);

/// [`super::inner_starts`] when every one of `seps` is ASCII.
pub(super) fn inner_starts(cell: &str, seps: &[char]) -> Vec<usize> {
    let own;
    let is_sep: &[bool; 256] = if seps == SHEET_SEPARATORS {
        &SHEET
    } else if seps == DATA_SEPARATORS {
        &DATA
    } else {
        own = table(seps);
        &own
    };
    let bytes = cell.as_bytes();
    // One look-up per byte, no branch taken but at a separator.
    if !bytes.iter().any(|&b| is_sep[usize::from(b)]) {
        return Vec::new();
    }
    // The trim of [`follows_sign`] on ASCII bytes first (spaces and controls that are
    // not separators); then printable ASCII decides at once, a sign or not, and only
    // other text after a separator takes the `char` route.
    let blank = |b: u8| (b <= b' ' || b == 0x7f) && !is_sep[usize::from(b)];
    (bytes.iter().enumerate())
        .filter(|&(_, &b)| is_sep[usize::from(b)])
        .map(|(i, _)| i + 1)
        .filter(|&at| {
            let from = (bytes[at..].iter().position(|&b| !blank(b))).map(|n| at + n);
            match from.map(|i| (i, bytes[i])) {
                Some((_, b)) if b.is_ascii() => SIGNS.contains(&char::from(b)),
                Some((i, _)) => follows_sign(cell, i, seps),
                None => false,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::inner_starts;
    use super::*;

    /// The byte route (a search for any separator, then the ASCII trim) finds the same
    /// places as the `char` route, which a separator outside ASCII (`、`, in none of
    /// these texts) forces: cells without a separator, long and short; spaces,
    /// controls, invisible and non-ASCII text after a separator, signs half and full
    /// width, a separator right after another and at the end; with the two lists and
    /// with another (`many`, its own table). Offsets by hand for three of them.
    #[test]
    fn inner_starts_by_bytes_is_the_char_route() {
        let texts = [
            "mia.dupont.0@example.net",
            "a-very-long-address-with-no-separator@example.org",
            "Hi Ana,\nas one of our VIPs in Berlin you get early access.",
            "0123456789abcdef;=1",
            "0123456789abcde;=1",
            "0123456789abcdef0123456789abcdef, \t+1",
            "x, \u{200b}=1;\u{a0}-2\n\u{3000}@3,\u{ad}＝4",
            "x;\x0b=1;\x7f+2;\x1c-3;;=4;",
            ";;,,\n\r\t",
            "é;é=1;ü +2",
            "",
        ];
        let mut chars = SHEET_SEPARATORS.to_vec();
        let mut data_chars = DATA_SEPARATORS.to_vec();
        data_chars.push('\u{3001}');
        chars.push('\u{3001}');
        let many = [',', ';', '\t', '\n', '\r', '|', ':', '!', '~'];
        let mut many_chars = many.to_vec();
        many_chars.push('\u{3001}');
        for text in texts {
            assert_eq!(
                inner_starts(text, SHEET_SEPARATORS),
                inner_starts(text, &chars),
                "{text:?}"
            );
            assert_eq!(
                inner_starts(text, &many),
                inner_starts(text, &many_chars),
                "{text:?}"
            );
            let data = inner_starts(text, DATA_SEPARATORS);
            assert_eq!(data, inner_starts(text, &data_chars), "{text:?}");
        }
        assert_eq!(inner_starts("0123456789abcdef;=1", SHEET_SEPARATORS), [17]);
        assert_eq!(
            inner_starts("x;\x0b=1;\x7f+2;\x1c-3;;=4;", SHEET_SEPARATORS),
            [2, 6, 10, 15]
        );
        assert_eq!(
            inner_starts(
                "a-very-long-address-with-no-separator@example.org",
                SHEET_SEPARATORS
            ),
            [0usize; 0]
        );
        assert_eq!(inner_starts("a|=1:b", &many), [2]);
    }
}
