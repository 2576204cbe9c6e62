//! The Segments screen's share of the messages every screen gets: entering the screen
//! (which loads the segments) and table movement (keys, wheel, row clicks) while it
//! shows, applied to the list, the overlap matrix or the builder's choices.
//!
//! Called only from `tui::update`, so `update` stays the one mutator.

use super::update::load;
use super::{SegmentsMode, list_rows};
use ratatui::layout::Rect;

use crate::tui::app::App;
use crate::tui::message::{Message, Request, Screen};

/// Show the Segments screen, loading the segments.
pub fn enter(app: &mut App) -> Vec<Request> {
    app.screen = Screen::Segments;
    load(app)
}

/// The terminal is now `size`: the list and the overlap matrix keep their selection
/// in view.
pub fn resized(app: &mut App, size: Rect) {
    app.segments.table.keep_visible(list_rows(size));
    let rows = app.segments.overlap.visible_rows(size);
    app.segments.overlap.table.keep_visible(rows);
}

/// Handle `message` here when it is table movement while the Segments screen shows.
/// `None` leaves the message to the rest of `update`.
pub fn intercept(app: &mut App, message: &Message) -> Option<Vec<Request>> {
    if app.screen != Screen::Segments || app.popup.is_some() {
        return None;
    }
    let size = app.size;
    let rows = |app: &App| match app.segments.mode() {
        SegmentsMode::Overlap => app.segments.overlap.visible_rows(size),
        _ => list_rows(size),
    };
    let view = rows(app) as isize;
    match message {
        Message::ScrollDown => move_rows(app, 1),
        Message::ScrollUp => move_rows(app, -1),
        Message::PageDown => move_rows(app, view),
        Message::PageUp => move_rows(app, -view),
        Message::ScrollToTop => move_rows(app, isize::MIN / 2),
        Message::ScrollToBottom => move_rows(app, isize::MAX / 2),
        Message::ScrollLeft | Message::ScrollRight => {
            let delta = if *message == Message::ScrollLeft {
                -1
            } else {
                1
            };
            if app.segments.mode() == SegmentsMode::Overlap {
                let n = app.segments.overlap.scrollable_columns();
                app.segments.overlap.table.scroll_columns(delta, n);
            }
        }
        Message::SelectRow(line) => {
            let line = usize::from(*line);
            let s = &mut app.segments;
            let (table, n) = match s.mode() {
                SegmentsMode::List => (&mut s.table, s.segments.len()),
                SegmentsMode::Overlap => {
                    let n = s.overlap.overlap.as_ref().map_or(0, |o| o.names.len());
                    (&mut s.overlap.table, n)
                }
                _ => return Some(Vec::new()),
            };
            if line < view as usize && table.top + line < n {
                table.selected = table.top + line;
            }
        }
        _ => return None,
    }
    Some(Vec::new())
}

fn move_rows(app: &mut App, delta: isize) {
    let size = app.size;
    let s = &mut app.segments;
    match s.mode() {
        SegmentsMode::List => s.table.move_by(delta, s.segments.len(), list_rows(size)),
        SegmentsMode::Overlap => {
            let n = s.overlap.overlap.as_ref().map_or(0, |o| o.names.len());
            let view = s.overlap.visible_rows(size);
            s.overlap.table.move_by(delta, n, view);
        }
        SegmentsMode::Builder => {
            if let Some(b) = s.editor.as_mut().and_then(|e| e.builder.as_mut()) {
                b.move_by(delta.clamp(-1, 1) as i8);
            }
        }
        SegmentsMode::Editor
        | SegmentsMode::ConfirmDiscard
        | SegmentsMode::ConfirmDelete
        | SegmentsMode::Rename => {}
    }
}
