//! The privacy dictionary: `assets/privacy-dictionary.toml`, parsed once.
//!
//! Owns the shape of the asset and its indexes (phrases split into words and joined, the
//! words the dictionary knows for splitting compounds, a lookup from folded value to
//! vocabulary terms). It decides nothing: [`super::classify`] weighs the matches. The asset is compiled in, so a parse failure is a build defect caught by the
//! unit tests here, never a user's input error.

use std::collections::{BTreeMap, HashMap, HashSet};

/// The maps every value looked up goes through (several times per value and word in
/// the first pass): foldhash instead of SipHash, which was a tenth of the pass. Only
/// looked up, never iterated, so nothing read from them depends on the hasher.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
type FastSet<K> = HashSet<K, foldhash::fast::RandomState>;
use std::sync::LazyLock;

use serde::Deserialize;

use super::words::{fold, words};
use crate::fields::{FieldType, PrivacyClass, Role};

const SOURCE: &str = include_str!("../../../assets/privacy-dictionary.toml");

/// A value check that confirms a header match (`needs`) or classifies alone (`validator`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Check {
    Email,
    Phone,
    Luhn,
    Iban,
    /// An ISO 3166-1 alpha-2 country code (`US`, `DE`): never a card number.
    CountryCode,
    /// An ICD-10 diagnosis code (`E11.9`, `F32`; [`super::shapes`]).
    Icd10,
    /// A latitude, longitude pair in one value ([`super::coords`]).
    Coordinates,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDictionary {
    neutral_values: Vec<String>,
    subject_prefixes: Vec<String>,
    connectors: Vec<String>,
    compound_words: Vec<String>,
    ordinary_words: Vec<String>,
    ambiguous_values: Vec<String>,
    ambiguous_words: Vec<String>,
    vetoes: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    inflections: RawInflections,
    #[serde(default)]
    audience_words: Vec<String>,
    #[serde(default)]
    value_vetoes: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    other_person_words: Vec<String>,
    #[serde(default)]
    animal_words: Vec<String>,
    #[serde(default)]
    thing_words: Vec<String>,
    #[serde(default)]
    name_everyday_words: Vec<String>,
    #[serde(default)]
    age_phrases: AgePhrases,
    #[serde(default)]
    named_header_exceptions: Vec<String>,
    #[serde(default)]
    context: super::context::RawContext,
    #[serde(default)]
    tag_values: super::column::RawTagValues,
    #[serde(default)]
    icd10: super::shapes::RawIcd10,
    #[serde(default)]
    coordinates: super::coords::RawCoordinates,
    #[serde(default)]
    abbreviations: super::abbrev::RawAbbreviations,
    entry: Vec<RawEntry>,
}

/// Ages written as phrases in a segment name (`over 40`, `u18`, `50plus`, `under-25s`):
/// a word of `before` then a number, or a number then a word of `after`, unless a
/// word of `vetoes` says the number counts something else (`orders over 50`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AgePhrases {
    /// Words written before the number (`over`, `under`, `u`, `ueber`, `plus de`).
    pub before: Vec<String>,
    /// Words written after the number (`plus`).
    pub after: Vec<String>,
    /// The youngest and oldest number read as an age, in whole years.
    pub ages: [u32; 2],
    /// The vocabulary term whose entry (class, label, source) an age phrase is read as.
    pub like: String,
    /// Words that, anywhere in the name, make the number a quantity or an amount.
    pub vetoes: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawInflections {
    endings: Vec<Ending>,
    irregular: BTreeMap<String, String>,
    never: Vec<String>,
}

/// One inflectional ending a word may carry: `word` ending in `ending`, with `base` in
/// its place, is read as that base when the base keeps at least `min` letters
/// (`muslims` → `muslim`, `allergies` → `allergy`, `Frauen` → `frau`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Ending {
    pub ending: String,
    pub base: String,
    pub min: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawShare {
    vocabulary: String,
    percent: u64,
    headers: BTreeMap<String, Vec<String>>,
    values: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    kind: String,
    class: PrivacyClass,
    role: Role,
    label: String,
    source: String,
    #[serde(default)]
    vocabulary: Option<String>,
    #[serde(default)]
    tokens: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    headers: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    weak_values: Vec<String>,
    #[serde(default)]
    types: Option<Vec<FieldType>>,
    #[serde(default)]
    role_types: Option<Vec<FieldType>>,
    #[serde(default)]
    needs: Option<Check>,
    #[serde(default)]
    validator: Option<Check>,
    #[serde(default)]
    share: Option<RawShare>,
    #[serde(default)]
    opt_out: bool,
}

