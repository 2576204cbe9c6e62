//! One prepared row into the workspace: insert the contact, or merge it with the stored
//! one, with consent decided by [`super::consent::merge`].
//!
//! Owns the per-contact part of the loader's merge rules: a blank cell keeps the stored
//! value, the key's e-mail keeps the spelling first stored, and each channel's consent
//! meets the stored state (or, for a contact an undo deleted, the refusal on record:
//! `workspace::consent`), so no route turns an opt-out back on. When the stored state
//! stands, its source, evidence and the consent column's stored value stand too, so the
//! column never contradicts the state. Every change into granted, applied or refused,
//! is recorded for the report and for `contact show`. Called by [`super::load`].

use rusqlite::Connection;
use rusqlite::types::Value as Sql;
use serde::Serialize;

use super::ImportError;
use super::analyse::Analysis;
use super::consent::merge::{Decision, Stored, decide};
use super::consent::row::Statement;
use super::key::KeySource;
use super::suppress::entry_hash;
use crate::fields::{Channel, ConsentEvidence, ConsentState, evidence::parse_time};
use crate::workspace::WorkspaceError;
use crate::workspace::consent::{self as store, Refusal, RefusalLookup, UpgradeRecord};
use crate::workspace::contacts::{AgeWord, ConsentToStore, ContactWriter, Incoming, StoredConsent};
use crate::workspace::keyed_hash::HashKey;

/// A change into granted, as the import report lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsentUpgrade {
    pub key: String,
    pub channel: Channel,
    pub from: ConsentState,
    pub to: ConsentState,
    pub applied: bool,
    pub reason: String,
}

/// What the rows did, counted as they are written.
#[derive(Debug, Default)]
pub struct Tally {
    pub imported: u64,
    pub added: u64,
    pub updated: u64,
    pub duplicates: u64,
    /// Rows whose "granted" met a withdrawal or bounce, which stood.
    pub consent_kept: u64,
    /// Per channel (email, SMS): rows where `--consent` was given but the file stated.
    pub option_not_applied: [u64; 2],
    /// Per channel: rows whose consent column held an unknown word.
    pub unknown_words: [u64; 2],
    pub upgrades: Vec<ConsentUpgrade>,
}

/// Writes prepared rows of one file.
pub struct Upserter<'a, 'c> {
    pub conn: &'c Connection,
    pub writer: ContactWriter<'c>,
    pub analysis: &'a Analysis,
    pub batch: i64,
    pub accept_upgrades: bool,
    /// Present when refusals are on record (otherwise no row needs a lookup).
    pub refusals: Option<RefusalLookup<'c>>,
    /// The workspace's key for contact-key hashes.
    pub hash_key: HashKey,
    pub tally: Tally,
}

fn stored_of(state: ConsentState, evidence: Option<&str>) -> Stored {
    Stored {
        state,
        at: ConsentEvidence::from_json(evidence).and_then(|e| e.effective_time()),
        fresh: false,
    }
}

impl Upserter<'_, '_> {
    /// The values stored as contact fields: the order columns of `--aggregate` are
    /// read, not stored.
    fn stored(&self, values: &[Sql]) -> Vec<Sql> {
        values
            .iter()
            .zip(&self.analysis.columns)
            .filter(|(_, c)| !c.skip)
            .map(|(v, _)| v.clone())
            .collect()
    }

