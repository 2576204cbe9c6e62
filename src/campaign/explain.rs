//! Explanation: one contact's path through the seven assignment steps, each with the
//! value that decided it, every segment's rule condition by condition, and the message
//! it gets with the merge fields that used their fallback or are missing.
//!
//! The decision comes from the same pass as the preview ([`super::walk`]), walked up to
//! the contact, so the two never disagree; conditions are shown by the independent
//! evaluator `segment::eval`. Called by `tactful explain` and the TUI's preview screen.

mod detail;

use chrono::NaiveDate;
use serde::Serialize;

use super::Campaign;
use super::assign::{Exclusion, Outcome};
use super::audience;
use super::explain_minor::age_trace;
use super::prepare::{Prepared, PreviewError, prepare};
use super::suppressed::SuppressionHit;
use super::walk::walk;
use crate::fields::phone::LineType;
use crate::fields::value::Record;
use detail::{address_fault, detail};

pub use super::explain_minor::AgeTrace;
use crate::fields::{Channel, ConsentEvidence, ConsentState};
use crate::message::RenderedMessage;
use crate::segment::eval::{self, ConditionResult};
use crate::segment::store::{self, SegmentError};
use crate::workspace::consent::EvidenceLookup;
use crate::workspace::{Workspace, WorkspaceError, snapshot};

/// How one assignment step went for the contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    Passed,
    /// This step excluded the contact (or, for step 6, assigned its segment).
    Decided,
    /// An earlier step already decided.
    NotReached,
}

/// One of the seven steps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// 1 to 7, in PRODUCT.md's order.
    pub step: u8,
    /// The exclusion this step can give (`suppressed`, ..., `holdout`).
    pub check: Exclusion,
    pub status: StepStatus,
    /// What was looked at and what it showed, for people.
    pub detail: String,
}

/// How one entry's segment relates to the contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The first matching segment: the contact's segment.
    Won,
    /// Matched, but an earlier entry's segment matched too and has priority.
    LostToPriority,
    /// Matched, but the contact was excluded before segments were decided.
    Matched,
    NotMatched,
}

/// One entry's segment applied to the contact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SegmentTrace {
    /// 1-based priority.
    pub entry: usize,
    pub segment: String,
    pub rule: String,
    pub matched: bool,
    pub verdict: Verdict,
    pub conditions: Vec<ConditionResult>,
}

/// Why a contact gets what it gets in a campaign.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub campaign: String,
    pub key: String,
    pub as_of: NaiveDate,
    /// The segment whose message the contact gets (or would get, if held out).
    pub segment: Option<String>,
    /// `None` for a recipient.
    pub excluded: Option<Exclusion>,
    pub steps: Vec<Step>,
    /// The minor check (step 3), field by field.
    pub minor_check: AgeTrace,
    pub segments: Vec<SegmentTrace>,
    /// The message rendered for the contact, when it is a recipient.
    pub message: Option<RenderedMessage>,
}

/// What the walk saw at the contact.
struct Seen {
    key: String,
    record: Record,
    suppressed: Option<SuppressionHit>,
    consent: ConsentState,
    consent_stored: String,
    consent_source: Option<String>,
    consent_from: Option<String>,
    consent_evidence: Option<ConsentEvidence>,
    /// The known minor whose address the contact holds ([`super::walk::Decided`]).
    minor_from: Option<String>,
    /// The channel of the address `minor_from` came by.
    minor_by: Option<Channel>,
    /// The position in `Prepared::columns` of the address field read.
    address_field: Option<usize>,
    address_stored: Option<String>,
    address: Option<String>,
    /// SMS: the stored E.164 form, whatever the line type.
    address_e164: Option<String>,
    address_line: Option<LineType>,
    /// Why the stored address is no address for the channel, as a clause after the
    /// value (see [`address_fault`]).
    address_fault: Option<String>,
    matches: Vec<bool>,
    outcome: Outcome,
    /// The earlier contact that already holds the address, for duplicates.
    earlier: Option<String>,
}

