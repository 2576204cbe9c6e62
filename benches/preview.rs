//! Preview of a campaign over the merged contacts of the import bench's file, every
//! message rendered and written to a CSV file, against the sqlite3 shell writing the
//! same contacts' rows with the messages built by SQL string concatenation (`.mode
//! csv`, `.output FILE`).
//!
//! Run with `cargo bench --bench preview`. The workspace is the import bench's
//! 1,000,000-row customer file (`benches/common`, generated once into
//! `target/bench-data/`) imported once by tactful itself, so it holds the contacts
//! after merging, and the shell reads the very same `contacts` table: both sides see
//! the same contacts. Two campaigns: `one` (one segment, `tags has "vip"`) and `three`
//! (three segments by priority: tag, city, recent order). The shell does less than
//! tactful: no suppression list, no minor or address checks, no de-duplication, no
//! holdout, no Unicode case folding, no coverage counts; its rows differ from ours only
//! where those steps exclude. Times are medians of [`RUNS`] runs after a warm-up, the
//! two sides alternating, both as wall time (the shell's includes its start-up, a few
//! milliseconds). Peak memory is the process's peak resident set (VmHWM, reset before
//! each run on Linux).

mod common;
mod generator;

use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use generator::as_of;
use tactful::campaign::preview;
use tactful::campaign::store as campaigns;
use tactful::campaign::{BodyFormat, Campaign, Entry};
use tactful::fields::Channel;
use tactful::import::{self, ImportPlan};
use tactful::workspace::Workspace;

const RUNS: usize = 3;
const SHELL: &str = "/usr/bin/sqlite3";

/// The seed of the import bench's file (`benches/import.rs`), so both share it.
const SEED: u64 = 0x7AC7_F011;
const ROWS: u64 = 1_000_000;

/// (segment, rule, subject, body)
const ENTRIES: &[(&str, &str, &str, &str)] = &[
    (
        "vip",
        r#"tags has "vip""#,
        r#"Thanks, {{ first_name | default("friend") }}"#,
        "Hi {{ first_name | default(\"there\") }},\nas one of our VIPs in {{ city }} you get early access.",
    ),
    (
        "berlin",
        r#"city is "Berlin""#,
        "News from Berlin",
        "Hallo {{ first_name | default(\"there\") }}, a new shop opens in {{ city }}.",
    ),
    (
        "recent",
        "last_order_date within last 90 days",
        "Your order",
        "Hi {{ first_name | default(\"there\") }}, thanks for your order.",
    ),
];

/// The campaigns: name and how many of [`ENTRIES`] they hold.
const CAMPAIGNS: &[(&str, usize)] = &[("one", 1), ("three", 3)];

/// The shell's conditions, subjects and bodies per entry, by SQL concatenation. Dates:
/// 90 days before 2026-03-01 is 2025-12-01.
const SHELL_ENTRIES: &[(&str, &str, &str)] = &[
    (
        "instr(', ' || lower(tags) || ',', ', vip,') > 0",
        "'Thanks, ' || coalesce(nullif(trim(first_name), ''), 'friend')",
        "'Hi ' || coalesce(nullif(trim(first_name), ''), 'there') || ',' || char(10) || 'as one of our VIPs in ' || city || ' you get early access.'",
    ),
    (
        "lower(trim(city)) = 'berlin'",
        "'News from Berlin'",
        "'Hallo ' || coalesce(nullif(trim(first_name), ''), 'there') || ', a new shop opens in ' || city || '.'",
    ),
    (
        "last_order_date BETWEEN '2025-12-01' AND '2026-03-01'",
        "'Your order'",
        "'Hi ' || coalesce(nullif(trim(first_name), ''), 'there') || ', thanks for your order.'",
    ),
];

