//! Writing contacts: the loader's prepared statements, and undo's restore.
//!
//! Owns the SQL that inserts, merges and snapshots contacts during an import, and that
//! puts them back on `import undo`. Every statement is prepared once per import and
//! binds its values; column names come from field names through [`quote_ident`].
//! Called by `import::load` and `import::undo` inside their transaction.

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension, Statement, params, params_from_iter};

use super::{WorkspaceError, quote_ident};
use crate::fields::ConsentState;

/// What the workspace already holds for a key.
#[derive(Debug, Clone, PartialEq)]
pub struct Existing {
    pub id: i64,
    /// The stored contact key.
    pub key: String,
    /// The batch that added the contact.
    pub batch: i64,
    /// Consent state, source and evidence (JSON), email then SMS.
    pub consent: [StoredConsent; 2],
}

/// One channel's stored consent: state, source for people, evidence as JSON.
pub type StoredConsent = (ConsentState, Option<String>, Option<String>);

/// One channel's consent to store: state, source, evidence JSON.
pub type ConsentToStore<'a> = (ConsentState, Option<&'a str>, Option<&'a str>);

/// One contact's data from one row, ready to store.
#[derive(Debug, Clone)]
pub struct Incoming<'a> {
    pub key: &'a str,
    /// One value per column of the writer, in its order. On update, `Null` keeps the
    /// stored value (a blank cell says nothing new).
    pub values: &'a [Sql],
    /// Final consent state, source and evidence, email then SMS.
    pub consent: [ConsentToStore<'a>; 2],
    /// What the row says about whether the contact's age can be judged.
    pub age: AgeWord<'a>,
}

/// What one row says about the contact's age, for `contacts._age_unknown`
/// (migration 0007): the field name of an age field whose value could not be read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AgeWord<'a> {
    /// No age value in the row: the stored mark stands.
    #[default]
    Silent,
    /// A readable date of birth, birth year or age: the mark is cleared.
    Readable,
    /// A value in this age field that cannot be read: the contact's age is unknown.
    Unreadable(&'a str),
}

impl AgeWord<'_> {
    /// The bound parameter: NULL keeps, `''` clears, a field name marks.
    fn param(self) -> Sql {
        match self {
            AgeWord::Silent => Sql::Null,
            AgeWord::Readable => Sql::Text(String::new()),
            AgeWord::Unreadable(field) => Sql::Text(field.to_string()),
        }
    }
}

/// Prepared statements for loading one file's columns.
pub struct ContactWriter<'c> {
    lookup: Statement<'c>,
    insert: Statement<'c>,
    update: Statement<'c>,
    snapshot: Statement<'c>,
    rekey: Statement<'c>,
    /// Per phone field of the file: the contacts holding a number (E.164).
    holders: Vec<Statement<'c>>,
}

