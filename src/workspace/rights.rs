//! The SQL behind the rights of the people in the data: finding one contact with its
//! consent and import history, the suppression entries and exports that concern it, and
//! erasing it.
//!
//! Owns no table of its own: it reads `contacts`, `batch_changes`, `suppression`,
//! `exports` and `export_recipients`, and deletes from the first two. Called by
//! `rights` (`tactful contact show` and `contact erase`), inside the caller's
//! transaction for erasure.

use rusqlite::{Connection, OptionalExtension, params_from_iter};
use serde::Serialize;

use super::{WorkspaceError, now_rfc3339, quote_ident};
use crate::fields::ConsentState;

/// The fixed columns of one stored contact.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactHead {
    pub id: i64,
    pub key: String,
    /// Consent state, the source it came from and its evidence (JSON), e-mail then SMS.
    pub consent: [(ConsentState, Option<String>, Option<String>); 2],
    /// The batch that added the contact.
    pub batch: i64,
    /// The last batch that updated it, if any.
    pub updated_batch: Option<i64>,
}

/// One suppression entry that concerns a contact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuppressionEntry {
    /// `key`, `email` or `phone`.
    pub kind: String,
    /// `erased`, `list`, ...
    pub reason: String,
    pub source: String,
    /// RFC 3339 UTC.
    pub added_at: String,
    /// The address as stored (normal form); `None` when only the hash is kept (erasure).
    pub value: Option<String>,
    /// False when only the hash is kept (erasure).
    pub value_kept: bool,
}

/// The values of a contact that one import batch kept so `import undo` can put them
/// back: the contact as it was before that batch updated it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BeforeImage {
    pub batch: i64,
    /// Column → value as stored: field names, and the fixed columns `_consent_email`,
    /// `_consent_email_source`, `_consent_sms`, `_consent_sms_source`, `_updated_batch`
    /// (source and evidence read from the consent statement the image references,
    /// `workspace::statements::image_as_text`).
    pub values: serde_json::Map<String, serde_json::Value>,
    /// When the batch was undone (RFC 3339 UTC): the image no longer applies. Only a
    /// workspace an undo changed before undo deleted spent images holds such images;
    /// they are still stored, so they are shown. `null` for an image that applies.
    pub undone_at: Option<String>,
}

impl BeforeImage {
    /// What the image is, for people: "older values kept to undo batch 2", or for a
    /// spent one, "older values of batch 2, which was undone at …; no longer used".
    pub fn heading(&self) -> String {
        match &self.undone_at {
            None => format!("older values kept to undo batch {}", self.batch),
            Some(at) => format!(
                "older values of batch {}, which was undone at {at}; no longer used",
                self.batch
            ),
        }
    }
}

/// One export that included a contact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportIncluding {
    pub id: i64,
    pub campaign: String,
    pub dir: String,
    /// RFC 3339 UTC.
    pub at: String,
    pub recipients_sha256: String,
}

/// The contact with key `key`, tried as given (trimmed), then lower-cased, because
/// e-mail keys are stored lower-case, then as a phone number in any spelling
/// (`phones::find_key`).
pub fn find(conn: &Connection, key: &str) -> Result<Option<ContactHead>, WorkspaceError> {
    let key = key.trim();
    let (source, evidence) = (
        super::statements::source_sql,
        super::statements::evidence_sql,
    );
    let mut stmt = conn.prepare(&format!(
        "SELECT _id, _key, _consent_email, {}, {}, _consent_sms, {}, {}, _batch, _updated_batch
         FROM contacts WHERE _key = ?1",
        source("email", "contacts"),
        evidence("email", "contacts"),
        source("sms", "contacts"),
        evidence("sms", "contacts"),
    ))?;
    let by_phone = super::phones::find_key(conn, key)?;
    // E-mail keys are stored lower-case in NFC (`fields::address::email_key`).
    for candidate in [key.to_string(), crate::fields::address::email_key(key)]
        .into_iter()
        .chain(by_phone)
    {
        let row = stmt
            .query_row([&candidate], |r| {
                let channel =
                    |at: usize| -> rusqlite::Result<(String, Option<String>, Option<String>)> {
                        Ok((r.get(at)?, r.get(at + 1)?, r.get(at + 2)?))
                    };
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    channel(2)?,
                    channel(5)?,
                    r.get::<_, i64>(8)?,
                    r.get::<_, Option<i64>>(9)?,
                ))
            })
            .optional()?;
        if let Some((id, key, email, sms, batch, updated_batch)) = row {
            let parse = |(state, source, evidence): (String, Option<String>, Option<String>)| {
                state
                    .parse::<ConsentState>()
                    .map(|s| (s, source, evidence))
                    .map_err(|e| WorkspaceError::Invalid(e.to_string()))
            };
            return Ok(Some(ContactHead {
                id,
                key,
                consent: [parse(email)?, parse(sms)?],
                batch,
                updated_batch,
            }));
        }
    }
    Ok(None)
}

