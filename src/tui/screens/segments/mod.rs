//! The Segments screen: saved segments with their reach, rule and description; the
//! editor ([`editor`], with value suggestions from [`values`] and [`suggest`]), the
//! condition builder ([`builder`], driven by [`build`]) and the overlap matrix
//! ([`overlap`]) open from here.
//!
//! The screen's folder holds all of it: its messages and jobs ([`message`]), the code
//! that changes its state ([`update`], [`nav`], [`replies`]), its drawing (here and in
//! the dialogs' files) and the thread that runs its jobs ([`jobs`]).
//!
//! Owns [`SegmentsState`]; [`update`] is the only code that changes it, the widget impl
//! only reads it. Reaches arrive from the segments worker after the list itself, so the
//! list shows at once and fills in.

pub mod builder;
pub mod editor;
pub mod jobs;
pub mod message;
pub mod nav;
pub mod overlap;
pub mod replies;
pub mod update;

pub mod build;
pub mod rename;
pub mod suggest;
mod values;

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use self::editor::{EditorState, EditorView};
use self::overlap::OverlapState;
use crate::fields::Field;
use crate::segment::store::Segment;
use crate::tui::layout;
use crate::tui::theme;
use crate::tui::view::{count, thousands};
use crate::tui::widgets::cell_text::{display_width, fit};
use crate::tui::widgets::data_table::{Column, DataTable, DataTableState, TableSource};
use crate::tui::widgets::dialog::Confirm;

/// Lines under the list for the selected segment's rule, description and the keys.
pub const DETAIL_LINES: u16 = 6;

/// What the Segments screen shows, for the keymap to pick the keys that apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentsMode {
    List,
    ConfirmDelete,
    /// The rename dialog over the list.
    Rename,
    Editor,
    /// "Drop the unsaved changes?" over the editor.
    ConfirmDiscard,
    Builder,
    Overlap,
}

/// State of the Segments screen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SegmentsState {
    pub segments: Vec<Segment>,
    /// Reach of each saved segment by name, once counted (an error when the saved rule
    /// no longer checks).
    pub reaches: HashMap<String, Result<u64, String>>,
    /// The campaign whose scope a campaign-scoped segment's reach was counted in, by
    /// segment name (absent: counted outside any campaign).
    pub scopes: HashMap<String, String>,
    /// Campaign-scoped segments counted on their campaign's own as-of date, when it is
    /// not the list's (`as_of`), by segment name.
    pub scope_dates: HashMap<String, NaiveDate>,
    /// Number of contacts, from the last reach count.
    pub audience: Option<u64>,
    pub table: DataTableState,
    pub loaded: bool,
    pub pending_list: Option<u64>,
    pub pending_reaches: Option<u64>,
    /// The segment the delete question is about.
    pub confirm_delete: Option<String>,
    pub pending_delete: Option<u64>,
    /// The rename dialog, while open.
    pub rename: Option<rename::RenameState>,
    /// The outcome of the last delete or save, and whether it is an error.
    pub notice: Option<(String, bool)>,
    /// The editor, while open (drawn instead of the list).
    pub editor: Option<EditorState>,
    /// Whether the overlap matrix is showing.
    pub show_overlap: bool,
    pub overlap: OverlapState,
    /// The date relative rules count from: the global `--as-of`; `None` means today.
    pub as_of: Option<NaiveDate>,
}

impl SegmentsState {
    /// What is showing now.
    pub fn mode(&self) -> SegmentsMode {
        match &self.editor {
            Some(e) if e.confirm_discard => SegmentsMode::ConfirmDiscard,
            Some(e) if e.builder.is_some() => SegmentsMode::Builder,
            Some(_) => SegmentsMode::Editor,
            None if self.rename.is_some() => SegmentsMode::Rename,
            None if self.confirm_delete.is_some() => SegmentsMode::ConfirmDelete,
            None if self.show_overlap => SegmentsMode::Overlap,
            None => SegmentsMode::List,
        }
    }

