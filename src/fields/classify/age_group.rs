//! Headers of columns that may hold age groups as words (`Child`, `Teen`, `Adult`):
//! columns that sort people into categories (`Customer type`, `Ticket type`,
//! `Kundengruppe`, `Type de client`), and the dictionary's age bands (`Age group`,
//! `Altersgruppe`).
//!
//! The rule (README, "The minor check"): a header with a person word and a category
//! word (`assets/age-groups.toml`, `[headers]`), in either order or joined
//! (`customertype`, `kundentyp`), is a [`GroupHeader::Person`]; a header that is a
//! category word alone (`Type`, `Category`, `Tarif`) a [`GroupHeader::Generic`]. The
//! importer gives such a column the age role only when its values hold age groups (a
//! person column: one value; a generic one: every value, one of them unambiguous), so
//! `Customer type` holding `Retail` and `Business` stays an ordinary field. A header
//! with a job or product word (`Job title`, `Position type`, `Product category`) is
//! neither, so a job title's `Junior` never marks a minor. Called by
//! `import::age_roles` and `campaign::minor_flag`.

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::Deserialize;

use super::dictionary::dictionary;
use super::header::Header;
use super::words::words;

/// What kind of category header a column has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupHeader {
    /// A category of person (`Customer type`): one age-group value makes the column
    /// an age; its other values (`Retail`) say nothing about age.
    Person,
    /// A category word alone (`Type`): an age only when every value is an age group and
    /// one is unambiguous (`Child`, not only `Junior` and `Senior`).
    Generic,
}

#[derive(Deserialize, Default)]
struct RawHeaders {
    person: Vec<String>,
    category: Vec<String>,
    generic: Vec<String>,
    never: Vec<String>,
}

#[derive(Deserialize)]
struct Raw {
    headers: RawHeaders,
}

struct Headers {
    person: HashSet<String>,
    category: HashSet<String>,
    generic: HashSet<String>,
    never: HashSet<String>,
}

/// The asset's header words, parsed once (compiled in and checked by the unit tests;
/// should it fail to parse, no header is a category header).
fn headers() -> &'static Headers {
    static HEADERS: LazyLock<Headers> = LazyLock::new(|| {
        let raw = toml::from_str::<Raw>(include_str!("../../../assets/age-groups.toml"))
            .map(|r| r.headers)
            .unwrap_or_default();
        let set = |v: Vec<String>| v.into_iter().collect::<HashSet<_>>();
        Headers {
            person: set(raw.person),
            category: set(raw.category),
            generic: set(raw.generic),
            never: set(raw.never),
        }
    });
    &HEADERS
}

/// Whether `header` (a header or a field name) sorts people into categories, and how.
pub fn group_header(header: &str) -> Option<GroupHeader> {
    let h = headers();
    let said = words(header);
    if said.is_empty() || said.len() > 5 || said.iter().any(|w| h.never.contains(w)) {
        return None;
    }
    let person = said.iter().position(|w| h.person.contains(w));
    let category = said.iter().rposition(|w| h.category.contains(w));
    if let (Some(p), Some(c)) = (person, category)
        && p != c
    {
        return Some(GroupHeader::Person);
    }
    if said.iter().any(|w| joined(w, h)) {
        return Some(GroupHeader::Person);
    }
    if said
        .iter()
        .all(|w| h.generic.contains(w) || h.category.contains(w))
    {
        return Some(GroupHeader::Generic);
    }
    None
}

/// A person word and a category word written as one (`customertype`, `kundentyp`,
/// `typeclient`). Two such words fit in 64 bytes; a longer word (a pasted blob as a
/// header) is not tried, since each split point hashes both halves.
fn joined(word: &str, h: &Headers) -> bool {
    word.len() <= 64
        && (1..word.len())
            .filter(|&i| word.is_char_boundary(i))
            .any(|i| {
                let (a, b) = word.split_at(i);
                (h.person.contains(a) && h.category.contains(b))
                    || (h.category.contains(a) && h.person.contains(b))
            })
}

/// Whether `header` is one of the dictionary's age bands (`Age group`, `Age range`,
/// `Altersgruppe`, `tranche d'âge`): protected age data whose values are groups or
/// ranges rather than a number of years.
pub fn age_band_header(header: &str) -> bool {
    let dict = dictionary();
    let h = Header::new(header, dict);
    dict.entries
        .iter()
        .filter(|e| e.label == "age group")
        .flat_map(|e| &e.tokens)
        .any(|p| h.find(p).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// By hand, from the rule in the module header: person and category words in any
    /// order, spelling or language are person headers; a category word alone is
    /// generic; job, product and other headers are neither.
    #[test]
    fn category_headers_by_their_words() {
        for header in [
            "Customer type",
            "customer_type",
            "CustomerType",
            "customertype",
            "Type of customer",
            "Ticket Type",
            "Member category",
            "Kundengruppe",
            "Kundentyp",
            "Mitgliedsart",
            "Type de client",
            "Catégorie de client",
            "Tipo de cliente",
            "Tipo cliente",
            "Klanttype",
            "Customer group",
        ] {
            assert_eq!(group_header(header), Some(GroupHeader::Person), "{header}");
        }
        for header in ["Type", "Category", "Tarif", "Kategorie", "Ticket", "Price"] {
            assert_eq!(group_header(header), Some(GroupHeader::Generic), "{header}");
        }
        for header in [
            "Job title",
            "Job type",
            "Position category",
            "Title",
            "Seniority",
            "Product category",
            "Level",
            "Customer since",
            "Email",
            "name",
        ] {
            assert_eq!(group_header(header), None, "{header}");
        }
    }

    #[test]
    fn age_bands_are_the_dictionarys() {
        for header in ["Age group", "age_range", "Altersgruppe", "Tranche d'âge"] {
            assert!(age_band_header(header), "{header}");
        }
        for header in ["Age", "Customer type", "Minor", "Group"] {
            assert!(!age_band_header(header), "{header}");
        }
    }
}