/// Text values of `columns` for contact `id`, in the same order (blank as `None`).
/// Used for the e-mail and phone fields whose hashes go on the suppression list.
pub fn text_values(
    conn: &Connection,
    id: i64,
    columns: &[String],
) -> Result<Vec<Option<String>>, WorkspaceError> {
    if columns.is_empty() {
        return Ok(Vec::new());
    }
    let select: Vec<String> = columns
        .iter()
        .map(|c| format!("CAST({} AS TEXT)", quote_ident(c)))
        .collect();
    let sql = format!("SELECT {} FROM contacts WHERE _id = ?1", select.join(", "));
    Ok(conn.query_row(&sql, [id], |r| {
        (0..columns.len()).map(|i| r.get(i)).collect()
    })?)
}

/// Every before-image of contact `id` saved by a batch that updated it, oldest batch
/// first: those that can be undone, and any spent one an undo left behind before
/// undo deleted them (marked with `undone_at`).
///
/// Errors: [`WorkspaceError::Invalid`] for a before-image that is not a JSON object.
pub fn before_images(conn: &Connection, id: i64) -> Result<Vec<BeforeImage>, WorkspaceError> {
    let mut stmt = conn.prepare(
        "SELECT b.batch_id, b.before, i.undone_at
         FROM batch_changes b LEFT JOIN import_batches i ON i.id = b.batch_id
         WHERE b.contact_id = ?1 ORDER BY b.batch_id",
    )?;
    let rows: Vec<(i64, String, Option<String>)> = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(batch, before, undone_at)| {
            let mut values = serde_json::from_str(&before).map_err(|e| {
                WorkspaceError::Invalid(format!("before-image of batch {batch}: {e}"))
            })?;
            super::statements::image_as_text(conn, &mut values)?;
            Ok(BeforeImage {
                batch,
                values,
                undone_at,
            })
        })
        .collect()
}

