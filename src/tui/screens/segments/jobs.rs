//! The Segments screen's jobs, run by the job runner (`tui::jobs`): checking and
//! counting rules (live reach while typing, the list's reaches, the overlap matrix,
//! suggested values) on the segments lane, and saving, renaming and deleting segments
//! on the writer, each replying with `Message::Segments`.
//!
//! Reads of one kind supersede each other (the runner interrupts the query running), so
//! typing never waits on a count; an interrupted read gives no reply here, and the
//! runner runs it again if nothing newer of its kind was asked for. Rules are checked outside any
//! campaign (category none, nothing unlocked), as `tactful segment add` does, so
//! special category and protected fields stay blocked here; or, when the editor works
//! in a campaign's scope, with that campaign's category and unlocks, as `tactful
//! segment add --campaign` does (issue 11: an unlock on Review must be usable).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rusqlite::ErrorCode;

use super::message::{ListReaches, Overlap, Reach, RuleProblem, SegmentJob, SegmentsMsg};
use crate::campaign::Campaign;
use crate::fields::Field;
use crate::fields::held::HeldValues;
use crate::segment::store::{self, SegmentError};
use crate::segment::{RuleError, Scope, parse};
use crate::tui::message::Message;
use crate::workspace::{Workspace, WorkspaceError, fields};

/// Run one job against `ws` and build its reply; `None` for an interrupted read. Reads
/// run on the segments lane, changes on the writer.
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
                Ok(fields) => interruptible(reaches(ws, &fields, &held, *as_of))?,
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
) -> Result<crate::segment::values::TopValues, SegmentError> {
    let all = fields::list(ws.conn())?;
    let Some(field) = all.iter().find(|f| f.name == field) else {
        return Ok(Default::default());
    };
    let unlocked = match campaign {
        Some(c) => in_campaign(ws, c)
            .map_err(|e| SegmentError::Workspace(WorkspaceError::Invalid(e)))?
            .unlocked(),
        None => BTreeSet::new(),
    };
    crate::segment::values::top_values(ws.conn(), field, &unlocked, SUGGESTIONS)
}

/// Every segment's reach, outside any campaign or else in the scope of the campaign it
/// checks in, as `tactful segment list` measures it; relative dates count from
/// `as_of`, else the campaign's own, else today.
fn reaches(
    ws: &Workspace,
    fields: &[Field],
    held: &HeldValues,
    as_of: Option<NaiveDate>,
) -> Result<ListReaches, SegmentError> {
    let audience = store::audience(ws.conn())?;
    let none = BTreeSet::new();
    let scope = outside_campaign(fields, held, &none, as_of);
    let today = chrono::Local::now().date_naive();
    let mut reaches = Vec::new();
    let mut scopes = Vec::new();
    let mut dates = Vec::new();
    for s in store::list(ws.conn())? {
        let scoped = crate::campaign::segment_scope::measure(ws, &s, fields, held, &scope, |c| {
            crate::campaign::edit::effective_as_of(c, as_of, today)
        })?;
        if let Some(c) = scoped.campaign {
            scopes.push((s.name.clone(), c));
            if scoped.as_of != scope.as_of {
                dates.push((s.name.clone(), scoped.as_of));
            }
        }
        reaches.push((s.name, scoped.reach.map(|(n, _)| n)));
    }
    Ok(ListReaches {
        audience,
        reaches,
        scopes,
        as_of: scope.as_of,
        dates,
    })
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
