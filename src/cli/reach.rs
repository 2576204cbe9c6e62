//! `tactful reach RULE`: how many contacts an unsaved rule matches, out of the audience.

use std::collections::BTreeSet;

use clap::Args;

use super::segment::{outside_campaign, rule_failed};
use super::{Context, print_json};
use crate::fields::held::HeldValues;
use crate::segment::store;
use crate::workspace::fields as field_store;

#[derive(Debug, Args)]
pub struct ReachArgs {
    /// The rule, e.g. 'city is "Berlin" and total_spent >= 100'.
    rule: String,
}

pub fn run(ctx: &Context, args: ReachArgs) -> anyhow::Result<()> {
    let ws = ctx.open()?;
    let fields = field_store::list(ws.conn())?;
    let held = HeldValues::load(ws.conn(), &fields)?;
    let none = BTreeSet::new();
    let scope = outside_campaign(ctx, &fields, &held, &none);
    let compiled = store::compile_rule(&args.rule, &scope).map_err(|e| rule_failed(&e))?;
    let reach = store::reach(ws.conn(), &compiled)?;
    let audience = store::audience(ws.conn())?;
    if ctx.json {
        return print_json(
            &serde_json::json!({ "reach": reach, "audience": audience, "as_of": scope.as_of }),
        );
    }
    outln!(
        "reach {reach} of {} ({})",
        crate::text::count(audience, "contact"),
        as_of_words(ctx, scope.as_of)
    );
    Ok(())
}

/// `as of 2026-12-07 (today)`: the day relative rules (`within last 90 days`) counted
/// from, as `preview` and `demo` say it, so two counts of one rule on different days
/// do not look like a contradiction (new-user trial 5, F4). `(today)` when it is
/// today's date and no `--as-of` was given; `(--as-of)` when it was; nothing more for
/// a campaign's own as-of date.
pub(super) fn as_of_words(ctx: &Context, day: chrono::NaiveDate) -> String {
    if ctx.as_of_given && day == ctx.as_of {
        format!("as of {day}, from --as-of")
    } else if day == ctx.today {
        format!("as of {day}, today")
    } else {
        format!("as of {day}")
    }
}
