//! Treatments and origins in message text and segment names ([`super`]), read with the
//! words a tags column reads as health, nationality or ethnic origin (`tag_value`:
//! the dictionary's `[tag_values]` terms and share vocabularies; new-user trial 11,
//! F8: `Your next physio session`, `For our Italians`, `Dear Nigerian customers` and
//! a segment `rehab-patients` raised no `sensitive_text` or `sensitive_name`).
//!
//! A message speaks to every recipient of its segment and a segment name labels each
//! of them, so:
//! - **a treatment** (`therapy`, `physio`, `counselling`, `rehab`, `speech therapy`,
//!   `Physiotherapie`, `fisioterapia`: the `[tag_values]` health terms) written as a
//!   word or two says the recipient is treated (GDPR Art. 9(1), data concerning
//!   health), unless a word of its `value_vetoes` is in the phrase: `retail therapy`
//!   and `shopping therapy` are a treat, a `physio ball`, `therapy putty` or `rehab
//!   band` a product anyone buys;
//! - **an origin word** (`italian`, `nigerian`, `turkish`, `giapponese`: the words a
//!   tag reads as nationality or ethnic origin) counts only where it names people: as
//!   a plural (`Italians`, `Nigerians`, `italianos`, `Pakistanis`), or before a word of
//!   the dictionary's `[context] people` (`Nigerian customers`, `Turkish community`,
//!   `italienische Kunden` is not read: German adjectives are not in the list), or as
//!   the whole phrase once audience words and numbers are left out (a segment
//!   `Italian` or `polish-2026`). `Italian leather`, `Thai cooking class`, `French
//!   lessons`, `Turkish delight` name things and raise nothing.

use super::super::column::tag_value;
use super::super::dictionary::dictionary;
use super::super::values::SensitiveValue;
use super::super::{inflect, words::fold};

/// Entry kinds an origin word is read as (module header).
const ORIGIN_KINDS: &[&str] = &["nationality", "ethnicity"];

/// The treatments and the origin words used of people among `split` (the folded
/// words of one phrase or name), each with its entry, in the order written; `value`
/// of each is `name` (see the module header).
pub(super) fn group_values(name: &str, split: &[String]) -> Vec<SensitiveValue> {
    let dict = dictionary();
    let mut found = Vec::new();
    let mut i = 0;
    while i < split.len() {
        // Two words first: `speech therapy` is one treatment.
        let two = (i + 1 < split.len()).then(|| format!("{} {}", split[i], split[i + 1]));
        if let Some((v, n)) = two
            .as_deref()
            .and_then(|p| treatment(p, split).map(|v| (v, 2)))
            .or_else(|| treatment(&split[i], split).map(|v| (v, 1)))
        {
            found.push(SensitiveValue {
                value: name.to_string(),
                ..v
            });
            i += n;
            continue;
        }
        if let Some(v) = origin(&split[i]) {
            let plural = !is_base(&split[i], &v.term);
            let next = split.get(i + 1).map(String::as_str);
            let people = next.is_some_and(|w| dict.context.people.contains(w));
            if plural || people || alone(split, i) {
                found.push(SensitiveValue {
                    value: name.to_string(),
                    ..v
                });
            }
        }
        i += 1;
    }
    found
}

/// The health entry `phrase` is as a treatment tag, unless a word of its
/// `value_vetoes` is among `split`.
fn treatment(phrase: &str, split: &[String]) -> Option<SensitiveValue> {
    let v = tag_value(phrase).filter(|v| v.kind == "health")?;
    let vetoed = dictionary()
        .value_vetoes
        .get(&fold(&v.term))
        .is_some_and(|by| split.iter().any(|w| by.contains(w)));
    (!vetoed).then_some(v)
}

/// The nationality or ethnic origin entry `word` is as a whole tag, directly or as an
/// inflection of such a word (`italians`, `italianos`).
fn origin(word: &str) -> Option<SensitiveValue> {
    let as_origin = |w: &str| tag_value(w).filter(|v| ORIGIN_KINDS.contains(&v.kind.as_str()));
    as_origin(word).or_else(|| inflect::find_base(dictionary(), word, as_origin))
}

/// True when `word` is written as the term `term` (not an inflection of it).
fn is_base(word: &str, term: &str) -> bool {
    fold(term) == word
}

/// True when `split[i]` is the only word of `split` but for audience words and
/// numbers (a segment `Italian`, `polish-customers-2026`).
fn alone(split: &[String], i: usize) -> bool {
    let dict = dictionary();
    split.iter().enumerate().all(|(k, w)| {
        k == i || dict.audience_words.contains(w) || w.chars().all(|c| c.is_ascii_digit())
    })
}
