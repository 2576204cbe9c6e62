//! How the Review screen changes: the part of `update` for [`ReviewMsg`], and the
//! Review screen's share of the messages every screen gets (scrolling the findings,
//! typing into a dialog); entering it reviews the campaign ([`run`]).
//!
//! Called only from `tui::update`, so `update` stays the one mutator. Every review
//! request gets a fresh generation and replies older than the one waited for are
//! dropped, so the newest request wins.

use std::collections::BTreeSet;

use super::dialogs::{SignOffDialog, SignOffFocus, UnlockChoice, UnlockDialog};
use super::jobs::ReviewJob;
use super::message::{ReviewMsg, Reviewed};
use super::{ReviewMode, ReviewState, visible_lines};
use crate::campaign::unlock::never_unlockable;
use crate::fields::Field;
use crate::fields::policy::Category;
use crate::review::ExportScope;
use crate::tui::context::Context;
use crate::tui::message::{Message, Request};

/// What one Review update works on: the screen's own state, the shared context, and
/// what it reads from elsewhere, passed in by `tui::update`.
pub struct Update<'a> {
    pub review: &'a mut ReviewState,
    pub ctx: &'a mut Context,
    /// The workspace's fields (the unlock dialog offers the blocked ones).
    pub fields: &'a [Field],
    /// The current campaign's name, the one to review.
    pub campaign: Option<&'a str>,
    /// The current campaign's category: in a special ad category the unlock dialog
    /// marks the fields no unlock can open. `None` when not known.
    pub category: Option<Category>,
    /// The export the Export screen is set up for, which a sign-off approves.
    pub export: ExportScope,
    /// Set when the review moved to another campaign: `tui::update` drops the Export
    /// screen's outcome, which was the old campaign's.
    pub campaign_switched: bool,
}

/// Ask for a review of the current campaign (the shared one, [`Update::campaign`]; the
/// first one when there is none yet). When that is another campaign than the one
/// shown, the old review, selection and outcomes go at once, so nothing of the old
/// campaign can be signed off or exported while the new review runs.
pub fn run(app: &mut Update<'_>) -> Vec<Request> {
    let campaign = app.campaign.map(str::to_string);
    if campaign.is_some() && campaign != app.review.campaign {
        let s = &mut app.review;
        s.campaign = campaign.clone();
        s.review = None;
        s.selected = 0;
        s.scroll = 0;
        s.expanded = BTreeSet::new();
        s.notice = None;
        s.unlock = None;
        s.sign_off = None;
        app.campaign_switched = true;
    }
    let generation = app.ctx.next_generation();
    app.review.pending = Some(generation);
    vec![Request::Review(ReviewJob::Run {
        generation,
        campaign,
        as_of: app.ctx.as_of,
    })]
}

/// Handle `message` here when it concerns the Review screen: scrolling the findings
/// and typing into a dialog. Entering the screen is the
/// campaign screens' business (`update::campaign`), which loads the shared campaign
/// first and then calls [`run`]. `None` leaves the message to the rest of `update`.
/// `tui::update` calls it only while the Review screen shows and no popup is open.
pub fn intercept(app: &mut Update<'_>, message: &Message) -> Option<Vec<Request>> {
    if matches!(
        message,
        Message::SwitchScreen(_) | Message::NextScreen | Message::PreviousScreen
    ) {
        return None;
    }
    review_intercept(app, message)
}

fn review_intercept(app: &mut Update<'_>, message: &Message) -> Option<Vec<Request>> {
    let lines = visible_lines(app.review, app.ctx.size) as isize;
    match message {
        Message::Edit(edit) => {
            let s = &mut app.review;
            if let Some(d) = s.unlock.as_mut().filter(|d| d.typing()) {
                d.reason.apply(edit);
                d.error = None;
            } else if let Some(d) = s.sign_off.as_mut() {
                d.focused().apply(edit);
                d.error = None;
            }
        }
        Message::ScrollDown => move_by(app, 1),
        Message::ScrollUp => move_by(app, -1),
        Message::PageDown => move_by(app, lines),
        Message::PageUp => move_by(app, -lines),
        Message::ScrollToTop => move_by(app, isize::MIN / 2),
        Message::ScrollToBottom => move_by(app, isize::MAX / 2),
        _ => return None,
    }
    Some(Vec::new())
}

