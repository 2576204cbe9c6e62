//! `tactful demo`: build a fresh demo workspace from the bundled sample data and open it
//! in the TUI (or, when stdout is not a terminal or with `--no-tui`, print what it holds).

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;

use super::{Context, print_table};
use crate::campaign::store as campaigns;
use crate::demo;
use crate::segment::{Scope, store as segments};
use crate::text::for_terminal;
use crate::workspace::{Workspace, fields};

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Print a summary instead of opening the terminal app.
    #[arg(long)]
    no_tui: bool,
}

/// Where the demo goes: `--workspace` if given, else `demo.tactful` in the data directory
/// (never the user's own default workspace).
pub fn demo_path(explicit: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    match explicit {
        Some(p) => Ok(p),
        None => Ok(Workspace::default_path()?.with_file_name("demo.tactful")),
    }
}

pub fn run(ctx: &Context, args: DemoArgs) -> anyhow::Result<()> {
    let built = demo::build(&ctx.workspace)?;
    if !args.no_tui && !ctx.json && std::io::stdout().is_terminal() {
        drop(built);
        // The demo's data is dated around its own day, so the TUI counts from it
        // unless the user gave another.
        let as_of = if ctx.as_of_given {
            ctx.as_of
        } else {
            chrono::NaiveDate::from_ymd_opt(demo::AS_OF.0, demo::AS_OF.1, demo::AS_OF.2)
                .unwrap_or(ctx.as_of)
        };
        return crate::tui::run(&ctx.workspace, Some(as_of));
    }
    let ws = built.workspace;
    outln!(
        "Demo workspace: {}",
        for_terminal(&ctx.workspace.display().to_string())
    );
    for report in &built.imports {
        outln!(
            "  imported {}: {}, {} added, {} updated, {} rejected",
            for_terminal(&report.file),
            crate::text::count(report.rows_read, "row"),
            crate::text::count(report.contacts_added, "contact"),
            report.contacts_updated,
            report.rows_rejected.len()
        );
    }
    outln!("  suppression list: {} addresses", built.suppressed);
    let all_fields = fields::list(ws.conn())?;
    outln!("\nFields ({}):", all_fields.len());
    let rows: Vec<Vec<String>> = all_fields
        .iter()
        .map(|f| {
            vec![
                f.name.clone(),
                f.ty.to_string(),
                f.role.to_string(),
                f.class.to_string(),
            ]
        })
        .collect();
    print_table(&["name", "type", "role", "class"], &rows)?;
    let unlocked = BTreeSet::new();
    let held = crate::fields::held::HeldValues::load(ws.conn(), &all_fields)?;
    let scope = Scope {
        fields: &all_fields,
        category: None,
        unlocked: &unlocked,
        as_of: ctx.as_of,
        held: &held,
    };
    let demo_scope = Scope {
        as_of: chrono::NaiveDate::from_ymd_opt(demo::AS_OF.0, demo::AS_OF.1, demo::AS_OF.2)
            .unwrap_or(scope.as_of),
        ..scope
    };
    outln!(
        "\nSegments (reach as of {}, of {}):",
        demo_scope.as_of,
        crate::text::count(segments::audience(ws.conn())?, "contact")
    );
    let mut rows = Vec::new();
    for segment in segments::list(ws.conn())? {
        let compiled = segments::compile_rule(&segment.rule, &demo_scope)?;
        rows.push(vec![
            segment.name.clone(),
            segments::reach(ws.conn(), &compiled)?.to_string(),
            segment.rule.clone(),
        ]);
    }
    print_table(&["name", "reach", "rule"], &rows)?;
    if let Some(c) = campaigns::load(ws.conn(), demo::CAMPAIGN)? {
        outln!(
            "\nCampaign `{}` ({}, holdout {}%): {}",
            for_terminal(&c.name),
            c.channel,
            c.holdout_pct,
            c.entries
                .iter()
                .map(|e| e.segment.as_str())
                .collect::<Vec<_>>()
                .join(" → ")
        );
    }
    let ws_arg = for_terminal(&ctx.workspace.display().to_string()).into_owned();
    outln!("\nNext: tactful --workspace {ws_arg}            (open the terminal app)");
    outln!("      tactful --workspace {ws_arg} fields     (every field and why it got its class)");
    Ok(())
}
