//! The help popup's content, built from the keymap's table ([`BINDINGS`]), so it can
//! never disagree with what the keys do: every key ([`help`]), or the current screen's
//! keys first, then the global ones ([`help_for`]).

use crossterm::event::{KeyCode, KeyModifiers};

use super::{BINDINGS, Key, Scope};

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
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Del".into(),
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
    /// (keys, as `Down j`; what they do). An entry without keys is text shown on its
    /// own (the status line's message, whole).
    pub entries: Vec<(String, String)>,
}

/// The help popup's content for a screen whose scopes are `scopes` (most specific
/// first, [`super::screen_scopes`]): their keys first, then the global keys, then the help's
/// own. Built from [`BINDINGS`], so it never disagrees with what the keys do.
pub fn help_for(scopes: &[Scope]) -> Vec<HelpSection> {
    let mut order: Vec<Scope> = scopes.to_vec();
    for s in [Scope::Global, Scope::Help] {
        if !order.contains(&s) {
            order.push(s);
        }
    }
    let mut all = sections();
    order
        .iter()
        .filter_map(|s| {
            let at = all.iter().position(|(scope, _)| scope == s)?;
            Some(all.remove(at).1)
        })
        .collect()
}

/// Every key, one section per scope in the order scopes first appear in
/// [`BINDINGS`].
pub fn help() -> Vec<HelpSection> {
    sections().into_iter().map(|(_, s)| s).collect()
}

fn sections() -> Vec<(Scope, HelpSection)> {
    let mut sections: Vec<(Scope, HelpSection)> = Vec::new();
    for b in BINDINGS {
        let keys: Vec<String> = b.keys.iter().map(label).collect();
        let entry = (keys.join(" "), b.help.to_string());
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
    sections
}
