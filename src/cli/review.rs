//! `tactful review CAMPAIGN [--accept CODE --reason TEXT] [--sign-off NAME --note TEXT]
//! [--profile P] [--field NAME --why TEXT]...`: the privacy review's findings, accepting
//! a finding that says it can be accepted, and the reviewer's sign-off. Exit code 3
//! while a blocker is open.

use clap::Args;
use serde_json::json;

use super::{Context, Exit, print_json};
use crate::campaign::unlock::load;
use crate::export::Profile;
use crate::review::{self, ExportScope, ExtraField, Review, Severity};
use crate::text::for_terminal;
use crate::workspace::actor;

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The campaign to review.
    campaign: String,
    /// Accept the finding with this code for the campaign (only findings marked
    /// acceptable; undone by any change to the campaign or the finding).
    #[arg(long, value_name = "CODE", requires = "reason")]
    accept: Option<String>,
    /// Why the campaign may go ahead with the accepted finding (at least 20 visible
    /// characters in two words; audited, shown in review and the export manifest).
    #[arg(long, value_name = "TEXT", requires = "accept")]
    reason: Option<String>,
    /// Sign the campaign off as NAME (refused while a blocker is open); required with
    /// --note.
    #[arg(long, value_name = "NAME", requires = "note")]
    sign_off: Option<String>,
    /// The reviewer's note, recorded with the sign-off; required with --sign-off.
    #[arg(long, value_name = "TEXT", requires = "sign_off")]
    note: Option<String>,
    /// Review (and sign off) the export with this profile, as `export --profile`.
    #[arg(long, value_parser = parse_profile)]
    profile: Option<Profile>,
    /// Review (and sign off) the export that adds this field, as `export --field`
    /// (repeatable; each needs a --why, in the same order).
    #[arg(long = "field", value_name = "NAME")]
    fields: Vec<String>,
    /// Why the field before it must leave the machine, as `export --reason`.
    #[arg(long = "why", value_name = "TEXT")]
    whys: Vec<String>,
}

fn parse_profile(s: &str) -> Result<Profile, String> {
    s.parse()
}

pub fn run(ctx: &Context, args: ReviewArgs) -> anyhow::Result<()> {
    if args.fields.len() != args.whys.len() {
        return Err(Exit {
            code: 2,
            message: format!(
                "give one --why for each --field ({}, {})",
                crate::text::count(args.fields.len() as u64, "field"),
                crate::text::count(args.whys.len() as u64, "reason")
            ),
        }
        .into());
    }
    let export = (args.profile.is_some() || !args.fields.is_empty()).then(|| ExportScope {
        profile: args.profile.unwrap_or_default().as_str().to_string(),
        fields: args
            .fields
            .iter()
            .zip(&args.whys)
            .map(|(field, reason)| ExtraField {
                field: field.clone(),
                reason: reason.clone(),
            })
            .collect(),
    });
    let mut ws = ctx.open()?;
    let campaign = load(&ws, &args.campaign)?;
    let as_of = ctx.as_of_for(&campaign);
    let mut review = review::run_for(&ws, &campaign, as_of, export.as_ref())?;
    if let (Some(code), Some(reason)) = (&args.accept, &args.reason) {
        review::accept(&mut ws, &review, code, reason, &actor())?;
        review = review::run_for(&ws, &campaign, as_of, export.as_ref())?;
    }
    if let (Some(name), Some(note)) = (&args.sign_off, &args.note)
        && review.blockers == 0
    {
        review::sign_off(&mut ws, &review, name, note, &actor())?;
        review = review::run_for(&ws, &campaign, as_of, export.as_ref())?;
    }
    if ctx.json {
        print_json(&json!({
            "campaign": review.campaign,
            "as_of": review.as_of,
            "findings": review.findings,
            "blockers": review.blockers,
            "warnings": review.warnings,
            "sign_off": review.sign_off,
            "definition_sha256": review.definition_sha256,
            "preview_sha256": review.preview_sha256,
        }))?;
    } else {
        print_human(&review)?;
    }
    if review.blockers > 0 {
        let refused = if args.sign_off.is_some() {
            "; sign-off refused"
        } else {
            ""
        };
        return Err(Exit {
            code: 3,
            message: format!(
                "{} open in the review of `{}`{refused}",
                crate::text::count(review.blockers as u64, "blocker"),
                review.campaign
            ),
        }
        .into());
    }
    Ok(())
}

fn print_human(review: &Review) -> std::io::Result<()> {
    outln!(
        "Review of {} as of {}: {}, {}",
        for_terminal(&review.campaign),
        review.as_of,
        crate::text::count(review.blockers as u64, "blocker"),
        crate::text::count(review.warnings as u64, "warning")
    );
    for f in &review.findings {
        let tag = match f.severity {
            Severity::Blocker => "BLOCKER",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        let can = if f.acceptable && f.accepted.is_none() {
            " (can be accepted: --accept CODE --reason TEXT)"
        } else {
            ""
        };
        outln!("\n{tag} {}: {}{can}", f.code, for_terminal(&f.message));
        if let Some(a) = &f.accepted {
            outln!(
                "  ACCEPTED ({} before) by {} at {}: {}",
                a.was.as_str(),
                for_terminal(&a.by),
                a.at,
                for_terminal(&a.reason)
            );
        }
        for item in &f.items {
            outln!("  - {}", for_terminal(item));
        }
    }
    match &review.sign_off {
        Some(s) => outln!(
            "\nSigned off by {} at {} ({}): {}",
            for_terminal(&s.record.name),
            s.record.at,
            s.state,
            for_terminal(&s.record.note)
        ),
        None => outln!("\nNot signed off."),
    }
    Ok(())
}
