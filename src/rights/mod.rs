//! The rights of the people in the data: access to everything held about one contact
//! ([`show`], GDPR Art. 15) and erasure ([`erase`], GDPR Art. 17 and Art. 21).
//!
//! This module gathers and decides; the SQL lives in `workspace::rights`. It answers
//! for a contact that no longer exists too: after erasure the workspace keeps only
//! keyed hashes (suppression entries and the key hashes of exports, HMAC-SHA-256 with
//! the workspace's secret), and `show` reports those. Hashes are looked up in both
//! forms a workspace may hold: keyed, and wrapped for entries from before keyed hashing
//! (`workspace::keyed_hash`). Called by `tactful contact show` and `tactful contact erase`.

pub mod erase;
mod words;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

pub use erase::{ErasureReport, erase};

use crate::campaign::assign::Exclusion;
use crate::campaign::explain::explain;
use crate::campaign::preview::PreviewError;
use crate::campaign::store as campaigns;
use crate::fields::held::HeldValues;
use crate::fields::value::Value;
use crate::fields::{Channel, ConsentEvidence, ConsentState, FieldType, PrivacyClass, Role};
use crate::import::suppress::{entry_hash, normalise_email};
use crate::segment::store::{self, SegmentError};
use crate::segment::{Scope, check, eval};
use crate::workspace::consent::{self as consent_store, Refusal, UpgradeRecord};
use crate::workspace::keyed_hash::HashKey;
use crate::workspace::lookup::{self, Named};
use crate::workspace::rights::{self as sql, BeforeImage, ExportIncluding, SuppressionEntry};
use crate::workspace::{Workspace, WorkspaceError, batches, fields, phones, regions};

/// Errors of access and erasure requests, as sentences a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum RightsError {
    #[error(
        "no contact with key `{0}` and no trace of one (no suppression entry, no export); check the spelling, or list keys with `tactful preview`"
    )]
    NotFound(String),
    /// The key as written names several contacts, or contacts found only by guessing
    /// a national number's country (`workspace::lookup`): none is picked.
    #[error(
        "`{asked}` does not name one contact for sure: {why}: {keys}; nothing was shown or erased: ask again with the contact key of the one you mean"
    )]
    Unsure {
        asked: String,
        why: String,
        keys: String,
    },
    #[error(
        "nothing was erased: another program is reading workspace {path} (another tactful, or a database browser), and while it reads, SQLite keeps old copies of the contact's data in the workspace's files; close it and run `tactful contact erase {key}` again"
    )]
    ReaderBeforeErasure { key: String, path: String },
    #[error(
        "the erasure of `{key}` is NOT finished: the contact is deleted and on the suppression list, but old copies of its data are still in workspace {path} or its -wal file because {reason}; close any other program using the workspace and run `tactful contact erase {key}` again to finish"
    )]
    NotWiped {
        key: String,
        path: String,
        reason: String,
    },
    #[error(transparent)]
    Segment(#[from] SegmentError),
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
}

/// Everything the workspace holds about one contact (GDPR Art. 15(1)): its data, where
/// it came from, what it is used for and to whom it was disclosed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactReport {
    /// The contact key as stored (or as asked, for an erased contact).
    pub key: String,
    /// True when the contact is not stored and only erasure hashes remain.
    pub erased: bool,
    /// Every field with its value (`null` when blank) and privacy class.
    pub fields: Vec<FieldValue>,
    /// Consent per channel with the source that set it and its evidence.
    pub consent: Vec<ConsentEntry>,
    /// Every change into granted an import applied or refused for this contact.
    pub consent_upgrades: Vec<UpgradeRecord>,
    /// Refusals on record for the key: kept when `import undo` removed the contact,
    /// and met again if a later file brings the person back.
    pub refusals_on_record: Vec<Refusal>,
    /// Import batches that added or updated the contact.
    pub batches: Vec<BatchTouch>,
    /// Older values kept so `import undo` can restore them, per batch that updated the
    /// contact: stored data too (GDPR Art. 15(1) covers all of it).
    pub before_images: Vec<BeforeImage>,
    /// Saved segments the contact matches on the as-of date.
    pub segments: Vec<String>,
    /// What each campaign would do with the contact (its segment or exclusion).
    pub campaigns: Vec<CampaignPlace>,
    /// Suppression entries for its key, e-mail addresses or phone numbers.
    pub suppression: Vec<SuppressionEntry>,
    /// Exports whose recipients included it.
    pub exports: Vec<ExportIncluding>,
}

/// One field of a contact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldValue {
    pub name: String,
    pub header: String,
    #[serde(rename = "type")]
    pub ty: FieldType,
    pub role: Role,
    pub class: PrivacyClass,
    pub value: Value,
}

