//! `tactful segment`: add, list, show, edit, remove segments, and their overlap matrix.
//!
//! Rules are checked outside any campaign here, so special-category and protected fields
//! stay blocked, unless `--campaign C` names the campaign whose scope (category and
//! unlocks) applies. A saved rule that needs a campaign's unlocks is listed and counted
//! in that campaign's scope (`campaign::segment_scope`).

use std::collections::BTreeSet;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::reach::as_of_words;
use super::{Context, Exit, print_json, print_table};
use crate::campaign::segment_scope;
use crate::fields::Field;
use crate::fields::held::HeldValues;
use crate::segment::store::{self, Segment, SegmentError};
use crate::segment::{CompiledRule, RuleError, Scope};
use crate::workspace::fields as field_store;

#[derive(Debug, Args)]
pub struct SegmentArgs {
    #[command(subcommand)]
    action: SegmentAction,
}

#[derive(Debug, Subcommand)]
enum SegmentAction {
    /// Check a rule and save it as a segment: tactful segment add vip 'tags has "vip"'.
    Add {
        /// The new segment's name.
        name: String,
        /// The rule, e.g. 'country is "Germany" and tags has "vip"'.
        rule: String,
        /// What the segment is for.
        #[arg(long, default_value = "")]
        description: String,
        /// Check the rule in this campaign's scope (its category and unlocks), so a
        /// field it unlocked may be used.
        #[arg(long, value_name = "CAMPAIGN")]
        campaign: Option<String>,
    },
    /// Rename a segment; every campaign entry that uses it follows.
    Rename {
        /// The segment's current name.
        old: String,
        /// The new name.
        new: String,
    },
    /// List segments with their scope, reach and rule. A segment whose rule needs a
    /// campaign's unlocks is counted in that campaign's scope (its `scope`).
    List,
    /// Show one segment; --sql adds the compiled SQL and its parameters.
    Show {
        /// The segment to show.
        name: String,
        /// Also print the SQL the rule compiles to, with its parameters.
        #[arg(long)]
        sql: bool,
    },
    /// Replace a segment's rule (checked first).
    Edit {
        /// The segment to change.
        name: String,
        /// Its new rule.
        rule: String,
        /// Check the rule in this campaign's scope (its category and unlocks), as
        /// `segment add --campaign` does: needed for a rule on a field the campaign
        /// unlocked.
        #[arg(long, value_name = "CAMPAIGN")]
        campaign: Option<String>,
    },
    /// Delete a segment (refused, naming them, while campaigns use it).
    Rm {
        /// The segment to delete.
        name: String,
    },
    /// Pairwise overlap (contacts in both) of the named segments, or of all.
    Overlap {
        /// The segments to compare (all when none is named).
        names: Vec<String>,
    },
}

/// The scope for rules checked outside a campaign: no category, nothing unlocked;
/// `held`, the sensitive values the fields hold.
pub(super) fn outside_campaign<'a>(
    ctx: &Context,
    fields: &'a [Field],
    held: &'a HeldValues,
    none: &'a BTreeSet<String>,
) -> Scope<'a> {
    Scope {
        fields,
        category: None,
        unlocked: none,
        as_of: ctx.as_of,
        held,
    }
}

/// Print a rule error with its caret display on stderr; the returned error carries the
/// exit code only.
pub(super) fn rule_failed(e: &RuleError) -> anyhow::Error {
    for line in e.caret().lines() {
        eprintln!("{}", crate::text::for_terminal(line));
    }
    Exit {
        code: 1,
        message: String::new(),
    }
    .into()
}

fn segment_failed(e: SegmentError) -> anyhow::Error {
    match e {
        SegmentError::Rule(r) => rule_failed(&r),
        other => other.into(),
    }
}

#[derive(Serialize)]
struct Listed {
    #[serde(flatten)]
    segment: Segment,
    /// The campaign whose scope the rule checks in (it uses a field that campaign
    /// unlocked); absent for a rule that checks outside any campaign.
    #[serde(skip_serializing_if = "Option::is_none")]
    campaign: Option<String>,
    /// `None` when the saved rule no longer checks (a field changed since).
    reach: Option<u64>,
    /// The day relative rules counted from (`--as-of`, today, or the scope campaign's).
    as_of: chrono::NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Serialize)]
