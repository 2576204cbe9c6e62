//! Minor flag columns (`Minor`, `U18`, `Under 18`, `unter_18`: yes/no) by their header,
//! from the dictionary's "minor flag" entry (`assets/privacy-dictionary.toml`), and the
//! age each one says its holders are under.
//!
//! The classifier recognises such a header as protected age data; the importer gives
//! its column the age role (`import::columns`), and the minor check reads its yes/no
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
    let said = words(header);
    let flag = dictionary()
        .entries
        .iter()
        .filter(|e| e.label == LABEL)
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
}
