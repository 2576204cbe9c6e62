//! `update` for the Preview screen: starting a preview of the campaign as edited,
//! paging the stored rows, filters and search, the explanation popup, and the replies
//! for them.

use super::PreviewState;
use super::view::visible_rows;
use crate::campaign::Campaign;
use crate::tui::context::Context;
use crate::tui::message::CampaignMsg;
use crate::tui::message::{Message, PageAnchor, Request};
use crate::workspace::preview_rows::ReasonMatch;

/// What one Preview update works on: the screen's own state, the shared context, and
/// the campaign as edited on the Messages screen, passed in by `tui::update`.
pub struct Update<'a> {
    pub preview: &'a mut PreviewState,
    pub ctx: &'a mut Context,
    /// The campaign as edited now (`None`: no campaign yet).
    pub draft: Option<&'a Campaign>,
    /// Set when a contact's explanation arrived: `tui::update` opens its popup.
    pub explained: bool,
}

/// On showing the screen: preview the campaign unless the stored preview is of the
/// campaign exactly as it is edited now.
pub(crate) fn entered(app: &mut Update<'_>) -> Vec<Request> {
    let Some(draft) = app.draft.cloned() else {
        return Vec::new();
    };
    if app.preview.computed_for.as_ref() == Some(&draft) {
        return Vec::new();
    }
    let generation = app.ctx.next_generation();
    app.preview.start(draft.clone(), generation);
    vec![Request::RunPreview {
        generation,
        as_of: app.ctx.as_of_for(&draft),
        campaign: Box::new(draft),
    }]
}

fn request_page(app: &mut Update<'_>, anchor: PageAnchor) -> Vec<Request> {
    let view = visible_rows(app.ctx.size);
    let generation = app.ctx.next_generation();
    app.preview.pending_page = Some(generation);
    vec![Request::LoadPreviewPage {
        generation,
        filter: app.preview.filter(),
        anchor,
        before: view,
        after: 2 * view,
    }]
}

/// The filters changed: the first rows they keep, and their count.
fn reload(app: &mut Update<'_>) -> Vec<Request> {
    app.preview.matching = None;
    let mut requests = request_page(app, PageAnchor::First);
    let generation = app.ctx.next_generation();
    app.preview.pending_count = Some(generation);
    requests.push(Request::CountPreview {
        generation,
        filter: app.preview.filter(),
    });
    requests
}

fn scroll(app: &mut Update<'_>, delta: isize) -> Vec<Request> {
    let view = visible_rows(app.ctx.size);
    let p = &mut *app.preview;
    p.table.move_by(delta, p.rows.len(), view);
    match p.refill(view) {
        Some(anchor) => request_page(app, anchor),
        None => Vec::new(),
    }
}

fn jump(app: &mut Update<'_>, to_end: bool) -> Vec<Request> {
    let view = visible_rows(app.ctx.size);
    let p = &mut *app.preview;
    let n = p.rows.len();
    if (to_end && p.at_end) || (!to_end && p.at_start) {
        p.pending_page = None;
        p.table
            .move_by(if to_end { n as isize } else { -(n as isize) }, n, view);
        return Vec::new();
    }
    request_page(
        app,
        if to_end {
            PageAnchor::Last
        } else {
            PageAnchor::First
        },
    )
}

