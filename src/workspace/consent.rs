//! Consent records that outlive a contact row: refusals on record and the upgrades
//! imports applied or refused.
//!
//! Owns the `consent_refusals` and `consent_upgrades` tables (migration 0004). Both are
//! keyed by the workspace's keyed hash of `key:<contact key>` (computed by the caller
//! with `import::suppress::entry_hash`, as the suppression list's key entries are), so
//! they keep nothing readable about a person; a refusal is also kept under the hash of
//! each of the contact's addresses for its channel (`email:<address>` for e-mail,
//! `phone:<E.164>` for SMS, see `import::refusal_hashes`), in the same column: the
//! hash covers the kind, so the forms never meet.
//! A refusal goes on record when `import undo` deletes a contact that held one, or
//! drops a field holding an address a kept contact refused from; the
//! importer reads it back as the stored state of a contact it creates again, found by
//! its key or by any of its addresses. Called by
//! `import::load`, `import::undo`, `rights` and `export`.

use rusqlite::{Connection, OptionalExtension, Statement, params};
use serde::Serialize;

use super::statements::{evidence_sql, source_sql};
use super::{WorkspaceError, now_rfc3339};
use crate::fields::{Channel, ConsentState};

/// A refusal on record for one contact key and channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    pub channel: Channel,
    pub state: ConsentState,
    /// The source text the contact held (`column unsubscribed_from_all_email, batch 3`).
    pub source: String,
    /// The evidence JSON the contact held.
    #[serde(skip)]
    pub evidence: Option<String>,
    /// The batch that recorded the refusal on the contact.
    pub batch: i64,
    /// When it went on record here (RFC 3339 UTC).
    pub recorded_at: String,
}

fn parse_state(s: String) -> Result<ConsentState, WorkspaceError> {
    s.parse()
        .map_err(|e: crate::fields::ParseNameError| WorkspaceError::Invalid(e.to_string()))
}

fn parse_channel(s: String) -> Result<Channel, WorkspaceError> {
    s.parse()
        .map_err(|e: crate::fields::ParseNameError| WorkspaceError::Invalid(e.to_string()))
}

