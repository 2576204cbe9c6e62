//! The classifier: gives each column a role, a privacy class and the reason for both.
//!
//! Input is the header and a [`ValueProfile`] built from every value of the column
//! during the import's first pass; output is a [`Classification`]. The importer calls
//! [`ValueProfile::observe`] for each value, then [`classify`] once per column.
//!
//! The words and vocabularies are data (`assets/privacy-dictionary.toml`, loaded by
//! [`dictionary`]); this module weighs the evidence. Headers are first read as a person
//! sees them ([`normalise`]: NFKC, invisible characters removed, look-alike letters
//! folded to Latin), split into whole words ([`words`]) and matched against phrases
//! however the header spaced or joined its words ([`header`]: `Year_Birth`,
//! `YearOfBirth`, `G e n d e r`, `Kidhome`). Values are matched against closed
//! vocabularies and the validators in [`validate`].
//!
//! How the dictionary tells a sensitive word from the same word in an innocent header:
//! - whole words only, so `age` never matches `page`, `passage` or `usage`, and
//!   compounds split only into words the dictionary knows (`passage` has no known
//!   split); words that would split wrongly are listed as ordinary (`postage`);
//! - `headers` phrases count only as the whole header (`partner`, `name`);
//! - `vetoes`: a one-word phrase is dropped when a neighbouring word gives it an
//!   innocent meaning: `party` is a political party, but `party_size`, `third_party` and
//!   `party_id` are not; `union` is trade union membership, but `credit_union` is not.
//!   The reason notes every veto, so a reviewer sees what was set aside;
//! - value share rules: `diet` or `meal_preference` is religion data when halal and
//!   kosher values make up the share the dictionary states, even among other diets;
//! - an age beside a word for another person or an animal (`kids_age`, `Pet birthday`)
//!   is theirs, never the contact's age ([`others`]).
//!
//! Special category data beats protected traits, which beat everything else (PRODUCT.md,
//! "Privacy classes and the default policy"); the reason names every piece of evidence
//! so a privacy reviewer can check it. Changing a class later is `fields set`'s job. The
//! same vocabularies classify single values such as tags ([`sensitive_value`]).

mod abbrev;
mod age_group;
mod column;
mod context;
mod coords;
mod dictionary;
mod evidence;
mod excerpt;
mod header;
mod inflect;
mod inside;
mod minor_flag;
mod named;
mod names;
mod normalise;
mod others;
mod profile;
mod respell;
mod shapes;
mod symbols;
mod validate;
mod values;
mod words;

use std::cmp::Reverse;

pub use self::age_group::{GroupHeader, age_band_header, group_header};
pub use self::column::{column_value, tag_value};
use self::dictionary::{Check, Entry, dictionary};
use self::evidence::{Found, HeaderHit, ValueHit, check_phrase, describe};
use self::header::Header;
pub use self::minor_flag::{FLAG_AGE, adult_flag_age, minor_flag_age};
pub use self::names::sensitive_values_in_name;
pub use self::profile::ValueProfile;
pub use self::values::{
    SensitiveValue, sensitive_kind, sensitive_kinds, sensitive_value, sensitive_values_in,
};

/// A header's whole words as the classifier reads them: lower-cased, accent-folded,
/// split at spaces, punctuation, camelCase humps and digits (`Âge vérifié` → `age`,
/// `verifie`; `AgeVerified` → `age`, `verified`).
pub fn header_words(header: &str) -> Vec<String> {
    words::words(header)
}
use super::{FieldType, PrivacyClass, Role};

/// True when `header` names a column the dictionary knows (`Email`, `First Name`,
/// `Accepts Email Marketing`, `Age`, `Geburtsdatum`): a header phrase of some entry
/// matches it, whatever the values would say. The importer counts such cells to tell a
/// header line from a title or a data row (`import::header_row`).
pub fn names_a_known_column(header: &str) -> bool {
    let dict = dictionary();
    let words = Header::new(header, dict);
    !words.words.is_empty()
        && (dict.entries.iter()).any(|e| header_match(e, &words, &mut Vec::new()).is_some())
}

