//! The command-line face of tactful: argument parsing (clap), output and exit codes.
//!
//! One file per subcommand, named after it. Each turns its arguments into a call on the
//! domain modules and prints the result as human text or, with `--json`, as one JSON
//! document on stdout. Exit codes (PRODUCT.md, "Scripting contract"): 0 ok, 1 error,
//! 2 usage, 3 review has blockers.

/// `println!` that hands a write error (a closed pipe: `tactful ... | head`) back to the
/// caller instead of panicking; `report` turns a broken pipe into exit 0.
macro_rules! outln {
    () => {{
        use std::io::Write as _;
        writeln!(std::io::stdout())?;
    }};
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout(), $($arg)*)?;
    }};
}

mod audit;
mod campaign;
mod campaign_code;
mod campaign_edit;
mod campaign_show;
mod contact;
mod created;
mod csv_out;
mod demo;
mod explain;
mod explain_rule;
mod export;
mod fields;
mod import;
mod import_report;
mod preview;
mod reach;
mod review;
mod segment;
mod suppress;
mod unlock;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::campaign::as_of;
use crate::workspace::Workspace;

/// Plan personalised marketing campaigns offline without crossing privacy lines.
#[derive(Debug, Parser)]
#[command(name = "tactful", version, about, long_about = None)]
pub struct Cli {
    /// Workspace file (default: workspace.tactful in the platform data directory).
    #[arg(long, global = true, env = "TACTFUL_WORKSPACE", value_name = "PATH")]
    pub workspace: Option<PathBuf>,
    /// Date that relative dates ("within last 90 days") count from (default: today).
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = as_of_arg)]
    pub as_of: Option<NaiveDate>,
    /// Print machine-readable JSON on stdout instead of human text.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List fields with their type, role, privacy class and the reason for it; or change one.
    Fields(fields::FieldsArgs),
    /// Print the audit log.
    Audit,
    /// Build a fresh demo workspace from the bundled sample data and open it.
    Demo(demo::DemoArgs),
    /// Import CSV files into the audience (one undoable batch per file), or undo one.
    Import(Box<import::ImportArgs>),
    /// Add addresses from a file to the suppression list.
    Suppress(suppress::SuppressArgs),
    /// Add, list, show, edit and remove segments; their overlap.
    Segment(segment::SegmentArgs),
    /// Reach of an unsaved rule: how many contacts it matches.
    Reach(reach::ReachArgs),
    /// Apply a rule to one contact: each condition, the value, whether it held.
    ExplainRule(explain_rule::ExplainRuleArgs),
    /// Create, fill, list, show, remove campaigns; campaign as code (apply, dump).
    Campaign(campaign::CampaignArgs),
    /// Unlock a blocked field for one campaign, with a written justification (audited).
    Unlock(unlock::UnlockArgs),
    /// The whole audience: who gets which message, who is left out and why.
    Preview(preview::PreviewArgs),
    /// Why one contact gets what it gets in a campaign, step by step and rule by rule.
    Explain(explain::ExplainArgs),
    /// Everything held about one contact (GDPR Art. 15), or erase it (Art. 17).
    Contact(contact::ContactArgs),
    /// Findings for the privacy reviewer (exit code 3 while a blocker is open); sign off.
    Review(review::ReviewArgs),
    /// Write recipients.csv and manifest.json, only when review finds no blocker.
    Export(export::ExportArgs),
}

/// What every command needs: where the workspace is, the as-of date, the output mode.
#[derive(Debug, Clone)]
pub struct Context {
    pub workspace: PathBuf,
    /// Today: `$TACTFUL_TODAY` (YYYY-MM-DD) when set, for reproducible runs, else the
    /// local clock's date.
    pub today: NaiveDate,
    pub as_of: NaiveDate,
    /// Whether `--as-of` was given (it then overrides a campaign's own as-of date).
    pub as_of_given: bool,
    pub json: bool,
}

impl Context {
    /// The as-of date for `campaign`: `--as-of` if given, else the campaign's own, else
    /// today.
    pub fn as_of_for(&self, campaign: &crate::campaign::Campaign) -> NaiveDate {
        if self.as_of_given {
            self.as_of
        } else {
            campaign.as_of_or(self.as_of)
        }
    }

    /// Open the workspace, which must exist (see [`Workspace::open_existing`]).
    pub fn open(&self) -> anyhow::Result<Workspace> {
        let mut ws = crate::upgrade_notice::announce_upgrade(&self.workspace, |note| {
            Workspace::open_existing_noting_upgrade(&self.workspace, note)
        })?;
        ws.set_today(self.today);
        Ok(ws)
    }

    /// Open the workspace, creating it if needed: for the commands that bring data in.
    /// A file created here is removed again if the command fails before committing
    /// anything to it ([`created`]).
    pub fn open_or_create(&self) -> anyhow::Result<Workspace> {
        let existed = std::fs::symlink_metadata(&self.workspace).is_ok();
        let opened = crate::upgrade_notice::announce_upgrade(&self.workspace, |note| {
            Workspace::open_noting_upgrade(&self.workspace, note)
        });
        if !existed && std::fs::symlink_metadata(&self.workspace).is_ok() {
            created::note(&self.workspace);
        }
        let mut ws = opened
            .with_context(|| format!("cannot open workspace {}", self.workspace.display()))?;
        ws.set_today(self.today);
        Ok(ws)
    }
}

/// Check that `path` can be read before a command that creates the workspace opens it:
/// a mistyped file name must leave no empty workspace behind.
///
/// Errors: the file cannot be opened for reading (missing, a directory, no permission).
pub fn readable(path: &std::path::Path) -> anyhow::Result<()> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        anyhow::bail!("cannot read {}: it is a directory", path.display());
    }
    Ok(())
}

