//! Explanation: one contact's path through the seven assignment steps, each with the
//! value that decided it, every segment's rule condition by condition, and the message
//! it gets with the merge fields that used their fallback or are missing.
//!
//! The decision comes from the same pass as the preview ([`super::walk`]), walked up to
//! the contact, so the two never disagree; conditions are shown by the independent
//! evaluator `segment::eval`. Called by `tactful explain` and the TUI's preview screen.

use chrono::NaiveDate;
use serde::Serialize;

use super::Campaign;
use super::assign::{Exclusion, Outcome, holdout_bucket};
use super::audience;
use super::explain_minor::{age_trace, minor_detail};
use super::prepare::{Prepared, PreviewError, prepare};
use super::suppressed::SuppressionHit;
use super::walk::walk;
use crate::fields::address::Unsendable;
use crate::fields::phone::{self, LineType, Region};
use crate::fields::value::{Record, Value};

pub use super::explain_minor::AgeTrace;
use crate::fields::{Channel, ConsentEvidence, ConsentState};
use crate::message::RenderedMessage;
use crate::segment::eval::{self, ConditionResult};
use crate::segment::store::{self, SegmentError};
use crate::workspace::consent::EvidenceLookup;
use crate::workspace::{Workspace, WorkspaceError, phones};

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
    address_stored: Option<String>,
    address: Option<String>,
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
            address_stored: d.address_stored.clone(),
            address: d.address.clone(),
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
        let target = seen.address.clone();
        walk(ws, &prepared, |d| {
            let assigned = matches!(
                d.outcome,
                Outcome::Recipient { .. } | Outcome::Excluded(Exclusion::Holdout)
            );
            if assigned && d.address.is_some() && d.address == target {
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
        minor_check: age_trace(p, &seen.record),
        segments,
        message,
    })
}

/// Why the contact's stored address is no address for the campaign's channel, read
/// as import and assignment read it: an e-mail value's fault ([`Unsendable`]: wrapped,
/// full-width, ...), or why a phone value is no number (`fields::phone::parse`, in the
/// contact's country, else the workspace's region). `None` for a blank or usable
/// address, and for a phone that reads as a number (its line type says the rest).
fn address_fault(
    ws: &Workspace,
    p: &Prepared,
    seen: &Seen,
    full: &Record,
) -> Result<Option<String>, PreviewError> {
    let Some(raw) = seen.address_stored.as_deref() else {
        return Ok(None);
    };
    if seen.address.is_some() {
        return Ok(None);
    }
    Ok(match p.campaign.channel {
        Channel::Email => Unsendable::of(raw).map(|u| u.describe()),
        Channel::Sms => {
            let country = phone::country_column(p.fields.iter().map(|f| f.name.as_str()))
                .and_then(|i| full.get(&p.fields[i].name))
                .and_then(|v| Region::from_country(&v.display()));
            let region = match country {
                Some(r) => Some(r),
                None => phones::region(ws.conn())?,
            };
            phone::parse(raw, region)
                .err()
                .map(|e| format!("is not a phone number: {e}"))
        }
    })
}

/// The stored consent state in words (`not_asked` reads `not asked`); text that is no
/// consent state is quoted and read as not asked, as assignment reads it.
fn consent_words(stored: &str) -> String {
    match stored.parse::<ConsentState>() {
        Ok(state) => state.as_str().replace('_', " "),
        Err(_) if stored.trim().is_empty() => "not asked".to_string(),
        Err(_) => format!("not asked (stored as `{stored}`)"),
    }
}

fn channel_word(c: Channel) -> &'static str {
    match c {
        Channel::Email => "e-mail",
        Channel::Sms => "SMS",
    }
}

