//! Drawing the Preview screen: the summary (audience = recipients + excluded, per
//! segment, per reason), the filter line, then the table of the loaded window. Reads
//! [`PreviewState`] only.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::PreviewState;
use crate::text::for_terminal;
use crate::tui::layout;
use crate::tui::theme;
use crate::tui::view::{count, thousands};
use crate::tui::widgets::cell_text::fit;
use crate::tui::widgets::data_table::DataTable;
use crate::tui::widgets::text_input::TextInputView;
use crate::workspace::preview_rows::ReasonMatch;

/// Lines above the table: totals, segments, reasons, filters.
pub const SUMMARY_LINES: u16 = 4;

/// How many table rows fit under the summary at terminal `size` (at least 1).
pub fn visible_rows(size: Rect) -> usize {
    layout::areas(size).map_or(1, |a| {
        usize::from(a.body.height.saturating_sub(SUMMARY_LINES + 1)).max(1)
    })
}

/// The table row line (0 = first under the header) at column `x`, row `y`, if the
/// click is on the table.
pub fn table_line_at(size: Rect, x: u16, y: u16) -> Option<u16> {
    let body = layout::areas(size)?.body;
    let top = body.y + SUMMARY_LINES + 1;
    let rows = Rect::new(body.x, top, body.width, body.bottom().saturating_sub(top));
    rows.contains((x, y).into()).then(|| y - rows.y)
}

/// The reason filter as the filter line shows it.
pub fn reason_label(r: &ReasonMatch) -> String {
    match r {
        ReasonMatch::Any => "all".into(),
        ReasonMatch::Recipient => "recipients".into(),
        ReasonMatch::Reason(code) => format!("excluded: {code}"),
    }
}

fn summary_lines(s: &PreviewState, width: usize) -> Vec<Line<'static>> {
    let fitted = |t: String, style| Line::styled(fit(&t, width), style);
    if let Some(e) = &s.error {
        return vec![fitted(
            format!(" The preview could not run: {}", for_terminal(e)),
            theme::ERROR,
        )];
    }
    let Some(sum) = &s.summary else {
        let text = match (&s.computed_for, s.pending_run) {
            (None, _) => " No campaign to preview.".to_string(),
            (Some(_), Some(_)) => format!(
                " Computing the preview: {} so far...",
                count(s.progress, "contact")
            ),
            (Some(_), None) => " No preview yet.".to_string(),
        };
        return vec![fitted(text, theme::HEADER)];
    };
    let excluded = sum.audience - sum.recipients;
    let segments: Vec<String> = sum
        .per_segment
        .iter()
        .map(|c| {
            let held = if c.held_out > 0 {
                format!(" (+{} held out)", thousands(c.held_out))
            } else {
                String::new()
            };
            format!("{} {}{held}", c.segment, thousands(c.recipients))
        })
        .collect();
    let reasons: Vec<String> = sum
        .per_reason
        .iter()
        .filter(|r| r.contacts > 0)
        .map(|r| format!("{} {}", r.reason.code(), thousands(r.contacts)))
        .collect();
    vec![
        fitted(
            format!(
                " Audience {} = {} + {} excluded (as of {})",
                thousands(sum.audience),
                count(sum.recipients, "recipient"),
                thousands(excluded),
                sum.as_of
            ),
            theme::HEADER,
        ),
        Line::from(fit(
            &format!(" Recipients by segment: {}", segments.join(", ")),
            width,
        )),
        Line::from(fit(
            &format!(
                " Excluded by reason: {}",
                if reasons.is_empty() {
                    "none".to_string()
                } else {
                    reasons.join(", ")
                }
            ),
            width,
        )),
    ]
}

impl Widget for &PreviewState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.height <= SUMMARY_LINES || area.width < 20 {
            return;
        }
        let width = usize::from(area.width);
        Paragraph::new(summary_lines(self, width)).render(
            Rect::new(area.x, area.y, area.width, SUMMARY_LINES - 1),
            buf,
        );
        let y = area.y + SUMMARY_LINES - 1;
        let shown = match self.matching {
            Some(n) => format!(" Showing {}", thousands(n)),
            None => " Showing".to_string(),
        };
        let segment = self.segment_filter.as_deref().unwrap_or("all");
        let head = format!(
            "{shown} | f segment: {} | x reason: {} | / search: ",
            for_terminal(segment),
            reason_label(&self.reason_filter)
        );
        let head_w = (head.chars().count() as u16).min(area.width);
        Line::from(vec![Span::styled(head, theme::CHROME)])
            .render(Rect::new(area.x, y, head_w, 1), buf);
        let rest = area.width - head_w;
        if rest > 0 {
            TextInputView {
                input: &self.search,
                focused: self.searching,
                style: ratatui::style::Style::default(),
            }
            .render(Rect::new(area.x + head_w, y, rest.min(24), 1), buf);
        }
        let table = Rect::new(
            area.x,
            area.y + SUMMARY_LINES,
            area.width,
            area.height - SUMMARY_LINES,
        );
        if self.rows.is_empty() && self.summary.is_some() {
            Paragraph::new(" No contact matches the filters. Esc clears them.").render(table, buf);
            return;
        }
        DataTable {
            source: self,
            state: &self.table,
            frozen: 1,
            highlight: true,
        }
        .render(table, buf);
    }
}
