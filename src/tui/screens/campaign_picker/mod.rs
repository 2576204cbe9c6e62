//! The campaigns of the workspace and the one the Messages, Preview, Review and Export
//! screens work on: its state, the picker popup (`C`) and the line naming it under the
//! tabs.
//!
//! The first campaign (alphabetically) is chosen until the user picks another. The
//! campaign here is the one stored in the workspace; the Messages screen edits a copy.

pub mod jobs;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::campaign::Campaign;
use crate::fields::Channel;
use crate::tui::theme;
use crate::tui::widgets::cell_text::fit;
use crate::tui::widgets::dialog::centred;

/// The campaign names and the current campaign.
#[derive(Debug, Clone, Default)]
pub struct CampaignsState {
    /// Every campaign, alphabetically.
    pub names: Vec<String>,
    /// The campaign screens 4-7 work on, as stored.
    pub current: Option<Campaign>,
    /// The highlighted name in the picker.
    pub selected: usize,
    /// Generation of the names request in flight.
    pub pending_names: Option<u64>,
    /// Generation of the campaign request in flight.
    pub pending_load: Option<u64>,
    /// True once the names have arrived (an empty list then means "no campaign yet").
    pub loaded: bool,
}

impl CampaignsState {
    /// Name of the current campaign.
    pub fn current_name(&self) -> Option<&str> {
        self.current.as_ref().map(|c| c.name.as_str())
    }
}

/// The line under the tabs on the campaign screens: which campaign, and how to change
/// it. `dirty` marks unsaved message edits.
pub fn context_line(state: &CampaignsState, dirty: bool) -> Line<'static> {
    let Some(c) = &state.current else {
        let text = if state.loaded && state.names.is_empty() {
            " No campaign yet: press n on Messages (4) to create one"
        } else {
            " Loading campaigns..."
        };
        return Line::from(text);
    };
    let channel = match c.channel {
        Channel::Email => "e-mail",
        Channel::Sms => "SMS",
    };
    let mut spans = vec![
        Span::raw(" Campaign "),
        Span::styled(
            crate::text::for_terminal(&c.name).into_owned(),
            theme::HEADER,
        ),
        Span::raw(format!(
            " ({channel}, {} entr{})",
            c.entries.len(),
            if c.entries.len() == 1 { "y" } else { "ies" }
        )),
    ];
    if dirty {
        spans.push(Span::styled(" [unsaved edits]", theme::WARNING));
    }
    if state.names.len() > 1 {
        spans.push(Span::styled(
            format!("  C: choose among {}", state.names.len()),
            theme::CHROME,
        ));
    }
    Line::from(spans)
}

/// Draw the picker over `area`.
pub fn render(state: &CampaignsState, area: Rect, buf: &mut Buffer) {
    let height = (state.names.len() as u16).saturating_add(4).min(20);
    let rect = centred(area, 50, height);
    Clear.render(rect, buf);
    let block = Block::bordered().title(" Campaign (Enter picks, Esc cancels) ");
    let inner = block.inner(rect);
    block.render(rect, buf);
    if state.names.is_empty() {
        Paragraph::new("No campaigns in this workspace.").render(inner, buf);
        return;
    }
    let rows = usize::from(inner.height);
    let top = (state.selected + 1).saturating_sub(rows);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = state
        .names
        .iter()
        .enumerate()
        .skip(top)
        .take(rows)
        .map(|(i, name)| {
            let current = state.current_name() == Some(name.as_str());
            let text = format!("{} {name}", if current { "*" } else { " " });
            let style = if i == state.selected {
                theme::SELECTED
            } else {
                ratatui::style::Style::default()
            };
            Line::styled(fit(&text, width), style)
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}
