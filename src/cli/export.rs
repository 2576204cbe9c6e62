//! `tactful export CAMPAIGN --out DIR`: write the recipients or audience file, the
//! platform templates, proofs and `manifest.json`. Exit code 3 (with the blockers
//! listed) while the review has a blocker open; 1 when the profile cannot take the
//! campaign (with the reasons and the profile that fits).

use std::path::PathBuf;

use clap::Args;

use super::{Context, Exit, print_json};
use crate::campaign::unlock::load;
use crate::export::{self, ExportError, ExportPlan, Profile};
use crate::review::ExtraField;
use crate::text::{count, for_terminal};
use crate::workspace::actor;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The campaign to export.
    campaign: String,
    /// Directory for the files (created owner-only if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// spreadsheet: rendered messages, text cells that a spreadsheet would run as
    /// formulas get a leading quote (OWASP CSV injection); upload: rendered messages
    /// exactly as stored; sms: phone (E.164) and body for SMS gateways; mailchimp,
    /// klaviyo, brevo, listmonk: an audience file with merge values and one template
    /// per entry in the platform's syntax (see README, "Delivery").
    #[arg(long, default_value = "spreadsheet", value_parser = parse_profile)]
    profile: Profile,
    /// Write plain UTF-8 without the byte order mark spreadsheets need.
    #[arg(long)]
    no_bom: bool,
    /// Replace files of the same names if they exist.
    #[arg(long)]
    force: bool,
    /// Add the contact key as a column (never an e-mail address in an SMS file).
    #[arg(long)]
    with_key: bool,
    /// Write the data file in numbered parts of at most N records, each with its header.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    split_rows: Option<u64>,
    /// Also write the finished messages of the first N recipients of each entry
    /// (.eml for e-mail, .txt with its SMS parts for SMS).
    #[arg(long, value_name = "N", default_value_t = 0)]
    proofs: usize,
    /// Write text cells that start like a formula (= + - @ TAB CR) with a ' in front
    /// instead of refusing the export; the recipient sees the quote.
    #[arg(long)]
    neutralise_formulas: bool,
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
                "give one --reason for each --field ({}, {})",
                count(args.fields.len() as u64, "field"),
                count(args.reasons.len() as u64, "reason")
            ),
        }
        .into());
    }
    let mut ws = ctx.open()?;
    let campaign = load(&ws, &args.campaign)?;
    let mut plan = ExportPlan::new(args.out, args.profile, ctx.as_of_for(&campaign));
    plan.bom = !args.no_bom;
    plan.force = args.force;
    plan.with_key = args.with_key;
    plan.split_rows = args.split_rows;
    plan.proofs = args.proofs;
    plan.neutralise_formulas = args.neutralise_formulas;
    plan.extra = args
        .fields
        .into_iter()
        .zip(args.reasons)
        .map(|(field, reason)| ExtraField { field, reason })
        .collect();
    let report = match export::export(&mut ws, &campaign, &plan, &actor()) {
        Ok(r) => r,
        Err(ExportError::Blocked { campaign, blockers }) => {
            let mut message = format!(
                "export refused: {} open in the review of `{campaign}`:",
                count(blockers.len() as u64, "blocker")
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
        "Exported {} to {} ({} profile)",
        count(report.recipients, "recipient"),
        for_terminal(&report.dir),
        report.profile
    );
    for name in &report.files {
        outln!("  {}", for_terminal(name));
    }
    outln!("  data sha256     {}", report.recipients_sha256);
    outln!("  manifest sha256 {}", report.manifest_sha256);
    match report.sign_off {
        Some(state) => outln!("  sign-off: {state}"),
        None => outln!("  not signed off"),
    }
    for w in &report.warnings {
        outln!("  warning {}: {}", w.code, for_terminal(&w.message));
        if w.code == "phone_not_e164" {
            for item in &w.items {
                outln!("    - {}", for_terminal(item));
            }
        }
    }
    Ok(())
}
