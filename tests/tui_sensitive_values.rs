//! Trial 8, L9: value suggestions (the rule editor's and the condition builder's) never
//! list a value of an ordinary field that is itself sensitive data a rule would refuse,
//! and say how many were left out and of which kinds.
//!
//! By hand, four contacts: tags `vip` 3 (ana, ben, cy), `gold` 2 (cy, dee), `muslim` 1
//! (ana: religion), `teen` 1 (dee: age, protected); notes `likes cats` 2 (cy, dee),
//! `diabetic` 1 (ana) and `pregnant - due March` 1 (ben), both health. Offered: tags
//! vip 3, gold 2 with "2 sensitive values not shown (age, religion)"; notes likes cats 2
//! with "2 sensitive values not shown (health)".

#[path = "tui_common/mod.rs"]
mod common;
#[path = "tui_segments_fixture/mod.rs"]
mod fixture;

use crossterm::event::KeyCode;
use fixture::{ctrl, key, on_segments, press, type_text};
use tactful::fields::{FieldType as T, PrivacyClass as C, Role};
use tactful::tui::app::App;
use tactful::workspace::Workspace;

fn workspace() -> Workspace {
    let fields = vec![
        common::field(
            "email",
            "Email",
            T::Text,
            Role::Email,
            C::DirectIdentifier,
            "header token `email`",
        ),
        common::field(
            "tags",
            "Tags",
            T::List,
            Role::Tags,
            C::Ordinary,
            "header token `tags`",
        ),
        common::field(
            "notes",
            "Notes",
            T::Text,
            Role::None,
            C::Ordinary,
            "no sensitive token",
        ),
    ];
    let contact = |v: [&str; 3]| {
        (
            v[0].to_string(),
            v.iter().map(|s| Some(s.to_string())).collect(),
        )
    };
    let contacts = vec![
        contact(["ana@example.com", "vip, muslim", "diabetic"]),
        contact(["ben@example.com", "vip", "pregnant - due March"]),
        contact(["cy@example.com", "vip, gold", "likes cats"]),
        contact(["dee@example.com", "gold, teen", "likes cats"]),
    ];
    common::workspace(&fields, &contacts)
}

fn pairs(values: &[(&str, u64)]) -> Vec<(String, u64)> {
    values.iter().map(|(v, n)| (v.to_string(), *n)).collect()
}

/// The rule editor's offered values.
fn offered(app: &App) -> Vec<(String, u64)> {
    let e = app.segments.editor.as_ref().unwrap();
    e.values.as_ref().map_or(Vec::new(), |v| {
        v.suggestions
            .shown()
            .into_iter()
            .map(|v| (v.value.clone(), v.contacts))
            .collect()
    })
}

#[test]
fn the_rule_editor_leaves_out_sensitive_values_and_counts_them() {
    let mut ws = workspace();
    let mut app = on_segments(&mut ws, 100, 30);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    type_text(&mut app, &mut ws, "tags has \"");
    assert_eq!(offered(&app), pairs(&[("vip", 3), ("gold", 2)]));
    let text = common::screen_text(&app, 100, 30);
    assert!(!text.contains("muslim") && !text.contains("teen"), "{text}");
    assert!(
        text.contains("2 sensitive values not shown (age, religion): rules cannot use them"),
        "{text}"
    );
    // Typing the start of a hidden value shows nothing of it.
    type_text(&mut app, &mut ws, "te");
    assert_eq!(offered(&app), Vec::new());
}

#[test]
fn the_condition_builder_leaves_out_sensitive_values_and_counts_them() {
    let mut ws = workspace();
    let mut app = on_segments(&mut ws, 100, 30);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    press(&mut app, &mut ws, ctrl('b'));
    // Fields: email, tags, notes (2).
    press(&mut app, &mut ws, key(KeyCode::Down));
    press(&mut app, &mut ws, key(KeyCode::Down));
    press(&mut app, &mut ws, key(KeyCode::Enter));
    press(&mut app, &mut ws, key(KeyCode::Enter));
    let b = app
        .segments
        .editor
        .as_ref()
        .unwrap()
        .builder
        .as_ref()
        .unwrap();
    let shown: Vec<(String, u64)> = b
        .suggestions
        .shown()
        .into_iter()
        .map(|v| (v.value.clone(), v.contacts))
        .collect();
    assert_eq!(shown, pairs(&[("likes cats", 2)]));
    let text = common::screen_text(&app, 100, 30);
    assert!(
        !text.contains("diabetic") && !text.contains("pregnant"),
        "{text}"
    );
    assert!(
        text.contains("2 sensitive values not shown (health): rules cannot use them"),
        "{text}"
    );
}