fn detail(p: &Prepared, seen: &Seen, check: Exclusion, first: Option<usize>) -> String {
    let channel = channel_word(p.campaign.channel);
    match check {
        Exclusion::Suppressed => match &seen.suppressed {
            None => "not on the suppression list (contact key, e-mail address and phone checked)"
                .to_string(),
            Some(hit) => match &hit.value {
                Some(v) => format!(
                    "{} `{v}` is on the suppression list (reason: {})",
                    hit.kind, hit.reason
                ),
                None => format!(
                    "the contact's {} matches an entry of the suppression list kept only as a hash (reason: {})",
                    hit.kind, hit.reason
                ),
            },
        },
        Exclusion::NoConsent => {
            let source = seen
                .consent_source
                .as_deref()
                .map(|s| format!(" (source: {s})"))
                .unwrap_or_default();
            let words = consent_words(&seen.consent_stored);
            // The evidence is added where the file gave a time or an IP: the source
            // already says everything else that an option or a bare column stated.
            let source = match &seen.consent_evidence {
                Some(e) if e.at.is_some() || e.ip.is_some() => {
                    format!("{source}; evidence: {e}")
                }
                _ => source,
            };
            if seen.consent == ConsentState::Granted {
                format!("{channel} consent: {words}{source}")
            } else {
                format!(
                    "{channel} consent: {words}{source}; only granted consent receives messages"
                )
            }
        }
        Exclusion::Minor => minor_detail(p, &seen.record),
        Exclusion::NoAddress => {
            let field = p.slots.address.and_then(|i| p.columns.get(i));
            match (field, &seen.address_stored, &seen.address) {
                (None, _, _) => format!(
                    "the workspace has no {} field (set one with `tactful fields set FIELD --role {}`)",
                    if p.campaign.channel == Channel::Email {
                        "e-mail"
                    } else {
                        "phone"
                    },
                    if p.campaign.channel == Channel::Email {
                        "email"
                    } else {
                        "phone"
                    },
                ),
                (Some(f), None, _) => format!("field `{}` is blank", f.name),
                (Some(f), Some(raw), None) => match (stored_e164(p, seen), seen.address_line) {
                    (Some(e164), Some(LineType::FixedLine)) => format!(
                        "`{raw}` in field `{}` is {e164}, a fixed line (numbering plan): it cannot take an SMS",
                        f.name
                    ),
                    _ => match &seen.address_fault {
                        Some(why) => format!("`{raw}` in field `{}` {why}", f.name),
                        None => format!(
                            "`{raw}` in field `{}` is not a valid {} address",
                            f.name, channel
                        ),
                    },
                },
                (Some(f), Some(raw), Some(a)) if p.campaign.channel == Channel::Sms => format!(
                    "SMS address {a} (E.164, line type {}) from `{raw}` in field `{}`",
                    seen.address_line.unwrap_or(LineType::Unknown),
                    f.name
                ),
                (Some(f), Some(raw), Some(_)) => {
                    format!("{channel} address `{raw}` from field `{}`", f.name)
                }
            }
        }
        Exclusion::DuplicateAddress => match (&seen.address, &seen.earlier) {
            (Some(a), Some(k)) => {
                format!("address `{a}` already went to contact `{k}`, earlier in workspace order")
            }
            (Some(a), None) => format!("no earlier contact was assigned address `{a}`"),
            (None, _) => "no address to compare".to_string(),
        },
        Exclusion::NoSegment => {
            let names = |skip: usize| -> Vec<String> {
                seen.matches
                    .iter()
                    .enumerate()
                    .filter(|(i, m)| **m && *i != skip)
                    .map(|(i, _)| format!("`{}` (entry {})", p.entries[i].segment, i + 1))
                    .collect()
            };
            match first {
                None => format!("matches none of the {} segments", p.entries.len()),
                Some(f) => {
                    let mut s = format!(
                        "matches `{}` (entry {}), the first matching segment in priority order",
                        p.entries[f].segment,
                        f + 1
                    );
                    let others = names(f);
                    if !others.is_empty() {
                        s.push_str(&format!(
                            "; also matches {}, which lost to priority",
                            others.join(", ")
                        ));
                    }
                    s
                }
            }
        }
        Exclusion::Holdout => {
            let threshold = (p.campaign.holdout_pct * 100.0).round() as u64;
            if threshold == 0 {
                "the campaign holds nobody out".to_string()
            } else {
                format!(
                    "holdout bucket {} of 10000 (a hash of the contact key and campaign name); buckets below {threshold} ({}%) are held out",
                    holdout_bucket(p.campaign.holdout_seed(), &seen.key),
                    p.campaign.holdout_pct
                )
            }
        }
    }
}

/// The stored E.164 form of the SMS address field, parsed or not (a fixed line's too).
fn stored_e164(p: &Prepared, seen: &Seen) -> Option<String> {
    let f = p.columns.get(p.slots.address_e164?)?;
    match seen.record.get(&f.name)? {
        Value::Text(t) if !t.is_empty() => Some(t.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::consent_words;

    #[test]
    fn consent_reads_as_words() {
        assert_eq!(consent_words("not_asked"), "not asked");
        assert_eq!(consent_words("granted"), "granted");
        assert_eq!(consent_words(""), "not asked");
        assert_eq!(consent_words("maybe"), "not asked (stored as `maybe`)");
    }
}
