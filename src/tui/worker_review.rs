//! The review worker: a thread with its own workspace connection that runs privacy
//! reviews (each one a full preview of the campaign), unlocks fields, records
//! sign-offs and writes exports, replying with `Message::Review` and `Message::Export`
//! on the event loop's channel.
//!
//! A review can take seconds on a large workspace, so a newer review interrupts the
//! one running (`sqlite3_interrupt` through rusqlite's `InterruptHandle`), queued older
//! ones are skipped, and a review that is no longer the newest sends no reply. Unlocks,
//! sign-offs and exports always run, in the order sent. Dates count from the
//! global `--as-of` carried by the job when given, else the campaign's own as-of date,
//! else today, as the CLI does.

use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

use chrono::NaiveDate;
use rusqlite::InterruptHandle;

use super::LoopEvent;
use super::message::Message;
use super::screens::export::message::{ExportFailure, ExportMsg, ExportRequest, Exported};
use super::screens::review::message::{ReviewMsg, Reviewed};
use crate::campaign::Campaign;
use crate::campaign::store as campaigns;
use crate::campaign::unlock::{self, load};
use crate::export::{self, ExportError, ExportPlan, FileError};
use crate::review::{self, ExtraField};
use crate::workspace::{Workspace, WorkspaceError, actor, fields};

/// Work for the review worker thread, sent by the Review and Export screens. A newer `Run` supersedes an older one (the
/// running one is interrupted); writes always run, in the order sent.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewJob {
    /// Review `campaign` (the first campaign when `None` or unknown), at `as_of` (the
    /// global `--as-of`) when given, else at the campaign's own date or today.
    Run {
        generation: u64,
        campaign: Option<String>,
        as_of: Option<NaiveDate>,
    },
    /// `campaign::unlock::unlock`.
    Unlock {
        generation: u64,
        campaign: String,
        field: String,
        reason: String,
    },
    /// Review again (at `as_of` as for `Run`) for `export` (the Export screen's profile
    /// and added field: what the sign-off approves), then `review::sign_off` (refused
    /// while blockers are open).
    SignOff {
        generation: u64,
        campaign: String,
        name: String,
        note: String,
        as_of: Option<NaiveDate>,
        export: crate::review::ExportScope,
    },
    /// `export::export`.
    Export {
        generation: u64,
        request: ExportRequest,
    },
}

impl ReviewJob {
    /// The generation this job was made in.
    pub fn generation(&self) -> u64 {
        match self {
            ReviewJob::Run { generation, .. }
            | ReviewJob::Unlock { generation, .. }
            | ReviewJob::SignOff { generation, .. }
            | ReviewJob::Export { generation, .. } => *generation,
        }
    }

    /// True for everything but `Run`: changes are never dropped for a newer job.
    pub fn writes(&self) -> bool {
        !matches!(self, ReviewJob::Run { .. })
    }
}

/// Which review runs now and the newest review asked for.
#[derive(Debug, Default)]
struct Progress {
    running: Option<u64>,
    newest: u64,
}

/// The UI's handle on the review thread. Dropping it ends the thread once its current
/// job is done.
pub struct ReviewWorker {
    jobs: Sender<ReviewJob>,
    interrupt: InterruptHandle,
    progress: Arc<Mutex<Progress>>,
}

impl ReviewWorker {
    /// Start the thread on a connection of its own to `path`; replies go to `events`.
    ///
    /// Errors: opening the connection (busy, damaged file).
    pub fn spawn(path: &Path, events: Sender<LoopEvent>) -> Result<ReviewWorker, WorkspaceError> {
        let mut ws = Workspace::open(path)?;
        let interrupt = ws.conn().get_interrupt_handle();
        let progress = Arc::new(Mutex::new(Progress::default()));
        let (jobs, rx) = mpsc::channel();
        let shared = Arc::clone(&progress);
        thread::spawn(move || serve(&mut ws, &rx, &events, &shared));
        Ok(ReviewWorker {
            jobs,
            interrupt,
            progress,
        })
    }

    /// Queue `job`. A review interrupts an older review still running.
    pub fn send(&self, job: ReviewJob) {
        if !job.writes() {
            let mut p = self.progress.lock().unwrap_or_else(PoisonError::into_inner);
            p.newest = p.newest.max(job.generation());
            if p.running.is_some_and(|g| g < job.generation()) {
                self.interrupt.interrupt();
            }
        }
        // A send fails only when the thread has ended, i.e. the app is shutting down.
        let _ = self.jobs.send(job);
    }
}