impl<'c> ContactWriter<'c> {
    /// Prepare for a file whose columns fill `columns` (field names, in file order).
    /// `snapshot_columns` are the stored columns an update may change (existing fields
    /// among `columns`): their old values go into the before-image for undo, with the
    /// contact key (an update may re-key a contact, see [`Self::update`]).
    /// `phone_fields` are the file's phone fields, for [`Self::holders`].
    pub fn new(
        conn: &'c Connection,
        columns: &[String],
        snapshot_columns: &[String],
        phone_fields: &[String],
    ) -> Result<Self, WorkspaceError> {
        let quoted: Vec<String> = columns.iter().map(|c| quote_ident(c)).collect();
        let n = columns.len();
        let insert_sql = format!(
            "INSERT INTO contacts (_key, _consent_email, _consent_email_source, _consent_email_evidence, _consent_sms, _consent_sms_source, _consent_sms_evidence, _batch, _age_unknown{}{})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, nullif(?9, ''){})
             ON CONFLICT (_key) DO NOTHING",
            if n > 0 { ", " } else { "" },
            quoted.join(", "),
            (0..n).map(|i| format!(", ?{}", i + HEAD + 1)).collect::<String>()
        );
        let sets: String = quoted
            .iter()
            .enumerate()
            .map(|(i, q)| format!("{q} = coalesce(?{}, {q}), ", i + HEAD + 1))
            .collect();
        let update_sql = format!(
            "UPDATE contacts SET {sets}_consent_email = ?2, _consent_email_source = ?3, _consent_email_evidence = ?4, _consent_sms = ?5, _consent_sms_source = ?6, _consent_sms_evidence = ?7, _updated_batch = ?8,
                 _age_unknown = CASE WHEN ?9 IS NULL THEN _age_unknown ELSE nullif(?9, '') END
             WHERE _id = ?1"
        );
        let mut image = vec![
            "'_key', _key".to_string(),
            "'_consent_email', _consent_email".to_string(),
            "'_consent_email_source', _consent_email_source".to_string(),
            "'_consent_email_evidence', _consent_email_evidence".to_string(),
            "'_consent_sms', _consent_sms".to_string(),
            "'_consent_sms_source', _consent_sms_source".to_string(),
            "'_consent_sms_evidence', _consent_sms_evidence".to_string(),
            "'_updated_batch', _updated_batch".to_string(),
            "'_age_unknown', _age_unknown".to_string(),
        ];
        for c in snapshot_columns {
            image.push(format!("'{}', {}", c.replace('\'', "''"), quote_ident(c)));
        }
        let snapshot_sql = format!(
            "INSERT OR IGNORE INTO batch_changes (batch_id, contact_id, before)
             SELECT ?1, _id, json_object({}) FROM contacts WHERE _id = ?2",
            image.join(", ")
        );
        Ok(ContactWriter {
            lookup: conn.prepare(
                "SELECT _id, _batch, _consent_email, _consent_email_source, _consent_email_evidence,
                        _consent_sms, _consent_sms_source, _consent_sms_evidence
                 FROM contacts WHERE _key = ?1",
            )?,
            insert: conn.prepare(&insert_sql)?,
            update: conn.prepare(&update_sql)?,
            snapshot: conn.prepare(&snapshot_sql)?,
            holders: phone_fields
                .iter()
                .map(|f| {
                    conn.prepare(&format!(
                        "SELECT _key FROM contacts WHERE {} = ?1 ORDER BY _id LIMIT 2",
                        quote_ident(&super::phones::e164_column(f))
                    ))
                })
                .collect::<Result<_, _>>()?,
            rekey: conn.prepare("UPDATE contacts SET _key = ?2 WHERE _id = ?1")?,
        })
    }

    /// Keys of the contacts (at most two, enough to tell one from several) whose
    /// `phone`-th phone field holds `e164`, in workspace order.
    pub fn holders(&mut self, phone: usize, e164: &str) -> Result<Vec<String>, WorkspaceError> {
        let Some(stmt) = self.holders.get_mut(phone) else {
            return Ok(Vec::new());
        };
        let rows = stmt.query_map([e164], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The stored contact with this key, if any (one lookup on the unique index).
    pub fn find(&mut self, key: &str) -> Result<Option<Existing>, WorkspaceError> {
        let row = self
            .lookup
            .query_row([key], |r| {
                let channel =
                    |at: usize| -> rusqlite::Result<(String, Option<String>, Option<String>)> {
                        Ok((r.get(at)?, r.get(at + 1)?, r.get(at + 2)?))
                    };
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    channel(2)?,
                    channel(5)?,
                ))
            })
            .optional()?;
        row.map(|(id, batch, email, sms)| {
            let parse = |(state, source, evidence): (String, Option<String>, Option<String>)| {
                state
                    .parse::<ConsentState>()
                    .map(|s| (s, source, evidence))
                    .map_err(|e| WorkspaceError::Invalid(e.to_string()))
            };
            Ok(Existing {
                id,
                key: key.to_string(),
                batch,
                consent: [parse(email)?, parse(sms)?],
            })
        })
        .transpose()
    }

    /// Insert a new contact added by `batch`, unless a contact with its key exists:
    /// returns false then, and changes nothing (the caller merges with [`Self::find`]
    /// and [`Self::update`]). Trying the insert first costs new contacts (nearly every
    /// row of a first import) one probe of the key index instead of two.
    pub fn insert(&mut self, batch: i64, c: &Incoming<'_>) -> Result<bool, WorkspaceError> {
        let head = head(Sql::Text(c.key.to_string()), c, batch);
        let inserted = self
            .insert
            .execute(params_from_iter(head.iter().chain(c.values)))?;
        Ok(inserted == 1)
    }

