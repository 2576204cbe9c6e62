//! Erasure (GDPR Art. 17; also how an objection to direct marketing under Art. 21(3) is
//! made to stick): delete one contact so that nothing brings it back and nothing of it
//! stays readable in the workspace's files.
//!
//! In one transaction: the contact's row and every before-image of it go (so
//! `import undo` can never restore it), its contact key, e-mail addresses and phone
//! numbers go on the suppression list as keyed hashes only, reason `erased` (so the
//! importer skips them in any later file), and the audit log records the erasure by the
//! key's keyed hash, never the address. The hashes use `import::suppress::entry_hash`
//! over the same normal forms the importer compares: lower-case e-mail, and phones in
//! E.164 as stored beside each phone field, so no spelling of the number brings it back.
//!
//! Deleting a row is not enough to make its bytes go: the free space of a page keeps
//! copies of values that earlier updates replaced, SQLite keeps the old page in the
//! database file until a checkpoint copies the write-ahead log over it, and keeps it in
//! the `-wal` file until the log is reset. So deleted content is overwritten (SQLite
//! `secure_delete`), the file is rebuilt from its live content (`VACUUM`: 0.4 s for
//! 100,000 contacts in a debug build), and the log is checkpointed and truncated before
//! and after. Another connection's open read transaction keeps its snapshot's pages alive
//! and blocks that: before the transaction this refuses with nothing changed; after it,
//! the erasure reports failure (not success) and running it again finishes it.
//!
//! What it cannot undo: files already exported. The report names the exports that
//! included the contact, whose recipients must be told (Art. 19).

use rusqlite::Connection;
use serde::Serialize;
use serde_json::json;

use super::{RightsError, trace_hashes};
use crate::import::suppress::{entry_hash, normalise_email};
use crate::workspace::keyed_hash::HashKey;
use crate::workspace::rights::{self as sql, Checkpoint, ExportIncluding};
use crate::workspace::suppression::ERASED;
use crate::workspace::{Workspace, address_columns, audit, phones};

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErasureReport {
    /// The keyed hash of the contact key (hex HMAC-SHA-256 of `key:<contact key>` with
    /// the workspace's secret), the only trace of the key that is kept.
    pub key_hash: String,
    /// True when the contact had been erased before: this run only wiped the old copies
    /// that a reader had kept alive (see [`RightsError::NotWiped`]).
    pub already_erased: bool,
    /// Suppression entries written (kinds `key`, `email`, `phone`), hashes only.
    pub suppression_entries: usize,
    /// Before-images of the contact removed from import batches' undo records.
    pub before_images_purged: u64,
    /// Exports that included the contact: their files are outside the workspace.
    pub exports_including: Vec<ExportIncluding>,
}

/// Erase the contact with `key` (read as [`super::find`] reads it: e-mail keys in any
/// case or wrapping, `Dee <dee@example.com>`; a phone number in any spelling finds the
/// contact it keys, or the one contact holding it), or finish the
/// erasure of a contact erased earlier whose old copies a reader kept alive.
///
/// Errors: [`RightsError::ReaderBeforeErasure`] when another connection is reading the
/// workspace (nothing changed); [`RightsError::NotWiped`] when one started reading
/// during the erasure (the contact is deleted, but its old pages remain until this is
/// run again); [`RightsError::NotFound`] when no such contact is stored or was erased;
/// [`RightsError::Unsure`] when `key` names several contacts (nothing changed);
/// workspace errors, after which nothing has changed.
pub fn erase(ws: &mut Workspace, key: &str, actor: &str) -> Result<ErasureReport, RightsError> {
    let asked = key.trim().to_string();
    let path = ws.path().display().to_string();
    sql::overwrite_deleted_content(ws.conn())?;
    // Old pages of earlier writes may hold the contact too: they must leave the files
    // as well, and a reader now would keep them (and this erasure's) alive.
    if sql::checkpoint(ws.conn())? == Checkpoint::Blocked {
        return Err(RightsError::ReaderBeforeErasure { key: asked, path });
    }
    let hash_key = HashKey::load(ws.conn())?;
    let report = ws.write(|tx| match super::find(tx, key)? {
        Some(head) => delete(tx, &hash_key, head, actor),
        None => erased_earlier(tx, &hash_key, &asked),
    })?;
    let not_wiped = |reason: String| RightsError::NotWiped {
        key: asked.clone(),
        path: path.clone(),
        reason,
    };
    sql::rebuild_file(ws.conn()).map_err(|e| not_wiped(e.to_string()))?;
    if sql::checkpoint(ws.conn())? == Checkpoint::Blocked {
        return Err(not_wiped(
            "another program (another tactful, or a database browser) started reading the workspace"
                .into(),
        ));
    }
    Ok(report)
}

