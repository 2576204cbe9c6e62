//! Opening a workspace of an older schema says so on stderr before the migrations run
//! (migration 0012 takes about a minute on a million contacts, README "Benchmarks"),
//! once, with the versions, and ends the line with ` done`; a new workspace and an
//! up-to-date one open silently. Through the binary.

use assert_cmd::Command;
use rusqlite::Connection;

const NOTICE: &str = "upgrading workspace ";

/// A workspace at schema version 10 (migrations 0001 to 0011; there is no 0005), as
/// tactful wrote it before consent statements: one contact, Ana, whose e-mail consent
/// was granted by column `accepts` of batch 1.
fn version_10_workspace(path: &std::path::Path) {
    let conn = Connection::open(path).unwrap();
    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
        .unwrap();
    for sql in [
        include_str!("../src/workspace/migrations/0001_init.sql"),
        include_str!("../src/workspace/migrations/0002_review_export.sql"),
        include_str!("../src/workspace/migrations/0003_settings.sql"),
        include_str!("../src/workspace/migrations/0004_consent_evidence.sql"),
        include_str!("../src/workspace/migrations/0006_policy.sql"),
        include_str!("../src/workspace/migrations/0007_orders_age_unknown.sql"),
        include_str!("../src/workspace/migrations/0008_campaign_minor_age.sql"),
        include_str!("../src/workspace/migrations/0009_keyed_hashes.sql"),
        include_str!("../src/workspace/migrations/0010_campaign_locale.sql"),
        include_str!("../src/workspace/migrations/0011_holdout_seed.sql"),
    ] {
        conn.execute_batch(sql).unwrap();
    }
    conn.execute_batch(
        "PRAGMA user_version = 10;
         INSERT INTO workspace_secret (id, hash_key) VALUES (1, zeroblob(32));
         INSERT INTO import_batches (id, file_name, sha256, format, options, counts, started_at, finished_at)
         VALUES (1, 'a.csv', 'aa', '{}', '{}', '{}', '2026-01-02T03:04:05Z', '2026-01-02T03:04:06Z');
         INSERT INTO contacts (_key, _batch, _consent_email, _consent_email_source, _consent_sms)
         VALUES ('ana@example.com', 1, 'granted', 'column accepts, batch 1', 'not_asked');",
    )
    .unwrap();
}

fn user_version(path: &std::path::Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

fn tactful(ws: &std::path::Path, args: &[&str]) -> (String, String) {
    let out = Command::cargo_bin("tactful")
        .unwrap()
        .arg("--workspace")
        .arg(ws)
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{args:?} failed: {stderr}");
    (stdout, stderr)
}

#[test]
fn an_older_workspace_is_announced_once_then_works() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    version_10_workspace(&ws);
    let (stdout, stderr) = tactful(&ws, &["--json", "contact", "show", "ana@example.com"]);
    assert_eq!(stderr.matches(NOTICE).count(), 1, "{stderr}");
    let target = tactful::workspace::SCHEMA_VERSION;
    let line = format!(
        "upgrading workspace {} from schema 10 to {target} (one-time; large workspaces take a minute)… done\n",
        ws.display()
    );
    assert!(stderr.contains(&line), "{stderr}");
    assert_eq!(user_version(&ws), target);
    // The upgraded workspace still knows Ana and where her consent came from.
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["key"], "ana@example.com");
    let email = v["consent"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["channel"] == "email")
        .unwrap();
    assert_eq!(email["state"], "granted", "{email}");
    assert_eq!(email["source"], "column accepts, batch 1", "{email}");
    // Once upgraded, it opens silently.
    let (_, again) = tactful(&ws, &["contact", "show", "ana@example.com"]);
    assert!(!again.contains(NOTICE), "{again}");
}

#[test]
fn a_new_workspace_opens_silently() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("new.tactful");
    let file = dir.path().join("one.csv");
    std::fs::write(
        &file,
        "email,accepts_email_marketing\nana@example.com,yes\n",
    )
    .unwrap();
    let (_, stderr) = tactful(&ws, &["import", file.to_str().unwrap()]);
    assert!(!stderr.contains(NOTICE), "{stderr}");
    assert_eq!(user_version(&ws), tactful::workspace::SCHEMA_VERSION);
    let (_, stderr) = tactful(&ws, &["contact", "show", "ana@example.com"]);
    assert!(!stderr.contains(NOTICE), "{stderr}");
    let demo = dir.path().join("demo.tactful");
    let (_, stderr) = tactful(&demo, &["demo", "--no-tui"]);
    assert!(!stderr.contains(NOTICE), "{stderr}");
}