/// The outcome for one column.
#[derive(Debug, Clone, PartialEq)]
pub struct Classification {
    pub role: Role,
    pub class: PrivacyClass,
    /// The dictionary entry that decided it (`health`, `gender`, `email`), if any.
    pub kind: Option<String>,
    /// Why, in words a privacy reviewer can check ("header token `dob`").
    pub reason: String,
}

/// Share (percent of non-blank values) a validator needs to classify a column on its
/// own: 90%, so a few malformed or Excel-damaged values do not hide a column.
const VALIDATOR_PERCENT: u64 = 90;
/// Share of values that must pass a header entry's `needs` check: half, enough to tell
/// a phone column with messy values from a `Phone Service` yes/no column.
const NEEDS_PERCENT: u64 = 50;
/// Share of values that must fall in one vocabulary (neutral terms included).
const VOCABULARY_PERCENT: u64 = 80;
/// Distinct strong vocabulary terms needed, so one coincidental word (`m` in a size
/// column) does not make a column gender data.
const VOCABULARY_MIN_TERMS: usize = 2;

/// Classify a column from its header (as in the file), its normalised name (used when
/// the header has no words), its inferred type and its value profile.
///
/// Never fails: a column nothing matches is ordinary, and the reason says so.
pub fn classify(header: &str, name: &str, ty: FieldType, profile: &ValueProfile) -> Classification {
    let dict = dictionary();
    let mut words = Header::new(header, dict);
    if words.words.is_empty() {
        words = Header::new(name, dict);
    }
    let mut notes = Vec::new();
    let mut found = Vec::new();
    // A header word matched whose values did not confirm it (`email` over `n/a`s).
    let mut unconfirmed = false;
    for (index, entry) in dict.entries.iter().enumerate() {
        let mut header_hit = header_match(entry, &words, &mut notes)
            .filter(|_| entry.types.as_ref().is_none_or(|t| t.contains(&ty)));
        if header_hit.is_some() {
            let whole = words.words.len();
            header_hit =
                header_hit.and_then(|hit| confirm(entry, (hit, whole), profile, &mut notes));
            unconfirmed |= header_hit.is_none() && entry.role != Role::None;
        }
        if let Some(hit) = &header_hit
            && let Some(note) = abbrev::unconfirmed(entry, index, hit.phrase, ty, profile)
        {
            notes.push(note);
            header_hit = None;
        }
        let mut value_hit = vocabulary_hit(index, profile)
            .or_else(|| validator_hit(entry, ty, profile))
            .or_else(|| shapes::icd10_hit(entry, &words, profile))
            .or_else(|| coords::coordinates_hit(entry, &words, profile));
        if header_hit.is_none()
            && value_hit.is_none()
            && let Some((h, v)) = share_hit(entry, &words, profile, &mut notes)
        {
            header_hit = Some(h);
            value_hit = Some(v);
        }
        if header_hit.is_some() || value_hit.is_some() {
            found.push(Found {
                entry,
                header: header_hit,
                value: value_hit,
            });
        }
    }
    named_header(&words, &mut found);
    // Two entries of one kind (card numbers by header and by values) note alike.
    notes.dedup();
    found.sort_by_key(|f| {
        let tier = match f.entry.class {
            PrivacyClass::SpecialCategory => 0,
            PrivacyClass::Protected => 1,
            _ => 2,
        };
        let (covered, end) = f.header.as_ref().map_or((1, 0), |h| (h.covered, h.end));
        (tier, Reverse(covered), Reverse(end), f.entry.class)
    });
    // An age beside another person or an animal (`kids_age`, `Pet birthday`) is theirs.
    if let Some(whose) = others::whose(&words, dict)
        && let Some(c) = others::set_aside(&whose, &mut found, &mut notes, dict)
    {
        return c;
    }
    // A free-text column that stays ordinary (notes, comments) says which sensitive
    // values and words its values hold, as a tags column does; a column classified as
    // something else (a name, a city) is judged by that class.
    let plain = found
        .first()
        .is_none_or(|f| f.entry.class == PrivacyClass::Ordinary);
    let tags = ty == FieldType::List || found.first().is_some_and(|f| f.entry.role == Role::Tags);
    if (ty == FieldType::List || (ty == FieldType::Text && plain))
        && let Some(note) = profile.sensitive_note(header, tags)
    {
        notes.push(note);
    }
    let Some(best) = found.first() else {
        let mut reason = String::from(match unconfirmed {
            true => "no header word its values confirm, value vocabulary or validator matched",
            false => "no sensitive header word, value vocabulary or validator matched",
        });
        for note in notes {
            reason += &format!("; {note}");
        }
        return Classification {
            role: Role::None,
            class: PrivacyClass::Ordinary,
            kind: None,
            reason,
        };
    };
    let entry = best.entry;
    let role_fits = entry.role_types.as_ref().is_none_or(|t| t.contains(&ty));
    let mut reason = format!("{}: {}", best.evidence(), describe(entry));
    if !role_fits && entry.role != Role::None {
        reason += &format!(
            "; not used as {} because the column type is {ty}",
            entry.role.as_str().replace('_', " ")
        );
    }
    for note in notes {
        reason += &format!("; {note}");
    }
    let mut outranked: Vec<&str> = vec![&entry.kind];
    for other in &found[1..] {
        if !outranked.contains(&other.entry.kind.as_str()) && outranked.len() <= 2 {
            outranked.push(&other.entry.kind);
            reason += &format!(
                "; also {}: {}, outranked",
                other.evidence(),
                describe(other.entry)
            );
        }
    }
    Classification {
        role: if role_fits { entry.role } else { Role::None },
        class: entry.class,
        kind: Some(entry.kind.clone()),
        reason,
    }
}