/// A phrase as written in the dictionary, as words, and joined for lookups.
#[derive(Debug)]
pub(crate) struct Phrase {
    pub text: String,
    pub words: Vec<String>,
    /// The words joined without separators; a second form without connector words when
    /// the phrase has any inside (`yearbirth` for `year of birth`).
    pub joined: Vec<String>,
}

impl Phrase {
    /// `text` split into words and joined, with `dict`'s connectors.
    #[cfg(test)]
    pub fn new(text: &str, dict: &Dictionary) -> Phrase {
        Phrase::with_connectors(text, &dict.connectors)
    }

    fn with_connectors(text: &str, connectors: &HashSet<String>) -> Phrase {
        let words = words(text);
        let mut joined = vec![words.concat()];
        if words.len() > 2 {
            let inner: String = words[1..words.len() - 1]
                .iter()
                .filter(|w| !connectors.contains(*w))
                .map(String::as_str)
                .collect();
            let bare = format!("{}{inner}{}", words[0], words[words.len() - 1]);
            if bare != joined[0] {
                joined.push(bare);
            }
        }
        Phrase {
            text: text.to_string(),
            words,
            joined,
        }
    }
}

/// A value share rule: a column whose header is one of `headers` is classified as the
/// entry when at least `percent` % of its non-blank values are among `terms`.
#[derive(Debug)]
pub(crate) struct Share {
    /// Plural noun for the reason ("religious diet terms").
    pub vocabulary: String,
    pub percent: u64,
    pub headers: Vec<Phrase>,
    /// Term ids of the values that count: the share's values and the entry's strong ones.
    pub terms: HashSet<u16>,
}

/// One dictionary entry (see the asset's header comment for each field's meaning).
#[derive(Debug)]
pub(crate) struct Entry {
    pub kind: String,
    pub class: PrivacyClass,
    pub role: Role,
    pub label: String,
    pub source: String,
    /// Plural noun for the reason ("gender terms").
    pub vocabulary: String,
    pub tokens: Vec<Phrase>,
    pub headers: Vec<Phrase>,
    pub types: Option<Vec<FieldType>>,
    pub role_types: Option<Vec<FieldType>>,
    pub needs: Option<Check>,
    pub validator: Option<Check>,
    pub share: Option<Share>,
    /// A consent entry whose phrases name a refusal (`do not email`, `abgemeldet`): a
    /// `yes` in its column is an opt-out.
    pub opt_out: bool,
}

/// A vocabulary term's membership in one entry.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Membership {
    pub entry: usize,
    /// Weak terms count toward the share but not toward the distinct-term minimum.
    pub weak: bool,
}

/// The parsed dictionary with its lookup tables.
#[derive(Debug)]
pub(crate) struct Dictionary {
    pub entries: Vec<Entry>,
    pub subject_prefixes: HashSet<String>,
    /// Words a phrase or header may leave out between two others (`of`, `de`).
    pub connectors: HashSet<String>,
    /// Words compounds may be split into besides phrase words (`home`, `count`).
    pub compound_words: HashSet<String>,
    /// Header words that are never split (`postage` is not `post age`).
    pub ordinary_words: HashSet<String>,
    /// Values never taken as sensitive on their own (`single`, `m`).
    pub ambiguous_values: HashSet<String>,
    /// Terms not read as a word inside a longer value (`disabled`: `account disabled`).
    pub ambiguous_words: HashSet<String>,
    /// One-word phrase → header words that cancel its match (`party` → `size`).
    pub vetoes: HashMap<String, Vec<String>>,
    /// Every word the dictionary knows: phrase words, subject prefixes, connectors,
    /// compound words and veto words; compounds split only into these.
    pub known: HashSet<String>,
    /// Folded value → term id (index into `terms`).
    term_ids: FastMap<String, u16>,
    /// Per term id: its spelling as in the dictionary, and the entries that list it.
    pub terms: Vec<(String, Vec<Membership>)>,
    neutral: FastSet<String>,
    /// Inflectional endings, tried in order ([`super::inflect`]).
    pub endings: Vec<Ending>,
    /// Irregular forms and their base (`women` → `woman`).
    pub irregular: FastMap<String, String>,
    /// Words never read as an inflected form (`hive` is no plural of `hiv`).
    pub uninflected: FastSet<String>,
    /// Words that name a segment's audience rather than say anything about it
    /// (`customers`, `buyers`, `Kunden`): left out when a segment name is read.
    pub audience_words: HashSet<String>,
    /// One-word value term → words that, anywhere in the same value, give it an
    /// innocent meaning when it is read inside a longer value (`church` in `Church
    /// Street`, `cancer` in `Cancer Research UK`).
    pub value_vetoes: HashMap<String, HashSet<String>>,
    /// Words naming someone other than the contact (`kids`, `spouse`, `Kindes`): an
    /// age, birth date or birth year beside one is theirs ([`super::others`]).
    pub other_person_words: HashSet<String>,
    /// Words naming an animal (`pet`, `dog`): an age beside one is the animal's.
    pub animal_words: HashSet<String>,
    /// Words naming a thing that has an age (`account`, `car`, `wine`): an age beside
    /// one is the thing's ([`super::others`]).
    pub thing_words: HashSet<String>,
    /// Protected-trait terms read in a segment name only as the whole name, never as
    /// one word among others: in a name they are mostly something else (`man` in `Man
    /// City fans`, `miss` in `we miss you`, `dame` in `Notre Dame`).
    pub name_everyday_words: HashSet<String>,
    /// Ages written as phrases in a segment name, folded ([`AgePhrases`]).
    pub age_phrases: AgePhrases,
    /// Value terms never read as the name of a whole header (`parish`: local
    /// government in UK address data; [`super::named`]).
    pub named_header_exceptions: HashSet<String>,
    /// Words around a term that make it name a thing, an event or a greeting
    /// ([`super::context`]).
    pub context: super::context::Context,
    /// Values sensitive as a whole tag ([`super::column`]).
    pub tag_values: super::column::TagValues,
    /// When ICD-10 codes make a column health data ([`super::shapes`]).
    pub icd10: super::shapes::Icd10,
    /// When locations in one value make a column precise geolocation ([`super::coords`]).
    pub coordinates: super::coords::Coordinates,
    /// Short header abbreviations the values must confirm ([`super::abbrev`]).
    pub abbreviations: super::abbrev::Abbreviations,
}

