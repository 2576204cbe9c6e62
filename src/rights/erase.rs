//! Erasure (GDPR Art. 17; also how an objection to direct marketing under Art. 21(3) is
//! made to stick): delete one contact so that nothing brings it back.
//!
//! In one transaction: the contact's row and every before-image of it go (so
//! `import undo` can never restore it), its contact key, e-mail addresses and phone
//! numbers go on the suppression list as hashes only, reason `erased` (so the importer
//! skips them in any later file), and the audit log records the erasure by the key's
//! hash, never the address. The hashes use `import::suppress::entry_hash` over the same
//! normal forms the importer compares: lower-case e-mail, and phones in E.164 as
//! stored beside each phone field, so no spelling of the number brings it back. Deleted pages are overwritten (SQLite
//! `secure_delete`) and the write-ahead log is checkpointed afterwards.
//!
//! What it cannot undo: files already exported. The report names the exports that
//! included the contact, whose recipients must be told (Art. 19).

use serde::Serialize;
use serde_json::json;

use super::RightsError;
use crate::fields::Role;
use crate::import::suppress::{entry_hash, normalise_email};
use crate::workspace::rights::{self as sql, ExportIncluding};
use crate::workspace::{Workspace, audit, fields, phones};

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErasureReport {
    /// Hex SHA-256 of `key:<contact key>`, the only trace of the key that is kept.
    pub key_sha256: String,
    /// Suppression entries written (kinds `key`, `email`, `phone`), hashes only.
    pub suppression_entries: usize,
    /// Before-images of the contact removed from import batches' undo records.
    pub before_images_purged: u64,
    /// Exports that included the contact: their files are outside the workspace.
    pub exports_including: Vec<ExportIncluding>,
}

/// Erase the contact with `key` (trimmed; e-mail keys also lower-cased; a phone number
/// in any spelling finds the contact it keys, or the one contact holding it).
///
/// Errors: [`RightsError::NotFound`] when no such contact is stored (an erased contact
/// is not stored either); workspace errors, after which nothing has changed.
pub fn erase(ws: &mut Workspace, key: &str, actor: &str) -> Result<ErasureReport, RightsError> {
    sql::overwrite_deleted_content(ws.conn())?;
    let report = ws.write(|tx| {
        let head = sql::find(tx, key)?.ok_or_else(|| RightsError::NotFound(key.trim().into()))?;
        let defs = fields::list(tx)?;
        let address_fields: Vec<_> = defs.iter().filter(|f| f.role == Role::Email).collect();
        let names: Vec<String> = address_fields.iter().map(|f| f.name.clone()).collect();
        let values = sql::text_values(tx, head.id, &names)?;
        let key_hash = entry_hash("key", &head.key);
        let mut entries = vec![("key", key_hash.clone())];
        let emails = values
            .into_iter()
            .flatten()
            .map(|t| ("email", normalise_email(&t)));
        // Phones as stored in E.164 (`workspace::phones`): every spelling of the number
        // in a later file or list meets this entry.
        let numbers = phones::numbers_of(tx, head.id)?
            .into_iter()
            .map(|n| ("phone", n));
        for (kind, normal) in emails.chain(numbers) {
            let entry = (kind, entry_hash(kind, &normal));
            if !normal.is_empty() && !entries.contains(&entry) {
                entries.push(entry);
            }
        }
        for (kind, hash) in &entries {
            sql::suppress_erased(tx, kind, hash, "contact erase")?;
        }
        let purged = sql::delete_contact(tx, head.id)?;
        let exports = sql::exports_including(tx, &key_hash)?;
        audit::append(
            tx,
            actor,
            "contact.erase",
            &key_hash,
            &json!({
                "key_sha256": key_hash,
                "suppression_kinds": entries.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
                "before_images_purged": purged,
                "exports_including": exports.iter().map(|e| e.id).collect::<Vec<_>>(),
            }),
        )?;
        Ok::<_, RightsError>(ErasureReport {
            key_sha256: key_hash,
            suppression_entries: entries.len(),
            before_images_purged: purged,
            exports_including: exports,
        })
    })?;
    sql::checkpoint(ws.conn())?;
    Ok(report)
}
