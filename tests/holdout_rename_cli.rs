//! A renamed campaign keeps its control group: the holdout is drawn from the name the
//! campaign was created with (README, "Campaigns"), through `campaign rename`, a dump
//! and apply, and a second rename. The expected held-out contacts are computed here
//! from the documented hash (first 8 bytes of SHA-256(name, NUL, key), big-endian,
//! modulo 10 000, below the holdout share in basis points), not read from tactful.

mod campaign_support;
mod review_support;

use std::collections::BTreeSet;

use review_support::Ws;
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
fn held_out(ws: &Ws, campaign: &str) -> BTreeSet<String> {
    let csv = ws.stdout(&["preview", campaign, "--excluded", "--format", "csv"]);
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

/// A workspace holding the BR-15 fixture, everyone granted e-mail consent, and the
/// segment `All` (every contact with a city).
fn with_segment_all() -> Ws {
    let ws = Ws::new();
    let mut opened = Workspace::open(&ws.path).unwrap();
    campaign_support::import(
        &mut opened,
        "br15_overlap.csv",
        Some((Channel::Email, ConsentState::Granted)),
    );
    drop(opened);
    ws.ok(&["segment", "add", "All", r#"city is not blank"#]);
    ws
}

/// A new e-mail campaign `name` holding `pct` % out, with one entry for `All`.
fn campaign_to_all(ws: &Ws, name: &str, pct: u64) {
    let pct = pct.to_string();
    ws.ok(&[
        "campaign",
        "new",
        name,
        "--channel",
        "email",
        "--holdout",
        &pct,
    ]);
    ws.ok(&[
        "campaign",
        "add",
        name,
        "All",
        "--subject",
        "Hi",
        "--body",
        "Hello",
    ]);
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

    let ws = with_segment_all();
    campaign_to_all(&ws, "spring", pct);
    assert_eq!(held_out(&ws, "spring"), expected);

    ws.ok(&["campaign", "rename", "spring", "summer"]);
    assert_eq!(held_out(&ws, "summer"), expected);
    let shown = ws.json(&["campaign", "show", "summer"], 0);
    assert_eq!(shown["holdout_seed"], "spring");

    // A second rename still draws from the first name.
    ws.ok(&["campaign", "rename", "summer", "autumn"]);
    assert_eq!(held_out(&ws, "autumn"), expected);

    // Dump and apply into a fresh workspace keep it too.
    let dump = ws.stdout(&["campaign", "dump", "autumn"]);
    assert!(dump.contains("holdout_seed = \"spring\""), "{dump}");
    let toml = ws.write("autumn.toml", &dump);
    let other = with_segment_all();
    other.ok(&["campaign", "apply", &toml]);
    assert_eq!(held_out(&other, "autumn"), expected);

    // A campaign created under a name draws from that name.
    campaign_to_all(&ws, "summer", pct);
    assert_eq!(held_out(&ws, "summer"), held_out_by_hash("summer", pct));
}
