//! `tactful campaign show NAME`: the settings, each entry with the reach of its segment
//! (checked in the campaign's scope) and its message, and the unlocks with their
//! justifications.

use serde::Serialize;

use super::{Context, print_json, print_table};
use crate::campaign::prepare::rule_scope;
use crate::campaign::unlock::load;
use crate::campaign::{BodyFormat, Campaign, Unlock};
use crate::segment::store;
use crate::text::for_terminal;
use crate::workspace::fields as field_store;

#[derive(Serialize)]
struct EntryShown {
    segment: String,
    rule: Option<String>,
    /// `None` when the segment is missing or its rule no longer checks.
    reach: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    subject: Option<String>,
    body: String,
    format: BodyFormat,
}

#[derive(Serialize)]
struct Shown {
    #[serde(flatten)]
    settings: Settings,
    entries: Vec<EntryShown>,
    unlocks: Vec<Unlock>,
}

#[derive(Serialize)]
struct Settings {
    name: String,
    channel: crate::fields::Channel,
    category: crate::fields::policy::Category,
    holdout: f64,
    /// The name the holdout is drawn from, when the campaign was renamed.
    #[serde(skip_serializing_if = "Option::is_none")]
    holdout_seed: Option<String>,
    k: u32,
    as_of: Option<chrono::NaiveDate>,
    country: Option<String>,
    /// The minor age in effect and where it comes from.
    minor_age: crate::campaign::minor_age::MinorAge,
}

fn entries(
    ctx: &Context,
    ws: &crate::workspace::Workspace,
    c: &Campaign,
) -> anyhow::Result<Vec<EntryShown>> {
    let fields = field_store::list(ws.conn())?;
    let unlocked = c.unlocked();
    let held = crate::fields::held::HeldValues::load(ws.conn(), &fields)?;
    let scope = rule_scope(&fields, &held, c, &unlocked, ctx.as_of_for(c));
    let mut out = Vec::new();
    for e in &c.entries {
        let (rule, reach, error) = match store::get(ws.conn(), &e.segment) {
            Err(err) => (None, None, Some(err.to_string())),
            Ok(s) => match store::compile_rule(&s.rule, &scope) {
                Ok(compiled) => (
                    Some(s.rule),
                    Some(store::reach(ws.conn(), &compiled)?),
                    None,
                ),
                Err(err) => (Some(s.rule), None, Some(err.to_string())),
            },
        };
        out.push(EntryShown {
            segment: e.segment.clone(),
            rule,
            reach,
            error,
            subject: e.subject.clone(),
            body: e.body.clone(),
            format: e.format,
        });
    }
    Ok(out)
}

pub fn run(ctx: &Context, name: &str) -> anyhow::Result<()> {
    let ws = ctx.open()?;
    let c = load(&ws, name)?;
    let shown = Shown {
        entries: entries(ctx, &ws, &c)?,
        unlocks: c.unlocks.clone(),
        settings: Settings {
            name: c.name.clone(),
            channel: c.channel,
            category: c.category,
            holdout: c.holdout_pct,
            holdout_seed: c.holdout_seed.clone(),
            k: c.k,
            as_of: c.as_of,
            country: c.country.clone(),
            minor_age: c.minor_age(),
        },
    };
    if ctx.json {
        return print_json(&shown);
    }
    let s = &shown.settings;
    outln!("campaign:  {}", for_terminal(&s.name));
    outln!("channel:   {}", s.channel);
    outln!("category:  {}", s.category);
    match &s.holdout_seed {
        Some(seed) => outln!(
            "holdout:   {}% (drawn from its first name `{}`, kept through renames)",
            s.holdout,
            for_terminal(seed)
        ),
        None => outln!("holdout:   {}%", s.holdout),
    }
    outln!("k:         {}", s.k);
    outln!(
        "as of:     {}",
        s.as_of
            .map_or_else(|| "the day of the preview".to_string(), |d| d.to_string())
    );
    outln!("country:   {}", s.country.as_deref().unwrap_or("not named"));
    outln!(
        "minor age: {}; contacts younger are excluded as minors",
        for_terminal(&s.minor_age.describe())
    );
    if shown.entries.is_empty() {
        outln!("\nNo entries yet: add one with `tactful campaign add NAME SEGMENT --body TEXT`.");
    } else {
        outln!("\nentries, in priority order (the first matching segment wins):");
        let rows: Vec<Vec<String>> = shown
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                vec![
                    (i + 1).to_string(),
                    e.segment.clone(),
                    e.reach.map_or_else(
                        || format!("error: {}", e.error.clone().unwrap_or_default()),
                        |r| r.to_string(),
                    ),
                    e.subject.clone().unwrap_or_default(),
                    e.body.lines().next().unwrap_or_default().to_string(),
                ]
            })
            .collect();
        print_table(
            &["#", "segment", "reach", "subject", "body (first line)"],
            &rows,
        )?;
    }
    if !shown.unlocks.is_empty() {
        outln!("\nunlocked fields:");
        for u in &shown.unlocks {
            outln!(
                "  {}: {} ({}, {})",
                for_terminal(&u.field),
                for_terminal(&u.reason),
                for_terminal(&u.actor),
                u.at
            );
        }
    }
    Ok(())
}
