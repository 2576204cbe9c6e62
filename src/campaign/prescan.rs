//! The one scan of the contacts a campaign run makes before it walks the audience: the
//! sensitive values the consulted fields hold, for the checks of [`super::prepare`]
//! ([`HeldValues`]), and the refused addresses of the channel and the addresses of
//! known minors, for the walk ([`super::opt_outs`], [`super::minor_addresses`]).
//!
//! All must be complete before the first contact is decided: a check refuses the whole
//! campaign, and a refusal or a minor's age recorded on the last contact holds for the
//! first one with the same address. So none can join the walk. They were one full scan
//! of `contacts` each, beside the walk's own (issue 13: a preview read the 300 MB table
//! three times where the sqlite3 shell reads it once); one `SELECT` in `_id` order now
//! reads the columns of all. The minors' addresses need every contact's age fields,
//! but only when the workspace has an age field and an address field; when its only
//! age fields are tags fields with a value index (`campaign::indexes`), the known
//! minors are found from the index instead ([`minors_indexed`]), so a workspace whose
//! tags name no age group pays a few look-ups, not a second read of the table.

use rusqlite::ToSql;
use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{Connection, params_from_iter};

use super::age::AgeReading;
use super::guardian::is_guardian_column;
use super::minor_addresses::{MinorAddresses, MinorReader, other_channel};
use super::opt_outs::{AddressOptOuts, OptOutReader};
use crate::fields::held::{self, HeldValues};
use crate::fields::{Channel, Field, Role};
use crate::workspace::records::ValueCounts;
use crate::workspace::{WorkspaceError, address_columns, indexes, quote_ident};

/// What the scan read.
#[derive(Debug)]
pub struct Prescan {
    /// The sensitive values held by the fields given ([`HeldValues::load`] would read
    /// the same).
    pub held: HeldValues,
    /// The refused addresses of the channel.
    pub opt_outs: AddressOptOuts,
    /// The channel addresses held by known minors.
    pub minors: MinorAddresses,
}

