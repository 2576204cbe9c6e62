//! Keys and mouse to intents: with its table in `keymap/bindings.rs`, the only code that
//! knows crossterm's `KeyCode` and `MouseEvent`.
//!
//! [`BINDINGS`] is the single table of keys. [`map`] reads it to turn a terminal event
//! into a [`Message`] for the current screen and popup, and [`help`] reads it to build
//! the `?` popup, so the help can never disagree with what the keys do.

mod bindings;
mod help;
mod scope;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use super::app::{App, Popup};
use super::layout;
use super::message::{Message, Screen};
use super::screens::segments::message::SegmentsMsg as SM;
use super::widgets::text_input::TextEdit;

/// A key and the modifiers (Ctrl, Alt) it needs. Shift is implied by the character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const CTRL_C: Key = Key {
    code: KeyCode::Char('c'),
    modifiers: KeyModifiers::CONTROL,
};

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

const fn seg(m: SM) -> Message {
    Message::Segments(m)
}

/// One line of the keymap: in `scope`, any of `keys` sends `message`.
#[derive(Debug, Clone)]
pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub message: Message,
    pub help: &'static str,
}

const fn bind(scope: Scope, keys: &'static [Key], message: Message, help: &'static str) -> Binding {
    Binding {
        scope,
        keys,
        message,
        help,
    }
}

pub use bindings::BINDINGS;
pub use help::{HelpSection, help, help_for, label};
pub use scope::{Scope, active_scopes, screen_scopes};

/// True while typed characters and pastes go into the segment editor or builder.
fn typing_segment(app: &App) -> bool {
    app.popup.is_none() && app.screen == Screen::Segments && app.segments.typing()
}

/// The intent of a terminal event in the app's current state, if it has one.
pub fn map(app: &App, event: &Event) -> Option<Message> {
    match event {
        Event::Key(k) => map_key(app, k),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => click(app, m.column, m.row),
            MouseEventKind::ScrollDown if app.popup.is_none() => Some(Message::ScrollDown),
            MouseEventKind::ScrollUp if app.popup.is_none() => Some(Message::ScrollUp),
            _ => None,
        },
        Event::Resize(width, height) => Some(Message::Resize {
            width: *width,
            height: *height,
        }),
        Event::Paste(text) if typing_segment(app) => {
            Some(seg(SM::Edit(TextEdit::Paste(text.clone()))))
        }
        Event::Paste(text) if typing(app) => Some(Message::Edit(TextEdit::Paste(text.clone()))),
        _ => None,
    }
}

/// True when a text input has the keyboard: unbound characters are typed into it.
fn typing(app: &App) -> bool {
    active_scopes(app).contains(&Scope::TextInput)
}

fn map_key(app: &App, k: &KeyEvent) -> Option<Message> {
    if k.kind == KeyEventKind::Release {
        return None;
    }
    let mods = k.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    for scope in active_scopes(app) {
        let found = BINDINGS.iter().find(|b| {
            b.scope == scope
                && b.keys
                    .iter()
                    .any(|key| key.code == k.code && key.modifiers == mods)
        });
        if let Some(b) = found {
            return Some(b.message.clone());
        }
    }
    match k.code {
        KeyCode::Char(c) if typing_segment(app) && mods.is_empty() => {
            Some(seg(SM::Edit(TextEdit::Insert(c))))
        }
        KeyCode::Char(c) if typing(app) && !mods.contains(KeyModifiers::CONTROL) => {
            Some(Message::Edit(TextEdit::Insert(c)))
        }
        _ => None,
    }
}

fn click(app: &App, x: u16, y: u16) -> Option<Message> {
    match app.popup {
        Some(Popup::Help) => return Some(Message::ClosePopup),
        Some(_) => return None,
        None => {}
    }
    if let Some(screen) = layout::tab_at(app.ctx.size, x, y) {
        return Some(Message::SwitchScreen(screen));
    }
    if app.screen == Screen::Preview {
        return super::screens::preview::view::table_line_at(app.ctx.size, x, y)
            .map(Message::SelectRow);
    }
    if app.screen == Screen::Segments {
        return layout::table_line_at(app.ctx.size, x, y).map(Message::SelectRow);
    }
    if app.screen != Screen::Fields || app.is_empty_workspace() {
        return None;
    }
    match layout::sub_tab_at(app.ctx.size, x, y) {
        Some(0) => return Some(Message::CloseContacts),
        Some(_) => return Some(Message::OpenContacts),
        None => {}
    }
    layout::table_line_at(app.ctx.size, x, y).map(Message::SelectRow)
}
