//! Reach on 1,000,000 contacts: tactful's compiled rules against the sqlite3 shell
//! running equivalent hand-written `SELECT count(*)` SQL on the same file.
//!
//! Run with `cargo bench --bench reach`. The workspace is generated once with a fixed
//! PRNG and cached in `target/bench-data/`. The shell's baselines use `lower(trim(x))`
//! for case-insensitive text, the closest SQLite has without extensions (it folds ASCII
//! only, where tactful folds all of Unicode). Times are medians of several runs, after a
//! warm-up, both measured inside the process (`.timer on` for the shell).

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use chrono::{Days, NaiveDate};
use rusqlite::types::Value;
use tactful::fields::{Field, FieldType, PrivacyClass, Role};
use tactful::segment::{Scope, store};
use tactful::workspace::{Workspace, WorkspaceError, fields};

const CONTACTS: u64 = 1_000_000;
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

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default()
}

/// xorshift64*: deterministic, good enough to spread test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

fn field(name: &str, ty: FieldType, class: PrivacyClass) -> Field {
    Field {
        name: name.into(),
        header: name.into(),
        ty,
        role: Role::None,
        class,
        reason: "bench".into(),
        kind: None,
    }
}

fn build(path: &Path) -> Result<(), WorkspaceError> {
    use FieldType::*;
    use PrivacyClass::*;
    let defs = [
        field("first_name", Text, DirectIdentifier),
        field("city", Text, QuasiIdentifier),
        field("country", Text, QuasiIdentifier),
        field("total_spent", Decimal, Ordinary),
        field("total_orders", Integer, Ordinary),
        field("last_order_date", Date, Ordinary),
        field("signup_date", Date, Ordinary),
        field("accepts_sms", Boolean, Consent),
        field("tags", List, Ordinary),
        field("phone", Text, DirectIdentifier),
    ];
    let names = [
        "Ana", "Bo", "Cy", "Dee", "Émile", "Jürgen", "Zoë", "Li", "Sam", "Ola",
    ];
    let cities = [
        "Berlin", "berlin", "BERLIN", "Hamburg", "München", "Köln", "Lyon", "Paris", "Porto",
        "Wien", "Zürich", "Graz", "Lille", "Nantes", "Bremen", "Dresden", "Leipzig", "Bonn",
        "Essen", "Kiel",
    ];
    let countries = ["DE", "de", "FR", "AT", "CH", "PT"];
    let tags = ["vip", "gold", "silver", "wholesale", "newsletter"];
    let mut ws = Workspace::open(path)?;
    ws.write(|tx| {
        for f in &defs {
            fields::add(tx, f, "bench", Some(1))?;
        }
        let mut stmt = tx.prepare(
            "INSERT INTO contacts (_key, _batch, first_name, city, country, total_spent, total_orders,
                last_order_date, signup_date, accepts_sms, tags, phone)
             VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )?;
        let mut rng = Rng(0x5eed_1234_abcd_ef01);
        let date = |rng: &mut Rng, span: u64| -> Value {
            let d = as_of() - Days::new(rng.below(span));
            Value::Text(d.format("%Y-%m-%d").to_string())
        };
        for i in 0..CONTACTS {
            let blank = |rng: &mut Rng, pct: u64| rng.below(100) < pct;
            let country = if blank(&mut rng, 15) {
                Value::Null
            } else {
                Value::Text(rng.pick(&countries).into())
            };
            let tag_list = if blank(&mut rng, 30) {
                Value::Null
            } else {
                let chosen: BTreeSet<&str> = (0..1 + rng.below(3)).map(|_| rng.pick(&tags)).collect();
                Value::Text(chosen.into_iter().collect::<Vec<_>>().join(", "))
            };
            let last = if blank(&mut rng, 10) { Value::Null } else { date(&mut rng, 730) };
            let sms = if blank(&mut rng, 20) {
                Value::Null
            } else {
                Value::Integer((rng.below(2)) as i64)
            };
            let phone = if blank(&mut rng, 30) {
                Value::Null
            } else {
                Value::Text(format!("+49 151 {:07}", rng.below(10_000_000)))
            };
            stmt.execute(rusqlite::params![
                format!("c{i}@example.com"),
                rng.pick(&names),
                rng.pick(&cities),
                country,
                rng.below(100_000) as f64 / 100.0,
                rng.below(21) as i64,
                last,
                date(&mut rng, 2000),
                sms,
                tag_list,
                phone,
            ])?;
        }
        Ok::<_, WorkspaceError>(())
    })?;
    ws.conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;")?;
    Ok(())
}

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
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("reach-1m.tactful");
    if !path.exists() {
        let partial = dir.join("reach-1m.partial");
        let _ = std::fs::remove_file(&partial);
        println!(
            "building {CONTACTS} contacts in {} (once)...",
            path.display()
        );
        let t = Instant::now();
        build(&partial)?;
        std::fs::rename(&partial, &path)?;
        println!("built in {:.1} s", t.elapsed().as_secs_f64());
    }
    let ws = Workspace::open(&path)?;
    let defs = fields::list(ws.conn())?;
    let none = BTreeSet::new();
    let scope = Scope {
        fields: &defs,
        category: None,
        unlocked: &none,
        as_of: as_of(),
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
