//! Consent statements: the source text and evidence JSON behind one contact's consent
//! state on one channel, stored once in `consent_statements` (migration 0012) and
//! referenced from `contacts._consent_<channel>_ref`.
//!
//! Nearly every contact of a file shares the few statements of its consent columns
//! (`column accepts_email_marketing, batch 3` with the file, column and batch as
//! evidence); stored per contact they were about 380 of its 590 bytes. This module
//! owns the SQL that reads a contact's statement, the import's bounded memory of the
//! statements it has stored, and the removal of statements no contact references any
//! more (after an import replaced them, an undo or an erasure: evidence may hold an IP
//! address, so nothing of an erased contact may linger). Called by
//! `workspace::contacts`, `workspace::consent`, `workspace::rights` and the campaign
//! audience query.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};

use rusqlite::{Connection, OptionalExtension, Statement};

use super::WorkspaceError;
use super::consent::SourceAndEvidence;

/// The statements an import remembers before forgetting them all, so memory stays
/// bounded when every row brings evidence of its own (a time or an IP address): past
/// it a repeated statement is stored again, which changes nothing a reader sees.
const REMEMBERED: usize = 4096;

/// SQL for the source text of the `channel` statement (`email`, `sms`) of the contact
/// row named `contacts` (a table name or alias), as a scalar subquery: NULL when
/// nothing stated the state. A subquery rather than a join, so no field name of
/// `contacts` can clash with the statement table's columns.
pub fn source_sql(channel: &str, contacts: &str) -> String {
    column_sql("source", channel, contacts)
}

/// SQL for the source text of the statement whose id is bound as `?1`.
pub const SOURCE_BY_ID: &str = "SELECT source FROM consent_statements WHERE id = ?1";

/// SQL for the evidence JSON of the `channel` statement, as [`source_sql`].
pub fn evidence_sql(channel: &str, contacts: &str) -> String {
    column_sql("evidence", channel, contacts)
}

fn column_sql(column: &str, channel: &str, contacts: &str) -> String {
    format!(
        "(SELECT cs.{column} FROM consent_statements cs WHERE cs.id = {contacts}._consent_{channel}_ref)"
    )
}

/// Stores statements for one import, each distinct one once while it is remembered.
pub struct StatementWriter<'c> {
    insert: Statement<'c>,
    read: Statement<'c>,
    hasher: RandomState,
    /// Statement ids by the hash of their text, with the text to tell collisions apart.
    known: HashMap<u64, Vec<(SourceAndEvidence, i64)>>,
    remembered: usize,
}

impl<'c> StatementWriter<'c> {
    /// Prepare the statements' SQL on `conn` (inside the import's transaction).
    pub fn new(conn: &'c Connection) -> Result<Self, WorkspaceError> {
        Ok(StatementWriter {
            insert: conn
                .prepare("INSERT INTO consent_statements (source, evidence) VALUES (?1, ?2)")?,
            read: conn.prepare("SELECT source, evidence FROM consent_statements WHERE id = ?1")?,
            hasher: RandomState::new(),
            known: HashMap::new(),
            remembered: 0,
        })
    }

    /// The id of a statement with this source and evidence, stored now unless this
    /// import already stored the same one; `None` when both are absent (nothing
    /// stated the state).
    ///
    /// Errors: SQLite errors.
    pub fn id(
        &mut self,
        source: Option<&str>,
        evidence: Option<&str>,
    ) -> Result<Option<i64>, WorkspaceError> {
        if source.is_none() && evidence.is_none() {
            return Ok(None);
        }
        let hash = self.hasher.hash_one((source, evidence));
        if let Some(found) = self.known.get(&hash).and_then(|same| {
            same.iter()
                .find(|((s, e), _)| s.as_deref() == source && e.as_deref() == evidence)
        }) {
            return Ok(Some(found.1));
        }
        let id = self.insert.insert((source, evidence))?;
        if self.remembered >= REMEMBERED {
            self.known.clear();
            self.remembered = 0;
        }
        self.known.entry(hash).or_default().push((
            (source.map(str::to_string), evidence.map(str::to_string)),
            id,
        ));
        self.remembered += 1;
        Ok(Some(id))
    }

    /// The source and evidence of statement `id` (both `None` for no statement).
    ///
    /// Errors: SQLite errors.
    pub fn get(&mut self, id: Option<i64>) -> Result<SourceAndEvidence, WorkspaceError> {
        let Some(id) = id else {
            return Ok((None, None));
        };
        Ok(self
            .read
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .unwrap_or((None, None)))
    }
}

/// Delete every statement that neither a contact nor a before-image
/// (`batch_changes`, which `import undo` puts back) references: one scan of each.
/// Returns how many were deleted.
///
/// Errors: SQLite errors.
pub fn sweep(conn: &Connection) -> Result<u64, WorkspaceError> {
    Ok(conn.execute(
        // NULLs are left out of the list: `id NOT IN (.., NULL)` is never true.
        "DELETE FROM consent_statements WHERE id NOT IN (SELECT r FROM (
             SELECT _consent_email_ref AS r FROM contacts
             UNION SELECT _consent_sms_ref FROM contacts
             UNION SELECT json_extract(before, '$._consent_email_ref') FROM batch_changes
             UNION SELECT json_extract(before, '$._consent_sms_ref') FROM batch_changes)
         WHERE r IS NOT NULL)",
        [],
    )? as u64)
}

/// A before-image as `contact show` reads it: each `_consent_<channel>_ref` replaced
/// by the statement's `_consent_<channel>_source` and `_evidence`, the columns images
/// held before migration 0012.
///
/// Errors: SQLite errors.
pub fn image_as_text(
    conn: &Connection,
    image: &mut serde_json::Map<String, serde_json::Value>,
) -> Result<(), WorkspaceError> {
    for channel in ["email", "sms"] {
        let Some(id) = image.remove(&format!("_consent_{channel}_ref")) else {
            continue;
        };
        let (source, evidence): SourceAndEvidence = match id.as_i64() {
            Some(id) => conn
                .query_row(
                    "SELECT source, evidence FROM consent_statements WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .unwrap_or((None, None)),
            None => (None, None),
        };
        image.insert(format!("_consent_{channel}_source"), source.into());
        image.insert(format!("_consent_{channel}_evidence"), evidence.into());
    }
    Ok(())
}

/// The statement ids contact `id` references, email then SMS (none for no contact).
///
/// Errors: SQLite errors.
pub fn of_contact(conn: &Connection, id: i64) -> Result<[Option<i64>; 2], WorkspaceError> {
    Ok(conn
        .query_row(
            "SELECT _consent_email_ref, _consent_sms_ref FROM contacts WHERE _id = ?1",
            [id],
            |r| Ok([r.get(0)?, r.get(1)?]),
        )
        .optional()?
        .unwrap_or([None, None]))
}
