//! Keys and mouse to intents: the only file that knows crossterm's `KeyCode` and
//! `MouseEvent`.
//!
//! [`BINDINGS`] is the single table of keys. [`map`] reads it to turn a terminal event
//! into a [`Message`] for the current screen and popup, and [`help`] reads it to build
//! the `?` popup, so the help can never disagree with what the keys do.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use super::app::{App, Popup};
use super::layout;
use super::message::{Message, Screen};
use super::message_segments::SegmentsMsg as SM;
use super::screens::fields::FieldsView;
use super::screens::segments::SegmentsMode;
use super::widgets::line_input::InputEdit;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every screen, when no popup is open.
    Global,
    /// Screens showing a table (the field list, the contacts browser).
    Table,
    /// The field list.
    FieldList,
    /// The contacts browser.
    Contacts,
    /// The help popup.
    Help,
    /// The quit question.
    ConfirmQuit,
    /// The segment list.
    SegmentList,
    /// The delete question on the segment list.
    DeleteSegment,
    /// The overlap matrix.
    SegmentOverlap,
    /// The segment editor.
    SegmentEditor,
    /// The condition builder.
    ConditionBuilder,
    /// Any text input (the editor's inputs, the builder's value).
    TextInput,
}

impl Scope {
    /// Heading in the help popup.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Table => "Tables",
            Scope::FieldList => "Field list",
            Scope::Contacts => "Contacts",
            Scope::Help => "This help",
            Scope::ConfirmQuit => "Quit question",
            Scope::SegmentList => "Segment list",
            Scope::DeleteSegment => "Delete question",
            Scope::SegmentOverlap => "Overlap matrix",
            Scope::SegmentEditor => "Segment editor",
            Scope::ConditionBuilder => "Condition builder",
            Scope::TextInput => "Text inputs (typing inserts)",
        }
    }
}

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

use Message as M;
use Scope as S;

