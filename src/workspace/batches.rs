//! Import batches: the record of each imported file, and its undo bookkeeping.
//!
//! Owns the `import_batches` and `batch_changes` tables. Called by `import::load` (begin
//! and finish a batch in the import's transaction) and `import::undo`.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::{WorkspaceError, now_rfc3339};

/// One imported file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Batch {
    pub id: i64,
    pub file_name: String,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
    /// Detected format (JSON object: encoding, delimiter, header).
    pub format: serde_json::Value,
    /// The user's options (JSON object).
    pub options: serde_json::Value,
    /// Row and contact counts (JSON object).
    pub counts: serde_json::Value,
    pub started_at: String,
    pub finished_at: String,
    pub undone_at: Option<String>,
}

/// Record the start of a batch; returns its id. Counts are filled in by [`finish`].
pub fn begin(
    conn: &Connection,
    file_name: &str,
    sha256: &str,
    format: &serde_json::Value,
    options: &serde_json::Value,
    started_at: &str,
) -> Result<i64, WorkspaceError> {
    conn.execute(
        "INSERT INTO import_batches (file_name, sha256, format, options, counts, started_at, finished_at)
         VALUES (?1, ?2, ?3, ?4, '{}', ?5, ?5)",
        params![file_name, sha256, format.to_string(), options.to_string(), started_at],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Store a batch's counts and finishing time.
pub fn finish(
    conn: &Connection,
    id: i64,
    counts: &serde_json::Value,
) -> Result<(), WorkspaceError> {
    conn.execute(
        "UPDATE import_batches SET counts = ?2, finished_at = ?3 WHERE id = ?1",
        params![id, counts.to_string(), now_rfc3339()],
    )?;
    Ok(())
}

fn json(s: String) -> serde_json::Value {
    serde_json::from_str(&s).unwrap_or(serde_json::Value::String(s))
}

const SELECT: &str = "SELECT id, file_name, sha256, format, options, counts, started_at, finished_at, undone_at FROM import_batches";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Batch> {
    Ok(Batch {
        id: r.get(0)?,
        file_name: r.get(1)?,
        sha256: r.get(2)?,
        format: json(r.get(3)?),
        options: json(r.get(4)?),
        counts: json(r.get(5)?),
        started_at: r.get(6)?,
        finished_at: r.get(7)?,
        undone_at: r.get(8)?,
    })
}

/// One batch by id.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Batch>, WorkspaceError> {
    Ok(conn
        .query_row(&format!("{SELECT} WHERE id = ?1"), [id], row)
        .optional()?)
}

/// Every batch, oldest first.
pub fn list(conn: &Connection) -> Result<Vec<Batch>, WorkspaceError> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY id"))?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The newest batch that is not undone.
pub fn latest_active(conn: &Connection) -> Result<Option<Batch>, WorkspaceError> {
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1"),
            [],
            row,
        )
        .optional()?)
}

/// Mark a batch undone now.
pub fn mark_undone(conn: &Connection, id: i64) -> Result<(), WorkspaceError> {
    conn.execute(
        "UPDATE import_batches SET undone_at = ?2 WHERE id = ?1",
        params![id, now_rfc3339()],
    )?;
    Ok(())
}

/// Names of the fields a batch added (newest first, so dropping them in this order
/// mirrors adding them).
pub fn fields_added(conn: &Connection, id: i64) -> Result<Vec<String>, WorkspaceError> {
    let mut stmt =
        conn.prepare("SELECT name FROM fields WHERE batch_id = ?1 ORDER BY position DESC")?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
