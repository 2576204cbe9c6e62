//! A person's decisions come back with the field (new-user trial 8, M4).
//!
//! `fields set programme --class special_category --reason ...` raised a column the
//! classifier could not know (`P7` is the HIV support programme). Undoing the import
//! that created the field dropped it with its class, and importing the same file again
//! classified the column afresh: ordinary, so a rule and a subject on the programme
//! passed review with no unlock. Undo and re-import is the usual way to fix an import
//! mistake, and refusals and known minors already survive it; so do a person's
//! decisions now, kept by field name (`workspace::decisions`). When an import creates
//! a field a person decided about, it applies again what protects more, never less:
//! - the class a person set, when it is more protected than the file's classification;
//! - an age role a person gave (date of birth, birth year, age), when the file's
//!   classification gives the column no role, with the protected class it implies.
//!
//! A person's lowering is never applied again (the classifier's verdict stands until a
//! person lowers it anew). The report says what was applied, by whom, when and why; the
//! field keeps the file's classification as the classifier's verdict and the person's
//! change beside it (`load` stores both and audits `field.decision_applied`). Called
//! by [`super::columns::build`] for each new field.

use serde::Serialize;

use super::age_roles::is_age_role;
use crate::fields::provenance::Provenance;
use crate::fields::{Field, Role};
use crate::workspace::decisions::FieldDecision;

/// A person's decision applied to a new field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decided {
    /// The file's own classification of the column: the classifier's verdict on record.
    pub classifier: Provenance,
    /// Who decided, when and why (the person's change on record).
    pub by: String,
    pub at: String,
    pub reason: String,
    /// The report's warning.
    pub warning: String,
}

/// Apply `decision` to the new `field` from `file`, as the module header says. Returns
/// what was applied, or `None` when the decision protects no more than the file does.
pub fn reapply(field: &mut Field, decision: &FieldDecision, file: &str) -> Option<Decided> {
    let classifier = Provenance::of_new(field);
    let mut applied = Vec::new();
    if let Some(class) = decision.class.filter(|c| *c < field.class) {
        field.class = class;
        applied.push(format!("class {}", class.label()));
    }
    if let Some(role) = decision.role.filter(|r| is_age_role(*r))
        && field.role == Role::None
    {
        field.role = role;
        if let Some(implied) = role.implied_class().filter(|c| *c < field.class) {
            field.class = implied;
            applied.push(format!("class {}", implied.label()));
        }
        applied.push(format!("role {role}"));
    }
    if applied.is_empty() {
        return None;
    }
    if field.kind.is_none() && field.class.is_blocked_by_default() {
        field.kind = Some(if is_age_role(field.role) {
            field.role.as_str().to_string()
        } else {
            "set by a person".to_string()
        });
    }
    let text = |s: &str| crate::text::for_terminal(s).into_owned();
    field.reason = format!(
        "set by {}: {} (kept on record through import undo, applied again to {file})",
        decision.by, decision.reason
    );
    let warning = format!(
        "field {}: {} applied again, as {} decided at {} (\"{}\"); a person's decision about the field is kept on record through import undo; the file alone says class {}, role {}",
        field.name,
        applied.join(" and "),
        text(&decision.by),
        decision.at,
        text(&decision.reason),
        classifier.classifier_class.label(),
        classifier.classifier_role,
    );
    Some(Decided {
        classifier,
        by: decision.by.clone(),
        at: decision.at.clone(),
        reason: decision.reason.clone(),
        warning,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::{FieldType, PrivacyClass};

    fn programme() -> Field {
        Field {
            name: "programme".into(),
            header: "Programme".into(),
            ty: FieldType::Text,
            role: Role::None,
            class: PrivacyClass::Ordinary,
            reason: "no sensitive header word".into(),
            kind: None,
        }
    }

    fn decision(class: Option<PrivacyClass>, role: Option<Role>) -> FieldDecision {
        FieldDecision {
            name: "programme".into(),
            class,
            role,
            given_role: role,
            by: "ana".into(),
            at: "2026-11-01T10:00:00Z".into(),
            reason: "P7 is the HIV support programme".into(),
        }
    }

    #[test]
    fn a_raise_and_an_age_role_come_back_a_lowering_does_not() {
        let mut f = programme();
        let d = reapply(
            &mut f,
            &decision(Some(PrivacyClass::SpecialCategory), None),
            "pc.csv",
        )
        .unwrap();
        assert_eq!(f.class, PrivacyClass::SpecialCategory);
        assert_eq!(d.classifier.classifier_class, PrivacyClass::Ordinary);
        assert_eq!(
            d.warning,
            "field programme: class special category applied again, as ana decided at 2026-11-01T10:00:00Z (\"P7 is the HIV support programme\"); a person's decision about the field is kept on record through import undo; the file alone says class ordinary, role none"
        );
        let mut f = programme();
        reapply(&mut f, &decision(None, Some(Role::DateOfBirth)), "pc.csv").unwrap();
        assert_eq!(
            (f.role, f.class),
            (Role::DateOfBirth, PrivacyClass::Protected)
        );
        // A lowering, or a role that is no age, is not applied.
        let mut f = programme();
        f.class = PrivacyClass::Protected;
        assert_eq!(
            reapply(
                &mut f,
                &decision(Some(PrivacyClass::Ordinary), Some(Role::None)),
                "x"
            ),
            None
        );
        assert_eq!(f.class, PrivacyClass::Protected);
    }
}