/// Explain `key`'s assignment in `campaign` as of `as_of`.
///
/// Errors: [`PreviewError::NoContact`], and [`prepare`]'s errors.
pub fn explain(
    ws: &Workspace,
    campaign: &Campaign,
    as_of: NaiveDate,
    key: &str,
) -> Result<Explanation, PreviewError> {
    let _snapshot = snapshot::begin(ws.conn())?;
    let prepared = prepare(ws.conn(), campaign, as_of, ws.today())?;
    let Some(key) = audience::find_key(ws.conn(), key)? else {
        return Err(PreviewError::NoContact(key.trim().to_string()));
    };
    let mut seen: Option<Seen> = None;
    walk(ws, &prepared, |d| {
        if d.key != key {
            return Ok(true);
        }
        seen = Some(Seen {
            key: d.key.clone(),
            record: d.record.clone(),
            suppressed: d.suppressed.clone(),
            consent: d.consent,
            consent_stored: d.consent_stored.to_string(),
            consent_source: d.consent_source.as_deref().map(str::to_string),
            consent_from: d.consent_from.clone(),
            consent_evidence: None,
            minor_from: d.minor_from.clone(),
            minor_by: d.minor_by,
            address_field: d.address_field,
            address_stored: d.address_stored.clone(),
            address: d.address.clone(),
            address_e164: d.address_e164.clone(),
            address_line: d.address_line,
            address_fault: None,
            matches: d.matches.to_vec(),
            outcome: d.outcome,
            earlier: None,
        });
        Ok(false)
    })?;
    let mut seen = seen.ok_or_else(|| PreviewError::NoContact(key.clone()))?;
    // Looked up for this one contact, so the preview's walk never reads evidence; a
    // refusal shared by the address shows the refusing contact's evidence.
    let evidence_of = seen.consent_from.as_deref().unwrap_or(&seen.key);
    seen.consent_evidence = EvidenceLookup::new(ws.conn(), campaign.channel)?
        .get(evidence_of)?
        .and_then(|(_, evidence)| ConsentEvidence::from_json(evidence.as_deref()));
    if seen.outcome == Outcome::Excluded(Exclusion::DuplicateAddress) {
        // A second pass names the earlier contact without holding every address.
        // Compared in the inbox form, as the duplicate check does (`assign`).
        let inbox =
            |a: &str| crate::fields::address::inbox_form(a).unwrap_or_else(|| a.to_string());
        let target = seen.address.as_deref().map(inbox);
        walk(ws, &prepared, |d| {
            let assigned = matches!(
                d.outcome,
                Outcome::Recipient { .. } | Outcome::Excluded(Exclusion::Holdout)
            );
            if assigned && target.is_some() && d.address.as_deref().map(inbox) == target {
                seen.earlier = Some(d.key.clone());
                return Ok(false);
            }
            Ok(d.key != key)
        })?;
    }
    build(ws, &prepared, seen)
}

fn build(ws: &Workspace, p: &Prepared, mut seen: Seen) -> Result<Explanation, PreviewError> {
    let full = store::load_record(ws.conn(), &p.fields, &seen.key)
        .map_err(|e| match e {
            SegmentError::Workspace(w) => PreviewError::Workspace(w),
            other => PreviewError::Workspace(WorkspaceError::Invalid(other.to_string())),
        })?
        .unwrap_or_default();
    seen.address_fault = address_fault(ws, p, &seen, &full)?;
    let decided_at = match seen.outcome {
        Outcome::Recipient { .. } => 6,
        Outcome::Excluded(e) => Exclusion::ALL.iter().position(|x| *x == e).unwrap_or(0) + 1,
    };
    let first = seen.matches.iter().position(|&m| m);
    let reached_segments = decided_at >= 6;
    let steps = Exclusion::ALL
        .iter()
        .enumerate()
        .map(|(i, &check)| {
            let n = i + 1;
            let status = if n < decided_at {
                StepStatus::Passed
            } else if n == decided_at {
                StepStatus::Decided
            } else {
                StepStatus::NotReached
            };
            let status = match (check, seen.outcome) {
                // Step 6 decides the segment of a recipient; step 7 then lets it pass.
                (Exclusion::Holdout, Outcome::Recipient { .. }) => StepStatus::Passed,
                _ => status,
            };
            Step {
                step: n as u8,
                check,
                status,
                detail: detail(p, &seen, check, first),
            }
        })
        .collect();
    let segments = p
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let matched = seen.matches.get(i).copied().unwrap_or(false);
            let verdict = match (matched, reached_segments, first) {
                (false, _, _) => Verdict::NotMatched,
                (true, false, _) => Verdict::Matched,
                (true, true, Some(f)) if f == i => Verdict::Won,
                (true, true, _) => Verdict::LostToPriority,
            };
            SegmentTrace {
                entry: i + 1,
                segment: e.segment.clone(),
                rule: e.rule.clone(),
                matched,
                verdict,
                conditions: eval::explain(&e.checked, &full).conditions,
            }
        })
        .collect();
    let message = match seen.outcome {
        Outcome::Recipient { entry } => {
            let e = &p.entries[entry];
            Some(
                e.message
                    .render(&seen.record)
                    .map_err(|error| PreviewError::Render {
                        key: seen.key.clone(),
                        segment: e.segment.clone(),
                        error,
                    })?,
            )
        }
        Outcome::Excluded(_) => None,
    };
    Ok(Explanation {
        campaign: p.campaign.name.clone(),
        key: seen.key.clone(),
        as_of: p.as_of,
        segment: match seen.outcome {
            Outcome::Recipient { entry } => Some(p.entries[entry].segment.clone()),
            Outcome::Excluded(Exclusion::Holdout) => first.map(|f| p.entries[f].segment.clone()),
            Outcome::Excluded(_) => None,
        },
        excluded: match seen.outcome {
            Outcome::Excluded(e) => Some(e),
            Outcome::Recipient { .. } => None,
        },
        steps,
        minor_check: age_trace(p, &seen.record, seen.minor_from.as_deref()),
        segments,
        message,
    })
}