/// What a folded value is in the vocabularies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Term {
    Listed(u16),
    Neutral,
}

impl Dictionary {
    /// The vocabulary term `folded` is, if any: as written, or else as the inflected
    /// form of a term (its last word in the plural or another inflection, `muslims`,
    /// `trade unions`, `Frauen`; [`super::inflect::bases`]). The one matcher every
    /// reader of values goes through: whole values, tags, words inside notes, literals
    /// in rules and templates, segment names, column vocabularies.
    pub fn term(&self, folded: &str) -> Option<Term> {
        if let Some(t) = self.exact_term(folded) {
            return Some(t);
        }
        super::inflect::find_base(self, folded, |base| self.exact_term(base))
    }

    /// The vocabulary term `folded` is as written, if any.
    pub fn exact_term(&self, folded: &str) -> Option<Term> {
        if let Some(&id) = self.term_ids.get(folded) {
            Some(Term::Listed(id))
        } else if self.neutral.contains(folded) {
            Some(Term::Neutral)
        } else {
            None
        }
    }
}

/// The dictionary, parsed on first use.
pub(crate) fn dictionary() -> &'static Dictionary {
    static DICTIONARY: LazyLock<Dictionary> = LazyLock::new(|| {
        // The asset is part of the binary; the tests below parse it on every build.
        parse(SOURCE).expect("assets/privacy-dictionary.toml is valid (unit-tested)")
    });
    &DICTIONARY
}

