//! `tactful review CAMPAIGN [--sign-off NAME --note TEXT]`: the privacy review's
//! findings, and the reviewer's sign-off. Exit code 3 while a blocker is open.

use clap::Args;
use serde_json::json;

use super::{Context, Exit, print_json};
use crate::campaign::unlock::load;
use crate::review::{self, Review, Severity};
use crate::text::for_terminal;
use crate::workspace::actor;

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The campaign to review.
    campaign: String,
    /// Sign the campaign off as NAME (refused while a blocker is open); required with
    /// --note.
    #[arg(long, value_name = "NAME", requires = "note")]
    sign_off: Option<String>,
    /// The reviewer's note, recorded with the sign-off; required with --sign-off.
    #[arg(long, value_name = "TEXT", requires = "sign_off")]
    note: Option<String>,
}

pub fn run(ctx: &Context, args: ReviewArgs) -> anyhow::Result<()> {
    let mut ws = ctx.open()?;
    let campaign = load(&ws, &args.campaign)?;
    let as_of = ctx.as_of_for(&campaign);
    let mut review = review::run(&ws, &campaign, as_of)?;
    if let (Some(name), Some(note)) = (&args.sign_off, &args.note)
        && review.blockers == 0
    {
        review::sign_off(&mut ws, &review, name, note, &actor())?;
        review = review::run(&ws, &campaign, as_of)?;
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
                "{} blocker(s) open in the review of `{}`{refused}",
                review.blockers, review.campaign
            ),
        }
        .into());
    }
    Ok(())
}

fn print_human(review: &Review) -> std::io::Result<()> {
    outln!(
        "Review of {} as of {}: {} blocker(s), {} warning(s)",
        for_terminal(&review.campaign),
        review.as_of,
        review.blockers,
        review.warnings
    );
    for f in &review.findings {
        let tag = match f.severity {
            Severity::Blocker => "BLOCKER",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        outln!("\n{tag} {}: {}", f.code, for_terminal(&f.message));
        for item in &f.items {
            outln!("  - {}", for_terminal(item));
        }
    }
    match &review.sign_off {
        Some(s) => outln!(
            "\nSigned off by {} at {} ({:?}): {}",
            for_terminal(&s.record.name),
            s.record.at,
            s.state,
            for_terminal(&s.record.note)
        ),
        None => outln!("\nNot signed off."),
    }
    Ok(())
}
