//! The worker's campaign side: reading campaigns and sample contacts, the preview into a
//! temporary table, coverage, explanations, and saving a campaign.
//!
//! Two threads of their own, each on its own workspace connection:
//! - the preview thread stores a preview in its connection's TEMP table
//!   (`workspace::preview_rows`) and answers the pages and counts of that table, so it
//!   must be the one connection that writes and reads it. While a preview runs it
//!   answers page and count requests between batches of contacts, so the first rows
//!   show while the rest are computed; explanations wait for it.
//! - the coverage thread previews the edited campaign without storing rows, for the
//!   Messages screen's coverage counts.
//!
//! A newer preview or coverage request stops the running one within one batch (the
//! newest generation is published in an atomic before the request is queued); a stopped
//! run sends no reply. Quick reads (campaigns, sample contacts) run on the worker's
//! quick thread through [`answer`], which the tests also call directly.

use std::collections::VecDeque;
use std::io;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use chrono::NaiveDate;

use super::LoopEvent;
use super::message::{Message, PageAnchor, Request, SampleStep};
use super::screens::messages::Sample;
use super::screens::preview::PreviewPage;
use crate::campaign::Campaign;
use crate::campaign::explain::explain;
use crate::campaign::preview::{self, PreviewRow};
use crate::campaign::recipients;
use crate::campaign::store as campaigns;
use crate::fields::Field;
use crate::segment::store::load_record;
use crate::workspace::preview_rows::{self, PreviewFilter, PreviewLine, RowBound};
use crate::workspace::{Workspace, WorkspaceError, actor};

/// Contacts stored between two looks at the queue (progress, pages, a newer run).
pub const BATCH: u64 = 2048;

/// The UI's handle on the preview and coverage threads.
pub struct CampaignThreads {
    preview: Sender<Request>,
    coverage: Sender<Request>,
    latest_run: Arc<AtomicU64>,
    latest_coverage: Arc<AtomicU64>,
}

impl CampaignThreads {
    /// Start both threads on connections of their own to `path`.
    ///
    /// Errors: opening the connections.
    pub fn spawn(path: &Path, events: Sender<LoopEvent>) -> Result<Self, WorkspaceError> {
        let preview_ws = Workspace::open(path)?;
        let coverage_ws = Workspace::open(path)?;
        let latest_run = Arc::new(AtomicU64::new(0));
        let latest_coverage = Arc::new(AtomicU64::new(0));
        let (preview, preview_rx) = mpsc::channel();
        let (coverage, coverage_rx) = mpsc::channel();
        let (run, cov) = (Arc::clone(&latest_run), Arc::clone(&latest_coverage));
        let events2 = events.clone();
        thread::spawn(move || serve_preview(&preview_ws, &preview_rx, &events, &run));
        thread::spawn(move || serve_coverage(&coverage_ws, &coverage_rx, &events2, &cov));
        Ok(CampaignThreads {
            preview,
            coverage,
            latest_run,
            latest_coverage,
        })
    }

    /// Queue a preview, page, count, explanation or coverage request.
    pub fn send(&self, request: Request) {
        // A send fails only when the thread has ended, i.e. the app is shutting down.
        let _ = match request {
            Request::Coverage { generation, .. } => {
                self.latest_coverage.store(generation, Ordering::SeqCst);
                self.coverage.send(request)
            }
            Request::RunPreview { generation, .. } => {
                self.latest_run.store(generation, Ordering::SeqCst);
                self.preview.send(request)
            }
            other => self.preview.send(other),
        };
    }
}

/// Of the queued requests, only the last of each kind, in arrival order.
fn newest_of_each_kind(queued: impl IntoIterator<Item = Request>) -> Vec<Request> {
    let mut keep: Vec<Request> = Vec::new();
    for r in queued {
        keep.retain(|k| std::mem::discriminant(k) != std::mem::discriminant(&r));
        keep.push(r);
    }
    keep
}

