//! A table of untrusted data: fixed-width columns, frozen leading columns, scrolling
//! both ways, one selected row. Its state ([`DataTableState`]) sits beside it.
//!
//! Tables read a page at a time (the suppression list, the audit log) keep where they
//! are in a [`PageTrail`] and draw their rows with [`render_page_rows`].
//!
//! Every cell passes through [`fit`], which sanitises it and pads or cuts it to its
//! column's display width, so separators line up on every row whatever the script (CJK,
//! emoji, right-to-left; case BR-18). Drawing clips to the area it is given and never
//! indexes outside it, at any size down to 0×0 (case BR-21).

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::cell_text::fit;
use crate::tui::theme;

/// Drawn between columns. ASCII, not `│`: box-drawing glyphs have ambiguous East Asian
/// width and widen in CJK locales (junhoyeo/tokscale#1308).
pub const SEPARATOR: &str = "|";

/// One column: its title (data; sanitised when drawn), a marker drawn before it (ours,
/// e.g. [`theme::BLOCKED_MARK`]), its width in terminal columns and the header style.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    pub marker: &'static str,
    pub width: u16,
    pub style: Style,
}

impl Column {
    /// A plain column `width` columns wide.
    pub fn new(title: impl Into<String>, width: u16) -> Self {
        Column {
            title: title.into(),
            marker: "",
            width,
            style: theme::HEADER,
        }
    }
}

/// What a [`DataTable`] shows: columns and rows of cells, read on demand so only the
/// visible cells are ever formatted.
pub trait TableSource {
    /// The columns, in order; the first `frozen` ones stay put when scrolling sideways.
    fn columns(&self) -> &[Column];
    /// Number of rows the source holds (the loaded window, not the whole audience).
    fn row_count(&self) -> usize;
    /// The raw text of a cell; the table sanitises and fits it.
    fn cell(&self, row: usize, column: usize) -> Cow<'_, str>;
    /// The style of a whole row (e.g. a sensitive field).
    fn row_style(&self, _row: usize) -> Style {
        Style::default()
    }
}

/// Scroll position and selection of a [`DataTable`]. Indexes are into the source's rows
/// and columns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DataTableState {
    /// First row drawn.
    pub top: usize,
    /// The selected row.
    pub selected: usize,
    /// First scrollable (non-frozen) column drawn, counted among the scrollable ones.
    pub left: usize,
}

impl DataTableState {
    /// Move the selection by `delta` rows within `0..rows`, then scroll so it stays
    /// among the `view` visible rows.
    pub fn move_by(&mut self, delta: isize, rows: usize, view: usize) {
        let last = rows.saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.keep_visible(view);
    }

    /// Scroll so the selected row is among the `view` rows drawn.
    pub fn keep_visible(&mut self, view: usize) {
        let view = view.max(1);
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + view {
            self.top = self.selected + 1 - view;
        }
    }

    /// Scroll `delta` columns sideways among `scrollable` columns.
    pub fn scroll_columns(&mut self, delta: isize, scrollable: usize) {
        self.left = self
            .left
            .saturating_add_signed(delta)
            .min(scrollable.saturating_sub(1));
    }
}

/// The widget: draws the header line, then one line per row from `state.top`.
pub struct DataTable<'a> {
    pub source: &'a dyn TableSource,
    pub state: &'a DataTableState,
    /// How many leading columns stay in place when scrolling sideways.
    pub frozen: usize,
    /// Whether to highlight the selected row.
    pub highlight: bool,
}

impl DataTable<'_> {
    /// Column indexes drawn, in order, with the width each gets in `width` columns (the
    /// last may be cut short).
    pub fn visible_columns(&self, width: u16) -> Vec<(usize, u16)> {
        let columns = self.source.columns();
        let frozen = self.frozen.min(columns.len());
        let scrolled = (frozen + self.state.left).min(columns.len());
        let mut out = Vec::new();
        let mut x: u16 = 0;
        for i in (0..frozen).chain(scrolled..columns.len()) {
            if x >= width {
                break;
            }
            let w = columns[i].width.min(width - x);
            out.push((i, w));
            x = x.saturating_add(w).saturating_add(SEPARATOR.len() as u16);
        }
        out
    }
}

