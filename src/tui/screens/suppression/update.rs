//! The suppression list screen's update: paging, the path input and the import. Takes
//! the screen's own state, a fresh generation number and the page size; returns the
//! requests to run and, after an import, the notice for the status line.

use std::path::PathBuf;

use super::message::{SuppressionJob, SuppressionMsg};
use super::{SuppressionMode, SuppressionState};
use crate::tui::message::{Job, Request};
use crate::tui::paths;
use crate::tui::widgets::text_input::TextEdit;

/// What an update asks of the rest of the app.
#[derive(Debug, Default)]
pub struct Outcome {
    pub requests: Vec<Request>,
    /// A line for the status bar.
    pub notice: Option<String>,
}

impl From<Vec<Request>> for Outcome {
    fn from(requests: Vec<Request>) -> Self {
        Outcome {
            requests,
            notice: None,
        }
    }
}

/// The screen was opened: read the page shown (the first one the first time), so the
/// list is current after changes made elsewhere (an erasure adds entries).
pub fn open(state: &mut SuppressionState, generation: u64, rows: usize) -> Vec<Request> {
    let after = state.page.again().unwrap_or(0);
    load(state, generation, after, rows)
}

fn load(state: &mut SuppressionState, generation: u64, after: i64, rows: usize) -> Vec<Request> {
    state.pending = Some(generation);
    vec![Request::Suppression(SuppressionJob {
        generation,
        after,
        limit: rows,
    })]
}

/// A typed edit to the path input (only while typing).
pub fn edit(state: &mut SuppressionState, edit: &TextEdit) {
    if state.mode == SuppressionMode::Typing {
        state.path.apply(edit);
    }
}

/// Apply one message of the screen.
pub fn update(
    state: &mut SuppressionState,
    msg: SuppressionMsg,
    generation: u64,
    rows: usize,
) -> Outcome {
    match msg {
        SuppressionMsg::Move(delta) if state.mode == SuppressionMode::Report => {
            state.scroll = state.scroll.saturating_add_signed(delta);
            Outcome::default()
        }
        SuppressionMsg::Move(delta) => {
            state.page.move_by(delta, state.entries.len());
            Outcome::default()
        }
        SuppressionMsg::NextPage if state.mode == SuppressionMode::Report => {
            state.scroll = state.scroll.saturating_add(rows);
            Outcome::default()
        }
        SuppressionMsg::PreviousPage if state.mode == SuppressionMode::Report => {
            state.scroll = state.scroll.saturating_sub(rows);
            Outcome::default()
        }
        SuppressionMsg::NextPage => match state.page.next(state.entries.last().map(|e| e.id)) {
            Some(after) => load(state, generation, after, rows).into(),
            None => Outcome::default(),
        },
        SuppressionMsg::PreviousPage => match state.page.back() {
            Some(after) => load(state, generation, after, rows).into(),
            None => Outcome::default(),
        },
        SuppressionMsg::EditPath(how) => {
            state.path.open(how);
            state.mode = SuppressionMode::Typing;
            state.error = None;
            Outcome::default()
        }
        SuppressionMsg::Back => {
            // Esc abandons the typed path: the next `i` starts from an empty input
            // instead of appending to a path that failed.
            state.mode = SuppressionMode::List;
            state.path.set("");
            Outcome::default()
        }
        SuppressionMsg::Import => import(state, generation),
        SuppressionMsg::PageLoaded { generation, result } => {
            if state.pending != Some(generation) {
                return Outcome::default();
            }
            state.pending = None;
            match result {
                Ok(page) => {
                    state
                        .page
                        .arrived(page.after, page.entries.len(), page.at_end);
                    state.total = Some(page.total);
                    state.entries = page.entries;
                }
                Err(e) => state.error = Some(e),
            }
            Outcome::default()
        }
        SuppressionMsg::Imported {
            generation: done,
            result,
        } => {
            if state.importing != Some(done) {
                return Outcome::default();
            }
            state.importing = None;
            match result {
                Ok(report) => {
                    let notice = format!(
                        "suppression list: {} added, {} already on it",
                        report.added, report.already_present
                    );
                    state.report = Some(report);
                    state.scroll = 0;
                    state.mode = SuppressionMode::Report;
                    let after = state.page.again().unwrap_or(0);
                    Outcome {
                        requests: load(state, generation, after, rows),
                        notice: Some(notice),
                    }
                }
                Err(e) => {
                    state.error = Some(e);
                    state.mode = SuppressionMode::Typing;
                    Outcome::default()
                }
            }
        }
    }
}

/// Ask the writer to import the typed file; refuse a blank path here.
fn import(state: &mut SuppressionState, generation: u64) -> Outcome {
    if state.importing.is_some() {
        return Outcome::default();
    }
    if state.path.is_blank() {
        state.error = Some("type the path of a suppression file first (i)".into());
        state.mode = SuppressionMode::Typing;
        return Outcome::default();
    }
    let path: PathBuf = paths::expand(state.path.value().trim());
    state.error = None;
    state.importing = Some(generation);
    vec![Request::Write {
        generation,
        job: Job::Suppress(path),
    }]
    .into()
}