fn parse(source: &str) -> Result<Dictionary, String> {
    let raw: RawDictionary = toml::from_str(source).map_err(|e| e.to_string())?;
    let word_set = |list: &[String]| -> HashSet<String> { list.iter().map(|w| fold(w)).collect() };
    let mut dict = Dictionary {
        entries: Vec::with_capacity(raw.entry.len()),
        subject_prefixes: word_set(&raw.subject_prefixes),
        connectors: word_set(&raw.connectors),
        compound_words: word_set(&raw.compound_words),
        ordinary_words: word_set(&raw.ordinary_words),
        ambiguous_values: word_set(&raw.ambiguous_values),
        ambiguous_words: word_set(&raw.ambiguous_words),
        vetoes: raw
            .vetoes
            .iter()
            .map(|(w, by)| (fold(w), by.iter().map(|b| fold(b)).collect()))
            .collect(),
        known: HashSet::new(),
        term_ids: FastMap::default(),
        terms: Vec::new(),
        neutral: raw.neutral_values.iter().map(|v| fold(v)).collect(),
        endings: raw.inflections.endings.clone(),
        irregular: raw
            .inflections
            .irregular
            .iter()
            .map(|(w, b)| (fold(w), fold(b)))
            .collect(),
        uninflected: raw.inflections.never.iter().map(|w| fold(w)).collect(),
        audience_words: word_set(&raw.audience_words),
        value_vetoes: raw
            .value_vetoes
            .iter()
            .map(|(w, by)| (fold(w), by.iter().map(|b| fold(b)).collect()))
            .collect(),
        other_person_words: word_set(&raw.other_person_words),
        animal_words: word_set(&raw.animal_words),
        thing_words: word_set(&raw.thing_words),
        name_everyday_words: word_set(&raw.name_everyday_words),
        age_phrases: AgePhrases {
            before: raw.age_phrases.before.iter().map(|w| fold(w)).collect(),
            after: raw.age_phrases.after.iter().map(|w| fold(w)).collect(),
            ages: raw.age_phrases.ages,
            like: raw.age_phrases.like.clone(),
            vetoes: raw.age_phrases.vetoes.iter().map(|w| fold(w)).collect(),
        },
        named_header_exceptions: word_set(&raw.named_header_exceptions),
        context: raw.context.folded(),
        tag_values: super::column::TagValues::default(),
        icd10: raw.icd10.folded(),
        coordinates: raw.coordinates.folded(),
        abbreviations: super::abbrev::Abbreviations {
            words: word_set(&raw.abbreviations.words),
            yes_no: word_set(&raw.abbreviations.yes_no),
            values: std::collections::HashMap::new(),
        },
    };
    for (kind, values) in &raw.abbreviations.values {
        let ids = values
            .iter()
            .map(|v| dict.term_id(v))
            .collect::<Result<_, _>>()?;
        dict.abbreviations.values.insert(kind.clone(), ids);
    }
    for (index, e) in raw.entry.into_iter().enumerate() {
        let phrases = |by_lang: &BTreeMap<String, Vec<String>>| -> Result<Vec<Phrase>, String> {
            by_lang
                .values()
                .flatten()
                .map(|text| {
                    let p = Phrase::with_connectors(text, &dict.connectors);
                    if p.words.is_empty() {
                        return Err(format!("entry `{}`: phrase `{text}` has no words", e.kind));
                    }
                    Ok(p)
                })
                .collect()
        };
        let tokens = phrases(&e.tokens)?;
        let headers = phrases(&e.headers)?;
        let share_headers = match &e.share {
            Some(share) => phrases(&share.headers)?,
            None => Vec::new(),
        };
        for (list, weak) in [(&e.values, false), (&e.weak_values, true)] {
            for value in list {
                let id = dict.term_id(value)?;
                if let Some((_, members)) = dict.terms.get_mut(usize::from(id))
                    && !members.iter().any(|m| m.entry == index)
                {
                    members.push(Membership { entry: index, weak });
                }
            }
        }
        let share = match e.share {
            Some(raw) => Some(Share {
                vocabulary: raw.vocabulary,
                percent: raw.percent,
                headers: share_headers,
                // The entry's strong values count too: `White British` under
                // `Heritage` is as much ethnic origin as `Irish` is (new-user trial 6,
                // G1). Weak ones do not: `vegan` in a diet column is no belief.
                terms: raw
                    .values
                    .iter()
                    .chain(&e.values)
                    .map(|v| dict.term_id(v))
                    .collect::<Result<_, _>>()?,
            }),
            None => None,
        };
        // Share headers' words are known words too, so a split `herit age` is rejoined
        // as `heritage` rather than read as `age`.
        let share_phrases = share.iter().flat_map(|s| &s.headers);
        for p in tokens.iter().chain(&headers).chain(share_phrases) {
            dict.known.extend(p.words.iter().cloned());
        }
        dict.entries.push(Entry {
            vocabulary: e.vocabulary.unwrap_or_else(|| format!("{} terms", e.kind)),
            kind: e.kind,
            class: e.class,
            role: e.role,
            label: e.label,
            source: e.source,
            tokens,
            headers,
            types: e.types,
            role_types: e.role_types,
            needs: e.needs,
            validator: e.validator,
            share,
            opt_out: e.opt_out,
        });
    }
    let extra: Vec<String> = dict
        .subject_prefixes
        .iter()
        .chain(&dict.connectors)
        .chain(&dict.compound_words)
        .chain(dict.vetoes.keys())
        .chain(dict.vetoes.values().flatten())
        .chain(&dict.other_person_words)
        .chain(&dict.animal_words)
        .chain(&dict.thing_words)
        .cloned()
        .collect();
    dict.known.extend(extra);
    dict.tag_values = raw.tag_values.resolve(&dict.entries)?;
    Ok(dict)
}

impl Dictionary {
    /// The id of the term `value` folds to, added without members if new.
    fn term_id(&mut self, value: &str) -> Result<u16, String> {
        let next = u16::try_from(self.terms.len()).map_err(|_| "too many terms")?;
        let id = *self.term_ids.entry(fold(value)).or_insert(next);
        if id == next {
            self.terms.push((value.to_string(), Vec::new()));
        }
        Ok(id)
    }
}

#[cfg(test)]
#[path = "dictionary_tests.rs"]
mod tests;
