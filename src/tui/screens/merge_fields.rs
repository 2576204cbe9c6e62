//! The merge-field list of the Messages screen: every field, those the policy keeps out
//! of message text shown as blocked with the reason, and the snippet Enter inserts.
//!
//! Blocked are consent fields (they decide who gets a message; PRODUCT.md, "Privacy
//! classes") and special category or protected fields the campaign has not unlocked
//! (`fields::policy::check_use`, the same rule `Message::check` applies).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::popup::centred;
use crate::campaign::Campaign;
use crate::fields::policy::{Usage, check_use};
use crate::fields::{Field, PrivacyClass};
use crate::tui::theme;
use crate::tui::widgets::cell_text::fit;

/// One field in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeChoice {
    pub name: String,
    /// Why the field may not appear in this campaign's messages, if it may not.
    pub blocked: Option<String>,
}

/// The list for `campaign`: every field, in workspace order.
pub fn choices(fields: &[Field], campaign: &Campaign) -> Vec<MergeChoice> {
    let unlocked = campaign.unlocked();
    fields
        .iter()
        .map(|f| {
            let blocked = if f.class == PrivacyClass::Consent {
                Some(
                    "consent fields decide who gets a message; they are not message text"
                        .to_string(),
                )
            } else {
                check_use(
                    f,
                    Usage::MessageText,
                    Some(campaign.category),
                    unlocked.contains(&f.name),
                )
                .err()
                .map(|b| b.message)
            };
            MergeChoice {
                name: f.name.clone(),
                blocked,
            }
        })
        .collect()
}

/// The text inserted for a merge field: the field with a fallback to fill in, so no
/// blank value prints as nothing ("Hi ," of case BR-16).
pub fn snippet(name: &str) -> String {
    format!("{{{{ {name} | default(\"...\") }}}}")
}

/// Draw the list over `area`, with the selected field's snippet or block reason below.
pub fn render(choices: &[MergeChoice], selected: usize, area: Rect, buf: &mut Buffer) {
    let rect = centred(area, 64, (choices.len() as u16).saturating_add(7).min(22));
    Clear.render(rect, buf);
    let block = Block::bordered().title(" Insert a merge field (Enter inserts, Esc closes) ");
    let inner = block.inner(rect);
    block.render(rect, buf);
    if inner.height < 4 {
        return;
    }
    let list_height = usize::from(inner.height - 4);
    let width = usize::from(inner.width);
    let top = (selected + 1).saturating_sub(list_height);
    let lines: Vec<Line> = choices
        .iter()
        .enumerate()
        .skip(top)
        .take(list_height)
        .map(|(i, c)| {
            let (mark, style) = match c.blocked {
                Some(_) => (theme::BLOCKED_MARK, theme::BLOCKED),
                None => ("  ", ratatui::style::Style::default()),
            };
            let label = if c.blocked.is_some() {
                format!("{} (blocked)", c.name)
            } else {
                c.name.clone()
            };
            let style = if i == selected {
                style.patch(theme::SELECTED)
            } else {
                style
            };
            Line::from(vec![
                Span::styled(mark, style),
                Span::styled(fit(&format!(" {label}"), width.saturating_sub(2)), style),
            ])
        })
        .collect();
    Paragraph::new(lines).render(
        Rect::new(inner.x, inner.y, inner.width, list_height as u16),
        buf,
    );
    let detail = match choices.get(selected) {
        Some(MergeChoice {
            blocked: Some(why), ..
        }) => Line::styled(crate::text::for_terminal(why).into_owned(), theme::BLOCKED),
        Some(c) => Line::from(vec![
            Span::raw("inserts "),
            Span::styled(
                crate::text::for_terminal(&snippet(&c.name)).into_owned(),
                theme::COMMAND,
            ),
        ]),
        None => Line::from("No fields yet."),
    };
    Paragraph::new(detail).wrap(Wrap { trim: true }).render(
        Rect::new(inner.x, inner.y + list_height as u16 + 1, inner.width, 3),
        buf,
    );
}