/// Move down (or up) by `delta` lines' worth: a step scrolls through the selected
/// finding's lines while some are out of view, then selects the next finding.
fn move_by(app: &mut Update<'_>, delta: isize) {
    if app.review.mode() != ReviewMode::List {
        if let Some(d) = app.review.unlock.as_mut() {
            move_choice(d, delta.clamp(-1, 1));
        }
        return;
    }
    let size = app.ctx.size;
    let width = crate::tui::layout::areas(size).map_or(size.width, |a| a.body.width);
    let view = visible_lines(app.review, size);
    let s = &mut app.review;
    let n = s.order().len();
    if n == 0 {
        return;
    }
    let lines = s.lines(width);
    let step = delta.signum();
    for _ in 0..delta.unsigned_abs().min(n.max(lines.len())) {
        let (start, end) = ReviewState::span_of(&lines, s.selected);
        if step > 0 && end > s.scroll + view {
            s.scroll += 1;
        } else if step < 0 && start < s.scroll {
            s.scroll -= 1;
        } else {
            let next = s.selected as isize + step;
            if next < 0 || next >= n as isize {
                break;
            }
            s.selected = next as usize;
            keep_visible(s, &lines, view);
        }
    }
    if s.selected == 0 {
        s.scroll = 0;
    }
}