fn serve(
    ws: &mut Workspace,
    jobs: &Receiver<ReviewJob>,
    events: &Sender<LoopEvent>,
    progress: &Mutex<Progress>,
) {
    let lock = || progress.lock().unwrap_or_else(PoisonError::into_inner);
    while let Ok(first) = jobs.recv() {
        let queued: Vec<ReviewJob> = std::iter::once(first).chain(jobs.try_iter()).collect();
        for job in queued {
            let stale = |p: &Progress| !job.writes() && p.newest > job.generation();
            if stale(&lock()) {
                continue;
            }
            if !job.writes() {
                lock().running = Some(job.generation());
            }
            let reply = answer(ws, &job);
            let stale = {
                let mut p = lock();
                p.running = None;
                stale(&p)
            };
            if let Some(message) = reply.filter(|_| !stale)
                && events.send(LoopEvent::Reply(message)).is_err()
            {
                return;
            }
        }
    }
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The global `--as-of` when given (it wins, as in the CLI), else the campaign's own
/// date, else today.
fn as_of(campaign: &Campaign, given: Option<NaiveDate>) -> NaiveDate {
    given.unwrap_or_else(|| campaign.as_of_or(today()))
}

/// Run one job against `ws` and build its reply. Runs on the review thread; tests call
/// it directly to drive `update` without threads.
pub fn answer(ws: &mut Workspace, job: &ReviewJob) -> Option<Message> {
    let text = |e: &dyn std::fmt::Display| e.to_string();
    let reply = match job {
        ReviewJob::Run { .. } => return read(ws, job),
        ReviewJob::Unlock {
            generation,
            campaign,
            field,
            reason,
        } => ReviewMsg::Unlocked {
            generation: *generation,
            result: unlock::unlock(ws, campaign, field, reason, &actor()).map_err(|e| text(&e)),
        },
        ReviewJob::SignOff {
            generation,
            campaign,
            name,
            note,
            as_of,
            export,
        } => ReviewMsg::SignedOff {
            generation: *generation,
            result: sign_off(ws, campaign, (name, note), *as_of, export).map(Box::new),
        },
        ReviewJob::Export {
            generation,
            request,
        } => {
            return Some(Message::Export(ExportMsg::Exported {
                generation: *generation,
                result: run_export(ws, request).map(Box::new),
            }));
        }
    };
    Some(Message::Review(reply))
}

/// Answer a review (read-only); `None` for the writing jobs, which need [`answer`].
pub fn read(ws: &Workspace, job: &ReviewJob) -> Option<Message> {
    let ReviewJob::Run {
        generation,
        campaign,
        as_of,
    } = job
    else {
        return None;
    };
    Some(Message::Review(ReviewMsg::Reviewed {
        generation: *generation,
        result: reviewed(ws, campaign.as_deref(), *as_of).map(Box::new),
    }))
}

fn reviewed(
    ws: &Workspace,
    wanted: Option<&str>,
    given: Option<NaiveDate>,
) -> Result<Reviewed, String> {
    let text = |e: &dyn std::fmt::Display| e.to_string();
    let names = campaigns::names(ws.conn()).map_err(|e| text(&e))?;
    let chosen = wanted
        .filter(|w| names.iter().any(|n| n == w))
        .map(str::to_string)
        .or_else(|| names.first().cloned());
    let Some(name) = chosen else {
        return Ok(Reviewed {
            campaign: None,
            review: None,
            columns: Vec::new(),
            unlocked: Vec::new(),
        });
    };
    let campaign = load(ws, &name).map_err(|e| text(&e))?;
    let review = review::run(ws, &campaign, as_of(&campaign, given)).map_err(|e| text(&e))?;
    let fields = fields::list(ws.conn()).map_err(|e| text(&e))?;
    Ok(Reviewed {
        campaign: Some(name),
        review: Some(review),
        columns: export::columns::headers(campaign.channel, &fields),
        unlocked: campaign.unlocks.iter().map(|u| u.field.clone()).collect(),
    })
}

fn sign_off(
    ws: &mut Workspace,
    campaign: &str,
    (name, note): (&str, &str),
    given: Option<NaiveDate>,
    export: &review::ExportScope,
) -> Result<crate::workspace::exports::SignOff, String> {
    let text = |e: &dyn std::fmt::Display| e.to_string();
    let campaign = load(ws, campaign).map_err(|e| text(&e))?;
    let as_of = as_of(&campaign, given);
    let review = review::run_for(ws, &campaign, as_of, Some(export)).map_err(|e| text(&e))?;
    review::sign_off(ws, &review, name, note, &actor()).map_err(|e| text(&e))
}

fn run_export(ws: &mut Workspace, request: &ExportRequest) -> Result<Exported, ExportFailure> {
    let other = |e: &dyn std::fmt::Display| ExportFailure::Other(e.to_string());
    let campaign = load(ws, &request.campaign).map_err(|e| other(&e))?;
    let mut plan = ExportPlan::new(
        request.out.clone().into(),
        request.profile,
        as_of(&campaign, request.as_of),
    );
    plan.bom = request.bom;
    plan.force = request.force;
    plan.extra = request
        .extra
        .iter()
        .map(|(field, reason)| ExtraField {
            field: field.clone(),
            reason: reason.clone(),
        })
        .collect();
    let report = match export::export(ws, &campaign, &plan, &actor()) {
        Ok(r) => r,
        Err(ExportError::Blocked { blockers, .. }) => {
            return Err(ExportFailure::Blocked(blockers));
        }
        Err(ExportError::Files(FileError::Exists { path })) => {
            return Err(ExportFailure::Exists(path.display().to_string()));
        }
        Err(e) => return Err(other(&e)),
    };
    let files = report
        .files
        .iter()
        .map(|name| {
            let path = plan.out.join(name);
            (path.display().to_string(), mode(&path))
        })
        .collect();
    Ok(Exported {
        dir: report.dir,
        recipients: report.recipients,
        recipients_sha256: report.recipients_sha256,
        profile: report.profile,
        sign_off: report.sign_off,
        files,
        warnings: report.warnings.len(),
    })
}

/// The permission bits of the file at `path` (`0o600` for owner-only), where the
/// platform has them.
#[cfg(unix)]
fn mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .ok()
        .map(|m| m.permissions().mode() & 0o777)
}

#[cfg(not(unix))]
fn mode(_path: &Path) -> Option<u32> {
    None
}
