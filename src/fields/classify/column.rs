//! Values sensitive because of the column they are in: what a value says depends on
//! what the column asks.
//!
//! `Turkish` is a language, a cuisine and a coffee; in a column headed `Background`,
//! `Origin` or `Herkunft` it is the answer to "where are you from", a person's ethnic
//! or national origin (new-user trial 7, N1: two `Pakistani` and later `Turkish` among
//! ten `Background` values, under the 50% share that makes the whole column ethnic
//! origin, passed as ordinary values a rule could select and a subject print). So in a
//! column whose header is one of an entry's `share.headers`, every value that counts
//! toward the share is a sensitive value of that entry, however few there are, as
//! religion and age values already were: the column stays what it is, but rules,
//! messages and exports that use the field need an unlock of the kind
//! (`background:ethnicity`).
//!
//! A tag is a label a shop put on the person, so a tags column (a list field, or a field
//! with the tags role) is read against the dictionary's `[tag_values]` as well: the
//! share vocabularies it names (a tag `turkish` or `nigerian` labels the contact's
//! origin), less its `except` words (`white`, `black` and `mixed` are wine and colour
//! tags), and the words sensitive only as a whole tag (`pride`, `senior`, `60+`), which
//! elsewhere are everyday words (`pride` in a note, `Senior` as a job level). An origin
//! word that is also a cuisine, a language or a destination (`italian`, `thai`,
//! `french`: the table's `nationality`) is, as a whole tag, nationality (a protected
//! trait) rather than ethnic origin: a restaurant's or a language school's tag says at
//! most where a person is from, so a campaign that uses it needs a nationality unlock,
//! whose statement is then true (new-user trial 9, R1). Decided in
//! one place for every route: the import note ([`super::ValueProfile::sensitive_note`]),
//! stored values ([`crate::fields::held::sensitive_in`]) and the values written in rules
//! and templates, which go through the same function.

use std::collections::{HashMap, HashSet};
use std::sync::{LazyLock, Mutex};

use serde::Deserialize;

use super::dictionary::{Dictionary, Entry, Term, dictionary};
use super::header::Header;
use super::values::SensitiveValue;
use super::words::fold;
use crate::fields::{FieldType, Role};

/// The `[tag_values]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTagValues {
    shares: Vec<String>,
    except: Vec<String>,
    /// Share terms that are also a cuisine, a language or a destination (`italian`,
    /// `thai`): as a whole tag, nationality rather than ethnic origin.
    #[serde(default)]
    nationality: Vec<String>,
    terms: HashMap<String, Vec<String>>,
}

/// The `[tag_values]` table, folded and resolved to entries.
#[derive(Debug, Default)]
pub(crate) struct TagValues {
    /// Entries whose share vocabulary is read in tags.
    shares: Vec<usize>,
    /// Folded share terms not read in tags.
    except: HashSet<String>,
    /// Folded share terms read in tags as nationality, and that entry.
    nationality: HashSet<String>,
    nationality_entry: Option<usize>,
    /// Folded whole-tag term → (spelling, entry).
    terms: HashMap<String, (String, usize)>,
}

impl RawTagValues {
    /// Resolve kinds to the first blocked entry of that kind in `entries`.
    ///
    /// Errors: a kind no special category or protected entry has.
    pub fn resolve(&self, entries: &[Entry]) -> Result<TagValues, String> {
        let entry = |kind: &str| {
            entries
                .iter()
                .position(|e| e.kind == kind && e.class.is_blocked_by_default())
                .ok_or_else(|| format!("[tag_values]: no sensitive entry of kind `{kind}`"))
        };
        let mut terms = HashMap::new();
        for (kind, list) in &self.terms {
            let index = entry(kind)?;
            for t in list {
                terms.insert(fold(t), (t.clone(), index));
            }
        }
        Ok(TagValues {
            shares: self
                .shares
                .iter()
                .map(|k| entry(k))
                .collect::<Result<_, _>>()?,
            except: self.except.iter().map(|w| fold(w)).collect(),
            nationality: self.nationality.iter().map(|w| fold(w)).collect(),
            nationality_entry: match self.nationality.is_empty() {
                true => None,
                false => Some(entry("nationality")?),
            },
            terms,
        })
    }
}

/// The sensitive value `value` is as a value of the column headed `header`, of type
/// `ty` and role `role`, beyond what it is on its own ([`super::sensitive_value`]): a
/// share term under a share header, or a tag term in a tags column (module header).
/// `None` when the column gives it no such meaning.
pub fn column_value(
    header: &str,
    ty: FieldType,
    role: Role,
    value: &str,
) -> Option<SensitiveValue> {
    let dict = dictionary();
    let folded = fold(value);
    if folded.is_empty() {
        return None;
    }
    let term = match dict.term(&folded) {
        Some(Term::Listed(id)) => Some(id),
        _ => None,
    };
    if let Some(id) = term {
        for index in share_entries(header) {
            let entry = &dict.entries[index];
            if entry.share.as_ref().is_some_and(|s| s.terms.contains(&id)) {
                return Some(of_entry(dict, index, value, &dict.terms[usize::from(id)].0));
            }
        }
    }
    if !(ty == FieldType::List || role == Role::Tags) {
        return None;
    }
    // A tags column written as text holds its tags joined (`vip, turkish`).
    tag_value(value).or_else(|| {
        value
            .split([',', ';', '|'])
            .filter(|_| value.contains([',', ';', '|']))
            .find_map(|item| tag_value(item.trim()))
    })
}

