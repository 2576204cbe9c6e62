//! Known minors' addresses kept on record after `import undo` (trial F15): the keyed
//! hash of each address a known minor held (`email:ADDRESS` in every form a refusal
//! reads, `phone:E164`), with the latest birth date the removed age values allowed.
//!
//! Refusals survive an undo because a "no" is a fact about the person, not the file;
//! so does a child's age. Keeping the date (not the value) lets the minor check age the
//! record: a child kept at 13 is an adult five years on. Owns the `kept_minors` table;
//! written by `import::undo`, read by `campaign::prepare`.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::{WorkspaceError, now_rfc3339};

/// Keep `value_hash` as a known minor's address born on or before `born_by`, from the
/// undo of `batch`; a hash kept already keeps the later (younger) date.
pub fn keep(
    conn: &Connection,
    value_hash: &str,
    born_by: NaiveDate,
    batch: i64,
) -> Result<(), WorkspaceError> {
    conn.execute(
        "INSERT INTO kept_minors (value_hash, born_by, batch_id, recorded_at)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (value_hash) DO UPDATE SET born_by = max(born_by, excluded.born_by)",
        params![value_hash, born_by.to_string(), batch, now_rfc3339()],
    )?;
    Ok(())
}

/// Every kept hash with its birth date bound (empty for most workspaces).
pub fn all(conn: &Connection) -> Result<HashMap<String, NaiveDate>, WorkspaceError> {
    let mut stmt = conn.prepare("SELECT value_hash, born_by FROM kept_minors")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = HashMap::new();
    for row in rows {
        let (hash, date) = row?;
        // A date this build wrote; an unreadable one is kept as "born today": a minor.
        let born = NaiveDate::parse_from_str(&date, "%Y-%m-%d").unwrap_or(NaiveDate::MAX);
        out.insert(hash, born);
    }
    Ok(out)
}