/// True when the dictionary entry of kind `kind` (a [`Classification::kind`]) names a
/// refusal: its phrases are opt-outs (`do not email`, `unsubscribed`, `abgemeldet`), so a
/// `yes` in the column says the person opted out. The consent column reader takes a
/// column's polarity from here, from the same entry that recognised the header.
pub fn is_opt_out_kind(kind: &str) -> bool {
    dictionary()
        .entries
        .iter()
        .any(|e| e.kind == kind && e.opt_out)
}

/// The most specific phrase of `entry` in the header: `tokens` anywhere in it,
/// `headers` only as the whole header, with or without its subject prefixes. A one-word
/// token is dropped when one of its veto words is in the header (noted for a sensitive
/// entry, so the reviewer sees why `party_size` is not a political opinion).
fn header_match<'d>(
    entry: &'d Entry,
    header: &Header,
    notes: &mut Vec<String>,
) -> Option<HeaderHit<'d>> {
    let anywhere = entry.tokens.iter().filter_map(|p| {
        let (start, end) = header.find(p)?;
        if let Some(veto) = vetoed(p, header) {
            if entry.class.is_blocked_by_default() {
                notes.push(format!(
                    "header token `{}` not taken as {}: `{veto}` beside it gives it another meaning",
                    p.text, entry.label
                ));
            }
            return None;
        }
        // A sensitive word beside a thing or event noun names that thing (`Health
        // score`, `Account health`, `Conviction level`: new-user trial 3, H11).
        if p.words.len() == 1
            && end == start + 1
            && entry.class.is_blocked_by_default()
            && entry.role == Role::None
            && let Some(thing) = context::header_in_context(&header.words, start)
        {
            notes.push(format!(
                "header token `{}` not taken as {}: `{thing}` beside it names a thing",
                p.text, entry.label
            ));
            return None;
        }
        Some((p, None, end - start, start, end))
    });
    let whole = entry.headers.iter().filter_map(|p| {
        let after = header.whole(p)?;
        Some((p, Some(after), p.words.len(), 0, header.words.len()))
    });
    // The match covering the most header words, then the phrase spelt as the header
    // wrote it (`email` over `e mail` for the header `email`, `date of birth` over
    // `dateofbirth` for `Date of Birth`), then the rightmost.
    anywhere
        .chain(whole)
        .max_by_key(|(p, _, covered, start, end)| {
            (*covered, header.spelled_as(p, *start, *end), *end)
        })
        .map(|(p, whole, covered, _, end)| HeaderHit {
            phrase: &p.text,
            whole: whole.is_some(),
            len: p.words.len(),
            covered,
            end,
            confirmed: None,
            dropped: (whole == Some(true)).then(|| header.dropped.clone()),
            named: false,
        })
}

