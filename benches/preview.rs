//! Preview of a three-segment e-mail campaign over the 1,000,000-contact workspace of
//! the reach bench, every message rendered and written to a CSV file, against the
//! sqlite3 shell writing the same rows with the messages built by SQL string
//! concatenation (`.mode csv`, `.output FILE`).
//!
//! Run with `cargo bench --bench preview`. The workspace is the reach bench's, copied
//! once to `target/bench-data/preview-1m.tactful` and given an e-mail field (the contact
//! key) and e-mail consent (granted for 9 in 10). The shell does less than tactful: no
//! suppression list, no minor or address checks, no de-duplication, no holdout, no
//! Unicode case folding; its rows differ from ours only where those steps exclude. Times
//! are medians of [`RUNS`] runs after a warm-up, both as wall time (the shell's includes
//! its start-up, a few milliseconds). Peak memory is the process's peak resident set
//! (VmHWM, reset before each run on Linux).

mod generator;

use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use generator::as_of;
use tactful::campaign::preview;
use tactful::campaign::store as campaigns;
use tactful::campaign::{BodyFormat, Campaign, Entry};
use tactful::fields::{Channel, FieldType, PrivacyClass, Role};
use tactful::workspace::{Workspace, fields};

const RUNS: usize = 3;
const SHELL: &str = "/usr/bin/sqlite3";

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

/// The same rows by SQL concatenation. Dates: 90 days before 2026-03-01 is 2025-12-01.
const SHELL_SQL: &str = r#"
SELECT _key AS key, email AS address,
  CASE WHEN _consent_email <> 'granted' THEN NULL
       WHEN instr(', ' || lower(tags) || ',', ', vip,') > 0 THEN 'vip'
       WHEN lower(trim(city)) = 'berlin' THEN 'berlin'
       WHEN last_order_date BETWEEN '2025-12-01' AND '2026-03-01' THEN 'recent' END AS segment,
  CASE WHEN _consent_email <> 'granted' THEN NULL
       WHEN instr(', ' || lower(tags) || ',', ', vip,') > 0 THEN 'Thanks, ' || coalesce(nullif(trim(first_name), ''), 'friend')
       WHEN lower(trim(city)) = 'berlin' THEN 'News from Berlin'
       WHEN last_order_date BETWEEN '2025-12-01' AND '2026-03-01' THEN 'Your order' END AS subject,
  CASE WHEN _consent_email <> 'granted' THEN NULL
       WHEN instr(', ' || lower(tags) || ',', ', vip,') > 0 THEN 'Hi ' || coalesce(nullif(trim(first_name), ''), 'there') || ',' || char(10) || 'as one of our VIPs in ' || city || ' you get early access.'
       WHEN lower(trim(city)) = 'berlin' THEN 'Hallo ' || coalesce(nullif(trim(first_name), ''), 'there') || ', a new shop opens in ' || city || '.'
       WHEN last_order_date BETWEEN '2025-12-01' AND '2026-03-01' THEN 'Hi ' || coalesce(nullif(trim(first_name), ''), 'there') || ', thanks for your order.' END AS body,
  CASE WHEN _consent_email <> 'granted' THEN 'no_consent'
       WHEN instr(', ' || lower(tags) || ',', ', vip,') > 0 OR lower(trim(city)) = 'berlin'
         OR last_order_date BETWEEN '2025-12-01' AND '2026-03-01' THEN NULL
       ELSE 'no_segment' END AS excluded
FROM contacts ORDER BY _id;
"#;

fn workspace() -> Result<PathBuf, Box<dyn std::error::Error>> {
    let reach = generator::reach_workspace()?;
    let path = reach.with_file_name("preview-1m.tactful");
    if path.exists() {
        return Ok(path);
    }
    let partial = reach.with_file_name("preview-1m.partial");
    std::fs::copy(&reach, &partial)?;
    let mut ws = Workspace::open(&partial)?;
    let mut c = Campaign::new("bench", Channel::Email);
    c.as_of = Some(as_of());
    ws.write(|tx| {
        let email = generator::field("email", FieldType::Text, PrivacyClass::DirectIdentifier);
        fields::add(
            tx,
            &tactful::fields::Field {
                role: Role::Email,
                ..email
            },
            "bench",
            Some(1),
        )?;
        tx.execute(
            "UPDATE contacts SET email = _key, _consent_email = CASE WHEN _id % 10 = 0 THEN 'withdrawn' ELSE 'granted' END",
            [],
        )?;
        for (name, rule, subject, body) in ENTRIES {
            tx.execute(
                "INSERT INTO segments (name, rule, created_at, updated_at) VALUES (?1, ?2, '', '')",
                [name, rule],
            )?;
            c.entries.push(Entry {
                segment: name.to_string(),
                subject: Some(subject.to_string()),
                body: body.to_string(),
                format: BodyFormat::Plain,
            });
        }
        campaigns::save(tx, &c)
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

fn shell(path: &Path, out: &Path) -> Option<f64> {
    let script = format!(
        ".mode csv\n.headers on\n.output {}\n{SHELL_SQL}",
        out.display()
    );
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
    let c = tactful::campaign::unlock::load(&ws, "bench")?;
    let dir = path.with_file_name("preview-out");
    std::fs::create_dir_all(&dir)?;
    let mine = dir.join("tactful.csv");
    let theirs = dir.join("sqlite3.csv");
    let before = peak_kib();
    let mut times = Vec::new();
    let mut peak = None;
    let mut summary = None;
    for run in 0..=RUNS {
        reset_peak();
        let (secs, s) = ours(&ws, &c, &mine)?;
        if run > 0 {
            times.push(secs);
        }
        peak = peak_kib();
        summary = Some(s);
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
    if !Path::new(SHELL).exists() {
        println!("{SHELL} not found (Debian package `sqlite3`): skipping the shell comparison");
        return Ok(());
    }
    let mut shell_times = Vec::new();
    for run in 0..=RUNS {
        let Some(secs) = shell(&path, &theirs) else {
            println!("the sqlite3 shell failed; skipping the comparison");
            return Ok(());
        };
        if run > 0 {
            shell_times.push(secs);
        }
    }
    let shell_s = median(shell_times);
    println!(
        "sqlite3 shell, SQL concatenation -> CSV: {:.2} s ({} MB written)",
        shell_s,
        std::fs::metadata(&theirs).map(|m| m.len()).unwrap_or(0) / 1_000_000
    );
    println!("ratio tactful / sqlite3: {:.2}x", ours_s / shell_s);
    Ok(())
}
