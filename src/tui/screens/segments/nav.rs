//! The Segments screen's share of the messages every screen gets: table movement
//! (keys, wheel, row clicks) while it shows, applied to the list, the overlap matrix
//! or the builder's choices, and a new terminal size. It changes the screen's own
//! state only.
//!
//! Called only from `tui::update`, so `update` stays the one mutator.

use ratatui::layout::Rect;

use super::{SegmentsMode, SegmentsState, list_rows};
use crate::tui::message::{Message, Request};

/// The terminal is now `size`: the list and the overlap matrix keep their selection
/// in view.
pub fn resized(s: &mut SegmentsState, size: Rect) {
    s.table.keep_visible(list_rows(size));
    let rows = s.overlap.visible_rows(size);
    s.overlap.table.keep_visible(rows);
}

/// Handle `message` here when it is table movement (`update` asks only while the
/// screen shows with no popup open, in a terminal of `size`). `None` leaves the
/// message to the rest of `update`.
pub fn intercept(s: &mut SegmentsState, size: Rect, message: &Message) -> Option<Vec<Request>> {
    let view = match s.mode() {
        SegmentsMode::Overlap => s.overlap.visible_rows(size),
        _ => list_rows(size),
    } as isize;
    let step = |s: &mut SegmentsState, delta| move_rows(s, size, delta);
    match message {
        Message::ScrollDown => step(s, 1),
        Message::ScrollUp => step(s, -1),
        Message::PageDown => step(s, view),
        Message::PageUp => step(s, -view),
        Message::ScrollToTop => step(s, isize::MIN / 2),
        Message::ScrollToBottom => step(s, isize::MAX / 2),
        Message::ScrollLeft | Message::ScrollRight => {
            let delta = if *message == Message::ScrollLeft {
                -1
            } else {
                1
            };
            if s.mode() == SegmentsMode::Overlap {
                let n = s.overlap.scrollable_columns();
                s.overlap.table.scroll_columns(delta, n);
            }
        }
        Message::SelectRow(line) => {
            let line = usize::from(*line);
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

fn move_rows(s: &mut SegmentsState, size: Rect, delta: isize) {
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