/// The sensitive value `tag`, one whole tag, is as a tag (module header); `None` when
/// it is none, or only what it is on its own.
pub fn tag_value(tag: &str) -> Option<SensitiveValue> {
    let dict = dictionary();
    let tags = &dict.tag_values;
    let folded = fold(tag);
    if folded.is_empty() {
        return None;
    }
    let listed = |f: &str| tags.terms.get(f).cloned();
    if let Some((spelling, index)) =
        listed(&folded).or_else(|| super::inflect::find_base(dict, &folded, listed))
    {
        return Some(of_entry(dict, index, tag, &spelling));
    }
    if let Some(Term::Listed(id)) = dict.term(&folded) {
        let spelling = &dict.terms[usize::from(id)].0;
        for &index in &tags.shares {
            let shares = dict.entries[index].share.as_ref();
            let folded_term = fold(spelling);
            if shares.is_some_and(|s| s.terms.contains(&id)) && !tags.except.contains(&folded_term)
            {
                // A cuisine, language or destination word (`italian`, `thai`) labels a
                // nationality at most: the unlock then names what it is (new-user trial
                // 9, R1); under an origin header it stays ethnic origin (above).
                let index = match tags.nationality_entry {
                    Some(n) if tags.nationality.contains(&folded_term) => n,
                    _ => index,
                };
                return Some(of_entry(dict, index, tag, spelling));
            }
        }
    }
    // The same words in the dictionary's other languages, which the share vocabulary
    // does not hold (`giapponese`, `japanisch`; new-user trial 10, F6), are nationality
    // as whole tags too.
    if let Some(n) = tags.nationality_entry
        && tags.nationality.contains(&folded)
    {
        return Some(of_entry(dict, n, tag, &folded));
    }
    super::names::age_tag(tag)
}

/// The entries whose `share.headers` name the column headed `header` (not vetoed),
/// remembered per header: stored values are read one by one, and a header is parsed
/// once.
pub(super) fn share_entries(header: &str) -> Vec<usize> {
    static SEEN: LazyLock<Mutex<HashMap<String, Vec<usize>>>> = LazyLock::new(Mutex::default);
    // Bounded: a workspace has some hundreds of headers at most; past this, headers are
    // parsed again rather than remembered.
    const MAX: usize = 4096;
    if header.trim().is_empty() {
        return Vec::new();
    }
    if let Ok(seen) = SEEN.lock()
        && let Some(found) = seen.get(header)
    {
        return found.clone();
    }
    let dict = dictionary();
    let words = Header::new(header, dict);
    let found: Vec<usize> = dict
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.share.as_ref().is_some_and(|s| {
                s.headers
                    .iter()
                    .any(|p| super::vetoed(p, &words).is_none() && words.find(p).is_some())
            })
        })
        .map(|(i, _)| i)
        .collect();
    if let Ok(mut seen) = SEEN.lock()
        && seen.len() < MAX
    {
        seen.insert(header.to_string(), found.clone());
    }
    found
}

/// A sensitive value of entry `index`, term `term` as the dictionary spells it.
fn of_entry(dict: &Dictionary, index: usize, value: &str, term: &str) -> SensitiveValue {
    let e = &dict.entries[index];
    SensitiveValue {
        value: value.to_string(),
        term: term.to_string(),
        kind: e.kind.clone(),
        class: e.class,
        label: e.label.clone(),
        source: e.source.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(header: &str, ty: FieldType, v: &str) -> Option<String> {
        column_value(header, ty, Role::None, v).map(|s| s.kind)
    }

    /// New-user trial 7, N1: origin adjectives under an origin header, in any of the
    /// dictionary's languages, whatever their share; and the same words elsewhere.
    #[test]
    fn origin_words_under_an_origin_header_are_ethnic_origin() {
        let text = FieldType::Text;
        for (h, v) in [
            ("Background", "Turkish"),
            ("Origin", "Polish"),
            ("Herkunft", "Türkisch"),
            ("Origine", "marocaine"),
            ("Cultural background", "Nigerian"),
            ("Background", "Chinese"),
            ("Background", "Mixed"),
            ("Background", "Indian"),
        ] {
            assert_eq!(kind(h, text, v).as_deref(), Some("ethnicity"), "{h}: {v}");
        }
        assert_eq!(kind("Background", text, "Engineering"), None);
        assert_eq!(kind("Department", text, "Turkish"), None);
        assert_eq!(kind("Notes", text, "Polish"), None);
    }

    /// Whole tags: origin adjectives, `pride`, `senior`, `60+`; not colour words, not
    /// the same words in a text column that is no tags column.
    #[test]
    fn tags_are_read_as_labels() {
        let list = FieldType::List;
        for (v, k) in [
            ("turkish", "nationality"),
            ("Nigerian", "ethnicity"),
            ("indian", "nationality"),
            ("roma", "ethnicity"),
            ("Pride", "sexual_orientation"),
            ("CSD", "sexual_orientation"),
            ("senior", "age"),
            ("60+", "age"),
            ("over-60s", "age"),
        ] {
            assert_eq!(kind("Tags", list, v).as_deref(), Some(k), "{v}");
        }
        for v in ["white", "black", "mixed", "vip", "100+", "pride and joy"] {
            assert_eq!(kind("Tags", list, v), None, "{v}");
        }
        assert_eq!(kind("Product", FieldType::Text, "Pride"), None);
        assert_eq!(
            column_value("Label", FieldType::Text, Role::Tags, "senior").map(|s| s.kind),
            Some("age".into())
        );
    }
}
