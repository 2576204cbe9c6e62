//! The worker: runs the TUI's SQLite work off the UI thread and sends the results back
//! as [`Message`]s on the event loop's channel.
//!
//! Three threads, each owning its own workspace connection (SQLite in WAL mode lets them
//! read side by side): one for quick reads the user waits on (fields, pages of
//! contacts, path completion), one for slow background counts, so a count over a
//! million contacts never holds up scrolling, and a writer for file reads and changes
//! (detect, import with progress, undo, field changes), so an import never holds up
//! either. Each thread takes every request queued, keeps only the newest of each kind
//! (but every write, in order) and answers those. A newer count interrupts the one running
//! (`sqlite3_interrupt` through rusqlite's `InterruptHandle`); the interrupted count
//! sends no reply.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use rusqlite::{ErrorCode, InterruptHandle};

use super::LoopEvent;
use super::message::{Job, Message, Page, PageAnchor, Request};
use super::paths;
use super::screens;
use super::screens::segments::jobs::SegmentsWorker;
use super::worker_review::{self, ReviewWorker};
use crate::workspace::browse::{self, Bound};
use crate::workspace::{Workspace, WorkspaceError, actor, batches, fields};

/// The UI's handle on the worker threads. Dropping it ends them once their current
/// request is done.
pub struct Worker {
    quick: Sender<Request>,
    background: Sender<Request>,
    writer: Sender<Request>,
    interrupt: InterruptHandle,
    /// Generation of the count running now, 0 when none is.
    counting: Arc<AtomicU64>,
    /// The preview and coverage threads (`worker_campaign`).
    campaign: super::worker_campaign::CampaignThreads,
    /// The thread for segment rules: reach, overlap, saves.
    segments: SegmentsWorker,
    /// The thread for reviews, unlocks, sign-offs and exports.
    review: ReviewWorker,
}

impl Worker {
    /// Start the threads: the quick one on `workspace` (already open), the background one
    /// and the writer on connections of their own to `path`. Replies go to `events`.
    ///
    /// Errors: opening the other connections (busy, damaged file).
    pub fn spawn(
        workspace: Workspace,
        path: &Path,
        events: Sender<LoopEvent>,
    ) -> Result<Worker, WorkspaceError> {
        let second = Workspace::open(path)?;
        let segments = SegmentsWorker::spawn(path, events.clone())?;
        let review = ReviewWorker::spawn(path, events.clone())?;
        let mut third = Workspace::open(path)?;
        let interrupt = second.conn().get_interrupt_handle();
        let counting = Arc::new(AtomicU64::new(0));
        let (quick, quick_rx) = mpsc::channel();
        let (background, background_rx) = mpsc::channel();
        let (writer, writer_rx) = mpsc::channel();
        let events_quick = events.clone();
        let events_writer = events.clone();
        let campaign = super::worker_campaign::CampaignThreads::spawn(path, events.clone())?;
        thread::spawn(move || serve(&workspace, &quick_rx, &events_quick, None));
        thread::spawn(move || serve_writes(&mut third, &writer_rx, &events_writer));
        let running = Arc::clone(&counting);
        thread::spawn(move || serve(&second, &background_rx, &events, Some(&running)));
        Ok(Worker {
            quick,
            background,
            writer,
            interrupt,
            counting,
            campaign,
            segments,
            review,
        })
    }

    /// Queue `request`. A count replaces (and interrupts) any older count still running.
    pub fn send(&self, request: Request) {
        // A send fails only when the thread has ended, i.e. the app is shutting down.
        let _ = match request {
            Request::CountContacts { generation } => {
                let running = self.counting.load(Ordering::SeqCst);
                if running != 0 && running < generation {
                    self.interrupt.interrupt();
                }
                self.background.send(request)
            }
            Request::LoadFields { .. }
            | Request::LoadPage { .. }
            | Request::CompletePath { .. }
            | Request::LoadCampaigns { .. }
            | Request::LoadCampaign { .. }
            | Request::LoadSample { .. }
            | Request::Suppression(_)
            | Request::Audit(_)
            | Request::Contact(_) => self.quick.send(request),
            Request::Coverage { .. }
            | Request::RunPreview { .. }
            | Request::LoadPreviewPage { .. }
            | Request::CountPreview { .. }
            | Request::Explain { .. } => {
                self.campaign.send(request);
                Ok(())
            }
            Request::Segments(job) => {
                self.segments.send(job);
                Ok(())
            }
            Request::Review(job) => {
                self.review.send(job);
                Ok(())
            }
            Request::DetectImport { .. } | Request::LoadBatches { .. } | Request::Write { .. } => {
                self.writer.send(request)
            }
        };
    }
}

