//! The Fields screen: every field with its header, type, role, privacy class and the
//! reason it was given. Special category and protected fields are marked with a text
//! marker and a colour (`theme::sensitivity`).
//!
//! Owns [`FieldsState`]; [`browse`] (moving and filling the tables) and [`update`]
//! (the class and role dialog, [`dialog`]) change it, the widget impl only reads it. The contacts browser is the
//! screen's second view ([`contacts`]).

pub mod browse;
pub mod contacts;
pub mod dialog;
pub mod jobs;
pub mod update;

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use self::dialog::FieldEdit;
use crate::fields::Field;
use crate::tui::theme;
use crate::tui::widgets::cell_text::display_width;
use crate::tui::widgets::data_table::{Column, DataTable, DataTableState, TableSource};

/// Which view of the Fields screen is showing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FieldsView {
    #[default]
    List,
    Contacts,
}

/// State of the Fields screen.
#[derive(Debug, Clone, Default)]
pub struct FieldsState {
    pub fields: Vec<Field>,
    pub table: DataTableState,
    pub view: FieldsView,
    /// Generation of the field-list request in flight, if any.
    pub pending: Option<u64>,
    /// The class and role dialog, while open.
    pub edit: Option<FieldEdit>,
    columns: Vec<Column>,
}

/// Leading columns that stay put when scrolling sideways: the marker and the name.
pub const FROZEN: usize = 2;

impl FieldsState {
    /// Replace the field list, keeping the selection in range and sizing the columns to
    /// the longest value (within limits, so one long reason does not hide the rest).
    pub fn set_fields(&mut self, fields: Vec<Field>) {
        let widest = |get: &dyn Fn(&Field) -> &str, title: &str, min: u16, max: u16| {
            let w = fields
                .iter()
                .map(|f| display_width(get(f)))
                .chain([display_width(title)])
                .max()
                .unwrap_or(0);
            (w as u16).clamp(min, max)
        };
        self.columns = vec![
            Column::new("", 2),
            Column::new("name", widest(&|f| &f.name, "name", 4, 20)),
            Column::new("header", widest(&|f| &f.header, "header", 6, 16)),
            Column::new("type", widest(&|f| f.ty.as_str(), "type", 4, 8)),
            Column::new("role", widest(&|f| f.role.as_str(), "role", 4, 13)),
            Column::new("class", widest(&|f| f.class.as_str(), "class", 5, 17)),
            Column::new("reason", widest(&|f| &f.reason, "reason", 6, 200)),
        ];
        self.fields = fields;
        self.table.selected = self.table.selected.min(self.fields.len().saturating_sub(1));
        self.table.top = self.table.top.min(self.table.selected);
    }

    /// Number of columns that scroll sideways.
    pub fn scrollable_columns(&self) -> usize {
        self.columns.len().saturating_sub(FROZEN)
    }
}

impl TableSource for FieldsState {
    fn columns(&self) -> &[Column] {
        &self.columns
    }

    fn row_count(&self) -> usize {
        self.fields.len()
    }

    fn cell(&self, row: usize, column: usize) -> Cow<'_, str> {
        let Some(f) = self.fields.get(row) else {
            return Cow::Borrowed("");
        };
        Cow::Borrowed(match column {
            0 => theme::sensitivity(f.class).map_or("", |(mark, _)| mark),
            1 => &f.name,
            2 => &f.header,
            3 => f.ty.as_str(),
            4 => f.role.as_str(),
            5 => f.class.as_str(),
            6 => &f.reason,
            _ => "",
        })
    }

    fn row_style(&self, row: usize) -> Style {
        self.fields
            .get(row)
            .and_then(|f| theme::sensitivity(f.class))
            .map_or(Style::default(), |(_, style)| style)
    }
}

impl Widget for &FieldsState {
    fn render(self, area: Rect, buf: &mut Buffer) {
        DataTable {
            source: self,
            state: &self.table,
            frozen: FROZEN,
            highlight: true,
        }
        .render(area, buf);
    }
}
