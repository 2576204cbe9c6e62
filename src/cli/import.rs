//! `tactful import FILE...` and `tactful import undo [BATCH]`.
//!
//! Turns the options into one `ImportPlan` per file, runs each file as its own batch (a
//! ZIP archive as one import of a batch per member) and prints the import report (human
//! text, or with `--json` one object when there is one batch; an array when several
//! files, or an archive, were given). When a file fails, the files before it stay
//! imported (each was its own committed batch): the error says so and names them, and
//! with `--json` their reports are printed first; a single file of which nothing was
//! imported prints its report (`batch` null) before the error. A progress bar of bytes read goes to stderr, only
//! when stderr is a terminal and the output is not JSON.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{Context, print_json};
use crate::import::{self, ImportPlan, ImportReport, Phase, plan, undo};
use crate::text::{count, for_terminal};
use crate::workspace::{Workspace, actor};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ImportArgs {
    #[command(subcommand)]
    action: Option<ImportAction>,
    /// Files to import: CSV (or other delimited text), XLSX/XLS/ODS workbooks, or a ZIP
    /// of such files (each member its own batch, opt-out files last; a member that is
    /// neither fails the import). Each file is one batch.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The sheet of a workbook to import (default: the first visible worksheet).
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// The file has several rows per contact (an orders export): keep its orders by
    /// order id and give each contact order_count, order_total, first_order_date and
    /// last_order_date. A later orders file updates them without counting an order twice.
    #[arg(long)]
    aggregate: bool,
    /// With --aggregate: the order id column (default: found by name; Shopify's `Name`).
    #[arg(long, value_name = "COLUMN", requires = "aggregate")]
    order_id: Option<String>,
    /// With --aggregate: the amount column (default: found by name; Shopify's `Total`).
    #[arg(long, value_name = "COLUMN", requires = "aggregate")]
    amount: Option<String>,
    /// With --aggregate: the order date column (default: found by name; Shopify's
    /// `Created at`).
    #[arg(long, value_name = "COLUMN", requires = "aggregate")]
    order_date: Option<String>,
    /// Field (or header) whose value identifies a contact (default: the e-mail column).
    #[arg(long, value_name = "FIELD")]
    key: Option<String>,
    /// Delimiter: one character such as , ; | or the word tab (default: detected).
    #[arg(long, value_name = "C")]
    delimiter: Option<String>,
    /// Encoding such as utf-8, windows-1252, latin1, utf-16le (default: detected).
    #[arg(long, value_name = "NAME")]
    encoding: Option<String>,
    /// Order of day and month in dates like 03/04/2024: dmy, mdy or ymd.
    #[arg(long, value_name = "ORDER")]
    date_order: Option<String>,
    /// Read `12,50` as 12.5 (decimal comma); otherwise such values stay text.
    #[arg(long)]
    decimal_comma: bool,
    /// Short rows are padded with blanks by default; this pads also those missing a
    /// consent, opt-out or age cell, which are otherwise rejected.
    #[arg(long)]
    allow_ragged: bool,
    /// The first row is data, not a header (default: detected).
    #[arg(long, conflicts_with = "header_line")]
    no_header: bool,
    /// The header is on line N of the file (1-based); the lines above it are skipped as
    /// a title (default: title lines above the header are detected and named in a
    /// warning).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    header_line: Option<u64>,
    /// Consent for the whole file, e.g. email=granted or sms=withdrawn (repeatable).
    /// Fills only what the file does not state: a row's consent column or the status a
    /// recognised export gives its file always wins.
    #[arg(long, value_name = "CHANNEL=STATE")]
    consent: Vec<String>,
    /// Put a column into a field: 'Header=field' (repeatable); the field may exist
    /// already or is created with that name.
    #[arg(long = "map", value_name = "HEADER=FIELD")]
    map: Vec<String>,
    /// Leave a column out of the import (repeatable).
    #[arg(long = "skip", value_name = "HEADER")]
    skip: Vec<String>,
    /// Apply upgrades into granted that lack evidence (a contact that declined, or one
    /// held as not asked and granted by --consent); never an opt-out. Needs
    /// --upgrade-reason.
    #[arg(long)]
    accept_consent_upgrades: bool,
    /// Why the upgrades may be applied (at least 20 characters in 2 words), required
    /// with --accept-consent-upgrades; recorded in the audit log and on each upgraded
    /// contact's consent evidence.
    #[arg(long, value_name = "TEXT")]
    upgrade_reason: Option<String>,
    /// Read phone numbers written without a country code in this region (ISO 3166-1
    /// code such as GB, DE, US); a row's country column wins. Stored as the workspace's
    /// region for later imports, suppression lists and erasure.
    #[arg(long, value_name = "CC")]
    region: Option<String>,
    /// Do everything, then roll back: shows the report without changing the workspace.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, Subcommand)]
enum ImportAction {
    /// Undo the latest import (or batch BATCH, if no later import is still in effect).
    Undo {
        /// Batch id, as shown by the import report.
        batch: Option<i64>,
    },
}

pub fn run(ctx: &Context, args: ImportArgs) -> anyhow::Result<()> {
    if let Some(ImportAction::Undo { batch }) = args.action {
        // Nothing to undo in a workspace that does not exist: never create one here.
        let mut ws = ctx.open()?;
        let report = undo::undo(&mut ws, batch, &actor())?;
        if ctx.json {
            return print_json(&report);
        }
        outln!(
            "Undid batch {} ({}): {} removed, {} restored, {} removed{}{}",
            report.batch,
            for_terminal(&report.file_name),
            count(report.contacts_removed, "contact"),
            report.contacts_restored,
            count(report.fields_removed.len() as u64, "field"),
            if report.fields_removed.is_empty() {
                String::new()
            } else {
                format!(" ({})", report.fields_removed.join(", "))
            },
            if report.opt_outs_kept == 0 {
                String::new()
            } else {
                format!(
                    "; {} kept (an undo never turns consent back on)",
                    count(report.opt_outs_kept, "opt-out")
                )
            }
        );
        for w in &report.warnings {
            outln!("warning: {}", for_terminal(w));
        }
        if !report.decisions_kept.is_empty() {
            outln!(
                "a person's class or role decisions about {} stay on record: an import that brings the field back applies them again",
                report.decisions_kept.join(", ")
            );
        }
        if report.refusals_on_record > 0 {
            outln!(
                "{} of removed contacts {} on record: importing those people again keeps them declined, withdrawn or bounced",
                count(report.refusals_on_record, "refusal"),
                if report.refusals_on_record == 1 {
                    "stays"
                } else {
                    "stay"
                }
            );
        }
        if report.minors_on_record > 0 {
            outln!(
                "{} kept on record by address: the minor check still excludes {} if a later file brings the same address",
                count(report.minors_on_record, "known minor"),
                if report.minors_on_record == 1 {
                    "that person"
                } else {
                    "those people"
                }
            );
        }
        return Ok(());
    }
    if args.files.is_empty() {
        return Err(super::Exit {
            code: 2,
            message: "tactful import: give one or more FILEs, or `import undo [BATCH]`".into(),
        }
        .into());
    }
    let mut plans = plans(&args)?;
    for plan in &plans {
        // Before the workspace is opened: a refused option creates nothing.
        plan.check().map_err(|e| super::Exit {
            code: 2,
            message: format!("error: {e}"),
        })?;
    }
    for plan in &plans {
        super::readable(&plan.path)?;
    }
    // A pipe gives its bytes once and an import reads a file several times: each is
    // read once into a private copy, kept until the imports are done.
    let mut spooled = Vec::new();
    for plan in &mut plans {
        if let Some(copy) = import::spool::spool(&plan.path)? {
            plan.shown = Some(std::mem::replace(&mut plan.path, copy.path.clone()));
            spooled.push(copy);
        }
    }
    // A dry run changes nothing, so it never creates the workspace: into one that does
    // not exist yet it runs against an empty one in memory.
    let mut ws = if args.dry_run && !ctx.workspace.exists() {
        Workspace::open_in_memory()?
    } else {
        ctx.open_or_create()?
    };
    // Test hook (tests/workspace_cleanup_cli.rs): a panic once the workspace is open,
    // before anything is committed; nothing else sets it.
    if std::env::var_os(crate::tui::TEST_PANIC).is_some_and(|v| v == "import") {
        panic!("TACTFUL_TEST_PANIC=import");
    }
    let mut reports = Vec::with_capacity(plans.len());
    for plan in &plans {
        let show_bar = !ctx.json && std::io::stderr().is_terminal();
        let bar = show_bar.then(|| progress_bar(plan));
        let mut on_progress = |p: import::Progress| {
            if let Some(bar) = &bar {
                bar.set_length(p.bytes_total);
                bar.set_position(p.bytes_done);
                bar.set_message(match p.phase {
                    Phase::Analyse => "reading",
                    Phase::Load => "loading",
                });
            }
        };
        let result = import::run_all(&mut ws, plan, &mut on_progress);
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        let batch = match result {
            Ok(batch) => batch,
            Err(e) => return Err(failed_after(ctx, plans.len(), &reports, plan, e)),
        };
        if !ctx.json {
            if let Some(a) = batch.first().and_then(|r| r.archive.as_ref()) {
                outln!(
                    "{}: ZIP archive of {}, imported as one import, each its own batch ({})",
                    for_terminal(&a.archive.display().to_string()),
                    count(a.members as u64, "file"),
                    a.order
                );
            }
            for report in &batch {
                super::import_report::print(report)?;
            }
        }
        reports.extend(batch);
    }
    if ctx.json {
        if reports.len() == 1 {
            return print_json(&reports[0]);
        }
        return print_json(&reports);
    }
    Ok(())
}

/// The error of a file that failed after `done` succeeded. Those stay committed, each as
/// its own batch: the message names them, and with `--json` (several files) their
/// reports are printed first, as the array so far, so a script knows what is in.
fn failed_after(
    ctx: &Context,
    files: usize,
    done: &[ImportReport],
    plan: &ImportPlan,
    e: import::ImportError,
) -> anyhow::Error {
    let failed = format!("import of {} failed", plan.display_name());
    // A single file of which nothing was imported still has a report (no batch): a
    // script sees why (rows rejected, contacts erased) as it sees a success. With
    // several files the array stays the batches that are in.
    let printed = match (ctx.json, e.report()) {
        (false, _) => Ok(()),
        (true, _) if files > 1 => print_json(&done),
        (true, Some(report)) => print_json(report),
        (true, None) => Ok(()),
    };
    if let Err(print) = printed {
        return print.context(failed);
    }
    if done.is_empty() {
        return anyhow::Error::new(e).context(failed);
    }
    let kept: Vec<String> = done
        .iter()
        .map(|r| match r.batch {
            Some(b) => format!("{} (batch {b})", r.file),
            None => format!("{} (dry run)", r.file),
        })
        .collect();
    let later = files - done.len() - 1;
    anyhow::Error::new(e).context(format!(
        "{failed}; the {} file{} before it stay{} imported, each as its own batch: {}{}",
        done.len(),
        if done.len() == 1 { "" } else { "s" },
        if done.len() == 1 { "s" } else { "" },
        kept.join(", "),
        if later > 0 {
            format!(
                "; the {} after it {} not imported",
                count(later as u64, "file"),
                if later == 1 { "was" } else { "were" }
            )
        } else {
            String::new()
        }
    ))
}

fn plans(args: &ImportArgs) -> anyhow::Result<Vec<ImportPlan>> {
    let usage = |e: import::ImportError| super::Exit {
        code: 2,
        message: format!("error: {e}"),
    };
    let delimiter = args
        .delimiter
        .as_deref()
        .map(plan::parse_delimiter)
        .transpose()
        .map_err(usage)?;
    let encoding = args
        .encoding
        .as_deref()
        .map(import::decode::encoding_for_label)
        .transpose()
        .map_err(usage)?;
    let date_order = args
        .date_order
        .as_deref()
        .map(plan::parse_date_order)
        .transpose()
        .map_err(usage)?;
    let mut consent = std::collections::BTreeMap::new();
    for c in &args.consent {
        let (channel, state) = plan::parse_consent(c).map_err(usage)?;
        consent.insert(channel, state);
    }
    let map = args
        .map
        .iter()
        .map(|m| plan::parse_map(m))
        .collect::<Result<Vec<_>, _>>()
        .map_err(usage)?;
    let region = args
        .region
        .as_deref()
        .map(plan::parse_region)
        .transpose()
        .map_err(usage)?;
    let who = actor();
    Ok(args
        .files
        .iter()
        .map(|path| ImportPlan {
            sheet: args.sheet.clone(),
            aggregate: args.aggregate.then(|| import::orders::OrderOptions {
                order_id: args.order_id.clone(),
                amount: args.amount.clone(),
                date: args.order_date.clone(),
            }),
            key: args.key.clone(),
            delimiter,
            encoding,
            header: args.no_header.then_some(false),
            header_line: args.header_line,
            types: import::TypeOptions {
                decimal_comma: args.decimal_comma,
                date_order,
            },
            allow_ragged: args.allow_ragged,
            consent: consent.clone(),
            map: map.clone(),
            skip: args.skip.clone(),
            accept_consent_upgrades: args.accept_consent_upgrades,
            upgrade_reason: args.upgrade_reason.clone(),
            region,
            dry_run: args.dry_run,
            ..ImportPlan::new(path, who.clone())
        })
        .collect())
}

fn progress_bar(plan: &ImportPlan) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{prefix} {msg} [{bar:30}] {bytes}/{total_bytes}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_prefix(for_terminal(&plan.display_name()).into_owned());
    bar
}
