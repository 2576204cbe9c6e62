//! How the Export screen changes: the part of `update` for [`ExportMsg`], and typing
//! into its text rows.
//!
//! Called only from `tui::update` (typing too, through [`intercept`]), so
//! `update` stays the one mutator. An export is asked for only after a "yes", and a
//! second "yes" is needed before existing files are replaced (`force`).

use super::ExportQuestion;
use super::jobs::ExportJob;
use super::message::{ExportFailure, ExportMsg, ExportRequest, ExportRow};
use crate::review::Review;
use crate::tui::context::Context;
use crate::tui::message::{Message, Request};
use crate::tui::widgets::text_input::TextInput;

/// What one Export update works on: the screen's own state, the shared context, and
/// what it reads of the Review screen (the export follows the campaign reviewed),
/// passed in by `tui::update`.
pub struct Update<'a> {
    pub export: &'a mut super::ExportState,
    pub ctx: &'a mut Context,
    /// The campaign the review is of (`None`: no campaign yet).
    pub campaign: Option<&'a str>,
    /// That campaign's review, once one arrived.
    pub review: Option<&'a Review>,
    /// True while a review of it is running.
    pub reviewing: bool,
}

/// Typing into the export form's text row. `None` leaves other messages to `update`.
pub fn intercept(app: &mut Update<'_>, message: &Message) -> Option<Vec<Request>> {
    let Message::Edit(edit) = message else {
        return None;
    };
    let s = &mut app.export;
    if s.editing {
        if s.focus == ExportRow::Directory {
            s.out_edited = true;
        }
        if let Some(input) = s.focused_input() {
            input.apply(edit);
        }
    }
    Some(Vec::new())
}

/// The default output directory for `campaign`: `./export-<campaign>`, always one
/// directory inside the working directory (issue 10, item 11): every character that is
/// not a letter, digit, `-`, `_` or `.` becomes `_`, so a name from an older workspace
/// holding `../` or `/` cannot lead elsewhere, and the `export-` prefix keeps it from
/// being `.` or `..`.
pub fn default_dir(campaign: &str) -> String {
    let safe: String = campaign
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("./export-{safe}")
}

/// The campaign shown changed (or its review arrived): a directory the user did not
/// type follows the campaign.
pub fn campaign_changed(app: &mut Update<'_>) {
    if let Some(c) = app.campaign
        && !app.export.out_edited
    {
        app.export.out = TextInput::new(default_dir(c));
    }
}

/// Apply an Export message; return the work it asks of the worker.
pub fn update(app: &mut Update<'_>, message: ExportMsg) -> Vec<Request> {
    let s = &mut app.export;
    match message {
        ExportMsg::MoveFocus(delta) => {
            let rows = ExportRow::ALL;
            let at = rows.iter().position(|r| *r == s.focus).unwrap_or(0);
            let next = at
                .saturating_add_signed(isize::from(delta))
                .min(rows.len() - 1);
            s.focus = rows[next];
        }
        ExportMsg::Toggle => toggle(app),
        ExportMsg::Activate if s.focus.is_text() => s.editing = true,
        ExportMsg::Activate | ExportMsg::AskExport => ask(app),
        ExportMsg::StopEditing => s.editing = false,
        ExportMsg::Confirm => return confirm(app),
        ExportMsg::Cancel => s.question = None,
        ExportMsg::Exported { generation, result } => {
            if s.pending != Some(generation) {
                return Vec::new();
            }
            s.pending = None;
            match result {
                Err(ExportFailure::Exists(path)) => {
                    s.question = Some(ExportQuestion::Overwrite(path));
                    s.outcome = None;
                }
                other => s.outcome = Some(other.map(|e| *e)),
            }
        }
    }
    Vec::new()
}

fn toggle(app: &mut Update<'_>) {
    let s = &mut app.export;
    match s.focus {
        ExportRow::Profile => {
            let all = crate::export::profile::ALL;
            let at = all.iter().position(|p| *p == s.profile).unwrap_or(0);
            s.profile = all[(at + 1) % all.len()];
        }
        ExportRow::Bom => s.bom = !s.bom,
        _ => {}
    }
}

/// The answer to `x` while the review runs; [`review_ended`] takes it away.
const REVIEW_RUNNING: &str = "the review is still running; ask again when it is done";

/// A review arrived: drop the "still running" answer, which no longer holds (any other
/// outcome, such as a finished export, stays).
pub fn review_ended(s: &mut super::ExportState) {
    if matches!(&s.outcome, Some(Err(ExportFailure::Other(t))) if t == REVIEW_RUNNING) {
        s.outcome = None;
    }
}

/// Open the "export?" question, or refuse at once while the review has blockers.
fn ask(app: &mut Update<'_>) {
    let s = &mut *app.export;
    if s.pending.is_some() {
        return;
    }
    let failure = |text: &str| Some(Err(ExportFailure::Other(text.to_string())));
    match app.review {
        _ if app.campaign.is_none() => s.outcome = failure("there is no campaign to export"),
        _ if app.reviewing => s.outcome = failure(REVIEW_RUNNING),
        None => s.outcome = failure("the campaign has no review yet; press r to review it"),
        Some(rv) if rv.blockers > 0 => {
            s.outcome = Some(Err(ExportFailure::Blocked(
                rv.open_blockers().cloned().collect(),
            )));
        }
        Some(_) if s.out.is_blank() => s.outcome = failure("type an output directory first"),
        Some(_) => {
            s.outcome = None;
            s.question = Some(ExportQuestion::Export);
        }
    }
}

fn confirm(app: &mut Update<'_>) -> Vec<Request> {
    let Some(question) = app.export.question.take() else {
        return Vec::new();
    };
    let Some(campaign) = app.campaign.map(str::to_string) else {
        return Vec::new();
    };
    let s = &*app.export;
    let request = ExportRequest {
        campaign,
        out: s.out.value().trim().to_string(),
        profile: s.profile,
        bom: s.bom,
        force: matches!(question, ExportQuestion::Overwrite(_)),
        as_of: app.ctx.as_of,
        extra: s.extra(),
    };
    let generation = app.ctx.next_generation();
    app.export.pending = Some(generation);
    app.export.outcome = None;
    vec![Request::Export(ExportJob {
        generation,
        request,
    })]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Component, Path};

    #[test]
    fn default_directories_stay_inside_the_working_directory() {
        // Issue 10, item 11: `/` becomes `_`, so `..` cannot climb.
        assert_eq!(default_dir("../../etc"), "./export-.._.._etc");
        assert_eq!(default_dir("spring"), "./export-spring");
        assert_eq!(default_dir("a\\b\u{1b}c d"), "./export-a_b_c_d");
        for name in ["../../etc", "/tmp/x", "..", "a/../../b"] {
            let dir = default_dir(name);
            let parts: Vec<Component<'_>> = Path::new(&dir).components().collect();
            assert_eq!(parts.len(), 2, "{dir}");
            assert_eq!(parts[0], Component::CurDir);
            assert!(matches!(parts[1], Component::Normal(_)), "{dir}");
        }
    }
}
