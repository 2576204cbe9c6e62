//! A renamed campaign keeps its control group: the holdout is drawn from the name the
//! campaign was created with (README, "Campaigns"), through `campaign rename`, a dump
//! and apply, and a second rename. The expected held-out contacts are computed here
//! from the documented hash (first 8 bytes of SHA-256(name, NUL, key), big-endian,
//! modulo 10 000, below the holdout share in basis points), not read from tactful.

mod campaign_support;

use std::collections::BTreeSet;

use assert_cmd::Command;
use sha2::{Digest, Sha256};
use tactful::fields::{Channel, ConsentState};
use tactful::workspace::Workspace;

/// The contacts of `br15_overlap.csv` the campaign's segment `All` matches.
const KEYS: [&str; 4] = [
    "ana@example.com",
    "bo@example.com",
    "cy@example.com",
    "dee@example.com",
];

fn tactful(path: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("tactful").unwrap();
    cmd.arg("--workspace")
        .arg(path)
        .args(["--as-of", "2026-11-01"])
        .env("TACTFUL_ACTOR", "tester");
    cmd
}

fn ok(path: &std::path::Path, args: &[&str]) -> String {
    let out = tactful(path).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn bucket(seed: &str, key: &str) -> u64 {
    let mut h = Sha256::new();
    h.update(seed.as_bytes());
    h.update([0]);
    h.update(key.as_bytes());
    u64::from_be_bytes(h.finalize()[..8].try_into().unwrap()) % 10_000
}

fn held_out_by_hash(seed: &str, pct: u64) -> BTreeSet<String> {
    KEYS.iter()
        .filter(|k| bucket(seed, k) < pct * 100)
        .map(|k| k.to_string())
        .collect()
}

/// The keys the preview of `campaign` excludes as `holdout`.
fn held_out(path: &std::path::Path, campaign: &str) -> BTreeSet<String> {
    let csv = ok(
        path,
        &["preview", campaign, "--excluded", "--format", "csv"],
    );
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let key = headers.iter().position(|h| h == "key").unwrap();
    let why = headers.iter().position(|h| h == "excluded").unwrap();
    reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| r[why].contains("holdout"))
        .map(|r| r[key].to_string())
        .collect()
}

/// A workspace at `path` holding the BR-15 fixture, everyone granted e-mail consent,
/// and the segment `All` (every contact with a city).
fn with_segment_all(path: &std::path::Path) {
    let mut ws = Workspace::open(path).unwrap();
    campaign_support::import(
        &mut ws,
        "br15_overlap.csv",
        Some((Channel::Email, ConsentState::Granted)),
    );
    drop(ws);
    ok(path, &["segment", "add", "All", r#"city is not blank"#]);
}

/// A new e-mail campaign `name` holding `pct` % out, with one entry for `All`.
fn campaign_to_all(path: &std::path::Path, name: &str, pct: u64) {
    let pct = pct.to_string();
    ok(
        path,
        &[
            "campaign",
            "new",
            name,
            "--channel",
            "email",
            "--holdout",
            &pct,
        ],
    );
    ok(
        path,
        &[
            "campaign",
            "add",
            name,
            "All",
            "--subject",
            "Hi",
            "--body",
            "Hello",
        ],
    );
}

#[test]
fn a_rename_keeps_the_same_contacts_held_out() {
    // A share at which the names `spring` and `summer` hold out different contacts, so
    // the test fails if the holdout followed the new name.
    let pct = (10..=50)
        .step_by(5)
        .find(|p| held_out_by_hash("spring", *p) != held_out_by_hash("summer", *p))
        .expect("some share tells the two names apart");
    let expected = held_out_by_hash("spring", pct);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.tactful");
    with_segment_all(&path);
    campaign_to_all(&path, "spring", pct);
    assert_eq!(held_out(&path, "spring"), expected);

    ok(&path, &["campaign", "rename", "spring", "summer"]);
    assert_eq!(held_out(&path, "summer"), expected);
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&path, &["--json", "campaign", "show", "summer"])).unwrap();
    assert_eq!(shown["holdout_seed"], "spring");

    // A second rename still draws from the first name.
    ok(&path, &["campaign", "rename", "summer", "autumn"]);
    assert_eq!(held_out(&path, "autumn"), expected);

    // Dump and apply into a fresh workspace keep it too.
    let dump = ok(&path, &["campaign", "dump", "autumn"]);
    assert!(dump.contains("holdout_seed = \"spring\""), "{dump}");
    let toml = dir.path().join("autumn.toml");
    std::fs::write(&toml, &dump).unwrap();
    let other = dir.path().join("other.tactful");
    with_segment_all(&other);
    ok(&other, &["campaign", "apply", toml.to_str().unwrap()]);
    assert_eq!(held_out(&other, "autumn"), expected);

    // A campaign created under a name draws from that name.
    campaign_to_all(&path, "summer", pct);
    assert_eq!(held_out(&path, "summer"), held_out_by_hash("summer", pct));
}