/// Add the evidence of a header named by a sensitive value (`Muslim customer`, `Gay`:
/// [`named::named_by`]) to `found`, unless a header phrase matched: the header
/// reader's phrases come first (`Ramadan newsletter opt-in` stays consent, a spaced
/// `nazi onalita` is the nationality word rejoined, not `nazi`).
fn named_header(header: &Header, found: &mut Vec<Found<'_>>) {
    if found.iter().any(|f| f.header.is_some()) {
        return;
    }
    let Some(named) = named::named_by(header) else {
        return;
    };
    let Some(entry) = dictionary().entries.get(named.entry) else {
        return;
    };
    let hit = HeaderHit {
        phrase: named.term,
        whole: false,
        len: named.words,
        covered: named.words,
        end: header.words.len(),
        confirmed: None,
        dropped: None,
        named: true,
    };
    match found.iter_mut().find(|f| std::ptr::eq(f.entry, entry)) {
        Some(f) if f.header.is_none() => f.header = Some(hit),
        Some(_) => {}
        None => found.push(Found {
            entry,
            header: Some(hit),
            value: None,
        }),
    }
}

/// The veto word in `header` that cancels the one-word `phrase`, if any.
fn vetoed<'h>(phrase: &dictionary::Phrase, header: &'h Header) -> Option<&'h str> {
    let [word] = phrase.words.as_slice() else {
        return None;
    };
    let vetoes = dictionary().vetoes.get(word)?;
    header
        .words
        .iter()
        .find(|w| vetoes.contains(w))
        .map(String::as_str)
}

/// A value share rule of `entry`: one of its header phrases in the header, and at
/// least its share of values among its terms.
fn share_hit<'d>(
    entry: &'d Entry,
    header: &Header,
    profile: &ValueProfile,
    notes: &mut Vec<String>,
) -> Option<(HeaderHit<'d>, ValueHit)> {
    let share = entry.share.as_ref()?;
    let (phrase, covered, end) = share
        .headers
        .iter()
        .filter(|p| vetoed(p, header).is_none())
        .filter_map(|p| header.find(p).map(|(start, end)| (p, start, end)))
        .max_by_key(|(p, start, end)| (end - start, header.spelled_as(p, *start, *end), *end))
        .map(|(p, start, end)| (p, end - start, end))?;
    let dict = dictionary();
    let mut seen: Vec<(u64, &str)> = share
        .terms
        .iter()
        .filter_map(|id| {
            let count = *profile.terms.get(id)?;
            Some((count, dict.terms.get(usize::from(*id))?.0.as_str()))
        })
        .collect();
    let count: u64 = seen.iter().map(|(n, _)| n).sum();
    let percent = profile.percent(count);
    if count == 0 {
        return None;
    }
    if percent < share.percent {
        notes.push(format!(
            "header token `{}` with {} among {}: {percent}%, under the {}% that makes the column {}",
            phrase.text,
            crate::text::count(count, "value"),
            share.vocabulary, share.percent, entry.label
        ));
        return None;
    }
    seen.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let hit = HeaderHit {
        phrase: &phrase.text,
        whole: false,
        len: phrase.words.len(),
        covered,
        end,
        confirmed: None,
        dropped: None,
        named: false,
    };
    let value = ValueHit::Share {
        percent,
        vocabulary: share.vocabulary.clone(),
        examples: seen.iter().take(3).map(|(_, s)| (*s).to_string()).collect(),
    };
    Some((hit, value))
}

