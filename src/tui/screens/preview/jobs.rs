//! The Preview screen's jobs, run by the job runner's preview lane (`tui::jobs`): the
//! preview stored in that lane's connection's TEMP table (`workspace::preview_rows`),
//! its pages and counts, and one contact's explanation.
//!
//! The preview lane must be the one connection that writes and reads the TEMP table.
//! While a preview runs it answers the page and count requests waiting on the lane
//! between batches of contacts, so the first rows show while the rest are computed
//! (explanations wait for it), and it stops within one batch once a newer preview is
//! asked for; a stopped run sends no reply.

use std::io;

use chrono::NaiveDate;

use super::PreviewPage;
use crate::campaign::Campaign;
use crate::campaign::explain::explain;
use crate::campaign::preview::{self, PreviewRow};
use crate::review::Kept;
use crate::tui::jobs::Context;
use crate::tui::message::{Message, PageAnchor, Request};
use crate::workspace::preview_rows::{self, PreviewFilter, PreviewLine, RowBound};
use crate::workspace::{Workspace, WorkspaceError};

/// Contacts stored between two looks at the lane's queue (progress, pages, a newer run).
pub const BATCH: u64 = 2048;

/// Run [`Request::RunPreview`] on the lane: progress every [`BATCH`] contacts, with the
/// waiting page and count requests answered then. `None` for a run stopped by a newer
/// one, and for any other request.
pub fn run(
    ws: &Workspace,
    request: &Request,
    context: &mut Context<'_, Request>,
) -> Option<Message> {
    let Request::RunPreview {
        generation,
        campaign,
        as_of,
    } = request
    else {
        return None;
    };
    let kept = context.kept();
    let mut between = |rows: u64| {
        let between = |r: &Request| {
            matches!(
                r,
                Request::LoadPreviewPage { .. } | Request::CountPreview { .. }
            )
        };
        for waiting in context.take_waiting(between) {
            if let Some(m) = read(ws, &waiting) {
                context.reply(&waiting, m);
            }
        }
        context.emit(Message::PreviewProgressed {
            generation: *generation,
            rows,
        });
        !context.superseded()
    };
    run_preview(ws, *generation, campaign, *as_of, kept, &mut between)
}

/// Answer a request of the Preview screen at once (`None` for any other request). A
/// preview run here sends no progress and is never stopped.
pub fn read(ws: &Workspace, request: &Request) -> Option<Message> {
    let text = |e: WorkspaceError| e.to_string();
    Some(match request {
        Request::RunPreview {
            generation,
            campaign,
            as_of,
        } => return run_preview(ws, *generation, campaign, *as_of, None, &mut |_| true),
        Request::LoadPreviewPage {
            generation,
            filter,
            anchor,
            before,
            after,
        } => Message::PreviewPageLoaded {
            generation: *generation,
            result: load_window(ws, filter, *anchor, *before, *after).map_err(text),
        },
        Request::CountPreview { generation, filter } => Message::PreviewCounted {
            generation: *generation,
            result: preview_rows::count(ws.conn(), filter).map_err(text),
        },
        Request::Explain {
            generation,
            campaign,
            as_of,
            key,
        } => Message::Explained {
            generation: *generation,
            result: explain(ws, campaign, *as_of, key)
                .map(Box::new)
                .map_err(|e| e.to_string()),
        },
        _ => return None,
    })
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
/// gives `None`. With `kept`, the same walk makes the review's pass and keeps it, so
/// Review and Export need not walk again (`review::Kept`). ([`run`] on the lane; the
/// TUI bench calls it directly.)
pub fn run_preview(
    ws: &Workspace,
    generation: u64,
    campaign: &Campaign,
    as_of: NaiveDate,
    kept: Option<&Kept>,
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
    // Shown to people: a merge field that printed nothing is marked `[FIELD missing]`,
    // as the CLI preview does (review and export keep the plain rendering).
    let mut sink = |row: &PreviewRow| {
        preview_rows::insert(ws.conn(), &line(row)).map_err(io::Error::other)?;
        rows += 1;
        if rows.is_multiple_of(BATCH) && !between(rows) {
            stopped = true;
            return Err(io::Error::other("a newer preview replaced this one"));
        }
        Ok(())
    };
    let result = match kept {
        Some(kept) => kept.preview_marked(ws, campaign, as_of, &mut sink),
        None => preview::run_marked(ws, campaign, as_of, &mut sink),
    };
    if stopped {
        return None;
    }
    Some(Message::PreviewFinished {
        generation,
        result: result.map(Box::new).map_err(|e| e.to_string()),
    })
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
