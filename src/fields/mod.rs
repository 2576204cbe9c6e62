//! Fields: the columns of the audience, with their type, role and privacy class.
//!
//! This module owns the vocabulary every other part of tactful speaks about data in:
//! [`FieldType`], [`Role`], [`PrivacyClass`], [`Channel`] and [`ConsentState`], and the
//! [`Field`] record that ties them to a column. The classifier that assigns roles and
//! classes lives in [`classify`]; what each class may be used for lives in [`policy`];
//! the one written form of an address lives in [`address`] (e-mail) and [`phone`]
//! (E.164); the sensitive values an ordinary field holds in [`held`].
//! Storage of field definitions is the workspace's job (`workspace::fields`).

pub mod address;
pub mod address_length;
pub mod address_obfuscated;
pub mod address_read;
pub mod change;
pub mod classify;
pub mod evidence;
pub mod held;
pub mod held_note;
pub mod idna;
pub mod kept;
pub mod look_alike;
pub mod money;
pub mod phone;
pub mod policy;
pub mod provenance;
pub mod value;
pub mod wrappers;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use evidence::ConsentEvidence;

/// The stored type of a field, inferred at import from every value of the column.
///
/// Storage in SQLite (declared types chosen for their affinity, see
/// <https://sqlite.org/datatype3.html#type_affinity>):
/// text, date, datetime and list are `TEXT`; integer and boolean are `INTEGER`
/// (booleans as 0/1); decimal is `REAL`. Dates are `YYYY-MM-DD` calendar dates with no
/// time zone; datetimes are RFC 3339 in UTC (`YYYY-MM-DDTHH:MM:SSZ`); lists are the
/// items joined by `", "`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    Text,
    Integer,
    Decimal,
    Boolean,
    Date,
    Datetime,
    List,
}

impl FieldType {
    /// Every type, in the order they are listed to users.
    pub const ALL: [FieldType; 7] = [
        FieldType::Text,
        FieldType::Integer,
        FieldType::Decimal,
        FieldType::Boolean,
        FieldType::Date,
        FieldType::Datetime,
        FieldType::List,
    ];

    /// The declared SQLite column type. `TEXT` (never `STRING`, which gets NUMERIC
    /// affinity and drops leading zeros: TablePlus#3926, case BR-05).
    pub fn sql_type(self) -> &'static str {
        match self {
            FieldType::Integer | FieldType::Boolean => "INTEGER",
            FieldType::Decimal => "REAL",
            FieldType::Text | FieldType::Date | FieldType::Datetime | FieldType::List => "TEXT",
        }
    }
}

/// What a field means to a campaign, independent of its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Email,
    Phone,
    Name,
    Address,
    Postcode,
    ContactKey,
    ConsentEmail,
    ConsentSms,
    Tags,
    DateOfBirth,
    /// A birth year (integer), used like a date of birth for the minor check.
    BirthYear,
    /// An age in whole years, used for the minor check.
    Age,
    None,
}

impl Role {
    /// Every role, in the order they are listed to users.
    pub const ALL: [Role; 13] = [
        Role::Email,
        Role::Phone,
        Role::Name,
        Role::Address,
        Role::Postcode,
        Role::ContactKey,
        Role::ConsentEmail,
        Role::ConsentSms,
        Role::Tags,
        Role::DateOfBirth,
        Role::BirthYear,
        Role::Age,
        Role::None,
    ];

    /// The least protected class a field with this role may have, where the role
    /// implies one: a date of birth, birth year or age is a protected trait (EU
    /// Directive 2000/78/EC; PRODUCT.md, "Privacy classes"), as the classifier makes
    /// such a column; an e-mail, phone, name, street address or contact key a direct
    /// identifier; a postcode a quasi-identifier. Giving a field the role raises its
    /// class to this one, never lowers it (`fields set`, import layouts). Consent and
    /// tags imply none.
    pub fn implied_class(self) -> Option<PrivacyClass> {
        match self {
            Role::DateOfBirth | Role::BirthYear | Role::Age => Some(PrivacyClass::Protected),
            Role::Email | Role::Phone | Role::Name | Role::Address | Role::ContactKey => {
                Some(PrivacyClass::DirectIdentifier)
            }
            Role::Postcode => Some(PrivacyClass::QuasiIdentifier),
            Role::ConsentEmail | Role::ConsentSms | Role::Tags | Role::None => None,
        }
    }

