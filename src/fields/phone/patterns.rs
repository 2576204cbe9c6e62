//! The numbering plans' line-type patterns, each compiled once per process and anchored
//! at the start, for [`super::classify_line`].
//!
//! `phonenumber`'s `Descriptor::is_match` checks the possible lengths, then looks its
//! pattern up in a cache shared behind one lock and searches the number for the
//! leftmost match, answering whether it starts at 0: a forward and a reverse scan for
//! each pattern tried, about eleven per number, at some 13 µs a number in an import. A
//! match starting at 0 exists exactly when the pattern anchored at the start (`^(?:…)`)
//! matches, which one forward scan decides, so the answers are the same: the tests
//! compare both on numbers of many plans. A pattern that does not compile here (none
//! is known to) keeps the crate's own check.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, RwLock};

use phonenumber::Type;
use phonenumber::metadata::{Descriptor, Metadata};
use regex::{Regex, RegexBuilder};

/// libphonenumber's order of the special line types, tried before fixed and mobile.
pub const SPECIAL: [Type; 8] = [
    Type::PremiumRate,
    Type::TollFree,
    Type::SharedCost,
    Type::Voip,
    Type::PersonalNumber,
    Type::Pager,
    Type::Uan,
    Type::Voicemail,
];

/// One descriptor's check: its possible lengths, then its pattern at the start.
enum Matcher {
    Anchored { lengths: Vec<u16>, regex: Regex },
    Crate(&'static Descriptor),
}

impl Matcher {
    fn new(d: &'static Descriptor) -> Matcher {
        // The crate compiles its patterns with `ignore_whitespace`, where `#` starts a
        // comment up to the end of the line: the closing parenthesis goes on a new line.
        let anchored = format!("^(?:{}\n)", d.national_number().as_str());
        match RegexBuilder::new(&anchored).ignore_whitespace(true).build() {
            Ok(regex) => Matcher::Anchored {
                lengths: d.possible_length().to_vec(),
                regex,
            },
            Err(_) => Matcher::Crate(d),
        }
    }

    fn is_match(&self, national: &str) -> bool {
        match self {
            Matcher::Anchored { lengths, regex } => {
                (lengths.is_empty() || lengths.contains(&(national.len() as u16)))
                    && regex.is_match(national)
            }
            Matcher::Crate(d) => d.is_match(national),
        }
    }
}

/// The compiled checks of one region's plan.
pub struct Plan {
    general: Matcher,
    special: Vec<(Type, Matcher)>,
    fixed: Option<Matcher>,
    mobile: Option<Matcher>,
    /// Fixed line and mobile share one pattern: a plan that cannot tell them apart.
    one_pattern: bool,
}

impl Plan {
    fn new(meta: &'static Metadata) -> Plan {
        let d = meta.descriptors();
        Plan {
            general: Matcher::new(d.general()),
            special: SPECIAL
                .iter()
                .filter_map(|&k| d.get(k).map(|x| (k, Matcher::new(x))))
                .collect(),
            fixed: d.fixed_line().map(Matcher::new),
            mobile: d.mobile().map(Matcher::new),
            one_pattern: match (d.fixed_line(), d.mobile()) {
                (Some(f), Some(m)) => f.national_number().as_str() == m.national_number().as_str(),
                _ => false,
            },
        }
    }

