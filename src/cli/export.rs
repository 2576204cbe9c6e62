//! `tactful export CAMPAIGN --out DIR`: write `recipients.csv` and `manifest.json`.
//! Exit code 3 (with the blockers listed) while the review has a blocker open.

use std::path::PathBuf;

use clap::Args;

use super::{Context, Exit, print_json};
use crate::campaign::unlock::load;
use crate::export::{self, ExportError, ExportPlan, Profile};
use crate::review::ExtraField;
use crate::text::for_terminal;
use crate::workspace::actor;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The campaign to export.
    campaign: String,
    /// Directory for recipients.csv and manifest.json (created owner-only if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// spreadsheet: cells that a spreadsheet would run as formulas get a leading quote
    /// (OWASP CSV injection), phones starting with + too; upload: every cell exactly as
    /// stored, for sending tools (E.164 phones intact); never open it in a spreadsheet.
    #[arg(long, default_value = "spreadsheet", value_parser = parse_profile)]
    profile: Profile,
    /// Write plain UTF-8 without the byte order mark spreadsheets need.
    #[arg(long)]
    no_bom: bool,
    /// Replace recipients.csv and manifest.json if they exist.
    #[arg(long)]
    force: bool,
    /// Add a field as a column (repeatable; each needs a --reason, in the same order).
    #[arg(long = "field", value_name = "NAME")]
    fields: Vec<String>,
    /// Why the field before it must leave the machine (at least 20 characters).
    #[arg(long = "reason", value_name = "TEXT")]
    reasons: Vec<String>,
}

fn parse_profile(s: &str) -> Result<Profile, String> {
    s.parse()
}

pub fn run(ctx: &Context, args: ExportArgs) -> anyhow::Result<()> {
    if args.fields.len() != args.reasons.len() {
        return Err(Exit {
            code: 2,
            message: format!(
                "give one --reason for each --field ({} field(s), {} reason(s))",
                args.fields.len(),
                args.reasons.len()
            ),
        }
        .into());
    }
    let mut ws = ctx.open()?;
    let campaign = load(&ws, &args.campaign)?;
    let plan = ExportPlan {
        out: args.out,
        profile: args.profile,
        bom: !args.no_bom,
        force: args.force,
        extra: args
            .fields
            .into_iter()
            .zip(args.reasons)
            .map(|(field, reason)| ExtraField { field, reason })
            .collect(),
        as_of: ctx.as_of_for(&campaign),
    };
    let report = match export::export(&mut ws, &campaign, &plan, &actor()) {
        Ok(r) => r,
        Err(ExportError::Blocked { campaign, blockers }) => {
            let mut message = format!(
                "export refused: {} blocker(s) open in the review of `{campaign}`:",
                blockers.len()
            );
            for b in &blockers {
                message.push_str(&format!("\n  {}: {}", b.code, b.message));
                for item in &b.items {
                    message.push_str(&format!("\n    - {item}"));
                }
            }
            return Err(Exit { code: 3, message }.into());
        }
        Err(e) => return Err(e.into()),
    };
    if ctx.json {
        return print_json(&report);
    }
    outln!(
        "Exported {} recipient(s) to {} ({} profile)",
        report.recipients,
        for_terminal(&report.dir),
        report.profile
    );
    outln!("  recipients.csv sha256 {}", report.recipients_sha256);
    outln!("  manifest.json  sha256 {}", report.manifest_sha256);
    match report.sign_off {
        Some(state) => outln!("  sign-off: {state:?}"),
        None => outln!("  not signed off"),
    }
    for w in &report.warnings {
        outln!("  warning {}: {}", w.code, for_terminal(&w.message));
    }
    Ok(())
}