/// True when any refusal is on record (the importer skips the lookups otherwise).
pub fn any_refusals(conn: &Connection) -> Result<bool, WorkspaceError> {
    Ok(conn
        .query_row("SELECT 1 FROM consent_refusals LIMIT 1", [], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The refusals on record for a key hash, e-mail then SMS.
pub fn refusals(conn: &Connection, key_hash: &str) -> Result<Vec<Refusal>, WorkspaceError> {
    RefusalLookup::new(conn)?.get(key_hash)
}

/// A prepared lookup of refusals by key hash, for the importer's rows.
pub struct RefusalLookup<'c> {
    stmt: Statement<'c>,
}

impl<'c> RefusalLookup<'c> {
    pub fn new(conn: &'c Connection) -> Result<Self, WorkspaceError> {
        Ok(RefusalLookup {
            stmt: conn.prepare(
                "SELECT channel, state, source, evidence, batch_id, recorded_at
                 FROM consent_refusals WHERE key_hash = ?1 ORDER BY channel",
            )?,
        })
    }

    /// The strongest refusal on record per channel (e-mail, SMS) under any of
    /// `hashes` ([`ConsentState::refusal_rank`]; among equals, the first hash's).
    pub fn strongest<'h>(
        &mut self,
        hashes: impl IntoIterator<Item = &'h str>,
    ) -> Result<[Option<Refusal>; 2], WorkspaceError> {
        let mut out: [Option<Refusal>; 2] = [None, None];
        for hash in hashes {
            for found in self.get(hash)? {
                let slot = &mut out[usize::from(found.channel == Channel::Sms)];
                if slot
                    .as_ref()
                    .is_none_or(|held| found.state.refusal_rank() > held.state.refusal_rank())
                {
                    *slot = Some(found);
                }
            }
        }
        Ok(out)
    }

    /// The refusals on record for `key_hash`.
    pub fn get(&mut self, key_hash: &str) -> Result<Vec<Refusal>, WorkspaceError> {
        let rows: Vec<(String, String, String, String, i64, String)> = self
            .stmt
            .query_map([key_hash], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(channel, state, source, evidence, batch, recorded_at)| {
                Ok(Refusal {
                    channel: parse_channel(channel)?,
                    state: parse_state(state)?,
                    source,
                    evidence: Some(evidence).filter(|e| !e.is_empty()),
                    batch,
                    recorded_at,
                })
            })
            .collect()
    }
}

/// Every refusal on record for `channel`: its hash (of a contact key or an address),
/// state and the batch that recorded it on the contact. Read once per campaign run
/// (`campaign::opt_outs`), so a refusal kept under an address holds for every contact
/// still holding it.
pub fn refusals_of_channel(
    conn: &Connection,
    channel: Channel,
) -> Result<Vec<(String, ConsentState, i64)>, WorkspaceError> {
    let rows: Vec<(String, String, i64)> = conn
        .prepare("SELECT key_hash, state, batch_id FROM consent_refusals WHERE channel = ?1")?
        .query_map([channel.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(hash, state, batch)| Ok((hash, parse_state(state)?, batch)))
        .collect()
}

/// Put a refusal on record for `key_hash`, unless a stronger or equal one is there
/// already ([`ConsentState::refusal_rank`]). Returns true when it was written.
pub fn keep_refusal(
    conn: &Connection,
    key_hash: &str,
    refusal: &Refusal,
) -> Result<bool, WorkspaceError> {
    if !refusal.state.is_refusal() {
        return Ok(false);
    }
    let current = refusals(conn, key_hash)?
        .into_iter()
        .find(|r| r.channel == refusal.channel);
    if current.is_some_and(|c| c.state.refusal_rank() >= refusal.state.refusal_rank()) {
        return Ok(false);
    }
    conn.execute(
        "INSERT INTO consent_refusals (key_hash, channel, state, source, evidence, batch_id, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (key_hash, channel) DO UPDATE SET state = excluded.state,
           source = excluded.source, evidence = excluded.evidence,
           batch_id = excluded.batch_id, recorded_at = excluded.recorded_at",
        params![
            key_hash,
            refusal.channel.as_str(),
            refusal.state.as_str(),
            refusal.source,
            refusal.evidence.as_deref().unwrap_or(""),
            refusal.batch,
            now_rfc3339()
        ],
    )?;
    Ok(true)
}

/// Row id, key, state, source, evidence and batch of a contact holding a refusal.
type AddedRow = (i64, String, String, Option<String>, Option<String>, i64);

/// A refusal held by a contact, as an undo puts it on record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedRefusal {
    /// The contact's row id (`_id`), to read its addresses.
    pub id: i64,
    pub key: String,
    pub refusal: Refusal,
}

/// The refusals held by the contacts `batch` added, with their row ids and keys: what
/// an undo of the batch must put on record before it deletes them.
pub fn refusals_of_added(
    conn: &Connection,
    batch: i64,
) -> Result<Vec<AddedRefusal>, WorkspaceError> {
    refusals_held(conn, batch, "=")
}

/// The refusals held by the contacts `batch` did not add (an undo of the batch keeps
/// them and their refusals), with their row ids and keys: an undo that drops a field
/// the batch added puts them on record under the addresses the field held.
pub fn refusals_of_kept(
    conn: &Connection,
    batch: i64,
) -> Result<Vec<AddedRefusal>, WorkspaceError> {
    refusals_held(conn, batch, "<>")
}

/// The refusals of the contacts whose `_batch` compares to `batch` by `op` (`=` or
/// `<>`, never user input).
fn refusals_held(
    conn: &Connection,
    batch: i64,
    op: &str,
) -> Result<Vec<AddedRefusal>, WorkspaceError> {
    let mut out = Vec::new();
    for channel in Channel::ALL {
        let c = format!("_consent_{}", channel.as_str());
        let sql = format!(
            "SELECT _id, _key, {c}, {}, {}, coalesce(_updated_batch, _batch)
             FROM contacts WHERE _batch {op} ?1 AND {c} IN ('declined', 'withdrawn', 'bounced')
             ORDER BY _id",
            source_sql(channel.as_str(), "contacts"),
            evidence_sql(channel.as_str(), "contacts"),
        );
        let rows: Vec<AddedRow> = conn
            .prepare(&sql)?
            .query_map([batch], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        for (id, key, state, source, evidence, by) in rows {
            out.push(AddedRefusal {
                id,
                key,
                refusal: Refusal {
                    channel,
                    state: parse_state(state)?,
                    source: source.unwrap_or_default(),
                    evidence,
                    batch: by,
                    recorded_at: now_rfc3339(),
                },
            });
        }
    }
    Ok(out)
}

/// One change into granted an import applied or refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UpgradeRecord {
    pub batch: i64,
    pub channel: Channel,
    pub from: ConsentState,
    pub to: ConsentState,
    pub applied: bool,
    pub reason: String,
}

/// Record an upgrade of the contact whose key hashes to `key_hash`.
pub fn add_upgrade(
    conn: &Connection,
    key_hash: &str,
    u: &UpgradeRecord,
) -> Result<(), WorkspaceError> {
    conn.execute(
        "INSERT INTO consent_upgrades (batch_id, key_hash, channel, from_state, to_state, applied, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            u.batch,
            key_hash,
            u.channel.as_str(),
            u.from.as_str(),
            u.to.as_str(),
            u.applied,
            u.reason
        ],
    )?;
    Ok(())
}

