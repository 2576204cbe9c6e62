//! The connection settings an import runs with ([`ImportSettings`]), set before its
//! transaction and put back after. Called by `import::run_plans`.

use rusqlite::Connection;

use super::WorkspaceError;
use super::contacts::{IMPORT_CACHE_KIB, cache_size, set_cache_size};

/// The connection settings an import runs with, and those it found, to put back.
///
/// - The page cache is [`IMPORT_CACHE_KIB`].
/// - Temporary storage is files (`PRAGMA temp_store = FILE`; workspaces open with
///   `MEMORY`): SQLite's sorter then keeps at most a page cache's worth of a sort in
///   memory and the rest in temporary files of its own (deleted as they are opened),
///   so building an index over a million contacts (`contacts_phones`) does not hold
///   them all in memory, whatever the file size (issue 13: 60 MB on the
///   1,000,000-row bench file). It can change only outside a transaction that has
///   temporary tables open, so it is set before the import's transaction.
#[derive(Debug, Clone, Copy)]
pub struct ImportSettings {
    cache: i64,
    temp_store: i64,
}

impl ImportSettings {
    /// Read the connection's settings and set an import's.
    ///
    /// Errors: SQLite errors reading or setting the page cache. Temporary storage that
    /// cannot change (a transaction with a temporary table open) is left as it is:
    /// only memory depends on it.
    pub fn apply(conn: &Connection) -> Result<ImportSettings, WorkspaceError> {
        let found = ImportSettings {
            cache: cache_size(conn)?,
            temp_store: conn.query_row("PRAGMA temp_store", [], |r| r.get(0))?,
        };
        set_cache_size(conn, -IMPORT_CACHE_KIB)?;
        let _ = conn.execute_batch("PRAGMA temp_store = FILE");
        Ok(found)
    }

    /// Put back the settings [`Self::apply`] found. Best effort, as both are settings
    /// of the connection only: errors are ignored.
    pub fn restore(self, conn: &Connection) {
        // PRAGMA takes no bound parameters; the values are integers SQLite gave.
        let _ = conn.execute_batch(&format!("PRAGMA temp_store = {}", self.temp_store));
        let _ = set_cache_size(conn, self.cache);
    }
}
