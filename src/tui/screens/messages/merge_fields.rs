//! The merge-field list of the Messages screen: every field, those the policy keeps out
//! of message text shown as blocked with the reason, and, once a field is chosen, the
//! fallback to type before anything is inserted.
//!
//! The picker never inserts a fallback of its own: a ready-made `default("...")` would
//! ship "Hi ..." to every contact with a blank value. The person types the words
//! recipients should read; an empty or placeholder fallback (`...`, `TODO`, `[name]`,
//! the field's own name: `message::placeholder`) is refused with the reason.
//!
//! Blocked are consent fields (they decide who gets a message; PRODUCT.md, "Privacy
//! classes") and special category or protected fields the campaign has not unlocked
//! (`fields::policy::check_use`, the same rule `Message::check` applies). Each field is
//! marked by its class as on the Fields screen (README: `!!` special category data, `!`
//! protected traits); being blocked is said in words.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use crate::campaign::Campaign;
use crate::fields::policy::{Usage, check_use};
use crate::fields::{Field, PrivacyClass};
use crate::message::placeholder::is_placeholder;
use crate::tui::theme;
use crate::tui::widgets::cell_text::{fit, wrap};
use crate::tui::widgets::dialog::centred;
use crate::tui::widgets::text_input::{TextInput, TextInputView};

/// One field in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeChoice {
    pub name: String,
    /// Its privacy class, which picks the marker drawn before it (`theme::sensitivity`:
    /// `!!` special category data, `!` a protected trait, as on the Fields screen).
    pub class: PrivacyClass,
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
                class: f.class,
                blocked,
            }
        })
        .collect()
}

/// The fallback being typed for the chosen merge field, and why the last Enter was
/// refused.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FallbackInput {
    pub field: String,
    pub input: TextInput,
    pub error: Option<String>,
}

impl FallbackInput {
    /// An empty fallback for `field`.
    pub fn new(field: &str) -> Self {
        FallbackInput {
            field: field.to_string(),
            input: TextInput::default(),
            error: None,
        }
    }
}

/// The text inserted for merge field `name` with `fallback` (as a template string
/// literal: `\` and `"` escaped), so no blank value prints as nothing ("Hi ," of case
/// BR-16).
pub fn snippet(name: &str, fallback: &str) -> String {
    let literal = fallback.replace('\\', "\\\\").replace('"', "\\\"");
    format!("{{{{ {name} | default(\"{literal}\") }}}}")
}

/// The typed fallback for `name`, trimmed, or why it cannot be one: blank, or a
/// placeholder that would ship as "Hi ..." (see `message::placeholder`).
pub fn checked_fallback(name: &str, typed: &str) -> Result<String, String> {
    let text = typed.trim();
    if is_placeholder(text, name) {
        let shown = if text.is_empty() {
            "an empty fallback".to_string()
        } else {
            format!("`{text}`")
        };
        return Err(format!(
            "{shown} is a placeholder, not a fallback: type the words recipients with no {name} should read (such as \"there\" in a greeting)"
        ));
    }
    Ok(text.to_string())
}

/// Draw the list over `area`, with the selected field's block reason below; or, once a
/// field is chosen (`fallback`), the input for its fallback.
pub fn render(
    choices: &[MergeChoice],
    selected: usize,
    fallback: Option<&FallbackInput>,
    area: Rect,
    buf: &mut Buffer,
) {
    if let Some(f) = fallback {
        return render_fallback(f, area, buf);
    }
    // A blocked field's reason is shown whole (its end says how to unlock the field),
    // wrapped over as many rows as it needs below the list; three rows at least.
    let detail = detail_lines(choices.get(selected), 62);
    let detail_rows = (detail.len() as u16).max(3);
    let height = (choices.len() as u16)
        .saturating_add(4 + detail_rows)
        .min(19 + detail_rows);
    let rect = centred(area, 64, height);
    Clear.render(rect, buf);
    let block = Block::bordered().title(" Insert a merge field (Enter chooses, Esc closes) ");
    let inner = block.inner(rect);
    block.render(rect, buf);
    if inner.height < 2 + detail_rows {
        return;
    }
    let list_height = usize::from(inner.height - 1 - detail_rows);
    let width = usize::from(inner.width);
    let top = (selected + 1).saturating_sub(list_height);
    let lines: Vec<Line> = choices
        .iter()
        .enumerate()
        .skip(top)
        .take(list_height)
        .map(|(i, c)| {
            // The marker says the field's class; a blocked field of any class is drawn
            // in the blocked style and says "(blocked)" in words.
            let (mark, class_style) =
                theme::sensitivity(c.class).unwrap_or(("  ", ratatui::style::Style::default()));
            let style = if c.blocked.is_some() {
                theme::BLOCKED
            } else {
                class_style
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
    Paragraph::new(detail).render(
        Rect::new(
            inner.x,
            inner.y + list_height as u16 + 1,
            inner.width,
            detail_rows,
        ),
        buf,
    );
}

/// What is said below the list about the `selected` field, in rows of `width` columns:
/// the block reason wrapped whole, or how to insert it.
fn detail_lines(selected: Option<&MergeChoice>, width: usize) -> Vec<Line<'static>> {
    match selected {
        Some(MergeChoice {
            blocked: Some(why), ..
        }) => wrap(why, width)
            .into_iter()
            .map(|row| Line::styled(row, theme::BLOCKED))
            .collect(),
        Some(c) => vec![Line::from(vec![
            Span::raw("Enter asks for the fallback of "),
            Span::styled(
                crate::text::for_terminal(&c.name).into_owned(),
                theme::COMMAND,
            ),
        ])],
        None => vec![Line::from("No fields yet.")],
    }
}

/// The fallback input: which field, what the fallback is for, the input, the error.
fn render_fallback(f: &FallbackInput, area: Rect, buf: &mut Buffer) {
    let rect = centred(area, 64, 9);
    Clear.render(rect, buf);
    let block = Block::bordered().title(" Fallback (Enter inserts, Esc goes back) ");
    let inner = block.inner(rect);
    block.render(rect, buf);
    if inner.height < 3 || inner.width < 4 {
        return;
    }
    let name = crate::text::for_terminal(&f.field).into_owned();
    let intro = Line::from(format!(
        "Words to print for contacts whose {name} is blank:"
    ));
    Paragraph::new(intro)
        .wrap(Wrap { trim: true })
        .render(Rect::new(inner.x, inner.y, inner.width, 2), buf);
    let y = inner.y + 2;
    TextInputView {
        input: &f.input,
        focused: true,
        style: theme::COMMAND,
    }
    .render(
        Rect::new(inner.x + 1, y, inner.width.saturating_sub(2), 1),
        buf,
    );
    if let Some(e) = &f.error {
        let text = crate::text::for_terminal(e).into_owned();
        Paragraph::new(Line::styled(text, theme::BLOCKED))
            .wrap(Wrap { trim: true })
            .render(
                Rect::new(
                    inner.x,
                    y + 2,
                    inner.width,
                    inner.height.saturating_sub(4).max(1),
                ),
                buf,
            );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_quote_the_fallback_as_a_string_literal() {
        assert_eq!(
            snippet("city", r#"your "home" town\"#),
            r#"{{ city | default("your \"home\" town\\") }}"#
        );
    }

    #[test]
    fn placeholder_fallbacks_are_refused_and_words_are_kept() {
        assert!(checked_fallback("first_name", "  ").is_err());
        assert!(checked_fallback("first_name", "...").is_err());
        assert!(checked_fallback("first_name", "First Name").is_err());
        assert_eq!(checked_fallback("first_name", " there ").unwrap(), "there");
    }
}