/// The Preview screen's own intents; `None` for the rest.
pub(crate) fn screen_message(app: &mut Update<'_>, message: &Message) -> Option<Vec<Request>> {
    let view = visible_rows(app.ctx.size) as isize;
    let p = &mut *app.preview;
    if p.searching {
        return match message {
            Message::Edit(edit) => {
                p.search.apply(edit);
                Some(reload(app))
            }
            Message::Submit | Message::Campaign(CampaignMsg::LeaveEditor) => {
                p.searching = false;
                Some(Vec::new())
            }
            _ => None,
        };
    }
    Some(match message {
        Message::ScrollDown => scroll(app, 1),
        Message::ScrollUp => scroll(app, -1),
        Message::PageDown => scroll(app, view),
        Message::PageUp => scroll(app, -view),
        Message::ScrollToTop => jump(app, false),
        Message::ScrollToBottom => jump(app, true),
        Message::ScrollLeft | Message::ScrollRight => {
            let delta = if *message == Message::ScrollLeft {
                -1
            } else {
                1
            };
            let n = p.scrollable_columns();
            p.table.scroll_columns(delta, n);
            Vec::new()
        }
        Message::SelectRow(line) => {
            let row = p.table.top + usize::from(*line);
            if row < p.rows.len() {
                p.table.selected = row;
            }
            match p.refill(view as usize) {
                Some(anchor) => request_page(app, anchor),
                None => Vec::new(),
            }
        }
        Message::Campaign(CampaignMsg::CycleSegmentFilter) => {
            p.segment_filter = p.next_segment_filter();
            reload(app)
        }
        Message::Campaign(CampaignMsg::CycleReasonFilter) => {
            p.reason_filter = p.next_reason_filter();
            reload(app)
        }
        Message::Campaign(CampaignMsg::StartSearch) => {
            p.searching = true;
            Vec::new()
        }
        Message::Campaign(CampaignMsg::ClearFilters) => {
            p.segment_filter = None;
            p.reason_filter = ReasonMatch::Any;
            p.search.set("");
            reload(app)
        }
        Message::Campaign(CampaignMsg::ExplainContact) => {
            let (Some(key), Some(c)) = (p.selected_key(), p.computed_for.clone()) else {
                return Some(Vec::new());
            };
            let key = key.to_string();
            let generation = app.ctx.next_generation();
            app.preview.pending_explain = Some(generation);
            vec![Request::Explain {
                generation,
                as_of: app.ctx.as_of_for(&c),
                campaign: Box::new(c),
                key,
            }]
        }
        _ => return None,
    })
}

/// Replies for the Preview screen.
pub(crate) fn reply(app: &mut Update<'_>, message: &Message) -> Vec<Request> {
    let view = visible_rows(app.ctx.size);
    let p = &mut *app.preview;
    match message {
        Message::PreviewProgressed { generation, rows } if p.pending_run == Some(*generation) => {
            p.progress = *rows;
            // Show the first rows while the rest are computed.
            if p.rows.len() < 3 * view && p.pending_page.is_none() {
                return request_page(app, PageAnchor::First);
            }
        }
        Message::PreviewFinished { generation, result } if p.pending_run == Some(*generation) => {
            p.pending_run = None;
            match result {
                Ok(summary) => {
                    p.progress = summary.audience;
                    p.summary = Some((**summary).clone());
                    return reload(app);
                }
                Err(e) => p.error = Some(e.clone()),
            }
        }
        Message::PreviewPageLoaded { generation, result }
            if p.pending_page == Some(*generation) =>
        {
            p.pending_page = None;
            match result {
                Ok(page) => p.apply_page(page.clone(), view),
                Err(e) => app.ctx.error = Some(e.clone()),
            }
        }
        Message::PreviewCounted { generation, result } if p.pending_count == Some(*generation) => {
            p.pending_count = None;
            match result {
                Ok(n) => p.matching = Some(*n),
                Err(e) => app.ctx.error = Some(e.clone()),
            }
        }
        Message::Explained { generation, result } if p.pending_explain == Some(*generation) => {
            p.pending_explain = None;
            match result {
                Ok(e) => {
                    p.explanation = Some((**e).clone());
                    p.explain_scroll = 0;
                    app.explained = true;
                }
                Err(e) => app.ctx.error = Some(e.clone()),
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Keys while the explanation is open: scroll it; the rest (Esc) goes on.
pub(crate) fn explanation_popup(p: &mut PreviewState, message: &Message) -> Option<Vec<Request>> {
    let delta: i32 = match message {
        Message::ScrollDown => 1,
        Message::ScrollUp => -1,
        Message::PageDown => 10,
        Message::PageUp => -10,
        Message::ScrollToTop => -10_000,
        _ => return None,
    };
    p.explain_scroll = (i32::from(p.explain_scroll) + delta).clamp(0, 2_000) as u16;
    Some(Vec::new())
}
