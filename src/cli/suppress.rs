//! `tactful suppress FILE`: add addresses to the suppression list.

use std::path::PathBuf;

use clap::Args;

use super::{Context, print_json};
use crate::import::suppress;
use crate::text::for_terminal;
use crate::workspace::actor;

#[derive(Debug, Args)]
pub struct SuppressArgs {
    /// A file with one e-mail address or phone number per line, or a CSV with e-mail
    /// and/or phone columns.
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

pub fn run(ctx: &Context, args: SuppressArgs) -> anyhow::Result<()> {
    let mut ws = ctx.open_or_create()?;
    let report = suppress::suppress_file(&mut ws, &args.file, &actor())?;
    if ctx.json {
        return print_json(&report);
    }
    outln!(
        "{}: {} address(es) added to the suppression list, {} already on it ({} entries in total)",
        for_terminal(&report.file),
        report.added,
        report.already_present,
        report.total
    );
    for s in &report.skipped {
        outln!("  line {}: {}", s.line, for_terminal(&s.reason));
    }
    Ok(())
}