fn serve_preview(
    ws: &Workspace,
    requests: &Receiver<Request>,
    events: &Sender<LoopEvent>,
    latest: &AtomicU64,
) {
    let send = |m: Message| events.send(LoopEvent::Reply(m)).is_ok();
    let mut later: VecDeque<Request> = VecDeque::new();
    loop {
        if later.is_empty() {
            match requests.recv() {
                Ok(r) => later.push_back(r),
                Err(_) => return,
            }
        }
        later.extend(requests.try_iter());
        for request in newest_of_each_kind(later.drain(..).collect::<Vec<_>>()) {
            let reply = match &request {
                Request::RunPreview {
                    generation,
                    campaign,
                    as_of,
                } => {
                    let mut between = |rows: u64| {
                        for r in requests.try_iter() {
                            match r {
                                Request::LoadPreviewPage { .. } | Request::CountPreview { .. } => {
                                    if let Some(m) = answer(ws, &r) {
                                        send(m);
                                    }
                                }
                                other => later.push_back(other),
                            }
                        }
                        send(Message::PreviewProgressed {
                            generation: *generation,
                            rows,
                        });
                        latest.load(Ordering::SeqCst) == *generation
                    };
                    run_preview(ws, *generation, campaign, *as_of, &mut between)
                }
                other => answer(ws, other),
            };
            if let Some(m) = reply
                && !send(m)
            {
                return;
            }
        }
    }
}

fn serve_coverage(
    ws: &Workspace,
    requests: &Receiver<Request>,
    events: &Sender<LoopEvent>,
    latest: &AtomicU64,
) {
    while let Ok(first) = requests.recv() {
        let queued = std::iter::once(first).chain(requests.try_iter());
        for request in newest_of_each_kind(queued.collect::<Vec<_>>()) {
            let Request::Coverage {
                generation,
                campaign,
                as_of,
            } = &request
            else {
                continue;
            };
            let current = || latest.load(Ordering::SeqCst) == *generation;
            if let Some(m) = coverage(ws, *generation, campaign, *as_of, &current)
                && events.send(LoopEvent::Reply(m)).is_err()
            {
                return;
            }
        }
    }
}

/// The stored form of one preview row: the first line of the body only.
fn line(row: &PreviewRow) -> PreviewLine {
    PreviewLine {
        rowid: 0,
        key: row.key.clone(),
        address: row.address.clone(),
        segment: row.segment.clone(),
        reason: row.excluded.map(|e| e.code().to_string()),
        subject: row.subject.clone(),
        first_line: row
            .body
            .as_deref()
            .map(|b| b.lines().next().unwrap_or_default().to_string()),
    }
}

/// Preview `campaign` into this connection's preview table. `between` is called every
/// [`BATCH`] contacts with the count so far and returns false to stop; a stopped run
/// gives `None`.
pub fn run_preview(
    ws: &Workspace,
    generation: u64,
    campaign: &Campaign,
    as_of: NaiveDate,
    between: &mut dyn FnMut(u64) -> bool,
) -> Option<Message> {
    if let Err(e) = preview_rows::reset(ws.conn()) {
        return Some(Message::PreviewFinished {
            generation,
            result: Err(e.to_string()),
        });
    }
    let mut rows = 0u64;
    let mut stopped = false;
    let result = preview::run(ws, campaign, as_of, &mut |row| {
        preview_rows::insert(ws.conn(), &line(row)).map_err(io::Error::other)?;
        rows += 1;
        if rows.is_multiple_of(BATCH) && !between(rows) {
            stopped = true;
            return Err(io::Error::other("a newer preview replaced this one"));
        }
        Ok(())
    });
    if stopped {
        return None;
    }
    Some(Message::PreviewFinished {
        generation,
        result: result.map(Box::new).map_err(|e| e.to_string()),
    })
}

/// Preview `campaign` without storing rows, for its summary (coverage, SMS lengths);
/// `None` when `current` turned false (a newer request came).
pub fn coverage(
    ws: &Workspace,
    generation: u64,
    campaign: &Campaign,
    as_of: NaiveDate,
    current: &dyn Fn() -> bool,
) -> Option<Message> {
    let mut stopped = false;
    let result = preview::run(ws, campaign, as_of, &mut |_| {
        if current() {
            Ok(())
        } else {
            stopped = true;
            Err(io::Error::other(
                "a newer coverage request replaced this one",
            ))
        }
    });
    (!stopped).then(|| Message::CoverageFinished {
        generation,
        result: result.map(Box::new).map_err(|e| e.to_string()),
    })
}

/// Save `campaign` through the core's use case (every entry's rule and message checked
/// at `as_of`, audited): the Messages screen's Ctrl+S and its entry changes.
pub fn save(ws: &mut Workspace, generation: u64, campaign: &Campaign, as_of: NaiveDate) -> Message {
    let result = crate::campaign::edit::save(ws, campaign, as_of, &actor());
    Message::CampaignSaved {
        generation,
        result: result
            .map(|()| Box::new(campaign.clone()))
            .map_err(|e| e.to_string()),
    }
}

