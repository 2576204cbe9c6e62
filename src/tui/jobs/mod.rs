//! The job runner: every background request of the terminal app is scheduled here, and
//! nowhere else.
//!
//! The runner only schedules; the work itself is each screen's (`screens/<screen>/
//! jobs.rs`), and [`route`] says which screen answers a request, on which lane and of
//! which kind. A **lane** is a thread with one workspace connection, so a slow count
//! never holds up scrolling and an import never holds up either ([`Lane`]). Only the
//! [`Lane::Writer`]'s connection may change the workspace; every other lane's is opened
//! read-only (`Workspace::open_read_only`), so a change can only come through it, one at
//! a time, in the order sent.
//!
//! **The newest request wins.** Every request carries the generation `update` gave it
//! and, unless it is a change, a **kind** ([`Schedule::kind`]). When a request of a kind
//! is sent, older ones of that kind are superseded, in one place ([`Progress`]):
//! - a queued one is skipped, so it never replies;
//! - a running one is interrupted, on lanes whose queries may be cut short, through
//!   SQLite's `sqlite3_interrupt` (rusqlite's `InterruptHandle`); other jobs can ask
//!   [`Context::superseded`] between batches and stop themselves;
//! - whatever reply it still makes is stale and dropped before it reaches the loop.
//!
//! A read that gives no reply (an interrupted query) while still the newest of its kind
//! runs again, so the last request of a burst always replies. Changes are never
//! superseded: each is something the user asked for.

pub mod route;

use std::collections::{HashMap, VecDeque};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread;

use rusqlite::InterruptHandle;

use super::LoopEvent;
use super::message::Message;
use crate::review::Kept;
use crate::workspace::{Workspace, WorkspaceError};

/// A thread with a workspace connection of its own; requests on one lane run one at a
/// time, in the order sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    /// The one connection that writes: changes, and the reads that must see them in
    /// order (what an import would detect, the import batches).
    Writer,
    /// Quick reads the user waits on: fields, pages of contacts, campaigns, samples.
    Quick,
    /// The contact count, slow on a large workspace.
    Count,
    /// The stored preview: its connection's TEMP table, its pages and counts.
    Preview,
    /// Coverage counts of the campaign being edited.
    Coverage,
    /// Segment rules: live reach, the list's reaches, the overlap matrix, suggestions.
    Segments,
    /// Privacy reviews.
    Review,
}

impl Lane {
    /// Every lane, in the order of [`Lane::index`].
    pub const ALL: [Lane; 7] = [
        Lane::Writer,
        Lane::Quick,
        Lane::Count,
        Lane::Preview,
        Lane::Coverage,
        Lane::Segments,
        Lane::Review,
    ];

    fn index(self) -> usize {
        self as usize
    }

    /// Whether a newer request interrupts the running query of its kind on this lane.
    /// Not the writer's (a change is never cut short), nor the preview lane's, which
    /// answers page requests between its batches on the same connection (an interrupt
    /// could hit one of them); the preview stops itself at the next batch instead.
    pub fn interruptible(self) -> bool {
        !matches!(self, Lane::Writer | Lane::Preview)
    }
}

/// What the runner needs to know of a request.
pub trait Schedule {
    /// The generation `update` gave it; newer requests have larger ones.
    fn generation(&self) -> u64;
    /// The lane it runs on.
    fn lane(&self) -> Lane;
    /// Its kind: a newer request of the same kind supersedes it. `None` for a change,
    /// which is never superseded.
    fn kind(&self) -> Option<&'static str>;
}

