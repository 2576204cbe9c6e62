//! `import undo`: take one batch back out of the workspace.
//!
//! Owns the rule that only the newest batch still in effect can be undone (undoing an
//! older one would lose the later batch's changes to the same contacts), and the order
//! of the undo: restore before-images (never weakening a refusal), put the refusals of
//! the contacts the batch added on record (`workspace::consent`: a "no" is a fact about
//! the person and outlives the contact row, so re-importing the person later cannot
//! grant them) and those the kept contacts recorded for addresses in the fields the
//! batch added, delete those contacts, forget the batch's consent upgrades, put back the
//! orders it replaced and delete those it added (`--aggregate`), drop the fields it
//! added, recompute the order figures of the contacts its orders touched, note the
//! sensitive values the restored values hold in their fields' reasons
//! ([`crate::fields::held_note`]), mark it undone, audit. Before all that, known
//! minors' addresses go on record with their age ([`super::undo_minors`]). One transaction. Called by the CLI and TUI.
//!
//! Why a record of refusals rather than keeping the contact or a suppression entry:
//! keeping the row would leave the undone file's other values in the workspace, and a
//! suppression entry would block every channel for a refusal of one; the record keeps
//! exactly the refusal, per channel, under the key's hash and the hashes of the
//! channel's addresses ([`super::refusal_hashes`]: the same person may come back keyed
//! otherwise), nothing readable.

use serde::Serialize;
use serde_json::json;

use super::ImportError;
use super::refusal_hashes;
use super::suppress::entry_hash;
use crate::fields::{Channel, held_note};
use crate::workspace::keyed_hash::HashKey;
use crate::workspace::{
    Workspace, address_columns, audit, batches, consent, contacts, fields, orders, settings,
};

/// What an undo did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UndoReport {
    pub batch: i64,
    pub file_name: String,
    pub contacts_removed: u64,
    pub contacts_restored: u64,
    /// Refusals (declined, withdrawn or bounced, per contact and channel) the restored
    /// contacts keep: undoing a file does not re-grant consent.
    pub opt_outs_kept: u64,
    /// Refusals of the removed contacts put on record, so a later import of the same
    /// person meets them (per contact and channel).
    pub refusals_on_record: u64,
    /// Contacts whose age made them possible minors (under the highest minor age a
    /// campaign may set): their addresses are kept on record with their age
    /// (`workspace::kept_minors`), so the minor check holds after the undo.
    pub minors_on_record: u64,
    pub fields_removed: Vec<String>,
    /// Removed fields a person changed (`fields set`): their decisions stay on record by
    /// name (`workspace::decisions`), applied again when an import brings the field back
    /// ([`crate::import::decided`]).
    pub decisions_kept: Vec<String>,
    /// Fields that hold sensitive values again now that earlier values are back, each
    /// in words ([`crate::fields::held_note::refresh`]); their reasons say so.
    pub warnings: Vec<String>,
}

