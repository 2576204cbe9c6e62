//! Ages that are someone else's: a header that names an age, a date of birth or a birth
//! year beside a word for another person (`kids_age`, `Child's birthday`, `Alter des
//! Kindes`, `Spouse DOB`, `Edad del hijo`) or an animal (`Pet birthday`, `dog_age`).
//!
//! Such a column says nothing about the contact's own age, so it must never get an age
//! role: the minor check would exclude a parent as a minor because their child is 10,
//! or count them "age unknown" because `children ages` holds `5, 8` (session 10). A
//! person's age is family status instead (protected: US FHA 42 U.S.C. §3604; EU
//! Directive 2006/54/EC), blocked in rules and messages until unlocked, like `kids`;
//! an animal's is whatever the header's other words make it. A special category match
//! (`child health`) still wins, as always. The words are data
//! (`other_person_words`, `animal_words` in `assets/privacy-dictionary.toml`); a
//! word's `vetoes` apply (`child_sku` names no child). Called by [`super::classify`].

use super::Classification;
use super::dictionary::{Dictionary, Entry};
use super::evidence::{Found, describe};
use super::header::Header;
use super::inflect;
use crate::fields::{PrivacyClass, Role};

/// Dictionary kinds that read the contact's own age.
const AGE_KINDS: [&str; 3] = ["age", "date_of_birth", "birth_year"];

/// Whose age a header's other word says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Whose {
    /// Another person's, with the word as the header has it (`kids`).
    Person(String),
    /// An animal's.
    Animal(String),
    /// A thing's (`Account age`, `Car age`, `Wine age`: session-10 trial H1).
    Thing(String),
}

/// The first word of `header` that names another person or an animal, if any: as
/// written or as the inflection of a listed word, and not vetoed by a word beside it.
pub(super) fn whose(header: &Header, dict: &Dictionary) -> Option<Whose> {
    let listed = |set: &std::collections::HashSet<String>, w: &str| {
        set.contains(w) || inflect::bases(dict, w).iter().any(|b| set.contains(b))
    };
    let vetoed = |w: &str| {
        dict.vetoes
            .get(w)
            .is_some_and(|by| header.words.iter().any(|h| by.contains(h)))
    };
    header.words.iter().find_map(|w| {
        if vetoed(w) {
            None
        } else if listed(&dict.other_person_words, w) {
            Some(Whose::Person(w.clone()))
        } else if listed(&dict.animal_words, w) {
            Some(Whose::Animal(w.clone()))
        } else if listed(&dict.thing_words, w) {
            Some(Whose::Thing(w.clone()))
        } else {
            None
        }
    })
}

/// Take the age matches out of `found` (sorted best first) when `whose` says the age
/// is someone else's, noting each in `notes`. Returns the classification to use when
/// what is left would leave another person's age less than protected (`Alter des
/// Kindes`: no other word matched); `None` to go on with what is left.
pub(super) fn set_aside(
    whose: &Whose,
    found: &mut Vec<Found<'_>>,
    notes: &mut Vec<String>,
    dict: &Dictionary,
) -> Option<Classification> {
    let first_age = found
        .iter()
        .position(|f| AGE_KINDS.contains(&f.entry.kind.as_str()))?;
    let evidence = found[first_age].evidence();
    found.retain(|f| !AGE_KINDS.contains(&f.entry.kind.as_str()));
    let (word, whom) = match whose {
        Whose::Person(w) => (w, "another person's"),
        Whose::Animal(w) => (w, "an animal's"),
        Whose::Thing(w) => (w, "a thing's"),
    };
    notes.push(format!(
        "{evidence} not taken as the contact's age: `{word}` says it is {whom}, so the minor check does not read it"
    ));
    let Whose::Person(_) = whose else {
        return None;
    };
    let protected = found
        .first()
        .is_some_and(|f| f.entry.class <= PrivacyClass::Protected);
    if protected {
        return None;
    }
    let family: &Entry = dict.entries.iter().find(|e| e.kind == "family_status")?;
    let mut reason = format!(
        "{evidence} beside `{word}`: another person's age, {}",
        describe(family)
    );
    for note in notes.iter() {
        reason += &format!("; {note}");
    }
    Some(Classification {
        role: Role::None,
        class: family.class,
        kind: Some(family.kind.clone()),
        reason,
    })
}
