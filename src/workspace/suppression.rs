//! The suppression list: addresses that must never be contacted.
//!
//! Owns the `suppression` table. Entries are keyed by `(kind, value_hash)`, where
//! `value_hash` is the lower-case hex SHA-256 of `kind:value` and `kind` is `email`,
//! `phone` or `key`; `value` may be NULL when only the hash is kept (erasure). Called by
//! `import::suppress` (adding lists) and `import::load` (erased contacts are never
//! re-imported).

use std::collections::HashSet;

use rusqlite::{Connection, params};

use super::{WorkspaceError, now_rfc3339};

/// The `reason` of entries left by erasing a contact (GDPR Art. 17).
pub const ERASED: &str = "erased";

/// Add one entry; returns false when `(kind, value_hash)` was already on the list.
pub fn add(
    conn: &Connection,
    kind: &str,
    value: Option<&str>,
    value_hash: &str,
    reason: &str,
    source: &str,
) -> Result<bool, WorkspaceError> {
    let n = conn.execute(
        "INSERT OR IGNORE INTO suppression (kind, value, value_hash, reason, source, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![kind, value, value_hash, reason, source, now_rfc3339()],
    )?;
    Ok(n == 1)
}

/// The hashes of every erased entry (all kinds; the hash includes the kind).
pub fn erased_hashes(conn: &Connection) -> Result<HashSet<String>, WorkspaceError> {
    let mut stmt = conn.prepare("SELECT value_hash FROM suppression WHERE reason = ?1")?;
    let rows = stmt.query_map([ERASED], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many entries the list holds.
pub fn count(conn: &Connection) -> Result<u64, WorkspaceError> {
    Ok(conn.query_row("SELECT count(*) FROM suppression", [], |r| {
        r.get::<_, i64>(0)
    })? as u64)
}

/// One entry of the list as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// `email`, `phone` or `key`.
    pub kind: String,
    /// The normalised value; `None` when only the hash is kept (erasure).
    pub value: Option<String>,
    /// Hex SHA-256 of `kind:value`.
    pub value_hash: String,
    /// `list` or `erased`.
    pub reason: String,
}

/// Every entry, in the order they were added.
pub fn entries(conn: &Connection) -> Result<Vec<Entry>, WorkspaceError> {
    let mut stmt =
        conn.prepare("SELECT kind, value, value_hash, reason FROM suppression ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        Ok(Entry {
            kind: r.get(0)?,
            value: r.get(1)?,
            value_hash: r.get(2)?,
            reason: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
