//! The TUI's behaviour driven through `keymap` and `update` without a terminal
//! (STYLE.md, pattern 12): screens, popups, quitting, and the contacts browser's keyset
//! paging against a real workspace.

#[path = "tui_common/mod.rs"]
mod common;

use common::{app, draw, send, shop_contacts, shop_fields, workspace};
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use tactful::fields::{FieldType, PrivacyClass, Role};
use tactful::tui::app::Popup;
use tactful::tui::keymap;
use tactful::tui::message::{Message, PageAnchor, Request, Screen};
use tactful::tui::screens::fields::FieldsView;
use tactful::tui::update::update;

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn code(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

/// Map `event` with the keymap and apply it, as the event loop does.
fn press(app: &mut tactful::tui::app::App, ws: &tactful::workspace::Workspace, event: Event) {
    if let Some(m) = keymap::map(app, &event) {
        send(app, ws, m);
    }
}

/// 100 contacts `c1@example.com` .. `c100@example.com` with a city each.
fn hundred() -> tactful::workspace::Workspace {
    let city = common::field(
        "city",
        "City",
        FieldType::Text,
        Role::None,
        PrivacyClass::QuasiIdentifier,
        "header token `city`",
    );
    let contacts: Vec<_> = (1..=100)
        .map(|i| (format!("c{i}@example.com"), vec![Some(format!("town {i}"))]))
        .collect();
    workspace(&[city], &contacts)
}

fn selected_key(app: &tactful::tui::app::App) -> String {
    app.contacts.rows[app.contacts.table.selected].key.clone()
}

#[test]
fn empty_workspace_opens_on_import_and_others_on_fields() {
    let empty = workspace(&[], &[]);
    assert_eq!(app(&empty, 80, 24).screen, Screen::Import);
    let shop = workspace(&shop_fields(), &shop_contacts());
    assert_eq!(app(&shop, 80, 24).screen, Screen::Fields);
}

#[test]
fn the_fields_screen_of_an_empty_workspace_says_how_to_import() {
    let empty = workspace(&[], &[]);
    let mut a = app(&empty, 80, 24);
    send(&mut a, &empty, Message::SwitchScreen(Screen::Fields));
    let terminal = draw(&a, 80, 24);
    let buf = terminal.backend().buffer();
    let text: String = (0..24)
        .map(|y| (0..80).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect();
    assert!(
        text.contains(" Fields: types, roles and privacy classes"),
        "{text}"
    );
    assert!(text.contains("Nothing is imported yet: press 1"), "{text}");
    assert!(text.contains("tactful import FILE --dry-run"), "{text}");
    assert!(!text.contains("still being built"), "{text}");
}

#[test]
fn number_keys_tab_and_tab_clicks_switch_screens() {
    let ws = workspace(&shop_fields(), &shop_contacts());
    let mut a = app(&ws, 80, 24);
    press(&mut a, &ws, key('3'));
    assert_eq!(a.screen, Screen::Segments);
    press(&mut a, &ws, key('7'));
    assert_eq!(a.screen, Screen::Export);
    press(&mut a, &ws, code(KeyCode::Tab));
    assert_eq!(a.screen, Screen::Import, "Tab wraps from the last screen");
    press(&mut a, &ws, code(KeyCode::BackTab));
    assert_eq!(a.screen, Screen::Export);
    // Tabs are " 1 Import " (columns 0-9), " 2 Fields " (10-19), " 3 Segments " (20-31).
    press(
        &mut a,
        &ws,
        mouse(MouseEventKind::Down(MouseButton::Left), 25, 0),
    );
    assert_eq!(a.screen, Screen::Segments);
    press(
        &mut a,
        &ws,
        mouse(MouseEventKind::Down(MouseButton::Left), 10, 0),
    );
    assert_eq!(a.screen, Screen::Fields);
    // Row 1 is not the tab bar.
    press(
        &mut a,
        &ws,
        mouse(MouseEventKind::Down(MouseButton::Left), 25, 1),
    );
    assert_eq!(a.screen, Screen::Fields);
}

#[test]
fn help_popup_takes_the_keys_until_closed() {
    let ws = workspace(&shop_fields(), &shop_contacts());
    let mut a = app(&ws, 80, 24);
    press(&mut a, &ws, key('?'));
    assert_eq!(a.popup, Some(Popup::Help));
    press(&mut a, &ws, key('3'));
    assert_eq!(
        a.screen,
        Screen::Fields,
        "screen keys do nothing under the help"
    );
    press(&mut a, &ws, key('q'));
    assert_eq!(a.popup, None, "q closes the help rather than quitting");
    assert!(!a.quit);
    press(&mut a, &ws, key('?'));
    press(&mut a, &ws, code(KeyCode::Esc));
    assert_eq!(a.popup, None);
}

#[test]
fn help_lists_every_binding() {
    let listed: usize = keymap::help().iter().map(|s| s.entries.len()).sum();
    assert_eq!(listed, keymap::BINDINGS.len());
    let global = &keymap::help()[0];
    assert_eq!(global.title, "Everywhere");
    assert!(
        global
            .entries
            .contains(&("q Ctrl+c".to_string(), "quit".to_string()))
    );
}

#[test]
fn quit_asks_only_when_work_is_unsaved() {
    let ws = workspace(&shop_fields(), &shop_contacts());
    let mut a = app(&ws, 80, 24);
    a.ctx.unsaved.push("rule of segment `vip`".into());
    press(&mut a, &ws, key('q'));
    assert_eq!(a.popup, Some(Popup::ConfirmQuit));
    assert!(!a.quit);
    press(&mut a, &ws, key('n'));
    assert_eq!(a.popup, None);
    assert!(!a.quit);
    press(&mut a, &ws, key('q'));
    press(&mut a, &ws, key('y'));
    assert!(a.quit);

    let mut clean = app(&ws, 80, 24);
    press(&mut clean, &ws, key('q'));
    assert!(clean.quit);
    assert_eq!(clean.popup, None);
}

#[test]
fn field_list_scrolls_and_rows_are_clickable() {
    let ws = workspace(&shop_fields(), &shop_contacts());
    let mut a = app(&ws, 80, 24);
    press(&mut a, &ws, key('j'));
    press(&mut a, &ws, code(KeyCode::Down));
    assert_eq!(a.fields.table.selected, 2);
    press(&mut a, &ws, code(KeyCode::End));
    assert_eq!(a.fields.table.selected, 6, "seven fields, last index 6");
    press(&mut a, &ws, key('g'));
    assert_eq!(a.fields.table.selected, 0);
    // Tab bar row 0, sub-tabs row 1, header row 2, first field row 3: row 6 is the fourth.
    press(
        &mut a,
        &ws,
        mouse(MouseEventKind::Down(MouseButton::Left), 5, 6),
    );
    assert_eq!(a.fields.table.selected, 3);
    press(&mut a, &ws, mouse(MouseEventKind::ScrollDown, 5, 6));
    assert_eq!(a.fields.table.selected, 4);
    // Seven columns, two frozen: the first scrolled column can move from 0 to 4.
    for _ in 0..10 {
        press(&mut a, &ws, key('l'));
    }
    assert_eq!(a.fields.table.left, 4);
    press(&mut a, &ws, key('h'));
    assert_eq!(a.fields.table.left, 3);
}

#[test]
fn opening_contacts_asks_for_the_first_window_and_a_count() {
    let ws = hundred();
    let mut a = app(&ws, 80, 24);
    let requests = update(&mut a, Message::OpenContacts);
    assert_eq!(a.fields.view, FieldsView::Contacts);
    // 24 rows: tabs, sub-tabs, header and status leave 20 table rows.
    assert!(matches!(
        &requests[0],
        Request::LoadPage {
            anchor: PageAnchor::First,
            before: 20,
            after: 40,
            ..
        }
    ));
    assert!(matches!(requests[1], Request::CountContacts { .. }));
    for r in requests {
        let reply = tactful::tui::jobs::route::read(&ws, &r).unwrap();
        assert!(update(&mut a, reply).is_empty());
    }
    assert_eq!(a.contacts.total, Some(100));
    assert_eq!(a.contacts.rows.len(), 60);
    assert_eq!(a.contacts.rows[0].key, "c1@example.com");
    assert!(a.contacts.at_start && !a.contacts.at_end);
}

#[test]
fn contacts_scroll_through_keyset_pages_to_both_ends() {
    let ws = hundred();
    let mut a = app(&ws, 80, 24);
    press(&mut a, &ws, code(KeyCode::Enter));
    for _ in 0..45 {
        press(&mut a, &ws, key('j'));
    }
    assert_eq!(selected_key(&a), "c46@example.com");
    press(&mut a, &ws, code(KeyCode::PageDown));
    assert_eq!(selected_key(&a), "c66@example.com");
    press(&mut a, &ws, code(KeyCode::End));
    assert_eq!(selected_key(&a), "c100@example.com");
    assert!(a.contacts.at_end);
    press(&mut a, &ws, key('j'));
    assert_eq!(
        selected_key(&a),
        "c100@example.com",
        "nothing after the last"
    );
    press(&mut a, &ws, code(KeyCode::PageUp));
    assert_eq!(selected_key(&a), "c80@example.com");
    press(&mut a, &ws, code(KeyCode::Home));
    assert_eq!(selected_key(&a), "c1@example.com");
    press(&mut a, &ws, key('k'));
    assert_eq!(
        selected_key(&a),
        "c1@example.com",
        "nothing before the first"
    );
    assert!(a.contacts.rows.len() <= 60, "only a window is held");
    press(&mut a, &ws, key('f'));
    assert_eq!(a.fields.view, FieldsView::List);
}

#[test]
fn a_jump_answered_locally_drops_the_page_in_flight() {
    let ws = hundred();
    let mut a = app(&ws, 80, 24);
    press(&mut a, &ws, code(KeyCode::Enter));
    let to_end = update(&mut a, Message::ScrollToBottom);
    assert_eq!(
        update(&mut a, Message::ScrollToTop),
        vec![],
        "the window holds the start"
    );
    let late = tactful::tui::jobs::route::read(&ws, &to_end[0]).unwrap();
    update(&mut a, late);
    assert_eq!(
        selected_key(&a),
        "c1@example.com",
        "the late reply changed nothing"
    );
}

#[test]
fn a_page_arriving_late_keeps_the_row_the_user_moved_to() {
    let ws = hundred();
    let mut a = app(&ws, 80, 24);
    press(&mut a, &ws, code(KeyCode::Enter));
    // Rows 1-60 are loaded; reaching row 41 asks for a window around it.
    let mut asked = Vec::new();
    for _ in 0..40 {
        asked = update(&mut a, Message::ScrollDown);
    }
    assert_eq!(selected_key(&a), "c41@example.com");
    assert_eq!(asked.len(), 1);
    // Two more rows down before the reply arrives.
    update(&mut a, Message::ScrollDown);
    let newest = update(&mut a, Message::ScrollDown);
    let reply = tactful::tui::jobs::route::read(&ws, &asked[0]).unwrap();
    update(&mut a, reply);
    assert_eq!(selected_key(&a), "c43@example.com", "stale reply dropped");
    let reply = tactful::tui::jobs::route::read(&ws, &newest[0]).unwrap();
    update(&mut a, reply);
    assert_eq!(selected_key(&a), "c43@example.com");
    // Row 43 selected with 20 rows on screen puts row 24 on top; the window is the 20
    // rows before it and 40 from it: rows 4 to 63.
    assert_eq!(a.contacts.rows.first().unwrap().key, "c4@example.com");
    assert_eq!(a.contacts.rows.last().unwrap().key, "c63@example.com");
}
