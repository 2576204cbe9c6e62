//! The Review screen shows text put on record through the terminal sanitiser: a
//! sign-off name stored with control characters (by a build before written text
//! refused them, or by another tool writing the workspace) is drawn with visible
//! stand-ins (`␛` for ESC, U+241B), never as the escape itself; and the sign-off
//! dialog's fields never take a control character, typed or pasted. Companion of
//! tests/written_controls_cli.rs.

#[path = "tui_common/mod.rs"]
mod common;
#[path = "tui_review_fixture/mod.rs"]
mod fixture;

use common::screen_text;
use crossterm::event::KeyCode;
use fixture::{ch, key, next_campaign, on_screen, press, shop, type_text, unlock_spring};
use tactful::workspace::exports;

#[test]
fn a_stored_sign_off_name_with_escapes_is_drawn_with_stand_ins() {
    let mut ws = shop();
    unlock_spring(&mut ws);
    let mut app = on_screen(&mut ws, '6', 100, 24);
    next_campaign(&mut app, &mut ws);
    press(&mut app, &mut ws, ch('s'));
    // ESC typed in the dialog is dropped, so the name is recorded without it.
    type_text(&mut app, &mut ws, "Ana\u{1b}[31mOrtiz");
    press(&mut app, &mut ws, key(KeyCode::Enter));
    type_text(&mut app, &mut ws, "checked the unlock");
    press(&mut app, &mut ws, key(KeyCode::Enter));
    let record = exports::latest_signoff(ws.conn(), "spring")
        .unwrap()
        .unwrap();
    assert_eq!(record.name, "Ana[31mOrtiz");

    // A name stored with the escape, as an older build let `review --sign-off` do.
    ws.conn()
        .execute("UPDATE signoffs SET name = ?1", ["Ana\u{1b}[31mOrtiz\u{7}"])
        .unwrap();
    press(&mut app, &mut ws, ch('r'));
    let text = screen_text(&app, 100, 24);
    assert!(
        text.contains("by Ana\u{241b}[31mOrtiz\u{2407} at "),
        "{text}"
    );
    assert!(!text.contains(['\u{1b}', '\u{7}']), "{text}");
}
