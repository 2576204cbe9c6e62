//! Short header abbreviations with other everyday meanings, taken only when the
//! column's values confirm them (new-user trial 9, R3; the dictionary's
//! `[abbreviations]` table).
//!
//! `Rel` is religion, but also a release (`v1.2`) or a relationship (`spouse`); `Sen`
//! special educational needs, but also a version or a senator; `Dx` a diagnosis, but
//! also a product line (`DX-100`); `Denom` a denomination, but also a gift card's amount
//! (`25`, `50`); `Konf` a confession, but also a clothing size (`Konfektionsgröße`). Such
//! a header word makes the column sensitive only when at least half its non-blank values
//! are the entry's vocabulary terms, the table's own short values of the kind (`RC`,
//! `CofE`, `rk`, `ev` for religion) or neutral answers (`none`), with at least one that
//! is no neutral answer, or, for health, ICD-10 codes (`E11.9`, `F32`). A yes/no column
//! confirms the words of `yes_no` (`SEN`: a yes/no SEN column is a special educational
//! needs flag, and its other reading, a senior flag, is sensitive too; promise 2 comes
//! before the convenience of the rarer `Sent` yes/no). A blank column confirms nothing.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;

use super::dictionary::{Check, Entry, dictionary};
use super::words::fold;
use super::{NEEDS_PERCENT, ValueProfile};
use crate::fields::FieldType;

/// The `[abbreviations]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAbbreviations {
    pub words: Vec<String>,
    pub yes_no: Vec<String>,
    /// Per entry kind, short values that confirm its abbreviations only.
    #[serde(default)]
    pub values: BTreeMap<String, Vec<String>>,
}

/// The `[abbreviations]` table, folded, its values as term ids.
#[derive(Debug, Default)]
pub(crate) struct Abbreviations {
    pub words: HashSet<String>,
    pub yes_no: HashSet<String>,
    pub values: HashMap<String, HashSet<u16>>,
}

/// A note saying why `phrase` (a header phrase of `entry`, the `index`th entry) is not
/// taken, when it is one of the table's abbreviations and the values do not confirm it;
/// `None` when it is taken (or is no such abbreviation).
pub(super) fn unconfirmed(
    entry: &Entry,
    index: usize,
    phrase: &str,
    ty: FieldType,
    profile: &ValueProfile,
) -> Option<String> {
    let dict = dictionary();
    let rules = &dict.abbreviations;
    let word = fold(phrase);
    if !rules.words.contains(&word) || !entry.class.is_blocked_by_default() {
        return None;
    }
    if ty == FieldType::Boolean && rules.yes_no.contains(&word) && profile.non_blank > 0 {
        return None;
    }
    if entry.kind == dict.icd10.kind && profile.passing(Check::Icd10) >= NEEDS_PERCENT {
        return None;
    }
    let own = rules.values.get(&entry.kind);
    let counts = |map: &HashMap<u16, u64>| -> u64 {
        map.iter()
            .filter(|&(id, _)| {
                own.is_some_and(|o| o.contains(id))
                    || dict
                        .terms
                        .get(usize::from(*id))
                        .is_some_and(|(_, m)| m.iter().any(|m| m.entry == index))
            })
            .map(|(_, n)| n)
            .sum()
    };
    let hits = counts(&profile.terms).max(counts(&profile.items));
    if hits > 0 && profile.percent(hits + profile.neutral) >= NEEDS_PERCENT {
        return None;
    }
    Some(format!(
        "header word `{phrase}` not taken as {}: a short abbreviation with other meanings, and no values confirm it ({})",
        entry.label, entry.vocabulary
    ))
}