/// A contact's consent for one channel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsentEntry {
    pub channel: Channel,
    pub state: ConsentState,
    /// Where the state came from (`column accepts_email_marketing, batch 1`, or the
    /// `--consent` stated for a file); `null` when never asked.
    pub source: Option<String>,
    /// File, column or option, batch, and the time and IP the file gave; `null` for
    /// states recorded before evidence was kept, and when never asked.
    pub evidence: Option<ConsentEvidence>,
}

/// Where a contact stands in one campaign.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CampaignPlace {
    pub campaign: String,
    /// The segment whose message it would get (or, held out, would have got).
    pub segment: Option<String>,
    /// Why it would get nothing, if so.
    pub excluded: Option<Exclusion>,
    /// Why the campaign could not be evaluated (a blocked field, a broken rule).
    pub problem: Option<String>,
}

/// An import batch that touched a contact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchTouch {
    pub batch: i64,
    /// `added` or `updated`.
    pub how: &'static str,
    pub file_name: String,
    /// Hex SHA-256 of the imported file.
    pub sha256: String,
    /// RFC 3339 UTC.
    pub imported_at: String,
}

/// Everything held about the contact `key` names (read as the import read its key cell,
/// [`find`]: `Dee <dee@example.com>`, a national number), segments evaluated on `as_of`.
///
/// Every saved segment is evaluated, including those that use special-category or
/// protected fields: the person is entitled to know about all processing of their data,
/// so the policy that guards campaigns does not hide it here.
///
/// Errors: [`RightsError::NotFound`] when there is neither a contact nor an erasure
/// record for the key; [`RightsError::Unsure`] when it names several contacts
/// ([`find`]); workspace errors.
pub fn show(ws: &Workspace, key: &str, as_of: NaiveDate) -> Result<ContactReport, RightsError> {
    let conn = ws.conn();
    let Some(head) = find(conn, key)? else {
        return erased_report(ws, key);
    };
    let defs = fields::list(conn)?;
    let record = store::load_record(conn, &defs, &head.key)?.unwrap_or_default();
    let hash_key = HashKey::load(conn)?;
    let key_hashes = trace_hashes(&hash_key, "key", &head.key);
    let key_hash = key_hashes[0].clone();
    let mut hashes = key_hashes.to_vec();
    let mut values = Vec::with_capacity(defs.len());
    for f in &defs {
        let value = record.get(&f.name).cloned().unwrap_or(Value::Null);
        if !value.is_blank() && f.role == Role::Email {
            hashes.extend(trace_hashes(
                &hash_key,
                "email",
                &normalise_email(&value.display()),
            ));
        }
        values.push(FieldValue {
            name: f.name.clone(),
            header: f.header.clone(),
            ty: f.ty,
            role: f.role,
            class: f.class,
            value,
        });
    }
    for number in phones::numbers_of(conn, head.id)? {
        hashes.extend(trace_hashes(&hash_key, "phone", &number));
    }
    let before_images = sql::before_images(conn, head.id)?;
    let everything: BTreeSet<String> = defs.iter().map(|f| f.name.clone()).collect();
    let scope = Scope {
        fields: &defs,
        category: None,
        unlocked: &everything,
        as_of,
        // Membership is reported whatever the policy says: nothing is refused here.
        held: &HeldValues::none(),
    };
    let segments = store::list(conn)?
        .into_iter()
        .filter(|s| {
            check::prepare(&s.rule, &scope).is_ok_and(|checked| eval::matches(&checked, &record))
        })
        .map(|s| s.name)
        .collect();
    Ok(ContactReport {
        key: head.key.clone(),
        erased: false,
        fields: values,
        consent: Channel::ALL
            .iter()
            .zip(head.consent.iter())
            .map(|(channel, (state, source, evidence))| ConsentEntry {
                channel: *channel,
                state: *state,
                source: source.clone(),
                evidence: ConsentEvidence::from_json(evidence.as_deref()),
            })
            .collect(),
        consent_upgrades: consent_store::upgrades(conn, &key_hash)?,
        refusals_on_record: consent_store::refusals(conn, &key_hash)?,
        batches: batch_touches(ws, &head, &before_images)?,
        before_images,
        segments,
        campaigns: campaign_places(ws, &head.key, as_of)?,
        suppression: sql::suppression_entries(conn, &hashes)?,
        exports: sql::exports_including(conn, &key_hashes)?,
    })
}

/// The stored contact `asked` names, read as the importer reads a key cell and a
/// phone number (`workspace::lookup`): `Dee <dee@example.com>`, `mailto:…`,
/// `/dee@example.com` or a national number find the contact they keyed (new-user
/// trial 11, F9).
///
/// Errors: [`RightsError::Unsure`] when it names several contacts or only a guess at
/// a number's country does; workspace errors.
pub(crate) fn find(
    conn: &rusqlite::Connection,
    asked: &str,
) -> Result<Option<sql::ContactHead>, RightsError> {
    match lookup::contacts_named(conn, asked)? {
        Named::One(key) => Ok(sql::find(conn, &key)?),
        Named::Unsure { keys, why } => Err(RightsError::Unsure {
            asked: asked.trim().to_string(),
            why,
            keys: keys.join(", "),
        }),
        Named::Nobody => Ok(None),
    }
}