/// Every key binding, in the order the help lists them.
pub const BINDINGS: &[Binding] = &[
    bind(
        S::Global,
        &[ch('1')],
        M::SwitchScreen(Screen::Import),
        "Import screen",
    ),
    bind(
        S::Global,
        &[ch('2')],
        M::SwitchScreen(Screen::Fields),
        "Fields screen",
    ),
    bind(
        S::Global,
        &[ch('3')],
        M::SwitchScreen(Screen::Segments),
        "Segments screen",
    ),
    bind(
        S::Global,
        &[ch('4')],
        M::SwitchScreen(Screen::Messages),
        "Messages screen",
    ),
    bind(
        S::Global,
        &[ch('5')],
        M::SwitchScreen(Screen::Preview),
        "Preview screen",
    ),
    bind(
        S::Global,
        &[ch('6')],
        M::SwitchScreen(Screen::Review),
        "Review screen",
    ),
    bind(
        S::Global,
        &[ch('7')],
        M::SwitchScreen(Screen::Export),
        "Export screen",
    ),
    bind(
        S::Global,
        &[key(KeyCode::Tab)],
        M::NextScreen,
        "next screen",
    ),
    bind(
        S::Global,
        &[key(KeyCode::BackTab)],
        M::PreviousScreen,
        "previous screen",
    ),
    bind(S::Global, &[ch('?')], M::ShowHelp, "show these keys"),
    bind(S::Global, &[ch('r')], M::Refresh, "reload workspace"),
    bind(
        S::Global,
        &[
            ch('q'),
            Key {
                code: KeyCode::Char('c'),
                modifiers: KeyModifiers::CONTROL,
            },
        ],
        M::Quit,
        "quit",
    ),
    bind(
        S::Help,
        &[key(KeyCode::Esc), ch('?'), ch('q')],
        M::ClosePopup,
        "close",
    ),
    bind(
        S::Table,
        &[key(KeyCode::Down), ch('j')],
        M::ScrollDown,
        "next row",
    ),
    bind(
        S::Table,
        &[key(KeyCode::Up), ch('k')],
        M::ScrollUp,
        "previous row",
    ),
    bind(
        S::Table,
        &[key(KeyCode::PageDown), ch(' ')],
        M::PageDown,
        "next page",
    ),
    bind(
        S::Table,
        &[key(KeyCode::PageUp)],
        M::PageUp,
        "previous page",
    ),
    bind(
        S::Table,
        &[key(KeyCode::Home), ch('g')],
        M::ScrollToTop,
        "first row",
    ),
    bind(
        S::Table,
        &[key(KeyCode::End), ch('G')],
        M::ScrollToBottom,
        "last row",
    ),
    bind(
        S::Table,
        &[key(KeyCode::Left), ch('h')],
        M::ScrollLeft,
        "column left",
    ),
    bind(
        S::Table,
        &[key(KeyCode::Right), ch('l')],
        M::ScrollRight,
        "column right",
    ),
    bind(
        S::FieldList,
        &[key(KeyCode::Enter), ch('c')],
        M::OpenContacts,
        "browse contacts",
    ),
    bind(
        S::Contacts,
        &[key(KeyCode::Esc), ch('f')],
        M::CloseContacts,
        "back to fields",
    ),
    bind(
        S::ConfirmQuit,
        &[ch('y')],
        M::ConfirmQuit,
        "quit, losing edits",
    ),
    bind(
        S::ConfirmQuit,
        &[ch('n'), key(KeyCode::Esc)],
        M::ClosePopup,
        "stay",
    ),
    bind(
        S::SegmentList,
        &[ch('n')],
        seg(SM::NewSegment),
        "new segment",
    ),
    bind(
        S::SegmentList,
        &[ch('e'), key(KeyCode::Enter)],
        seg(SM::EditSelected),
        "edit segment",
    ),
    bind(
        S::SegmentList,
        &[ch('b')],
        seg(SM::BuildNew),
        "new segment, condition builder",
    ),
    bind(
        S::SegmentList,
        &[ch('d'), key(KeyCode::Delete)],
        seg(SM::AskDelete),
        "delete segment",
    ),
    bind(
        S::SegmentList,
        &[ch('o')],
        seg(SM::ShowOverlap),
        "overlap matrix",
    ),
    bind(
        S::SegmentList,
        &[ch('r')],
        seg(SM::Reload),
        "reload and recount",
    ),
    bind(
        S::DeleteSegment,
        &[ch('y')],
        seg(SM::ConfirmDelete),
        "delete it",
    ),
    bind(
        S::DeleteSegment,
        &[ch('n'), key(KeyCode::Esc)],
        seg(SM::CancelDialog),
        "keep it",
    ),
    bind(
        S::SegmentOverlap,
        &[key(KeyCode::Esc), ch('o')],
        seg(SM::ShowList),
        "back to the list",
    ),
    bind(
        S::SegmentOverlap,
        &[ch('r')],
        seg(SM::ShowOverlap),
        "recount",
    ),
    bind(
        S::SegmentEditor,
        &[ctrl('s')],
        seg(SM::Save),
        "save segment",
    ),
    bind(
        S::SegmentEditor,
        &[key(KeyCode::Enter)],
        seg(SM::Submit),
        "next input; save from name",
    ),
    bind(
        S::SegmentEditor,
        &[key(KeyCode::Tab)],
        seg(SM::Complete),
        "complete field name",
    ),
    bind(
        S::SegmentEditor,
        &[ctrl('b')],
        seg(SM::OpenBuilder),
        "condition builder",
    ),
    bind(
        S::SegmentEditor,
        &[key(KeyCode::Down)],
        seg(SM::NextInput),
        "next input",
    ),
    bind(
        S::SegmentEditor,
        &[key(KeyCode::Up), key(KeyCode::BackTab)],
        seg(SM::PreviousInput),
        "previous input",
    ),
    bind(
        S::SegmentEditor,
        &[key(KeyCode::Esc)],
        seg(SM::Cancel),
        "close list / cancel edit",
    ),
    bind(S::SegmentEditor, &[ctrl('c')], M::Quit, "quit"),
    bind(
        S::ConditionBuilder,
        &[key(KeyCode::Up)],
        seg(SM::BuilderMove(-1)),
        "previous choice",
    ),
    bind(
        S::ConditionBuilder,
        &[key(KeyCode::Down)],
        seg(SM::BuilderMove(1)),
        "next choice",
    ),
    bind(
        S::ConditionBuilder,
        &[key(KeyCode::Enter)],
        seg(SM::BuilderNext),
        "take it, next step",
    ),
    bind(
        S::ConditionBuilder,
        &[key(KeyCode::Esc)],
        seg(SM::BuilderBack),
        "back one step",
    ),
    bind(S::ConditionBuilder, &[ctrl('c')], M::Quit, "quit"),
    bind(
        S::TextInput,
        &[key(KeyCode::Left)],
        seg(SM::Edit(InputEdit::Left)),
        "cursor left",
    ),
    bind(
        S::TextInput,
        &[key(KeyCode::Right)],
        seg(SM::Edit(InputEdit::Right)),
        "cursor right",
    ),
    bind(
        S::TextInput,
        &[key(KeyCode::Home)],
        seg(SM::Edit(InputEdit::Home)),
        "start of line",
    ),
    bind(
        S::TextInput,
        &[key(KeyCode::End)],
        seg(SM::Edit(InputEdit::End)),
        "end of line",
    ),
    bind(
        S::TextInput,
        &[key(KeyCode::Backspace)],
        seg(SM::Edit(InputEdit::Backspace)),
        "delete before cursor",
    ),
    bind(
        S::TextInput,
        &[key(KeyCode::Delete)],
        seg(SM::Edit(InputEdit::Delete)),
        "delete at cursor",
    ),
];

