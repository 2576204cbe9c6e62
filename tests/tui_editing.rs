//! Issue 11 items 2 and 3, the text editing: the message body and the segment rule are
//! one multi-line editor (`ratatui-textarea`: undo Ctrl+Z, redo Ctrl+Y, word moves
//! Ctrl+Left/Right, Home/End) fed through our sanitising paste, and the free-text rule
//! editor offers the field's most common values where a value is typed.
//!
//! Driven through the keymap and the same `update` the event loop uses (`tui_common`).
//! Expected texts, cursors and counts are worked out by hand: the message body is
//! BR-15's Gold entry (`tui_campaign_support::GOLD_BODY`); the values and reaches come
//! from `tui_segments_fixture`'s six contacts (city: Berlin 3 = ana, ben, dev; Hamburg,
//! Lyon, München 1 each; tags: vip 3 = ana, chloe, eva; gold 2 = ana, dev).

#[path = "tui_common/mod.rs"]
mod common;
#[path = "tui_segments_fixture/mod.rs"]
mod fixture;
mod tui_campaign_support;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use fixture::{ctrl, key, on_segments, press, shop, type_text};
use tactful::tui::app::App;
use tactful::tui::message::CampaignMsg;
use tactful::tui::message::{Message, Screen};
use tactful::tui::screens::segments::message::Reach;
use tactful::workspace::Workspace;

fn ctrl_key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::CONTROL))
}

/// The Messages screen on BR-15 with the body editor focused on the Gold entry.
fn body_editor() -> (Workspace, App) {
    let mut ws = tui_campaign_support::br15();
    let mut app = common::app(&ws, 100, 30);
    common::send_mut(&mut app, &mut ws, Message::Refresh);
    common::send_mut(&mut app, &mut ws, Message::SwitchScreen(Screen::Messages));
    common::send_mut(&mut app, &mut ws, Message::Campaign(CampaignMsg::EditBody));
    assert_eq!(app.messages.body.text(), tui_campaign_support::GOLD_BODY);
    // GOLD_BODY's last line is `M1`: the editor opens after its 2 characters.
    assert_eq!(
        app.messages.body.cursor(),
        (1, 2),
        "the editor opens at the end"
    );
    // The tests below start from the first character.
    press(&mut app, &mut ws, key(KeyCode::Up));
    press(&mut app, &mut ws, key(KeyCode::Home));
    assert_eq!(app.messages.body.cursor(), (0, 0));
    (ws, app)
}

#[test]
fn the_message_editors_open_after_the_text_so_typing_adds_to_it() {
    let mut ws = tui_campaign_support::br15();
    let mut app = common::app(&ws, 100, 30);
    common::send_mut(&mut app, &mut ws, Message::Refresh);
    common::send_mut(&mut app, &mut ws, Message::SwitchScreen(Screen::Messages));
    // `e` edits the Gold entry's body; what is typed goes after `M1`.
    press(&mut app, &mut ws, key(KeyCode::Char('e')));
    type_text(&mut app, &mut ws, " ok");
    assert_eq!(
        app.messages.body.text(),
        "Hi {{ first_name | default(\"there\") }}\nM1 ok"
    );
    // Esc leaves the body; `t` edits the subject, and typing goes after it too.
    press(&mut app, &mut ws, key(KeyCode::Esc));
    press(&mut app, &mut ws, key(KeyCode::Char('t')));
    type_text(&mut app, &mut ws, "!");
    assert_eq!(
        app.messages.subject.value(),
        "S1 for {{ first_name | default(\"you\") }}!"
    );
    // Back in the body, the cursor is after the text again, not where it was put.
    press(&mut app, &mut ws, key(KeyCode::Esc));
    press(&mut app, &mut ws, key(KeyCode::Char('e')));
    press(&mut app, &mut ws, key(KeyCode::Home));
    press(&mut app, &mut ws, key(KeyCode::Esc));
    press(&mut app, &mut ws, key(KeyCode::Char('e')));
    assert_eq!(app.messages.body.cursor(), (1, 5), "after `M1 ok`");
}

