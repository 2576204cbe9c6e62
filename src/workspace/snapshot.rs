//! One snapshot for a run of reads: a read transaction held while a campaign is
//! prepared and walked.
//!
//! A preview reads the contacts twice: the scan before the walk gathers every refused
//! address (`campaign::prescan`), then the walk decides each contact against them. In
//! WAL mode each statement outside a transaction reads the data committed when it
//! starts, so an import committed between the two (another process, or the terminal
//! app's writer lane beside a preview on a reader lane) could add a contact whose
//! refusal the scan never saw, while the walk sends to another contact holding the
//! same address. Inside one read transaction both statements read the same commit.

use rusqlite::Connection;

use super::WorkspaceError;

/// A read transaction on a connection, ended when dropped. Holds nothing when the
/// connection was already inside a transaction (whose snapshot then serves).
#[must_use = "the snapshot ends when this is dropped"]
pub struct Snapshot<'c> {
    began: Option<&'c Connection>,
}

/// Begin a read transaction on `conn` unless one is open already. The first read
/// inside takes the snapshot (`BEGIN DEFERRED`); no lock is taken until then.
///
/// Errors: [`WorkspaceError::Sqlite`] when SQLite cannot begin one.
pub fn begin(conn: &Connection) -> Result<Snapshot<'_>, WorkspaceError> {
    if !conn.is_autocommit() {
        return Ok(Snapshot { began: None });
    }
    conn.execute_batch("BEGIN DEFERRED")?;
    Ok(Snapshot { began: Some(conn) })
}

/// Take the snapshot of the read transaction open on `conn` now rather than at its
/// next read: everything committed from here on is outside it. A reader that compares
/// a change mark (`workspace::changes`) pins its snapshot first, so an unchanged mark
/// means the snapshot holds what the marked walk read. Outside a transaction it reads
/// and holds nothing.
///
/// Errors: [`WorkspaceError::Sqlite`] when the file cannot be read.
pub fn pin(conn: &Connection) -> Result<(), WorkspaceError> {
    // Reading the schema cookie reads the file's header in the transaction.
    conn.query_row("PRAGMA schema_version", [], |_| Ok(()))?;
    Ok(())
}

impl Drop for Snapshot<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.began {
            // The transaction only read: ending it releases the snapshot and cannot
            // lose a change, so a failure to end it has nothing to report. SQLite ends
            // it anyway when the connection closes.
            let _ = conn.execute_batch("COMMIT");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn reads_inside_see_one_commit_and_later_reads_see_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let writer = Connection::open(&path).unwrap();
        writer
            .execute_batch(
                "PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);",
            )
            .unwrap();
        let reader = Connection::open(&path).unwrap();
        {
            let _snapshot = begin(&reader).unwrap();
            assert_eq!(count(&reader), 1);
            writer.execute("INSERT INTO t VALUES (2)", []).unwrap();
            // The second statement reads the commit the first one read.
            assert_eq!(count(&reader), 1);
        }
        assert!(reader.is_autocommit());
        assert_eq!(count(&reader), 2);
    }

    #[test]
    fn inside_an_open_transaction_it_leaves_that_transaction_alone() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (x); BEGIN; INSERT INTO t VALUES (1);")
            .unwrap();
        drop(begin(&conn).unwrap());
        assert!(
            !conn.is_autocommit(),
            "the caller's transaction is still open"
        );
        conn.execute_batch("ROLLBACK").unwrap();
        assert_eq!(count(&conn), 0);
    }
}
