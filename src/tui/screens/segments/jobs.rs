//! The segments worker: a thread with its own workspace connection that checks and
//! counts rules (live reach while typing, the list's reaches, the overlap matrix) and
//! saves and deletes segments, replying with `Message::Segments` on the event loop's
//! channel.
//!
//! Reads of one kind supersede each other: a newer reach job interrupts the reach query
//! running now (`sqlite3_interrupt` through rusqlite's `InterruptHandle`) and queued
//! older ones are skipped, so typing never waits on a count. An interrupted job sends no
//! reply, unless nothing newer of its kind was asked for, in which case it runs again.
//! Saves and deletes always run, in the order sent. Rules are checked outside any
//! campaign (category none, nothing unlocked), as `tactful segment add` does, so
//! special category and protected fields stay blocked here; or, when the editor works
//! in a campaign's scope, with that campaign's category and unlocks, as `tactful
//! segment add --campaign` does (issue 11: an unlock on Review must be usable).

use std::collections::{BTreeSet, HashMap};
use std::mem::{Discriminant, discriminant};
use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

use chrono::NaiveDate;
use rusqlite::{ErrorCode, InterruptHandle};

use super::message::{ListReaches, Overlap, Reach, RuleProblem, SegmentJob, SegmentsMsg};
use crate::campaign::Campaign;
use crate::fields::Field;
use crate::fields::held::HeldValues;
use crate::segment::store::{self, SegmentError};
use crate::segment::{RuleError, Scope, parse};
use crate::tui::LoopEvent;
use crate::tui::message::Message;
use crate::workspace::{Workspace, WorkspaceError, fields};

type Kind = Discriminant<SegmentJob>;

/// Which read runs now and the newest generation asked for of each kind.
#[derive(Debug, Default)]
struct Progress {
    running: Option<(Kind, u64)>,
    newest: HashMap<Kind, u64>,
}

/// The UI's handle on the segments thread. Dropping it ends the thread once its
/// current job is done.
pub struct SegmentsWorker {
    jobs: Sender<SegmentJob>,
    interrupt: InterruptHandle,
    progress: Arc<Mutex<Progress>>,
}

impl SegmentsWorker {
    /// Start the thread on a connection of its own to `path`; replies go to `events`.
    ///
    /// Errors: opening the connection (busy, damaged file).
    pub fn spawn(path: &Path, events: Sender<LoopEvent>) -> Result<SegmentsWorker, WorkspaceError> {
        let mut ws = Workspace::open(path)?;
        let interrupt = ws.conn().get_interrupt_handle();
        let progress = Arc::new(Mutex::new(Progress::default()));
        let (jobs, rx) = mpsc::channel();
        let shared = Arc::clone(&progress);
        thread::spawn(move || serve(&mut ws, &rx, &events, &shared));
        Ok(SegmentsWorker {
            jobs,
            interrupt,
            progress,
        })
    }

    /// Queue `job`. A read interrupts an older read of the same kind still running.
    pub fn send(&self, job: SegmentJob) {
        if !job.writes() {
            let kind = discriminant(&job);
            let mut p = self.progress.lock().unwrap_or_else(PoisonError::into_inner);
            p.newest.insert(kind, job.generation());
            if matches!(p.running, Some((k, g)) if k == kind && g < job.generation()) {
                self.interrupt.interrupt();
            }
        }
        // A send fails only when the thread has ended, i.e. the app is shutting down.
        let _ = self.jobs.send(job);
    }
}

fn serve(
    ws: &mut Workspace,
    jobs: &Receiver<SegmentJob>,
    events: &Sender<LoopEvent>,
    progress: &Mutex<Progress>,
) {
    let lock = || progress.lock().unwrap_or_else(PoisonError::into_inner);
    while let Ok(first) = jobs.recv() {
        let queued: Vec<SegmentJob> = std::iter::once(first).chain(jobs.try_iter()).collect();
        for job in queued {
            let kind = discriminant(&job);
            let mut reply = None;
            // An interrupted read runs again only while it is still the newest of its kind.
            for _ in 0..3 {
                let newest = !job.writes()
                    && lock()
                        .newest
                        .get(&kind)
                        .is_some_and(|&g| g > job.generation());
                if newest {
                    break;
                }
                lock().running = (!job.writes()).then_some((kind, job.generation()));
                reply = answer(ws, &job);
                lock().running = None;
                if reply.is_some() {
                    break;
                }
            }
            if let Some(message) = reply
                && events.send(LoopEvent::Reply(message)).is_err()
            {
                return;
            }
        }
    }
}

