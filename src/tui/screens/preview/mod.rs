//! The Preview screen's state: the whole audience of the current campaign, one row per
//! contact (segment and message, or the exclusion reason), with the summary counts,
//! filters, search and the explanation of one contact.
//!
//! Memory stays bounded whatever the audience: the worker's preview thread streams the
//! preview into a TEMP table of its own connection (`workspace::preview_rows`: key,
//! address, segment, reason, subject, first line), and this state holds only a window
//! of it (about three screenfuls), refilled by keyset paging on `rowid` as the
//! selection nears an edge, exactly as the contacts browser does. Drawing is in
//! [`view`], the explanation popup in [`explain`], the changes in [`update`].

pub mod explain;
pub mod jobs;
pub mod update;
pub mod view;

use std::borrow::Cow;

use crate::campaign::Campaign;
use crate::campaign::assign::Exclusion;
use crate::campaign::explain::Explanation;
use crate::campaign::preview::Summary;
use crate::fields::Channel;
use crate::tui::message::PageAnchor;
use crate::tui::widgets::data_table::{Column, DataTableState, TableSource};
use crate::tui::widgets::text_input::TextInput;
use crate::workspace::preview_rows::{PreviewFilter, PreviewLine, ReasonMatch};

/// A window of the stored preview in `rowid` order, and whether it reaches either end
/// of the rows the filter keeps.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviewPage {
    pub anchor: PageAnchor,
    pub rows: Vec<PreviewLine>,
    pub at_start: bool,
    pub at_end: bool,
}

/// State of the Preview screen.
#[derive(Debug, Clone, Default)]
pub struct PreviewState {
    /// The campaign (as edited) whose preview is stored or being computed.
    pub computed_for: Option<Campaign>,
    pub pending_run: Option<u64>,
    /// Contacts stored so far by the running preview.
    pub progress: u64,
    pub summary: Option<Summary>,
    /// Why the preview could not run.
    pub error: Option<String>,
    /// Only this segment.
    pub segment_filter: Option<String>,
    pub reason_filter: ReasonMatch,
    pub search: TextInput,
    /// True while the search input has the keyboard.
    pub searching: bool,
    /// The loaded window.
    pub rows: Vec<PreviewLine>,
    pub table: DataTableState,
    pub at_start: bool,
    pub at_end: bool,
    pub pending_page: Option<u64>,
    /// Rows the filter keeps, once counted.
    pub matching: Option<u64>,
    pub pending_count: Option<u64>,
    pub explanation: Option<Explanation>,
    pub pending_explain: Option<u64>,
    /// First line of the explanation drawn.
    pub explain_scroll: u16,
    columns: Vec<Column>,
}

impl PreviewState {
    /// Forget the stored rows and counts: a preview of `campaign` is starting.
    pub fn start(&mut self, campaign: Campaign, generation: u64) {
        self.columns = columns(campaign.channel);
        self.computed_for = Some(campaign);
        self.pending_run = Some(generation);
        self.progress = 0;
        self.summary = None;
        self.error = None;
        self.rows.clear();
        self.table = DataTableState::default();
        self.matching = None;
        self.at_start = true;
        self.at_end = true;
    }

    /// The filter the table and counts use.
    pub fn filter(&self) -> PreviewFilter {
        PreviewFilter {
            segment: self.segment_filter.clone(),
            reason: self.reason_filter.clone(),
            search: self.search.value().to_string(),
        }
    }

    /// The next segment filter: none, then each entry's segment, then none again.
    pub fn next_segment_filter(&self) -> Option<String> {
        let segments: Vec<&str> = self
            .computed_for
            .iter()
            .flat_map(|c| c.entries.iter().map(|e| e.segment.as_str()))
            .collect();
        let next = match &self.segment_filter {
            None => 0,
            Some(s) => segments.iter().position(|x| x == s).map_or(0, |i| i + 1),
        };
        segments.get(next).map(|s| s.to_string())
    }