struct Shown {
    #[serde(flatten)]
    listed: Listed,
    #[serde(skip_serializing_if = "Option::is_none")]
    sql: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    params: Option<Vec<serde_json::Value>>,
}

fn json_param(v: &rusqlite::types::Value) -> serde_json::Value {
    use rusqlite::types::Value as V;
    match v {
        V::Null | V::Blob(_) => serde_json::Value::Null,
        V::Integer(i) => (*i).into(),
        V::Real(f) => (*f).into(),
        V::Text(s) => s.clone().into(),
    }
}

pub fn run(ctx: &Context, args: SegmentArgs) -> anyhow::Result<()> {
    let mut ws = ctx.open()?;
    let fields = field_store::list(ws.conn())?;
    let held = HeldValues::load(ws.conn(), &fields)?;
    let none = BTreeSet::new();
    let scope = outside_campaign(ctx, &fields, &held, &none);
    let measure = |ws: &crate::workspace::Workspace,
                   segment: Segment|
     -> anyhow::Result<(Listed, Option<CompiledRule>)> {
        // A stored rule that checks nowhere, or that SQLite cannot run (saved by an
        // older version, say), is reported on its own line; it must not hide the
        // other segments.
        let scoped =
            segment_scope::measure(ws, &segment, &fields, &held, &scope, |c| ctx.as_of_for(c))?;
        Ok(match scoped.reach {
            Ok((reach, compiled)) => (
                Listed {
                    segment,
                    campaign: scoped.campaign,
                    reach: Some(reach),
                    as_of: scoped.as_of,
                    error: None,
                },
                Some(compiled),
            ),
            Err(e) => (
                Listed {
                    segment,
                    campaign: scoped.campaign,
                    reach: None,
                    as_of: scoped.as_of,
                    error: Some(e),
                },
                None,
            ),
        })
    };
    match args.action {
        SegmentAction::Add {
            name,
            rule,
            description,
            campaign,
        } => {
            let segment = match campaign {
                Some(c) => crate::campaign::edit::add_segment(
                    &mut ws,
                    &c,
                    &name,
                    &rule,
                    &description,
                    |c| ctx.as_of_for(c),
                ),
                None => store::add(&mut ws, &name, &rule, &description, &scope),
            }
            .map_err(segment_failed)?;
            let (listed, _) = measure(&ws, segment)?;
            if ctx.json {
                return print_json(&listed);
            }
            outln!(
                "Saved segment `{}`: reach {} ({})",
                crate::text::for_terminal(&listed.segment.name),
                listed.reach.unwrap_or(0),
                as_of_words(ctx, listed.as_of)
            );
            Ok(())
        }
        SegmentAction::Edit {
            name,
            rule,
            campaign,
        } => {
            let segment = match campaign {
                Some(c) => segment_scope::edit_in(&mut ws, &c, &name, &rule, |c| ctx.as_of_for(c)),
                None => store::edit(&mut ws, &name, &rule, &scope),
            }
            .map_err(segment_failed)?;
            let (listed, _) = measure(&ws, segment)?;
            if ctx.json {
                return print_json(&listed);
            }
            outln!(
                "Changed segment `{}`: reach {} ({})",
                crate::text::for_terminal(&listed.segment.name),
                listed.reach.unwrap_or(0),
                as_of_words(ctx, listed.as_of)
            );
            Ok(())
        }
        SegmentAction::Rename { old, new } => {
            let campaigns = store::rename(&mut ws, &old, &new, &crate::workspace::actor())?;
            let new = new.trim();
            if ctx.json {
                return print_json(
                    &serde_json::json!({ "renamed": old.trim(), "to": new, "campaigns": campaigns }),
                );
            }
            let safe = |t: &str| crate::text::for_terminal(t).into_owned();
            outln!("Renamed segment `{}` to `{}`.", safe(old.trim()), safe(new));
            if !campaigns.is_empty() {
                let names: Vec<String> =
                    campaigns.iter().map(|c| format!("`{}`", safe(c))).collect();
                outln!("Entries updated in: {}.", names.join(", "));
            }
            Ok(())
        }
        SegmentAction::List => {
            let mut listed = Vec::new();
            for s in store::list(ws.conn())? {
                listed.push(measure(&ws, s)?.0);
            }
            if ctx.json {
                return print_json(&listed);
            }
            if listed.is_empty() {
                outln!("No segments yet: add one with `tactful segment add NAME RULE`.");
                return Ok(());
            }
            let rows: Vec<Vec<String>> = listed
                .iter()
                .map(|l| {
                    vec![
                        l.segment.name.clone(),
                        match &l.campaign {
                            None => "all".to_string(),
                            Some(c) if l.as_of == scope.as_of => format!("campaign {c}"),
                            // Counted on the campaign's own as-of date: say which.
                            Some(c) => format!("campaign {c}, as of {}", l.as_of),
                        },
                        l.reach
                            .map_or_else(|| "error".to_string(), |r| r.to_string()),
                        l.segment
                            .rule
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" "),
                    ]
                })
                .collect();
            outln!("Reach counted {}:", as_of_words(ctx, scope.as_of));
            print_table(&["name", "scope", "reach", "rule"], &rows)
        }
        SegmentAction::Show { name, sql } => {
            let segment = store::get(ws.conn(), &name)?;
            let (listed, compiled) = measure(&ws, segment)?;
            let (sql_text, params) = match (sql, compiled) {
                (true, Some(c)) => (
                    Some(c.sql),
                    Some(c.params.iter().map(json_param).collect::<Vec<_>>()),
                ),
                _ => (None, None),
            };
            let shown = Shown {
                listed,
                sql: sql_text,
                params,
            };
            if ctx.json {
                return print_json(&shown);
            }
            let s = &shown.listed.segment;
            let safe = |t: &str| crate::text::for_terminal(t).into_owned();
            outln!("segment:     {}", safe(&s.name));
            if !s.description.is_empty() {
                outln!("description: {}", safe(&s.description));
            }
            if let Some(c) = &shown.listed.campaign {
                outln!(
                    "scope:       campaign {} (the rule uses what it unlocked; edit with --campaign {})",
                    safe(c),
                    safe(c)
                );
            }
            match (&shown.listed.reach, &shown.listed.error) {
                (Some(r), _) => outln!(
                    "reach:       {r} ({})",
                    as_of_words(ctx, shown.listed.as_of)
                ),
                (None, Some(e)) => outln!("error:       {}", safe(e)),
                _ => {}
            }
            outln!("rule:");
            for line in s.rule.lines() {
                outln!("  {}", safe(line));
            }
            if let (Some(q), Some(p)) = (&shown.sql, &shown.params) {
                outln!("sql (SQLite, over table contacts; ? are the parameters below, in order):");
                outln!("  SELECT count(*) FROM contacts WHERE {}", safe(q));
                for (i, v) in p.iter().enumerate() {
                    outln!("  ?{} = {}", i + 1, safe(&v.to_string()));
                }
            }
            Ok(())
        }
        SegmentAction::Rm { name } => {
            store::remove(&mut ws, &name, &crate::workspace::actor())?;
            if ctx.json {
                return print_json(&serde_json::json!({ "removed": name.trim() }));
            }
            outln!(
                "Removed segment `{}`.",
                crate::text::for_terminal(name.trim())
            );
            Ok(())
        }
        SegmentAction::Overlap { names } => {
            let segments = if names.is_empty() {
                store::list(ws.conn())?
            } else {
                names
                    .iter()
                    .map(|n| store::get(ws.conn(), n))
                    .collect::<Result<Vec<_>, _>>()?
            };
            let mut compiled = Vec::new();
            for s in &segments {
                let c = store::compile_rule(&s.rule, &scope)
                    .map_err(|e| anyhow::anyhow!("segment `{}` no longer checks: {e}", s.name))?;
                compiled.push(c);
            }
            let matrix = store::overlap(ws.conn(), &compiled)?;
            let names: Vec<String> = segments.into_iter().map(|s| s.name).collect();
            if ctx.json {
                return print_json(&serde_json::json!({ "segments": names, "matrix": matrix }));
            }
            let mut headers = vec![""];
            headers.extend(names.iter().map(String::as_str));
            let rows: Vec<Vec<String>> = names
                .iter()
                .zip(&matrix)
                .map(|(n, row)| {
                    std::iter::once(n.clone())
                        .chain(row.iter().map(u64::to_string))
                        .collect()
                })
                .collect();
            print_table(&headers, &rows)
        }
    }
}
