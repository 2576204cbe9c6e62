//! The table of every key binding: data, read by `keymap::map` and the help popup.

use crossterm::event::{KeyCode, KeyModifiers};

use super::{Binding, CTRL_C, Key, Scope, bind, ch, key};
use crate::tui::message::{Message, Screen};
use crate::tui::widgets::text_input::TextEdit;

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
    bind(S::Global, &[ch('q'), CTRL_C], M::Quit, "quit"),
    bind(
        S::Help,
        &[key(KeyCode::Esc), ch('?'), ch('q')],
        M::ClosePopup,
        "close",
    ),
    bind(
        S::Help,
        &[key(KeyCode::PageDown), key(KeyCode::Down), ch(' ')],
        M::PageDown,
        "more keys",
    ),
    bind(
        S::Help,
        &[key(KeyCode::PageUp), key(KeyCode::Up)],
        M::PageUp,
        "back",
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
        S::FieldList,
        &[ch('e')],
        M::EditField,
        "change class or role",
    ),
    bind(
        S::Contacts,
        &[key(KeyCode::Esc), ch('f')],
        M::CloseContacts,
        "back to fields",
    ),
    bind(S::Import, &[ch('e'), ch('/')], M::EditPath, "type a path"),
    bind(
        S::Import,
        &[key(KeyCode::Enter)],
        M::DetectImport,
        "read the file, show what is detected",
    ),
    bind(
        S::Import,
        &[ch('o')],
        M::OpenImportOptions,
        "import options",
    ),
    bind(S::Import, &[ch('i')], M::RunImport, "import the file"),
    bind(S::Import, &[ch('b')], M::ToggleBatches, "import batches"),
    bind(S::Import, &[ch('u')], M::AskUndo, "undo the latest import"),
    bind(
        S::PathInput,
        &[key(KeyCode::Enter)],
        M::DetectImport,
        "read the file",
    ),
    bind(
        S::PathInput,
        &[key(KeyCode::Tab)],
        M::CompletePath,
        "complete the file name",
    ),
    bind(
        S::PathInput,
        &[key(KeyCode::Esc)],
        M::StopEditing,
        "stop typing",
    ),
    bind(
        S::TextInput,
        &[key(KeyCode::Backspace)],
        M::Edit(TextEdit::Backspace),
        "delete before the cursor",
    ),
    bind(
        S::TextInput,
        &[key(KeyCode::Delete)],
        M::Edit(TextEdit::Delete),
        "delete under the cursor",
    ),
    bind(
        S::TextInput,
        &[key(KeyCode::Left)],
        M::Edit(TextEdit::Left),
        "cursor left",
    ),
    bind(
        S::TextInput,
        &[key(KeyCode::Right)],
        M::Edit(TextEdit::Right),
        "cursor right",
    ),
    bind(
        S::TextInput,
        &[key(KeyCode::Home)],
        M::Edit(TextEdit::Home),
        "start of the text",
    ),
    bind(
        S::TextInput,
        &[key(KeyCode::End)],
        M::Edit(TextEdit::End),
        "end of the text",
    ),
    bind(
        S::TextInput,
        &[Key {
            code: KeyCode::Char('u'),
            modifiers: KeyModifiers::CONTROL,
        }],
        M::Edit(TextEdit::Clear),
        "clear the text",
    ),
    bind(S::TextInput, &[CTRL_C], M::Quit, "quit"),
    bind(
        S::ImportOptions,
        &[key(KeyCode::Down), ch('j')],
        M::ScrollDown,
        "next option",
    ),
    bind(
        S::ImportOptions,
        &[key(KeyCode::Up), ch('k')],
        M::ScrollUp,
        "previous option",
    ),
    bind(
        S::ImportOptions,
        &[key(KeyCode::Right), ch('l'), ch(' ')],
        M::ChangeValue(1),
        "next choice",
    ),
    bind(
        S::ImportOptions,
        &[key(KeyCode::Left), ch('h')],
        M::ChangeValue(-1),
        "previous choice",
    ),
    bind(
        S::ImportOptions,
        &[key(KeyCode::Enter)],
        M::Submit,
        "apply (reads the file again)",
    ),
    bind(
        S::ImportOptions,
        &[key(KeyCode::Esc)],
        M::ClosePopup,
        "cancel",
    ),
    bind(
        S::ConfirmUndo,
        &[ch('y')],
        M::ConfirmUndo,
        "undo the latest import",
    ),
    bind(
        S::ConfirmUndo,
        &[ch('n'), key(KeyCode::Esc)],
        M::ClosePopup,
        "keep it",
    ),
    bind(
        S::FieldDialog,
        &[key(KeyCode::Down), ch('j')],
        M::ScrollDown,
        "next in the list",
    ),
    bind(
        S::FieldDialog,
        &[key(KeyCode::Up), ch('k')],
        M::ScrollUp,
        "previous in the list",
    ),
    bind(
        S::FieldDialog,
        &[
            key(KeyCode::Tab),
            key(KeyCode::Left),
            key(KeyCode::Right),
            ch('h'),
            ch('l'),
        ],
        M::SwitchFocus,
        "class list / role list",
    ),
    bind(
        S::FieldDialog,
        &[key(KeyCode::Enter)],
        M::Submit,
        "next: the reason",
    ),
    bind(
        S::FieldDialog,
        &[key(KeyCode::Esc)],
        M::ClosePopup,
        "cancel",
    ),
    bind(
        S::FieldReason,
        &[key(KeyCode::Enter)],
        M::Submit,
        "save the change",
    ),
    bind(
        S::FieldReason,
        &[key(KeyCode::Esc)],
        M::ClosePopup,
        "cancel, dropping the reason",
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
];
