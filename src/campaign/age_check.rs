//! Yes/no columns whose yes says an age and whose no says nothing: age checks (`Age
//! verified`, `Age gate passed`, `Over 18 verified`, `Age confirmed`, `Altersprüfung`,
//! `Âge vérifié`, `Edad verificada`, `Età verificata`, `Leeftijd geverifieerd`, `Idade
//! confirmada`) and age-group flags (`Senior`, `Senior citizen`, `Over 65`, `Rentner`).
//!
//! A passed age check says the contact is at least the age it checked: the number its
//! header names (`Over 21 verified`, `18+ verified`), else 18, the age online age gates
//! ask for (alcohol, tobacco, adult goods) and the one adult flags take (`Adult`). A
//! group flag's yes says the group's ages (`Senior`: 60 or more). A **no says nothing**:
//! "not verified" is the state of every contact never asked, and a failed check may be
//! a missing document as well as a young visitor, so a no is read as a blank, as a file
//! with no age column is; another age field still decides (the youngest plausible age
//! wins). Any other value (a number, `pending`) is read as an age field's value is.
//! Third new-user trial H1: such columns were ages kept as booleans, so every contact
//! was "age unknown", a review blocker on every campaign. Read by
//! [`super::minor_flag::read_field`]; the importer keeps the age role for such a column
//! (`import::age_roles`).

use super::age::MAX_PLAUSIBLE_AGE;
use super::age_group;
use crate::fields::classify::{FLAG_AGE, adult_flag_age};

/// Words that say a check was made or passed, folded, in the seven languages.
const CHECK: &[&str] = &[
    "verified",
    "verify",
    "verification",
    "confirmed",
    "confirm",
    "confirmation",
    "checked",
    "check",
    "gate",
    "gated",
    "passed",
    "pass",
    "validated",
    "validation",
    "proven",
    "proof",
    "approved",
    "ok",
    "verifiziert",
    "verifizierung",
    "verifikation",
    "bestatigt",
    "bestatigung",
    "gepruft",
    "prufung",
    "kontrolle",
    "kontrolliert",
    "nachweis",
    "verifie",
    "verifiee",
    "verification",
    "confirme",
    "confirmee",
    "controle",
    "controlee",
    "valide",
    "validee",
    "verificada",
    "verificado",
    "verificacion",
    "confirmada",
    "confirmado",
    "comprobada",
    "comprobado",
    "comprobacion",
    "validada",
    "validado",
    "verificata",
    "verificato",
    "verifica",
    "confermata",
    "confermato",
    "controllata",
    "controllato",
    "controllo",
    "accertata",
    "geverifieerd",
    "verificatie",
    "bevestigd",
    "gecontroleerd",
    "gecheckt",
    "verificacao",
    "comprovada",
    "comprovado",
];

/// Words a label or question puts around the check (`Is age verified?`, `Customer age
/// confirmed`, `Verificación de edad`, `Verifica dell'età`).
const FILLER: &[&str] = &[
    "is", "has", "been", "was", "the", "of", "status", "flag", "customer", "contact", "user",
    "member", "client", "id", "ist", "wurde", "der", "des", "kunde", "est", "de", "du", "la", "le",
    "l", "d", "el", "del", "fue", "esta", "e", "della", "dell", "di", "is", "van", "de", "da",
    "do", "foi", "cliente", "and",
];

/// The age and adult words such a header checks (`age`, `Alter`, `âge`, `edad`, `età`,
/// `leeftijd`, `idade`), folded. Not `DOB`: `DOB verified` says the date of birth on
/// record was checked, not that the contact is of age.
const AGE: &[&str] = &[
    "age",
    "ages",
    "alter",
    "alters",
    "edad",
    "eta",
    "leeftijd",
    "idade",
    "wiek",
    "alder",
    "over",
    "plus",
    "adult",
    "volljahrigkeit",
];

/// Compounds that join an age word and a check word (`Altersprüfung`,
/// `Leeftijdsverificatie`, `ageverified`).
const PREFIXES: &[&str] = &["alters", "leeftijds", "age"];

/// The ages a yes in a yes/no column headed `header` (a header or a field name) says
/// when it is an age check or an age-group flag (see the module header): `(youngest,
/// oldest)`; `None` for any other header.
pub fn yes_ages(header: &str) -> Option<(i64, i64)> {
    check_age(header)
        .map(|age| (i64::from(age), MAX_PLAUSIBLE_AGE))
        .or_else(|| group_flag(header))
}