/// Run one job against `ws` and build its reply; `None` for an interrupted read. Runs
/// on the segments thread; tests call it directly to drive `update` without threads.
pub fn answer(ws: &mut Workspace, job: &SegmentJob) -> Option<Message> {
    let reply = match job {
        SegmentJob::Save {
            generation,
            original,
            name,
            rule,
            description,
            as_of,
            campaign,
        } => SegmentsMsg::Saved {
            generation: *generation,
            result: save(
                ws,
                original.as_deref(),
                name,
                (rule, description),
                *as_of,
                campaign.as_deref(),
            ),
        },
        SegmentJob::Delete { generation, name } => SegmentsMsg::Deleted {
            generation: *generation,
            name: name.clone(),
            result: store::remove(ws, name, &crate::workspace::actor()).map_err(|e| e.to_string()),
        },
        SegmentJob::Rename {
            generation,
            old,
            new,
        } => SegmentsMsg::Renamed {
            generation: *generation,
            result: store::rename(ws, old, new, &crate::workspace::actor())
                .map(|campaigns| (new.trim().to_string(), campaigns))
                .map_err(|e| e.to_string()),
        },
        read => return self::read(ws, read),
    };
    Some(Message::Segments(reply))
}

/// Answer a read-only job (list, reaches, overlap) on `ws`; `None` for an interrupted
/// read, and for saves and deletes, which need [`answer`]'s writable workspace.
pub fn read(ws: &Workspace, job: &SegmentJob) -> Option<Message> {
    let (fields, held) = match fields::list(ws.conn())
        .and_then(|f| HeldValues::load(ws.conn(), &f).map(|h| (f, h)))
    {
        Ok((f, h)) => (Ok(f), h),
        Err(e) => (Err(e), HeldValues::none()),
    };
    let none = BTreeSet::new();
    let scope = |fields, as_of| outside_campaign(fields, &held, &none, as_of);
    let reply = match job {
        SegmentJob::List { generation } => SegmentsMsg::ListLoaded {
            generation: *generation,
            result: store::list(ws.conn()).map_err(|e| e.to_string()),
        },
        SegmentJob::Reach {
            generation,
            rule,
            as_of,
            campaign,
        } => {
            let within = match campaign.as_deref().map(|c| in_campaign(ws, c)).transpose() {
                Ok(c) => c,
                Err(e) => {
                    return Some(Message::Segments(SegmentsMsg::ReachCounted {
                        generation: *generation,
                        result: Err(RuleProblem::Other(e)),
                    }));
                }
            };
            let unlocked = within.as_ref().map(|c| c.unlocked()).unwrap_or_default();
            let result = match fields {
                Err(e) => Err(RuleProblem::Other(e.to_string())),
                Ok(fields) => match store::compile_rule(
                    rule,
                    &rule_scope(&fields, &held, within.as_ref(), &unlocked, *as_of),
                ) {
                    Err(error) => Err(problem(rule, error, &fields)),
                    Ok(compiled) => match (
                        interruptible(store::reach(ws.conn(), &compiled))?,
                        interruptible(store::audience(ws.conn()))?,
                    ) {
                        (Ok(reach), Ok(audience)) => Ok(Reach { reach, audience }),
                        (Err(e), _) | (_, Err(e)) => Err(RuleProblem::Other(e.to_string())),
                    },
                },
            };
            SegmentsMsg::ReachCounted {
                generation: *generation,
                result,
            }
        }
        SegmentJob::Values {
            generation,
            field,
            campaign,
        } => SegmentsMsg::ValuesLoaded {
            generation: *generation,
            field: field.clone(),
            result: interruptible(values(ws, field, campaign.as_deref()))?,
        },
        SegmentJob::CountReaches { generation, as_of } => SegmentsMsg::ReachesCounted {
            generation: *generation,
            result: match fields {
                Err(e) => Err(e.to_string()),
                Ok(fields) => interruptible(reaches(ws, &scope(&fields, *as_of)))?,
            },
        },
        SegmentJob::Overlap { generation, as_of } => SegmentsMsg::OverlapCounted {
            generation: *generation,
            result: match fields {
                Err(e) => Err(e.to_string()),
                Ok(fields) => interruptible(overlap(ws, &scope(&fields, *as_of)))?,
            },
        },
        SegmentJob::Save { .. } | SegmentJob::Delete { .. } | SegmentJob::Rename { .. } => {
            return None;
        }
    };
    Some(Message::Segments(reply))
}

/// The scope for rules outside a campaign (as `tactful segment add` checks them): no
/// category, nothing unlocked; relative dates count from `as_of`, or today; `held`, the
/// sensitive values the fields hold.
fn outside_campaign<'a>(
    fields: &'a [Field],
    held: &'a HeldValues,
    none: &'a BTreeSet<String>,
    as_of: Option<NaiveDate>,
) -> Scope<'a> {
    Scope {
        fields,
        category: None,
        unlocked: none,
        as_of: as_of.unwrap_or_else(|| chrono::Local::now().date_naive()),
        held,
    }
}

/// Campaign `name` as stored, for checking rules in its scope.
///
/// Errors: unknown campaign, workspace errors, as sentences.
fn in_campaign(ws: &Workspace, name: &str) -> Result<Campaign, String> {
    crate::campaign::unlock::load(ws, name).map_err(|e| e.to_string())
}