impl Widget for DataTable<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let columns = self.source.columns();
        let visible = self.visible_columns(area.width);
        let line = |buf: &mut Buffer, y: u16, cells: &mut dyn FnMut(usize) -> (String, Style)| {
            let mut x = area.x;
            for (n, &(col, w)) in visible.iter().enumerate() {
                let (text, style) = cells(col);
                buf.set_stringn(x, y, fit(&text, usize::from(w)), usize::from(w), style);
                x = x.saturating_add(w);
                if n + 1 < visible.len() && x < area.right() {
                    buf.set_stringn(x, y, SEPARATOR, 1, theme::CHROME);
                    x = x.saturating_add(1);
                }
            }
        };
        line(buf, area.y, &mut |col| {
            let c = &columns[col];
            let title = match c.marker.trim_end() {
                "" => c.title.clone(),
                marker => format!("{marker} {}", c.title),
            };
            (title, c.style)
        });
        let rows = usize::from(area.height - 1);
        for i in 0..rows {
            let row = self.state.top + i;
            if row >= self.source.row_count() {
                break;
            }
            let mut style = self.source.row_style(row);
            if self.highlight && row == self.state.selected {
                style = style.patch(theme::SELECTED);
            }
            let y = area.y + 1 + i as u16;
            line(buf, y, &mut |col| {
                (self.source.cell(row, col).into_owned(), style)
            });
        }
    }
}

/// Where a table read a page at a time with keyset paging is: the start of each page
/// shown so far (the current one last; `C` is the keyset cursor a page is read from),
/// whether the current page is the last, and the selected row of the page. The
/// suppression list and the audit log page this way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageTrail<C> {
    /// The start of each page shown so far, the current one last.
    pub starts: Vec<C>,
    /// Whether the current page is the last.
    pub at_end: bool,
    /// The selected row of the current page.
    pub selected: usize,
}

impl<C: PartialEq> PageTrail<C> {
    /// Move the selection by `delta` among the `rows` rows of the page.
    pub fn move_by(&mut self, delta: isize, rows: usize) {
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(rows.saturating_sub(1));
    }

    /// The start of the next page, `after_last` (the cursor past the page's last row,
    /// `None` for an empty page), unless this page is the last.
    pub fn next(&self, after_last: Option<C>) -> Option<C> {
        after_last.filter(|_| !self.at_end)
    }

    /// The start of the page before the one shown; `None` on the first page. Both
    /// starts are forgotten: the page read remembers its own again ([`Self::arrived`]).
    pub fn back(&mut self) -> Option<C> {
        if self.starts.len() < 2 {
            return None;
        }
        self.starts.pop();
        self.starts.pop()
    }

    /// The start of the page shown, to read it again (`None` before any page); it is
    /// forgotten until the page arrives.
    pub fn again(&mut self) -> Option<C> {
        self.starts.pop()
    }

    /// A page starting at `start` with `rows` rows arrived, the last one if `at_end`:
    /// a start other than the last remembered is remembered and its first row
    /// selected; the selection stays within the page.
    pub fn arrived(&mut self, start: C, rows: usize, at_end: bool) {
        if self.starts.last() != Some(&start) {
            self.starts.push(start);
            self.selected = 0;
        }
        self.at_end = at_end;
        self.selected = self.selected.min(rows.saturating_sub(1));
    }

    /// Which page shows, for the count line: "page 2", "page 3 (last)".
    pub fn label(&self) -> String {
        let last = if self.at_end { " (last)" } else { "" };
        format!("page {}{last}", self.starts.len().max(1))
    }
}

/// Draw `rows` (each a whole line, its cells already fitted) one per line from the top
/// of `area`, as many as fit, the `selected` one highlighted.
pub fn render_page_rows(
    rows: impl IntoIterator<Item = String>,
    selected: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let area = area.intersection(buf.area);
    for (i, text) in rows.into_iter().take(usize::from(area.height)).enumerate() {
        let style = if i == selected {
            theme::SELECTED
        } else {
            Style::default()
        };
        let line = Rect::new(area.x, area.y + i as u16, area.width, 1);
        ratatui::text::Line::styled(text, style).render(line, buf);
    }
}

#[cfg(test)]
mod page_tests {
    use super::PageTrail;

    #[test]
    fn pages_forward_and_back_remember_their_starts() {
        // Pages of 3 rows keyed by row id: page 1 starts after 0, holds ids 1-3.
        let mut t = PageTrail::<i64>::default();
        t.arrived(0, 3, false);
        assert_eq!(
            (t.starts.clone(), t.label()),
            (vec![0], "page 1".to_string())
        );
        t.move_by(5, 3);
        assert_eq!(t.selected, 2, "clamped to the page's last row");
        // Next: after id 3; page 2 holds ids 4-5 and is the last.
        let next = t.next(Some(3)).unwrap();
        t.arrived(next, 2, true);
        assert_eq!(t.selected, 0);
        assert_eq!(t.label(), "page 2 (last)");
        assert_eq!(t.next(Some(5)), None, "no page after the last");
        // Back: page 1 again, from its start.
        let back = t.back().unwrap();
        assert_eq!((back, t.starts.clone()), (0, vec![]));
        t.arrived(back, 3, false);
        assert_eq!(
            (t.starts.clone(), t.label()),
            (vec![0], "page 1".to_string())
        );
        assert_eq!(t.back(), None, "no page before the first");
    }
}
