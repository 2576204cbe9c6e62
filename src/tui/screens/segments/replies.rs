//! The replies to the Segments screen's jobs, applied to the Segments screen: the list, reaches,
//! live reach, saves, deletes and the overlap matrix. A reply whose generation is not the
//! one its state waits for is dropped (the newest request wins).
//!
//! Split from [`super::update`] to keep files small; called only from there.

use super::update::{Update, reload, saved, show_rule_problem};
use crate::tui::message::Request;
use crate::tui::screens::segments::message::SegmentsMsg;

/// Apply a reply; return the work it leads to (a reload after a save or delete).
pub fn apply(app: &mut Update<'_>, reply: SegmentsMsg) -> Vec<Request> {
    let s = &mut app.segments;
    match reply {
        SegmentsMsg::ListLoaded { generation, result } => {
            if s.pending_list != Some(generation) {
                return Vec::new();
            }
            s.pending_list = None;
            match result {
                Ok(segments) => {
                    s.reaches
                        .retain(|name, _| segments.iter().any(|seg| &seg.name == name));
                    s.scopes
                        .retain(|name, _| segments.iter().any(|seg| &seg.name == name));
                    s.segments = segments;
                    s.loaded = true;
                    s.table.selected = s.table.selected.min(s.segments.len().saturating_sub(1));
                    s.table.top = s.table.top.min(s.table.selected);
                }
                Err(e) => s.notice = Some((e, true)),
            }
        }
        SegmentsMsg::ReachesCounted { generation, result } => {
            if s.pending_reaches != Some(generation) {
                return Vec::new();
            }
            s.pending_reaches = None;
            match result {
                Ok(counted) => {
                    s.audience = Some(counted.audience);
                    s.reaches = counted.reaches.into_iter().collect();
                    s.scopes = counted.scopes.into_iter().collect();
                    s.scope_dates = counted.dates.into_iter().collect();
                }
                Err(e) => s.notice = Some((e, true)),
            }
        }
        SegmentsMsg::ReachCounted { generation, result } => {
            if let Some(e) = s.editor.as_mut()
                && e.pending_reach == Some(generation)
            {
                e.pending_reach = None;
                e.reach = Some(result);
            }
        }
        SegmentsMsg::Saved { generation, result } => {
            let Some(e) = s.editor.as_mut() else {
                return Vec::new();
            };
            if e.pending_save != Some(generation) {
                return Vec::new();
            }
            e.pending_save = None;
            match result {
                Ok(segment) => {
                    s.notice = Some((
                        format!(
                            "Saved segment `{}`.",
                            crate::text::for_terminal(&segment.name)
                        ),
                        false,
                    ));
                    saved(app);
                    return reload(app);
                }
                Err(problem) => show_rule_problem(e, problem),
            }
        }
        SegmentsMsg::Deleted {
            generation,
            name,
            result,
        } => {
            if s.pending_delete != Some(generation) {
                return Vec::new();
            }
            s.pending_delete = None;
            match result {
                Ok(()) => {
                    s.notice = Some((
                        format!("Deleted segment `{}`.", crate::text::for_terminal(&name)),
                        false,
                    ));
                    return reload(app);
                }
                Err(e) => s.notice = Some((e, true)),
            }
        }
        SegmentsMsg::OverlapCounted { generation, result } => {
            if s.overlap.pending != Some(generation) {
                return Vec::new();
            }
            s.overlap.pending = None;
            match result {
                Ok(o) => s.overlap.set(o),
                Err(e) => s.overlap.error = Some(e),
            }
        }
        // Intents never come here: `super::update::update` handles them.
        _ => {}
    }
    Vec::new()
}
