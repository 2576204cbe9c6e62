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
        .or_else(|| question_under(header))
        .or_else(|| negated_adult(header))
}

/// Words a form question or a label puts before the flag itself (`Are you under
/// 18?`, `Is the customer a minor`, `Student under 16`): pronouns, verbs of being,
/// articles and nouns for the person, in the seven languages.
const LEAD: &[&str] = &[
    "are",
    "you",
    "is",
    "the",
    "a",
    "an",
    "am",
    "i",
    "customer",
    "contact",
    "person",
    "user",
    "member",
    "student",
    "participant",
    "child",
    "kid",
    "bist",
    "du",
    "sind",
    "sie",
    "ist",
    "der",
    "die",
    "kunde",
    "es",
    "eres",
    "usted",
    "tu",
    "etes",
    "vous",
    "est",
    "il",
    "elle",
    "sei",
    "e",
    "ben",
    "je",
    "bent",
    "u",
    "voce",
    "o",
    "cliente",
    "client",
];

/// The age of a question-form minor flag (session 10 trial, F5): lead words
/// ([`LEAD`]) then `under N` / `below N` / `younger than N` / `unter N` / `moins de N`
/// / `menor de N` / `sotto i N` / `onder N` / `menos de N` (`Are you under 18?`,
/// `Under13`, `Student under 16`), N from 12 to 21. `None` otherwise: `Orders under 20`
/// has a lead word no person takes.
fn question_under(header: &str) -> Option<u32> {
    let said = words(header);
    let start = said.iter().position(|w| !LEAD.contains(&w.as_str()))?;
    let rest: Vec<&str> = said[start..].iter().map(String::as_str).collect();
    let number = match rest.as_slice() {
        ["under" | "below" | "unter" | "onder", n]
        | ["younger" | "jünger" | "junger", "than" | "als", n]
        | ["moins" | "menor" | "menos" | "sotto", "de" | "i", n]
        | ["moins", "de", n, "ans"]
        | ["menor" | "menos", "de", n, "anos"] => n.parse::<u32>().ok(),
        _ => None,
    };
    number.filter(|n| (12..=21).contains(n))
}

/// Words that negate an adult flag (`Not an adult`, `Non maggiorenne`, `Niet
/// meerderjarig`, `Nicht volljährig`, `Não é maior de idade`).
const NEGATION: &[&str] = &["not", "non", "niet", "nicht", "no", "nao", "kein", "keine"];

/// The age of a negated adult flag, which is a minor flag: a yes under `Not an adult`
/// says the contact is under the adult flag's age (session 10 trial, F5).
fn negated_adult(header: &str) -> Option<u32> {
    let said = words(header);
    let at = said.iter().position(|w| NEGATION.contains(&w.as_str()))?;
    let rest: Vec<String> = said[at + 1..]
        .iter()
        .filter(|w| !LEAD.contains(&w.as_str()) && w.as_str() != "of")
        .cloned()
        .collect();
    let before_ok = said[..at].iter().all(|w| LEAD.contains(&w.as_str()));
    if !before_ok || rest.is_empty() {
        return None;
    }
    let adult = rest.join(" ");
    adult_flag_age(&adult).or_else(|| (adult == "age").then_some(FLAG_AGE))
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
        // Session 10 trial (F5): form questions and negated adult flags.
        assert_eq!(minor_flag_age("Are you under 18?"), Some(18));
        assert_eq!(minor_flag_age("Are you under 16?"), Some(16));
        assert_eq!(minor_flag_age("Under13"), Some(13));
        assert_eq!(minor_flag_age("Student under 16"), Some(16));
        assert_eq!(minor_flag_age("Not an adult"), Some(18));
        assert_eq!(minor_flag_age("Non adulte"), None);
        assert_eq!(minor_flag_age("Non maggiorenne"), Some(18));
        assert_eq!(minor_flag_age("Niet meerderjarig"), Some(18));
        assert_eq!(minor_flag_age("Not of age"), Some(18));
        assert_eq!(minor_flag_age("Orders under 20"), None);
        assert_eq!(minor_flag_age("Spend under 50"), None);
        assert_eq!(minor_flag_age("Not adult size"), None);
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