/// Runs one request on its lane's workspace and makes its reply (`None`: no reply, as
/// for an interrupted query).
pub type Execute<R> = fn(&mut Workspace, &R, &mut Context<'_, R>) -> Option<Message>;

/// The newest generation sent of each kind, and what each lane runs now: the one
/// place where "the newest request wins" is decided.
#[derive(Debug, Default)]
struct Progress {
    newest: HashMap<&'static str, u64>,
    running: [Option<(&'static str, u64)>; Lane::ALL.len()],
}

impl Progress {
    /// True when a request of `kind` newer than `generation` was sent.
    fn superseded(&self, kind: Option<&'static str>, generation: u64) -> bool {
        kind.is_some_and(|k| self.newest.get(k).is_some_and(|&g| g > generation))
    }
}

fn lock(progress: &Mutex<Progress>) -> MutexGuard<'_, Progress> {
    progress.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What a running job may ask of the runner.
pub struct Context<'a, R> {
    kind: Option<&'static str>,
    generation: u64,
    progress: Option<&'a Mutex<Progress>>,
    emit: &'a mut dyn FnMut(Message),
    waiting: Option<(&'a Receiver<R>, &'a mut VecDeque<R>)>,
    kept: Option<&'a Kept>,
}

impl<'a, R: Schedule> Context<'a, R> {
    /// A context for running a job outside the runner (the tests' synchronous driver):
    /// never superseded, nothing waiting, progress to `emit`.
    pub fn detached(emit: &'a mut dyn FnMut(Message)) -> Self {
        Context {
            kind: None,
            generation: 0,
            progress: None,
            emit,
            waiting: None,
            kept: None,
        }
    }

    /// The review pass the lanes share (`review::Kept`): the Preview screen's walk
    /// keeps it, a review uses it while it still holds. `None` outside the runner, where
    /// every review walks.
    pub fn kept(&self) -> Option<&'a Kept> {
        self.kept
    }

    /// True once a newer request of this job's kind was sent: the job may stop (its
    /// reply would be dropped anyway).
    pub fn superseded(&self) -> bool {
        self.progress
            .is_some_and(|p| lock(p).superseded(self.kind, self.generation))
    }

    /// Send `message` now: progress of a long job.
    pub fn emit(&mut self, message: Message) {
        (self.emit)(message);
    }

    /// Take the requests waiting on this lane that `pick` chooses, in the order sent;
    /// the others stay queued. The preview answers its pages between batches this way.
    pub fn take_waiting(&mut self, pick: impl Fn(&R) -> bool) -> Vec<R> {
        let Some((incoming, queue)) = self.waiting.as_mut() else {
            return Vec::new();
        };
        queue.extend(incoming.try_iter());
        let (taken, kept): (Vec<R>, Vec<R>) = queue.drain(..).partition(|r| pick(r));
        queue.extend(kept);
        taken
    }

    /// Send `message`, the reply to `request` (one taken with [`Self::take_waiting`]),
    /// unless a newer request of its kind was sent meanwhile.
    pub fn reply(&mut self, request: &R, message: Message) {
        let stale = self
            .progress
            .is_some_and(|p| lock(p).superseded(request.kind(), request.generation()));
        if !stale {
            (self.emit)(message);
        }
    }
}

/// How many times a read that gave no reply runs again while still the newest.
const ATTEMPTS: usize = 3;

/// The UI's handle on the lanes. Dropping it ends their threads once their current
/// job is done.
pub struct Runner<R> {
    lanes: Vec<(Sender<R>, InterruptHandle)>,
    progress: Arc<Mutex<Progress>>,
}

impl<R: Schedule + Send + 'static> Runner<R> {
    /// Start one thread per lane: the writer on `writer` (opened read-write, migrated),
    /// every other lane on a read-only connection to the same file. Replies go to
    /// `events`; `execute` runs each request.
    ///
    /// Errors: opening a read-only connection (busy, damaged file).
    pub fn spawn(
        writer: Workspace,
        events: Sender<LoopEvent>,
        execute: Execute<R>,
    ) -> Result<Runner<R>, WorkspaceError> {
        let path = writer.path().to_path_buf();
        let mut writer = Some(writer);
        let progress = Arc::new(Mutex::new(Progress::default()));
        let kept = Arc::new(Kept::watch(&path)?);
        let mut lanes = Vec::new();
        for lane in Lane::ALL {
            let ws = match writer.take() {
                Some(ws) if lane == Lane::Writer => ws,
                _ => Workspace::open_read_only(&path)?,
            };
            let interrupt = ws.conn().get_interrupt_handle();
            let (sender, incoming) = mpsc::channel();
            let (events, progress) = (events.clone(), Arc::clone(&progress));
            let kept = Arc::clone(&kept);
            thread::spawn(move || {
                let shared = Shared {
                    progress: &progress,
                    kept: &kept,
                };
                serve(lane, ws, &incoming, &events, shared, execute)
            });
            lanes.push((sender, interrupt));
        }
        Ok(Runner { lanes, progress })
    }

    /// Queue `request` on its lane. A request of a kind supersedes the older ones of
    /// that kind, and interrupts the one running if its lane allows.
    pub fn send(&self, request: R) {
        let lane = request.lane();
        let (sender, interrupt) = &self.lanes[lane.index()];
        if let Some(kind) = request.kind() {
            let generation = request.generation();
            let mut p = lock(&self.progress);
            let newest = p.newest.entry(kind).or_insert(generation);
            *newest = (*newest).max(generation);
            let older =
                |r: Option<(&str, u64)>| r.is_some_and(|(k, g)| k == kind && g < generation);
            // Interrupted under the lock: the lane cannot start its next job meanwhile.
            if lane.interruptible() && older(p.running[lane.index()]) {
                interrupt.interrupt();
            }
        }
        // A send fails only when the lane has ended, i.e. the app is shutting down.
        let _ = sender.send(request);
    }
}