    /// The channel whose consent this field carries, if it is a consent field.
    pub fn consent_channel(self) -> Option<Channel> {
        match self {
            Role::ConsentEmail => Some(Channel::Email),
            Role::ConsentSms => Some(Channel::Sms),
            _ => None,
        }
    }
}

/// How sensitive a field is, and so where it may be used (see [`policy`]).
///
/// Ordered from most to least protected, so `a < b` means `a` is more protected and
/// moving a field from `a` to `b` is a downgrade that needs a written reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrivacyClass {
    /// Special category data (GDPR Art. 9(1)) and CPRA sensitive personal information
    /// (Cal. Civ. Code §1798.140(ae)): health, ethnicity, religion, sexual orientation,
    /// political opinion, union membership, genetic and biometric data, government IDs,
    /// card numbers, precise geolocation.
    SpecialCategory,
    /// Traits protected by anti-discrimination law (e.g. EU Directive 2000/78/EC, US
    /// ECOA/FHA): age, date of birth, sex or gender, marital or family status, nationality.
    Protected,
    /// Identifies a person on its own: name, e-mail, phone, street address.
    DirectIdentifier,
    /// Identifies a person in combination: postcode, city, birth year, job title.
    QuasiIdentifier,
    /// Per-channel consent state.
    Consent,
    /// Everything else: spend, order count, tags, last order date.
    Ordinary,
}

impl PrivacyClass {
    /// Every class, most protected first.
    pub const ALL: [PrivacyClass; 6] = [
        PrivacyClass::SpecialCategory,
        PrivacyClass::Protected,
        PrivacyClass::DirectIdentifier,
        PrivacyClass::QuasiIdentifier,
        PrivacyClass::Consent,
        PrivacyClass::Ordinary,
    ];

    /// Special-category and protected fields are blocked from rules and message text
    /// unless a campaign unlocks them.
    pub fn is_blocked_by_default(self) -> bool {
        matches!(
            self,
            PrivacyClass::SpecialCategory | PrivacyClass::Protected
        )
    }

    /// Human label used in reports.
    pub fn label(self) -> &'static str {
        match self {
            PrivacyClass::SpecialCategory => "special category",
            PrivacyClass::Protected => "protected trait",
            PrivacyClass::DirectIdentifier => "direct identifier",
            PrivacyClass::QuasiIdentifier => "quasi-identifier",
            PrivacyClass::Consent => "consent",
            PrivacyClass::Ordinary => "ordinary",
        }
    }
}

/// A campaign channel; each has its own consent state and address field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    pub const ALL: [Channel; 2] = [Channel::Email, Channel::Sms];
}

/// Per-channel consent of one contact.
///
/// `Withdrawn` and `Bounced` are sticky: a later import never turns them back into
/// `Granted` (PRODUCT.md, "Import rules"). `Declined` (the person said no) is turned
/// into `Granted` only by evidence of consent given after the refusal, or when the user
/// confirms the upgrade (`--accept-consent-upgrades`); `NotAsked` means nobody knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentState {
    Granted,
    NotAsked,
    Declined,
    Withdrawn,
    Bounced,
}

impl ConsentState {
    pub const ALL: [ConsentState; 5] = [
        ConsentState::Granted,
        ConsentState::NotAsked,
        ConsentState::Declined,
        ConsentState::Withdrawn,
        ConsentState::Bounced,
    ];

    /// True for states an import may never overwrite with `Granted`.
    pub fn is_sticky(self) -> bool {
        matches!(self, ConsentState::Withdrawn | ConsentState::Bounced)
    }

