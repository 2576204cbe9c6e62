//! Whether the workspace changed since a given point: the marker that lets a walk of
//! the audience be reused only while nothing it read has changed (issue 13).
//!
//! A [`Changes`] watches one workspace file through a read-only connection of its own
//! that never writes. SQLite's `PRAGMA data_version` on a connection changes whenever
//! **another** connection commits to the file: another process (`tactful suppress`,
//! `tactful import`, the sqlite3 shell), or another connection of this one (the
//! terminal app's writer lane). Since the watching connection writes nothing, every
//! commit is another's, so no writer can forget to announce a change: there is no
//! counter to bump, no trigger (an import of a million contacts pays nothing), and a
//! tool that knows nothing of tactful is seen as well. The price is that every commit
//! counts, including those no walk reads (an audit entry, a sign-off); a walk then
//! runs again, which is safe.
//!
//! Marks are an epoch of the watcher, which goes up each time a look finds a new
//! `data_version`; a mark is only comparable with marks of the same watcher (each
//! carries its watcher's id). The order matters: take the mark **before** the walk's
//! read transaction starts, and check it **after** the reusing reader's transaction
//! has taken its snapshot (its first read): then an unchanged mark means both read the
//! same commit. Source: <https://sqlite.org/pragma.html#pragma_data_version>.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use rusqlite::{Connection, OpenFlags};

use super::{BUSY_TIMEOUT, WorkspaceError};

/// A point in a watcher's view of the workspace: see [`Changes::mark`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    watcher: u64,
    epoch: u64,
}

/// A watch on one workspace file; shared by the threads that compare marks (it is
/// `Sync`: the connection is behind a lock).
#[derive(Debug)]
pub struct Changes {
    id: u64,
    watch: Mutex<Option<Watch>>,
}

#[derive(Debug)]
struct Watch {
    conn: Connection,
    seen: i64,
    epoch: u64,
}

/// Ids of watchers, so a mark of one is never taken for a mark of another.
static WATCHERS: AtomicU64 = AtomicU64::new(1);

impl Changes {
    /// Watch the workspace file at `path` (already opened and migrated by a writer).
    /// An in-memory workspace (`:memory:`) cannot be watched from another connection:
    /// its watcher says "changed" at every look, so nothing is ever reused.
    ///
    /// Errors: opening the read-only connection or its first look (a damaged file).
    pub fn watch(path: &Path) -> Result<Changes, WorkspaceError> {
        let id = WATCHERS.fetch_add(1, Ordering::Relaxed);
        if path == Path::new(":memory:") {
            return Ok(Changes {
                id,
                watch: Mutex::new(None),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let seen = data_version(&conn)?;
        Ok(Changes {
            id,
            watch: Mutex::new(Some(Watch {
                conn,
                seen,
                epoch: 0,
            })),
        })
    }

    /// The point the workspace is at now. Take it before the read it stands for begins.
    ///
    /// Errors: SQLite failing to answer the pragma.
    pub fn mark(&self) -> Result<Mark, WorkspaceError> {
        let mut guard = self.watch.lock().unwrap_or_else(PoisonError::into_inner);
        let epoch = match guard.as_mut() {
            Some(w) => {
                let now = data_version(&w.conn)?;
                if now != w.seen {
                    w.seen = now;
                    w.epoch += 1;
                }
                w.epoch
            }
            // Unwatchable: a new epoch at every look.
            None => WATCHERS.fetch_add(1, Ordering::Relaxed),
        };
        Ok(Mark {
            watcher: self.id,
            epoch,
        })
    }

    /// True when nothing was committed to the workspace since `mark` was taken by this
    /// watcher; false after any commit, and for a mark of another watcher.
    ///
    /// Errors: as [`Changes::mark`].
    pub fn unchanged_since(&self, mark: Mark) -> Result<bool, WorkspaceError> {
        Ok(mark.watcher == self.id && self.mark()? == mark)
    }
}

/// `PRAGMA data_version` on `conn`: a number that differs from the last one read on the
/// same connection when another connection committed meanwhile. Outside any
/// transaction, so each look sees the latest commit.
fn data_version(conn: &Connection) -> Result<i64, WorkspaceError> {
    Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Workspace;

    #[test]
    fn a_commit_on_another_connection_changes_the_mark_and_reads_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.tactful");
        let mut writer = Workspace::open(&path).unwrap();
        let watch = Changes::watch(&path).unwrap();
        let mark = watch.mark().unwrap();
        // Reads on other connections, and TEMP tables (the Preview lane's), are no change.
        let reader = Workspace::open_read_only(&path).unwrap();
        reader
            .conn()
            .execute_batch("CREATE TEMP TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        let _: i64 = reader
            .conn()
            .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))
            .unwrap();
        assert!(watch.unchanged_since(mark).unwrap());
        writer
            .write(|tx| {
                tx.execute("INSERT INTO settings (name, value) VALUES ('x', 'y')", [])
                    .map_err(WorkspaceError::from)
            })
            .unwrap();
        assert!(!watch.unchanged_since(mark).unwrap());
        // The next mark is current again until the next commit.
        let again = watch.mark().unwrap();
        assert_ne!(again, mark);
        assert!(watch.unchanged_since(again).unwrap());
    }

    #[test]
    fn marks_of_another_watcher_and_of_memory_are_never_current() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.tactful");
        let _ws = Workspace::open(&path).unwrap();
        let one = Changes::watch(&path).unwrap();
        let two = Changes::watch(&path).unwrap();
        assert!(!two.unchanged_since(one.mark().unwrap()).unwrap());
        let memory = Changes::watch(Path::new(":memory:")).unwrap();
        let m = memory.mark().unwrap();
        assert!(!memory.unchanged_since(m).unwrap());
    }
}
