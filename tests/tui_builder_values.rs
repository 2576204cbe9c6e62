//! Issue 11 item 3: rule values are no longer guesswork, and the builder joins with
//! `and`, `or` and `not`. In the condition builder's value step the field's most common
//! values are offered with their counts (`segment::values::top_values`); Up/Down takes
//! one, typing narrows the list; Tab joins with `or`, Ctrl+N writes `not`.
//!
//! By hand from `tui_segments_fixture` (six contacts): city Berlin 3 (ana, ben, dev),
//! Hamburg 1, Lyon 1, München 1; tags vip 3 (ana, chloe, eva), gold 2 (ana, dev).

#[path = "tui_common/mod.rs"]
mod common;
#[path = "tui_segments_fixture/mod.rs"]
mod fixture;

use crossterm::event::KeyCode;
use fixture::{ctrl, key, on_segments, press, shop, type_text};
use tactful::tui::app::App;
use tactful::tui::screens::segments::message::Reach;
use tactful::workspace::Workspace;

/// Open the builder and pick the field `field` places down and the first operator.
fn to_value_step(app: &mut App, ws: &mut Workspace, field: usize) {
    press(app, ws, ctrl('b'));
    for _ in 0..field {
        press(app, ws, key(KeyCode::Down));
    }
    press(app, ws, key(KeyCode::Enter));
    press(app, ws, key(KeyCode::Enter));
}

fn shown(app: &App) -> Vec<(String, u64)> {
    let b = app
        .segments
        .editor
        .as_ref()
        .unwrap()
        .builder
        .as_ref()
        .unwrap();
    b.suggestions
        .shown()
        .into_iter()
        .map(|v| (v.value.clone(), v.contacts))
        .collect()
}

#[test]
fn the_value_step_offers_the_most_common_values_with_counts() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 100, 30);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    // Fields: email, first_name, city (2), religion, total_spent, tags (5).
    to_value_step(&mut app, &mut ws, 2);
    let expected: Vec<(String, u64)> = [("Berlin", 3), ("Hamburg", 1), ("Lyon", 1), ("München", 1)]
        .iter()
        .map(|(v, n)| (v.to_string(), *n))
        .collect();
    assert_eq!(shown(&app), expected);
    let text = common::screen_text(&app, 100, 30);
    assert!(
        text.contains("Most common values (Up/Down takes one):"),
        "{text}"
    );
    assert!(text.contains("  Berlin"), "{text}");
    press(&mut app, &mut ws, key(KeyCode::Down));
    press(&mut app, &mut ws, key(KeyCode::Down));
    press(&mut app, &mut ws, key(KeyCode::Enter));
    assert_eq!(common::rule_text(&app), "city is \"Hamburg\"");
}

#[test]
fn typing_narrows_the_suggestions() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 100, 30);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    to_value_step(&mut app, &mut ws, 2);
    type_text(&mut app, &mut ws, "MÜ");
    assert_eq!(shown(&app), [("München".to_string(), 1)]);
    press(&mut app, &mut ws, key(KeyCode::Down));
    press(&mut app, &mut ws, key(KeyCode::Enter));
    assert_eq!(common::rule_text(&app), "city is \"München\"");
}

#[test]
fn tab_joins_with_or_and_ctrl_n_negates() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 100, 30);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    to_value_step(&mut app, &mut ws, 2);
    press(&mut app, &mut ws, key(KeyCode::Down));
    press(&mut app, &mut ws, key(KeyCode::Enter));
    assert_eq!(common::rule_text(&app), "city is \"Berlin\"");
    to_value_step(&mut app, &mut ws, 5);
    assert_eq!(
        shown(&app),
        [("vip".to_string(), 3), ("gold".to_string(), 2)]
    );
    press(&mut app, &mut ws, key(KeyCode::Tab));
    press(&mut app, &mut ws, ctrl('n'));
    let text = common::screen_text(&app, 100, 30);
    assert!(text.contains("Tab: or  Ctrl+N: not"), "{text}");
    press(&mut app, &mut ws, key(KeyCode::Down));
    press(&mut app, &mut ws, key(KeyCode::Enter));
    assert_eq!(
        common::rule_text(&app),
        "city is \"Berlin\" or not tags has \"vip\""
    );
    // Berlin: ana, ben, dev; not vip: ben, dev, finn; either: ana, ben, dev, finn.
    assert_eq!(
        app.segments.editor.as_ref().unwrap().reach,
        Some(Ok(Reach {
            reach: 4,
            audience: 6
        }))
    );
}

#[test]
fn a_direct_identifier_offers_no_values() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 100, 30);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    // email: a direct identifier (every value is one person).
    to_value_step(&mut app, &mut ws, 0);
    assert!(shown(&app).is_empty());
    let text = common::screen_text(&app, 100, 30);
    assert!(
        text.contains("No values to suggest for this field."),
        "{text}"
    );
    // Locked special category fields are refused in the core (`segment::values` tests).
}