    /// True for a "no" recorded about the person: declined, withdrawn or bounced. A
    /// refusal outlives the file and the contact row that recorded it (`import undo`).
    pub fn is_refusal(self) -> bool {
        self.refusal_rank() > 0
    }

    /// How strong a refusal the state is: 0 for granted and not asked, 1 for declined
    /// (may become granted with later evidence), 2 for withdrawn and bounced (never
    /// granted again). `import undo` keeps the current state when it ranks above the
    /// one it would restore.
    pub fn refusal_rank(self) -> u8 {
        match self {
            ConsentState::Granted | ConsentState::NotAsked => 0,
            ConsentState::Declined => 1,
            ConsentState::Withdrawn | ConsentState::Bounced => 2,
        }
    }
}

/// One column of the audience.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// Normalised name (`accepts_email_marketing`): lower-case ASCII letters, digits and
    /// `_`, starting with a letter, unique in the workspace. Used in rules and templates.
    pub name: String,
    /// The header as it appeared in the first file that brought the field.
    pub header: String,
    #[serde(rename = "type")]
    pub ty: FieldType,
    pub role: Role,
    pub class: PrivacyClass,
    /// Why the class and role were given ("header token `dob`", "set by ana: ...").
    pub reason: String,
    /// The dictionary entry that decided the class (`health`, `gender`, `email`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// Error for a name that is not one of an enum's spellings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{given}`; expected one of: {expected}")]
pub struct ParseNameError {
    pub what: &'static str,
    pub given: String,
    pub expected: String,
}

macro_rules! snake_names {
    ($ty:ident, $what:literal, { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            /// The snake_case name used in the CLI, JSON and the workspace.
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $name),+ }
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl FromStr for $ty {
            type Err = ParseNameError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                // A name exactly as stored (every value the workspace holds) needs no
                // folding: read per contact by a preview, so no copy for it (issue 13).
                match s {
                    $($name => return Ok($ty::$variant),)+
                    _ => {}
                }
                let wanted = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                match wanted.as_str() {
                    $($name => Ok($ty::$variant),)+
                    _ => Err(ParseNameError {
                        what: $what,
                        given: s.to_string(),
                        expected: [$($name),+].join(", "),
                    }),
                }
            }
        }
    };
}

snake_names!(FieldType, "type", {
    Text => "text", Integer => "integer", Decimal => "decimal", Boolean => "boolean",
    Date => "date", Datetime => "datetime", List => "list",
});
snake_names!(Role, "role", {
    Email => "email", Phone => "phone", Name => "name", Address => "address",
    Postcode => "postcode", ContactKey => "contact_key", ConsentEmail => "consent_email",
    ConsentSms => "consent_sms", Tags => "tags", DateOfBirth => "date_of_birth",
    BirthYear => "birth_year", Age => "age", None => "none",
});
snake_names!(PrivacyClass, "privacy class", {
    SpecialCategory => "special_category", Protected => "protected",
    DirectIdentifier => "direct_identifier", QuasiIdentifier => "quasi_identifier",
    Consent => "consent", Ordinary => "ordinary",
});
snake_names!(Channel, "channel", { Email => "email", Sms => "sms" });
snake_names!(ConsentState, "consent state", {
    Granted => "granted", NotAsked => "not_asked", Declined => "declined",
    Withdrawn => "withdrawn", Bounced => "bounced",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_from_str() {
        for t in FieldType::ALL {
            assert_eq!(t.as_str().parse::<FieldType>().unwrap(), t);
        }
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>().unwrap(), r);
        }
        for c in PrivacyClass::ALL {
            assert_eq!(c.as_str().parse::<PrivacyClass>().unwrap(), c);
        }
        assert_eq!(
            "special-category".parse::<PrivacyClass>().unwrap(),
            PrivacyClass::SpecialCategory
        );
        assert!("secret".parse::<PrivacyClass>().is_err());
    }

    #[test]
    fn class_order_puts_most_protected_first() {
        assert!(PrivacyClass::SpecialCategory < PrivacyClass::Protected);
        assert!(PrivacyClass::Protected < PrivacyClass::Ordinary);
    }
}
