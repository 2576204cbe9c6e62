//! Undoing an import batch's contact changes: before-images put back, added contacts
//! deleted.
//!
//! Owns the restore rules (a before-image never weakens a refusal) and, for images
//! saved before migration 0012 (consent source and evidence as text), their
//! translation into a consent statement (`workspace::statements`); newer images name
//! the statement by id. Called by `import::undo` inside its transaction.

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, params_from_iter};

use super::statements::{self, StatementWriter};
use super::{WorkspaceError, quote_ident};
use crate::fields::ConsentState;

/// What [`undo_batch`] did to the contacts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UndoCounts {
    /// Contacts put back to their before-image.
    pub restored: u64,
    /// Contacts the batch had added, now deleted.
    pub deleted: u64,
    /// Channels (per contact) whose refusal (declined, withdrawn, bounced) was kept
    /// although the before-image held a weaker state: a "no" is a fact about the
    /// person, not about the file that reported it, so undoing the file does not undo
    /// it.
    pub opt_outs_kept: u64,
}

/// Undo a batch's contact changes: put back every before-image it saved, then delete
/// the contacts it added (the caller first puts their refusals on record, see
/// `workspace::consent`) and the spent before-images.
///
/// A before-image never weakens a refusal: when the current consent state ranks above
/// the one it would restore ([`ConsentState::refusal_rank`]: a declined over a granted,
/// a withdrawal over a "no"), the state, its source and evidence and the channel's
/// consent fields (`consent_fields`: field names with their channel's consent column
/// prefix, `_consent_email` or `_consent_sms`) keep their current values. Contacts
/// erased since the batch have no before-image left (erasure purges them) and no row to
/// update.
pub fn undo_batch(
    conn: &Connection,
    batch: i64,
    consent_fields: &[(&str, String)],
) -> Result<UndoCounts, WorkspaceError> {
    let images: Vec<(i64, String, Option<String>, Option<String>)> = conn
        .prepare(
            "SELECT b.contact_id, b.before, c._consent_email, c._consent_sms
             FROM batch_changes b LEFT JOIN contacts c ON c._id = b.contact_id
             WHERE b.batch_id = ?1",
        )?
        .query_map([batch], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut counts = UndoCounts::default();
    let mut writer = StatementWriter::new(conn)?;
    for (id, before, email_now, sms_now) in &images {
        let mut map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(before)
            .map_err(|e| WorkspaceError::Invalid(format!("before-image of contact {id}: {e}")))?;
        for (column, now) in [("_consent_email", email_now), ("_consent_sms", sms_now)] {
            let rank = |s: Option<&str>| {
                s.and_then(|s| s.parse::<ConsentState>().ok())
                    .map_or(0, ConsentState::refusal_rank)
            };
            let was = map.get(column).and_then(serde_json::Value::as_str);
            if rank(now.as_deref()) > rank(was) {
                map.remove(column);
                map.remove(&format!("{column}_ref"));
                map.remove(&format!("{column}_source"));
                map.remove(&format!("{column}_evidence"));
                for (prefix, field) in consent_fields {
                    if *prefix == column {
                        map.remove(field);
                    }
                }
                counts.opt_outs_kept += 1;
            }
        }
        if map.is_empty() {
            continue;
        }
        for channel in ["email", "sms"] {
            statement_of(conn, &mut writer, *id, channel, &mut map)?;
        }
        let mut values = vec![Sql::Integer(*id)];
        let mut sets = Vec::with_capacity(map.len());
        for (i, (column, value)) in map.iter().enumerate() {
            sets.push(format!("{} = ?{}", quote_ident(column), i + 2));
            values.push(json_to_sql(value));
        }
        counts.restored += conn.execute(
            &format!("UPDATE contacts SET {} WHERE _id = ?1", sets.join(", ")),
            params_from_iter(values),
        )? as u64;
    }
    counts.deleted = conn.execute("DELETE FROM contacts WHERE _batch = ?1", [batch])? as u64;
    // The images are spent: an undone batch cannot be undone again, and older values
    // kept for no purpose are personal data kept for none (GDPR Art. 5(1)(c)); `contact
    // show` would list them as if they still applied.
    conn.execute("DELETE FROM batch_changes WHERE batch_id = ?1", [batch])?;
    // The statements of the deleted contacts, those the restored images replaced, and
    // those only the spent images referenced.
    statements::sweep(conn)?;
    Ok(counts)
}

/// Replace an old before-image's `_consent_<channel>_source` and `_evidence` text in
/// `map` by the `_consent_<channel>_ref` of a statement holding it; one absent from
/// the image (saved before evidence was kept) keeps the contact's current text.
/// Images without them (saved since migration 0012) are left as they are.
fn statement_of(
    conn: &Connection,
    writer: &mut StatementWriter<'_>,
    id: i64,
    channel: &str,
    map: &mut serde_json::Map<String, serde_json::Value>,
) -> Result<(), WorkspaceError> {
    let column = format!("_consent_{channel}");
    let source = map.remove(&format!("{column}_source"));
    let evidence = map.remove(&format!("{column}_evidence"));
    if source.is_none() && evidence.is_none() {
        return Ok(());
    }
    let refs = statements::of_contact(conn, id)?;
    let current = writer.get(refs[usize::from(channel == "sms")])?;
    let text = |v: Option<serde_json::Value>, now: Option<String>| match v {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Null) => None,
        Some(other) => Some(other.to_string()),
        None => now,
    };
    let source = text(source, current.0);
    let evidence = text(evidence, current.1);
    let id = writer.id(source.as_deref(), evidence.as_deref())?;
    map.insert(
        format!("{column}_ref"),
        id.map_or(serde_json::Value::Null, Into::into),
    );
    Ok(())
}

fn json_to_sql(value: &serde_json::Value) -> Sql {
    match value {
        serde_json::Value::Null => Sql::Null,
        serde_json::Value::Bool(b) => Sql::Integer(i64::from(*b)),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Sql::Integer(i),
            None => Sql::Real(n.as_f64().unwrap_or(f64::NAN)),
        },
        serde_json::Value::String(s) => Sql::Text(s.clone()),
        other => Sql::Text(other.to_string()),
    }
}
