//! Tests of [`super`]: changing a field's class or role by hand.

use super::*;
use crate::fields::FieldType;

fn ws_with(field: &Field) -> Workspace {
    let mut ws = Workspace::open_in_memory().unwrap();
    ws.write(|tx| store::add(tx, field, "test", None)).unwrap();
    ws
}

#[test]
fn downgrade_is_audited_with_reason() {
    let diet = Field {
        name: "diet".into(),
        header: "Diet".into(),
        ty: FieldType::Text,
        role: Role::None,
        class: PrivacyClass::SpecialCategory,
        reason: "values halal, kosher: religion".into(),
        kind: Some("religion".into()),
    };
    let mut ws = ws_with(&diet);
    let change = set(
        &mut ws,
        "diet",
        Some(PrivacyClass::Ordinary),
        None,
        "menu choice only, no belief implied",
        "ana",
    )
    .unwrap();
    assert!(change.downgrade);
    assert_eq!(
        store::get(ws.conn(), "diet").unwrap().unwrap().class,
        PrivacyClass::Ordinary
    );
    let log = audit::entries(ws.conn()).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].action, "field.set");
    assert_eq!(
        log[0].detail["reason"],
        "menu choice only, no belief implied"
    );
    assert_eq!(log[0].detail["class"]["before"], "special_category");
}

#[test]
fn lowering_protection_needs_a_real_reason() {
    let dob = Field {
        name: "date_of_birth".into(),
        header: "Date of Birth".into(),
        ty: FieldType::Date,
        role: Role::DateOfBirth,
        class: PrivacyClass::Protected,
        reason: "r".into(),
        kind: None,
    };
    let mut ws = ws_with(&dob);
    // The class alone cannot go below what the role implies, however good the reason
    // (trial 9, F-H4b); taking the role away with it is a downgrade like any other.
    let err = set(
        &mut ws,
        "date_of_birth",
        Some(PrivacyClass::Ordinary),
        None,
        "the signup day, not a birth date at all",
        "ana",
    )
    .unwrap_err();
    assert!(matches!(err, ChangeError::ClassBelowRole { .. }), "{err}");
    for (class, role) in [
        (Some(PrivacyClass::Ordinary), Some(Role::None)),
        (None, Some(Role::None)),
    ] {
        let err = set(&mut ws, "date_of_birth", class, role, "x", "ana").unwrap_err();
        assert!(matches!(err, ChangeError::ReasonTooShort { .. }), "{err}");
        // Issue 10, item 5: twenty zero-width spaces are twenty characters and no
        // words; twenty soft hyphens the same.
        for invisible in ["\u{200b}", "\u{ad}"] {
            let err = set(
                &mut ws,
                "date_of_birth",
                class,
                role,
                &invisible.repeat(20),
                "ana",
            )
            .unwrap_err();
            assert!(err.to_string().contains("no visible text"), "{err}");
        }
    }
    // Raising protection or a harmless change needs only some reason.
    let up = set(
        &mut ws,
        "date_of_birth",
        Some(PrivacyClass::SpecialCategory),
        None,
        "x",
        "ana",
    )
    .unwrap();
    assert!(!up.downgrade);
    assert!(audit::entries(ws.conn()).unwrap().len() == 1);
    let down = set(
        &mut ws,
        "date_of_birth",
        None,
        Some(Role::None),
        "not a birth date: the signup day",
        "ana",
    )
    .unwrap();
    assert!(down.downgrade);
    // The classifier's verdict stays beside the change, with who and why.
    let p = store::provenance_of(ws.conn(), "date_of_birth")
        .unwrap()
        .unwrap();
    assert_eq!(p.classifier_role, Role::DateOfBirth);
    assert_eq!(p.classifier_class, PrivacyClass::Protected);
    let changed = p.changed.unwrap();
    assert_eq!(changed.by, "ana");
    assert_eq!(changed.reason, "not a birth date: the signup day");
}

#[test]
fn unknown_field_suggests_and_changes_nothing() {
    let f = Field {
        name: "first_name".into(),
        header: "First Name".into(),
        ty: FieldType::Text,
        role: Role::Name,
        class: PrivacyClass::DirectIdentifier,
        reason: "r".into(),
        kind: None,
    };
    let mut ws = ws_with(&f);
    let err = set(&mut ws, "frist_name", None, Some(Role::None), "x", "ana").unwrap_err();
    assert_eq!(
        err.to_string(),
        "no field `frist_name`; did you mean `first_name`?"
    );
    assert!(matches!(
        set(&mut ws, "first_name", None, Some(Role::None), "  ", "ana"),
        Err(ChangeError::ReasonRequired { .. })
    ));
    // Zero-width spaces are no reason either.
    assert!(matches!(
        set(
            &mut ws,
            "first_name",
            None,
            Some(Role::None),
            "\u{200b}\u{200b}",
            "ana"
        ),
        Err(ChangeError::ReasonRequired { .. })
    ));
    assert!(audit::entries(ws.conn()).unwrap().is_empty());
}