/// The scope a rule is checked in: `campaign`'s (its category and unlocks; relative
/// dates from the given as-of, else its own, else today), or outside any campaign.
fn rule_scope<'a>(
    fields: &'a [Field],
    held: &'a HeldValues,
    campaign: Option<&Campaign>,
    unlocked: &'a BTreeSet<String>,
    as_of: Option<NaiveDate>,
) -> Scope<'a> {
    match campaign {
        Some(c) => {
            let today = chrono::Local::now().date_naive();
            let as_of = crate::campaign::edit::effective_as_of(c, as_of, today);
            crate::campaign::prepare::rule_scope(fields, held, c, unlocked, as_of)
        }
        None => outside_campaign(fields, held, unlocked, as_of),
    }
}

/// `None` when `result` is an interrupted query (a newer job replaces it), otherwise
/// the result with errors as sentences.
fn interruptible<T>(result: Result<T, SegmentError>) -> Option<Result<T, String>> {
    match result {
        Err(SegmentError::Workspace(WorkspaceError::Sqlite(e)))
            if e.sqlite_error_code() == Some(ErrorCode::OperationInterrupted) =>
        {
            None
        }
        other => Some(other.map_err(|e| e.to_string())),
    }
}

/// A rule error as the editor shows it, noting whether the policy refused a field: the
/// error points at the name of a field whose class is blocked by default (the checker
/// tests the policy before anything else about a condition it found the field of).
fn problem(rule: &str, error: RuleError, fields: &[Field]) -> RuleProblem {
    let blocked = parse::parse(rule).is_ok_and(|parsed| {
        parsed.conditions().iter().any(|c| {
            c.field_span.line == error.line
                && c.field_span.column == error.column
                && fields.iter().any(|f| {
                    f.name.eq_ignore_ascii_case(&c.field) && f.class.is_blocked_by_default()
                })
        })
    });
    RuleProblem::Rule { error, blocked }
}

fn save(
    ws: &mut Workspace,
    original: Option<&str>,
    name: &str,
    (rule, description): (&str, &str),
    as_of: Option<NaiveDate>,
    campaign: Option<&str>,
) -> Result<crate::segment::store::Segment, RuleProblem> {
    let fields = fields::list(ws.conn()).map_err(|e| RuleProblem::Other(e.to_string()))?;
    let held =
        HeldValues::load(ws.conn(), &fields).map_err(|e| RuleProblem::Other(e.to_string()))?;
    let within = campaign
        .map(|c| in_campaign(ws, c))
        .transpose()
        .map_err(RuleProblem::Other)?;
    let unlocked = within.as_ref().map(|c| c.unlocked()).unwrap_or_default();
    let scope = rule_scope(&fields, &held, within.as_ref(), &unlocked, as_of);
    let saved = match original {
        None => store::add(ws, name, rule, description, &scope),
        Some(original) => store::edit(ws, original, rule, &scope)
            .and_then(|s| store::describe(ws, &s.name, description)),
    };
    saved.map_err(|e| match e {
        SegmentError::Rule(error) => problem(rule, error, &fields),
        other => RuleProblem::Other(other.to_string()),
    })
}

/// How many suggestions a value input gets.
pub const SUGGESTIONS: usize = 50;

fn values(
    ws: &Workspace,
    field: &str,
    campaign: Option<&str>,
) -> Result<Vec<crate::segment::values::ValueCount>, SegmentError> {
    let all = fields::list(ws.conn())?;
    let Some(field) = all.iter().find(|f| f.name == field) else {
        return Ok(Vec::new());
    };
    let unlocked = match campaign {
        Some(c) => in_campaign(ws, c)
            .map_err(|e| SegmentError::Workspace(WorkspaceError::Invalid(e)))?
            .unlocked(),
        None => BTreeSet::new(),
    };
    crate::segment::values::top_values(ws.conn(), field, &unlocked, SUGGESTIONS)
}

fn reaches(ws: &Workspace, scope: &Scope<'_>) -> Result<ListReaches, SegmentError> {
    let audience = store::audience(ws.conn())?;
    let mut reaches = Vec::new();
    for s in store::list(ws.conn())? {
        let reach = match store::compile_rule(&s.rule, scope) {
            Ok(compiled) => Ok(store::reach(ws.conn(), &compiled)?),
            Err(e) => Err(e.to_string()),
        };
        reaches.push((s.name, reach));
    }
    Ok(ListReaches { audience, reaches })
}

fn overlap(ws: &Workspace, scope: &Scope<'_>) -> Result<Overlap, SegmentError> {
    let mut names = Vec::new();
    let mut compiled = Vec::new();
    let mut left_out = Vec::new();
    for s in store::list(ws.conn())? {
        match store::compile_rule(&s.rule, scope) {
            Ok(_) if compiled.len() == store::MAX_OVERLAP => left_out.push((
                s.name,
                format!(
                    "one matrix compares at most {} segments",
                    store::MAX_OVERLAP
                ),
            )),
            Ok(c) => {
                names.push(s.name);
                compiled.push(c);
            }
            Err(e) => left_out.push((s.name, e.to_string())),
        }
    }
    let matrix = store::overlap(ws.conn(), &compiled)?;
    Ok(Overlap {
        names,
        matrix,
        left_out,
    })
}
