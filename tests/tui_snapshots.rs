//! Snapshots of the TUI drawn to ratatui's `TestBackend` at 80×24 and 120×40, reached
//! through the same `update` the event loop uses, and style checks where colour
//! carries meaning. No clocks or spinners are drawn, so the snapshots are stable.

#[path = "tui_common/mod.rs"]
mod common;

use common::{app, draw, send, shop_contacts, shop_fields, workspace};
use ratatui::style::{Color, Modifier};
use tactful::tui::message::Message;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn shop() -> tactful::workspace::Workspace {
    workspace(&shop_fields(), &shop_contacts())
}

#[test]
fn fields_screen() {
    let ws = shop();
    for (w, h) in SIZES {
        let mut a = app(&ws, w, h);
        send(&mut a, &ws, Message::Refresh);
        insta::assert_snapshot!(format!("fields_{w}x{h}"), draw(&a, w, h).backend());
    }
}

#[test]
fn contacts_browser() {
    let ws = shop();
    for (w, h) in SIZES {
        let mut a = app(&ws, w, h);
        send(&mut a, &ws, Message::OpenContacts);
        send(&mut a, &ws, Message::ScrollDown);
        insta::assert_snapshot!(format!("contacts_{w}x{h}"), draw(&a, w, h).backend());
    }
}

#[test]
fn help_popup() {
    let ws = shop();
    for (w, h) in SIZES {
        let mut a = app(&ws, w, h);
        send(&mut a, &ws, Message::ShowHelp);
        insta::assert_snapshot!(format!("help_{w}x{h}"), draw(&a, w, h).backend());
    }
}

#[test]
fn empty_workspace_import_guide() {
    let ws = workspace(&[], &[]);
    for (w, h) in SIZES {
        let a = app(&ws, w, h);
        insta::assert_snapshot!(format!("import_empty_{w}x{h}"), draw(&a, w, h).backend());
    }
}

#[test]
fn too_small_window_shows_a_notice() {
    let ws = shop();
    let a = app(&ws, 60, 10);
    insta::assert_snapshot!("too_small_60x10", draw(&a, 60, 10).backend());
}

#[test]
fn sensitive_fields_are_marked_in_text_and_colour() {
    let ws = shop();
    let a = app(&ws, 80, 24);
    let terminal = draw(&a, 80, 24);
    let buf = terminal.backend().buffer();
    // Field rows start at screen row 3 in the order of shop_fields: religion is the 4th
    // (row 6), gender the 5th (row 7), city the 3rd (row 5). The marker is in columns 0-1.
    let religion = (&buf[(0, 6)], &buf[(1, 6)]);
    assert_eq!((religion.0.symbol(), religion.1.symbol()), ("!", "!"));
    assert_eq!(religion.0.fg, Color::Red);
    assert!(religion.0.modifier.contains(Modifier::BOLD));
    assert_eq!(
        buf[(3, 6)].symbol(),
        "r",
        "name column starts after marker and `|`"
    );
    assert_eq!(
        buf[(3, 6)].fg,
        Color::Red,
        "the whole row carries the style"
    );
    let gender = &buf[(0, 7)];
    assert_eq!(gender.symbol(), "!");
    assert_eq!(gender.fg, Color::Yellow);
    let city = &buf[(0, 5)];
    assert_eq!(city.symbol(), " ");
    assert_eq!(city.fg, Color::Reset);
}

#[test]
fn sensitive_columns_are_marked_in_the_contacts_header() {
    let ws = shop();
    let mut a = app(&ws, 120, 40);
    send(&mut a, &ws, Message::OpenContacts);
    let terminal = draw(&a, 120, 40);
    let buf = terminal.backend().buffer();
    let header: String = (0..120).map(|x| buf[(x, 2)].symbol().to_string()).collect();
    let religion = header.find("!! religion").expect(&header) as u16;
    assert_eq!(buf[(religion, 2)].fg, Color::Red);
    let gender = header.find("! gender").expect(&header) as u16;
    assert_eq!(buf[(gender, 2)].fg, Color::Yellow);
    let city = header.find("city").expect(&header) as u16;
    assert_eq!(buf[(city, 2)].fg, Color::Reset);
}

/// The Import screen on a fresh workspace after typing the fixture's path (relative, so
/// the snapshot is the same on every machine) and pressing Enter.
fn detected_app(ws: &mut tactful::workspace::Workspace, w: u16, h: u16) -> tactful::tui::app::App {
    use crossterm::event::KeyCode;
    let mut a = app(ws, w, h);
    common::press(&mut a, ws, common::key(KeyCode::Char('e')));
    common::type_text(&mut a, ws, "tests/fixtures/tui_shop.csv");
    common::press(&mut a, ws, common::key(KeyCode::Enter));
    a
}

#[test]
fn import_detected_before_writing() {
    for (w, h) in SIZES {
        let mut ws = workspace(&[], &[]);
        let a = detected_app(&mut ws, w, h);
        insta::assert_snapshot!(format!("import_detected_{w}x{h}"), draw(&a, w, h).backend());
    }
}

#[test]
fn import_report() {
    for (w, h) in SIZES {
        let mut ws = workspace(&[], &[]);
        let mut a = detected_app(&mut ws, w, h);
        common::send_mut(&mut a, &mut ws, Message::RunImport);
        insta::assert_snapshot!(format!("import_report_{w}x{h}"), draw(&a, w, h).backend());
    }
}

#[test]
fn field_change_dialog_reason_step() {
    use crossterm::event::KeyCode;
    let mut ws = shop();
    let (w, h) = (80, 24);
    let mut a = app(&ws, w, h);
    for code in [KeyCode::Down, KeyCode::Down, KeyCode::Down] {
        common::press(&mut a, &mut ws, common::key(code));
    }
    common::press(&mut a, &mut ws, common::key(KeyCode::Char('e')));
    for _ in 0..5 {
        common::press(&mut a, &mut ws, common::key(KeyCode::Down));
    }
    common::press(&mut a, &mut ws, common::key(KeyCode::Enter));
    common::type_text(&mut a, &mut ws, "survey answers, deleted");
    insta::assert_snapshot!("field_change_reason_80x24", draw(&a, w, h).backend());
}