/// The shell's query for a campaign of the first `n` entries.
fn shell_sql(n: usize) -> String {
    let entries = &SHELL_ENTRIES[..n];
    let names: Vec<&str> = ENTRIES[..n].iter().map(|e| e.0).collect();
    let case = |pick: &dyn Fn(usize) -> String| {
        let whens: String = (0..n)
            .map(|i| format!(" WHEN {} THEN {}", entries[i].0, pick(i)))
            .collect();
        format!("CASE WHEN _consent_email <> 'granted' THEN NULL{whens} END")
    };
    let any: Vec<&str> = entries.iter().map(|e| e.0).collect();
    format!(
        "SELECT _key AS key, email AS address, {} AS segment, {} AS subject, {} AS body,
  CASE WHEN _consent_email <> 'granted' THEN 'no_consent' WHEN {} THEN NULL ELSE 'no_segment' END AS excluded
FROM contacts ORDER BY _id;\n",
        case(&|i| format!("'{}'", names[i])),
        case(&|i| entries[i].1.to_string()),
        case(&|i| entries[i].2.to_string()),
        any.join(" OR ")
    )
}

/// The import bench's file, generated once.
fn customers() -> Result<PathBuf, Box<dyn std::error::Error>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!(
        "customers-{ROWS}-{SEED:x}-v{}.csv",
        common::VERSION
    ));
    if !path.exists() {
        let partial = path.with_extension("partial");
        let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(&partial)?);
        common::write_customers(&mut out, ROWS, SEED)?;
        out.flush()?;
        drop(out);
        std::fs::rename(&partial, &path)?;
    }
    Ok(path)
}

/// Version of the bench's workspace, raised whenever the product builds a workspace
/// differently from the same file, so the bench measures what a user's workspace is:
/// 3 since saving a campaign creates the indexes its preview reads
/// (`campaign::indexes`), 4 since that includes the tags field's (session 11: the
/// known minors are read from it).
const WORKSPACE_VERSION: u32 = 4;

/// The workspace: the customer file imported by tactful (the merged contacts) and the
/// two campaigns, built once into `target/bench-data/preview-merged-vN.tactful`.
fn workspace() -> Result<PathBuf, Box<dyn std::error::Error>> {
    let file = customers()?;
    let path = file.with_file_name(format!("preview-merged-v{WORKSPACE_VERSION}.tactful"));
    if path.exists() {
        return Ok(path);
    }
    let partial = path.with_extension("partial");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", partial.display()));
    }
    println!(
        "importing {} once into {}...",
        file.display(),
        path.display()
    );
    let t = Instant::now();
    let mut ws = Workspace::open(&partial)?;
    import::run(&mut ws, &ImportPlan::new(&file, "bench"), &mut |_| {})?;
    println!("imported in {:.1} s", t.elapsed().as_secs_f64());
    ws.write(|tx| {
        for (name, rule, _, _) in ENTRIES {
            tx.execute(
                "INSERT INTO segments (name, rule, created_at, updated_at) VALUES (?1, ?2, '', '')",
                [name, rule],
            )?;
        }
        for (campaign, n) in CAMPAIGNS {
            let mut c = Campaign::new(campaign, Channel::Email);
            c.as_of = Some(as_of());
            for (name, _, subject, body) in &ENTRIES[..*n] {
                c.entries.push(Entry {
                    segment: name.to_string(),
                    subject: Some(subject.to_string()),
                    body: body.to_string(),
                    format: BodyFormat::Plain,
                });
            }
            campaigns::save(tx, &c)?;
        }
        Ok::<_, tactful::workspace::WorkspaceError>(())
    })?;
    ws.conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
    drop(ws);
    std::fs::rename(&partial, &path)?;
    Ok(path)
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    xs[xs.len() / 2]
}

/// Peak resident set of this process in KiB (Linux VmHWM), if known.
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Reset the peak resident set (Linux >= 4.0: write 5 to clear_refs).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn ours(
    ws: &Workspace,
    c: &Campaign,
    out: &Path,
) -> Result<(f64, preview::Summary), Box<dyn std::error::Error>> {
    let t = Instant::now();
    let file = std::fs::File::create(out)?;
    let mut w = csv::Writer::from_writer(BufWriter::with_capacity(1 << 16, file));
    w.write_record(["key", "address", "segment", "subject", "body", "excluded"])?;
    let summary = preview::run(ws, c, as_of(), &mut |row| {
        w.write_record([
            row.key.as_str(),
            row.address.as_deref().unwrap_or_default(),
            row.segment.as_deref().unwrap_or_default(),
            row.subject.as_deref().unwrap_or_default(),
            row.body.as_deref().unwrap_or_default(),
            row.excluded.map(|e| e.code()).unwrap_or_default(),
        ])
        .map_err(std::io::Error::other)
    })?;
    w.flush()?;
    Ok((t.elapsed().as_secs_f64(), summary))
}

