//! Erasure (GDPR Art. 17; also how an objection to direct marketing under Art. 21(3) is
//! made to stick): delete one contact so that nothing brings it back.
//!
//! In one transaction: the contact's row and every before-image of it go (so
//! `import undo` can never restore it), its contact key, e-mail addresses and phone
//! numbers go on the suppression list as hashes only, reason `erased` (so the importer
//! skips them in any later file), and the audit log records the erasure by the key's
//! hash, never the address. The hashes use `import::suppress::entry_hash` over the same
//! normal forms the importer compares. Deleted pages are overwritten (SQLite
//! `secure_delete`) and the write-ahead log is checkpointed afterwards.
//!
//! What it cannot undo: files already exported. The report names the exports that
//! included the contact, whose recipients must be told (Art. 19).

use serde::Serialize;
use serde_json::json;

use super::RightsError;
use crate::fields::Role;
use crate::import::suppress::{entry_hash, normalise_email, normalise_phone};
use crate::workspace::rights::{self as sql, ExportIncluding};
use crate::workspace::{Workspace, audit, fields};

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

/// Erase the contact with `key` (trimmed; e-mail keys also lower-cased).
///
/// Errors: [`RightsError::NotFound`] when no such contact is stored (an erased contact
/// is not stored either); workspace errors, after which nothing has changed.
pub fn erase(ws: &mut Workspace, key: &str, actor: &str) -> Result<ErasureReport, RightsError> {
    sql::overwrite_deleted_content(ws.conn())?;
    let report = ws.write(|tx| {
        let head = sql::find(tx, key)?.ok_or_else(|| RightsError::NotFound(key.trim().into()))?;
        let defs = fields::list(tx)?;
        let address_fields: Vec<_> = defs
            .iter()
            .filter(|f| matches!(f.role, Role::Email | Role::Phone))
            .collect();
        let names: Vec<String> = address_fields.iter().map(|f| f.name.clone()).collect();
        let values = sql::text_values(tx, head.id, &names)?;
        let key_hash = entry_hash("key", &head.key);
        let mut entries = vec![("key", key_hash.clone())];
        for (field, value) in address_fields.iter().zip(values) {
            let Some(text) = value else { continue };
            let (kind, normal) = match field.role {
                Role::Email => ("email", normalise_email(&text)),
                _ => ("phone", normalise_phone(&text)),
            };
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
