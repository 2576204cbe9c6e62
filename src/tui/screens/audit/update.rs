//! The audit log screen's update: paging (newest first) and opening an entry. Takes
//! the screen's own state, a fresh generation number and the page size.

use super::message::{AuditJob, AuditMsg};
use super::{AuditMode, AuditState};
use crate::tui::message::Request;

/// The screen was opened: read the newest page again (entries may have been added).
pub fn open(state: &mut AuditState, generation: u64, rows: usize) -> Vec<Request> {
    state.page.starts.clear();
    state.mode = AuditMode::List;
    load(state, generation, None, rows)
}

fn load(state: &mut AuditState, generation: u64, before: Option<i64>, rows: usize) -> Vec<Request> {
    state.pending = Some(generation);
    vec![Request::Audit(AuditJob {
        generation,
        before,
        limit: rows,
    })]
}

/// Apply one message of the screen.
pub fn update(state: &mut AuditState, msg: AuditMsg, generation: u64, rows: usize) -> Vec<Request> {
    match msg {
        AuditMsg::Move(delta) if state.mode == AuditMode::Entry => {
            state.scroll = state.scroll.saturating_add_signed(delta);
            Vec::new()
        }
        AuditMsg::Move(delta) => {
            state.page.move_by(delta, state.entries.len());
            Vec::new()
        }
        AuditMsg::NextPage if state.mode == AuditMode::Entry => {
            state.scroll = state.scroll.saturating_add(rows);
            Vec::new()
        }
        AuditMsg::PreviousPage if state.mode == AuditMode::Entry => {
            state.scroll = state.scroll.saturating_sub(rows);
            Vec::new()
        }
        AuditMsg::NextPage => match state.page.next(state.entries.last().map(|e| Some(e.id))) {
            Some(before) => load(state, generation, before, rows),
            None => Vec::new(),
        },
        AuditMsg::PreviousPage => match state.page.back() {
            Some(before) => load(state, generation, before, rows),
            None => Vec::new(),
        },
        AuditMsg::OpenEntry if !state.entries.is_empty() => {
            state.mode = AuditMode::Entry;
            state.scroll = 0;
            Vec::new()
        }
        AuditMsg::OpenEntry => Vec::new(),
        AuditMsg::Back => {
            state.mode = AuditMode::List;
            Vec::new()
        }
        AuditMsg::PageLoaded { generation, result } => {
            if state.pending != Some(generation) {
                return Vec::new();
            }
            state.pending = None;
            match result {
                Ok(page) => {
                    state
                        .page
                        .arrived(page.before, page.entries.len(), page.at_end);
                    state.total = Some(page.total);
                    state.entries = page.entries;
                    state.error = None;
                }
                Err(e) => state.error = Some(e),
            }
            Vec::new()
        }
    }
}