    /// Update `existing`. With `save_before` (a contact from an earlier batch), first
    /// save its before-image for undo, once per batch. A key other than the stored one
    /// re-keys the contact (a phone-keyed contact that gained an e-mail address); undo
    /// puts the old key back. Returns true when a before-image was saved now (the
    /// batch's first touch of this contact).
    pub fn update(
        &mut self,
        batch: i64,
        existing: &Existing,
        c: &Incoming<'_>,
        save_before: bool,
    ) -> Result<bool, WorkspaceError> {
        let first = save_before && self.snapshot.execute(params![batch, existing.id])? == 1;
        if c.key != existing.key {
            self.rekey.execute(params![existing.id, c.key])?;
        }
        let head = head(Sql::Integer(existing.id), c, batch);
        self.update
            .execute(params_from_iter(head.iter().chain(c.values)))?;
        Ok(first)
    }
}

/// Parameters before the fields' values: key or id, then state, source and evidence
/// per channel, then the batch and the age mark.
const HEAD: usize = 9;

fn head(first: Sql, c: &Incoming<'_>, batch: i64) -> [Sql; HEAD] {
    let opt = |s: &Option<&str>| s.map_or(Sql::Null, |s| Sql::Text(s.to_string()));
    let [(email, email_src, email_ev), (sms, sms_src, sms_ev)] = &c.consent;
    [
        first,
        Sql::Text(email.as_str().into()),
        opt(email_src),
        opt(email_ev),
        Sql::Text(sms.as_str().into()),
        opt(sms_src),
        opt(sms_ev),
        Sql::Integer(batch),
        c.age.param(),
    ]
}

/// SQLite page cache of an import, in KiB (`PRAGMA cache_size = -N`): large enough to
/// hold the contact key index of a million contacts, so inserting into it (keys come in
/// no order) rarely reads pages back; small enough to keep an import's peak memory near
/// 100 MB whatever the file size. Past it SQLite spills pages to the WAL, inside the
/// same transaction, so atomicity is unchanged.
pub const IMPORT_CACHE_KIB: i64 = 96 * 1024;

/// The connection's page cache size as `PRAGMA cache_size` states it (negative: KiB,
/// positive: pages), for restoring it after [`set_cache_size`].
pub fn cache_size(conn: &Connection) -> Result<i64, WorkspaceError> {
    Ok(conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?)
}

/// Set the connection's page cache size (`PRAGMA cache_size` semantics). It is a
/// setting of the connection, not part of any transaction.
pub fn set_cache_size(conn: &Connection, size: i64) -> Result<(), WorkspaceError> {
    // PRAGMA takes no bound parameters; the value is an integer, never user text.
    conn.execute_batch(&format!("PRAGMA cache_size = {size}"))?;
    Ok(())
}

/// Whether any contact is keyed by a phone number (E.164 keys start with `+`; e-mail
/// keys never do). One probe of the key index.
pub fn any_phone_keys(conn: &Connection) -> Result<bool, WorkspaceError> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM contacts WHERE _key >= '+' AND _key < ',')",
        [],
        |r| r.get(0),
    )?)
}

/// How many contacts hold a generated row key (`row-<hash>-<line>`, see
/// `import::key`) that does not start with `prefix` (one file's keys): the contacts
/// of other files keyed that way.
pub fn count_generated_other_than(conn: &Connection, prefix: &str) -> Result<u64, WorkspaceError> {
    Ok(conn.query_row(
        "SELECT count(*) FROM contacts WHERE _key >= 'row-' AND _key < 'row.' \
         AND substr(_key, 1, length(?1)) <> ?1",
        [prefix],
        |r| r.get::<_, i64>(0),
    )? as u64)
}

/// How many contacts the workspace holds.
pub fn count(conn: &Connection) -> Result<u64, WorkspaceError> {
    Ok(conn.query_row("SELECT count(*) FROM contacts", [], |r| r.get::<_, i64>(0))? as u64)
}

/// How many contacts are marked "age unknown" (`_age_unknown`, migration 0007).
pub fn count_age_unknown(conn: &Connection) -> Result<u64, WorkspaceError> {
    Ok(conn.query_row(
        "SELECT count(*) FROM contacts WHERE _age_unknown IS NOT NULL",
        [],
        |r| r.get::<_, i64>(0),
    )? as u64)
}

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
/// `workspace::consent`).
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
    Ok(counts)
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
