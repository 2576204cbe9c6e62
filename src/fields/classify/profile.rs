//! What the classifier learns about a column's values in the import's first pass.
//!
//! Owns [`ValueProfile`]: counters for the shape checks ([`super::validate`]), one
//! count per vocabulary term seen ([`super::dictionary`]), whole and as list items, and
//! the sensitive values the policy's own reading finds ([`super::sensitive_values_in`]:
//! whole, tag by tag and word by word). It judges nothing: the classifier reads the
//! shares it reports, and [`ValueProfile::sensitive_note`] names the sensitive values
//! it counted, found exactly as the checks that refuse them find them.

use std::collections::{BTreeMap, HashMap};

use super::dictionary::{Check, Term, dictionary};
use super::excerpt::SHOWN_CHARS;
use super::validate::PhoneShape;
use super::values::sensitive_values_in;
use super::{VALIDATOR_PERCENT, validate, words};

/// Values longer than this are not looked up: no vocabulary term is that long.
const MAX_TERM_LEN: usize = 48;
/// Values longer than this cannot be card numbers or IBANs, even with spaces.
const MAX_NUMBER_LEN: usize = 42;
/// Excerpts shown in a column's note of sensitive values.
const NOTE_EXCERPTS: usize = 3;
/// Lists (tags joined by commas) longer than this are not read item by item.
const MAX_LIST_LEN: usize = 1024;

/// What the classifier needs to know about a column's values, gathered in one pass.
///
/// Memory is bounded by the dictionary, not the data: it keeps counters and one count
/// per vocabulary term seen, never the values themselves.
#[derive(Debug, Clone, Default)]
pub struct ValueProfile {
    pub(super) non_blank: u64,
    email: u64,
    phone: u64,
    phone_marked: u64,
    phone_plus: u64,
    phone_digits: Option<(u8, u8)>,
    luhn: u64,
    iban: u64,
    country_code: u64,
    /// ICD-10 codes, and those written with a subcode (`E11.9`; [`super::shapes`]).
    icd10: u64,
    icd10_dotted: u64,
    /// Locations in one value by how surely they are one ([`super::coords::Tier`]):
    /// marked, bare, weak.
    coordinates: [u64; 3],
    /// Country codes that are also yes/no answers (`no`, `si`): counted as countries
    /// only beside other country codes ([`ValueProfile::passing`]).
    answer_codes: u64,
    pub(super) neutral: u64,
    pub(super) terms: HashMap<u16, u64>,
    /// Vocabulary terms among the items of list values (`vip, muslim`, `["vip","muslim"]`).
    pub(super) items: HashMap<u16, u64>,
    /// The sensitive values the policy finds in the values, read exactly as the
    /// checks read a stored value ([`crate::fields::held::sensitive_in`]: whole, word by
    /// word, tag by tag): per (term, kind), the values holding it. What
    /// [`ValueProfile::sensitive_note`] reports, so the import report names every value
    /// a rule would be refused on (session 9 trial: `schwanger` was refused in rules but
    /// missing from the report).
    held: BTreeMap<(String, String), u64>,
    /// Per (term, kind) of `held`, an excerpt of the first long value holding it, so
    /// the note shows the word in context, not a whole cell (new-user trial H5).
    excerpts: BTreeMap<(String, String), String>,
    /// Per kind of `held`: values holding it, and of those, values that are no prose
    /// ([`crate::fields::held::is_prose`]), which the share rule for prose weighs as
    /// [`crate::fields::held`] does.
    kinds: BTreeMap<String, (u64, u64)>,
    /// Per (term, kind), the values that are, or hold as an item, a value sensitive as a
    /// whole tag ([`super::tag_value`]: `turkish`, `pride`, `60+`): counted for every
    /// column, noted only for a tags column ([`ValueProfile::sensitive_note`]).
    tagged: BTreeMap<(String, String), u64>,
    /// A buffer for folding values, reused from value to value (not part of what the
    /// profile knows).
    folded: String,
    memo: Memo,
}

