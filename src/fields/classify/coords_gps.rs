//! Locations as GPS receivers and people write them ([`super`]; new-user trial 11, F7):
//! degrees and decimal minutes (`51 30.443 N, 0 7.665 W`, `N51 30.443 W0 7.665`,
//! `N 51° 30.443 W 000° 07.665`), degrees, minutes and seconds without marks (`51 30
//! 26 N 0 7 39 W`), and any form of [`super::tier`] written inside a sentence (`Meet at
//! 51.5074, -0.1278 by the gate`).
//!
//! Degrees and minutes are a place only with a hemisphere letter on each (a latitude
//! letter N or S on one, a longitude letter E, W or O on the other), whole degrees in range (latitude
//! up to 90, longitude up to 180), minutes and seconds under 60, and the precision
//! CPRA §1798.140(w) calls precise (1,850 feet, about 564 m): minutes with a decimal
//! (0.1′ is 185 m) or seconds. `51 30 N 0 7 W` (whole minutes: 1.85 km) and `10 30.5`
//! (no letter, no sign: a time, a size) are not. Inside a sentence a form counts only
//! when it would count alone and is [`Tier::Bare`] or [`Tier::Marked`]: a sentence
//! holding a geohash-like word or rates `1.1234, 0.8765` is not read as a place.

use super::{Tier, Tok};

/// True when `toks` (a value's tokens, [`super::tokens`]) are two groups of degrees and
/// minutes (and seconds), each with a hemisphere letter before or after its numbers,
/// one for latitude and one for longitude (see the module header).
pub(super) fn degrees_minutes(toks: &[Tok]) -> bool {
    let leading = matches!(toks.first(), Some(Tok::Hemi(_)));
    let trailing = matches!(toks.last(), Some(Tok::Hemi(_)));
    let mut groups: Vec<(Option<bool>, Vec<super::Num>)> = Vec::new();
    for t in toks {
        match *t {
            Tok::Hemi(h) if leading => groups.push((Some(h), Vec::new())),
            Tok::Hemi(h) if trailing => match groups.last_mut() {
                Some(g) if g.0.is_none() && !g.1.is_empty() => g.0 = Some(h),
                _ => return false,
            },
            Tok::Num(n) => match groups.last_mut() {
                Some(g) if g.1.len() < 3 && !(trailing && g.0.is_some()) => g.1.push(n),
                _ => groups.push((None, vec![n])),
            },
            _ => return false,
        }
    }
    match groups.as_slice() {
        [(Some(true), lat), (Some(false), lng)] | [(Some(false), lng), (Some(true), lat)] => {
            group(lat, 90.0) && group(lng, 180.0)
        }
        _ => false,
    }
}

/// True for whole degrees up to `max` then minutes under 60 with a decimal, or whole
/// minutes then seconds under 60.
fn group(nums: &[super::Num], max: f64) -> bool {
    let whole = |n: &super::Num| n.decimals == 0;
    match nums {
        [d, m] => whole(d) && d.value.abs() <= max && m.value < 60.0 && m.decimals >= 1,
        [d, m, s] => {
            whole(d) && whole(m) && d.value.abs() <= max && m.value < 60.0 && s.value < 60.0
        }
        _ => false,
    }
}

/// Most words a form inside a sentence spans (`N 51° 30.443 W 000° 07.665`).
const MOST_WORDS: usize = 6;

/// The surest [`Tier::Bare`] or [`Tier::Marked`] form written among the words of `v`
/// (a value with more than one word that is no location as a whole), read by
/// `whole` (the reading of one value) over every run of up to [`MOST_WORDS`] words
/// that holds only numbers, marks and hemisphere letters ([`form_word`]) and starts
/// with a number or a hemisphere letter. The import reads every value: a note holds
/// few such words, so few runs are read (a link in a note is read whole by `whole`).
pub(super) fn inside(v: &str, whole: impl Fn(&str) -> Option<Tier>) -> Option<Tier> {
    if !has_decimal(v) && !v.contains('°') {
        return None;
    }
    let words: Vec<&str> = v.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let mut found = None;
    let mut i = 0;
    while i < words.len() {
        let mut end = i;
        while end < words.len() && form_word(words[end]) {
            end += 1;
        }
        // Every form inside a sentence holds a decimal or a degree sign.
        let marked = words[i..end]
            .iter()
            .any(|w| has_decimal(w) || w.contains('°'));
        if !marked {
            i = end.max(i + 1);
            continue;
        }
        for s in (i..end).filter(|&s| starts_a_form(words[s])) {
            for e in s + 1..=end.min(s + MOST_WORDS) {
                if s == 0 && e == words.len() {
                    continue;
                }
                let run = words[s..e].join(" ");
                let run = run.trim_end_matches(['.', ',', ';', ':', '!', '?']);
                // One word is a place only as a pair or with a mark (`51.5074,-0.1278`,
                // `N51.5074`), never as one number (`12.99`).
                let one = e == s + 1;
                if one && !run.contains([',', ';', '°']) && !run.contains(char::is_alphabetic) {
                    continue;
                }
                match whole(run) {
                    Some(Tier::Marked) => return Some(Tier::Marked),
                    Some(Tier::Bare) => found = Some(Tier::Bare),
                    _ => {}
                }
            }
        }
        i = end;
    }
    found
}

/// True when `s` holds a decimal number (a digit, `.` or `,`, a digit).
fn has_decimal(s: &str) -> bool {
    s.as_bytes()
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && matches!(w[1], b'.' | b',') && w[2].is_ascii_digit())
}

/// True for a word that can be part of a written location: digits, signs, decimal
/// and list separators, brackets, degree, minute and second marks, and at most one
/// hemisphere letter or latitude/longitude label (`51.5074,`, `-0.1278)`, `N51`,
/// `51°30'26"N`, `W`, `lat=51.5`).
fn form_word(word: &str) -> bool {
    const MARKS: &str = "+-−.,;:°'\"′″’”()[]{}=&";
    let mut letters = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            letters += 1;
        } else if !(c.is_ascii_digit() || MARKS.contains(c)) {
            return false;
        }
    }
    match letters {
        0 => true,
        // Checked without a copy: most words of a note have several letters.
        1 => word
            .chars()
            .any(|c| matches!(c.to_ascii_lowercase(), 'n' | 's' | 'e' | 'w' | 'o')),
        3..=9 => {
            let label: String = word
                .chars()
                .filter(|c| c.is_alphabetic())
                .flat_map(char::to_lowercase)
                .collect();
            matches!(
                label.as_str(),
                "lat" | "lng" | "lon" | "long" | "latitude" | "longitude"
            )
        }
        _ => false,
    }
}

/// True for a word a written location can start with: one holding a digit, or a
/// hemisphere letter alone (`N`), after an opening bracket.
fn starts_a_form(word: &str) -> bool {
    let w = word.trim_start_matches(['(', '[']);
    let mut chars = w.chars();
    let hemi = chars
        .next()
        .is_some_and(|c| matches!(c.to_ascii_lowercase(), 'n' | 's' | 'e' | 'w' | 'o'));
    w.bytes().any(|b| b.is_ascii_digit()) || (hemi && chars.next().is_none())
}
