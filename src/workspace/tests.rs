//! The workspace's own tests: opening, owner-only files, locking, the append-only audit log.

use std::fs;

use super::*;

#[test]
fn quote_ident_doubles_quotes() {
    assert_eq!(quote_ident("city"), "\"city\"");
    assert_eq!(quote_ident("a\"b"), "\"a\"\"b\"");
}

#[test]
fn new_workspace_is_owner_only_and_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/ws.tactful");
    let ws = Workspace::open(&path).unwrap();
    let version: i64 = ws
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let mode: String = ws
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            fs::metadata(path.parent().unwrap())
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o700
        );
    }
}

#[test]
fn garbage_file_is_not_a_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corrupt.db");
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.extend(std::iter::repeat_n(0xA5u8, 4096));
    fs::write(&path, bytes).unwrap();
    let err = Workspace::open(&path).unwrap_err();
    assert!(
        matches!(err, WorkspaceError::NotAWorkspace { .. }),
        "{err:?}"
    );
}

#[test]
fn a_directory_is_not_a_workspace_path() {
    let dir = tempfile::tempdir().unwrap();
    let err = Workspace::open(dir.path()).unwrap_err();
    assert!(matches!(err, WorkspaceError::IsDirectory { .. }), "{err:?}");
}

#[test]
fn processes_creating_one_workspace_at_once_both_succeed() {
    // New-user report: two imports creating the same new workspace raced through
    // migration 1 ("table fields already exists").
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.tactful");
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let path = path.clone();
            std::thread::spawn(move || Workspace::open(&path).map(|_| ()))
        })
        .collect();
    for h in handles {
        h.join().unwrap().unwrap();
    }
    let ws = Workspace::open(&path).unwrap();
    let version: i64 = ws
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
}

#[test]
fn second_writer_gets_busy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.tactful");
    let mut first = Workspace::open(&path).unwrap();
    let mut second = Workspace::open(&path).unwrap();
    second.conn.busy_timeout(Duration::from_millis(50)).unwrap();
    first
        .write(|_tx| {
            let err = second
                .write(|_tx2| Ok::<_, WorkspaceError>(()))
                .unwrap_err();
            assert!(matches!(err, WorkspaceError::Busy { .. }), "{err:?}");
            Ok::<_, WorkspaceError>(())
        })
        .unwrap();
}

#[test]
fn audit_log_is_append_only() {
    let mut ws = Workspace::open_in_memory().unwrap();
    ws.write(|tx| audit::append(tx, "ana", "test", "x", &serde_json::json!({"n": 1})))
        .unwrap();
    assert!(ws.conn().execute("DELETE FROM audit_log", []).is_err());
    assert!(
        ws.conn()
            .execute("UPDATE audit_log SET actor = 'eve'", [])
            .is_err()
    );
    let entries = audit::entries(ws.conn()).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].actor, "ana");
    assert_eq!(entries[0].detail["n"], 1);
}
