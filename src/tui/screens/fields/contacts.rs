//! The contacts browser (the Fields screen's second view): every column of the
//! audience, scrolling both ways, sensitive columns marked in the header.
//!
//! Only a window of contacts is held: the rows on screen plus about one screenful
//! either side, loaded by the worker with keyset paging. Moving inside the window is
//! instant; moving near its edge asks for a window around the new position
//! ([`ContactsState::refill`]). The total count arrives separately, in the background.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::fields::{Field, FieldType};
use crate::tui::message::{Page, PageAnchor};
use crate::tui::theme;
use crate::tui::widgets::cell_text::display_width;
use crate::tui::widgets::data_table::{Column, DataTable, DataTableState, TableSource};
use crate::workspace::browse::ContactRow;

/// The contact key column stays in place when scrolling sideways.
pub const FROZEN: usize = 1;
/// No column grows wider than this from its values; longer ones are cut.
pub const MAX_COLUMN_WIDTH: u16 = 30;

/// State of the contacts browser.
#[derive(Debug, Clone, Default)]
pub struct ContactsState {
    /// The fields whose columns are shown, in order.
    pub fields: Vec<Field>,
    /// The loaded window, ascending by contact id.
    pub rows: Vec<ContactRow>,
    pub table: DataTableState,
    /// Whether the window reaches the first / last contact.
    pub at_start: bool,
    pub at_end: bool,
    /// True once a first window has arrived.
    pub loaded: bool,
    /// Generation of the page request in flight, if any.
    pub pending_page: Option<u64>,
    /// Generation of the count in flight, if any.
    pub pending_count: Option<u64>,
    /// Ticks since the page request in flight was sent (a "loading" hint after a few).
    pub waiting_ticks: u32,
    /// Number of contacts in the workspace, once counted.
    pub total: Option<u64>,
    columns: Vec<Column>,
}

impl ContactsState {
    /// Show the columns of `fields` (contact key first, consent last) and forget the
    /// loaded rows, which no longer match.
    pub fn set_fields(&mut self, fields: Vec<Field>) {
        let mut columns = vec![Column::new("key", 24)];
        for f in &fields {
            let mut c = Column::new(f.name.clone(), type_width(f.ty));
            if let Some((mark, style)) = theme::sensitivity(f.class) {
                c.marker = mark;
                c.style = style;
            }
            let marker = match c.marker.trim_end() {
                "" => 0,
                m => display_width(m) + 1,
            };
            let title = (marker + display_width(&c.title)) as u16;
            c.width = c.width.max(title).min(MAX_COLUMN_WIDTH);
            columns.push(c);
        }
        columns.push(Column::new("consent_email", 13));
        columns.push(Column::new("consent_sms", 11));
        self.columns = columns;
        self.fields = fields;
        self.rows.clear();
        self.table = DataTableState::default();
        self.loaded = false;
    }

    /// Take a window from the worker and place the view in it as its anchor asks.
    /// Columns widen (never narrow) to fit the new values, so they do not jump while
    /// scrolling.
    pub fn apply_page(&mut self, page: Page, view: usize) {
        for row in &page.rows {
            for (col, c) in self.columns.iter_mut().enumerate() {
                let w = display_width(&cell_text(row, col)) as u16;
                c.width = c.width.max(w.min(MAX_COLUMN_WIDTH));
            }
        }
        // Place the view by the rows showing now, not those at request time: the user
        // may have moved on inside the old window while the page was loading.
        let now = |i: usize| self.rows.get(i).map(|r| r.id);
        let (top_now, selected_now) = (now(self.table.top), now(self.table.selected));
        let index_of = |rows: &[ContactRow], id: i64| {
            rows.iter()
                .position(|r| r.id >= id)
                .unwrap_or(rows.len().saturating_sub(1))
        };
        self.rows = page.rows;
        self.at_start = page.at_start;
        self.at_end = page.at_end;
        self.loaded = true;
        let last = self.rows.len().saturating_sub(1);
        match page.anchor {
            PageAnchor::First => {
                self.table.top = 0;
                self.table.selected = 0;
            }
            PageAnchor::Last => {
                self.table.selected = last;
                self.table.top = self.rows.len().saturating_sub(view);
            }
            PageAnchor::Around {
                top_id,
                selected_id,
            } => {
                self.table.top = index_of(&self.rows, top_now.unwrap_or(top_id));
                self.table.selected = index_of(&self.rows, selected_now.unwrap_or(selected_id));
            }
        }
        self.table.keep_visible(view);
    }

    /// The window to load when the selection has come within one screenful of an edge
    /// of the loaded rows that is not an end of the audience.
    pub fn refill(&self, view: usize) -> Option<PageAnchor> {
        let near_start = self.table.selected < view && !self.at_start;
        let near_end = self.table.selected + view >= self.rows.len() && !self.at_end;
        if !(near_start || near_end) {
            return None;
        }
        let top = self.rows.get(self.table.top)?;
        let selected = self.rows.get(self.table.selected)?;
        Some(PageAnchor::Around {
            top_id: top.id,
            selected_id: selected.id,
        })
    }

    /// Number of columns that scroll sideways.
    pub fn scrollable_columns(&self) -> usize {
        self.columns.len().saturating_sub(FROZEN)
    }
}

/// A starting width for a column of type `ty`, wide enough for typical values.
fn type_width(ty: FieldType) -> u16 {
    match ty {
        FieldType::Boolean => 5,
        FieldType::Integer => 8,
        FieldType::Decimal => 10,
        FieldType::Date => 10,
        FieldType::Datetime => 20,
        FieldType::Text | FieldType::List => 12,
    }
}

/// The text of column `col` for `row`: key, then each field, then the two consents.
fn cell_text(row: &ContactRow, col: usize) -> Cow<'_, str> {
    let n = row.values.len();
    match col {
        0 => Cow::Borrowed(&row.key),
        c if c <= n => Cow::Owned(row.values[c - 1].display()),
        c if c == n + 1 => Cow::Borrowed(&row.consent_email),
        c if c == n + 2 => Cow::Borrowed(&row.consent_sms),
        _ => Cow::Borrowed(""),
    }
}

impl TableSource for ContactsState {
    fn columns(&self) -> &[Column] {
        &self.columns
    }

    fn row_count(&self) -> usize {
        self.rows.len()
    }

    fn cell(&self, row: usize, column: usize) -> Cow<'_, str> {
        self.rows
            .get(row)
            .map_or(Cow::Borrowed(""), |r| cell_text(r, column))
    }
}

impl Widget for &ContactsState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if self.loaded && self.rows.is_empty() {
            Paragraph::new(Line::from("No contacts in this workspace yet.")).render(area, buf);
            return;
        }
        DataTable {
            source: self,
            state: &self.table,
            frozen: FROZEN,
            highlight: true,
        }
        .render(area, buf);
    }
}