#[test]
fn undo_and_redo_in_the_message_editor_restore_the_exact_text() {
    let (mut ws, mut app) = body_editor();
    let gold = tui_campaign_support::GOLD_BODY;
    press(&mut app, &mut ws, key(KeyCode::End));
    type_text(&mut app, &mut ws, "!?");
    let first_line = "Hi {{ first_name | default(\"there\") }}";
    assert_eq!(app.messages.body.text(), format!("{first_line}!?\nM1"));
    // Each typed character is one change: two undos take both back.
    press(&mut app, &mut ws, ctrl('z'));
    assert_eq!(app.messages.body.text(), format!("{first_line}!\nM1"));
    press(&mut app, &mut ws, ctrl('z'));
    assert_eq!(app.messages.body.text(), gold);
    press(&mut app, &mut ws, ctrl('y'));
    assert_eq!(app.messages.body.text(), format!("{first_line}!\nM1"));
    // A paste is one change.
    press(&mut app, &mut ws, Event::Paste(" and more".into()));
    assert_eq!(
        app.messages.body.text(),
        format!("{first_line}! and more\nM1")
    );
    press(&mut app, &mut ws, ctrl('z'));
    assert_eq!(app.messages.body.text(), format!("{first_line}!\nM1"));
    press(&mut app, &mut ws, ctrl('z'));
    assert_eq!(app.messages.body.text(), gold);
    // The draft follows the editor: the undone text is what would be saved.
    assert!(
        !app.messages.is_dirty(app.campaigns.current.as_ref()),
        "undone back to the saved text"
    );
}

#[test]
fn word_moves_and_home_end_land_where_counted_by_hand() {
    let (mut ws, mut app) = body_editor();
    // Line 0 `Hi {{ first_name | default("there") }}`: words (runs of letters, digits
    // and `_`, or of punctuation) start at 0 `Hi`, 3 `{{`, 6 `first_name`, 17 `|`,
    // 19 `default`, ...; the line is 38 characters long.
    for expected in [3, 6, 17] {
        press(&mut app, &mut ws, ctrl_key(KeyCode::Right));
        assert_eq!(app.messages.body.cursor(), (0, expected));
    }
    press(&mut app, &mut ws, ctrl_key(KeyCode::Left));
    assert_eq!(app.messages.body.cursor(), (0, 6));
    press(&mut app, &mut ws, key(KeyCode::End));
    assert_eq!(app.messages.body.cursor(), (0, 38));
    // From the end of a line the next word is the next line's start.
    press(&mut app, &mut ws, ctrl_key(KeyCode::Right));
    assert_eq!(app.messages.body.cursor(), (1, 0));
    press(&mut app, &mut ws, key(KeyCode::End));
    assert_eq!(app.messages.body.cursor(), (1, 2));
    press(&mut app, &mut ws, key(KeyCode::Home));
    assert_eq!(app.messages.body.cursor(), (1, 0));
    // A cursor move is no change: nothing to undo.
    press(&mut app, &mut ws, ctrl('z'));
    assert_eq!(app.messages.body.text(), tui_campaign_support::GOLD_BODY);
}

#[test]
fn a_paste_keeps_the_line_break_and_drops_the_escape() {
    // In the message body: ESC dropped, `[31m` kept as text, the line break kept.
    let (mut ws, mut app) = body_editor();
    press(&mut app, &mut ws, Event::Paste("a\u{1b}[31mb\nc".into()));
    assert_eq!(
        app.messages.body.text(),
        format!("a[31mb\nc{}", tui_campaign_support::GOLD_BODY)
    );
    assert_eq!(app.messages.body.cursor(), (1, 1));
    // In the segment rule, the same.
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 100, 30);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    press(&mut app, &mut ws, Event::Paste("a\u{1b}[31mb\nc".into()));
    assert_eq!(common::rule_text(&app), "a[31mb\nc");
}

#[test]
fn the_rule_editor_has_undo_and_word_moves_too() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 100, 30);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    type_text(&mut app, &mut ws, "city is \"Berlin\"");
    // `city is "Berlin"`: words (runs of one kind: letters, or punctuation) start at
    // 0, 5, 8 (`"`), 9 (`Berlin`) and 15 (the closing `"`); two steps left from 16.
    press(&mut app, &mut ws, ctrl_key(KeyCode::Left));
    press(&mut app, &mut ws, ctrl_key(KeyCode::Left));
    let cursor = app.segments.editor.as_ref().unwrap().rule.cursor();
    assert_eq!(cursor, (0, 9));
    press(&mut app, &mut ws, ctrl('z'));
    assert_eq!(common::rule_text(&app), "city is \"Berlin");
    press(&mut app, &mut ws, ctrl('y'));
    assert_eq!(common::rule_text(&app), "city is \"Berlin\"");
    assert_eq!(
        reach(&app),
        Some(Reach {
            reach: 3,
            audience: 6
        })
    );
}

