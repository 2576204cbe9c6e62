//! `tactful unlock CAMPAIGN FIELD --reason TEXT`: unlock a special-category or protected
//! field for one campaign's rules and messages, with a justification that is audited and
//! travels with the export (PRODUCT.md, "Privacy classes"). `FIELD:KIND`
//! (`tags:religion`) unlocks one kind of sensitive value in an ordinary field.

use clap::Args;

use super::{Context, print_json};
use crate::campaign::unlock::unlock;
use crate::text::for_terminal;

#[derive(Debug, Args)]
pub struct UnlockArgs {
    /// The campaign that may use the field.
    campaign: String,
    /// A field, or FIELD:KIND for one kind of sensitive value in it (tags:religion).
    field: String,
    /// Why the campaign needs this field (at least 20 characters; logged).
    #[arg(long)]
    reason: String,
}

pub fn run(ctx: &Context, args: UnlockArgs) -> anyhow::Result<()> {
    let mut ws = ctx.open()?;
    let u = unlock(
        &mut ws,
        &args.campaign,
        &args.field,
        &args.reason,
        &crate::workspace::actor(),
    )?;
    if ctx.json {
        return print_json(&u);
    }
    outln!(
        "Unlocked `{}` for campaign `{}` (recorded in the audit log).",
        for_terminal(&u.field),
        for_terminal(args.campaign.trim())
    );
    Ok(())
}