    /// True while typed characters go into an input (the editor, or the builder's value
    /// step) rather than being keys.
    pub fn typing(&self) -> bool {
        self.rename.is_some()
            || self.editor.as_ref().is_some_and(|e| {
                !e.confirm_discard
                    && e.builder
                        .as_ref()
                        .is_none_or(|b| b.step == self::builder::BuilderStep::Value)
            })
    }

    /// The selected saved segment.
    pub fn selected(&self) -> Option<&Segment> {
        self.segments.get(self.table.selected)
    }

    fn reach_text(&self, name: &str) -> String {
        match self.reaches.get(name) {
            Some(Ok(n)) => thousands(*n),
            Some(Err(_)) => "error".into(),
            None if self.pending_reaches.is_some() => "counting".into(),
            None => String::new(),
        }
    }

    fn columns(&self, width: u16) -> Vec<Column> {
        let widest = |get: &dyn Fn(&Segment) -> &str, title: &str, min: u16, max: u16| {
            let w = self
                .segments
                .iter()
                .map(|s| display_width(get(s)))
                .chain([display_width(title)])
                .max()
                .unwrap_or(0);
            (w as u16).clamp(min, max)
        };
        let name = widest(&|s| &s.name, "name", 4, 24);
        let description = widest(&|s| &s.description, "description", 11, 28);
        let mut columns = vec![Column::new("name", name), Column::new("reach", 9)];
        // The scope column shows only when a segment is counted in a campaign's scope,
        // so a workspace without any keeps its wider columns.
        let scope = self
            .segments
            .iter()
            .filter_map(|s| self.scope_text(&s.name))
            .map(|t| display_width(&t))
            .chain([display_width("scope")])
            .max()
            .filter(|_| !self.scopes.is_empty())
            .map(|w| (w as u16).clamp(5, 36));
        if let Some(w) = scope {
            columns.push(Column::new("scope", w));
        }
        let used = name + 10 + description + 3 + scope.map_or(0, |w| w + 1);
        columns.push(Column::new("description", description));
        columns.push(Column::new("rule", width.saturating_sub(used).max(10)));
        columns
    }

    /// `campaign NAME` for a segment counted in that campaign's scope, as `tactful
    /// segment list` shows it; `None` outside any campaign.
    fn scope_text(&self, name: &str) -> Option<String> {
        let campaign = self.scopes.get(name)?;
        let campaign = crate::text::for_terminal(campaign);
        Some(match self.scope_dates.get(name) {
            Some(day) => format!("campaign {campaign}, as of {day}"),
            None => format!("campaign {campaign}"),
        })
    }

    /// `as of 2026-11-01` (the global `--as-of`) or `as of today`: the day the list's
    /// reaches count relative rules from (new-user trial 5, F4).
    fn as_of_text(&self) -> String {
        match self.as_of {
            Some(day) => format!("as of {day}"),
            None => "as of today".to_string(),
        }
    }
}

/// Rows of the segment list that fit at terminal `size` (at least 1).
pub fn list_rows(size: Rect) -> usize {
    layout::areas(size).map_or(1, |a| {
        usize::from(a.body.height.saturating_sub(DETAIL_LINES + 1)).max(1)
    })
}

/// The list as a [`TableSource`], with columns sized to the width it is drawn at.
struct ListTable<'a> {
    state: &'a SegmentsState,
    columns: Vec<Column>,
}

impl TableSource for ListTable<'_> {
    fn columns(&self) -> &[Column] {
        &self.columns
    }

    fn row_count(&self) -> usize {
        self.state.segments.len()
    }

    fn cell(&self, row: usize, column: usize) -> Cow<'_, str> {
        let Some(s) = self.state.segments.get(row) else {
            return Cow::Borrowed("");
        };
        match self.columns.get(column).map(|c| c.title.as_str()) {
            Some("name") => Cow::Borrowed(&s.name),
            Some("reach") => {
                let text = self.state.reach_text(&s.name);
                Cow::Owned(format!("{text:>9}"))
            }
            Some("scope") => Cow::Owned(self.state.scope_text(&s.name).unwrap_or_default()),
            Some("description") => Cow::Borrowed(&s.description),
            Some("rule") => Cow::Owned(s.rule.split_whitespace().collect::<Vec<_>>().join(" ")),
            _ => Cow::Borrowed(""),
        }
    }

    fn row_style(&self, row: usize) -> Style {
        match self
            .state
            .segments
            .get(row)
            .map(|s| self.state.reaches.get(&s.name))
        {
            Some(Some(Err(_))) => theme::ERROR,
            _ => Style::default(),
        }
    }
}

