//! `tactful contact show KEY` (everything held about one contact, GDPR Art. 15) and
//! `tactful contact erase KEY` (delete it for good, GDPR Art. 17).

use clap::{Args, Subcommand};

use super::{Context, print_json, print_table};
use crate::rights;
use crate::text::for_terminal;
use crate::workspace::actor;

#[derive(Debug, Args)]
pub struct ContactArgs {
    #[command(subcommand)]
    command: ContactCommand,
}

#[derive(Debug, Subcommand)]
enum ContactCommand {
    /// Everything held about one contact: fields with values and privacy classes,
    /// consent with its source and evidence, consent upgrades applied or refused,
    /// refusals on record, import batches, older values kept for undo, segments it
    /// matches, suppression entries and exports that included it.
    Show {
        /// The contact key (e-mail address or ID).
        key: String,
    },
    /// Delete one contact and keep only keyed hashes on the suppression list, so that no
    /// later import brings it back and no undo restores it; then wipe its old copies
    /// from the workspace's files. Fails, and says so, while another program reads the
    /// workspace. Cannot be undone.
    Erase {
        /// The contact key (e-mail address or ID).
        key: String,
    },
}

pub fn run(ctx: &Context, args: ContactArgs) -> anyhow::Result<()> {
    match args.command {
        ContactCommand::Show { key } => show(ctx, &key),
        ContactCommand::Erase { key } => erase(ctx, &key),
    }
}

fn show(ctx: &Context, key: &str) -> anyhow::Result<()> {
    let ws = ctx.open()?;
    let report = rights::show(&ws, key, ctx.as_of)?;
    if ctx.json {
        return print_json(&report);
    }
    if let Some(line) = report.absent_line() {
        outln!("{}", for_terminal(&line));
    } else {
        outln!("Contact {}", for_terminal(&report.key));
        let rows: Vec<Vec<String>> = report
            .fields
            .iter()
            .map(|f| {
                vec![
                    f.name.clone(),
                    f.value.display(),
                    f.class.label().to_string(),
                    f.role.as_str().to_string(),
                ]
            })
            .collect();
        outln!();
        print_table(&["field", "value", "class", "role"], &rows)?;
        outln!();
        for c in &report.consent {
            outln!(
                "{} consent: {} ({})",
                match c.channel {
                    crate::fields::Channel::Email => "e-mail",
                    crate::fields::Channel::Sms => "SMS",
                },
                // In words: `not asked`, not the code `not_asked`.
                c.state.as_str().replace('_', " "),
                for_terminal(c.source.as_deref().unwrap_or("no source"))
            );
            if let Some(e) = &c.evidence {
                outln!("  evidence: {}", for_terminal(&e.to_string()));
            }
        }
        print_lines(&report.import_lines())?;
        outln!(
            "segments matched on {}: {}",
            ctx.as_of,
            if report.segments.is_empty() {
                "none".to_string()
            } else {
                for_terminal(&report.segments.join(", ")).into_owned()
            }
        );
        print_lines(&report.campaign_lines())?;
    }
    print_lines(&report.trace_lines())
}

/// Print `lines` made safe for a terminal, one a line.
fn print_lines(lines: &[String]) -> anyhow::Result<()> {
    for line in lines {
        outln!("{}", for_terminal(line));
    }
    Ok(())
}

fn erase(ctx: &Context, key: &str) -> anyhow::Result<()> {
    let mut ws = ctx.open()?;
    let report = rights::erase(&mut ws, key, &actor())?;
    if ctx.json {
        return print_json(&report);
    }
    print_lines(&report.lines(None))
}
