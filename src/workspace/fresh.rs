//! A workspace file that a failing command created: removed when nothing was committed
//! to it, so an import that fails (an unclosed quote, a refused row, a panic) leaves no
//! empty workspace behind for the next command to open as if it held data. Called by
//! the CLI for the files it created in this run, never for one that existed before.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

/// Remove the workspace file at `path`, with SQLite's `-wal`, `-shm` and `-journal`
/// files beside it, when nothing was committed to it: the file is empty, has no audit
/// log yet, or its audit log has no entry (every command that brings data in records
/// its audit entry in the same transaction as the data). True when it removed it; a
/// file that holds entries, or that cannot be read, is left as it is.
pub fn remove_if_unused(path: &Path) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    if meta.len() > 0 && !audit_log_is_empty(path) {
        return false;
    }
    for side in ["-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(side);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
    std::fs::remove_file(path).is_ok()
}

/// True when the workspace at `path` has no audit log table or an empty one.
///
/// Opened for writing (never created), though nothing is written: a read-only
/// connection that is the last to close a WAL workspace cannot checkpoint, so SQLite
/// leaves its `-wal` (0 bytes) and `-shm` files beside a workspace that stays (a
/// multi-file import failing on a later file; new-user trial 5, F6). The last
/// read-write connection removes them on close, as every other command's does.
fn audit_log_is_empty(path: &Path) -> bool {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let Ok(conn) = Connection::open_with_flags(path, flags) else {
        return false;
    };
    let has_table = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'audit_log'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n > 0);
    match has_table {
        Ok(false) => true,
        Ok(true) => super::audit::count(&conn).is_ok_and(|n| n == 0),
        Err(_) => false,
    }
}
