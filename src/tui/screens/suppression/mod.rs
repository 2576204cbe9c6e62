//! The suppression list screen: how many entries the list holds, a page of them (kind,
//! value as stored, why, source, when added), and importing a suppression file by a
//! typed path, with the report `tactful suppress` prints (added, already present,
//! values skipped and rows warned about, by line and column).
//!
//! The page is read with keyset paging (`workspace::suppression::page`); the import
//! runs on the writer (`jobs`). Every value passes the terminal-sanitising helpers
//! (`cell_text::fit`, `cell_text::wrap`) before it is drawn.

pub mod jobs;
pub mod message;
pub mod update;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::import::suppress::SuppressReport;
use crate::text::count;
use crate::tui::theme;
use crate::tui::widgets::cell_text::{fit, wrap_indented};
use crate::tui::widgets::data_table::{PageTrail, render_page_rows};
use crate::tui::widgets::text_input::{TextInput, TextInputView};
use crate::workspace::suppression::Listed;

/// What the screen shows and where the keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SuppressionMode {
    /// The page of entries.
    #[default]
    List,
    /// Typing the path of a file to import.
    Typing,
    /// The report of the last import.
    Report,
}

/// State of the suppression list screen.
#[derive(Debug, Clone, Default)]
pub struct SuppressionState {
    pub mode: SuppressionMode,
    /// Entries on the list, once read.
    pub total: Option<u64>,
    /// The page shown, in the order entries were added.
    pub entries: Vec<Listed>,
    /// Where the list is: the `after` row id of each page shown so far, whether this
    /// is the last, the selected row.
    pub page: PageTrail<i64>,
    /// Generation of the page request in flight.
    pub pending: Option<u64>,
    /// The path typed.
    pub path: TextInput,
    /// Generation of the import in flight.
    pub importing: Option<u64>,
    /// The last import's report, and how far it is scrolled.
    pub report: Option<Box<SuppressReport>>,
    pub scroll: usize,
    /// Why the last read or import failed (nothing changed).
    pub error: Option<String>,
}

/// Lines the screen keeps for itself around the table: the count, the path or error
/// line, the table header and the key hints.
const CHROME_LINES: u16 = 4;

/// How many entries a page holds in a body `body_height` lines tall.
pub fn page_rows(body_height: u16) -> usize {
    usize::from(body_height.saturating_sub(CHROME_LINES)).max(1)
}

/// The report of an import, as `tactful suppress` prints it (line and column of every
/// value skipped and row warned about). Untrusted text is sanitised when drawn.
pub fn report_lines(report: &SuppressReport) -> Vec<String> {
    let mut out = vec![format!(
        "{}: {} added to the suppression list, {} already on it ({} in total)",
        report.file,
        count(report.added, "address"),
        report.already_present,
        count(report.total, "entry")
    )];
    if let Some(h) = &report.header {
        out.push(format!(
            "line {} taken as the header: {}",
            h.line,
            h.fields.join(", ")
        ));
    }
    let needs = &report.needs_region;
    if needs.count > 0 {
        let lines: Vec<String> = needs.lines.iter().map(u64::to_string).collect();
        out.push(format!(
            "note: {} written without a country code and no region is known ({} {}): {} kept as written and suppressed in every region; run `tactful suppress FILE --region CC` to suppress only the one meant",
            count(needs.count, "phone number"),
            if lines.len() == 1 { "line" } else { "lines" },
            lines.join(", "),
            if needs.count == 1 { "it is" } else { "they are" }
        ));
    }
    if !report.ragged.is_empty() {
        out.push(format!(
            "warning: {} {} not line up with the header; every field of each was searched for addresses:",
            count(report.ragged.len() as u64, "row"),
            if report.ragged.len() == 1 { "does" } else { "do" }
        ));
        for r in &report.ragged {
            out.push(format!(
                "  line {}, column {}: {}",
                r.line, r.column, r.reason
            ));
        }
    }
    if !report.skipped.is_empty() {
        out.push(format!(
            "{} not added:",
            count(report.skipped.len() as u64, "value")
        ));
        for s in &report.skipped {
            out.push(format!(
                "  line {}, column {}: {}",
                s.line, s.column, s.reason
            ));
        }
    }
    out
}

