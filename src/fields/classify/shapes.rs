//! Value shapes that say what a column is, beyond the validators of [`super::validate`]:
//! ICD-10 diagnosis codes and precise locations written in one value.
//!
//! An ICD-10 code (WHO ICD-10 and ICD-10-CM: a letter, two digits, optionally a dot and
//! a subcode: `E11.9` type 2 diabetes, `F32` depression, `J45` asthma) is health data
//! (GDPR Art. 9(1)), but the shape is also a product SKU's, a seat's or a grid cell's
//! (`A12`, `B07`). So a column is health data by its codes only when the header does
//! not name a thing (the dictionary's `[icd10] thing_words`: `sku`, `product`, `seat`)
//! and either at least half its values are codes under a health-ish word
//! (`[icd10] health_words`: `condition`, `problem`, `history`, `notes`), or at least 90%
//! are codes and some are written with a subcode (`E11.9`), which a SKU seldom is
//! (new-user trial 6, G12). A header that already says health (`Dx`, `Diagnosis`) is
//! health data by its word.

use std::collections::HashSet;

use serde::Deserialize;

use super::dictionary::{Check, Entry, dictionary};
use super::evidence::ValueHit;
use super::header::Header;
use super::words::fold;
use super::{NEEDS_PERCENT, VALIDATOR_PERCENT, ValueProfile};

/// The `[icd10]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawIcd10 {
    kind: String,
    health_words: Vec<String>,
    thing_words: Vec<String>,
}

/// The `[icd10]` table, folded.
#[derive(Debug, Default)]
pub(crate) struct Icd10 {
    /// The entry kind codes are (`health`).
    pub kind: String,
    health_words: HashSet<String>,
    thing_words: HashSet<String>,
}

impl RawIcd10 {
    pub fn folded(&self) -> Icd10 {
        let set = |l: &[String]| l.iter().map(|w| fold(w)).collect();
        Icd10 {
            kind: self.kind.clone(),
            health_words: set(&self.health_words),
            thing_words: set(&self.thing_words),
        }
    }
}

/// `Some(true)` for an ICD-10 code with a subcode (`E11.9`, `S72.001A`), `Some(false)`
/// for a three-character category (`F32`), `None` for anything else. Upper-case only,
/// with the chapter ranges WHO ICD-10 and ICD-10-CM use (`D` to 89, `E` to 90, `H` and
/// `K` to 95, `P` to 96, `T` to 98, `U` to 85).
pub(crate) fn icd10_shape(v: &str) -> Option<bool> {
    let b = v.as_bytes();
    if b.len() < 3 || !b[0].is_ascii_uppercase() || !b[1].is_ascii_digit() || !b[2].is_ascii_digit()
    {
        return None;
    }
    let n = u32::from(b[1] - b'0') * 10 + u32::from(b[2] - b'0');
    let max = match b[0] {
        b'D' => 89,
        b'E' => 90,
        b'H' | b'K' => 95,
        b'P' => 96,
        b'T' => 98,
        b'U' => 85,
        _ => 99,
    };
    if n > max {
        return None;
    }
    match &b[3..] {
        [] => Some(false),
        [b'.', sub @ ..] => {
            let ok = (1..=4).contains(&sub.len())
                && sub[0].is_ascii_digit()
                && sub
                    .iter()
                    .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
            ok.then_some(true)
        }
        _ => None,
    }
}

/// The value evidence that a column of `entry` (the `[icd10]` kind) holds ICD-10 codes
/// under `header` (module header); `None` otherwise.
pub(super) fn icd10_hit(
    entry: &Entry,
    header: &Header,
    profile: &ValueProfile,
) -> Option<ValueHit> {
    let rules = &dictionary().icd10;
    if entry.kind != rules.kind || profile.non_blank == 0 {
        return None;
    }
    if header.words.iter().any(|w| rules.thing_words.contains(w)) {
        return None;
    }
    let percent = profile.passing(Check::Icd10);
    let health = header.words.iter().any(|w| rules.health_words.contains(w));
    let dotted = profile.icd10_dotted() > 0;
    let passes = (health && percent >= NEEDS_PERCENT) || (dotted && percent >= VALIDATOR_PERCENT);
    passes.then_some(ValueHit::Validator {
        check: Check::Icd10,
        percent,
    })
}

