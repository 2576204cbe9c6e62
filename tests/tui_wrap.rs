//! Issue 11 item 3, long lines wrap: the message body editor soft-wraps a long line at
//! its width between words, draws the cursor on the wrapped row and column, and the
//! "Rendered for" sample shows the whole line; Left, Right, Backspace and Delete in the
//! editor act on whole grapheme clusters. Driven through the same keymap and `update`
//! as the event loop (`tui_common`), drawn at 80x24, on case BR-15
//! (`tui_campaign_support`). Positions are worked out by hand in the comments.

#[path = "tui_common/mod.rs"]
mod common;
mod tui_campaign_support;

use common::{app, draw, key, press, send, type_text};
use crossterm::event::KeyCode;
use ratatui::style::Modifier;
use tactful::tui::app::App;
use tactful::tui::message::{Message, Screen};
use tactful::tui::screens::messages::Focus;
use tactful::workspace::Workspace;
use tui_campaign_support::{GOLD_BODY, br15};

/// 100 characters, all ASCII, words split by single spaces.
const LONG: &str = "Our autumn sale starts on Monday and runs for two full weeks across every shop in the region, enjoy!";

/// BR-15 at 80x24 on the Messages screen, editing the Gold entry's body with the cursor
/// on a new third line after `GOLD_BODY` ("Hi {{ … }}" then "M1").
fn editing_a_new_line(ws: &mut Workspace) -> App {
    let mut a = app(ws, 80, 24);
    send(&mut a, ws, Message::Refresh);
    send(&mut a, ws, Message::SwitchScreen(Screen::Messages));
    press(&mut a, ws, key(KeyCode::Enter));
    assert_eq!(a.messages.focus, Focus::Body);
    press(&mut a, ws, key(KeyCode::Down));
    press(&mut a, ws, key(KeyCode::End));
    press(&mut a, ws, key(KeyCode::Enter));
    a
}

fn rows(a: &App) -> Vec<String> {
    let t = draw(a, 80, 24);
    t.backend()
        .buffer()
        .content
        .chunks(80)
        .map(|r| r.iter().map(|c| c.symbol()).collect::<String>())
        .collect()
}

/// The characters of screen row `y` from column `x`, `n` of them.
fn cut(rows: &[String], y: usize, x: usize, n: usize) -> String {
    rows[y].chars().skip(x).take(n).collect()
}

#[test]
fn a_long_body_line_wraps_between_words_with_the_cursor_at_its_end() {
    assert_eq!(LONG.chars().count(), 100);
    let mut ws = br15();
    let mut a = editing_a_new_line(&mut ws);
    type_text(&mut a, &mut ws, LONG);
    assert_eq!(a.messages.body.text(), format!("{GOLD_BODY}\n{LONG}"));
    // At 80 columns the editor's side is 80 * 55 / 100 = 44 columns; the editor starts
    // one in, so it is 43 columns wide, from x = 1. Body rows start at y = 7 (tabs,
    // context, the entries header, two entries, the subject line, the body hint).
    // Row y = 7 is `Hi {{ first_name | default("there") }}` (38 columns), y = 8 "M1".
    // The long line, a word moving down with its space when both do not fit in 43:
    // "Our … runs " is 42 columns ("for " would end at 46); "for … in " is 40 ("the "
    // would end at 44); "the region, enjoy!" is the remaining 18.
    let screen = rows(&a);
    assert_eq!(
        cut(&screen, 7, 1, 43).trim_end(),
        "Hi {{ first_name | default(\"there\") }}"
    );
    assert_eq!(cut(&screen, 8, 1, 43).trim_end(), "M1");
    assert_eq!(
        cut(&screen, 9, 1, 43),
        "Our autumn sale starts on Monday and runs  "
    );
    assert_eq!(
        cut(&screen, 10, 1, 43),
        "for two full weeks across every shop in    "
    );
    assert_eq!(
        cut(&screen, 11, 1, 43),
        format!("the region, enjoy!{}", " ".repeat(25))
    );
    assert!(!screen[9].contains('~') && !screen[10].contains('~'));
    // The cursor, after the last character: row y = 11, column 1 + 18 = 19, reversed;
    // the cells beside it are not.
    let t = draw(&a, 80, 24);
    let reversed = |x: u16, y: u16| {
        t.backend().buffer()[(x, y)]
            .modifier
            .contains(Modifier::REVERSED)
    };
    assert!(reversed(19, 11));
    assert!(!reversed(18, 11) && !reversed(20, 11) && !reversed(1, 12));
    // Home goes to the start of the logical line: the first wrapped row, column 1.
    press(&mut a, &mut ws, key(KeyCode::Home));
    let t = draw(&a, 80, 24);
    assert!(
        t.backend().buffer()[(1, 9)]
            .modifier
            .contains(Modifier::REVERSED)
    );
}

