//! Where things are on screen, worked out from the terminal size alone.
//!
//! Drawing, mouse hit-testing (keymap) and page sizes (update) all ask this module, so
//! a click lands on what was drawn there. Every function accepts any size, 0×0
//! included, and never subtracts below zero.

use ratatui::layout::Rect;

use super::message::Screen;

/// Smallest terminal the screens are laid out for; below it a notice asks for a
/// larger window (PRODUCT.md, "The TUI": works at 80×24 and larger).
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// The regions of a full-size screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// Top line: one tab per screen.
    pub tabs: Rect,
    /// Second line: sub-tabs or what the screen is for.
    pub context: Rect,
    /// The screen's own content.
    pub body: Rect,
    /// Bottom line: counts, errors and the main keys.
    pub status: Rect,
}

/// The regions for a terminal of `size`, or `None` when it is smaller than
/// [`MIN_WIDTH`]×[`MIN_HEIGHT`].
pub fn areas(size: Rect) -> Option<Areas> {
    if size.width < MIN_WIDTH || size.height < MIN_HEIGHT {
        return None;
    }
    let line = |y: u16| Rect::new(size.x, y, size.width, 1);
    Some(Areas {
        tabs: line(size.y),
        context: line(size.y + 1),
        body: Rect::new(size.x, size.y + 2, size.width, size.height - 3),
        status: line(size.bottom() - 1),
    })
}

/// The part of the body where table rows go (under the header line).
pub fn table_rows(size: Rect) -> Option<Rect> {
    let body = areas(size)?.body;
    Some(Rect::new(
        body.x,
        body.y + 1,
        body.width,
        body.height.saturating_sub(1),
    ))
}

/// How many table rows fit on screen at `size` (at least 1, so paging always moves).
pub fn visible_rows(size: Rect) -> usize {
    table_rows(size).map_or(1, |r| usize::from(r.height).max(1))
}

/// The label of a screen's tab.
pub fn tab_label(screen: Screen) -> String {
    format!(" {} {} ", screen.index() + 1, screen.title())
}

/// Each tab with the columns it covers, `start..end`, from the left edge.
pub fn tab_ranges() -> Vec<(Screen, u16, u16)> {
    let mut x = 0u16;
    Screen::ALL
        .iter()
        .map(|&s| {
            let w = tab_label(s).len() as u16;
            let range = (s, x, x + w);
            x += w;
            range
        })
        .collect()
}

/// The screen whose tab is at column `x`, row `y`, if any.
pub fn tab_at(size: Rect, x: u16, y: u16) -> Option<Screen> {
    let tabs = areas(size)?.tabs;
    if y != tabs.y {
        return None;
    }
    tab_ranges()
        .into_iter()
        .find(|&(_, start, end)| (tabs.x + start..tabs.x + end).contains(&x))
        .map(|(s, _, _)| s)
}

/// Labels of the Fields screen's sub-tabs: the field list and the contacts browser.
pub const SUB_TABS: [&str; 2] = [" Field list ", " Contacts "];

/// Which sub-tab of the Fields screen is at column `x`, row `y`: 0 field list,
/// 1 contacts.
pub fn sub_tab_at(size: Rect, x: u16, y: u16) -> Option<usize> {
    let context = areas(size)?.context;
    if y != context.y {
        return None;
    }
    let mut start = context.x;
    for (i, label) in SUB_TABS.iter().enumerate() {
        let end = start + label.len() as u16;
        if (start..end).contains(&x) {
            return Some(i);
        }
        start = end;
    }
    None
}

/// The table row line (0 = first under the header) at row `y`, if `y` is in the table.
pub fn table_line_at(size: Rect, x: u16, y: u16) -> Option<u16> {
    let rows = table_rows(size)?;
    rows.contains((x, y).into()).then(|| y - rows.y)
}
