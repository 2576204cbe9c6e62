//! Storage of accepted review findings (table `acceptances`, schema version 6).
//!
//! Append-only history: a campaign accepts a finding by its code, with the SHA-256 of
//! what it accepted and a written reason; the newest row per campaign and code is the
//! one in force. Called by `review` inside the transaction that writes the audit entry.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::WorkspaceError;

/// One acceptance as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AcceptanceRecord {
    pub campaign: String,
    /// The finding's code (`safeguard_removed`, ...).
    pub code: String,
    /// Hex SHA-256 of the campaign definition and the finding as accepted.
    pub finding_sha256: String,
    /// The reason as typed.
    pub reason: String,
    pub actor: String,
    /// RFC 3339 UTC.
    pub at: String,
}

/// Record an acceptance.
pub fn add(conn: &Connection, a: &AcceptanceRecord) -> Result<(), WorkspaceError> {
    conn.execute(
        "INSERT INTO acceptances (campaign, code, finding_sha256, reason, actor, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            a.campaign,
            a.code,
            a.finding_sha256,
            a.reason,
            a.actor,
            a.at
        ],
    )?;
    Ok(())
}

/// The acceptances in force for `campaign`: the newest per code, ordered by code.
pub fn in_force(
    conn: &Connection,
    campaign: &str,
) -> Result<Vec<AcceptanceRecord>, WorkspaceError> {
    let mut stmt = conn.prepare(
        "SELECT campaign, code, finding_sha256, reason, actor, at FROM acceptances a
         WHERE campaign = ?1
           AND id = (SELECT max(id) FROM acceptances b WHERE b.campaign = a.campaign AND b.code = a.code)
         ORDER BY code",
    )?;
    let rows = stmt.query_map([campaign], |r| {
        Ok(AcceptanceRecord {
            campaign: r.get(0)?,
            code: r.get(1)?,
            finding_sha256: r.get(2)?,
            reason: r.get(3)?,
            actor: r.get(4)?,
            at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Forget every acceptance of `campaign` (the campaign is deleted: a new campaign of the
/// same name accepts nothing yet). The audit log keeps the history.
pub fn remove_all(conn: &Connection, campaign: &str) -> Result<(), WorkspaceError> {
    conn.execute("DELETE FROM acceptances WHERE campaign = ?1", [campaign])?;
    Ok(())
}