#[test]
fn the_rendered_sample_shows_the_whole_long_line() {
    let mut ws = br15();
    let mut a = editing_a_new_line(&mut ws);
    type_text(&mut a, &mut ws, LONG);
    // The right side is columns 45..80 (after the divider at 44). Its rows, joined
    // with spaces, hold the whole line: no word is cut off at the edge.
    let screen = rows(&a);
    let right: Vec<String> = screen[2..23]
        .iter()
        .map(|r| r.chars().skip(45).collect::<String>().trim().to_string())
        .collect();
    let joined = right.join(" ");
    assert!(joined.contains("enjoy!"), "{right:#?}");
    assert!(
        joined.contains("| Our autumn sale starts on Monday"),
        "{right:#?}"
    );
    assert!(!joined.contains('~'), "{right:#?}");
}

#[test]
fn backspace_removes_a_letter_with_its_combining_accent() {
    let mut ws = br15();
    let mut a = editing_a_new_line(&mut ws);
    type_text(&mut a, &mut ws, "Caf");
    // "e" then U+0301 COMBINING ACUTE ACCENT: two characters, one grapheme "é".
    type_text(&mut a, &mut ws, "e\u{301}");
    assert_eq!(a.messages.body.text(), format!("{GOLD_BODY}\nCafe\u{301}"));
    assert_eq!(a.messages.body.cursor(), (2, 5));
    press(&mut a, &mut ws, key(KeyCode::Backspace));
    assert_eq!(a.messages.body.text(), format!("{GOLD_BODY}\nCaf"));
    assert_eq!(a.messages.body.cursor(), (2, 3));
    // Delete takes the whole grapheme after the cursor too.
    type_text(&mut a, &mut ws, "e\u{301}");
    press(&mut a, &mut ws, key(KeyCode::Left));
    assert_eq!(a.messages.body.cursor(), (2, 3));
    press(&mut a, &mut ws, key(KeyCode::Delete));
    assert_eq!(a.messages.body.text(), format!("{GOLD_BODY}\nCaf"));
}

#[test]
fn left_and_right_step_over_a_flag_once() {
    let mut ws = br15();
    let mut a = editing_a_new_line(&mut ws);
    // 🇩🇪 is two regional indicators (U+1F1E9 U+1F1EA): one grapheme, two characters.
    type_text(&mut a, &mut ws, "a\u{1F1E9}\u{1F1EA}");
    assert_eq!(a.messages.body.cursor(), (2, 3));
    press(&mut a, &mut ws, key(KeyCode::Left));
    assert_eq!(a.messages.body.cursor(), (2, 1));
    type_text(&mut a, &mut ws, "x");
    assert_eq!(
        a.messages.body.text(),
        format!("{GOLD_BODY}\nax\u{1F1E9}\u{1F1EA}")
    );
    press(&mut a, &mut ws, key(KeyCode::Right));
    assert_eq!(a.messages.body.cursor(), (2, 4));
    // Left at the start of a line goes to the end of the line before ("M1").
    press(&mut a, &mut ws, key(KeyCode::Home));
    press(&mut a, &mut ws, key(KeyCode::Left));
    assert_eq!(a.messages.body.cursor(), (1, 2));
}
