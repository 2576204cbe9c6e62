//! The contact screen's jobs, through the same use cases as `tactful contact show` and
//! `tactful contact erase` (`rights::show`, `rights::erase`).

use super::message::{ContactJob, ContactMsg};
use crate::tui::message::Message;
use crate::workspace::{Workspace, actor};

/// Everything held about one contact (GDPR Art. 15).
pub fn read(ws: &Workspace, job: &ContactJob) -> Message {
    let as_of = job
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    Message::Contact(ContactMsg::Shown {
        generation: job.generation,
        result: crate::rights::show(ws, &job.key, as_of)
            .map(Box::new)
            .map_err(|e| e.to_string()),
    })
}

/// Erase one contact for good (GDPR Art. 17): its hashes go on the suppression list.
pub fn erase(ws: &mut Workspace, generation: u64, key: &str) -> Message {
    Message::Contact(ContactMsg::Erased {
        generation,
        result: crate::rights::erase(ws, key, &actor())
            .map(Box::new)
            .map_err(|e| e.to_string()),
    })
}
