//! Writing contacts: the loader's prepared statements, and undo's restore.
//!
//! Owns the SQL that inserts, merges and snapshots contacts during an import, and that
//! puts them back on `import undo`. Every statement is prepared once per import and
//! binds its values; column names come from field names through [`quote_ident`].
//! Called by `import::load` and `import::undo` inside their transaction.

use rusqlite::types::{ToSqlOutput, Value as Sql, ValueRef};
use rusqlite::{Connection, OptionalExtension, Statement, params, params_from_iter};

use super::statements::{self, StatementWriter};
use super::{WorkspaceError, quote_ident};
use crate::fields::{Channel, ConsentState};

pub use super::contacts_undo::{UndoCounts, undo_batch};

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
    /// The ids of the stored consent statements (`workspace::statements`), email then
    /// SMS: an update that keeps a channel's statement keeps its id.
    pub refs: [Option<i64>; 2],
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

impl<'a> AgeWord<'a> {
    /// The bound parameter: NULL keeps, `''` clears, a field name marks.
    fn param(self) -> ValueRef<'a> {
        match self {
            AgeWord::Silent => ValueRef::Null,
            AgeWord::Readable => ValueRef::Text(b""),
            AgeWord::Unreadable(field) => ValueRef::Text(field.as_bytes()),
        }
    }
}

/// Prepared statements for loading one file's columns.
pub struct ContactWriter<'c> {
    statements: StatementWriter<'c>,
    lookup: Statement<'c>,
    insert: Statement<'c>,
    update: Statement<'c>,
    snapshot: Statement<'c>,
    rekey: Statement<'c>,
    /// The stored values of the file's age fields (see [`Self::age_values`]).
    ages: Option<Statement<'c>>,
    /// Per phone field of the file: the contacts holding a number (E.164).
    pub(super) holders: Vec<Statement<'c>>,
    /// Per phone field of the file: its name while its E.164 index waits to be built
    /// (`contacts_phones`).
    pub(super) unindexed: Vec<Option<String>>,
    pub(super) conn: &'c Connection,
}

impl<'c> ContactWriter<'c> {
    /// Prepare for a file whose columns fill `columns` (field names, in file order).
    /// `snapshot_columns` are the stored columns an update may change (existing fields
    /// among `columns`): their old values go into the before-image for undo, with the
    /// contact key (an update may re-key a contact, see [`Self::update`]).
    /// `phone_fields` are the file's phone fields, for [`Self::holders`];
    /// `age_fields` its date-of-birth, birth-year and age fields, for
    /// [`Self::age_values`].
    pub fn new(
        conn: &'c Connection,
        columns: &[String],
        snapshot_columns: &[String],
        (phone_fields, age_fields): (&[String], &[String]),
    ) -> Result<Self, WorkspaceError> {
        let quoted: Vec<String> = columns.iter().map(|c| quote_ident(c)).collect();
        let n = columns.len();
        let insert_sql = format!(
            "INSERT INTO contacts (_key, _consent_email, _consent_email_ref, _consent_sms, _consent_sms_ref, _batch, _age_unknown{}{})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, nullif(?7, ''){})
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
            "UPDATE contacts SET {sets}_consent_email = ?2, _consent_email_ref = ?3, _consent_sms = ?4, _consent_sms_ref = ?5, _updated_batch = ?6,
                 _age_unknown = CASE WHEN ?7 IS NULL THEN _age_unknown ELSE nullif(?7, '') END
             WHERE _id = ?1"
        );
        // The image names the consent statements by id; a statement an image names
        // outlives the contact's change (`statements::sweep`), so undo puts back the
        // very same one.
        let mut image = vec![
            "'_key', _key".to_string(),
            "'_consent_email', _consent_email".to_string(),
            "'_consent_email_ref', _consent_email_ref".to_string(),
            "'_consent_sms', _consent_sms".to_string(),
            "'_consent_sms_ref', _consent_sms_ref".to_string(),
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
        let (source, evidence) = (statements::source_sql, statements::evidence_sql);
        let lookup_sql = format!(
            "SELECT _id, _batch, _consent_email, {}, {}, _consent_sms, {}, {},
                    _consent_email_ref, _consent_sms_ref
             FROM contacts WHERE _key = ?1",
            source("email", "contacts"),
            evidence("email", "contacts"),
            source("sms", "contacts"),
            evidence("sms", "contacts"),
        );
        Ok(ContactWriter {
            statements: StatementWriter::new(conn)?,
            lookup: conn.prepare(&lookup_sql)?,
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
            unindexed: vec![None; phone_fields.len()],
            conn,
            rekey: conn.prepare("UPDATE contacts SET _key = ?2 WHERE _id = ?1")?,
            ages: if age_fields.is_empty() {
                None
            } else {
                let list: Vec<String> = age_fields.iter().map(|f| quote_ident(f)).collect();
                Some(conn.prepare(&format!(
                    "SELECT {} FROM contacts WHERE _id = ?1",
                    list.join(", ")
                ))?)
            },
        })
    }

    /// The stored values of contact `id`'s age fields, in the order given to
    /// [`Self::new`] (empty when there are none, all `Null` when the contact is gone).
    pub fn age_values(&mut self, id: i64) -> Result<Vec<Sql>, WorkspaceError> {
        let Some(stmt) = self.ages.as_mut() else {
            return Ok(Vec::new());
        };
        let n = stmt.column_count();
        let row = stmt
            .query_row([id], |r| (0..n).map(|i| r.get::<_, Sql>(i)).collect())
            .optional()?;
        Ok(row.unwrap_or_else(|| vec![Sql::Null; n]))
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
                    [r.get(8)?, r.get(9)?],
                ))
            })
            .optional()?;
        row.map(|(id, batch, email, sms, refs)| {
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
                refs,
            })
        })
        .transpose()
    }

    /// Insert a new contact added by `batch`, unless a contact with its key exists:
    /// returns false then, and changes nothing (the caller merges with [`Self::find`]
    /// and [`Self::update`]). Trying the insert first costs new contacts (nearly every
    /// row of a first import) one probe of the key index instead of two.
    pub fn insert(&mut self, batch: i64, c: &Incoming<'_>) -> Result<bool, WorkspaceError> {
        let refs = self.refs(c, None)?;
        let head = head(ValueRef::Text(c.key.as_bytes()), c, batch, refs);
        let inserted = self.insert.execute(params_from_iter(bound(&head, c)))?;
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
        let refs = self.refs(c, Some(existing))?;
        let head = head(ValueRef::Integer(existing.id), c, batch, refs);
        self.update.execute(params_from_iter(bound(&head, c)))?;
        Ok(first)
    }

    /// The statement ids of `c`'s consent: the stored contact's own where `c` keeps
    /// its source and evidence, else those of [`StatementWriter::id`].
    fn refs(
        &mut self,
        c: &Incoming<'_>,
        existing: Option<&Existing>,
    ) -> Result<[Option<i64>; 2], WorkspaceError> {
        let mut refs = [None; 2];
        for (i, (_, source, evidence)) in c.consent.iter().enumerate() {
            let kept = existing.filter(|e| {
                let (_, s, ev) = &e.consent[i];
                s.as_deref() == *source && ev.as_deref() == *evidence
            });
            refs[i] = match kept {
                Some(e) => e.refs[i],
                None => self.statements.id(*source, *evidence)?,
            };
        }
        Ok(refs)
    }
}