/// What the checks found in one value.
#[derive(Debug, Clone)]
struct Finding {
    email: bool,
    phone: Option<PhoneShape>,
    luhn: bool,
    iban: bool,
    country_code: bool,
    answer_code: bool,
    icd10: Option<bool>,
    coordinates: Option<super::coords::Tier>,
    term: Option<Term>,
    /// The listed terms among its list items, one per item.
    items: Vec<u16>,
    /// The sensitive values the checks find in it, as (term, kind), each once, with
    /// an excerpt when the value is more than the term.
    held: Vec<((String, String), Option<String>)>,
    /// True for a value that holds something and is prose
    /// ([`crate::fields::held::is_prose`]).
    prose: bool,
    /// What it is, or holds as an item, as a whole tag, as (term, kind), each once.
    tagged: Vec<(String, String)>,
}

/// The findings of values a column repeats (first names, cities, yes/no, tag sets), so
/// the checks run once per distinct value: they were a third of the first pass. Bounded:
/// at most [`Memo::MAX`] values of at most [`Memo::MAX_LEN`] bytes, and turned off for a
/// column whose values seldom repeat (e-mail addresses, IDs), where looking up would
/// only add work. Only a cache: the counts are the same with or without it.
#[derive(Debug, Clone, Default)]
struct Memo {
    /// Hashed with foldhash: the map is asked of every value and never iterated.
    found: HashMap<String, Finding, foldhash::fast::RandomState>,
    asked: u64,
    hits: u64,
    off: bool,
}

impl Memo {
    const MAX: usize = 1024;
    const MAX_LEN: usize = 64;
    /// Look-ups before deciding whether the column repeats its values enough.
    const TRIAL: u64 = 4096;

    fn find(&mut self, v: &str) -> Option<&Finding> {
        if self.off {
            return None;
        }
        self.asked += 1;
        let found = self.found.get(v);
        self.hits += u64::from(found.is_some());
        found
    }

    fn keep(&mut self, v: &str, found: Finding) {
        if self.off {
            return;
        }
        if self.asked >= Self::TRIAL && self.hits * 2 < self.asked {
            self.off = true;
            self.found = HashMap::default();
            return;
        }
        if self.found.len() < Self::MAX && v.len() <= Self::MAX_LEN {
            self.found.insert(v.to_string(), found);
        }
    }
}

impl ValueProfile {
    /// An empty profile: no values seen.
    pub fn new() -> Self {
        Self::default()
    }

    /// Record one cleaned, non-blank value (blank values are ignored). Runs the shape
    /// checks and one vocabulary lookup, or, for a value the column repeats, looks up
    /// what they found the first time ([`Memo`]).
    pub fn observe(&mut self, value: &str) {
        let v = value.trim();
        if v.is_empty() {
            return;
        }
        let mut memo = std::mem::take(&mut self.memo);
        match memo.find(v) {
            Some(found) => self.count(found, 1),
            None => {
                let found = self.check(v);
                self.count(&found, 1);
                memo.keep(v, found);
            }
        }
        self.memo = memo;
    }

    /// What the checks find in `v` (trimmed, not blank). Folds into a buffer kept
    /// between calls, so it seldom allocates.
    fn check(&mut self, v: &str) -> Finding {
        let mut found = Finding {
            // Every value the address reader reads an address from counts
            // (`fields::address_read::reads_address`: quotes and guillemets, a display
            // name `Ann <ann@corp.com>`, `mailto:`, a link's junk before or after the
            // address), so a column holding only such values keeps its e-mail role and
            // its suppressed addresses are matched (new-user trial 7, N4; trial 9,
            // F-N4b). The shape check alone first: most values are plain addresses.
            email: validate::is_email(crate::fields::wrappers::unwrap(v))
                || crate::fields::address_read::reads_address(v),
            phone: validate::phone_shape(v),
            luhn: false,
            iban: false,
            country_code: validate::is_country_code(v),
            answer_code: validate::is_answer_word(v),
            icd10: super::shapes::icd10_shape(v),
            coordinates: super::coords::tier(v),
            term: None,
            items: Vec::new(),
            held: Vec::new(),
            prose: false,
            tagged: Vec::new(),
        };
        if v.len() <= MAX_NUMBER_LEN {
            found.luhn = validate::passes_luhn(v);
            found.iban = validate::is_iban(v);
        }
        let mut folded = std::mem::take(&mut self.folded);
        if v.len() <= MAX_TERM_LEN {
            words::fold_into(v, &mut folded);
            found.term = dictionary().term(&folded);
        }
        // Tag cells as platforms write them: `a, b`, `a;b`, `a|b`, `["a","b"]`.
        let separators = [',', ';', '|'];
        if v.contains(separators) && v.len() <= MAX_LIST_LEN {
            for item in v.split(separators).map(unquote) {
                if item.len() > MAX_TERM_LEN {
                    continue;
                }
                words::fold_into(item, &mut folded);
                if let Some(Term::Listed(id)) = dictionary().term(&folded) {
                    found.items.push(id);
                }
            }
        }
        self.folded = folded;
        found.tagged = tagged_in(v);
        found.held = held_in(v);
        found.prose = !found.held.is_empty() && crate::fields::held::is_prose(v);
        found
    }