    /// The next reason filter: all, recipients, then each exclusion reason that has
    /// contacts (every reason before the summary is known), then all again.
    pub fn next_reason_filter(&self) -> ReasonMatch {
        let reasons: Vec<Exclusion> = match &self.summary {
            Some(s) => s
                .per_reason
                .iter()
                .filter(|r| r.contacts > 0)
                .map(|r| r.reason)
                .collect(),
            None => Exclusion::ALL.to_vec(),
        };
        let mut options = vec![ReasonMatch::Any, ReasonMatch::Recipient];
        options.extend(reasons.iter().map(|r| ReasonMatch::Reason(r.code().into())));
        let i = options
            .iter()
            .position(|o| *o == self.reason_filter)
            .map_or(0, |i| i + 1);
        options.get(i).cloned().unwrap_or_default()
    }

    /// Take a window from the worker and place the view in it as its anchor asks.
    pub fn apply_page(&mut self, page: PreviewPage, view: usize) {
        let now = |i: usize| self.rows.get(i).map(|r| r.rowid);
        let (top_now, selected_now) = (now(self.table.top), now(self.table.selected));
        let index_of = |rows: &[PreviewLine], id: i64| {
            rows.iter()
                .position(|r| r.rowid >= id)
                .unwrap_or(rows.len().saturating_sub(1))
        };
        self.rows = page.rows;
        self.at_start = page.at_start;
        self.at_end = page.at_end;
        match page.anchor {
            PageAnchor::First => {
                self.table.top = 0;
                self.table.selected = 0;
            }
            PageAnchor::Last => {
                self.table.selected = self.rows.len().saturating_sub(1);
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
    /// of the loaded rows that is not an end of the filtered rows.
    pub fn refill(&self, view: usize) -> Option<PageAnchor> {
        let near_start = self.table.selected < view && !self.at_start;
        let near_end = self.table.selected + view >= self.rows.len() && !self.at_end;
        if !(near_start || near_end) {
            return None;
        }
        let top = self.rows.get(self.table.top)?;
        let selected = self.rows.get(self.table.selected)?;
        Some(PageAnchor::Around {
            top_id: top.rowid,
            selected_id: selected.rowid,
        })
    }

    /// The selected contact's key.
    pub fn selected_key(&self) -> Option<&str> {
        self.rows.get(self.table.selected).map(|r| r.key.as_str())
    }

    /// Number of columns that scroll sideways.
    pub fn scrollable_columns(&self) -> usize {
        self.columns.len().saturating_sub(1)
    }
}

/// Key, segment and what the contact gets come first, so they show at 80 columns; the
/// subject (e-mail only) and the address follow.
fn columns(channel: Channel) -> Vec<Column> {
    let mut c = vec![
        Column::new("key", 22),
        Column::new("segment", 12),
        Column::new("message (first line) or exclusion", 34),
    ];
    if channel == Channel::Email {
        c.push(Column::new("subject", 20));
    }
    c.push(Column::new("address", 26));
    c
}

impl TableSource for PreviewState {
    fn columns(&self) -> &[Column] {
        &self.columns
    }

    fn row_count(&self) -> usize {
        self.rows.len()
    }

    fn cell(&self, row: usize, column: usize) -> Cow<'_, str> {
        let Some(r) = self.rows.get(row) else {
            return Cow::Borrowed("");
        };
        let email = self.columns.len() == 5;
        let text = |v: &Option<String>| Cow::Owned(v.clone().unwrap_or_default());
        match (column, email) {
            (0, _) => Cow::Borrowed(&r.key),
            (1, _) => text(&r.segment),
            (2, _) => match &r.reason {
                Some(code) => Cow::Owned(format!("excluded: {code}")),
                None => text(&r.first_line),
            },
            (3, true) => text(&r.subject),
            _ => text(&r.address),
        }
    }

    fn row_style(&self, row: usize) -> ratatui::style::Style {
        match self.rows.get(row) {
            Some(r) if r.reason.is_some() => crate::tui::theme::CHROME,
            _ => ratatui::style::Style::default(),
        }
    }
}
