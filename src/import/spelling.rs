//! Header spellings of the same common field: a later file's `E-mail`, `E-Mail
//! Address`, `Email Address` or `email_address` fills the workspace's e-mail field
//! instead of creating `e_mail` beside `email`.
//!
//! Exporters spell the few fields every contact list has in many ways. A field created
//! beside the one the workspace already has splits the people of the second file off
//! from it: their address is not where campaigns read it (the first e-mail field), so
//! they are `no_address`, and rules on `email` miss them (session 8 trial). So a column
//! whose field name (as [`super::normalise::snake_case`] gives it) is one of the
//! spellings below fills the stored field of the same common field: the one whose own
//! name or header is a spelling of it and whose role is the common field's (e-mail,
//! phone or name), preferring the field named as the common field. The rule reads
//! the names alone, never which file came first, so `email` after `E-mail` meets
//! `e_mail` exactly as `E-mail` after `email` meets `email`.
//!
//! What it leaves alone: a column whose own name is a stored field (it fills that one);
//! a `--map` (the user wins); names that say more than the common field (`Work Email`,
//! `Default Address Phone`, `Mobile`, `Customer Email`: another address, a postal
//! address's number, possibly a second number); a field whose role a person changed;
//! and two columns of one file (the second keeps its own name, with a warning, as a
//! layout rename does). Called by [`super::mapping::ColumnMap::build`].

use super::normalise::snake_case;
use crate::fields::{Field, Role};

/// One common field and the field names its headers are spelled as.
struct Common {
    field: &'static str,
    role: Role,
    spellings: &'static [&'static str],
}

/// The common fields and their spellings, as [`snake_case`] names (English, and the
/// German words the classifier reads: `E-Mail-Adresse`, `Telefon`, `Vorname`).
const COMMON: &[Common] = &[
    Common {
        field: "email",
        role: Role::Email,
        spellings: &[
            "email",
            "e_mail",
            "email_address",
            "e_mail_address",
            "emailaddress",
            "email_adresse",
            "e_mail_adresse",
        ],
    },
    Common {
        field: "phone",
        role: Role::Phone,
        spellings: &[
            "phone",
            "phone_number",
            "phonenumber",
            "phone_no",
            "telephone",
            "telephone_number",
            "tel",
            "telefon",
            "telefonnummer",
        ],
    },
    Common {
        field: "first_name",
        role: Role::Name,
        spellings: &[
            "first_name",
            "firstname",
            "given_name",
            "forename",
            "vorname",
        ],
    },
    Common {
        field: "last_name",
        role: Role::Name,
        spellings: &[
            "last_name",
            "lastname",
            "surname",
            "family_name",
            "nachname",
        ],
    },
];

/// The common field `name` (a field name) spells, if any.
fn common_of(name: &str) -> Option<&'static Common> {
    COMMON.iter().find(|c| c.spellings.contains(&name))
}

/// The stored field a column that would be named `name` fills because both spell the
/// same common field, when `name` is not a stored field itself: among `stored`, the
/// fields with the common field's role whose name or header spells it, the one named
/// as the common field first, else the first in column order. `None` when `name`
/// spells no common field, is stored itself, or no stored field matches.
pub fn same_field<'f>(name: &str, stored: &'f [Field]) -> Option<&'f Field> {
    if stored.iter().any(|f| f.name == name) {
        return None;
    }
    let common = common_of(name)?;
    let spells = |f: &Field| {
        [f.name.clone(), snake_case(&f.header)]
            .iter()
            .any(|n| common_of(n).is_some_and(|c| std::ptr::eq(c, common)))
    };
    let same: Vec<&Field> = stored
        .iter()
        .filter(|f| f.role == common.role && spells(f))
        .collect();
    same.iter()
        .find(|f| f.name == common.field)
        .or(same.first())
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::{FieldType, PrivacyClass};

    fn field(name: &str, header: &str, role: Role) -> Field {
        Field {
            name: name.into(),
            header: header.into(),
            ty: FieldType::Text,
            role,
            class: PrivacyClass::DirectIdentifier,
            reason: String::new(),
            kind: None,
        }
    }

    fn target(name: &str, stored: &[Field]) -> Option<String> {
        same_field(name, stored).map(|f| f.name.clone())
    }

    #[test]
    fn spellings_meet_the_stored_field_whichever_came_first() {
        let email = [field("email", "email", Role::Email)];
        for name in ["e_mail", "email_address", "e_mail_address"] {
            assert_eq!(target(name, &email).as_deref(), Some("email"), "{name}");
        }
        let e_mail = [field("e_mail", "E-mail", Role::Email)];
        assert_eq!(target("email", &e_mail).as_deref(), Some("e_mail"));
        let phone = [field("phone", "Phone", Role::Phone)];
        assert_eq!(target("phone_number", &phone).as_deref(), Some("phone"));
        let both = [
            field("e_mail", "E-mail", Role::Email),
            field("email", "Email", Role::Email),
        ];
        assert_eq!(target("email_address", &both).as_deref(), Some("email"));
    }

    #[test]
    fn other_fields_and_changed_roles_are_left_alone() {
        let stored = [
            field("email", "email", Role::Email),
            field("phone", "phone", Role::None),
            field("first_name", "First Name", Role::Name),
        ];
        // Its own field; not a common field's spelling; a role a person took away;
        // first and last names are two fields.
        assert_eq!(target("email", &stored), None);
        for name in [
            "work_email",
            "default_address_phone",
            "mobile",
            "customer_email",
        ] {
            assert_eq!(target(name, &stored), None, "{name}");
        }
        assert_eq!(target("phone_number", &stored), None);
        assert_eq!(target("surname", &stored), None);
        assert_eq!(target("firstname", &stored).as_deref(), Some("first_name"));
    }
}
