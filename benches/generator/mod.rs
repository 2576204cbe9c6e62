//! The 1,000,000-contact workspace shared by the benches (`reach`, `preview`): a fixed
//! PRNG so every run builds the same contacts, cached in `target/bench-data/`.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{Days, NaiveDate};
use rusqlite::types::Value;
use tactful::fields::{Field, FieldType, PrivacyClass, Role};
use tactful::workspace::{Workspace, WorkspaceError, fields};

pub const CONTACTS: u64 = 1_000_000;

pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default()
}

/// xorshift64*: deterministic, good enough to spread test data.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

pub fn field(name: &str, ty: FieldType, class: PrivacyClass) -> Field {
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

pub fn build(path: &Path) -> Result<(), WorkspaceError> {
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

/// The cached 1M-contact workspace `target/bench-data/reach-1m.tactful`, built once.
pub fn reach_workspace() -> Result<PathBuf, Box<dyn std::error::Error>> {
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
    Ok(path)
}