/// Errors that carry their own exit code.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Exit {
    pub code: u8,
    pub message: String,
}

/// Parse the arguments, run the command and turn the outcome into an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let cleanup = created::Cleanup;
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            cleanup.failed();
            report(e)
        }
    }
}

fn report(e: anyhow::Error) -> ExitCode {
    let is_broken_pipe = |io: &io::Error| io.kind() == io::ErrorKind::BrokenPipe;
    let broken_pipe = e.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(is_broken_pipe)
            || cause
                .downcast_ref::<csv::Error>()
                .is_some_and(|c| matches!(c.kind(), csv::ErrorKind::Io(io) if is_broken_pipe(io)))
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                .is_some_and(|k| k == io::ErrorKind::BrokenPipe)
    });
    if broken_pipe {
        return ExitCode::SUCCESS;
    }
    // Written, not `eprintln!`ed: standard error may be a terminal that hung up (the
    // TUI ends with "the terminal closed" then), and `eprintln!` would panic on it.
    let mut stderr = io::stderr();
    if let Some(exit) = e.downcast_ref::<Exit>() {
        if !exit.message.is_empty() {
            let _ = writeln!(stderr, "{}", crate::text::for_terminal_lines(&exit.message));
        }
        return ExitCode::from(exit.code);
    }
    let _ = writeln!(
        stderr,
        "error: {}",
        crate::text::for_terminal_lines(&format!("{e:#}"))
    );
    ExitCode::from(1)
}

/// `--as-of` as clap reads it: [`as_of::parse`], its error as clap's message.
fn as_of_arg(text: &str) -> Result<NaiveDate, String> {
    as_of::parse(text).map_err(|e| e.to_string())
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let workspace = match (&cli.command, cli.workspace) {
        (Some(Command::Demo(_)), explicit) => demo::demo_path(explicit)?,
        (_, Some(p)) => p,
        (_, None) => Workspace::default_path()?,
    };
    let today = match std::env::var("TACTFUL_TODAY") {
        Ok(text) if !text.trim().is_empty() => as_of::parse(&text).map_err(|e| Exit {
            code: 2,
            message: format!("TACTFUL_TODAY: {e}"),
        })?,
        _ => chrono::Local::now().date_naive(),
    };
    let ctx = Context {
        workspace,
        today,
        as_of: cli.as_of.unwrap_or(today),
        as_of_given: cli.as_of.is_some(),
        json: cli.json,
    };
    match cli.command {
        Some(Command::Fields(args)) => fields::run(&ctx, args),
        Some(Command::Audit) => audit::run(&ctx),
        Some(Command::Demo(args)) => demo::run(&ctx, args),
        Some(Command::Import(args)) => import::run(&ctx, *args),
        Some(Command::Suppress(args)) => suppress::run(&ctx, args),
        // A signal ends the app with 128 + its number, the terminal restored.
        None => {
            crate::tui::run(&ctx.workspace, ctx.as_of_given.then_some(ctx.as_of)).map_err(|e| {
                match e.downcast::<crate::tui::signals::Stopped>() {
                    Ok(s) => Exit {
                        code: s.exit_code(),
                        message: s.to_string(),
                    }
                    .into(),
                    Err(e) => e,
                }
            })
        }
        Some(Command::Segment(args)) => segment::run(&ctx, args),
        Some(Command::Reach(args)) => reach::run(&ctx, args),
        Some(Command::ExplainRule(args)) => explain_rule::run(&ctx, args),
        Some(Command::Campaign(args)) => campaign::run(&ctx, args),
        Some(Command::Unlock(args)) => unlock::run(&ctx, args),
        Some(Command::Preview(args)) => preview::run(&ctx, args),
        Some(Command::Explain(args)) => explain::run(&ctx, args),
        Some(Command::Contact(args)) => contact::run(&ctx, args),
        Some(Command::Review(args)) => review::run(&ctx, args),
        Some(Command::Export(args)) => export::run(&ctx, args),
    }
}

/// Standard output for a whole document (CSV, JSON, TOML): the exact bytes into a pipe
/// or a file, made safe for a terminal when it is one (escape sequences, C1 controls
/// and bidi overrides from the data never reach it: [`crate::text::SafeWriter`]).
pub fn document_out(json: bool) -> crate::text::SafeWriter<io::StdoutLock<'static>> {
    use std::io::IsTerminal as _;
    let stdout = io::stdout();
    let mode = crate::text::StreamSafety::for_output(stdout.is_terminal(), json);
    crate::text::SafeWriter::new(stdout.lock(), mode)
}

/// Print `value` as pretty JSON on stdout (escaped where unsafe on a terminal).
pub fn print_json(value: &impl serde::Serialize) -> anyhow::Result<()> {
    let mut out = io::BufWriter::new(document_out(true));
    serde_json::to_writer_pretty(&mut out, value).map_err(io::Error::from)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// Print a table of untrusted cells, padded by display width, each cell made safe for
/// the terminal.
pub fn print_table(headers: &[&str], rows: &[Vec<String>]) -> anyhow::Result<()> {
    use unicode_width::UnicodeWidthStr;
    let safe: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| crate::text::for_terminal(c).into_owned())
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for row in &safe {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = io::stdout().lock();
    let line = |out: &mut io::StdoutLock<'_>, cells: &[&str]| -> io::Result<()> {
        let mut text = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            text.push_str(cell);
            if i + 1 < cells.len() {
                text.push_str(&" ".repeat(w.saturating_sub(cell.width()) + 2));
            }
        }
        writeln!(out, "{}", text.trim_end())
    };
    line(&mut out, headers)?;
    for row in &safe {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        line(&mut out, &cells)?;
    }
    Ok(())
}