/// Scroll so the selected finding's first line shows, and as much of it as fits.
fn keep_visible(
    s: &mut ReviewState,
    lines: &[(ratatui::text::Line<'static>, Option<usize>)],
    view: usize,
) {
    let (start, end) = ReviewState::span_of(lines, s.selected);
    if start < s.scroll {
        s.scroll = start;
    } else if end > s.scroll + view {
        s.scroll = start.min(end.saturating_sub(view));
    }
}

fn move_choice(d: &mut UnlockDialog, delta: isize) {
    if !d.reason_step && !d.fields.is_empty() {
        d.choice = d
            .choice
            .saturating_add_signed(delta)
            .min(d.fields.len() - 1);
        d.error = None;
    }
}

/// Apply a Review message; return the work it asks of the worker.
pub fn update(app: &mut Update<'_>, message: ReviewMsg) -> Vec<Request> {
    match message {
        ReviewMsg::Rerun => run(app),
        ReviewMsg::ToggleItems => {
            let s = &mut app.review;
            if let Some(code) = s.selected_finding().map(|f| f.code)
                && !s.expanded.remove(code)
            {
                s.expanded.insert(code);
            }
            Vec::new()
        }
        ReviewMsg::OpenUnlock => {
            open_unlock(app);
            Vec::new()
        }
        ReviewMsg::OpenSignOff => {
            open_sign_off(app);
            Vec::new()
        }
        ReviewMsg::MoveChoice(delta) => {
            if let Some(d) = app.review.unlock.as_mut() {
                move_choice(d, isize::from(delta));
            }
            Vec::new()
        }
        ReviewMsg::NextInput => {
            if let Some(d) = app.review.sign_off.as_mut() {
                d.focus = match d.focus {
                    SignOffFocus::Name => SignOffFocus::Note,
                    SignOffFocus::Note => SignOffFocus::Name,
                };
            }
            Vec::new()
        }
        ReviewMsg::Confirm => confirm(app),
        ReviewMsg::CloseDialog => {
            let s = &mut app.review;
            match s.unlock.as_mut() {
                Some(d) if d.reason_step && d.pending.is_none() => d.reason_step = false,
                Some(_) => s.unlock = None,
                None => s.sign_off = None,
            }
            Vec::new()
        }
        reply => super::replies::apply(app, reply),
    }
}

fn open_unlock(app: &mut Update<'_>) {
    let s = &mut app.review;
    if s.campaign.is_none() {
        s.notice = Some(("there is no campaign to unlock a field for".into(), true));
        return;
    }
    let fields: Vec<_> = app
        .fields
        .iter()
        .filter(|f| f.class.is_blocked_by_default() && !s.unlocked.contains(&f.name))
        .map(|f| UnlockChoice {
            name: f.name.clone(),
            class: f.class,
            refused: app
                .category
                .and_then(|category| never_unlockable(f, category)),
        })
        .collect();
    // Start on the field the selected finding names, e.g. a `blocked_field` item
    // "segment `older`: field `birth_date` is blocked ...".
    let named = s.selected_finding().and_then(|f| {
        fields.iter().position(|c| {
            let quoted = format!("field `{}`", c.name);
            f.items.iter().any(|i| i.contains(&quoted))
        })
    });
    s.unlock = Some(UnlockDialog {
        fields,
        choice: named.unwrap_or(0),
        ..UnlockDialog::default()
    });
}

fn open_sign_off(app: &mut Update<'_>) {
    let s = &mut app.review;
    match &s.review {
        _ if s.pending.is_some() => {
            s.notice = Some(("wait for the review to finish, then sign off".into(), true));
        }
        None => s.notice = Some(("there is no review to sign off".into(), true)),
        Some(r) if r.blockers > 0 => {
            s.notice = Some((
                format!(
                    "sign-off refused: {} open; resolve them first (u unlocks a field)",
                    crate::tui::view::count(r.blockers as u64, "blocker")
                ),
                true,
            ));
        }
        Some(_) => s.sign_off = Some(SignOffDialog::default()),
    }
}

fn confirm(app: &mut Update<'_>) -> Vec<Request> {
    let Some(campaign) = app.review.campaign.clone() else {
        return Vec::new();
    };
    if let Some(d) = app.review.unlock.as_mut() {
        if d.pending.is_some() {
            return Vec::new();
        }
        if !d.reason_step {
            // A field no unlock can open is refused now, with the rule, not after a
            // justification was typed.
            match d.field().map(|c| c.refused.clone()) {
                Some(Some(why)) => d.error = Some(why),
                Some(None) => d.reason_step = true,
                None => {}
            }
            return Vec::new();
        }
        // The core's own check (`campaign::unlock` runs it again), so the dialog says
        // exactly what the CLI would.
        let field = d.field().map(|c| c.name.clone()).unwrap_or_default();
        if let Err(e) =
            crate::written::check_justification_about("the justification", d.reason.value(), &field)
        {
            d.error = Some(format!("{e}: why is the field necessary?"));
            return Vec::new();
        }
        let reason = d.reason.value().to_string();
        let generation = app.ctx.next_generation();
        if let Some(d) = app.review.unlock.as_mut() {
            d.pending = Some(generation);
        }
        return vec![Request::Review(ReviewJob::Unlock {
            generation,
            campaign,
            field,
            reason,
        })];
    }
    let Some(d) = app.review.sign_off.as_mut() else {
        return Vec::new();
    };
    if d.pending.is_some() {
        return Vec::new();
    }
    if d.focus == SignOffFocus::Name {
        d.focus = SignOffFocus::Note;
        return Vec::new();
    }
    if let Err(e) = crate::review::signoff::check_sign_off_text(d.name.value(), d.note.value()) {
        d.error = Some(e.to_string());
        return Vec::new();
    }
    let (name, note) = (d.name.value().to_string(), d.note.value().to_string());
    // The sign-off approves the export the Export screen is set up for.
    let export = app.export.clone();
    let generation = app.ctx.next_generation();
    if let Some(d) = app.review.sign_off.as_mut() {
        d.pending = Some(generation);
    }
    vec![Request::Review(ReviewJob::SignOff {
        generation,
        campaign,
        name,
        note,
        as_of: app.ctx.as_of,
        export,
    })]
}

/// Take a review that arrived: keep the selection when the campaign is the same.
pub(super) fn reviewed(app: &mut Update<'_>, r: Reviewed) {
    let s = &mut app.review;
    if s.campaign != r.campaign {
        s.selected = 0;
        s.scroll = 0;
        s.expanded.clear();
    }
    s.loaded = true;
    s.campaign = r.campaign;
    s.review = r.review;
    s.columns = r.columns;
    s.unlocked = r.unlocked;
    let n = s.order().len();
    s.selected = s.selected.min(n.saturating_sub(1));
    let size = app.ctx.size;
    let width = crate::tui::layout::areas(size).map_or(size.width, |a| a.body.width);
    let lines = s.lines(width);
    s.scroll = s.scroll.min(lines.len().saturating_sub(1));
    let view = visible_lines(s, size);
    keep_visible(s, &lines, view);
}
