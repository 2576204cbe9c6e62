//! The audit log screen: the workspace's append-only record (imports, field changes,
//! unlocks, sign-offs, exports, suppressions, erasures), newest first, a page at a
//! time, with the selected entry's detail shown whole in a pane below (or over the
//! list, scrollable, with Enter).
//!
//! Entries are read with keyset paging (`workspace::audit::newest_page`). Every value
//! passes `cell_text::fit` or `cell_text::wrap`, which sanitise it: no control
//! character in a subject or detail reaches the terminal.

pub mod jobs;
pub mod message;
pub mod update;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::theme;
use crate::tui::widgets::cell_text::{fit, wrap_indented};
use crate::tui::widgets::data_table::{PageTrail, render_page_rows};
use crate::workspace::audit::AuditEntry;

/// What the screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuditMode {
    /// A page of entries and the selected one's detail.
    #[default]
    List,
    /// The selected entry, whole, scrollable.
    Entry,
}

/// State of the audit log screen.
#[derive(Debug, Clone, Default)]
pub struct AuditState {
    pub mode: AuditMode,
    /// Entries in the log, once read.
    pub total: Option<u64>,
    /// The page shown, newest first.
    pub entries: Vec<AuditEntry>,
    /// Where the log is: the `before` id of each page shown so far (`None`: the
    /// newest), whether this is the last, the selected row.
    pub page: PageTrail<Option<i64>>,
    /// How far the open entry is scrolled.
    pub scroll: usize,
    /// Generation of the page request in flight.
    pub pending: Option<u64>,
    pub error: Option<String>,
}

/// Lines besides the rows and the detail pane: the count, the header, the detail's
/// title and the key hints.
const CHROME_LINES: u16 = 4;

/// How many entries a page holds in a body `body_height` lines tall: half of what is
/// left, the other half showing the selected entry's detail.
pub fn page_rows(body_height: u16) -> usize {
    usize::from(body_height.saturating_sub(CHROME_LINES) / 2).max(1)
}

/// Column widths: when, who, what; the subject takes the rest.
const COLUMNS: [usize; 3] = [20, 12, 18];

/// Every line of an entry, unwrapped: its header fields, then its detail as indented
/// JSON.
pub fn entry_lines(e: &AuditEntry) -> Vec<String> {
    let mut out = vec![
        format!("entry {}, {} by {}", e.id, e.at, e.actor),
        format!("action: {}", e.action),
        format!("subject: {}", e.subject),
        "detail:".to_string(),
    ];
    let detail = serde_json::to_string_pretty(&e.detail).unwrap_or_else(|_| e.detail.to_string());
    out.extend(detail.lines().map(|l| format!("  {l}")));
    out
}

impl Widget for &AuditState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height < CHROME_LINES + 2 {
            return;
        }
        let width = usize::from(area.width);
        let line_at = |i: u16| Rect::new(area.x, area.y + i, area.width, 1);
        let head = match (&self.error, self.total) {
            (Some(e), _) => Line::styled(fit(&format!(" error: {e}"), width), theme::ERROR),
            (None, Some(n)) => Line::styled(
                format!(
                    " {n} entries in the audit log, newest first; {}",
                    self.page.label()
                ),
                theme::HEADER,
            ),
            (None, None) => Line::from(" reading the audit log..."),
        };
        head.render(line_at(0), buf);
        let hints = match self.mode {
            AuditMode::List => " j/k move   PgDn/PgUp older/newer   Enter whole entry   ? keys",
            AuditMode::Entry => " j/k PgDn/PgUp scroll   Esc back to the list",
        };
        Line::styled(hints, theme::CHROME).render(line_at(area.height - 1), buf);
        let selected = self.entries.get(self.page.selected);
        let text_width = width.saturating_sub(2);
        if self.mode == AuditMode::Entry {
            let lines: Vec<Line> = selected
                .map(entry_lines)
                .unwrap_or_default()
                .iter()
                .flat_map(|l| wrap_indented(l, text_width))
                .skip(self.scroll)
                .map(|l| Line::from(format!(" {l}")))
                .collect();
            Paragraph::new(lines).render(
                Rect::new(area.x, area.y + 1, area.width, area.height - 2),
                buf,
            );
            return;
        }
        let header = format!(
            " {}{}{}subject",
            fit("at (UTC)", COLUMNS[0] + 1),
            fit("actor", COLUMNS[1] + 1),
            fit("action", COLUMNS[2] + 1),
        );
        Line::styled(header, theme::HEADER).render(line_at(1), buf);
        let rows = page_rows(area.height);
        let rest = width.saturating_sub(COLUMNS.iter().sum::<usize>() + 4);
        let lines = self.entries.iter().map(|e| {
            format!(
                " {} {} {} {}",
                fit(&e.at, COLUMNS[0]),
                fit(&e.actor, COLUMNS[1]),
                fit(&e.action, COLUMNS[2]),
                fit(&e.subject, rest)
            )
        });
        let table = Rect::new(area.x, area.y + 2, area.width, rows as u16);
        render_page_rows(lines, self.page.selected, table, buf);
        let pane_top = 2 + rows as u16;
        let pane_height = area.height.saturating_sub(pane_top + 2);
        Line::styled(" Selected entry (Enter shows it whole)", theme::HEADER)
            .render(line_at(pane_top), buf);
        let mut lines: Vec<String> = selected
            .map(entry_lines)
            .unwrap_or_default()
            .iter()
            .flat_map(|l| wrap_indented(l, text_width))
            .collect();
        if lines.len() > usize::from(pane_height) {
            lines.truncate(usize::from(pane_height.saturating_sub(1)));
            lines.push("... (Enter shows the whole entry)".into());
        }
        let lines: Vec<Line> = lines
            .into_iter()
            .map(|l| Line::from(format!(" {l}")))
            .collect();
        Paragraph::new(lines).render(
            Rect::new(area.x, area.y + pane_top + 1, area.width, pane_height),
            buf,
        );
    }
}
