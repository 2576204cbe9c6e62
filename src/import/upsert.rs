//! The consent part of writing one contact: how each channel's statement meets what the
//! workspace holds ([`super::consent::merge`]), and the record of upgrades.
//!
//! Owns, per contact and channel: the stored state a row meets (the contact's own, or
//! for a contact the workspace does not hold, the refusal on record when an undo
//! removed it: `workspace::consent`), the state, source and evidence to store, and
//! which consent columns must keep their stored values because the stored state stands
//! (so the column never contradicts the state). Every change into granted, applied or
//! refused, is recorded for the report and for `contact show`. No route turns an
//! opt-out back on. Called by [`super::write`] for every contact row.

use rusqlite::Connection;
use serde::Serialize;

use super::ImportError;
use super::consent::merge::{Decision, Stored, Upgrade, decide};
use super::consent::row::Statement;
use super::suppress::entry_hash;
use crate::fields::{Channel, ConsentEvidence, ConsentState, evidence::parse_time};
use crate::workspace::consent::{self as store, Refusal, RefusalLookup, UpgradeRecord};
use crate::workspace::contacts::{ConsentToStore, Existing};
use crate::workspace::keyed_hash::HashKey;
use crate::workspace::{WorkspaceError, suppression};

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

/// What the rows' consent did, counted as they are written.
#[derive(Debug, Default)]
pub struct Tally {
    /// Rows whose "granted" met a withdrawal or bounce, which stood.
    pub consent_kept: u64,
    /// Per channel (email, SMS): rows where `--consent` was given but the file stated.
    pub option_not_applied: [u64; 2],
    /// Per channel: rows whose consent column held an unknown word.
    pub unknown_words: [u64; 2],
    /// Per channel: stored contacts whose grant this file's stated "not asked" (no
    /// marketing permission) removed.
    pub grants_removed: [u64; 2],
    /// Per channel: stored contacts this file updated whose grant stood because the
    /// file states nothing of that channel (`import::no_consent_note`).
    pub grants_kept: [u64; 2],
    pub upgrades: Vec<ConsentUpgrade>,
}

/// The consent to store for one contact, with the decisions behind it.
#[derive(Debug)]
pub struct Outcome {
    decisions: [Decision; 2],
    /// State, source and evidence JSON per channel.
    store: [(ConsentState, Option<String>, Option<String>); 2],
    /// Channels whose stored state stands: their consent columns keep their values.
    pub keep_columns: [bool; 2],
}

impl Outcome {
    /// The consent in the form the contact writer takes.
    pub fn to_store(&self) -> [ConsentToStore<'_>; 2] {
        self.store
            .each_ref()
            .map(|(s, source, ev)| (*s, source.as_deref(), ev.as_deref()))
    }
}

/// Decides and records the consent of one file's contacts.
pub struct ConsentWriter<'c> {
    pub conn: &'c Connection,
    pub batch: i64,
    pub accept_upgrades: bool,
    /// The written reason for confirmed upgrades (`--upgrade-reason`).
    pub upgrade_reason: Option<String>,
    /// Present when refusals are on record (otherwise no row needs a lookup).
    pub refusals: Option<RefusalLookup<'c>>,
    /// The workspace's key for contact-key hashes.
    pub hash_key: HashKey,
    pub tally: Tally,
    pub memo: EvidenceMemo,
}

impl ConsentWriter<'_> {
    /// Put `numbers` (E.164) on the suppression list: the numbers after the first of
    /// a phone cell holding several, on a row that refuses SMS (`import::row_phones`).
    /// Kept after `import undo`, as the row's refusal is.
    ///
    /// Errors: workspace errors.
    pub fn suppress_numbers(&self, numbers: &[String]) -> Result<(), WorkspaceError> {
        for number in numbers {
            let hash = entry_hash(&self.hash_key, "phone", number);
            let source = format!("import batch {}", self.batch);
            suppression::add(self.conn, "phone", Some(number), &hash, REFUSED, &source)?;
        }
        Ok(())
    }
}

/// The `reason` of suppression entries for numbers refused in a cell of several.
pub const REFUSED: &str = "refused";

fn stored_of(state: ConsentState, evidence: Option<&str>) -> Stored {
    Stored {
        state,
        at: ConsentEvidence::from_json(evidence).and_then(|e| e.effective_time()),
        fresh: false,
    }
}

/// The evidence JSON of the last statement stored per channel, reused while rows
/// repeat it: most rows of a file share their consent column's evidence, and
/// serialising it anew was about 2% of an import's CPU time.
#[derive(Debug, Default)]
pub struct EvidenceMemo([Option<(ConsentEvidence, String)>; 2]);

impl EvidenceMemo {
    /// `evidence` as JSON, for channel number `channel`.
    fn json(&mut self, channel: usize, evidence: &ConsentEvidence) -> String {
        match &self.0[channel] {
            Some((last, json)) if last == evidence => json.clone(),
            _ => {
                let json = evidence.to_json();
                self.0[channel] = Some((evidence.clone(), json.clone()));
                json
            }
        }
    }
}

/// What to store for channel number `channel`, which the row decided: its state,
/// source and evidence, with the user's written `upgrade_reason` on the evidence of
/// an upgrade applied only because the user confirmed it.
fn statement_store(
    (channel, s): (usize, &Statement),
    d: &Decision,
    upgrade_reason: Option<&str>,
    memo: &mut EvidenceMemo,
) -> (ConsentState, Option<String>, Option<String>) {
    let confirmed = d.upgrade.as_ref().is_some_and(|u| u.applied && u.confirmed);
    let evidence = s.evidence.as_ref().map(|e| {
        if confirmed {
            let mut e = e.clone();
            e.upgrade_reason = upgrade_reason.map(str::to_string);
            e.to_json()
        } else {
            memo.json(channel, e)
        }
    });
    (d.state, s.source.clone(), evidence)
}

