//! Reach on 1,000,000 contacts: tactful's compiled rules against the sqlite3 shell
//! running equivalent hand-written `SELECT count(*)` SQL on the same file.
//!
//! Run with `cargo bench --bench reach`. The workspace is generated once with a fixed
//! PRNG and cached in `target/bench-data/`. The shell's baselines use `lower(trim(x))`
//! for case-insensitive text, the closest SQLite has without extensions (it folds ASCII
//! only, where tactful folds all of Unicode). Times are medians of several runs, after a
//! warm-up, both measured inside the process (`.timer on` for the shell).

mod generator;

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use generator::as_of;
use tactful::segment::{Scope, store};
use tactful::workspace::{Workspace, fields};

const RUNS: usize = 7;
const SHELL: &str = "/usr/bin/sqlite3";

/// (label, tactful rule, hand-written SQL condition for the shell)
const RULES: &[(&str, &str, &str)] = &[
    ("one comparison", "total_spent >= 100", "total_spent >= 100"),
    (
        "three conditions, date window",
        r#"city is "Berlin" and total_orders between 2 and 5 and last_order_date within last 90 days"#,
        "lower(trim(city)) = 'berlin' AND total_orders BETWEEN 2 AND 5 AND last_order_date BETWEEN '2025-12-01' AND '2026-03-01'",
    ),
    (
        "tags",
        r#"tags has "vip""#,
        "instr(', ' || lower(tags) || ',', ', vip,') > 0",
    ),
    (
        "or of two groups",
        r#"(city is "Berlin" and tags has "vip") or (total_spent > 500 and accepts_sms is true)"#,
        "(lower(trim(city)) = 'berlin' AND instr(', ' || lower(tags) || ',', ', vip,') > 0) OR (total_spent > 500 AND accepts_sms <> 0)",
    ),
    (
        "negation with blanks",
        r#"country is not "DE""#,
        "country IS NULL OR lower(trim(country)) <> 'de'",
    ),
];

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    xs[xs.len() / 2]
}

/// Median seconds the sqlite3 shell reports for `sql`, and its count.
fn shell_time(path: &Path, sql: &str) -> Option<(f64, i64)> {
    let mut script = String::from(".timer on\n");
    for _ in 0..=RUNS {
        script.push_str(sql);
        script.push_str(";\n");
    }
    let mut child = Command::new(SHELL)
        .arg(path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(script.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut times = Vec::new();
    let mut count = None;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("Run Time: real ") {
            times.push(rest.split_whitespace().next()?.parse::<f64>().ok()?);
        } else if let Ok(n) = line.trim().parse::<i64>() {
            count = Some(n);
        }
    }
    if times.len() < 2 {
        return None;
    }
    // The first run warms the cache.
    times.remove(0);
    Some((median(times), count?))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = generator::reach_workspace()?;
    let ws = Workspace::open(&path)?;
    let defs = fields::list(ws.conn())?;
    let none = BTreeSet::new();
    let held = tactful::fields::held::HeldValues::load(ws.conn(), &defs)?;
    let scope = Scope {
        fields: &defs,
        category: None,
        unlocked: &none,
        as_of: as_of(),
        held: &held,
    };
    let shell = Path::new(SHELL).exists();
    if !shell {
        println!("{SHELL} not found (Debian package `sqlite3`): skipping the shell comparison");
    }
    println!(
        "{:<32} {:>9} {:>11} {:>11} {:>7}",
        "rule", "reach", "tactful ms", "sqlite3 ms", "ratio"
    );
    for (label, rule, hand) in RULES {
        let mut times = Vec::new();
        let mut reach = 0;
        for run in 0..=RUNS {
            let t = Instant::now();
            let compiled = store::compile_rule(rule, &scope).map_err(|e| e.caret())?;
            reach = store::reach(ws.conn(), &compiled)?;
            if run > 0 {
                times.push(t.elapsed().as_secs_f64());
            }
        }
        let ours = median(times);
        let (theirs, ratio) = match shell
            .then(|| {
                shell_time(
                    &path,
                    &format!("SELECT count(*) FROM contacts WHERE {hand}"),
                )
            })
            .flatten()
        {
            Some((secs, count)) => {
                if count as u64 != reach {
                    println!("  note: the shell counted {count} for `{label}`");
                }
                (format!("{:.1}", secs * 1e3), format!("{:.2}x", ours / secs))
            }
            None => ("-".into(), "-".into()),
        };
        println!(
            "{label:<32} {reach:>9} {:>11.1} {theirs:>11} {ratio:>7}",
            ours * 1e3
        );
    }
    Ok(())
}
