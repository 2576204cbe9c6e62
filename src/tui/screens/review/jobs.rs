//! The Review screen's jobs, run by the job runner (`tui::jobs`): privacy reviews
//! (each one a full preview of the campaign) on the review lane, and unlocks and
//! sign-offs on the writer. Dates count from the global `--as-of` carried by the job
//! when given, else the campaign's own as-of date, else today, as the CLI does
//! (`campaign::edit::effective_as_of`).

use chrono::NaiveDate;

use super::message::{ReviewMsg, Reviewed};
use crate::campaign::Campaign;
use crate::campaign::edit::effective_as_of;
use crate::campaign::store as campaigns;
use crate::campaign::unlock::{self, load};
use crate::export;
use crate::review::{self, Kept};
use crate::tui::message::Message;
use crate::workspace::{Workspace, actor, fields};

/// Work for the job runner, sent by the Review screen (and by `tui::update` when the
/// Export screen shows). A newer `Run` supersedes an older one (the running one is
/// interrupted); the others are changes, run by the writer in the order sent.
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
}

impl ReviewJob {
    /// The generation this job was made in.
    pub fn generation(&self) -> u64 {
        match self {
            ReviewJob::Run { generation, .. }
            | ReviewJob::Unlock { generation, .. }
            | ReviewJob::SignOff { generation, .. } => *generation,
        }
    }

    /// True for everything but `Run`: changes are never dropped for a newer job.
    pub fn writes(&self) -> bool {
        !matches!(self, ReviewJob::Run { .. })
    }
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The global `--as-of` when given (it wins, as in the CLI), else the campaign's own
/// date, else today.
fn as_of(campaign: &Campaign, given: Option<NaiveDate>) -> NaiveDate {
    effective_as_of(campaign, given, today())
}

/// Run one job against `ws` and build its reply. Runs on the job runner's writer
/// (a review on its review lane, through [`read`]). Reviews use `kept`'s pass while
/// it still holds (`review::Kept`), and keep the one they walk.
pub fn answer(ws: &mut Workspace, job: &ReviewJob, kept: Option<&Kept>) -> Option<Message> {
    let text = |e: &dyn std::fmt::Display| e.to_string();
    let reply = match job {
        ReviewJob::Run { .. } => return read(ws, job, kept),
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
            result: sign_off(ws, kept, campaign, (name, note), *as_of, export).map(Box::new),
        },
    };
    Some(Message::Review(reply))
}

/// Answer a review (read-only), using `kept`'s pass while it holds; `None` for the
/// writing jobs, which need [`answer`].
pub fn read(ws: &Workspace, job: &ReviewJob, kept: Option<&Kept>) -> Option<Message> {
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
        result: reviewed(ws, kept, campaign.as_deref(), *as_of).map(Box::new),
    }))
}

/// `review::run_for` through `kept` when there is one.
fn review_with(
    ws: &Workspace,
    kept: Option<&Kept>,
    campaign: &Campaign,
    as_of: NaiveDate,
    export: Option<&review::ExportScope>,
) -> Result<review::Review, review::ReviewError> {
    match kept {
        Some(k) => k.review(ws, campaign, as_of, export),
        None => review::run_for(ws, campaign, as_of, export),
    }
}

fn reviewed(
    ws: &Workspace,
    kept: Option<&Kept>,
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
    let review =
        review_with(ws, kept, &campaign, as_of(&campaign, given), None).map_err(|e| text(&e))?;
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
    kept: Option<&Kept>,
    campaign: &str,
    (name, note): (&str, &str),
    given: Option<NaiveDate>,
    export: &review::ExportScope,
) -> Result<crate::workspace::exports::SignOff, String> {
    let text = |e: &dyn std::fmt::Display| e.to_string();
    let campaign = load(ws, campaign).map_err(|e| text(&e))?;
    let as_of = as_of(&campaign, given);
    let review = review_with(ws, kept, &campaign, as_of, Some(export)).map_err(|e| text(&e))?;
    review::sign_off(ws, &review, name, note, &actor()).map_err(|e| text(&e))
}