    /// The line type of `national` (a national significant number) by this plan, in
    /// libphonenumber's order: premium rate, toll free, shared cost, VoIP, personal,
    /// pager, UAN, voicemail, then fixed line and mobile (both, or one pattern for both:
    /// "fixed line or mobile"); `Unknown` outside the plan's general pattern.
    pub fn classify(&self, national: &str) -> Type {
        if !self.general.is_match(national) {
            return Type::Unknown;
        }
        if let Some((kind, _)) = self.special.iter().find(|(_, m)| m.is_match(national)) {
            return *kind;
        }
        let matches = |m: &Option<Matcher>| m.as_ref().is_some_and(|m| m.is_match(national));
        match (matches(&self.fixed), matches(&self.mobile)) {
            (true, false) if !self.one_pattern => Type::FixedLine,
            (true, _) => Type::FixedLineOrMobile,
            (false, true) => Type::Mobile,
            (false, false) => Type::Unknown,
        }
    }
}

/// Plans compiled so far, by country calling code, then region id (several regions
/// share a code, and the non-geographic entities share the id `001`).
type Plans = HashMap<u16, Vec<(String, Arc<Plan>)>>;

static PLANS: LazyLock<RwLock<Plans>> = LazyLock::new(|| RwLock::new(HashMap::new()));

/// The compiled plan of `meta`, compiling it on first use.
pub fn plan(meta: &'static Metadata) -> Arc<Plan> {
    let (code, id) = (meta.country_code(), meta.id());
    let find = |plans: &Plans| {
        plans
            .get(&code)
            .and_then(|v| v.iter().find(|(i, _)| i == id))
            .map(|(_, p)| Arc::clone(p))
    };
    // A poisoned lock only means another thread panicked while holding it; the map
    // holds whole entries either way.
    if let Some(p) = find(&PLANS.read().unwrap_or_else(|e| e.into_inner())) {
        return p;
    }
    let compiled = Arc::new(Plan::new(meta));
    let mut plans = PLANS.write().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = find(&plans) {
        return p;
    }
    plans
        .entry(code)
        .or_default()
        .push((id.to_string(), Arc::clone(&compiled)));
    compiled
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The classification as it was before this module, with the crate's own
    /// `Descriptor::is_match` for every pattern: the reference the anchored patterns
    /// must agree with.
    fn with_crate(meta: &Metadata, national: &str) -> Type {
        let d = meta.descriptors();
        if !d.general().is_match(national) {
            return Type::Unknown;
        }
        if let Some(kind) = SPECIAL
            .into_iter()
            .find(|k| d.get(*k).is_some_and(|x| x.is_match(national)))
        {
            return kind;
        }
        let fixed = d.fixed_line().filter(|x| x.is_match(national));
        let mobile = d.mobile().filter(|x| x.is_match(national));
        let one_pattern = |f: &Descriptor| {
            d.mobile()
                .is_some_and(|m| m.national_number().as_str() == f.national_number().as_str())
        };
        match (fixed, mobile) {
            (Some(f), None) if !one_pattern(f) => Type::FixedLine,
            (Some(_), _) => Type::FixedLineOrMobile,
            (None, Some(_)) => Type::Mobile,
            (None, None) => Type::Unknown,
        }
    }

    /// Numbers of every length from 4 to 13 digits under many plans (DE, GB, FR, IT
    /// with its leading zeros, the NANP, shared and non-geographic codes), spread over
    /// every leading digit pair: the anchored patterns answer as the crate does.
    #[test]
    fn anchored_patterns_classify_as_the_crate_does() {
        let db: &'static phonenumber::metadata::Database = &phonenumber::metadata::DATABASE;
        let mut seed: u64 = 0x5EED;
        let mut next = move || {
            // SplitMix64: deterministic, so a failure names a number that reproduces.
            seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = seed;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        let mut compared = 0;
        let mut kinds = std::collections::BTreeSet::new();
        for code in [
            49u16, 44, 33, 39, 1, 7, 61, 800, 882, 31, 34, 351, 41, 43, 48, 90,
        ] {
            let metas = db.by_code(&code).expect("a known country calling code");
            for meta in metas {
                for len in 4..=13usize {
                    for lead in 0..100u64 {
                        let mut national = format!("{lead:02}");
                        while national.len() < len {
                            national.push(char::from(b'0' + (next() % 10) as u8));
                        }
                        national.truncate(len);
                        let ours = plan(meta).classify(&national);
                        assert_eq!(
                            ours,
                            with_crate(meta, &national),
                            "+{code} {} {national}",
                            meta.id()
                        );
                        kinds.insert(format!("{ours:?}"));
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 10_000, "{compared}");
        // The numbers reach several line types, not only `Unknown`.
        for kind in [
            "FixedLine",
            "Mobile",
            "TollFree",
            "Unknown",
            "FixedLineOrMobile",
        ] {
            assert!(kinds.contains(kind), "{kind} not reached: {kinds:?}");
        }
    }
}
