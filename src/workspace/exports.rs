//! Storage of review sign-offs and of the record of exports (tables `signoffs`,
//! `exports`, `export_recipients`).
//!
//! Called by `review` (recording and finding the latest sign-off) and `export`
//! (recording an export with the key hashes of its recipients), each inside the
//! transaction that also writes the audit log entry.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::WorkspaceError;

/// One reviewer's sign-off of a campaign as it was previewed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignOff {
    pub campaign: String,
    /// The reviewer's name.
    pub name: String,
    pub note: String,
    /// RFC 3339 UTC.
    pub at: String,
    /// The as-of date the preview was made for (`YYYY-MM-DD`).
    pub as_of: String,
    /// Hex SHA-256 of the campaign definition (canonical TOML).
    pub definition_sha256: String,
    /// Hex SHA-256 over every preview row, in order.
    pub preview_sha256: String,
    /// Hex SHA-256 of the data the review was given: import batches in effect, field
    /// classes and roles, accepted findings (`None` before schema version 6).
    pub data_sha256: Option<String>,
    /// Hex SHA-256 of `export` (`None` before schema version 6).
    pub export_sha256: Option<String>,
    /// The export the sign-off approves: `{profile, fields: [{field, reason}]}`.
    pub export: Option<serde_json::Value>,
    /// Hex SHA-256 over the four hashes, the value recorded in the audit log.
    pub hash: String,
}

/// Record a sign-off.
pub fn add_signoff(conn: &Connection, s: &SignOff) -> Result<(), WorkspaceError> {
    conn.execute(
        "INSERT INTO signoffs (campaign, name, note, at, as_of, definition_sha256, preview_sha256, hash,
                               data_sha256, export_sha256, export_scope)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            s.campaign,
            s.name,
            s.note,
            s.at,
            s.as_of,
            s.definition_sha256,
            s.preview_sha256,
            s.hash,
            s.data_sha256,
            s.export_sha256,
            s.export.as_ref().map(|v| v.to_string())
        ],
    )?;
    Ok(())
}

/// The newest sign-off of `campaign`, if any.
pub fn latest_signoff(
    conn: &Connection,
    campaign: &str,
) -> Result<Option<SignOff>, WorkspaceError> {
    Ok(conn
        .query_row(
            "SELECT campaign, name, note, at, as_of, definition_sha256, preview_sha256, hash,
                    data_sha256, export_sha256, export_scope
             FROM signoffs WHERE campaign = ?1 ORDER BY id DESC LIMIT 1",
            [campaign],
            |r| {
                let export: Option<String> = r.get(10)?;
                Ok(SignOff {
                    campaign: r.get(0)?,
                    name: r.get(1)?,
                    note: r.get(2)?,
                    at: r.get(3)?,
                    as_of: r.get(4)?,
                    definition_sha256: r.get(5)?,
                    preview_sha256: r.get(6)?,
                    hash: r.get(7)?,
                    data_sha256: r.get(8)?,
                    export_sha256: r.get(9)?,
                    export: export.and_then(|e| serde_json::from_str(&e).ok()),
                })
            },
        )
        .optional()?)
}

/// One export written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportRecord {
    pub campaign: String,
    /// The directory the files were written to, as given.
    pub dir: String,
    /// RFC 3339 UTC.
    pub at: String,
    /// `YYYY-MM-DD`.
    pub as_of: String,
    /// `spreadsheet` or `upload`.
    pub profile: String,
    pub recipients: u64,
    pub recipients_sha256: String,
    pub manifest_sha256: String,
}

/// Record an export and the key hashes of its recipients; returns the export's id.
pub fn add_export<'a>(
    conn: &Connection,
    e: &ExportRecord,
    key_hashes: impl IntoIterator<Item = &'a str>,
) -> Result<i64, WorkspaceError> {
    conn.execute(
        "INSERT INTO exports (campaign, dir, at, as_of, profile, recipients, recipients_sha256, manifest_sha256)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            e.campaign,
            e.dir,
            e.at,
            e.as_of,
            e.profile,
            i64::try_from(e.recipients).unwrap_or(i64::MAX),
            e.recipients_sha256,
            e.manifest_sha256
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut insert = conn
        .prepare("INSERT OR IGNORE INTO export_recipients (export_id, key_hash) VALUES (?1, ?2)")?;
    for hash in key_hashes {
        insert.execute(params![id, hash])?;
    }
    Ok(id)
}
