//! Refuse a file that is not a workspace before anything touches it.
//!
//! Opening a workspace tightens its permissions, switches it to WAL and runs the
//! migrations, which create tactful's tables. Done to a file `--workspace` names by
//! mistake (a text file, another application's SQLite database) that changed the file
//! before the error (new-user trial, session 10: `notes.txt` became owner-only; another
//! program's `other.db` silently gained 22 tables and a WAL journal). So an existing,
//! non-empty file is first read through a read-only connection, and only an empty
//! SQLite database or one holding tactful's tables goes on to be opened for writing.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{WorkspaceError, classify};

/// Tables every workspace holds since migration 0001; a database with tables of its
/// own but not these belongs to another application.
const WORKSPACE_TABLES: [&str; 2] = ["contacts", "fields"];

/// Check that `path` is missing, empty, an empty SQLite database, or a workspace,
/// without writing to it.
///
/// Errors: [`WorkspaceError::NotAWorkspace`] for a file that is not SQLite or is
/// damaged, [`WorkspaceError::ForeignDatabase`] for a SQLite database of another
/// application (its first tables are named); [`WorkspaceError::Busy`] and others as
/// opening maps them.
pub fn check(path: &Path) -> Result<(), WorkspaceError> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    if !meta.is_file() || meta.len() == 0 {
        return Ok(());
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(e, path))?;
    let tables = table_names(&conn).map_err(|e| classify(e, path))?;
    let is_workspace = WORKSPACE_TABLES
        .iter()
        .all(|t| tables.iter().any(|name| name == t));
    if tables.is_empty() || is_workspace {
        return Ok(());
    }
    let mut shown: Vec<&str> = tables.iter().take(5).map(String::as_str).collect();
    if tables.len() > shown.len() {
        shown.push("…");
    }
    Err(WorkspaceError::ForeignDatabase {
        path: path.to_path_buf(),
        tables: shown.join(", "),
    })
}

/// The names of the database's own tables (not SQLite's internal ones).
fn table_names(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )?;
    let names = stmt.query_map([], |r| r.get(0))?;
    names.collect()
}