/// The writer thread's loop: like [`serve`], but every write is run, in order, with
/// progress sent as it goes.
fn serve_writes(ws: &mut Workspace, requests: &Receiver<Request>, events: &Sender<LoopEvent>) {
    while let Ok(first) = requests.recv() {
        let mut queued = vec![first];
        queued.extend(requests.try_iter());
        for request in newest_of_each_kind(queued) {
            let mut emit = |m: Message| {
                let _ = events.send(LoopEvent::Reply(m));
            };
            let reply = match &request {
                Request::Write { generation, job } => Some(write(ws, *generation, job, &mut emit)),
                other => answer(ws, other),
            };
            if let Some(message) = reply
                && events.send(LoopEvent::Reply(message)).is_err()
            {
                return;
            }
        }
    }
}

fn serve(
    ws: &Workspace,
    requests: &Receiver<Request>,
    events: &Sender<LoopEvent>,
    running: Option<&AtomicU64>,
) {
    while let Ok(first) = requests.recv() {
        let mut queued = vec![first];
        queued.extend(requests.try_iter());
        for request in newest_of_each_kind(queued) {
            if let Some(r) = running {
                r.store(request.generation(), Ordering::SeqCst);
            }
            let reply = answer(ws, &request);
            if let Some(r) = running {
                r.store(0, Ordering::SeqCst);
            }
            if let Some(message) = reply
                && events.send(LoopEvent::Reply(message)).is_err()
            {
                return;
            }
        }
    }
}

/// Of the queued requests, only the last of each kind, in arrival order: an older
/// request of the same kind answers a question nobody is asking any more. Writes are
/// all kept: each is a change the user asked for.
fn newest_of_each_kind(queued: Vec<Request>) -> Vec<Request> {
    let kind = |r: &Request| std::mem::discriminant(r);
    let mut keep: Vec<Request> = Vec::new();
    for r in queued {
        if !matches!(r, Request::Write { .. }) {
            keep.retain(|k| kind(k) != kind(&r));
        }
        keep.push(r);
    }
    keep
}

/// Run one reading request against `ws` and build its reply. `None` for an interrupted
/// count, which a newer count replaces, and for a [`Request::Write`], which needs
/// [`write`]. Runs on the worker threads; tests call it directly to drive `update`
/// without threads.
pub fn answer(ws: &Workspace, request: &Request) -> Option<Message> {
    let text = |e: WorkspaceError| e.to_string();
    match request {
        Request::LoadFields { generation } => Some(Message::FieldsLoaded {
            generation: *generation,
            result: fields::list(ws.conn()).map_err(text),
        }),
        Request::LoadPage {
            generation,
            fields,
            anchor,
            before,
            after,
        } => Some(Message::PageLoaded {
            generation: *generation,
            result: load_page(ws, fields, *anchor, *before, *after).map_err(text),
        }),
        Request::CountContacts { generation } => match browse::count(ws.conn()) {
            Err(WorkspaceError::Sqlite(e))
                if e.sqlite_error_code() == Some(ErrorCode::OperationInterrupted) =>
            {
                None
            }
            result => Some(Message::CountFinished {
                generation: *generation,
                result: result.map_err(text),
            }),
        },
        // Saves and deletes need a writable workspace: `screens::segments::jobs::answer`.
        Request::Segments(job) => crate::tui::screens::segments::jobs::read(ws, job),
        // Unlocks, sign-offs and exports write: `worker_review::answer`.
        Request::Review(job) => worker_review::read(ws, job),
        Request::CompletePath { generation, typed } => Some(Message::PathCompleted {
            generation: *generation,
            result: paths::complete(typed),
        }),
        Request::DetectImport { generation, plan } => Some(Message::ImportDetected {
            generation: *generation,
            result: crate::import::detect(ws, plan)
                .map(Box::new)
                .map_err(|e| e.to_string()),
        }),
        Request::LoadBatches { generation } => Some(Message::BatchesLoaded {
            generation: *generation,
            result: batches::list(ws.conn()).map_err(text),
        }),
        Request::Write { .. } => None,
        Request::Suppression(job) => Some(screens::suppression::jobs::read(ws, job)),
        Request::Audit(job) => Some(screens::audit::jobs::read(ws, job)),
        Request::Contact(job) => Some(screens::contact::jobs::read(ws, job)),
        Request::LoadCampaigns { .. }
        | Request::LoadCampaign { .. }
        | Request::LoadSample { .. }
        | Request::Coverage { .. }
        | Request::RunPreview { .. }
        | Request::LoadPreviewPage { .. }
        | Request::CountPreview { .. }
        | Request::Explain { .. } => super::worker_campaign::answer(ws, request),
    }
}

