//! `tactful explain CAMPAIGN KEY`: why one contact gets what it gets: the seven
//! assignment steps with the values that decided them, every segment rule condition by
//! condition, and the rendered message with its fallbacks.

use clap::Args;

use super::campaign::preview_failed;
use super::{Context, print_json, print_table};
use crate::campaign::explain::{Explanation, Verdict, explain};
use crate::campaign::unlock::load;
use crate::text::for_terminal;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The campaign whose assignment to explain.
    campaign: String,
    /// The contact key (e-mail address or ID, as imported).
    key: String,
}

pub fn run(ctx: &Context, args: ExplainArgs) -> anyhow::Result<()> {
    let ws = ctx.open()?;
    let campaign = load(&ws, &args.campaign)?;
    let e = explain(&ws, &campaign, ctx.as_of_for(&campaign), &args.key).map_err(preview_failed)?;
    if ctx.json {
        return print_json(&e);
    }
    print_text(&e)
}

fn print_text(e: &Explanation) -> anyhow::Result<()> {
    let safe = |s: &str| for_terminal(s).into_owned();
    let verdict = match (&e.excluded, &e.segment) {
        (None, Some(s)) => format!("gets the message of segment `{}`", safe(s)),
        (Some(x), _) => format!("is excluded: {}", x.describe()),
        (None, None) => "gets nothing".to_string(),
    };
    outln!(
        "{} in campaign `{}` (as of {}) {verdict}.",
        safe(&e.key),
        safe(&e.campaign),
        e.as_of
    );
    outln!("\nassignment steps:");
    // Each step in words (`Step::title`, `Step::outcome`): what it checks, what it did.
    for s in &e.steps {
        outln!(
            "  {}. {:<17} {:<11} {}",
            s.step,
            s.title(),
            s.outcome(e.excluded),
            safe(&s.detail)
        );
    }
    for seg in &e.segments {
        let verdict = match seg.verdict {
            Verdict::Won => "matched: won (first in priority order)",
            Verdict::LostToPriority => "matched: lost to an earlier segment",
            Verdict::Matched => "matched (but excluded before segments count)",
            Verdict::NotMatched => "not matched",
        };
        outln!(
            "\nsegment {} `{}`: {verdict}",
            seg.entry,
            safe(&seg.segment)
        );
        let rows: Vec<Vec<String>> = seg
            .conditions
            .iter()
            .map(|c| {
                vec![
                    c.condition.clone(),
                    if c.value.is_blank() {
                        "(blank)".to_string()
                    } else {
                        c.value.display()
                    },
                    if c.held { "yes" } else { "no" }.to_string(),
                ]
            })
            .collect();
        print_table(&["condition", "value", "held"], &rows)?;
    }
    if let Some(m) = &e.message {
        outln!("\nmessage:");
        if let Some(subject) = &m.subject {
            outln!("  subject: {}", safe(subject));
        }
        for line in m.body.lines() {
            outln!("  | {}", safe(line));
        }
        if !m.fallbacks_used.is_empty() {
            outln!(
                "  fallbacks used for: {}",
                safe(&m.fallbacks_used.join(", "))
            );
        }
        if !m.missing.is_empty() {
            outln!(
                "  warning: no value and no fallback for: {}",
                safe(&m.missing.join(", "))
            );
        }
    }
    Ok(())
}
