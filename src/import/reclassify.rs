//! Re-imports reclassify upward, never downward (issue 10, item 2).
//!
//! A file that brings values into a field the workspace already has is classified like
//! any other; when its values make the field special category data or a protected trait
//! (religion terms arriving in a `notes` column, gender values in `segment`) and the
//! field is less protected, the field is raised and the import report says so, naming
//! the field, the new class and the values that decided it. A field a person lowered
//! (`fields set`) is not raised behind their back: it keeps its class, the report says
//! the new values would have raised it, and the classifier's verdict on record is
//! raised, so review lists the field as a lowered protection. Nothing is ever lowered:
//! values that look ordinary say nothing about the values already stored.
//!
//! Only the sensitive classes raise a field: a direct identifier or quasi-identifier
//! verdict from values alone would change how exports treat a column without a
//! safeguard gaining anything. Roles are kept as they are (a role decides what the
//! minor, consent and address checks read, and changes only by a person's hand).
//! Called by `analyse` for every existing field; `load` stores the result and audits
//! it (`field.reclassified`). `import undo` keeps a raised class: more protection is
//! never a change to take back silently.

use serde::Serialize;

use crate::fields::classify::Classification;
use crate::fields::provenance::Provenance;
use crate::fields::{Field, PrivacyClass};

/// What a file's values did to an existing field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reclassification {
    /// The classifier's verdict to store (raised to the new class).
    pub provenance: Provenance,
    /// True when the field itself was raised; false when a person's lower class was
    /// kept.
    pub raised: bool,
    /// The class before.
    pub from: PrivacyClass,
    /// The class the values call for.
    pub to: PrivacyClass,
    /// The report's warning.
    pub warning: String,
}

/// Compare `field` (as stored, with its provenance) with what this file's values say
/// (`new`, from the classifier), from the file `file`. Returns the field to store and
/// the reclassification, if any.
pub fn upward(
    field: &Field,
    provenance: &Provenance,
    new: &Classification,
    file: &str,
) -> (Field, Option<Reclassification>) {
    let stricter_than_field = new.class < field.class;
    let stricter_than_classifier = new.class < provenance.classifier_class;
    if !new.class.is_blocked_by_default() || !(stricter_than_field || stricter_than_classifier) {
        return (field.clone(), None);
    }
    let kind = new
        .kind
        .as_ref()
        .map(|k| format!(" ({k})"))
        .unwrap_or_default();
    let mut verdict = provenance.clone();
    if stricter_than_classifier {
        verdict.classifier_class = new.class;
        verdict.classifier_reason = format!("re-import of {file}: {}", new.reason);
    }
    if !stricter_than_field {
        // A person raised the field already; only the verdict on record moves.
        let warning = format!(
            "field {}: the values of {file} are {}{kind} ({}); the field is already {}",
            field.name,
            new.class.label(),
            new.reason,
            field.class.label()
        );
        return (
            field.clone(),
            Some(Reclassification {
                provenance: verdict,
                raised: false,
                from: field.class,
                to: new.class,
                warning,
            }),
        );
    }
    if provenance.class_lowered(field) {
        let warning = format!(
            "field {} was lowered to {} {}; the new values of {file} would have raised it to {}{kind} ({}); it stays {}, and review lists it as a lowered protection",
            field.name,
            field.class.label(),
            provenance.who_when_why(),
            new.class.label(),
            new.reason,
            field.class.label()
        );
        return (
            field.clone(),
            Some(Reclassification {
                provenance: verdict,
                raised: false,
                from: field.class,
                to: new.class,
                warning,
            }),
        );
    }
    let mut raised = field.clone();
    raised.class = new.class;
    raised.kind = new.kind.clone();
    raised.reason = format!("re-import of {file}: {}", new.reason);
    let warning = format!(
        "field {} reclassified from {} to {}{kind}: {}; rules and messages now need an unlock to use it",
        field.name,
        field.class.label(),
        new.class.label(),
        new.reason
    );
    (
        raised,
        Some(Reclassification {
            provenance: verdict,
            raised: true,
            from: field.class,
            to: new.class,
            warning,
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::provenance::PersonChange;
    use crate::fields::{FieldType, Role};

    fn note() -> Field {
        Field {
            name: "note".into(),
            header: "Note".into(),
            ty: FieldType::Text,
            role: Role::None,
            class: PrivacyClass::Ordinary,
            reason: "no sensitive header word".into(),
            kind: None,
        }
    }

    fn religion() -> Classification {
        Classification {
            role: Role::None,
            class: PrivacyClass::SpecialCategory,
            kind: Some("religion".into()),
            reason: "100% of values are religion terms (muslim, jewish)".into(),
        }
    }

    #[test]
    fn sensitive_values_raise_an_ordinary_field() {
        let f = note();
        let (stored, r) = upward(&f, &Provenance::of_new(&f), &religion(), "b.csv");
        let r = r.unwrap();
        assert!(r.raised);
        assert_eq!(stored.class, PrivacyClass::SpecialCategory);
        assert_eq!(stored.kind.as_deref(), Some("religion"));
        assert_eq!(r.provenance.classifier_class, PrivacyClass::SpecialCategory);
        assert!(
            r.warning
                .contains("field note reclassified from ordinary to special category (religion)")
        );
        assert!(r.warning.contains("muslim, jewish"));
    }

    #[test]
    fn a_field_a_person_lowered_is_not_raised_but_the_report_says_so() {
        let mut f = note();
        f.class = PrivacyClass::SpecialCategory;
        let mut p = Provenance::of_new(&f);
        f.class = PrivacyClass::Ordinary;
        p.changed = Some(PersonChange {
            by: "ana".into(),
            at: "2026-11-01T10:00:00Z".into(),
            reason: "free text, no beliefs recorded".into(),
        });
        let (stored, r) = upward(&f, &p, &religion(), "b.csv");
        let r = r.unwrap();
        assert!(!r.raised);
        assert_eq!(stored.class, PrivacyClass::Ordinary);
        assert!(
            r.warning
                .contains("would have raised it to special category (religion)")
        );
        assert!(r.warning.contains("free text, no beliefs recorded"));
    }

    #[test]
    fn never_downward_and_only_sensitive_classes() {
        let mut f = note();
        f.class = PrivacyClass::Protected;
        let ordinary = Classification {
            class: PrivacyClass::Ordinary,
            kind: None,
            ..religion()
        };
        assert_eq!(
            upward(&f, &Provenance::of_new(&f), &ordinary, "b.csv").1,
            None
        );
        let f = note();
        let emails = Classification {
            class: PrivacyClass::DirectIdentifier,
            kind: Some("email".into()),
            ..religion()
        };
        assert_eq!(
            upward(&f, &Provenance::of_new(&f), &emails, "b.csv").1,
            None
        );
    }
}
