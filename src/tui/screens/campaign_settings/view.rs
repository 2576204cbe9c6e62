//! Drawing the campaign settings dialog: one row per setting, the selected one
//! highlighted, choices shown with the chosen one in brackets, and the error of the
//! last Enter under them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::{Row, SettingsForm};
use crate::fields::Channel;
use crate::fields::policy::Category;
use crate::tui::theme;
use crate::tui::widgets::cell_text::fit;
use crate::tui::widgets::dialog::centred;
use crate::tui::widgets::text_input::TextInputView;

/// Width of the labels column.
const LABEL: u16 = 12;

/// Draw the dialog over `area`.
pub fn render(form: &SettingsForm, area: Rect, buf: &mut Buffer) {
    let rect = centred(area, 72, 16);
    Clear.render(rect, buf);
    let title = format!(
        " Settings of `{}` (Enter saves, Esc cancels) ",
        crate::text::for_terminal(&form.campaign)
    );
    let block = Block::bordered().title(title);
    let inner = block.inner(rect);
    block.render(rect, buf);
    if inner.height < 8 || inner.width < LABEL + 10 {
        return;
    }
    let w = inner.width - LABEL - 1;
    for (i, row) in Row::ALL.iter().enumerate() {
        let y = inner.y + i as u16;
        let focused = form.row == i;
        let style = if focused {
            theme::SELECTED
        } else {
            theme::HEADER
        };
        buf.set_stringn(
            inner.x,
            y,
            fit(&format!(" {}", row.label()), usize::from(LABEL)),
            usize::from(LABEL),
            style,
        );
        let at = Rect::new(inner.x + LABEL + 1, y, w, 1);
        match form.input(*row) {
            Some(input) => TextInputView {
                input,
                focused,
                style: Style::default(),
            }
            .render(at, buf),
            None => {
                let text = choices(form, *row);
                buf.set_stringn(
                    at.x,
                    y,
                    fit(&text, usize::from(w)),
                    usize::from(w),
                    Style::default(),
                );
            }
        }
    }
    let hint = match form.row() {
        Row::Channel | Row::Category => " Left/Right or Space chooses; Up/Down moves".to_string(),
        Row::Holdout => " Share held out as a control group, 0 to 50".to_string(),
        Row::K => " Smallest group review lets through (small-cell threshold)".to_string(),
        Row::AsOf => " Date relative rules count from; blank: today".to_string(),
        Row::MinorAge => format!(" 13 to 21; blank: default. Now: {}", form.minor_age_now),
    };
    let y = inner.y + Row::ALL.len() as u16 + 1;
    buf.set_stringn(
        inner.x,
        y,
        fit(&hint, usize::from(inner.width)),
        usize::from(inner.width),
        theme::CHROME,
    );
    if let Some(e) = &form.error {
        let rest = Rect::new(
            inner.x,
            y + 2,
            inner.width,
            inner.bottom().saturating_sub(y + 2),
        );
        Paragraph::new(Line::styled(
            format!(" {}", crate::text::for_terminal(e)),
            theme::ERROR,
        ))
        .wrap(Wrap { trim: true })
        .render(rest, buf);
    }
}

/// A choice row's options, the chosen one in brackets: `[e-mail]  SMS`.
fn choices(form: &SettingsForm, row: Row) -> String {
    let mark = |chosen: bool, text: &str| {
        if chosen {
            format!("[{text}]")
        } else {
            format!(" {text} ")
        }
    };
    match row {
        Row::Channel => [(Channel::Email, "e-mail"), (Channel::Sms, "SMS")]
            .iter()
            .map(|(c, t)| mark(*c == form.channel, t))
            .collect::<Vec<_>>()
            .join(" "),
        _ => Category::ALL
            .iter()
            .map(|c| mark(*c == form.category, c.as_str()))
            .collect::<Vec<_>>()
            .join(" "),
    }
}