/// Run one change against `ws` and build its reply; `emit` gets progress messages on
/// the way. The actor on record is the user running the TUI (`workspace::actor`).
pub fn write(
    ws: &mut Workspace,
    generation: u64,
    job: &Job,
    emit: &mut dyn FnMut(Message),
) -> Message {
    match job {
        Job::Import(plan) => {
            let mut progress = |progress| {
                emit(Message::ImportProgressed {
                    generation,
                    progress,
                })
            };
            Message::ImportFinished {
                generation,
                result: crate::import::run(ws, plan, &mut progress)
                    .map(Box::new)
                    .map_err(|e| e.to_string()),
            }
        }
        Job::UndoLatest => Message::UndoFinished {
            generation,
            result: crate::import::undo::undo(ws, None, &actor()).map_err(|e| e.to_string()),
        },
        Job::SetField {
            name,
            class,
            role,
            reason,
        } => Message::FieldChanged {
            generation,
            result: crate::fields::change::set(ws, name, *class, *role, reason, &actor())
                .map(Box::new)
                .map_err(|e| e.to_string()),
        },
        Job::SaveCampaign { campaign, as_of } => {
            super::worker_campaign::save(ws, generation, campaign, *as_of)
        }
        Job::CreateCampaign(campaign) => super::worker_campaign::create(ws, generation, campaign),
        Job::RenameCampaign { old, new } => Message::CampaignChanged {
            generation,
            result: crate::campaign::edit::rename(ws, old, new, &actor())
                .map(|c| Some(c.name))
                .map_err(|e| e.to_string()),
        },
        Job::SetCampaign {
            name,
            settings,
            as_of,
        } => Message::SettingsSaved {
            generation,
            result: crate::campaign::edit::set(
                ws,
                name,
                settings,
                |c| {
                    crate::campaign::edit::effective_as_of(
                        c,
                        *as_of,
                        chrono::Local::now().date_naive(),
                    )
                },
                &actor(),
            )
            .map(Box::new)
            .map_err(|e| e.to_string()),
        },
        Job::Suppress(path) => screens::suppression::jobs::import(ws, generation, path),
        Job::EraseContact(key) => screens::contact::jobs::erase(ws, generation, key),
        Job::DeleteCampaign(name) => Message::CampaignChanged {
            generation,
            result: crate::campaign::edit::delete(ws, name, &actor())
                .map(|_| None)
                .map_err(|e| e.to_string()),
        },
    }
}

fn load_page(
    ws: &Workspace,
    fields: &[crate::fields::Field],
    anchor: PageAnchor,
    before: usize,
    after: usize,
) -> Result<Page, WorkspaceError> {
    let conn = ws.conn();
    let whole = before + after;
    let (rows, at_start, at_end) = match anchor {
        PageAnchor::First => {
            let rows = browse::page(conn, fields, Bound::First, whole)?;
            let end = rows.len() < whole;
            (rows, true, end)
        }
        PageAnchor::Last => {
            let rows = browse::page(conn, fields, Bound::Last, whole)?;
            let start = rows.len() < whole;
            (rows, start, true)
        }
        PageAnchor::Around { top_id, .. } => {
            let mut rows = browse::page(conn, fields, Bound::Before(top_id), before)?;
            let start = rows.len() < before;
            let tail = browse::page(conn, fields, Bound::From(top_id), after)?;
            let end = tail.len() < after;
            rows.extend(tail);
            (rows, start, end)
        }
    };
    Ok(Page {
        anchor,
        rows,
        at_start,
        at_end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_newest_request_of_each_kind_is_answered() {
        let page = |generation| Request::LoadPage {
            generation,
            fields: Vec::new(),
            anchor: PageAnchor::First,
            before: 1,
            after: 1,
        };
        let queued = vec![
            page(1),
            Request::CountContacts { generation: 2 },
            page(3),
            Request::LoadFields { generation: 4 },
            Request::CountContacts { generation: 5 },
        ];
        let kept: Vec<u64> = newest_of_each_kind(queued)
            .iter()
            .map(Request::generation)
            .collect();
        assert_eq!(kept, vec![3, 4, 5]);
    }
}