impl ConsentWriter<'_> {
    /// Count what the row's statements say (once per row).
    pub fn count(&mut self, said: &[Statement; 2]) {
        for (i, s) in said.iter().enumerate() {
            self.tally.option_not_applied[i] += u64::from(s.option_not_applied);
            self.tally.unknown_words[i] += u64::from(s.unknown);
        }
    }

    /// The consent of a contact the workspace does not hold under `key`: the row's
    /// word meets the strongest refusal on record for its key or, per channel, for one
    /// of its addresses (`addresses()`: the hashes of its e-mail addresses and of its
    /// numbers, see [`super::refusal_hashes::of_row`]; asked only when refusals are on
    /// record), if any, else nothing.
    pub fn for_new(
        &mut self,
        key: &str,
        addresses: impl FnOnce(&HashKey) -> [Vec<String>; 2],
        said: &[Statement; 2],
    ) -> Result<Outcome, ImportError> {
        let on_record: [Option<Refusal>; 2] = match &mut self.refusals {
            Some(lookup) => {
                let by_key = entry_hash(&self.hash_key, "key", key);
                let [emails, numbers] = addresses(&self.hash_key);
                let hashes = std::iter::once(&by_key).chain(&emails).chain(&numbers);
                lookup.strongest(hashes.map(String::as_str))?
            }
            None => [None, None],
        };
        let decisions: [Decision; 2] = std::array::from_fn(|i| {
            let stored = on_record[i]
                .as_ref()
                .map_or_else(Stored::fresh, |r| Stored {
                    state: r.state,
                    at: stored_of(r.state, r.evidence.as_deref())
                        .at
                        .or_else(|| parse_time(&r.recorded_at)),
                    fresh: false,
                });
            decide(stored, said[i].said, self.accept_upgrades)
        });
        let store = std::array::from_fn(|i| match (&on_record[i], decisions[i].by_row) {
            (_, true) => statement_store(
                (i, &said[i]),
                &decisions[i],
                self.upgrade_reason.as_deref(),
                &mut self.memo,
            ),
            // The refusal on record stands, with its own source and evidence.
            (Some(r), false) => (r.state, Some(r.source.clone()), r.evidence.clone()),
            (None, false) => (decisions[i].state, None, None),
        });
        let keep_columns = std::array::from_fn(|i| on_record[i].is_some() && !decisions[i].by_row);
        Ok(Outcome {
            decisions,
            store,
            keep_columns,
        })
    }

    /// The consent of the stored contact `existing` after the row.
    pub fn for_existing(&mut self, existing: &Existing, said: &[Statement; 2]) -> Outcome {
        let decisions: [Decision; 2] = std::array::from_fn(|i| {
            let (state, _, ev) = &existing.consent[i];
            decide(
                stored_of(*state, ev.as_deref()),
                said[i].said,
                self.accept_upgrades,
            )
        });
        for (i, d) in decisions.iter().enumerate() {
            if existing.consent[i].0 == ConsentState::Granted && d.state == ConsentState::NotAsked {
                self.tally.grants_removed[i] += 1;
            }
        }
        let store = std::array::from_fn(|i| {
            if decisions[i].by_row {
                statement_store(
                    (i, &said[i]),
                    &decisions[i],
                    self.upgrade_reason.as_deref(),
                    &mut self.memo,
                )
            } else {
                existing.consent[i].clone()
            }
        });
        let keep_columns = decisions.each_ref().map(|d| !d.by_row);
        Outcome {
            decisions,
            store,
            keep_columns,
        }
    }

    /// Why an upgrade was applied or refused, with the user's written reason when the
    /// user confirmed it.
    fn reason_of(&self, u: &Upgrade) -> String {
        match (&self.upgrade_reason, u.applied && u.confirmed) {
            (Some(why), true) => format!("{}: \"{why}\"", u.reason),
            _ => u.reason.clone(),
        }
    }

    /// Count and record the upgrades of a contact written under `key`.
    pub fn record(&mut self, key: &str, outcome: &Outcome) -> Result<(), ImportError> {
        // One row, however many of its channels kept their opt-out (trial: a row
        // granting e-mail and SMS over two withdrawals was reported as "2 rows").
        if outcome.decisions.iter().any(|d| {
            d.upgrade
                .as_ref()
                .is_some_and(|u| !u.applied && u.from.is_sticky())
        }) {
            self.tally.consent_kept += 1;
        }
        for (channel, d) in Channel::ALL.iter().zip(&outcome.decisions) {
            let Some(u) = &d.upgrade else {
                continue;
            };
            let record = UpgradeRecord {
                batch: self.batch,
                channel: *channel,
                from: u.from,
                to: ConsentState::Granted,
                applied: u.applied,
                reason: self.reason_of(u),
            };
            store::add_upgrade(self.conn, &entry_hash(&self.hash_key, "key", key), &record)?;
            self.tally.upgrades.push(ConsentUpgrade {
                key: key.to_string(),
                channel: *channel,
                from: u.from,
                to: ConsentState::Granted,
                applied: u.applied,
                reason: self.reason_of(u),
            });
        }
        Ok(())
    }
}
