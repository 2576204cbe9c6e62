//! Driving the campaign screens by key, for the campaign screen tests
//! (`tui_campaign*.rs`): a key press through `keymap` and `update`, the app after
//! start-up on a screen, and what the Messages and Preview screens hold. Needs the
//! test's `common` module (tests/tui_common).

#![allow(dead_code)]

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tactful::tui::app::App;
use tactful::tui::keymap;
use tactful::tui::message::{Message, Screen};
use tactful::workspace::Workspace;

use crate::common::{app, send, send_mut};

pub fn press(app: &mut App, ws: &mut Workspace, code: KeyCode, modifiers: KeyModifiers) {
    let event = Event::Key(KeyEvent::new(code, modifiers));
    if let Some(m) = keymap::map(app, &event) {
        send_mut(app, ws, m);
    }
}

pub fn key(app: &mut App, ws: &mut Workspace, code: KeyCode) {
    press(app, ws, code, KeyModifiers::NONE);
}

/// The app after start-up (fields, campaigns, the first campaign) on `screen`.
pub fn started(ws: &Workspace, screen: Screen) -> App {
    let mut a = app(ws, 120, 40);
    send(&mut a, ws, Message::Refresh);
    send(&mut a, ws, Message::SwitchScreen(screen));
    a
}

pub fn rendered_body(a: &App) -> String {
    match &a.messages.rendered {
        Some(Ok(r)) => r.body.clone(),
        other => panic!("no render: {other:?}"),
    }
}

pub fn preview_keys(a: &App) -> Vec<String> {
    a.preview.rows.iter().map(|r| r.key.clone()).collect()
}