/// The age an age-check header says a yes is at least: its number from 12 to 21
/// (`Over 21 verified`), else [`FLAG_AGE`]; `None` when the header is no age check
/// (a check word and an age word, and nothing else but fillers and a number).
pub fn check_age(header: &str) -> Option<u32> {
    let said = crate::fields::classify::header_words(header);
    let mut checked = false;
    let mut aged = false;
    let mut number = None;
    let mut rest = Vec::new();
    for w in &said {
        if CHECK.contains(&w.as_str()) {
            checked = true;
        } else if let Some(tail) = PREFIXES.iter().find_map(|p| w.strip_prefix(p))
            && CHECK.contains(&tail)
        {
            (checked, aged) = (true, true);
        } else if let Ok(n) = w.parse::<u32>() {
            number = Some(n);
            rest.push(w.as_str());
        } else if AGE.contains(&w.as_str()) {
            aged = true;
            rest.push(w.as_str());
        } else if !FILLER.contains(&w.as_str()) {
            return None;
        }
    }
    let number = number.filter(|n| (12..=21).contains(n));
    let adult = adult_flag_age(&rest.join(" "));
    (checked && (aged || number.is_some())).then(|| adult.or(number).unwrap_or(FLAG_AGE))
}

/// Words that make a header the time of something (`Age verified at`, `Age check
/// date`, `Fecha de verificación de edad`).
const WHEN: &[&str] = &[
    "at",
    "on",
    "date",
    "time",
    "timestamp",
    "when",
    "datum",
    "zeit",
    "am",
    "le",
    "fecha",
    "data",
    "em",
    "il",
    "op",
    "tijd",
];

/// Whether `header` names the time of an age check (`Age verified at`, `Age check
/// date`): with a date it says when the contact was checked, not how old they are. A
/// checked date of birth (`DOB verified` holding dates) is a date of birth.
pub fn check_time(header: &str) -> bool {
    let said = crate::fields::classify::header_words(header);
    if said.iter().any(|w| w == "dob") {
        return false;
    }
    let rest: Vec<&str> = said
        .iter()
        .map(String::as_str)
        .filter(|w| !WHEN.contains(w))
        .collect();
    check_age(&rest.join(" ")).is_some()
}

/// The ages an age-group header's yes says (`Senior` → 60 or more, `Over 65` → 65 or
/// more, `Senior citizen`): the first word or pair of words that reads as an age group
/// ([`age_group::parse`]). A yes/no column is only read so when the classifier made it
/// an age (the dictionary's age bands).
fn group_flag(header: &str) -> Option<(i64, i64)> {
    let said = crate::fields::classify::header_words(header);
    let whole = age_group::parse(&said.join(" "));
    let piece = || {
        (0..said.len()).find_map(|i| {
            let two = said.get(i..i + 2).map(|p| p.join(" "));
            two.and_then(|t| age_group::parse(&t))
                .or_else(|| age_group::parse(&said[i]))
        })
    };
    whole.or_else(piece).map(|g| (g.youngest, g.oldest))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// By hand: the trial's headers and their translations give 18 unless they name an
    /// age; headers that are no check give nothing.
    #[test]
    fn age_checks_give_their_age() {
        for (header, age) in [
            ("Age verified", 18),
            ("Age gate passed", 18),
            ("Over 18 verified", 18),
            ("Age confirmed", 18),
            ("age_verified", 18),
            ("AgeVerified", 18),
            ("Is age verified?", 18),
            ("Verified 21+", 21),
            ("Over 21 verified", 21),
            ("Altersprüfung", 18),
            ("Alter bestätigt", 18),
            ("Âge vérifié", 18),
            ("Verificación de edad", 18),
            ("Edad verificada", 18),
            ("Età verificata", 18),
            ("Verifica dell'età", 18),
            ("Leeftijd geverifieerd", 18),
            ("Leeftijdsverificatie", 18),
            ("Idade confirmada", 18),
        ] {
            assert_eq!(check_age(header), Some(age), "{header}");
        }
        for header in [
            "Age",
            "Verified",
            "Email verified",
            "Account age verified",
            "Over 18",
            "Age group",
            "Phone confirmed",
            "DOB verified",
        ] {
            assert_eq!(check_age(header), None, "{header}");
        }
        for header in ["Age verified at", "Age check date", "Age verified"] {
            assert!(check_time(header), "{header}");
        }
        assert!(!check_time("Date of birth"));
        assert!(!check_time("DOB verified"));
    }

    /// By hand: a senior is 60 or more (assets/age-groups.toml), `Over 65` 65 or more.
    #[test]
    fn group_flags_give_the_groups_ages() {
        assert_eq!(yes_ages("Senior"), Some((60, MAX_PLAUSIBLE_AGE)));
        assert_eq!(yes_ages("Senior citizen"), Some((60, MAX_PLAUSIBLE_AGE)));
        assert_eq!(yes_ages("Over 65"), Some((65, MAX_PLAUSIBLE_AGE)));
        assert_eq!(yes_ages("Age verified"), Some((18, MAX_PLAUSIBLE_AGE)));
        assert_eq!(yes_ages("Age"), None);
        assert_eq!(yes_ages("Date of birth"), None);
    }
}
