//! Issue 11 item 3, the rule editor: multi-line rules are kept (typed with Alt+Enter,
//! or pasted), a leading `# comment` ends at its line, Ctrl+U clears the cursor's
//! line, long lines wrap instead of scrolling out of view, and Esc with unsaved text
//! asks first (see `tui_segments` for the question itself).

#[path = "tui_common/mod.rs"]
mod common;
#[path = "tui_segments_fixture/mod.rs"]
mod fixture;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use fixture::{ctrl, key, on_segments, press, shop, type_text};
use tactful::tui::app::App;
use tactful::tui::screens::segments::message::Reach;

fn rows(app: &App, w: u16, h: u16) -> Vec<String> {
    let t = common::draw(app, w, h);
    t.backend()
        .buffer()
        .content
        .chunks(usize::from(w))
        .map(|r| r.iter().map(|c| c.symbol()).collect::<String>())
        .collect()
}

#[test]
fn alt_enter_breaks_the_line_and_a_comment_line_does_not_swallow_the_rule() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 80, 24);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    type_text(&mut app, &mut ws, "# Berlin only");
    press(
        &mut app,
        &mut ws,
        Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)),
    );
    type_text(&mut app, &mut ws, "city is \"Berlin\"");
    assert_eq!(common::rule_text(&app), "# Berlin only\ncity is \"Berlin\"");
    // Berlin: ana, ben, dev.
    assert_eq!(
        app.segments.editor.as_ref().unwrap().reach,
        Some(Ok(Reach {
            reach: 3,
            audience: 6
        }))
    );
    // The editor is drawn from body row 2: the rule's two lines on screen rows 6 and 7.
    let screen = rows(&app, 80, 24);
    assert!(screen[6].starts_with("> # Berlin only"), "{screen:#?}");
    assert!(screen[7].starts_with("  city is \"Berlin\""), "{screen:#?}");
    // Ctrl+U clears the cursor's line only.
    press(&mut app, &mut ws, ctrl('u'));
    assert_eq!(common::rule_text(&app), "# Berlin only\n");
}

#[test]
fn a_long_rule_wraps_onto_the_next_row() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 80, 24);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    // 77 columns for the rule at width 80 (from column 2, one short of the edge).
    let long = "city is \"Berlin\" or city is \"Hamburg\" or city is \"Lyon\" or city is \"München\" or tags has \"vip\"";
    type_text(&mut app, &mut ws, long);
    let screen = rows(&app, 80, 24);
    let first: String = long.chars().take(77).collect();
    let rest: String = long.chars().skip(77).collect();
    assert_eq!(
        screen[6].chars().skip(2).take(77).collect::<String>(),
        first,
        "{screen:#?}"
    );
    assert!(
        screen[7]
            .chars()
            .skip(2)
            .collect::<String>()
            .starts_with(&rest),
        "{screen:#?}"
    );
}

#[test]
fn a_word_moves_whole_to_the_next_row_and_the_caret_follows_it() {
    let mut ws = shop();
    let mut app = on_segments(&mut ws, 80, 24);
    press(&mut app, &mut ws, key(KeyCode::Char('n')));
    // `totl_spent` (no such field) starts at character 75 of the rule: cut by
    // characters at 77 columns it would be split "to" / "tl_spent"; wrapped by words,
    // row 0 ends with "or " (75 characters) and row 1 starts with the whole word.
    let long = "city is \"Berlin\" or city is \"Hamburg\" or city is \"Ulm\" or city is \"Ulm\" or totl_spent >= 100";
    assert_eq!(long.find("totl"), Some(75));
    type_text(&mut app, &mut ws, long);
    let screen = rows(&app, 80, 24);
    let first: String = long.chars().take(75).collect();
    assert_eq!(
        screen[6].chars().skip(2).collect::<String>(),
        format!("{first}   "),
        "{screen:#?}"
    );
    assert_eq!(
        screen[7].chars().skip(2).take(18).collect::<String>(),
        "totl_spent >= 100 ",
        "{screen:#?}"
    );
    // The error is on the rule's last row, so `^` marks its 10 characters on the row
    // under it, from the same column 2.
    assert_eq!(
        screen[8].chars().take(14).collect::<String>(),
        "  ^^^^^^^^^^  ",
        "{screen:#?}"
    );
}
