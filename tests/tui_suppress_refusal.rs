//! The TUI's suppression screen refuses a list read in part, as `tactful suppress` does
//! (session 12, promise 1; tests/suppress_partial_cli.rs): a list that was only partly
//! applied must not look like success, and the screen has no way to accept one, so the
//! error names each value not read and says how to add the rest from the command line.
//! Driven through the same `update` the event loop uses (`tui_common`).

#[path = "tui_common/mod.rs"]
mod common;
mod tui_campaign_support;

use common::{app, ch, key, press, send, type_text};
use crossterm::event::KeyCode;
use tactful::tui::app::App;
use tactful::tui::message::Message;
use tactful::workspace::Workspace;
use tui_campaign_support::br15;

/// The app after start-up (fields, count, campaigns) at `w`×`h`.
fn started(ws: &Workspace, w: u16, h: u16) -> App {
    let mut a = app(ws, w, h);
    send(&mut a, ws, Message::Refresh);
    a
}

/// A list with a value that is
/// no address (`not an address`, line 4 of suppress_list.txt) is refused whole,
/// nothing added, the error naming the file, line and field and how to add the rest.
#[test]
fn a_list_read_in_part_is_refused_and_changes_nothing() {
    let mut ws = br15();
    let mut a = started(&ws, 120, 40);
    press(&mut a, &mut ws, ch('8'));
    press(&mut a, &mut ws, ch('i'));
    type_text(&mut a, &mut ws, "tests/fixtures/suppress_list.txt");
    press(&mut a, &mut ws, key(KeyCode::Enter));
    let error = a.suppression.error.clone().expect("an error");
    assert!(
        error.starts_with(
            "1 value could not be read as an e-mail address or a phone number, so nothing was added"
        ),
        "{error}"
    );
    assert!(
        error.contains(
            "tests/fixtures/suppress_list.txt:4:1: field 1: neither an e-mail address nor a phone number"
        ),
        "{error}"
    );
    assert!(error.contains("--accept-unread --reason"), "{error}");
    assert!(!error.contains('\n'), "{error}");
    assert_eq!(a.suppression.report, None);
    assert_eq!(
        tactful::workspace::suppression::count(ws.conn()).unwrap(),
        0
    );
}
