//! `tactful suppress FILE`: add addresses to the suppression list.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{Context, print_json};
use crate::fields::phone::Region;
use crate::import::suppress;
use crate::text::{count, for_terminal};
use crate::workspace::actor;

#[derive(Debug, Args)]
pub struct SuppressArgs {
    /// A file with one e-mail address or phone number per line, or a CSV with e-mail
    /// and/or phone columns; a file in a ZIP archive as ARCHIVE.zip/FILE.csv; a ZIP
    /// archive whose name says it lists opt-outs (unsubscribed.zip): every CSV in it.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Read phone numbers written without a country code in this region (ISO 3166-1
    /// code such as GB) as well as in every region the workspace's imports used.
    #[arg(long, value_name = "CC")]
    region: Option<String>,
    /// The sheet of a workbook (XLSX/XLS/ODS) to read; required when the workbook has
    /// several sheets (a workbook of one sheet is read whole, and the sheet is named).
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// Add the list even though some of its values could not be read (each listed by
    /// file:line:field); without it such a list is refused and nothing is added.
    /// Needs --reason.
    #[arg(long, requires = "reason")]
    accept_unread: bool,
    /// Why the values that could not be read hold no opt-out (at least 20 characters
    /// in 2 words), required with --accept-unread; recorded in the audit log.
    #[arg(long, value_name = "TEXT", requires = "accept_unread")]
    reason: Option<String>,
}

pub fn run(ctx: &Context, args: SuppressArgs) -> anyhow::Result<()> {
    // `export.zip/unsubscribed.csv` names a file in an archive, not one on disk.
    let in_archive = !args.file.exists() && args.file.ancestors().skip(1).any(Path::is_file);
    if !in_archive {
        super::readable(&args.file)?;
    }
    // A pipe (`suppress <(...)`, /dev/stdin) is read once, into a private copy: the
    // list is read more than once.
    let spooled = match in_archive {
        true => None,
        false => crate::import::spool::spool(&args.file)
            .map_err(|e| anyhow::Error::new(e).context(args.file.display().to_string()))?,
    };
    let path = spooled
        .as_ref()
        .map_or(args.file.as_path(), |s| s.path.as_path());
    let mut ws = ctx.open_or_create()?;
    let region = args
        .region
        .as_deref()
        .map(str::parse::<Region>)
        .transpose()
        .map_err(|message| super::Exit { code: 2, message })?;
    let options = suppress::ListOptions {
        sheet: args.sheet.as_deref(),
        region,
        accept_unread: args.reason.as_deref().filter(|_| args.accept_unread),
        report_unread: false,
        shown: Some(&args.file),
    };
    let report = suppress::suppress_list_in(&mut ws, path, options, &actor())
        .map_err(|e| anyhow::Error::new(e).context(args.file.display().to_string()))?;
    if ctx.json {
        return print_json(&report);
    }
    outln!(
        "{}: {} added to the suppression list, {} already on it ({} in total)",
        for_terminal(&report.file),
        count(report.added, "address"),
        report.already_present,
        count(report.total, "entry")
    );
    if let Some(sheet) = &report.sheet {
        let only = if args.sheet.is_none() {
            " (the workbook's only sheet)"
        } else {
            ""
        };
        outln!("sheet `{}` read{only}", for_terminal(sheet));
    }
    if let Some(h) = &report.header {
        outln!(
            "line {} taken as the header: {}",
            h.line,
            for_terminal(&h.fields.join(", "))
        );
    }
    let needs = &report.needs_region;
    if needs.count > 0 {
        outln!(
            "note: {} written without a country code and no region is known ({} {}): {} kept as written and suppressed in every region, against any contact whose number {} could be; run again with --region CC (such as --region GB) to suppress only the one meant",
            count(needs.count, "phone number"),
            if needs.lines.len() == 1 {
                "line"
            } else {
                "lines"
            },
            lines(&needs.lines),
            if needs.count == 1 {
                "it is"
            } else {
                "they are"
            },
            if needs.count == 1 { "it" } else { "one" }
        );
    }
    let several = &report.several_regions;
    if several.count > 0 {
        outln!(
            "note: {} written without a country code {} read in each region the workspace's imports used ({}) and suppressed in every reading, on the safe side ({} {}); write numbers with their country code (+44 ...) or add a country column to suppress only the one meant",
            count(several.count, "phone number"),
            if several.count == 1 { "was" } else { "were" },
            report.regions.join(", "),
            if several.lines.len() == 1 {
                "line"
            } else {
                "lines"
            },
            lines(&several.lines)
        );
    }
    if !report.ragged.is_empty() {
        outln!(
            "warning: {} {} not line up with the header; every field of each was searched for addresses:",
            count(report.ragged.len() as u64, "row"),
            if report.ragged.len() == 1 {
                "does"
            } else {
                "do"
            }
        );
        for r in &report.ragged {
            outln!(
                "  line {}, {}: {}",
                r.line,
                place(report.header.is_some(), &r.column),
                for_terminal(&r.reason)
            );
        }
    }
    if !report.skipped.is_empty() {
        // A warning: each is an opt-out that may not be held.
        outln!(
            "warning: {} not added: not suppressed until added again as an e-mail address or a phone number with its country code:",
            count(report.skipped.len() as u64, "value")
        );
        for s in &report.skipped {
            outln!(
                "  line {}, {}: {}",
                s.line,
                place(report.header.is_some(), &s.column),
                for_terminal(&s.reason)
            );
        }
    }
    if let Some(reason) = &report.accepted {
        outln!(
            "accepted with --accept-unread (recorded in the audit log): {}",
            for_terminal(reason)
        );
    }
    Ok(())
}

/// `column Email` under a header; a list without one names its fields by position
/// (`field 1`), which needs no `column` before it.
fn place(has_header: bool, column: &str) -> String {
    if has_header {
        format!("column {}", for_terminal(column))
    } else {
        for_terminal(column).into_owned()
    }
}

/// `3, 7, 12` (the first 20, then how many more).
fn lines(lines: &[u64]) -> String {
    let mut out: Vec<String> = lines.iter().take(20).map(u64::to_string).collect();
    if lines.len() > 20 {
        out.push(format!("and {} more", lines.len() - 20));
    }
    out.join(", ")
}
