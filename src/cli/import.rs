//! `tactful import FILE...` and `tactful import undo [BATCH]`.
//!
//! Turns the options into one `ImportPlan` per file, runs each file as its own batch and
//! prints the import report (human text, or with `--json` one object per file; an array
//! when several files were given). When a file fails, the files before it stay
//! imported (each was its own committed batch): the error says so and names them, and
//! with `--json` their reports are printed first. A progress bar of bytes read goes to stderr, only
//! when stderr is a terminal and the output is not JSON.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{Context, print_json};
use crate::import::{self, ImportPlan, ImportReport, Phase, plan, undo};
use crate::text::for_terminal;
use crate::workspace::actor;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ImportArgs {
    #[command(subcommand)]
    action: Option<ImportAction>,
    /// CSV files to import; each becomes one batch.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
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
    /// Fill missing fields of short rows with blanks instead of rejecting the rows.
    #[arg(long)]
    allow_ragged: bool,
    /// The first row is data, not a header (default: detected).
    #[arg(long)]
    no_header: bool,
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
    /// held as not asked and granted by --consent); never an opt-out.
    #[arg(long)]
    accept_consent_upgrades: bool,
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
        let mut ws = ctx.open_or_create()?;
        let report = undo::undo(&mut ws, batch, &actor())?;
        if ctx.json {
            return print_json(&report);
        }
        outln!(
            "Undid batch {} ({}): {} contact(s) removed, {} restored, {} field(s) removed{}{}",
            report.batch,
            for_terminal(&report.file_name),
            report.contacts_removed,
            report.contacts_restored,
            report.fields_removed.len(),
            if report.fields_removed.is_empty() {
                String::new()
            } else {
                format!(" ({})", report.fields_removed.join(", "))
            },
            if report.opt_outs_kept == 0 {
                String::new()
            } else {
                format!(
                    "; {} opt-out(s) kept (an undo never turns consent back on)",
                    report.opt_outs_kept
                )
            }
        );
        if report.refusals_on_record > 0 {
            outln!(
                "{} refusal(s) of removed contacts stay on record: importing those people again keeps them declined, withdrawn or bounced",
                report.refusals_on_record
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
    let plans = plans(&args)?;
    let mut ws = ctx.open_or_create()?;
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
        let result = import::run(&mut ws, plan, &mut on_progress);
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        let report = match result {
            Ok(report) => report,
            Err(e) => return Err(failed_after(ctx, plans.len(), &reports, plan, e)),
        };
        if !ctx.json {
            print_report(&report)?;
        }
        reports.push(report);
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
    let failed = format!("import of {} failed", plan.path.display());
    if ctx.json
        && files > 1
        && let Err(print) = print_json(&done)
    {
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
            format!("; the {later} file(s) after it were not imported")
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
    let who = actor();
    Ok(args
        .files
        .iter()
        .map(|path| ImportPlan {
            key: args.key.clone(),
            delimiter,
            encoding,
            header: args.no_header.then_some(false),
            types: import::TypeOptions {
                decimal_comma: args.decimal_comma,
                date_order,
            },
            allow_ragged: args.allow_ragged,
            consent: consent.clone(),
            map: map.clone(),
            skip: args.skip.clone(),
            accept_consent_upgrades: args.accept_consent_upgrades,
            dry_run: args.dry_run,
            ..ImportPlan::new(path, who.clone())
        })
        .collect())
}

/// The consent upgrades: counts, then the first few of each kind.
fn print_upgrades(r: &ImportReport) -> std::io::Result<()> {
    const SHOWN: usize = 10;
    if r.consent_upgrades.is_empty() {
        return Ok(());
    }
    let applied = r.consent_upgrades.iter().filter(|u| u.applied).count();
    outln!(
        "  consent upgrades: {applied} applied, {} refused{}",
        r.consent_upgrades.len() - applied,
        if r.consent_upgrades.len() > SHOWN {
            format!(" (first {SHOWN} shown; --json lists all)")
        } else {
            String::new()
        }
    );
    for u in r.consent_upgrades.iter().take(SHOWN) {
        outln!(
            "    {} {}: {} -> {} {} ({})",
            for_terminal(&u.key),
            u.channel,
            u.from,
            u.to,
            if u.applied { "applied" } else { "refused" },
            for_terminal(&u.reason)
        );
    }
    Ok(())
}

fn progress_bar(plan: &ImportPlan) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{prefix} {msg} [{bar:30}] {bytes}/{total_bytes}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_prefix(for_terminal(&plan.path.display().to_string()).into_owned());
    bar
}

fn print_report(r: &ImportReport) -> std::io::Result<()> {
    let t = |s: &str| for_terminal(s).into_owned();
    outln!(
        "{}{}",
        t(&r.file),
        if r.dry_run {
            " (dry run: nothing was changed)"
        } else {
            ""
        }
    );
    outln!(
        "  detected: encoding {} ({}), delimiter {}, {}",
        r.encoding,
        r.encoding_source,
        t(&r.delimiter),
        if r.header {
            "first row is the header"
        } else {
            "no header row"
        }
    );
    outln!("  contact key: {}", t(&r.key));
    if let Some(l) = &r.layout {
        outln!(
            "  layout: {} {} (recognised by {})",
            t(&l.platform),
            t(&l.kind),
            t(&l.recognised_by)
        );
        for d in &l.decisions {
            outln!("    - {}", t(d));
        }
    }
    for m in r.mapping.iter().filter(|m| m.by == "--map") {
        outln!(
            "  mapped: column {} fills field {} (--map)",
            t(&m.header),
            t(&m.field)
        );
    }
    for s in &r.skipped_columns {
        outln!("  skipped: column {} ({})", t(&s.header), s.by);
    }
    outln!(
        "  rows: {} read, {} imported, {} rejected, {} blank skipped, {} skipped (erased earlier)",
        r.rows_read,
        r.rows_imported,
        r.rows_rejected.len(),
        r.rows_skipped_blank,
        r.rows_skipped_erased
    );
    outln!(
        "  contacts: {} added, {} updated, {} duplicate row(s) merged, {} in the workspace",
        r.contacts_added,
        r.contacts_updated,
        r.duplicates_merged,
        r.contacts_total
    );
    if r.consent_kept_withdrawn > 0 {
        outln!(
            "  consent: {} withdrawn or bounced consent(s) kept",
            r.consent_kept_withdrawn
        );
    }
    for (channel, n) in &r.consent_not_applied {
        outln!(
            "  consent: --consent {channel} did not apply to {n} row(s) whose {channel} consent the file states"
        );
    }
    print_upgrades(r)?;
    match r.batch {
        Some(b) => outln!("  batch: {b} (undo with `tactful import undo {b}`)"),
        None => outln!("  batch: none (dry run)"),
    }
    if !r.rows_rejected.is_empty() {
        outln!("  rejected rows:");
        for rej in &r.rows_rejected {
            outln!("    line {}: {}", rej.line, t(&rej.reason));
        }
    }
    if !r.warnings.is_empty() {
        outln!("  warnings:");
        for w in &r.warnings {
            outln!("    - {}", t(w));
        }
    }
    let new: Vec<_> = r.fields.iter().filter(|f| f.new).collect();
    if !new.is_empty() {
        outln!("  fields created:");
        for f in new {
            outln!(
                "    {} ({}): {}, role {}, {} ({})",
                t(&f.name),
                t(&f.header),
                f.ty,
                f.role,
                f.class.label(),
                t(&f.reason)
            );
        }
    }
    Ok(())
}