/// How an entry's kind reads.
fn kind_label(kind: &str) -> &str {
    match kind {
        "email" => "e-mail",
        "key" => "contact key",
        other => other,
    }
}

/// The table's columns in a body `width` wide: kind, value, reason, source and when
/// added (the date only below 100 columns, the whole UTC time from there); the value
/// takes what is left, at least 16.
fn columns(width: usize) -> [usize; 5] {
    let added = if width < 100 { 10 } else { 20 };
    // The lead space and one space after each column.
    let fixed = 11 + 6 + 22 + added + 6;
    [11, width.saturating_sub(fixed + 1).max(16), 6, 22, added]
}

/// One row of the table (or its header), each cell sanitised and fitted.
fn row_text(cells: [&str; 5], width: usize) -> String {
    let mut line = String::from(" ");
    for (text, w) in cells.iter().zip(columns(width)) {
        line.push_str(&fit(text, w));
        line.push(' ');
    }
    line
}

fn entry_text(e: &Listed, width: usize) -> String {
    let value = e.value.as_deref().unwrap_or("(hash only)");
    // Below 100 columns the date alone: the time would be cut.
    let added = match columns(width)[4] {
        10 => e.added_at.get(..10).unwrap_or(&e.added_at),
        _ => &e.added_at,
    };
    let cells = [kind_label(&e.kind), value, &e.reason, &e.source, added];
    row_text(cells, width)
}

impl Widget for &SuppressionState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height < CHROME_LINES {
            return;
        }
        let width = usize::from(area.width);
        let line_at = |i: u16| Rect::new(area.x, area.y + i, area.width, 1);
        let count = match self.total {
            Some(n) if self.entries.is_empty() => format!(" {n} entries on the suppression list"),
            Some(n) => format!(
                " {n} entries on the suppression list; {}",
                self.page.label()
            ),
            None => " reading the suppression list...".to_string(),
        };
        Line::styled(count, theme::HEADER).render(line_at(0), buf);
        self.second_line(line_at(1), buf);
        let body = Rect::new(area.x, area.y + 2, area.width, area.height - 3);
        if self.mode == SuppressionMode::Report {
            let lines: Vec<Line> = self
                .report
                .iter()
                .flat_map(|r| report_lines(r))
                .flat_map(|l| wrap_indented(&l, width.saturating_sub(1)))
                .skip(self.scroll)
                .map(|l| Line::from(format!(" {l}")))
                .collect();
            Paragraph::new(lines).render(body, buf);
        } else {
            let header = row_text(
                ["kind", "value as stored", "reason", "source", "added"],
                width,
            );
            Line::styled(header, theme::HEADER).render(line_at(2), buf);
            let rows = Rect::new(area.x, area.y + 3, area.width, area.height - 4);
            let lines = self.entries.iter().map(|e| entry_text(e, width));
            render_page_rows(lines, self.page.selected, rows, buf);
        }
        let hints = match self.mode {
            SuppressionMode::List => " i import a file   j/k move   PgDn/PgUp pages   ? keys",
            SuppressionMode::Typing => " Enter import this file   Esc stop typing",
            SuppressionMode::Report => " j/k scroll   Esc back to the list   i import another",
        };
        Line::styled(hints, theme::CHROME).render(line_at(area.height - 1), buf);
    }
}

impl SuppressionState {
    fn second_line(&self, area: Rect, buf: &mut Buffer) {
        if let Some(e) = &self.error {
            Line::styled(
                format!(" error: {}", fit(e, usize::from(area.width))),
                theme::ERROR,
            )
            .render(area, buf);
            return;
        }
        if self.importing.is_some() {
            Line::from(" importing...").render(area, buf);
            return;
        }
        if self.mode != SuppressionMode::Typing && self.path.is_blank() {
            return;
        }
        let label = " File to import: ";
        Line::from(Span::raw(label)).render(area, buf);
        let x = area.x + label.len() as u16;
        let input = Rect::new(x, area.y, area.width.saturating_sub(x - area.x), 1);
        TextInputView {
            input: &self.path,
            focused: self.mode == SuppressionMode::Typing,
            style: Default::default(),
        }
        .render(input, buf);
    }
}
