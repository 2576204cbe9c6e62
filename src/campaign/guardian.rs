//! A parent's or guardian's contact column (`Guardian email`, `Parent email`,
//! `Parent's phone`, `Eltern E-Mail`, `E-mail du parent`, `Correo del tutor`) as a sign
//! of a child: a record that carries someone's guardian's address is a child's record,
//! since adults are not filed with one (new-user trial: a junior club's export with a
//! filled `Guardian email` column had no minor signal, and its children were
//! recipients). The minor check reads such a field wherever it is (whatever its role:
//! it is an e-mail or phone field as often as none): a filled value reads as 0 to 17
//! years old (under the age of majority, UN Convention on the Rights of the Child,
//! Art. 1), a blank says nothing. The rare adult with a legal guardian is excluded too:
//! the cautious side.
//!
//! The header must be only guardian words, contact words and fillers, one of each of
//! the first two at least, so `Parent company email`, `Parent account` or `Parent ID`
//! (a company or record hierarchy) are not read. Called by [`super::age::age_fields`]
//! and [`super::minor_flag::read_field`].

use super::age::AgeReading;
use crate::fields::value::Value;
use crate::workspace::{address_columns, phones};

/// Words naming a parent or guardian, folded ([`super::age_text::fold`]), in the seven
/// languages of the privacy dictionary (not Portuguese `pais`, which is Spanish for a
/// country: `Teléfono país`).
const GUARDIAN: &[&str] = &[
    "guardian",
    "guardians",
    "parent",
    "parents",
    "mother",
    "father",
    "mum",
    "mom",
    "dad",
    "erziehungsberechtigter",
    "erziehungsberechtigte",
    "erziehungsberechtigten",
    "eltern",
    "elternteil",
    "vater",
    "mutter",
    "sorgeberechtigter",
    "sorgeberechtigte",
    "tuteur",
    "tutrice",
    "responsable",
    "pere",
    "mere",
    "tutor",
    "tutora",
    "padre",
    "madre",
    "padres",
    "genitore",
    "genitori",
    "tutore",
    "ouder",
    "ouders",
    "voogd",
    "vader",
    "moeder",
    "pai",
    "mae",
    "responsavel",
];

/// Words naming a way to reach someone, folded.
const CONTACT: &[&str] = &[
    "email",
    "mail",
    "phone",
    "mobile",
    "cell",
    "tel",
    "telephone",
    "contact",
    "number",
    "telefon",
    "handy",
    "kontakt",
    "courriel",
    "portable",
    "correo",
    "electronico",
    "telefono",
    "movil",
    "celular",
    "contatto",
    "cellulare",
    "telefoon",
    "mobiel",
    "nummer",
    "contacto",
    "contato",
    "telemovel",
];

/// Words that may stand beside them (`Parent's email`, `Email of parent 1`, `E-Mail
/// der Eltern`, `Correo del padre`).
const FILLER: &[&str] = &[
    "s",
    "of",
    "the",
    "1",
    "2",
    "legal",
    "primary",
    "secondary",
    "address",
    "adresse",
    "der",
    "des",
    "du",
    "de",
    "del",
    "la",
    "le",
    "van",
    "da",
    "do",
    "dos",
    "das",
    "or",
    "and",
    "oder",
    "ou",
    "o",
    "y",
    "e",
    "en",
];

/// Whether field or header `name` is a parent's or guardian's contact (`Guardian
/// email`, `parent_phone`, `Eltern E-Mail`).
pub fn is_guardian_contact(name: &str) -> bool {
    let folded = super::age_text::fold(name);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| GUARDIAN.contains(w))
        && words.iter().any(|w| CONTACT.contains(w))
        && words
            .iter()
            .all(|w| GUARDIAN.contains(w) || CONTACT.contains(w) || FILLER.contains(w))
}

/// Whether contacts column `column` holds a guardian contact field's addresses: the
/// field's own column, its E.164 column (`_e164_parent_phone`) or its kept e-mail
/// column (`_was_email_guardian_email`). Such addresses are the parent's, never the
/// child's: a minor's addresses leave them out (new-user trial 11).
pub fn is_guardian_column(column: &str) -> bool {
    let field = (column.strip_prefix(&phones::e164_column("")))
        .or_else(|| column.strip_prefix(&address_columns::kept_email_column("")))
        .unwrap_or(column);
    is_guardian_contact(field)
}

/// What a guardian contact's `value` says: filled, a child (0 to 17); blank, nothing.
pub fn read(value: &Value) -> AgeReading {
    if value.is_blank() {
        AgeReading::Blank
    } else {
        AgeReading::Years {
            youngest: 0,
            oldest: 17,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guardian_contact_headers_are_read() {
        for h in [
            "Guardian email",
            "guardian_email",
            "Parent email",
            "Parent's email",
            "parent_s_email",
            "Parent 1 phone",
            "Email of parent",
            "Legal guardian e-mail",
            "Eltern E-Mail",
            "E-Mail der Eltern",
            "E-mail du parent",
            "Correo del tutor",
            "Email genitore",
            "E-mail ouder",
            "Email do responsável",
        ] {
            assert!(is_guardian_contact(h), "{h}");
        }
        for h in [
            "Email",
            "Parent company email",
            "Parent account",
            "Parent ID",
            "parent_category",
            "Guardian",
            "Mother's maiden name",
            "legal email",
        ] {
            assert!(!is_guardian_contact(h), "{h}");
        }
    }

    #[test]
    fn a_filled_value_reads_as_a_child() {
        assert_eq!(
            read(&Value::Text("mum@example.com".into())),
            AgeReading::Years {
                youngest: 0,
                oldest: 17
            }
        );
        assert_eq!(read(&Value::Null), AgeReading::Blank);
    }
}
