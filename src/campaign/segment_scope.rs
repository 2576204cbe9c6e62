//! Campaign-scoped segments: a rule that uses a field only a campaign unlocked (its
//! special category or protected field, or one kind of sensitive value) checks in that
//! campaign's scope and nowhere else. Listing such a segment outside any campaign
//! showed reach 0 and `error`; this module finds the campaign whose scope it belongs
//! to and measures its reach there, and edits it in a named campaign's scope.
//!
//! The campaign is found, not stored: first the campaigns whose entries use the
//! segment, then every other campaign, in name order; the first in whose scope the
//! rule checks is its scope. Called by the CLI's `segment list|show|add|edit`.

use chrono::NaiveDate;

use super::prepare::rule_scope;
use super::{Campaign, CampaignError, store as campaigns, unlock::load};
use crate::fields::Field;
use crate::fields::held::HeldValues;
use crate::segment::store::{self as segments, Segment, SegmentError};
use crate::segment::{CompiledRule, Scope};
use crate::workspace::{Workspace, WorkspaceError, fields as field_store};

/// Where a segment's rule checks, and what it reaches there.
#[derive(Debug)]
pub struct Scoped {
    /// The campaign whose scope the rule needs; `None` when it checks outside any.
    pub campaign: Option<String>,
    /// The compiled rule and its reach, or why it checks nowhere (the error outside any
    /// campaign) or cannot be counted.
    pub reach: Result<(u64, CompiledRule), String>,
    /// The date relative rules counted from: `outside`'s, or the campaign's as-of date
    /// (new-user trial 5, F4: a count must say the day it is for).
    pub as_of: NaiveDate,
}

/// Measure `segment` outside any campaign (`outside`), else in the scope of the first
/// campaign it checks in (see the module header). `as_of` gives a campaign's as-of
/// date.
///
/// Errors: workspace errors only; a rule that checks nowhere is a [`Scoped`] with an
/// error.
pub fn measure(
    ws: &Workspace,
    segment: &Segment,
    fields: &[Field],
    held: &HeldValues,
    outside: &Scope<'_>,
    as_of: impl Fn(&Campaign) -> NaiveDate,
) -> Result<Scoped, SegmentError> {
    let count = |c: CompiledRule| match segments::reach(ws.conn(), &c) {
        Ok(n) => Ok((n, c)),
        Err(e) => Err(e.to_string()),
    };
    let outside_error = match segments::compile_rule(&segment.rule, outside) {
        Ok(c) => {
            return Ok(Scoped {
                campaign: None,
                reach: count(c),
                as_of: outside.as_of,
            });
        }
        Err(e) => e.to_string(),
    };
    let mut order = segments::using(ws.conn(), &segment.name)?;
    for name in campaigns::names(ws.conn())? {
        if !order.contains(&name) {
            order.push(name);
        }
    }
    for name in order {
        let Some(c) = campaigns::load(ws.conn(), &name)? else {
            continue;
        };
        let unlocked = c.unlocked();
        let day = as_of(&c);
        let scope = rule_scope(fields, held, &c, &unlocked, day);
        if let Ok(compiled) = segments::compile_rule(&segment.rule, &scope) {
            return Ok(Scoped {
                campaign: Some(name),
                reach: count(compiled),
                as_of: day,
            });
        }
    }
    Ok(Scoped {
        campaign: None,
        reach: Err(outside_error),
        as_of: outside.as_of,
    })
}

/// Replace segment `name`'s rule with `rule`, checked in campaign `campaign`'s scope
/// (its category and unlocks), as `segment add --campaign` checks a new one.
///
/// Errors: unknown campaign or segment, a rule that does not check in that scope, as
/// [`segments::edit`].
pub fn edit_in(
    ws: &mut Workspace,
    campaign: &str,
    name: &str,
    rule: &str,
    as_of: impl Fn(&Campaign) -> NaiveDate,
) -> Result<Segment, SegmentError> {
    let c = load(ws, campaign).map_err(|e| match e {
        CampaignError::Workspace(w) => SegmentError::Workspace(w),
        other => SegmentError::Workspace(WorkspaceError::Invalid(other.to_string())),
    })?;
    let fields = field_store::list(ws.conn())?;
    let unlocked = c.unlocked();
    let held = HeldValues::load(ws.conn(), &fields)?;
    let scope = rule_scope(&fields, &held, &c, &unlocked, as_of(&c));
    segments::edit(ws, name, rule, &scope)
}