/// Delete the contact, suppress its hashes and audit it (inside the transaction).
fn delete(
    tx: &Connection,
    hash_key: &HashKey,
    head: sql::ContactHead,
    actor: &str,
) -> Result<ErasureReport, RightsError> {
    // Every address the person was known by, also those a field kept when it lost its
    // address role (`workspace::address_columns`).
    let names = address_columns::email_columns(tx)?;
    let values = sql::text_values(tx, head.id, &names)?;
    let key_hash = entry_hash(hash_key, "key", &head.key);
    let mut entries = vec![("key", key_hash.clone())];
    // Each address also in its inbox form (`address::inbox_form`), so the same
    // mailbox written another way (`a.n.a+x@gmail.com`) stays out too.
    let emails = values
        .into_iter()
        .flatten()
        .flat_map(|t| {
            let normal = normalise_email(&t);
            let inbox = crate::fields::address::inbox_form(&normal);
            // And every address the value holds, read out of its wrapping as the
            // list and the key read it (`address::refusal_forms`: `ana@x.org/` or
            // `mailto:ana@x.org` is `ana@x.org`, trial 7, N8).
            let held = crate::fields::address::refusal_forms(&t);
            std::iter::once(normal).chain(inbox).chain(held)
        })
        .map(|e| ("email", e));
    // Phones as stored in E.164 (`workspace::phones`): every spelling of the number in
    // a later file or list meets this entry.
    let numbers = phones::numbers_of(tx, head.id)?
        .into_iter()
        .map(|n| ("phone", n));
    for (kind, normal) in emails.chain(numbers) {
        let entry = (kind, entry_hash(hash_key, kind, &normal));
        if !normal.is_empty() && !entries.contains(&entry) {
            entries.push(entry);
        }
    }
    for (kind, hash) in &entries {
        sql::suppress_erased(tx, kind, hash, "contact erase")?;
    }
    let purged = sql::delete_contact(tx, head.id)?;
    let exports = sql::exports_including(tx, &trace_hashes(hash_key, "key", &head.key))?;
    audit::append(
        tx,
        actor,
        "contact.erase",
        &key_hash,
        &json!({
            "key_hash": key_hash,
            "suppression_kinds": entries.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            "before_images_purged": purged,
            "exports_including": exports.iter().map(|e| e.id).collect::<Vec<_>>(),
        }),
    )?;
    Ok(ErasureReport {
        key_hash,
        already_erased: false,
        suppression_entries: entries.len(),
        before_images_purged: purged,
        exports_including: exports,
    })
}

/// The report for a key that is no longer stored but was erased (its `key` entry on
/// the suppression list says so), tried as given and lower-cased like `find`.
fn erased_earlier(
    tx: &Connection,
    hash_key: &HashKey,
    asked: &str,
) -> Result<ErasureReport, RightsError> {
    // A phone key was stored in E.164: any spelling of the number finds it, a national
    // one in each region the workspace's imports used; a wrapped address finds the
    // address inside, as the import keyed it.
    let (candidates, _) = super::trace_candidates(tx, asked)?;
    for candidate in candidates {
        let hashes = trace_hashes(hash_key, "key", &candidate);
        let erased = sql::suppression_entries(tx, &hashes)?
            .iter()
            .any(|e| e.kind == "key" && e.reason == ERASED);
        if erased {
            return Ok(ErasureReport {
                key_hash: entry_hash(hash_key, "key", &candidate),
                already_erased: true,
                suppression_entries: 0,
                before_images_purged: 0,
                exports_including: sql::exports_including(tx, &hashes)?,
            });
        }
    }
    Err(RightsError::NotFound(asked.to_string()))
}
