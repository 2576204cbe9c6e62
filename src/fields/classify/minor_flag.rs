//! Minor flag columns (`Minor`, `U18`, `Under 18`, `unter_18`: yes/no) by their header,
//! from the dictionary's "minor flag" entry (`assets/privacy-dictionary.toml`), and the
//! age each one says its holders are under.
//!
//! The classifier recognises such a header as protected age data; the importer gives
//! its column the age role (`import::age_roles`), and the minor check reads its yes/no
//! (`campaign::minor_flag`) rather than reading `1` as one year old or `yes` as no age.

use super::dictionary::dictionary;
use super::words::words;

/// The label of the dictionary entry whose headers are minor flags.
const LABEL: &str = "minor flag";

/// Age of majority a flag without a number means (`Minor`, `underage`): 18, the age
/// below which the UN Convention on the Rights of the Child (Art. 1) calls a person a
/// child; the highest minor age most campaigns use.
pub const FLAG_AGE: u32 = 18;

/// The age a minor flag column's holders are under when it says yes: the number its
/// header names (`U16` → 16, `Under 18` → 18, `moins de 18 ans` → 18), else
/// [`FLAG_AGE`]; `None` when `header` (a header or field name) is no minor flag.
pub fn minor_flag_age(header: &str) -> Option<u32> {
    flag_age(header, LABEL)
}

/// The label of the dictionary entry whose headers are adult flags.
const ADULT_LABEL: &str = "adult flag";

/// The age an adult flag column's holders are at least when it says yes (`Adult`,
/// `Volljährig` → [`FLAG_AGE`], `Over 16` → 16, `18+` → 18); `None` when `header` (a
/// header or field name) is no adult flag. A yes/no `18+` column keeps only its number
/// as words, so its header is read as `N+` and its field name (`f_18`) as `f_N`, for
/// N from 12 to 21 (the field name matters only for a field the import gave the age
/// role, which a plain `18` header never gets).
pub fn adult_flag_age(header: &str) -> Option<u32> {
    if let Some(age) = flag_age(header, ADULT_LABEL) {
        return Some(age);
    }
    let plus = header.trim().strip_suffix('+').map(str::trim_end);
    let number = match (plus, words(header).as_slice()) {
        (Some(n), _) => n.parse::<u32>().ok(),
        (None, [f, n]) if f == "f" => n.parse::<u32>().ok(),
        _ => None,
    };
    number.filter(|n| (12..=21).contains(n))
}

/// The age a flag column of dictionary entry `label` names: the header's number, else
/// [`FLAG_AGE`]; `None` when `header` is no header of that entry.
fn flag_age(header: &str, label: &str) -> Option<u32> {
    let said = words(header);
    let flag = dictionary()
        .entries
        .iter()
        .filter(|e| e.label == label)
        .flat_map(|e| &e.headers)
        .any(|p| p.words == said);
    if !flag {
        return None;
    }
    Some(
        said.iter()
            .find_map(|w| w.parse::<u32>().ok())
            .unwrap_or(FLAG_AGE),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The headers of the trial, their field names, and names that are no flag.
    #[test]
    fn flag_headers_give_their_age() {
        assert_eq!(minor_flag_age("U18"), Some(18));
        assert_eq!(minor_flag_age("Under 18"), Some(18));
        assert_eq!(minor_flag_age("under_18"), Some(18));
        assert_eq!(minor_flag_age("U16"), Some(16));
        assert_eq!(minor_flag_age("Minor"), Some(18));
        assert_eq!(minor_flag_age("minor_version"), None);
        assert_eq!(minor_flag_age("age"), None);
    }

    /// By hand: the brief's adult headers and their ages, the `18+` field name, and
    /// headers that are no adult flag (a count, a size, a minor flag, a plain number).
    #[test]
    fn adult_flag_headers_give_their_age() {
        for (header, age) in [
            ("Adult", 18),
            ("Is adult", 18),
            ("Over 18", 18),
            ("over_16", 16),
            ("18+", 18),
            ("16 +", 16),
            ("f_18", 18),
            ("Volljährig", 18),
            ("Erwachsen", 18),
            ("Majeur", 18),
            ("Mayor de edad", 18),
            ("Maggiorenne", 18),
            ("Maior de idade", 18),
            ("Meerderjarig", 18),
        ] {
            assert_eq!(adult_flag_age(header), Some(age), "{header}");
        }
        for header in [
            "Adults",
            "Adult size",
            "Age verified",
            "18",
            "U18",
            "5+",
            "f_5",
        ] {
            assert_eq!(adult_flag_age(header), None, "{header}");
        }
        assert_eq!(minor_flag_age("Adult"), None);
    }
}