/// Read the held values of `held_fields`, the refused addresses of `channel` and the
/// addresses of the minors `minors` finds in one scan of the contacts (none when there
/// is nothing to read).
///
/// Errors: workspace errors (a stored value that is not UTF-8 text is one).
pub fn prescan(
    conn: &Connection,
    held_fields: &[Field],
    channel: Channel,
    mut minors: MinorReader,
) -> Result<Prescan, WorkspaceError> {
    let read = HeldValues::read(held_fields);
    // A field with a value index is read from it (a few seeks at 1,000,000 contacts);
    // only the others are counted by the scan.
    let mut indexed: Vec<Option<Vec<(String, u64)>>> = Vec::with_capacity(read.len());
    for (f, max) in &read {
        indexed.push(held::indexed_counts(conn, f, *max)?);
    }
    let scanned: Vec<(usize, &(&Field, u32))> = read
        .iter()
        .enumerate()
        .filter(|(i, _)| indexed[*i].is_none())
        .collect();
    let mut opt_outs = OptOutReader::new(conn, channel)?;
    let addresses = opt_outs.columns().len();
    // Without an address field no contact holds a minor's address. Age fields that
    // are all indexed tags fields are read from their indexes instead ([`minors_indexed`]).
    let from_indexes = addresses > 0 && all_tags_indexed(conn, minors.fields())?;
    let ages = if addresses > 0 && !from_indexes {
        minors.fields().len()
    } else {
        0
    };
    // A minor's addresses of the other channel too: a minor is one on every channel.
    let others = match ages > 0 || from_indexes {
        false => Vec::new(),
        true => address_columns::refusal_columns(conn, other_channel(minors.channel()))?
            .into_iter()
            .filter(|c| !is_guardian_column(c))
            .collect(),
    };
    // A guardian's contact field on a child's record holds the parent's address, not
    // the child's: the parent's own contact is no minor's inbox (new-user trial 11).
    let minor_held: Vec<bool> = (opt_outs.columns().iter())
        .map(|c| !is_guardian_column(c))
        .collect();
    // The scan reads them only when it reads the ages; else [`minors_indexed`] does.
    let scan_others: &[String] = if ages > 0 { &others } else { &[] };
    let mut counts = ValueCounts::new(scanned.len());
    if addresses + scanned.len() > 0 {
        let consent = opt_outs.consent_column();
        let mut select = vec!["_id".to_string(), quote_ident(&consent)];
        select.extend(
            opt_outs
                .columns()
                .iter()
                .map(|c| format!("CAST({} AS TEXT)", quote_ident(c))),
        );
        select.extend(
            scanned
                .iter()
                .enumerate()
                .map(|(i, (_, (f, _)))| ValueCounts::column(&f.name, i + 1)),
        );
        select.extend(minors.fields()[..ages].iter().map(|f| quote_ident(&f.name)));
        select.extend(
            scan_others
                .iter()
                .map(|c| format!("CAST({} AS TEXT)", quote_ident(c))),
        );
        // With no held values to count and no ages to read, only the refusers' rows
        // matter: SQLite reads them from the channel's partial index of refusers when
        // the workspace has one (`campaign::indexes`), else skips the others without
        // handing them over (most of a million, issue 13). In any order: among equal
        // refusals the first column, then contact, wins whatever the order read. A
        // minor's address needs every contact's ages, read in `_id` order.
        let tail = if scanned.is_empty() && ages == 0 {
            let refusals = super::indexes::refusals();
            format!(" WHERE {}", indexes::refusal_filter(&consent, &refusals)?)
        } else {
            " ORDER BY _id".to_string()
        };
        let sql = format!("SELECT {} FROM contacts{tail}", select.join(", "));
        let mut stmt = conn.prepare(&sql)?;
        let params = scanned.iter().map(|(_, (_, max))| *max);
        let mut rows = stmt.query(params_from_iter(params))?;
        let held_at = 2 + addresses;
        let ages_at = held_at + scanned.len();
        let others_at = ages_at + ages;
        while let Some(row) = rows.next()? {
            let refusal = OptOutReader::refusal(row.get_ref(1)?);
            let minor = ages > 0 && minors.is_minor(row, ages_at)?;
            if refusal.is_some() || minor {
                let id = row.get(0)?;
                for (c, &held) in minor_held.iter().enumerate() {
                    let value = row.get_ref(2 + c)?;
                    if let Some(state) = refusal {
                        opt_outs.add(id, state, c, value)?;
                    }
                    if minor && held {
                        minors.add(id, value)?;
                    }
                }
                if minor {
                    for c in 0..scan_others.len() {
                        minors.add_other(id, row.get_ref(others_at + c)?)?;
                    }
                }
            }
            for i in 0..scanned.len() {
                counts.add(i, row.get_ref(held_at + i)?)?;
            }
        }
    }
    if from_indexes {
        let columns: Vec<String> = (opt_outs.columns().iter())
            .filter(|c| !is_guardian_column(c))
            .cloned()
            .collect();
        minors_indexed(conn, &mut minors, &columns, &others)?;
    }
    let mut scanned_counts = counts.finish().into_iter();
    let counts = indexed
        .into_iter()
        .map(|c| c.unwrap_or_else(|| scanned_counts.next().unwrap_or_default()))
        .collect();
    Ok(Prescan {
        held: HeldValues::from_counts(&read, counts),
        opt_outs: opt_outs.finish(),
        minors: minors.finish(),
    })
}

/// True when `fields` (the age fields) are all tags fields and each has its value index.
fn all_tags_indexed(conn: &Connection, fields: &[Field]) -> Result<bool, WorkspaceError> {
    for f in fields {
        if f.role != Role::Tags || !indexes::has_value_index(conn, &f.name)? {
            return Ok(false);
        }
    }
    Ok(!fields.is_empty())
}

