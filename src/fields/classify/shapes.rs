//! Value shapes that say what a column is, beyond the validators of [`super::validate`]:
//! ICD-10 diagnosis codes (precise locations in one value: [`super::coords`]).
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
}