/// Create `campaign` through the core's use case (the name checked inside the write).
pub fn create(ws: &mut Workspace, generation: u64, campaign: &Campaign) -> Message {
    let result = crate::campaign::edit::create(ws, campaign, &actor());
    Message::CampaignSaved {
        generation,
        result: result
            .map(|()| Box::new(campaign.clone()))
            .map_err(|e| e.to_string()),
    }
}

fn load_sample(
    ws: &Workspace,
    fields: &[Field],
    wanted: (&Campaign, usize, NaiveDate),
    step: SampleStep,
) -> Result<Option<Sample>, String> {
    let (campaign, entry, as_of) = wanted;
    let Some(found) =
        recipients::step(ws, campaign, as_of, entry, step).map_err(|e| e.to_string())?
    else {
        return Ok(None);
    };
    let record = load_record(ws.conn(), fields, &found.key)
        .map_err(|e| e.to_string())?
        .unwrap_or_default();
    Ok(Some(Sample {
        id: found.id,
        key: found.key,
        record,
    }))
}

fn load_window(
    ws: &Workspace,
    filter: &PreviewFilter,
    anchor: PageAnchor,
    before: usize,
    after: usize,
) -> Result<PreviewPage, WorkspaceError> {
    let conn = ws.conn();
    let whole = before + after;
    let (rows, at_start, at_end) = match anchor {
        PageAnchor::First => {
            let rows = preview_rows::page(conn, filter, RowBound::First, whole)?;
            let end = rows.len() < whole;
            (rows, true, end)
        }
        PageAnchor::Last => {
            let rows = preview_rows::page(conn, filter, RowBound::Last, whole)?;
            let start = rows.len() < whole;
            (rows, start, true)
        }
        PageAnchor::Around { top_id, .. } => {
            let mut rows = preview_rows::page(conn, filter, RowBound::Before(top_id), before)?;
            let start = rows.len() < before;
            let tail = preview_rows::page(conn, filter, RowBound::From(top_id), after)?;
            let end = tail.len() < after;
            rows.extend(tail);
            (rows, start, end)
        }
    };
    Ok(PreviewPage {
        anchor,
        rows,
        at_start,
        at_end,
    })
}

/// Answer one of the campaign screens' reading requests against `ws` (`None` for
/// requests that are not theirs). A preview run here sends no progress.
pub fn answer(ws: &Workspace, request: &Request) -> Option<Message> {
    let text = |e: WorkspaceError| e.to_string();
    let generation = request.generation();
    Some(match request {
        Request::LoadCampaigns { .. } => Message::CampaignsLoaded {
            generation,
            result: campaigns::names(ws.conn()).map_err(text),
        },
        Request::LoadCampaign { name, .. } => Message::CampaignLoaded {
            generation,
            result: match campaigns::load(ws.conn(), name) {
                Ok(Some(c)) => Ok(Box::new(c)),
                Ok(None) => Err(format!("no campaign `{name}` (it may have been removed)")),
                Err(e) => Err(e.to_string()),
            },
        },
        Request::LoadSample {
            fields,
            campaign,
            entry,
            as_of,
            step,
            ..
        } => Message::SampleLoaded {
            generation,
            result: load_sample(ws, fields, (campaign, *entry, *as_of), *step),
        },
        Request::Coverage {
            campaign, as_of, ..
        } => return coverage(ws, generation, campaign, *as_of, &|| true),
        Request::RunPreview {
            campaign, as_of, ..
        } => return run_preview(ws, generation, campaign, *as_of, &mut |_| true),
        Request::LoadPreviewPage {
            filter,
            anchor,
            before,
            after,
            ..
        } => Message::PreviewPageLoaded {
            generation,
            result: load_window(ws, filter, *anchor, *before, *after).map_err(text),
        },
        Request::CountPreview { filter, .. } => Message::PreviewCounted {
            generation,
            result: preview_rows::count(ws.conn(), filter).map_err(text),
        },
        Request::Explain {
            campaign,
            as_of,
            key,
            ..
        } => Message::Explained {
            generation,
            result: explain(ws, campaign, *as_of, key)
                .map(Box::new)
                .map_err(|e| e.to_string()),
        },
        _ => return None,
    })
}
