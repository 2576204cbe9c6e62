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
    if report.erased {
        outln!(
            "Contact {} was erased; only hashes are kept.",
            for_terminal(&report.key)
        );
    } else if report.fields.is_empty() && report.consent.is_empty() {
        outln!(
            "Contact {} is not stored (an import undo removed it); only hashes are kept.",
            for_terminal(&report.key)
        );
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
        for b in &report.batches {
            outln!(
                "batch {} {} {} at {} (sha256 {})",
                b.batch,
                b.how,
                for_terminal(&b.file_name),
                b.imported_at,
                b.sha256
            );
        }
        for image in &report.before_images {
            let values: Vec<String> = image
                .values
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(column, v)| match v {
                    serde_json::Value::String(s) => format!("{column} = {s}"),
                    other => format!("{column} = {other}"),
                })
                .collect();
            outln!("{}: {}", image.heading(), for_terminal(&values.join(", ")));
        }
        outln!(
            "segments matched on {}: {}",
            ctx.as_of,
            if report.segments.is_empty() {
                "none".to_string()
            } else {
                for_terminal(&report.segments.join(", ")).into_owned()
            }
        );
        for c in &report.campaigns {
            let place = match (&c.segment, c.excluded, &c.problem) {
                (_, _, Some(p)) => format!("not evaluated: {p}"),
                (_, Some(e), _) => format!("excluded: {}", e.code()),
                (Some(s), None, _) => format!("segment {s}"),
                (None, None, None) => "not in it".to_string(),
            };
            outln!(
                "campaign {}: {}",
                for_terminal(&c.campaign),
                for_terminal(&place)
            );
        }
    }
    for u in &report.consent_upgrades {
        outln!(
            "consent upgrade {} {} -> {} in batch {}: {} ({})",
            u.channel,
            u.from,
            u.to,
            u.batch,
            if u.applied { "applied" } else { "refused" },
            for_terminal(&u.reason)
        );
    }
    for r in &report.refusals_on_record {
        outln!(
            "refusal on record: {} {} ({}, batch {}), kept for any later import",
            r.channel,
            r.state,
            for_terminal(&r.source),
            r.batch
        );
    }
    for s in &report.suppression {
        outln!(
            "suppressed by {} {} ({}, {}, since {})",
            s.kind,
            for_terminal(s.value.as_deref().unwrap_or("(hash only)")),
            s.reason,
            for_terminal(&s.source),
            s.added_at
        );
    }
    for e in &report.exports {
        outln!(
            "included in export {} of campaign {} to {} at {}",
            e.id,
            for_terminal(&e.campaign),
            for_terminal(&e.dir),
            e.at
        );
    }
    if report.exports.is_empty() {
        outln!("included in no export");
    }
    Ok(())
}

fn erase(ctx: &Context, key: &str) -> anyhow::Result<()> {
    let mut ws = ctx.open()?;
    let report = rights::erase(&mut ws, key, &actor())?;
    if ctx.json {
        return print_json(&report);
    }
    if report.already_erased {
        outln!(
            "Already erased earlier; its old copies are now wiped from the workspace's files too."
        );
        return Ok(());
    }
    outln!(
        "Erased. {} suppression entr{} (hashes only) keep the contact out of later imports; {} undo record{} purged.",
        report.suppression_entries,
        if report.suppression_entries == 1 {
            "y"
        } else {
            "ies"
        },
        report.before_images_purged,
        if report.before_images_purged == 1 {
            ""
        } else {
            "s"
        },
    );
    if !report.exports_including.is_empty() {
        outln!(
            "The contact was in {} earlier export(s); those files are outside the workspace, tell their recipients (GDPR Art. 19):",
            report.exports_including.len()
        );
        for e in &report.exports_including {
            outln!(
                "  export {} of {} to {} at {}",
                e.id,
                for_terminal(&e.campaign),
                for_terminal(&e.dir),
                e.at
            );
        }
    }
    Ok(())
}
