//! Migration 0009's step in Rust: give the workspace its hashing secret and re-key the
//! hashes it already holds, so no unkeyed SHA-256 of an address or contact key is left.
//!
//! Runs inside the migration's transaction, right after `0009_keyed_hashes.sql`:
//! - suppression entries that kept their value are hashed again with the key;
//! - erased suppression entries (plain SHA-256 only, the value is gone) are wrapped
//!   ([`HashKey::wrap`]) and marked `hash_form = 'wrapped'`, still matching the address;
//! - exported recipients' key hashes are hashed again where the contact is still stored,
//!   and wrapped where it is not (erased);
//! - the `contact.erase` records of the audit log get the wrapped hash in place of the
//!   plain one. The log is append-only for the program; this one-time rewrite replaces
//!   a reversible trace of an erased person (GDPR Art. 17) and is itself audited
//!   (`workspace.rekey`, with counts).
//!
//! SQLite's `secure_delete` is on for the rewrite, so the old hashes are overwritten in
//! the pages that held them; the caller checkpoints the write-ahead log afterwards.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, params};
use serde_json::json;

use super::keyed_hash::{self, HashKey, plain_sha256_hex};
use super::{WorkspaceError, audit};

/// Create the secret (if missing) and re-key every stored hash; audit what changed.
pub(super) fn run(tx: &Connection) -> Result<(), WorkspaceError> {
    tx.execute_batch("PRAGMA secure_delete = ON")?;
    let key = keyed_hash::store_secret(tx, &keyed_hash::new_secret()?)?;
    let (rekeyed, wrapped) = suppression(tx, &key)?;
    let (recipients_rekeyed, recipients_wrapped) = export_recipients(tx, &key)?;
    let erasures = erasure_records(tx, &key)?;
    if rekeyed + wrapped + recipients_rekeyed + recipients_wrapped + erasures > 0 {
        audit::append(
            tx,
            "tactful",
            "workspace.rekey",
            "hashes",
            &json!({
                "suppression_rekeyed": rekeyed,
                "suppression_wrapped": wrapped,
                "export_recipients_rekeyed": recipients_rekeyed,
                "export_recipients_wrapped": recipients_wrapped,
                "erasure_records_wrapped": erasures,
            }),
        )?;
    }
    Ok(())
}

/// Re-key entries with a value, wrap those without; returns (re-keyed, wrapped).
fn suppression(tx: &Connection, key: &HashKey) -> Result<(u64, u64), WorkspaceError> {
    let rows: Vec<(i64, String, Option<String>, String)> = tx
        .prepare("SELECT id, kind, value, value_hash FROM suppression")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let mut update =
        tx.prepare("UPDATE suppression SET value_hash = ?2, hash_form = ?3 WHERE id = ?1")?;
    let (mut rekeyed, mut wrapped) = (0, 0);
    for (id, kind, value, old) in rows {
        match value {
            Some(v) => {
                update.execute(params![id, key.hash(&kind, &v), "keyed"])?;
                rekeyed += 1;
            }
            None => {
                update.execute(params![id, key.wrap(&old), "wrapped"])?;
                wrapped += 1;
            }
        }
    }
    Ok((rekeyed, wrapped))
}

/// Re-key recipients whose contact is still stored, wrap the others; returns
/// (re-keyed, wrapped) distinct hashes.
fn export_recipients(tx: &Connection, key: &HashKey) -> Result<(u64, u64), WorkspaceError> {
    let old: HashSet<String> = tx
        .prepare("SELECT DISTINCT key_hash FROM export_recipients")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if old.is_empty() {
        return Ok((0, 0));
    }
    let mut stored: HashMap<String, String> = HashMap::new();
    let mut keys = tx.prepare("SELECT _key FROM contacts")?;
    let mut rows = keys.query([])?;
    while let Some(row) = rows.next()? {
        let contact_key: String = row.get(0)?;
        let plain = plain_sha256_hex(&format!("key:{contact_key}"));
        if old.contains(&plain) {
            stored.insert(plain, key.hash("key", &contact_key));
        }
    }
    let mut update =
        tx.prepare("UPDATE export_recipients SET key_hash = ?1 WHERE key_hash = ?2")?;
    let (mut rekeyed, mut wrapped) = (0, 0);
    for hash in &old {
        let new = match stored.get(hash) {
            Some(keyed) => {
                rekeyed += 1;
                keyed.clone()
            }
            None => {
                wrapped += 1;
                key.wrap(hash)
            }
        };
        update.execute(params![new, hash])?;
    }
    Ok((rekeyed, wrapped))
}

/// Replace the plain key hash in `contact.erase` records (subject and detail
/// `key_sha256`) with its wrapped form, under detail `key_hash`; returns how many.
fn erasure_records(tx: &Connection, key: &HashKey) -> Result<u64, WorkspaceError> {
    let rows: Vec<(i64, String, String)> = tx
        .prepare("SELECT id, subject, detail FROM audit_log WHERE action = 'contact.erase'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    if rows.is_empty() {
        return Ok(0);
    }
    // The trigger is 0001_init.sql's, dropped for this rewrite only and restored as it was.
    tx.execute_batch("DROP TRIGGER audit_log_no_update")?;
    let mut update = tx.prepare("UPDATE audit_log SET subject = ?2, detail = ?3 WHERE id = ?1")?;
    for (id, subject, detail) in &rows {
        let wrapped = key.wrap(subject);
        let mut detail: serde_json::Value = serde_json::from_str(detail)
            .map_err(|e| WorkspaceError::Invalid(format!("audit entry {id}: {e}")))?;
        if let Some(map) = detail.as_object_mut() {
            map.remove("key_sha256");
            map.insert("key_hash".into(), wrapped.clone().into());
        }
        update.execute(params![id, wrapped, detail.to_string()])?;
    }
    drop(update);
    tx.execute_batch(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
         BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
    )?;
    Ok(rows.len() as u64)
}
