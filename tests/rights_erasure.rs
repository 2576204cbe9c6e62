//! Erasure that holds (issue 10, item 9): erased hashes are keyed per workspace, so
//! they cannot be reversed by trying every phone number nor linked across workspaces;
//! erasure fails, and says so, while another connection keeps the old pages alive;
//! `contact show` lists the older values kept for undo.

mod common;

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use common::{fixture, plan, run};
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use tactful::rights::{self, RightsError};
use tactful::workspace::Workspace;

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Every hash the workspace keeps of people: suppression entries, exported recipients'
/// key hashes, and the audit log's subjects and details.
fn stored_hashes(ws: &Workspace) -> Vec<String> {
    let conn = ws.conn();
    let mut out: Vec<String> = Vec::new();
    for sql in [
        "SELECT value_hash FROM suppression",
        "SELECT key_hash FROM export_recipients",
        "SELECT subject FROM audit_log",
        "SELECT detail FROM audit_log",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

fn two_batches(ws: &mut Workspace) {
    run(ws, &plan("rights_first.csv")).unwrap();
    run(ws, &plan("rights_second.csv")).unwrap();
}

#[test]
fn brute_forcing_a_stored_phone_hash_without_the_secret_finds_nothing() {
    // Issue 10: an unkeyed SHA-256 of a phone number was reversed in 12 s by trying
    // every number. Ana's phone is "+44 7700 900123" in rights_first.csv.
    let mut ws = Workspace::open_in_memory().unwrap();
    two_batches(&mut ws);
    rights::erase(&mut ws, "ana@example.com", "test").unwrap();
    let stored = stored_hashes(&ws);
    let forms = [
        "+447700900123",
        "447700900123",
        "00447700900123",
        "07700900123",
        "7700900123",
        "+44 7700 900123",
    ];
    let mut candidates = Vec::new();
    for form in forms {
        for prefix in ["phone:", "key:", "email:", ""] {
            candidates.push(sha256_hex(&format!("{prefix}{form}")));
        }
    }
    // The attack itself: every number of the block +44 7700 900000..900999.
    for n in 900_000..901_000 {
        candidates.push(sha256_hex(&format!("phone:+447700{n}")));
    }
    // The unkeyed hash `printf 'phone:+447700900123' | sha256sum`, which the old
    // workspace stored, is among the candidates.
    assert!(
        candidates
            .contains(&"091bf090b61a536e8c986f5940656f3d72f5e1c24c6162dfc01abecefdd52213".into())
    );
    let phone_entries: i64 = ws
        .conn()
        .query_row(
            "SELECT count(*) FROM suppression WHERE kind = 'phone' AND value IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(phone_entries, 1);
    for candidate in &candidates {
        assert!(
            !stored.iter().any(|s| s.contains(candidate.as_str())),
            "plain SHA-256 {candidate} is stored"
        );
    }
}

#[test]
fn two_workspaces_store_different_hashes_for_the_same_address() {
    let hashes = |ws: &Workspace| -> Vec<(String, String)> {
        let mut stmt = ws
            .conn()
            .prepare("SELECT kind, value_hash FROM suppression ORDER BY kind")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let mut first = Workspace::open_in_memory().unwrap();
    let mut second = Workspace::open_in_memory().unwrap();
    for ws in [&mut first, &mut second] {
        two_batches(ws);
        rights::erase(ws, "ana@example.com", "test").unwrap();
    }
    let (a, b) = (hashes(&first), hashes(&second));
    let kinds: Vec<&str> = a.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(kinds, ["email", "key", "phone"]);
    assert_eq!(b.len(), 3);
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.0, y.0);
        assert_ne!(x.1, y.1, "{} hashed alike in two workspaces", x.0);
    }
    // Each still keeps its own erased contact out.
    for ws in [&mut first, &mut second] {
        let again = run(ws, &plan("rights_first.csv")).unwrap();
        assert_eq!(again.rows_skipped_erased, 1);
    }
}

/// A file workspace holding rights_first.csv and rights_second.csv, whose writer gives
/// up waiting for readers after 100 ms instead of 3 s.
fn file_workspace(dir: &Path) -> Workspace {
    let mut ws = Workspace::open(&dir.join("ws.tactful")).unwrap();
    two_batches(&mut ws);
    ws.conn().busy_timeout(Duration::from_millis(100)).unwrap();
    ws
}

/// A second connection with an open read transaction, as another tactful (or a
/// database browser) in the middle of a query.
fn reader(ws: &Workspace) -> Connection {
    let conn = Connection::open(ws.path()).unwrap();
    conn.execute_batch("BEGIN").unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 4);
    conn
}

fn contact_count(ws: &Workspace, key: &str) -> i64 {
    ws.conn()
        .query_row(
            "SELECT count(*) FROM contacts WHERE _key = ?1",
            [key],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn erase_while_a_reader_is_open_fails_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = file_workspace(dir.path());
    // The imports' pages are still in the -wal file, which the reader reads.
    let reading = reader(&ws);
    let err = rights::erase(&mut ws, "ana@example.com", "test").unwrap_err();
    assert!(
        matches!(err, RightsError::ReaderBeforeErasure { .. }),
        "{err:?}"
    );
    assert!(err.to_string().starts_with("nothing was erased"), "{err}");
    assert_eq!(contact_count(&ws, "ana@example.com"), 1);
    let entries: i64 = ws
        .conn()
        .query_row("SELECT count(*) FROM suppression", [], |r| r.get(0))
        .unwrap();
    assert_eq!(entries, 0);
    drop(reading);
    let report = rights::erase(&mut ws, "ana@example.com", "test").unwrap();
    assert!(!report.already_erased);
    assert_eq!(contact_count(&ws, "ana@example.com"), 0);
}

#[test]
fn a_reader_that_starts_before_the_erasure_commits_makes_it_fail_until_run_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = file_workspace(dir.path());
    ws.conn()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    // Reading straight from the database file: the erasure may commit, but its pages
    // cannot be copied over the ones this reader's snapshot needs.
    let reading = reader(&ws);
    let err = rights::erase(&mut ws, "ana@example.com", "test").unwrap_err();
    assert!(matches!(err, RightsError::NotWiped { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("the erasure of `ana@example.com` is NOT finished"),
        "{err}"
    );
    // The reader still sees Ana: her data really is still in the file.
    let still: i64 = reading
        .query_row(
            "SELECT count(*) FROM contacts WHERE _key = 'ana@example.com'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(still, 1);
    assert_eq!(contact_count(&ws, "ana@example.com"), 0);
    drop(reading);
    let finished = rights::erase(&mut ws, "ana@example.com", "test").unwrap();
    assert!(finished.already_erased);
    assert_eq!(finished.suppression_entries, 0);
    drop(ws);
    // Nothing of Ana is left in the file or the write-ahead log.
    let path = dir.path().join("ws.tactful");
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend(std::fs::read(dir.path().join("ws.tactful-wal")).unwrap_or_default());
    for needle in ["ana@example.com", "+44 7700 900123", "Anna"] {
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
            "{needle} is still in the workspace files"
        );
    }
    // Bo, who was not erased, is (the search finds what is there).
    assert!(bytes.windows(14).any(|w| w == b"bo@example.com"));
}

#[test]
fn cli_erase_with_a_reader_open_exits_1_and_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let ws = file_workspace(dir.path());
    let reading = reader(&ws);
    let out = Command::cargo_bin("tactful")
        .unwrap()
        .arg("--workspace")
        .arg(ws.path())
        .args(["contact", "erase", "ana@example.com"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("nothing was erased"), "{stderr}");
    assert!(
        stderr.contains("run `tactful contact erase ana@example.com` again"),
        "{stderr}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Erased"));
    drop(reading);
    assert_eq!(contact_count(&ws, "ana@example.com"), 1);
}

#[test]
fn contact_show_lists_older_values_kept_for_undo() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    let tactful = || {
        let mut cmd = Command::cargo_bin("tactful").unwrap();
        cmd.arg("--workspace").arg(&ws);
        cmd
    };
    for f in ["rights_note_first.csv", "rights_note_second.csv"] {
        tactful().arg("import").arg(fixture(f)).assert().success();
    }
    let out = tactful()
        .args(["--json", "contact", "show", "ana@example.com"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let note = v["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "note")
        .unwrap();
    assert_eq!(note["value"], "prefers mornings");
    // Batch 2 updated Ana and kept her note as it was before, for `import undo`.
    let images = v["before_images"].as_array().unwrap();
    assert_eq!(images.len(), 1);
    assert_eq!(images[0]["batch"], 2);
    assert_eq!(images[0]["values"]["note"], "diabetic");
    assert_eq!(images[0]["values"]["first_name"], "Ana");
    let text = tactful()
        .args(["contact", "show", "ana@example.com"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.lines()
            .any(|l| l.starts_with("older values kept to undo batch 2:")
                && l.contains("note = diabetic")),
        "{text}"
    );
    // Bo was not updated: nothing kept for him.
    let out = tactful()
        .args(["--json", "contact", "show", "bo@example.com"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["before_images"], serde_json::json!([]));
}