/// Apply the entry's `needs` check to a header match. A rejected match of a sensitive
/// entry leaves a note, so the reviewer sees why `Card Number` is not a payment card.
///
/// A header that is an e-mail phrase and nothing else (`email`, `E-mail`, `Email
/// Address`; not the bare `mail`, which is also post) keeps the e-mail role whenever
/// some value is an address, however few (new-user trial 5, F1): as an ordinary field
/// its real addresses were no addresses, rows got generated keys, and an opt-out or a
/// suppression keyed by such an address could miss the contact. Its other values are
/// then no address: a row keyed by it is rejected by line (`n/a is not an e-mail
/// address`) or keyed by its phone, as below the half before.
fn confirm<'d>(
    entry: &Entry,
    (mut hit, header_words): (HeaderHit<'d>, usize),
    profile: &ValueProfile,
    notes: &mut Vec<String>,
) -> Option<HeaderHit<'d>> {
    let Some(check) = entry.needs else {
        return Some(hit);
    };
    // A whole header of three letters or fewer (`CC`, `PAN`) is an abbreviation with
    // other common meanings (Mailchimp's `CC` is the country code, an e-mail's `CC` its
    // copies): for a blocked class only values that pass the check confirm it, so a
    // blank `CC` column is no card number. Longer phrases (`card number`) are taken
    // on a blank column, as before.
    let abbreviation = hit.whole && hit.phrase.chars().filter(|c| c.is_alphanumeric()).count() <= 3;
    if profile.non_blank == 0 {
        if abbreviation && entry.class.is_blocked_by_default() {
            notes.push(format!(
                "header `{}` not taken as {}: a short abbreviation, and no values {}",
                hit.phrase,
                entry.label,
                check_phrase(check)
            ));
            return None;
        }
        return Some(hit);
    }
    let percent = profile.passing(check);
    if percent >= NEEDS_PERCENT {
        hit.confirmed = Some((check, percent));
        return Some(hit);
    }
    let names_email =
        entry.role == Role::Email && hit.covered == header_words && hit.phrase != "mail";
    if names_email && profile.passing_any(check) {
        notes.push(format!(
            "the header `{}` names e-mail addresses, so the column keeps that role though only {percent}% of values {}: a value that is none is no address (a row keyed by it is rejected, with its line, or keyed by its phone)",
            hit.phrase,
            check_phrase(check)
        ));
        hit.confirmed = Some((check, percent));
        return Some(hit);
    }
    // Said for a blocked class and for an address or key column (`email` holding mostly
    // `n/a`): else the reason would say no header word matched, which is false.
    if entry.class.is_blocked_by_default() || entry.role != Role::None {
        notes.push(format!(
            "header phrase `{}` not taken as {}: only {percent}% of values {}",
            hit.phrase,
            entry.label,
            check_phrase(check)
        ));
    }
    None
}

fn vocabulary_hit(index: usize, profile: &ValueProfile) -> Option<ValueHit> {
    let dict = dictionary();
    let entry = dict.entries.get(index)?;
    let mut hits = profile.neutral;
    let mut strong: Vec<(u64, &str)> = Vec::new();
    for (&id, &count) in &profile.terms {
        let Some((spelling, members)) = dict.terms.get(usize::from(id)) else {
            continue;
        };
        if let Some(m) = members.iter().find(|m| m.entry == index) {
            hits += count;
            if !m.weak {
                strong.push((count, spelling));
            }
        }
    }
    let percent = profile.percent(hits);
    if strong.len() < VOCABULARY_MIN_TERMS || percent < VOCABULARY_PERCENT {
        return None;
    }
    strong.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    Some(ValueHit::Vocabulary {
        percent,
        vocabulary: entry.vocabulary.clone(),
        examples: strong
            .iter()
            .take(3)
            .map(|(_, s)| (*s).to_string())
            .collect(),
    })
}

fn validator_hit(entry: &Entry, ty: FieldType, profile: &ValueProfile) -> Option<ValueHit> {
    let check = entry.validator?;
    if entry.types.as_ref().is_some_and(|t| !t.contains(&ty)) {
        return None;
    }
    let percent = profile.passing(check);
    let passes = match check {
        Check::Phone => profile.looks_like_phones(),
        // Weighed with the header ([`coords::coordinates_hit`]).
        Check::Coordinates => false,
        _ => percent >= VALIDATOR_PERCENT,
    };
    passes.then_some(ValueHit::Validator { check, percent })
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_disguise;
#[cfg(test)]
mod tests_trial;
#[cfg(test)]
mod tests_words;
