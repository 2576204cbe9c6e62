//! Where a field's class and role came from: what the classifier gave it, kept beside the
//! current class and role, and the last change a person made (who, when, why).
//!
//! A person may lower a field's protection with a written reason (`fields set`, the TUI's
//! Fields screen); the classifier's verdict stays on record so review can list every
//! lowered protection a campaign relies on (issue 10, item 3). A re-import whose values
//! say more raises the classifier's verdict, never lowers it ([`crate::import`]).
//! Stored in the `fields` table (`workspace::fields`), schema version 6.

use serde::Serialize;

use super::change::is_safeguard_role;
use super::{Field, PrivacyClass, Role};

/// The last change a person made to a field's class or role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonChange {
    /// Who (`$TACTFUL_ACTOR` or the login name).
    pub by: String,
    /// RFC 3339 UTC.
    pub at: String,
    /// The reason as typed.
    pub reason: String,
}

/// What the classifier gave one field, and the last change a person made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    pub field: String,
    pub classifier_class: PrivacyClass,
    pub classifier_role: Role,
    /// The classifier's reason ("header token `yob`: birth year ...").
    pub classifier_reason: String,
    /// `None` when no person changed the field.
    pub changed: Option<PersonChange>,
    /// The last safeguard role a person gave a field of this name (kept through
    /// `import undo`, `workspace::decisions`): taking it away removes a safeguard as
    /// much as taking away the classifier's (new-user trial 8, M5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given_role: Option<Role>,
}

impl Provenance {
    /// The provenance of a field nobody changed: the classifier's verdict is the field's.
    pub fn of_new(field: &Field) -> Self {
        Provenance {
            field: field.name.clone(),
            classifier_class: field.class,
            classifier_role: field.role,
            classifier_reason: field.reason.clone(),
            changed: None,
            given_role: None,
        }
    }

    /// True when `field`'s class is less protected than the classifier's (the order of
    /// [`PrivacyClass`]: most protected first).
    pub fn class_lowered(&self, field: &Field) -> bool {
        field.class > self.classifier_class
    }

    /// The safeguard role the classifier or a person gave and the field no longer has,
    /// if any (date of birth, birth year, age, tags, consent, e-mail, phone: see
    /// [`is_safeguard_role`]); the classifier's first.
    pub fn removed_safeguard(&self, field: &Field) -> Option<Role> {
        [Some(self.classifier_role), self.given_role]
            .into_iter()
            .flatten()
            .find(|r| is_safeguard_role(*r) && field.role != *r)
    }

    /// Who gave `role`: `from the classifier` when it is the classifier's, else `given
    /// by a person`.
    pub fn role_source(&self, role: Role) -> &'static str {
        if role == self.classifier_role {
            "from the classifier"
        } else {
            "given by a person"
        }
    }

    /// The more protected of the field's class and the classifier's: what the policy
    /// would say had nobody lowered it.
    pub fn strictest_class(&self, field: &Field) -> PrivacyClass {
        field.class.min(self.classifier_class)
    }

    /// "by ana at 2026-11-01T10:00:00Z: \"reason\"", or "by nobody on record".
    pub fn who_when_why(&self) -> String {
        match &self.changed {
            Some(c) => format!("by {} at {}: \"{}\"", c.by, c.at, c.reason),
            None => "with no change on record".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::FieldType;

    #[test]
    fn lowered_class_and_removed_safeguard_compare_with_the_classifier() {
        let mut yob = Field {
            name: "yob".into(),
            header: "YOB".into(),
            ty: FieldType::Integer,
            role: Role::BirthYear,
            class: PrivacyClass::Protected,
            reason: "header token `yob`".into(),
            kind: Some("birth_year".into()),
        };
        let p = Provenance::of_new(&yob);
        assert!(!p.class_lowered(&yob));
        assert_eq!(p.removed_safeguard(&yob), None);
        yob.class = PrivacyClass::Ordinary;
        yob.role = Role::None;
        assert!(p.class_lowered(&yob));
        assert_eq!(p.removed_safeguard(&yob), Some(Role::BirthYear));
        assert_eq!(p.strictest_class(&yob), PrivacyClass::Protected);
        // Raising is not lowering; a non-safeguard role is not a safeguard.
        yob.class = PrivacyClass::SpecialCategory;
        assert!(!p.class_lowered(&yob));
        let mut name = yob.clone();
        name.role = Role::Name;
        let p = Provenance::of_new(&name);
        name.role = Role::None;
        assert_eq!(p.removed_safeguard(&name), None);
        // A safeguard role a person gave counts as the classifier's does.
        let mut p = Provenance::of_new(&name);
        p.given_role = Some(Role::DateOfBirth);
        assert_eq!(p.removed_safeguard(&name), Some(Role::DateOfBirth));
        assert_eq!(p.role_source(Role::DateOfBirth), "given by a person");
        name.role = Role::DateOfBirth;
        assert_eq!(p.removed_safeguard(&name), None);
    }
}