/// The scopes that apply now, most specific first.
pub fn active_scopes(app: &App) -> Vec<Scope> {
    match app.popup {
        Some(Popup::Help) => vec![Scope::Help],
        Some(Popup::ConfirmQuit) => vec![Scope::ConfirmQuit],
        None if app.screen == Screen::Fields => match app.fields.view {
            FieldsView::List => vec![Scope::FieldList, Scope::Table, Scope::Global],
            FieldsView::Contacts => vec![Scope::Contacts, Scope::Table, Scope::Global],
        },
        None if app.screen == Screen::Segments => match app.segments.mode() {
            SegmentsMode::List => vec![Scope::SegmentList, Scope::Table, Scope::Global],
            SegmentsMode::ConfirmDelete => vec![Scope::DeleteSegment],
            SegmentsMode::Overlap => vec![Scope::SegmentOverlap, Scope::Table, Scope::Global],
            SegmentsMode::Editor => vec![Scope::SegmentEditor, Scope::TextInput],
            SegmentsMode::Builder => vec![Scope::ConditionBuilder, Scope::TextInput],
        },
        None => vec![Scope::Global],
    }
}

/// True while typed characters and pastes go into a text input.
fn typing(app: &App) -> bool {
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
        Event::Paste(text) if typing(app) => Some(seg(SM::Edit(InputEdit::Paste(text.clone())))),
        _ => None,
    }
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
        KeyCode::Char(c) if typing(app) && mods.is_empty() => {
            Some(seg(SM::Edit(InputEdit::Insert(c))))
        }
        _ => None,
    }
}

fn click(app: &App, x: u16, y: u16) -> Option<Message> {
    match app.popup {
        Some(Popup::Help) => return Some(Message::ClosePopup),
        Some(Popup::ConfirmQuit) => return None,
        None => {}
    }
    if let Some(screen) = layout::tab_at(app.size, x, y) {
        return Some(Message::SwitchScreen(screen));
    }
    if app.screen == Screen::Segments {
        return layout::table_line_at(app.size, x, y).map(Message::SelectRow);
    }
    if app.screen != Screen::Fields || app.is_empty_workspace() {
        return None;
    }
    match layout::sub_tab_at(app.size, x, y) {
        Some(0) => return Some(Message::CloseContacts),
        Some(_) => return Some(Message::OpenContacts),
        None => {}
    }
    layout::table_line_at(app.size, x, y).map(Message::SelectRow)
}

/// How a key is written in the help: `Ctrl+c`, `Down`, `PgDn`, `Space`, `q`.
pub fn label(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "Up".into(),
        KeyCode::Down => "Down".into(),
        KeyCode::Left => "Left".into(),
        KeyCode::Right => "Right".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift+Tab".into(),
        other => format!("{other:?}"),
    };
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        format!("Ctrl+{name}")
    } else {
        name
    }
}

/// One section of the help popup: a scope's title and its keys with what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpSection {
    pub title: &'static str,
    /// (keys, as `Down j`; what they do)
    pub entries: Vec<(String, &'static str)>,
}

/// The help popup's content, built from [`BINDINGS`], one section per scope in the
/// order scopes first appear.
pub fn help() -> Vec<HelpSection> {
    let mut sections: Vec<(Scope, HelpSection)> = Vec::new();
    for b in BINDINGS {
        let keys: Vec<String> = b.keys.iter().map(label).collect();
        let entry = (keys.join(" "), b.help);
        match sections.iter_mut().find(|(s, _)| *s == b.scope) {
            Some((_, section)) => section.entries.push(entry),
            None => sections.push((
                b.scope,
                HelpSection {
                    title: b.scope.title(),
                    entries: vec![entry],
                },
            )),
        }
    }
    sections.into_iter().map(|(_, s)| s).collect()
}