fn reach(app: &App) -> Option<Reach> {
    app.segments
        .editor
        .as_ref()
        .unwrap()
        .reach
        .clone()
        .and_then(Result::ok)
}

/// The value suggestions the rule editor shows, with their counts.
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

fn pairs(values: &[(&str, u64)]) -> Vec<(String, u64)> {
    values.iter().map(|(v, n)| (v.to_string(), *n)).collect()
}

#[test]
fn typing_a_value_offers_the_fields_most_common_values_and_tab_inserts_one() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 100, 30);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    type_text(&mut app, &mut ws, "city is ");
    let all = pairs(&[("Berlin", 3), ("Hamburg", 1), ("Lyon", 1), ("München", 1)]);
    assert_eq!(offered(&app), all);
    type_text(&mut app, &mut ws, "\"");
    assert_eq!(offered(&app), all, "the opening quote keeps them");
    let text = common::screen_text(&app, 100, 30);
    assert!(text.contains("Most common values"), "{text}");
    // Values padded to the widest (Hamburg, München: 7 columns), then two spaces and
    // the count.
    let row = |want: &str| text.lines().any(|l| l.trim() == want);
    assert!(row("Berlin   3"), "{text}");
    assert!(row("München  1"), "{text}");
    // Tab takes the first (most contacts) and closes the quote: Berlin reaches 3 of 6.
    press(&mut app, &mut ws, key(KeyCode::Tab));
    assert_eq!(common::rule_text(&app), "city is \"Berlin\"");
    assert_eq!(
        reach(&app),
        Some(Reach {
            reach: 3,
            audience: 6
        })
    );
    assert_eq!(
        offered(&app),
        Vec::new(),
        "after the value nothing is offered"
    );
}

#[test]
fn typed_letters_narrow_and_down_enter_choose() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 100, 30);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    // `l` is in Berlin and Lyon (ignoring case), not in Hamburg or München.
    type_text(&mut app, &mut ws, "city = \"l");
    assert_eq!(offered(&app), pairs(&[("Berlin", 3), ("Lyon", 1)]));
    press(&mut app, &mut ws, key(KeyCode::Down));
    press(&mut app, &mut ws, key(KeyCode::Down));
    press(&mut app, &mut ws, key(KeyCode::Enter));
    // Lyon: eva alone.
    assert_eq!(common::rule_text(&app), "city = \"Lyon\"");
    assert_eq!(
        reach(&app),
        Some(Reach {
            reach: 1,
            audience: 6
        })
    );
    let e = app.segments.editor.as_ref().unwrap();
    assert_eq!(
        e.focus,
        tactful::tui::screens::segments::editor::Focus::Rule,
        "Enter took the value, it did not move on"
    );
}

#[test]
fn a_list_value_is_offered_after_a_comma() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 100, 30);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    type_text(&mut app, &mut ws, "tags has any (\"vip\", g");
    assert_eq!(offered(&app), pairs(&[("gold", 2)]));
    press(&mut app, &mut ws, key(KeyCode::Tab));
    type_text(&mut app, &mut ws, ")");
    // vip or gold: ana, chloe, eva, dev.
    assert_eq!(common::rule_text(&app), "tags has any (\"vip\", \"gold\")");
    assert_eq!(
        reach(&app),
        Some(Reach {
            reach: 4,
            audience: 6
        })
    );
}

#[test]
fn outside_a_value_tab_still_completes_field_names() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 100, 30);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    type_text(&mut app, &mut ws, "ci");
    assert_eq!(offered(&app), Vec::new());
    press(&mut app, &mut ws, key(KeyCode::Tab));
    assert_eq!(common::rule_text(&app), "city");
    // An unknown field has no values to offer.
    type_text(&mut app, &mut ws, " is \"Berlin\" and shoe_size is ");
    assert_eq!(offered(&app), Vec::new());
}
