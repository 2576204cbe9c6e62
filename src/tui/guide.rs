//! The short texts of the screens that have no campaign: the tagline under the tabs
//! (Import, Fields, Segments), and the Fields screen's guide while the workspace is
//! empty (what the screen is for, and how to fill it). The campaign screens (4-7) show
//! the campaign line instead (`campaign_picker::context_line`). Drawn by `tui::view`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Widget, Wrap};

use crate::tui::message::Screen;
use crate::tui::theme;

/// A few words on `screen`'s job for the line under the tabs; `None` for the campaign
/// screens, whose line names the campaign.
pub fn tagline(screen: Screen) -> Option<&'static str> {
    match screen {
        Screen::Import => Some("bring CSV exports into the audience"),
        Screen::Fields => Some("types, roles and privacy classes"),
        Screen::Segments => Some("rules over fields, with reach"),
        Screen::Suppression => Some("addresses never to contact (key 8)"),
        Screen::Audit => Some("every change to the workspace, newest first (key 9)"),
        Screen::Contact => Some("everything held about one contact; erase it (key 0)"),
        Screen::Messages | Screen::Preview | Screen::Review | Screen::Export => None,
    }
}

/// What the Fields screen says while nothing is imported.
const EMPTY_FIELDS: &str = "Every field with its type, role and privacy class, and the \
    reason it was given. Nothing is imported yet: press 1 for the Import screen, or \
    from a shell:";

/// The commands that fill an empty workspace.
const EMPTY_FIELDS_COMMANDS: [&str; 2] = ["tactful import FILE --dry-run", "tactful import FILE"];

/// The Fields screen's guide while the workspace is empty.
pub struct GuideView<'a> {
    /// The workspace file, as given by the user (sanitised here).
    pub workspace: &'a str,
}

impl Widget for &GuideView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let mut lines = vec![Line::from(EMPTY_FIELDS), Line::from("")];
        for c in EMPTY_FIELDS_COMMANDS {
            lines.push(Line::from(vec![
                Span::raw("    "),
                Span::styled(c, theme::COMMAND),
            ]));
        }
        lines.push(Line::from(""));
        lines.push(Line::from(format!(
            "Workspace: {}",
            crate::text::for_terminal(self.workspace)
        )));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::new().padding(Padding::horizontal(1)))
            .render(area, buf);
    }
}
