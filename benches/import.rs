//! Import benchmark (issue 2, "Benchmark"): a generated 1,000,000-row, 16-column
//! customer file imported by `tactful import` into a fresh workspace, against the
//! sqlite3 shell's `.import --csv` of the same file into an empty database.
//!
//! Prints rows/s, wall time and peak memory of both, and the time ratio ours/sqlite3.
//! The goal is a ratio of at most 0.6 with a peak under 150 MB. Each side runs as a
//! child process so its peak resident memory (VmHWM, the kernel's high-water mark) is
//! its own; the bench polls `/proc/<pid>/status` until the child exits. VmHWM never
//! decreases, so the last value read is the peak up to a few milliseconds before exit.
//!
//! Run with `cargo bench --bench import`. Options by environment: `TACTFUL_BENCH_ROWS`
//! (default 1000000), `TACTFUL_BENCH_RUNS` (default 1; the best run of each side is
//! kept). The file is generated once into `target/bench-data/` and reused.

mod common;

use std::fs;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SEED: u64 = 0x7AC7_F011;
const SQLITE3: &str = "/usr/bin/sqlite3";

/// One child process's wall time and peak resident memory.
#[derive(Debug, Clone, Copy)]
struct Measured {
    seconds: f64,
    peak_kib: u64,
}

fn main() {
    let rows: u64 = env_number("TACTFUL_BENCH_ROWS", 1_000_000);
    let runs: u64 = env_number("TACTFUL_BENCH_RUNS", 1).max(1);
    let data = data_file(rows);
    let size = fs::metadata(&data).map(|m| m.len()).unwrap_or(0);
    println!(
        "input: {} ({rows} rows, 16 columns, {:.1} MB)",
        data.display(),
        size as f64 / 1e6
    );
    let scratch = tempfile::tempdir().expect("a temporary directory for the workspaces");
    let has_sqlite = Path::new(SQLITE3).exists();
    let mut ours: Option<Measured> = None;
    let mut theirs: Option<Measured> = None;
    for run in 0..runs {
        let ws = scratch.path().join(format!("ws-{run}.tactful"));
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_tactful"));
        cmd.arg("--workspace")
            .arg(&ws)
            .arg("--json")
            .arg("import")
            .arg(&data);
        let out = scratch.path().join("report.json");
        let m = measure(cmd, &out);
        check_report(&out, rows);
        println!(
            "tactful import, run {}: {:.2} s, {:.0} rows/s, peak {:.1} MB",
            run + 1,
            m.seconds,
            rows as f64 / m.seconds,
            m.peak_kib as f64 / 1024.0
        );
        ours = best(ours, m);
        if has_sqlite {
            let db = scratch.path().join(format!("sqlite-{run}.db"));
            let mut cmd = Command::new(SQLITE3);
            cmd.arg(&db)
                .arg(format!(".import --csv '{}' t", data.display()));
            let m = measure(cmd, &scratch.path().join("sqlite.out"));
            println!(
                "sqlite3 .import --csv, run {}: {:.2} s, {:.0} rows/s, peak {:.1} MB",
                run + 1,
                m.seconds,
                rows as f64 / m.seconds,
                m.peak_kib as f64 / 1024.0
            );
            theirs = best(theirs, m);
        }
    }
    let ours = ours.expect("at least one run");
    println!();
    println!(
        "tactful: {:.2} s, {:.0} rows/s, peak memory {:.1} MB (goal: under 150 MB)",
        ours.seconds,
        rows as f64 / ours.seconds,
        ours.peak_kib as f64 / 1024.0
    );
    match theirs {
        Some(t) => println!(
            "sqlite3: {:.2} s; ratio tactful/sqlite3 = {:.2} (goal: at most 0.60)",
            t.seconds,
            ours.seconds / t.seconds
        ),
        None => println!(
            "{SQLITE3} not found (Debian package sqlite3): comparison skipped; install it with `apt-get install sqlite3`"
        ),
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().replace('_', "").parse().ok())
        .unwrap_or(default)
}

fn best(so_far: Option<Measured>, m: Measured) -> Option<Measured> {
    Some(match so_far {
        Some(b) if b.seconds <= m.seconds => b,
        _ => m,
    })
}

/// The generated file for `rows` rows, made once (written aside, then renamed, so an
/// interrupted run never leaves a half file to be reused).
fn data_file(rows: u64) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    fs::create_dir_all(&dir).expect("create target/bench-data");
    let path = dir.join(format!(
        "customers-{rows}-{SEED:x}-v{}.csv",
        common::VERSION
    ));
    if !path.exists() {
        let started = Instant::now();
        let partial = path.with_extension("partial");
        let file = fs::File::create(&partial).expect("create the bench file");
        let mut out = BufWriter::with_capacity(1 << 20, file);
        common::write_customers(&mut out, rows, SEED).expect("write the bench file");
        out.into_inner()
            .expect("flush the bench file")
            .sync_all()
            .expect("sync the bench file");
        fs::rename(&partial, &path).expect("rename the bench file");
        println!(
            "generated {} in {:.1} s",
            path.display(),
            started.elapsed().as_secs_f64()
        );
    }
    path
}

/// Run `cmd` to completion with its output in the file `stdout`, timing it and polling
/// its peak resident memory.
fn measure(mut cmd: Command, stdout: &Path) -> Measured {
    let out = fs::File::create(stdout).expect("create the output file");
    let started = Instant::now();
    let mut child = cmd
        .stdout(out)
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the child process");
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0;
    let status = loop {
        if let Some(kib) = fs::read_to_string(&status_path)
            .ok()
            .and_then(|s| vm_hwm_kib(&s))
        {
            peak_kib = peak_kib.max(kib);
        }
        match child.try_wait().expect("wait for the child process") {
            Some(status) => break status,
            None => std::thread::sleep(Duration::from_millis(2)),
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    assert!(status.success(), "{cmd:?} failed ({status})");
    Measured { seconds, peak_kib }
}

/// The import must have done the whole job for its time to count.
fn check_report(path: &Path, rows: u64) {
    let text = fs::read_to_string(path).expect("read the import report");
    let report: serde_json::Value = serde_json::from_str(&text).expect("a JSON import report");
    assert_eq!(report["rows_imported"], rows, "{text}");
    assert_eq!(report["contacts_total"], rows, "{text}");
}

fn vm_hwm_kib(status: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
