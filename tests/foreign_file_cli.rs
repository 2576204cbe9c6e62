//! `--workspace` naming a file that is not a workspace is refused with the file left
//! exactly as it was: bytes, permissions, journal mode, and no `-wal` beside it
//! (new-user trial, session 10: a text file became owner-only before the refusal, and
//! another program's SQLite database silently gained tactful's tables and a WAL
//! journal). An empty file or an empty SQLite database still becomes a workspace.
//! README, "Two commands".

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn tactful(ws: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tactful").unwrap();
    cmd.env("NO_COLOR", "1").arg("--workspace").arg(ws);
    cmd
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn wal(path: &Path) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push("-wal");
    name.into()
}

#[test]
fn a_text_file_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    fs::write(&notes, "hello\n").unwrap();
    fs::set_permissions(&notes, fs::Permissions::from_mode(0o644)).unwrap();
    tactful(&notes)
        .arg("fields")
        .assert()
        .failure()
        .stderr(predicate::str::contains("is not a tactful workspace"));
    assert_eq!(fs::read(&notes).unwrap(), b"hello\n");
    assert_eq!(
        mode(&notes),
        0o644,
        "the refused file's permissions changed"
    );
}

#[test]
fn another_applications_database_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE notes (x); INSERT INTO notes VALUES (1);")
            .unwrap();
    }
    fs::set_permissions(&other, fs::Permissions::from_mode(0o644)).unwrap();
    let before = fs::read(&other).unwrap();
    let csv = dir.path().join("c.csv");
    fs::write(&csv, "email\nana@example.com\n").unwrap();
    let csv = csv.to_str().unwrap();
    for args in [&["fields"][..], &["import", csv]] {
        tactful(&other)
            .args(args)
            .assert()
            .failure()
            .stderr(predicate::str::contains(
                "another application's SQLite database",
            ))
            .stderr(predicate::str::contains("tables: notes"));
    }
    assert_eq!(
        fs::read(&other).unwrap(),
        before,
        "the database was changed"
    );
    assert_eq!(mode(&other), 0o644);
    assert!(!wal(&other).exists(), "a WAL journal was started");
    let conn = rusqlite::Connection::open(&other).unwrap();
    let journal: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "delete");
}

#[test]
fn an_empty_file_and_an_empty_database_become_workspaces() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.tactful");
    fs::write(&empty, "").unwrap();
    let blank_db = dir.path().join("blank.db");
    rusqlite::Connection::open(&blank_db)
        .unwrap()
        .execute_batch("PRAGMA user_version = 0; VACUUM;")
        .unwrap();
    for ws in [&empty, &blank_db] {
        tactful(ws)
            .arg("fields")
            .assert()
            .success()
            .stdout(predicate::str::contains("No fields yet"));
        assert_eq!(mode(ws), 0o600, "{}", ws.display());
    }
}
