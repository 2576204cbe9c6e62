//! The overlap matrix (Segments screen, `o`): for every pair of saved segments, how many
//! contacts are in both; the diagonal is each segment's reach.
//!
//! Owns [`OverlapState`]. The matrix is a [`DataTable`] with the segment names as the
//! frozen first column and as headers, so every name passes through `fit` (sanitised,
//! cut between whole graphemes) and the columns line up whatever the names hold.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::tui::layout;
use crate::tui::screens::segments::message::Overlap;
use crate::tui::theme;
use crate::tui::view::thousands;
use crate::tui::widgets::cell_text::{display_width, fit};
use crate::tui::widgets::data_table::{Column, DataTable, DataTableState, TableSource};

/// Widest a segment name column grows; longer names are cut (`~`).
const MAX_NAME_WIDTH: u16 = 16;

/// State of the overlap matrix.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OverlapState {
    pub overlap: Option<Overlap>,
    /// Generation of the overlap job in flight.
    pub pending: Option<u64>,
    pub error: Option<String>,
    pub table: DataTableState,
    columns: Vec<Column>,
}

impl OverlapState {
    /// Take a counted matrix and size its columns to the names and counts.
    pub fn set(&mut self, overlap: Overlap) {
        let widest = overlap
            .names
            .iter()
            .map(|n| display_width(n) as u16)
            .max()
            .unwrap_or(0);
        let mut columns = vec![Column::new("", widest.clamp(7, MAX_NAME_WIDTH))];
        for (j, name) in overlap.names.iter().enumerate() {
            let count = overlap
                .matrix
                .iter()
                .map(|row| thousands(row.get(j).copied().unwrap_or(0)).len() as u16)
                .max()
                .unwrap_or(1);
            let w = (display_width(name) as u16).clamp(5, MAX_NAME_WIDTH);
            columns.push(Column::new(name.clone(), w.max(count)));
        }
        self.columns = columns;
        let n = overlap.names.len();
        self.table.selected = self.table.selected.min(n.saturating_sub(1));
        self.table.top = self.table.top.min(self.table.selected);
        self.overlap = Some(overlap);
        self.error = None;
    }

    /// Matrix rows that fit at terminal `size` (at least 1), under the header and above
    /// the notes, as drawn.
    pub fn visible_rows(&self, size: Rect) -> usize {
        let body = layout::areas(size).map_or(0, |a| a.body.height);
        let left_out = self.overlap.as_ref().map_or(0, |o| o.left_out.len()) as u16;
        let notes = (2 + left_out).min(body / 2);
        usize::from(body.saturating_sub(notes + 1)).max(1)
    }

    /// Number of columns that scroll sideways (all but the names).
    pub fn scrollable_columns(&self) -> usize {
        self.columns.len().saturating_sub(1)
    }
}

impl TableSource for OverlapState {
    fn columns(&self) -> &[Column] {
        &self.columns
    }

    fn row_count(&self) -> usize {
        self.overlap.as_ref().map_or(0, |o| o.names.len())
    }

    fn cell(&self, row: usize, column: usize) -> Cow<'_, str> {
        let Some(o) = &self.overlap else {
            return Cow::Borrowed("");
        };
        match column {
            0 => o
                .names
                .get(row)
                .map_or(Cow::Borrowed(""), |n| Cow::Borrowed(n)),
            c => {
                let n = o.matrix.get(row).and_then(|r| r.get(c - 1)).copied();
                let text = n.map(thousands).unwrap_or_default();
                // Counts right-aligned so digits line up.
                let w = usize::from(self.columns.get(c).map_or(0, |c| c.width));
                Cow::Owned(format!("{text:>w$}"))
            }
        }
    }
}

impl Widget for &OverlapState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.height < 4 {
            return;
        }
        let width = usize::from(area.width);
        let mut notes: Vec<Line> = vec![Line::styled(
            fit(
                " Each cell counts the contacts in both segments; the diagonal is each one's reach.",
                width,
            ),
            theme::CHROME,
        )];
        if let Some(o) = &self.overlap {
            for (name, why) in &o.left_out {
                notes.push(Line::styled(
                    fit(&format!(" left out `{name}`: {why}"), width),
                    theme::WARNING,
                ));
            }
        }
        notes.push(Line::styled(
            fit(
                " Esc back to the list   r recount   Left/Right scroll",
                width,
            ),
            theme::CHROME,
        ));
        let notes_height = (notes.len() as u16).min(area.height / 2);
        let table = Rect::new(area.x, area.y, area.width, area.height - notes_height);
        let below = Rect::new(area.x, table.bottom(), area.width, notes_height);
        Paragraph::new(notes).render(below, buf);
        let message = match (&self.overlap, &self.error) {
            (_, Some(e)) => Some(Line::styled(
                format!(" error: {}", crate::text::for_terminal(e)),
                theme::ERROR,
            )),
            (None, None) => Some(Line::from(" Counting the overlap...")),
            (Some(o), None) if o.names.is_empty() => Some(Line::from(
                " No segments to compare yet: press Esc, then n to add one.",
            )),
            (Some(_), None) => None,
        };
        if let Some(line) = message {
            Paragraph::new(line)
                .wrap(Wrap { trim: true })
                .render(table, buf);
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
