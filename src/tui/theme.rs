//! The TUI's styles, in one place so meaning stays consistent across screens.
//!
//! Colour is never the only carrier of meaning: every style that warns comes with a
//! text marker ([`BLOCKED_MARK`], [`PROTECTED_MARK`]) so the meaning survives a
//! monochrome terminal or colour blindness (WCAG 2.1, success criterion 1.4.1).

use ratatui::style::{Color, Modifier, Style};

use crate::fields::PrivacyClass;

/// Something the policy blocks: special category data.
pub const BLOCKED: Style = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
/// Something that needs care: protected traits.
pub const WARNING: Style = Style::new().fg(Color::Yellow);
/// Column headers.
pub const HEADER: Style = Style::new().add_modifier(Modifier::BOLD);
/// The selected row of a table.
pub const SELECTED: Style = Style::new().add_modifier(Modifier::REVERSED);
/// Column separators and other chrome that should recede.
pub const CHROME: Style = Style::new().fg(Color::DarkGray);
/// The active tab.
pub const ACTIVE_TAB: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Cyan)
    .add_modifier(Modifier::BOLD);
/// Error text in the status line.
pub const ERROR: Style = Style::new().fg(Color::Red);
/// Commands the user can type, in guides.
pub const COMMAND: Style = Style::new().fg(Color::Cyan);

/// Text marker for special category data (GDPR Art. 9(1)); always two columns wide.
pub const BLOCKED_MARK: &str = "!!";
/// Text marker for protected traits; always two columns wide.
pub const PROTECTED_MARK: &str = "! ";

/// The marker and style that flag a field of `class`, or `None` for classes the
/// default policy does not block.
pub fn sensitivity(class: PrivacyClass) -> Option<(&'static str, Style)> {
    match class {
        PrivacyClass::SpecialCategory => Some((BLOCKED_MARK, BLOCKED)),
        PrivacyClass::Protected => Some((PROTECTED_MARK, WARNING)),
        _ => None,
    }
}
