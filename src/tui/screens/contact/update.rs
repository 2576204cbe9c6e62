//! The contact screen's update: the key input, scrolling, and the erase question.
//! Takes the screen's own state, a fresh generation number, the global `--as-of` and
//! the report's height; returns the requests to run and the status notice.

use super::lines;
use super::message::{ContactJob, ContactMsg};
use super::{ContactMode, ContactState};
use crate::tui::message::{Job, Request};
use crate::tui::widgets::text_input::TextEdit;
use chrono::NaiveDate;

/// What an update asks of the rest of the app.
#[derive(Debug, Default)]
pub struct Outcome {
    pub requests: Vec<Request>,
    pub notice: Option<String>,
    /// True when a contact was erased: the app's other views must read again.
    pub erased: bool,
}

/// A typed edit to the key input (only while typing).
pub fn edit(state: &mut ContactState, edit: &TextEdit) {
    if state.mode == ContactMode::Typing {
        state.key.apply(edit);
    }
}

/// Apply one message of the screen (`OpenSelected` is resolved by the app first).
pub fn update(
    state: &mut ContactState,
    msg: ContactMsg,
    generation: u64,
    as_of: Option<NaiveDate>,
    rows: usize,
) -> Outcome {
    let none = Outcome::default;
    match msg {
        ContactMsg::OpenSelected => none(),
        ContactMsg::Open(key) => {
            state.key.set(key.clone());
            show(state, key, generation, as_of)
        }
        ContactMsg::EditKey(how) => {
            state.key.open(how);
            state.mode = ContactMode::Typing;
            state.error = None;
            none()
        }
        ContactMsg::Back => {
            state.mode = ContactMode::View;
            none()
        }
        ContactMsg::Show => {
            let key = state.key.value().trim().to_string();
            if key.is_empty() {
                state.error = Some("type a contact key first".into());
                return none();
            }
            show(state, key, generation, as_of)
        }
        ContactMsg::Scroll(delta) => {
            state.scroll = state.scroll.saturating_add_signed(delta);
            none()
        }
        ContactMsg::Page(down) => {
            state.scroll = if down {
                state.scroll.saturating_add(rows)
            } else {
                state.scroll.saturating_sub(rows)
            };
            none()
        }
        ContactMsg::AskErase if state.shown.is_some() && state.erasing.is_none() => {
            state.mode = ContactMode::ConfirmErase;
            none()
        }
        ContactMsg::AskErase => none(),
        ContactMsg::ConfirmErase => {
            state.mode = ContactMode::View;
            let Some(key) = state.shown.clone() else {
                return none();
            };
            state.erasing = Some(generation);
            state.error = None;
            Outcome {
                requests: vec![Request::Write {
                    generation,
                    job: Job::EraseContact(key),
                }],
                ..none()
            }
        }
        ContactMsg::Shown {
            generation: done,
            result,
        } => {
            if state.pending != Some(done) {
                return none();
            }
            state.pending = None;
            match result {
                Ok(report) => {
                    state.lines = lines::shown(&report);
                    let stored = !report.erased && !report.fields.is_empty();
                    state.shown = stored.then(|| report.key.clone());
                    state.scroll = 0;
                }
                Err(e) => state.error = Some(e),
            }
            none()
        }
        ContactMsg::Erased {
            generation: done,
            result,
        } => {
            if state.erasing != Some(done) {
                return none();
            }
            state.erasing = None;
            match result {
                Ok(report) => {
                    let key = state.shown.take().unwrap_or_default();
                    state.lines = report.lines(Some(&key));
                    state.scroll = 0;
                    state.key.set("");
                    Outcome {
                        notice: Some(format!(
                            "contact erased; {} suppression entries hold its hashes",
                            report.suppression_entries
                        )),
                        erased: true,
                        ..none()
                    }
                }
                Err(e) => {
                    state.error = Some(e);
                    none()
                }
            }
        }
    }
}

fn show(
    state: &mut ContactState,
    key: String,
    generation: u64,
    as_of: Option<NaiveDate>,
) -> Outcome {
    state.mode = ContactMode::View;
    state.error = None;
    state.pending = Some(generation);
    Outcome {
        requests: vec![Request::Contact(ContactJob {
            generation,
            key,
            as_of,
        })],
        ..Outcome::default()
    }
}