/// The spellings an erased contact's hashes may be kept under for `asked`: as given,
/// as an e-mail key, each address the importer's reader finds in it, and each E.164
/// reading of a number in the regions the workspace's imports used.
pub(crate) fn trace_candidates(
    conn: &rusqlite::Connection,
    asked: &str,
) -> Result<(Vec<String>, Vec<String>), RightsError> {
    let numbers = regions::readings(conn, asked)?;
    let mut out: Vec<String> = Vec::new();
    let written = [asked.to_string(), normalise_email(asked)];
    for candidate in written
        .into_iter()
        .chain(crate::fields::address::addresses_in(asked))
        .chain(numbers.iter().cloned())
    {
        if !out.contains(&candidate) {
            out.push(candidate);
        }
    }
    Ok((out, numbers))
}

/// The hashes an address or contact key may be stored under: keyed, and wrapped (an
/// entry from before keyed hashing).
fn trace_hashes(key: &HashKey, kind: &str, value: &str) -> [String; 2] {
    [entry_hash(key, kind, value), key.wrapped(kind, value)]
}

/// The report for a key that is not stored: what erasure or an undo left (hashes only:
/// suppression entries, exports, refusals on record).
fn erased_report(ws: &Workspace, key: &str) -> Result<ContactReport, RightsError> {
    let conn = ws.conn();
    let hash_key = HashKey::load(conn)?;
    let key = key.trim();
    // A national number may name a number in each region the workspace's imports used;
    // a wrapped address names the address inside, as an import read it.
    let (candidates, numbers) = trace_candidates(conn, key)?;
    for candidate in candidates {
        let key_hashes = trace_hashes(&hash_key, "key", &candidate);
        let mut hashes = key_hashes.to_vec();
        if candidate.contains('@') {
            hashes.extend(trace_hashes(
                &hash_key,
                "email",
                &normalise_email(&candidate),
            ));
        }
        if numbers.contains(&candidate) {
            hashes.extend(trace_hashes(&hash_key, "phone", &candidate));
        }
        let suppression = sql::suppression_entries(conn, &hashes)?;
        let exports = sql::exports_including(conn, &key_hashes)?;
        let refusals = consent_store::refusals(conn, &key_hashes[0])?;
        if suppression.is_empty() && exports.is_empty() && refusals.is_empty() {
            continue;
        }
        return Ok(ContactReport {
            key: candidate,
            erased: !suppression.is_empty() || !exports.is_empty(),
            fields: Vec::new(),
            consent: Vec::new(),
            consent_upgrades: consent_store::upgrades(conn, &key_hashes[0])?,
            refusals_on_record: refusals,
            batches: Vec::new(),
            before_images: Vec::new(),
            segments: Vec::new(),
            campaigns: Vec::new(),
            suppression,
            exports,
        });
    }
    Err(RightsError::NotFound(key.to_string()))
}

fn campaign_places(
    ws: &Workspace,
    key: &str,
    as_of: NaiveDate,
) -> Result<Vec<CampaignPlace>, RightsError> {
    let mut out = Vec::new();
    for name in campaigns::names(ws.conn())? {
        let Some(campaign) = campaigns::load(ws.conn(), &name)? else {
            continue;
        };
        let place = match explain(ws, &campaign, campaign.as_of_or(as_of), key) {
            Ok(e) => CampaignPlace {
                campaign: name,
                segment: e.segment,
                excluded: e.excluded,
                problem: None,
            },
            Err(PreviewError::Workspace(e)) => return Err(e.into()),
            Err(e) => CampaignPlace {
                campaign: name,
                segment: None,
                excluded: None,
                problem: Some(e.to_string()),
            },
        };
        out.push(place);
    }
    Ok(out)
}

fn batch_touches(
    ws: &Workspace,
    head: &sql::ContactHead,
    before_images: &[BeforeImage],
) -> Result<Vec<BatchTouch>, RightsError> {
    let conn = ws.conn();
    let mut ids: Vec<(i64, &'static str)> = vec![(head.batch, "added")];
    ids.extend(before_images.iter().map(|b| (b.batch, "updated")));
    ids.extend(head.updated_batch.map(|b| (b, "updated")));
    ids.sort();
    ids.dedup_by_key(|(id, _)| *id);
    let mut out = Vec::with_capacity(ids.len());
    for (id, how) in ids {
        // An undone batch no longer touches the contact (a spent before-image names it).
        if let Some(b) = batches::get(conn, id)?.filter(|b| b.undone_at.is_none()) {
            out.push(BatchTouch {
                batch: id,
                how,
                file_name: b.file_name,
                sha256: b.sha256,
                imported_at: b.finished_at,
            });
        }
    }
    Ok(out)
}