    /// The profile of stored values: each distinct value (cleaned, as
    /// [`crate::workspace::records::value_counts`] gives them) with how many contacts
    /// hold it, counted as if observed that many times. Re-imports and undos judge a
    /// field's values as a whole this way ([`crate::fields::held_note`]).
    pub fn of_counts(counts: &[(String, u64)]) -> Self {
        let mut profile = Self::new();
        for (value, times) in counts {
            let v = value.trim();
            if v.is_empty() || *times == 0 {
                continue;
            }
            let found = profile.check(v);
            profile.count(&found, *times);
        }
        profile
    }

    /// Count one value's findings, `times` over (a value held by that many contacts).
    fn count(&mut self, found: &Finding, times: u64) {
        self.non_blank += times;
        self.email += times * u64::from(found.email);
        if let Some(shape) = found.phone {
            self.phone += times;
            self.phone_marked += times * u64::from(shape.marked);
            self.phone_plus += times * u64::from(shape.plus);
            let (lo, hi) = self.phone_digits.unwrap_or((shape.digits, shape.digits));
            self.phone_digits = Some((lo.min(shape.digits), hi.max(shape.digits)));
        }
        self.luhn += times * u64::from(found.luhn);
        self.iban += times * u64::from(found.iban);
        self.country_code += times * u64::from(found.country_code);
        self.answer_codes += times * u64::from(found.country_code && found.answer_code);
        self.icd10 += times * u64::from(found.icd10.is_some());
        self.icd10_dotted += times * u64::from(found.icd10 == Some(true));
        if let Some(tier) = found.coordinates {
            use super::coords::Tier;
            let slot = match tier {
                Tier::Marked => 0,
                Tier::Bare => 1,
                Tier::Weak => 2,
            };
            self.coordinates[slot] += times;
        }
        match found.term {
            Some(Term::Listed(id)) => *self.terms.entry(id).or_insert(0) += times,
            Some(Term::Neutral) => self.neutral += times,
            None => {}
        }
        for &id in &found.items {
            *self.items.entry(id).or_insert(0) += times;
        }
        let mut kinds: Vec<&str> = found.held.iter().map(|((_, k), _)| k.as_str()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        for kind in kinds {
            let slot = self.kinds.entry(kind.to_string()).or_default();
            slot.0 += times;
            slot.1 += times * u64::from(!found.prose);
        }
        for key in &found.tagged {
            *self.tagged.entry(key.clone()).or_insert(0) += times;
        }
        for (key, excerpt) in &found.held {
            *self.held.entry(key.clone()).or_insert(0) += times;
            if let Some(e) = excerpt
                && !self.excerpts.contains_key(key)
            {
                self.excerpts.insert(key.clone(), e.clone());
            }
        }
    }

    /// A note naming every sensitive value the checks find among a column's values (the
    /// whole value, its tags, words inside it: `muslim`, `pregnant`, `Pregnant (due
    /// May)`), with how many values hold each, most frequent first: the column stays
    /// what it is, but rules, messages and exports that use these values need an unlock
    /// of their kind ([`crate::fields::policy::check_value_use`]; GDPR Art. 9(1)). Every
    /// value is listed: a reviewer must see each one a rule would be refused on.
    ///
    /// The column's header and whether it is a tags column add the values sensitive
    /// there ([`super::column`]): the share terms under a share header (`Turkish` under
    /// `Background`), the whole-tag terms in tags (`pride`, `60+`).
    pub fn sensitive_note(&self, header: &str, tags: bool) -> Option<String> {
        // As [`crate::fields::held`] weighs stored values: a kind only prose mentions,
        // in under its share of the values, is not held.
        let held_kind = |kind: &str| {
            self.kinds.get(kind).is_none_or(|&(all, short)| {
                short > 0
                    || all.saturating_mul(100)
                        >= crate::fields::held::PROSE_PERCENT.saturating_mul(self.non_blank)
            })
        };
        let mut held: Vec<(u64, &str, &str)> = self
            .held
            .iter()
            .filter(|((_, kind), _)| held_kind(kind))
            .map(|((term, kind), &n)| (n, term.as_str(), kind.as_str()))
            .collect();
        let column = self.column_held(header, tags);
        for ((term, kind), n) in &column {
            if !held.iter().any(|&(_, t, k)| t == term && k == kind) {
                held.push((*n, term.as_str(), kind.as_str()));
            }
        }
        held.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        if held.is_empty() {
            return None;
        }
        // Every term is named; the first few found inside longer values show where.
        let mut shown = 0;
        let listed: Vec<String> = held
            .iter()
            .map(|&(n, term, kind)| {
                let key = (term.to_string(), kind.to_string());
                let kind = kind.replace('_', " ");
                match self.excerpts.get(&key) {
                    Some(e) if shown < NOTE_EXCERPTS => {
                        shown += 1;
                        format!("{term} ({kind}, {n}, e.g. \"{e}\")")
                    }
                    _ => format!("{term} ({kind}, {n})"),
                }
            })
            .collect();
        Some(format!(
            "holds sensitive values: {}; rules, messages and exports that use them need an unlock of their kind (tactful unlock CAMPAIGN FIELD:KIND)",
            listed.join(", ")
        ))
    }

    /// The values sensitive in this column only ([`super::column`]), as (term, kind) →
    /// values holding it: share terms under a share header, whole-tag terms in tags.
    fn column_held(&self, header: &str, tags: bool) -> BTreeMap<(String, String), u64> {
        let dict = dictionary();
        let mut out: BTreeMap<(String, String), u64> = BTreeMap::new();
        for index in super::column::share_entries(header) {
            let entry = &dict.entries[index];
            let Some(share) = &entry.share else { continue };
            for (&id, &n) in &self.terms {
                if share.terms.contains(&id) {
                    let term = dict.terms[usize::from(id)].0.clone();
                    *out.entry((term, entry.kind.clone())).or_insert(0) += n;
                }
            }
        }
        if tags {
            for (key, &n) in &self.tagged {
                out.entry(key.clone()).or_insert(n);
            }
        }
        out
    }

    /// `n` as a whole percentage of the non-blank values, rounded down (so 89.9% is
    /// reported as 89% and does not pass a 90% bar it failed).
    pub(super) fn percent(&self, n: u64) -> u64 {
        n.saturating_mul(100)
            .checked_div(self.non_blank)
            .unwrap_or(0)
    }

    pub(super) fn passing(&self, check: Check) -> u64 {
        self.percent(match check {
            Check::Email => self.email,
            Check::Phone => self.phone,
            Check::Luhn => self.luhn,
            Check::Iban => self.iban,
            // A column whose only country codes are `no` and `si` holds answers
            // (`Student`: no, no, yes), not Norway and Slovenia (new-user trial H3);
            // beside `SE` and `DK`, `NO` is Norway.
            Check::CountryCode if self.answer_codes == self.country_code => 0,
            Check::CountryCode => self.country_code,
            Check::Icd10 => self.icd10,
            Check::Coordinates => self.coordinates[0] + self.coordinates[1],
        })
    }

    /// Values that are locations, as (marked, bare, weak) ([`super::coords`]).
    pub(super) fn coordinate_tiers(&self) -> (u64, u64, u64) {
        let [m, b, w] = self.coordinates;
        (m, b, w)
    }

    /// ICD-10 codes written with a subcode (`E11.9`).
    pub(super) fn icd10_dotted(&self) -> u64 {
        self.icd10_dotted
    }

    /// Whether any value passes `check` (for an e-mail header over mostly other values:
    /// `super::confirm`).
    pub(super) fn passing_any(&self, check: Check) -> bool {
        match check {
            Check::Email => self.email > 0,
            Check::Phone => self.phone > 0,
            Check::Luhn => self.luhn > 0,
            Check::Iban => self.iban > 0,
            Check::CountryCode => self.country_code > 0,
            Check::Icd10 => self.icd10 > 0,
            Check::Coordinates => self.coordinates[0] + self.coordinates[1] > 0,
        }
    }

    /// Phone numbers by shape alone: most values shaped like phones, at least half
    /// written with phone marks, and not a column of same-length plain numbers
    /// (customer IDs are all digits and all one length; phone columns are not, unless
    /// every number is in `+` international form).
    pub(super) fn looks_like_phones(&self) -> bool {
        let same_length = self.phone_digits.is_some_and(|(lo, hi)| lo == hi);
        self.passing(Check::Phone) >= VALIDATOR_PERCENT
            && self.phone_marked * 2 >= self.non_blank
            && !(same_length && self.phone_plus == 0)
    }
}

/// The sensitive values (term, kind) that the checks find in `v` read as a stored text
/// value and as a stored list of tags ([`crate::fields::held`] reads a text field whole
/// and word by word, a list field tag by tag, both with
/// [`sensitive_values_in`]), each once. Values longer than the checks read are skipped.
fn held_in(v: &str) -> Vec<((String, String), Option<String>)> {
    if v.chars().count() > crate::fields::held::MAX_LIST_CHARS as usize {
        return Vec::new();
    }
    let mut out: Vec<((String, String), Option<String>)> = Vec::new();
    let separators = [',', ';', '|'];
    // Read item by item only when every item is as short as a tag: the clauses of a
    // sentence (`Choose one: zinski, tween, or other`) are not tags (new-user trial H5:
    // `tween` was reported as an age value of a support ticket).
    let items: Vec<&str> = if v.contains(separators) {
        let items: Vec<&str> = v.split(separators).map(unquote).collect();
        if items.iter().all(|i| i.len() <= MAX_TERM_LEN) {
            items
        } else {
            Vec::new()
        }
    } else {
        Vec::new()
    };
    for s in std::iter::once(v)
        .chain(items)
        .flat_map(sensitive_values_in)
    {
        // A short value says enough by its term; a long one is shown around it.
        let excerpt = (s.value.chars().count() > SHOWN_CHARS).then(|| s.shown());
        let key = (s.term, s.kind);
        if !out.iter().any(|(k, _)| *k == key) {
            out.push((key, excerpt));
        }
    }
    out
}

/// The values sensitive as a whole tag that `v` is, or holds as an item of a list
/// (`vip, turkish`), as (term, kind), each once.
fn tagged_in(v: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let items: Vec<&str> = if v.contains([',', ';', '|']) && v.len() <= MAX_LIST_LEN {
        v.split([',', ';', '|']).map(unquote).collect()
    } else {
        Vec::new()
    };
    for item in std::iter::once(v).chain(items) {
        if item.len() > MAX_TERM_LEN {
            continue;
        }
        if let Some(s) = super::tag_value(item) {
            let key = (s.term, s.kind);
            if !out.contains(&key) {
                out.push(key);
            }
        }
    }
    out
}

/// A tag item without the spaces, quotes and brackets around it (`["vip"` → `vip`).
fn unquote(item: &str) -> &str {
    item.trim_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '[' | ']'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Past the memo's trial (4,096 look-ups) a repeated value is counted from the
    /// memo: the shares are those of the values, worked out by hand.
    #[test]
    fn repeated_values_count_as_often_as_they_occur() {
        let mut p = ValueProfile::new();
        for _ in 0..5000 {
            p.observe("ana@example.com");
            p.observe("n/a");
        }
        assert_eq!(p.non_blank, 10_000);
        assert_eq!(p.passing(Check::Email), 50);
        // Unique values turn the memo off and are still counted one by one.
        let mut q = ValueProfile::new();
        for i in 0..6000 {
            q.observe(&format!("person{i}@example.com"));
        }
        q.observe("not an address");
        assert_eq!(q.non_blank, 6001);
        assert_eq!(q.email, 6000);
    }

    /// Stored values with their counts count as often as contacts hold them: 3 contacts
    /// hold `Pregnant (due May)` and 2 the tags `vip, halal-only` (by hand).
    #[test]
    fn stored_values_count_once_per_contact_holding_them() {
        let p = ValueProfile::of_counts(&[
            ("Pregnant (due May)".into(), 3),
            ("vip, halal-only".into(), 2),
        ]);
        assert_eq!(p.non_blank, 5);
        let note = p.sensitive_note("", false).unwrap();
        assert!(
            note.starts_with("holds sensitive values: pregnant (health, 3), halal (religion, 2);"),
            "{note}"
        );
    }
}