/// Undo `batch`, or the newest batch in effect when `None`.
///
/// Errors: [`ImportError::Undo`] when there is nothing to undo, the batch does not exist
/// or is already undone, or a later batch is still in effect (the message names it).
pub fn undo(
    ws: &mut Workspace,
    batch: Option<i64>,
    actor: &str,
) -> Result<UndoReport, ImportError> {
    let today = ws.today();
    ws.write(|tx| {
        let latest = batches::latest_active(tx)?;
        let target = match batch {
            None => latest
                .clone()
                .ok_or_else(|| ImportError::Undo("there is no import to undo".into()))?,
            Some(id) => batches::get(tx, id)?
                .ok_or_else(|| ImportError::Undo(format!("there is no import batch {id}")))?,
        };
        if let Some(at) = &target.undone_at {
            return Err(ImportError::Undo(format!(
                "batch {} ({}) was already undone at {at}",
                target.id, target.file_name
            )));
        }
        if let Some(later) = latest.filter(|l| l.id > target.id) {
            return Err(ImportError::Undo(format!(
                "batch {} ({}) was imported after batch {}; undo it first: tactful import undo {}",
                later.id, later.file_name, target.id, later.id
            )));
        }
        let defs = fields::list(tx)?;
        // Former e-mail fields' kept addresses too: a refusal holds for every address
        // it was recorded with, whatever the fields' roles now.
        let email_fields = address_columns::email_columns(tx)?;
        let consent_fields: Vec<(&str, String)> = defs
            .into_iter()
            .filter_map(|f| {
                let prefix = match f.role.consent_channel()? {
                    Channel::Email => "_consent_email",
                    Channel::Sms => "_consent_sms",
                };
                Some((prefix, f.name))
            })
            .collect();
        let mut on_record = 0u64;
        let hash_key = HashKey::load(tx)?;
        // A known minor stays one: their addresses go on record with their age.
        let minors_on_record = super::undo_minors::keep(tx, &hash_key, target.id, today)?;
        for added in consent::refusals_of_added(tx, target.id)? {
            let refusal = &added.refusal;
            // Already on record (a contact re-created from its refusal) counts too.
            consent::keep_refusal(tx, &entry_hash(&hash_key, "key", &added.key), refusal)?;
            let by_address = refusal_hashes::of_contact(
                tx,
                &hash_key,
                (added.id, refusal.channel),
                &email_fields,
            )?;
            for hash in by_address {
                consent::keep_refusal(tx, &hash, refusal)?;
            }
            on_record += 1;
        }
        // The contacts the undo keeps keep their refusals (a before-image never weakens
        // one), but the fields the batch added go, with the addresses they held.
        let dropped = batches::fields_added(tx, target.id)?;
        refusal_hashes::keep_for_dropped(tx, &hash_key, target.id, &dropped)?;
        consent::remove_upgrades_of(tx, target.id)?;
        let counts = contacts::undo_batch(tx, target.id, &consent_fields)?;
        let (restored, removed) = (counts.restored, counts.deleted);
        let touched = orders::undo_batch(tx, target.id)?;
        for name in &dropped {
            fields::remove(tx, name)?;
        }
        // The figures of `--aggregate` follow the orders still stored.
        let remaining: Vec<String> = fields::list(tx)?.into_iter().map(|f| f.name).collect();
        let figure = |name: &str| {
            remaining
                .iter()
                .any(|f| f == name)
                .then(|| name.to_string())
        };
        let figures = orders::FigureFields {
            count: figure(crate::import::orders::COUNT),
            total: figure(crate::import::orders::TOTAL),
            first: figure(crate::import::orders::FIRST),
            last: figure(crate::import::orders::LAST),
        };
        orders::recompute(tx, &touched, &figures)?;
        // The values put back may hold sensitive values the undone file's had replaced.
        let warnings = held_note::refresh(
            tx,
            &fields::list(tx)?,
            actor,
            &format!("import undo {}", target.id),
        )?;
        batches::mark_undone(tx, target.id)?;
        if batches::latest_active(tx)?.is_none() {
            // No import left in effect: the next one may choose the key afresh.
            settings::remove(tx, settings::CONTACT_KEY)?;
        }
        let mut decisions_kept = Vec::new();
        for name in &dropped {
            if crate::workspace::decisions::get(tx, name)?.is_some() {
                decisions_kept.push(name.clone());
            }
        }
        let report = UndoReport {
            batch: target.id,
            file_name: target.file_name.clone(),
            contacts_removed: removed,
            contacts_restored: restored,
            opt_outs_kept: counts.opt_outs_kept,
            refusals_on_record: on_record,
            minors_on_record,
            fields_removed: dropped,
            decisions_kept,
            warnings,
        };
        audit::append(
            tx,
            actor,
            "import.undo",
            &target.file_name,
            &json!({
                "batch": target.id,
                "contacts_removed": removed,
                "contacts_restored": restored,
                "opt_outs_kept": counts.opt_outs_kept,
                "refusals_on_record": on_record,
                "minors_on_record": minors_on_record,
                "fields_removed": report.fields_removed,
            }),
        )?;
        Ok(report)
    })
}