/// The known minors' addresses when every age field is an indexed tags field: each
/// distinct stored value of each field is judged once (`MinorReader::says_minor`), and
/// only the contacts holding a value judged a minor's are read, through the index, and
/// judged again as the scan judges them (all age fields). A contact is a known minor
/// exactly when one of its age fields says so, so these are the minors a scan of every
/// contact finds; they are held in `_id` order, as the scan holds them (the first minor
/// holding an address stays). A field none of whose values says anything about age is
/// noted silent, for the walk (`MinorAddresses::silent`). `columns` are the channel's
/// address columns, `others` the other channel's (a minor is one on every channel).
///
/// Errors: workspace errors (a stored value that is not UTF-8 text is one).
fn minors_indexed(
    conn: &Connection,
    minors: &mut MinorReader,
    columns: &[String],
    others: &[String],
) -> Result<(), WorkspaceError> {
    let fields = minors.fields().to_vec();
    let as_text = |c: &String| format!("CAST({} AS TEXT)", quote_ident(c));
    let mut select = vec!["_id".to_string()];
    select.extend(columns.iter().map(as_text));
    select.extend(fields.iter().map(|f| quote_ident(&f.name)));
    select.extend(others.iter().map(as_text));
    let ages_at = 1 + columns.len();
    let others_at = ages_at + fields.len();
    let mut found: Vec<(i64, Vec<Option<String>>)> = Vec::new();
    for f in &fields {
        let mut cells: Vec<Stored> = Vec::new();
        let mut speaks = false;
        indexes::distinct_indexed(conn, &f.name, |raw| {
            speaks |= minors.reading(f, raw) != AgeReading::Blank;
            if minors.says_minor(f, raw) {
                cells.push(Stored::of(raw));
            }
            Ok(())
        })?;
        if !speaks {
            minors.silent(&f.name);
        }
        if cells.is_empty() {
            continue;
        }
        let sql = format!(
            "SELECT {} FROM contacts WHERE {} = ?1",
            select.join(", "),
            quote_ident(&f.name)
        );
        let mut stmt = conn.prepare(&sql)?;
        for cell in &cells {
            let mut rows = stmt.query([cell])?;
            while let Some(row) = rows.next()? {
                if !minors.is_minor(row, ages_at)? {
                    continue;
                }
                let mut held = Vec::with_capacity(columns.len() + others.len());
                for c in 0..columns.len() {
                    held.push(row.get::<_, Option<String>>(1 + c)?);
                }
                for c in 0..others.len() {
                    held.push(row.get::<_, Option<String>>(others_at + c)?);
                }
                found.push((row.get(0)?, held));
            }
        }
    }
    found.sort_by_key(|(id, _)| *id);
    found.dedup_by_key(|(id, _)| *id);
    for (id, held) in found {
        let (own, other) = held.split_at(columns.len());
        for value in own {
            minors.add(id, raw(value))?;
        }
        for value in other {
            minors.add_other(id, raw(value))?;
        }
    }
    Ok(())
}

/// A text value read as stored, or NULL.
fn raw(value: &Option<String>) -> ValueRef<'_> {
    value.as_deref().map_or(ValueRef::Null, ValueRef::from)
}

/// A stored value kept to be bound again exactly as stored (text bytes as they are,
/// even if not UTF-8), so `WHERE field = ?1` finds the contacts holding it.
struct Stored(Value, Option<Vec<u8>>);

impl Stored {
    fn of(raw: ValueRef<'_>) -> Self {
        match raw {
            ValueRef::Null => Stored(Value::Null, None),
            ValueRef::Integer(i) => Stored(Value::Integer(i), None),
            ValueRef::Real(f) => Stored(Value::Real(f), None),
            ValueRef::Text(t) => Stored(Value::Null, Some(t.to_vec())),
            ValueRef::Blob(b) => Stored(Value::Blob(b.to_vec()), None),
        }
    }
}

impl ToSql for Stored {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match &self.1 {
            Some(text) => ToSqlOutput::Borrowed(ValueRef::Text(text)),
            None => ToSqlOutput::Borrowed(ValueRef::from(&self.0)),
        })
    }
}