/// Suppression entries whose hash is one of `hashes`, oldest first.
pub fn suppression_entries(
    conn: &Connection,
    hashes: &[String],
) -> Result<Vec<SuppressionEntry>, WorkspaceError> {
    if hashes.is_empty() {
        return Ok(Vec::new());
    }
    let marks = vec!["?"; hashes.len()].join(", ");
    let sql = format!(
        "SELECT kind, reason, source, added_at, value FROM suppression
         WHERE value_hash IN ({marks}) ORDER BY id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(hashes), |r| {
        let value: Option<String> = r.get(4)?;
        Ok(SuppressionEntry {
            kind: r.get(0)?,
            reason: r.get(1)?,
            source: r.get(2)?,
            added_at: r.get(3)?,
            value_kept: value.is_some(),
            value,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Exports whose recipients included a contact key with one of `key_hashes` (its keyed
/// hash, and the wrapped one of exports recorded before keyed hashing), oldest first.
pub fn exports_including(
    conn: &Connection,
    key_hashes: &[String],
) -> Result<Vec<ExportIncluding>, WorkspaceError> {
    if key_hashes.is_empty() {
        return Ok(Vec::new());
    }
    let marks = vec!["?"; key_hashes.len()].join(", ");
    let mut stmt = conn.prepare(&format!(
        "SELECT DISTINCT e.id, e.campaign, e.dir, e.at, e.recipients_sha256
         FROM export_recipients r JOIN exports e ON e.id = r.export_id
         WHERE r.key_hash IN ({marks}) ORDER BY e.id"
    ))?;
    let rows = stmt.query_map(params_from_iter(key_hashes), |r| {
        Ok(ExportIncluding {
            id: r.get(0)?,
            campaign: r.get(1)?,
            dir: r.get(2)?,
            at: r.get(3)?,
            recipients_sha256: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Put `value_hash` on the suppression list as erased, keeping no value. An entry that
/// was already there (an imported list that kept the address) becomes an erased entry
/// and forgets its value: the hash is all the importer needs to keep the contact out.
pub fn suppress_erased(
    conn: &Connection,
    kind: &str,
    value_hash: &str,
    source: &str,
) -> Result<(), WorkspaceError> {
    conn.execute(
        "INSERT INTO suppression (kind, value, value_hash, reason, source, added_at, hash_form)
         VALUES (?1, NULL, ?2, ?3, ?4, ?5, 'keyed')
         ON CONFLICT (kind, value_hash) DO UPDATE SET value = NULL, reason = excluded.reason,
           source = excluded.source, added_at = excluded.added_at",
        rusqlite::params![
            kind,
            value_hash,
            super::suppression::ERASED,
            source,
            now_rfc3339()
        ],
    )?;
    Ok(())
}

/// Delete contact `id`, its orders and every before-image of it, so that no `import
/// undo` can put its old values back. Returns how many before-images were purged.
pub fn delete_contact(conn: &Connection, id: i64) -> Result<u64, WorkspaceError> {
    let purged = conn.execute("DELETE FROM batch_changes WHERE contact_id = ?1", [id])?;
    super::orders::delete_for_contact(conn, id)?;
    conn.execute("DELETE FROM contacts WHERE _id = ?1", [id])?;
    // Its consent evidence (now and in its before-images) may hold an IP address:
    // gone with it unless another contact shares the statement.
    super::statements::sweep(conn)?;
    Ok(purged as u64)
}

/// Make SQLite overwrite deleted content with zeros on this connection, so an erased
/// contact's values do not linger in free pages of the file (SQLite `secure_delete`).
pub fn overwrite_deleted_content(conn: &Connection) -> Result<(), WorkspaceError> {
    conn.execute_batch("PRAGMA secure_delete = ON")?;
    Ok(())
}

/// Rebuild the database file from its live content (SQLite `VACUUM`), so no free space
/// keeps copies of deleted or overwritten values: `secure_delete` only zeroes what is
/// deleted while it is on, and older updates may have left copies behind. The rebuilt
/// pages go through the write-ahead log: a [`checkpoint`] moves them into the file.
/// The temporary copy stays in memory (`temp_store = MEMORY`), never in a temp file.
///
/// Errors: SQLite errors (busy writer, disk full); nothing is lost, the file stays as
/// it was.
pub fn rebuild_file(conn: &Connection) -> Result<(), WorkspaceError> {
    conn.execute_batch("VACUUM")?;
    Ok(())
}

/// How a checkpoint of the write-ahead log ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checkpoint {
    /// Every page is in the database file and the `-wal` file is empty (or the
    /// workspace has no write-ahead log, as in memory).
    Complete,
    /// Another connection is reading (or writing) the workspace, so older copies of
    /// pages stay in the database file or the `-wal` file until it stops.
    Blocked,
}

/// Copy the write-ahead log into the database file and truncate it
/// (`PRAGMA wal_checkpoint(TRUNCATE)`), so overwritten pages leave both files.
///
/// SQLite waits up to the busy timeout for other connections' read transactions to
/// end; one still open makes the checkpoint partial (SQLite's `busy` column is 1),
/// which is [`Checkpoint::Blocked`]: a reader's snapshot keeps the old pages alive.
pub fn checkpoint(conn: &Connection) -> Result<Checkpoint, WorkspaceError> {
    // Columns: busy, frames in the log, frames checkpointed (-1, -1 without a WAL).
    let (busy, log, done): (i64, i64, i64) =
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    Ok(if busy == 0 && log == done {
        Checkpoint::Complete
    } else {
        Checkpoint::Blocked
    })
}