/// What the Segments screen draws: its state and the workspace's fields.
pub struct SegmentsView<'a> {
    pub state: &'a SegmentsState,
    pub fields: &'a [Field],
}

impl Widget for &SegmentsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.state;
        if let Some(editor) = &s.editor {
            (&EditorView {
                editor,
                fields: self.fields,
            })
                .render(area, buf);
            return;
        }
        if s.show_overlap {
            (&s.overlap).render(area, buf);
            return;
        }
        self.list(area, buf);
        if let Some(name) = &s.confirm_delete {
            confirm_delete(name, area, buf);
        }
        if let Some(r) = &s.rename {
            rename::render(r, area, buf);
        }
    }
}

impl SegmentsView<'_> {
    fn list(&self, area: Rect, buf: &mut Buffer) {
        let s = self.state;
        let detail_height = DETAIL_LINES.min(area.height);
        let table = Rect::new(area.x, area.y, area.width, area.height - detail_height);
        let detail = Rect::new(area.x, table.bottom(), area.width, detail_height);
        let width = usize::from(area.width);
        if s.loaded && s.segments.is_empty() {
            Paragraph::new(vec![
                Line::from(" No segments yet."),
                Line::from(""),
                Line::from(" Press n to write a rule (the reach updates as you type), or b to"),
                Line::from(" build one condition by condition."),
            ])
            .render(table, buf);
        } else {
            DataTable {
                source: &ListTable {
                    state: s,
                    columns: s.columns(area.width),
                },
                state: &s.table,
                frozen: 1,
                highlight: true,
            }
            .render(table, buf);
        }
        let mut lines: Vec<Line> = Vec::new();
        if let Some(seg) = s.selected() {
            lines.push(Line::from(vec![
                Span::styled(" rule: ", theme::CHROME),
                Span::raw(fit(&seg.rule, width.saturating_sub(7))),
            ]));
            if let Some(Err(e)) = s.reaches.get(&seg.name) {
                lines.push(Line::styled(
                    fit(&format!(" no reach: {e}"), width),
                    theme::ERROR,
                ));
            } else if !seg.description.is_empty() {
                lines.push(Line::from(vec![
                    Span::styled(" description: ", theme::CHROME),
                    Span::raw(fit(&seg.description, width.saturating_sub(14))),
                ]));
            }
        }
        while lines.len() < usize::from(detail_height.saturating_sub(3)) {
            lines.push(Line::from(""));
        }
        let audience = s
            .audience
            .map(|n| {
                format!(
                    " Reach is out of {}, counted {}.",
                    count(n, "contact"),
                    s.as_of_text()
                )
            })
            .unwrap_or_default();
        match &s.notice {
            Some((text, error)) => lines.push(Line::styled(
                fit(&format!(" {text}"), width),
                if *error {
                    theme::ERROR
                } else {
                    Style::default()
                },
            )),
            None => lines.push(Line::styled(fit(&audience, width), theme::CHROME)),
        }
        lines.push(Line::from(""));
        lines.push(Line::styled(
            fit(
                " n new   e/Enter edit   b build   R rename   d delete   o overlap   r recount",
                width,
            ),
            theme::CHROME,
        ));
        Paragraph::new(lines).render(detail, buf);
    }
}

fn confirm_delete(name: &str, area: Rect, buf: &mut Buffer) {
    let question = format!("Delete segment `{name}`?");
    Confirm::sentence(
        " Delete segment ",
        &question,
        ("delete", "keep it"),
        (56, 7),
    )
    .render(area, buf);
}