/// A lane's loop: run what arrives, in order, until the runner is dropped or the event
/// loop is gone.
fn serve<R: Schedule>(
    lane: Lane,
    mut ws: Workspace,
    incoming: &Receiver<R>,
    events: &Sender<LoopEvent>,
    shared: Shared<'_>,
    execute: Execute<R>,
) {
    let mut waiting: VecDeque<R> = VecDeque::new();
    loop {
        if waiting.is_empty() {
            match incoming.recv() {
                Ok(r) => waiting.push_back(r),
                Err(_) => return,
            }
        }
        while let Some(request) = waiting.pop_front() {
            let job = Job {
                lane,
                incoming,
                events,
                progress: shared.progress,
                kept: shared.kept,
                execute,
            };
            if !job.run(&mut ws, &request, &mut waiting) {
                return;
            }
        }
    }
}

/// One lane's view of the runner while it runs a request.
struct Job<'a, R> {
    lane: Lane,
    incoming: &'a Receiver<R>,
    events: &'a Sender<LoopEvent>,
    progress: &'a Mutex<Progress>,
    kept: &'a Kept,
    execute: Execute<R>,
}

/// What the lanes share besides their queues: who runs what, and the kept review pass.
#[derive(Clone, Copy)]
struct Shared<'a> {
    progress: &'a Mutex<Progress>,
    kept: &'a Kept,
}

impl<R: Schedule> Job<'_, R> {
    /// Run `request` unless superseded and send its reply unless stale. False when the
    /// event loop is gone.
    fn run(&self, ws: &mut Workspace, request: &R, waiting: &mut VecDeque<R>) -> bool {
        let (kind, generation) = (request.kind(), request.generation());
        let mut gone = false;
        let mut emit = |m: Message| gone |= self.events.send(LoopEvent::Reply(m)).is_err();
        let mut reply = None;
        for _ in 0..ATTEMPTS {
            {
                let mut p = lock(self.progress);
                if p.superseded(kind, generation) {
                    return true;
                }
                p.running[self.lane.index()] = kind.map(|k| (k, generation));
            }
            let mut context = Context {
                kind,
                generation,
                progress: Some(self.progress),
                emit: &mut emit,
                waiting: Some((self.incoming, &mut *waiting)),
                kept: Some(self.kept),
            };
            reply = (self.execute)(ws, request, &mut context);
            let mut p = lock(self.progress);
            p.running[self.lane.index()] = None;
            if p.superseded(kind, generation) {
                return true;
            }
            if reply.is_some() || kind.is_none() {
                break;
            }
        }
        if let Some(message) = reply {
            emit(message);
        }
        !gone
    }
}

#[cfg(test)]
mod tests;