/// Parameters before the fields' values: key or id, then state and statement id per
/// channel, then the batch and the age mark.
const HEAD: usize = 7;

/// Borrowed, not copied: a copy of the key and consent words per row was a tenth of
/// the writing thread's allocations.
fn head<'a>(
    first: ValueRef<'a>,
    c: &Incoming<'a>,
    batch: i64,
    refs: [Option<i64>; 2],
) -> [ValueRef<'a>; HEAD] {
    let id = |r: Option<i64>| r.map_or(ValueRef::Null, ValueRef::Integer);
    let [(email, _, _), (sms, _, _)] = &c.consent;
    [
        first,
        ValueRef::Text(email.as_str().as_bytes()),
        id(refs[0]),
        ValueRef::Text(sms.as_str().as_bytes()),
        id(refs[1]),
        ValueRef::Integer(batch),
        c.age.param(),
    ]
}

/// The parameters of an insert or update: `head`, then the row's values.
fn bound<'a>(
    head: &'a [ValueRef<'a>; HEAD],
    c: &'a Incoming<'a>,
) -> impl Iterator<Item = ToSqlOutput<'a>> {
    head.iter()
        .copied()
        .chain(c.values.iter().map(ValueRef::from))
        .map(ToSqlOutput::Borrowed)
}

/// SQLite page cache of an import, in KiB (`PRAGMA cache_size = -N`): it holds most of
/// the contact key and E.164 indexes of a million contacts, so inserting into them
/// (keys come in no order) seldom reads pages back, and keeps an import's peak memory
/// near 125 MB whatever the file size (the rest is the numbering plan and the rows read
/// ahead). Measured on the 1,000,000-row bench file: 96 MiB gave a peak of 160 MiB,
/// 80 MiB 142 MiB, 64 MiB 124 MiB and 48 MiB 106 MiB, with CPU times within the
/// machine's noise of each other. Past it SQLite spills pages to the WAL, inside the
/// same transaction, so atomicity is unchanged.
pub const IMPORT_CACHE_KIB: i64 = 64 * 1024;

pub use super::import_settings::ImportSettings;

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

/// Whether any contact holds a `granted` consent state on `channel` (whatever source
/// recorded it: a consent column, an import's stated consent, a field whose consent
/// role was later removed). Stops at the first such contact.
pub fn any_granted(conn: &Connection, channel: Channel) -> Result<bool, WorkspaceError> {
    // The column name comes from the channel enum, never from input.
    let sql = format!(
        "SELECT EXISTS (SELECT 1 FROM contacts WHERE _consent_{} = ?1)",
        channel.as_str()
    );
    Ok(conn.query_row(&sql, [ConsentState::Granted.as_str()], |r| r.get(0))?)
}

/// How many contacts are marked "age unknown" (`_age_unknown`, migration 0007).
pub fn count_age_unknown(conn: &Connection) -> Result<u64, WorkspaceError> {
    Ok(conn.query_row(
        "SELECT count(*) FROM contacts WHERE _age_unknown IS NOT NULL",
        [],
        |r| r.get::<_, i64>(0),
    )? as u64)
}