/// The upgrades recorded for `key_hash`, oldest first.
pub fn upgrades(conn: &Connection, key_hash: &str) -> Result<Vec<UpgradeRecord>, WorkspaceError> {
    let rows: Vec<(i64, String, String, String, bool, String)> = conn
        .prepare(
            "SELECT batch_id, channel, from_state, to_state, applied, reason
             FROM consent_upgrades WHERE key_hash = ?1 ORDER BY id",
        )?
        .query_map([key_hash], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(batch, channel, from, to, applied, reason)| {
            Ok(UpgradeRecord {
                batch,
                channel: parse_channel(channel)?,
                from: parse_state(from)?,
                to: parse_state(to)?,
                applied,
                reason,
            })
        })
        .collect()
}

/// Forget the upgrades of an undone batch: the changes they describe are undone too.
pub fn remove_upgrades_of(conn: &Connection, batch: i64) -> Result<u64, WorkspaceError> {
    Ok(conn.execute("DELETE FROM consent_upgrades WHERE batch_id = ?1", [batch])? as u64)
}

/// A contact's consent source text and evidence JSON for one channel.
pub type SourceAndEvidence = (Option<String>, Option<String>);

/// A prepared lookup of one channel's consent evidence by contact key, for the export
/// manifest's summary of where the recipients' consent comes from.
pub struct EvidenceLookup<'c> {
    stmt: Statement<'c>,
}

impl<'c> EvidenceLookup<'c> {
    pub fn new(conn: &'c Connection, channel: Channel) -> Result<Self, WorkspaceError> {
        let c = channel.as_str();
        Ok(EvidenceLookup {
            stmt: conn.prepare(&format!(
                "SELECT {}, {} FROM contacts WHERE _key = ?1",
                source_sql(c, "contacts"),
                evidence_sql(c, "contacts"),
            ))?,
        })
    }

    /// Source text and evidence JSON of the contact with `key`, if stored.
    pub fn get(&mut self, key: &str) -> Result<Option<SourceAndEvidence>, WorkspaceError> {
        Ok(self
            .stmt
            .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Workspace;

    fn refusal(state: ConsentState) -> Refusal {
        Refusal {
            channel: Channel::Email,
            state,
            source: "column x, batch 1".into(),
            evidence: None,
            batch: 1,
            recorded_at: String::new(),
        }
    }

    #[test]
    fn a_refusal_on_record_is_only_ever_strengthened() {
        let ws = Workspace::open_in_memory().unwrap();
        let conn = ws.conn();
        assert!(!any_refusals(conn).unwrap());
        assert!(!keep_refusal(conn, "h", &refusal(ConsentState::Granted)).unwrap());
        assert!(keep_refusal(conn, "h", &refusal(ConsentState::Declined)).unwrap());
        assert!(keep_refusal(conn, "h", &refusal(ConsentState::Withdrawn)).unwrap());
        assert!(!keep_refusal(conn, "h", &refusal(ConsentState::Declined)).unwrap());
        let on_record = refusals(conn, "h").unwrap();
        assert_eq!(on_record.len(), 1);
        assert_eq!(on_record[0].state, ConsentState::Withdrawn);
        assert!(any_refusals(conn).unwrap());
        assert!(refusals(conn, "other").unwrap().is_empty());
    }
}
