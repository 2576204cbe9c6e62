//! `tactful suppress FILE`: add addresses to the suppression list.

use std::path::PathBuf;

use clap::Args;

use super::{Context, print_json};
use crate::fields::phone::Region;
use crate::import::suppress;
use crate::text::for_terminal;
use crate::workspace::actor;

#[derive(Debug, Args)]
pub struct SuppressArgs {
    /// A file with one e-mail address or phone number per line, or a CSV with e-mail
    /// and/or phone columns.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Read phone numbers written without a country code in this region (ISO 3166-1
    /// code such as GB); default: the workspace's region, set by `import --region`.
    #[arg(long, value_name = "CC")]
    region: Option<String>,
}

pub fn run(ctx: &Context, args: SuppressArgs) -> anyhow::Result<()> {
    let mut ws = ctx.open_or_create()?;
    let region = args
        .region
        .as_deref()
        .map(str::parse::<Region>)
        .transpose()
        .map_err(|message| super::Exit { code: 2, message })?;
    let report = suppress::suppress_file_in(&mut ws, &args.file, region, &actor())?;
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
