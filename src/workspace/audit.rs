//! The audit log: an append-only record of imports, classification changes, unlocks,
//! sign-offs, exports and erasures. Triggers in the schema refuse updates and deletes.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::{WorkspaceError, now_rfc3339};

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    /// RFC 3339 UTC time.
    pub at: String,
    pub actor: String,
    /// Dotted verb: `import`, `import.undo`, `field.set`, `unlock`, `review.sign_off`, ...
    pub action: String,
    /// What the action was about: a file name, field, campaign or contact key hash.
    pub subject: String,
    /// Action-specific JSON object.
    pub detail: serde_json::Value,
}

/// Append one entry. Call it inside the transaction that makes the change it records,
/// so the record and the change land together or not at all.
pub fn append(
    conn: &Connection,
    actor: &str,
    action: &str,
    subject: &str,
    detail: &serde_json::Value,
) -> Result<(), WorkspaceError> {
    conn.execute(
        "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![now_rfc3339(), actor, action, subject, detail.to_string()],
    )?;
    Ok(())
}

/// How many entries the log holds.
pub fn count(conn: &Connection) -> Result<u64, WorkspaceError> {
    Ok(conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get::<_, i64>(0))? as u64)
}

/// Up to `limit` entries with an id below `before` (`None`: from the newest), newest
/// first: one page of a keyset-paged listing.
pub fn newest_page(
    conn: &Connection,
    before: Option<i64>,
    limit: usize,
) -> Result<Vec<AuditEntry>, WorkspaceError> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, action, subject, detail FROM audit_log
         WHERE id < ?1 ORDER BY id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![before.unwrap_or(i64::MAX), limit as i64], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every entry, oldest first.
pub fn entries(conn: &Connection) -> Result<Vec<AuditEntry>, WorkspaceError> {
    let mut stmt =
        conn.prepare("SELECT id, at, actor, action, subject, detail FROM audit_log ORDER BY id")?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// An entry from a row of `id, at, actor, action, subject, detail`; a detail that is
/// not JSON is kept as a string.
fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    let detail: String = r.get(5)?;
    Ok(AuditEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        subject: r.get(4)?,
        detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::String(detail)),
    })
}