/// True for a precise location written in one value: a decimal latitude, longitude
/// pair (`51.5074, -0.1278`, `51.5074 -0.1278`, `[51.50740; -0.12780]`) with at least 3
/// decimal places in both (about 100 m: CPRA §1798.140(w) "precise" is within 1,850
/// feet), a WKT point (`POINT(-0.1278 51.5074)`), or degrees, minutes and seconds
/// (`51°30'26"N 0°7'39"W`, primes `′″` too). Latitude within ±90, longitude within
/// ±180 (either order for a bare pair). Prices (`12.99, 15.49`) have two decimals.
pub(crate) fn is_coordinates(v: &str) -> bool {
    let v = v.trim();
    let upper = v.to_ascii_uppercase();
    if let Some(rest) = upper.strip_prefix("POINT") {
        let inner = rest
            .trim()
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'));
        return inner.is_some_and(|i| pair(i, 1, true));
    }
    if v.contains('°') {
        return is_dms(v);
    }
    let inner = v
        .strip_prefix(['(', '['])
        .and_then(|r| r.strip_suffix([')', ']']))
        .unwrap_or(v);
    pair(inner, 3, false)
}

/// Two decimal numbers separated by a comma, semicolon or spaces, each with at least
/// `decimals` places, that are a latitude and a longitude (`lng_first`: WKT's order).
fn pair(text: &str, decimals: usize, lng_first: bool) -> bool {
    let parts: Vec<&str> = text
        .split([',', ';', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let [a, b] = parts.as_slice() else {
        return false;
    };
    let number = |s: &str| -> Option<f64> {
        let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
        let (whole, frac) = digits.split_once('.')?;
        let ok = !whole.is_empty()
            && whole.len() <= 3
            && whole.bytes().all(|c| c.is_ascii_digit())
            && frac.len() >= decimals
            && frac.bytes().all(|c| c.is_ascii_digit());
        ok.then(|| s.parse().ok()).flatten()
    };
    let (Some(x), Some(y)) = (number(a), number(b)) else {
        return false;
    };
    let lat_lng = |lat: f64, lng: f64| lat.abs() <= 90.0 && lng.abs() <= 180.0;
    if lng_first {
        lat_lng(y, x)
    } else {
        lat_lng(x, y) || lat_lng(y, x)
    }
}

/// Degrees, minutes and seconds with a hemisphere letter, twice (`51°30'26"N 0°7'39"W`).
fn is_dms(v: &str) -> bool {
    let marks = |c: char| matches!(c, '°' | '\'' | '"' | '′' | '″' | '’' | '”');
    let hemispheres = v
        .chars()
        .filter(|c| matches!(c.to_ascii_uppercase(), 'N' | 'S' | 'E' | 'W' | 'O'))
        .count();
    let degrees = v.matches('°').count();
    let only = v.chars().all(|c| {
        c.is_ascii_digit()
            || marks(c)
            || c == '.'
            || c == ','
            || c == ' '
            || matches!(c.to_ascii_uppercase(), 'N' | 'S' | 'E' | 'W' | 'O')
    });
    only && degrees == 2
        && hemispheres == 2
        && v.chars().filter(|c| marks(*c) && *c != '°').count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icd10_codes_and_chapters() {
        for (v, dotted) in [
            ("E11.9", true),
            ("F32", false),
            ("F32.1", true),
            ("J45", false),
            ("S72.001A", true),
            ("U07.1", true),
            ("Z99.89", true),
        ] {
            assert_eq!(icd10_shape(v), Some(dotted), "{v}");
        }
        // Out of chapter range, lower case, too long, letters where digits go.
        for v in [
            "D95",
            "U99",
            "T99",
            "e11.9",
            "E11.",
            "E11.12345",
            "E1",
            "EE1",
            "A12B",
            "E11-9",
        ] {
            assert_eq!(icd10_shape(v), None, "{v}");
        }
    }

    /// New-user trial 6, G15: the pairs, WKT points and DMS of the trial; not prices,
    /// sizes, two-decimal pairs, out-of-range numbers or plain numbers.
    #[test]
    fn coordinates_in_one_value() {
        for v in [
            "51.5074,-0.1278",
            "51.50740, -0.12780",
            "40.7128, -74.0060",
            "(48.8566, 2.3522)",
            "[48.8566; 2.3522]",
            "-33.8688 151.2093",
            "POINT(-0.1278 51.5074)",
            "POINT (2.35 48.85)",
            "51°30'26\"N 0°7'39\"W",
            "51°30′26″N 0°7′39″W",
        ] {
            assert!(is_coordinates(v), "{v}");
        }
        for v in [
            "12.99, 15.49",
            "51.50, -0.12",
            "1.5, 2.0",
            "123.456, 200.123",
            "51.5074",
            "E11.9",
            "10 x 20",
            "POINT(200.0 100.0)",
            "51°N",
        ] {
            assert!(!is_coordinates(v), "{v}");
        }
    }
}
