//! The replies to the Review screen's jobs, applied to the Review screen: reviews, unlocks and
//! sign-offs. A reply whose generation is not the one its state waits for is dropped
//! (the newest request wins); an unlock or a sign-off that went through closes its
//! dialog and reviews the campaign again, since both change what the review says.
//!
//! Split from [`super::update`] to keep files small; called only from there.

use super::message::ReviewMsg;
use super::update::{reviewed, run};
use crate::text::for_terminal;
use crate::tui::app::App;
use crate::tui::message::Request;

/// Apply a reply; return the work it leads to (a new review after a change).
pub fn apply(app: &mut App, reply: ReviewMsg) -> Vec<Request> {
    let s = &mut app.review;
    match reply {
        ReviewMsg::Reviewed { generation, result } => {
            if s.pending != Some(generation) {
                return Vec::new();
            }
            s.pending = None;
            // The review the Export screen said it waits for has arrived (or failed):
            // its "still running" answer is out of date.
            crate::tui::screens::export::update::review_ended(&mut app.export);
            let s = &mut app.review;
            match result {
                Ok(r) => reviewed(app, *r),
                Err(e) => s.notice = Some((e, true)),
            }
        }
        ReviewMsg::Unlocked { generation, result } => {
            let Some(d) = s.unlock.as_mut().filter(|d| d.pending == Some(generation)) else {
                return Vec::new();
            };
            d.pending = None;
            match result {
                Ok(u) => {
                    s.unlock = None;
                    s.notice = Some((
                        format!(
                            "Unlocked `{}` for this campaign; the justification is in the audit log. Reviewing again. To use it in a segment: Segments (3), Ctrl+O in the editor.",
                            for_terminal(&u.field)
                        ),
                        false,
                    ));
                    return run(app);
                }
                Err(e) => d.error = Some(e),
            }
        }
        ReviewMsg::SignedOff { generation, result } => {
            let Some(d) = s
                .sign_off
                .as_mut()
                .filter(|d| d.pending == Some(generation))
            else {
                return Vec::new();
            };
            d.pending = None;
            match result {
                Ok(record) => {
                    s.sign_off = None;
                    s.notice = Some((
                        format!(
                            "Signed off by {}; recorded in the audit log.",
                            for_terminal(&record.name)
                        ),
                        false,
                    ));
                    return run(app);
                }
                Err(e) => d.error = Some(e),
            }
        }
        // Intents never come here: `super::update::update` handles them.
        _ => {}
    }
    Vec::new()
}
