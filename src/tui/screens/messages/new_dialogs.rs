//! The two popups for planning a campaign from scratch on the Messages screen: the
//! new-campaign dialog (`n`: name and channel) and the list of saved segments to add
//! an entry for (`a`). Their keys are handled in [`super::new_update`]. The first
//! also renames the current campaign (`R`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::NewCampaign;
use crate::fields::Channel;
use crate::tui::app::App;
use crate::tui::theme;
use crate::tui::widgets::cell_text::fit;
use crate::tui::widgets::dialog::centred;
use crate::tui::widgets::text_input::TextInputView;

/// The saved segments not yet in the campaign being edited, in list order.
pub fn addable(app: &App) -> Vec<String> {
    let taken = |name: &str| {
        app.messages
            .draft
            .as_ref()
            .is_some_and(|c| c.entries.iter().any(|e| e.segment == name))
    };
    app.segments
        .segments
        .iter()
        .map(|s| s.name.clone())
        .filter(|n| !taken(n))
        .collect()
}

/// Draw the new-campaign dialog over `area`.
pub fn render_new(d: &NewCampaign, area: Rect, buf: &mut Buffer) {
    let rect = centred(area, 60, 8);
    Clear.render(rect, buf);
    let title = match &d.renaming {
        Some(old) => format!(
            " Rename `{}` (Enter renames, Esc cancels) ",
            crate::text::for_terminal(old)
        ),
        None => " New campaign (Enter creates, Esc cancels) ".to_string(),
    };
    let block = Block::bordered().title(title);
    let inner = block.inner(rect);
    block.render(rect, buf);
    if inner.height < 4 || inner.width < 12 {
        return;
    }
    let w = usize::from(inner.width);
    buf.set_stringn(inner.x, inner.y, " Name    ", 9, theme::HEADER);
    TextInputView {
        input: &d.name,
        focused: true,
        style: Style::default(),
    }
    .render(Rect::new(inner.x + 9, inner.y, inner.width - 9, 1), buf);
    let (email, sms) = match d.channel {
        Channel::Email => ("[e-mail]", " SMS "),
        Channel::Sms => (" e-mail ", "[SMS]"),
    };
    let channel = match d.renaming {
        Some(_) => " Entries and unlocks follow; sign off again after.".to_string(),
        None => format!(" Channel {email} {sms}   (Tab switches)"),
    };
    buf.set_stringn(inner.x, inner.y + 1, fit(&channel, w), w, Style::default());
    if let Some(e) = &d.error {
        let rest = Rect::new(inner.x, inner.y + 3, inner.width, inner.height - 3);
        Paragraph::new(Line::styled(format!(" {e}"), theme::ERROR))
            .wrap(Wrap { trim: true })
            .render(rest, buf);
    }
}

/// Draw the list of segments to add over `area`.
pub fn render_add(app: &App, area: Rect, buf: &mut Buffer) {
    let choices = addable(app);
    let rect = centred(area, 50, (choices.len() as u16).saturating_add(4).min(20));
    Clear.render(rect, buf);
    let block = Block::bordered().title(" Add a segment (Enter adds, Esc closes) ");
    let inner = block.inner(rect);
    block.render(rect, buf);
    if choices.is_empty() {
        let text = if app.segments.pending_list.is_some() {
            "Loading segments..."
        } else {
            "No saved segment left to add: save one on Segments (3)."
        };
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        return;
    }
    let rows = usize::from(inner.height);
    let selected = app.messages.add_selected;
    let top = (selected + 1).saturating_sub(rows);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = choices
        .iter()
        .enumerate()
        .skip(top)
        .take(rows)
        .map(|(i, name)| {
            let style = if i == selected {
                theme::SELECTED
            } else {
                Style::default()
            };
            Line::styled(fit(&format!(" {name}"), width), style)
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}