fn shell(path: &Path, out: &Path, sql: &str) -> Option<f64> {
    let script = format!(".mode csv\n.headers on\n.output {}\n{sql}", out.display());
    let t = Instant::now();
    let mut child = Command::new(SHELL)
        .arg(path)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(script.as_bytes()).ok()?;
    child
        .wait()
        .ok()?
        .success()
        .then(|| t.elapsed().as_secs_f64())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = workspace()?;
    let ws = Workspace::open(&path)?;
    let contacts: i64 = ws
        .conn()
        .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))?;
    println!("{contacts} contacts after merging {ROWS} rows; both sides read them");
    let dir = path.with_file_name("preview-out");
    std::fs::create_dir_all(&dir)?;
    for (name, n) in CAMPAIGNS {
        println!("\ncampaign `{name}` ({n} segment(s)):");
        compare(&ws, &path, &dir, name, *n)?;
    }
    Ok(())
}

fn compare(
    ws: &Workspace,
    path: &Path,
    dir: &Path,
    name: &str,
    n: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let c = tactful::campaign::unlock::load(ws, name)?;
    let mine = dir.join(format!("tactful-{name}.csv"));
    let theirs = dir.join(format!("sqlite3-{name}.csv"));
    let before = peak_kib();
    let shell_sql = Path::new(SHELL).exists().then(|| shell_sql(n));
    if shell_sql.is_none() {
        println!("{SHELL} not found (Debian package `sqlite3`): skipping the shell comparison");
    }
    // The two sides alternate (tactful, shell, tactful, shell, ...), so load that
    // changes during the run weighs on both alike.
    let mut times = Vec::new();
    let mut shell_times = Vec::new();
    let mut peak = None;
    let mut summary = None;
    for run in 0..=RUNS {
        reset_peak();
        let (secs, s) = ours(ws, &c, &mine)?;
        peak = peak_kib();
        summary = Some(s);
        let theirs_secs = match &shell_sql {
            Some(sql) => match shell(path, &theirs, sql) {
                Some(t) => Some(t),
                None => {
                    println!("the sqlite3 shell failed; skipping the comparison");
                    return Ok(());
                }
            },
            None => None,
        };
        if run > 0 {
            times.push(secs);
            shell_times.extend(theirs_secs);
        }
    }
    let ours_s = median(times);
    if let Some(s) = &summary {
        println!(
            "audience {} = {} recipients + {} excluded; reconciles: {}",
            s.audience,
            s.recipients,
            s.audience - s.recipients,
            s.reconciles()
        );
        for seg in &s.per_segment {
            println!("  {}: {} recipients", seg.segment, seg.recipients);
        }
        for r in s.per_reason.iter().filter(|r| r.contacts > 0) {
            println!("  {}: {}", r.reason.code(), r.contacts);
        }
    }
    let size = std::fs::metadata(&mine).map(|m| m.len()).unwrap_or(0);
    println!(
        "tactful preview -> CSV: {:.2} s ({} MB written), peak RSS {} MiB (before the first run: {} MiB)",
        ours_s,
        size / 1_000_000,
        peak.map_or_else(|| "?".into(), |k| (k / 1024).to_string()),
        before.map_or_else(|| "?".into(), |k| (k / 1024).to_string())
    );
    if shell_times.is_empty() {
        return Ok(());
    }
    let shell_s = median(shell_times);
    println!(
        "sqlite3 shell, SQL concatenation -> CSV: {:.2} s ({} MB written)",
        shell_s,
        std::fs::metadata(&theirs).map(|m| m.len()).unwrap_or(0) / 1_000_000
    );
    println!(
        "ratio tactful / sqlite3: {:.2}x (goal: at most 1.0x)",
        ours_s / shell_s
    );
    Ok(())
}