    /// Insert or merge the contact of one prepared row; `age` is what the row says
    /// about the contact's age.
    pub fn write(
        &mut self,
        key: &str,
        age: AgeWord<'_>,
        values: &mut [Sql],
        said: [Statement; 2],
    ) -> Result<(), ImportError> {
        for (i, s) in said.iter().enumerate() {
            self.tally.option_not_applied[i] += u64::from(s.option_not_applied);
            self.tally.unknown_words[i] += u64::from(s.unknown);
        }
        let evidence = said
            .each_ref()
            .map(|s| s.evidence.as_ref().map(ConsentEvidence::to_json));
        let on_record: [Option<Refusal>; 2] = match &mut self.refusals {
            Some(lookup) => {
                let found = lookup.get(&entry_hash(&self.hash_key, "key", key))?;
                Channel::ALL.map(|c| found.iter().find(|r| r.channel == c).cloned())
            }
            None => [None, None],
        };
        let fresh: [Decision; 2] = std::array::from_fn(|i| {
            let stored = on_record[i].as_ref().map_or_else(Stored::fresh, |r| {
                let at = stored_of(r.state, r.evidence.as_deref())
                    .at
                    .or_else(|| parse_time(&r.recorded_at));
                Stored {
                    state: r.state,
                    at,
                    fresh: false,
                }
            });
            decide(stored, said[i].said, self.accept_upgrades)
        });
        let mut insert_values: Option<Vec<Sql>> = None;
        let consent: [ConsentToStore<'_>; 2] = std::array::from_fn(|i| {
            let d = &fresh[i];
            match (&on_record[i], d.by_row) {
                (_, true) => (d.state, said[i].source.as_deref(), evidence[i].as_deref()),
                (Some(r), false) => {
                    // The refusal on record stands: so must the consent column.
                    let vals = insert_values.get_or_insert_with(|| values.to_vec());
                    self.clear_consent_columns(Channel::ALL[i], vals);
                    (r.state, Some(r.source.as_str()), r.evidence.as_deref())
                }
                (None, false) => (d.state, None, None),
            }
        });
        let insert_values = self.stored(insert_values.as_deref().unwrap_or(values));
        let added = self.writer.insert(
            self.batch,
            &Incoming {
                key,
                values: &insert_values,
                consent,
                age,
            },
        )?;
        if added {
            self.tally.added += 1;
            self.record(key, &fresh)?;
        } else {
            self.merge(key, age, values, &said, &evidence)?;
        }
        self.tally.imported += 1;
        Ok(())
    }

    /// Merge a row into the contact stored under `key`.
    fn merge(
        &mut self,
        key: &str,
        age: AgeWord<'_>,
        values: &mut [Sql],
        said: &[Statement; 2],
        evidence: &[Option<String>; 2],
    ) -> Result<(), ImportError> {
        let existing = self.writer.find(key)?.ok_or_else(|| {
            ImportError::Workspace(WorkspaceError::Invalid(format!(
                "contact key {key} is neither new nor stored"
            )))
        })?;
        let decisions: [Decision; 2] = std::array::from_fn(|i| {
            let (state, _, ev) = &existing.consent[i];
            decide(
                stored_of(*state, ev.as_deref()),
                said[i].said,
                self.accept_upgrades,
            )
        });
        for (i, d) in decisions.iter().enumerate() {
            if !d.by_row {
                self.clear_consent_columns(Channel::ALL[i], values);
            }
        }
        if let KeySource::Column { index, email: true } = self.analysis.key {
            values[index] = Sql::Null;
        }
        let consent: [ConsentToStore<'_>; 2] = std::array::from_fn(|i| {
            let d = &decisions[i];
            let (state, source, ev): &StoredConsent = &existing.consent[i];
            if d.by_row {
                (d.state, said[i].source.as_deref(), evidence[i].as_deref())
            } else {
                (*state, source.as_deref(), ev.as_deref())
            }
        });
        let stored = self.stored(values);
        let first = self.writer.update(
            self.batch,
            &existing,
            &Incoming {
                key,
                values: &stored,
                consent,
                age,
            },
            existing.batch != self.batch,
        )?;
        if first {
            self.tally.updated += 1;
        }
        self.tally.duplicates += 1;
        self.record(key, &decisions)
    }

    /// The stored state stands for `channel`: its consent columns keep their values.
    fn clear_consent_columns(&self, channel: Channel, values: &mut [Sql]) {
        for c in self
            .analysis
            .consent
            .iter()
            .filter(|c| c.channel == channel)
        {
            values[c.index] = Sql::Null;
        }
    }

    /// Count and record the upgrades among `decisions`.
    fn record(&mut self, key: &str, decisions: &[Decision; 2]) -> Result<(), ImportError> {
        for (channel, d) in Channel::ALL.iter().zip(decisions) {
            let Some(u) = &d.upgrade else {
                continue;
            };
            if !u.applied && u.from.is_sticky() {
                self.tally.consent_kept += 1;
            }
            let record = UpgradeRecord {
                batch: self.batch,
                channel: *channel,
                from: u.from,
                to: ConsentState::Granted,
                applied: u.applied,
                reason: u.reason.clone(),
            };
            store::add_upgrade(self.conn, &entry_hash(&self.hash_key, "key", key), &record)?;
            self.tally.upgrades.push(ConsentUpgrade {
                key: key.to_string(),
                channel: *channel,
                from: u.from,
                to: ConsentState::Granted,
                applied: u.applied,
                reason: u.reason.clone(),
            });
        }
        Ok(())
    }
}
