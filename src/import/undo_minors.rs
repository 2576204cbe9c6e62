//! Known minors outlive `import undo` (trial F15): before an undo, every contact whose
//! age fields make it a possible minor has its addresses kept on record
//! (`workspace::kept_minors`) with the latest birth date its values allow.
//!
//! The undo of the batch that brought a child's date of birth dropped the field, and a
//! later file with the same address mailed the child with no word. Refusals are kept
//! on record for the same reason ([`super::refusal_hashes`]: the same person may come
//! back keyed otherwise); a child's age is kept the same way, by the keyed hashes of
//! the addresses (every e-mail form a refusal reads, including the inbox form, and
//! every E.164 number), and as a date, so the record ages: a child of 13 kept now is
//! an adult under a minor age of 16 three years on. Every possible minor is kept, not
//! only those whose age the undo removes: the record says what the workspace already
//! knows, and an undo cannot always tell which values a before-image brings back.
//! Ages are read as the minor check reads them (`campaign::minor_flag::read_field`)
//! on today, against the highest minor age a campaign may set
//! (`campaign::minor_age::MAX_MINOR_AGE`), so the record serves every campaign.

use chrono::{Months, NaiveDate};
use rusqlite::Connection;

use super::refusal_hashes;
use crate::campaign::age::{self, AgeDates};
use crate::campaign::guardian::is_guardian_column;
use crate::campaign::minor_age::MAX_MINOR_AGE;
use crate::campaign::minor_flag::read_field;
use crate::fields::Channel;
use crate::fields::value::Value;
use crate::workspace::keyed_hash::HashKey;
use crate::workspace::{WorkspaceError, address_columns, fields, kept_minors, quote_ident, rights};

/// Keep the addresses of every possible minor (youngest plausible age under
/// [`MAX_MINOR_AGE`] on `today`) on record for the undo of `batch`; how many contacts.
///
/// Errors: workspace errors.
pub fn keep(
    conn: &Connection,
    key: &HashKey,
    batch: i64,
    today: NaiveDate,
) -> Result<u64, WorkspaceError> {
    // The minor check's own fields, guardian contacts among them (new-user trial 11:
    // a child known by its `Guardian email` alone was forgotten by an undo).
    let ages = age::age_fields(&fields::list(conn)?);
    if ages.is_empty() {
        return Ok(0);
    }
    let names: Vec<String> = ages.iter().map(|f| quote_ident(&f.name)).collect();
    let any = names
        .iter()
        .map(|n| format!("{n} IS NOT NULL"))
        .collect::<Vec<_>>()
        .join(" OR ");
    let sql = format!("SELECT _id, {} FROM contacts WHERE {any}", names.join(", "));
    let dates = AgeDates::new(today, today);
    let mut minors: Vec<(i64, NaiveDate)> = Vec::new();
    {
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let mut readings = Vec::with_capacity(ages.len());
            for (i, f) in ages.iter().enumerate() {
                let value = Value::from_sql(f.ty, row.get_ref(i + 1)?);
                readings.push(read_field(&f.name, f.role, &value, dates).0);
            }
            let check = age::assess(readings, MAX_MINOR_AGE);
            if let Some((youngest, _)) = check.youngest.filter(|_| check.minor) {
                let months = u32::try_from(youngest.max(0) * 12).unwrap_or(u32::MAX);
                let born_by = today
                    .checked_sub_months(Months::new(months))
                    .unwrap_or(today);
                minors.push((row.get(0)?, born_by));
            }
        }
    }
    // A guardian field holds the parent's address, not the child's.
    let own = |columns: Vec<String>| -> Vec<String> {
        columns
            .into_iter()
            .filter(|c| !is_guardian_column(c))
            .collect()
    };
    let email_columns = own(address_columns::email_columns(conn)?);
    let number_columns = own(address_columns::number_columns(conn)?);
    for &(id, born_by) in &minors {
        let emails = rights::text_values(conn, id, &email_columns)?;
        let numbers = rights::text_values(conn, id, &number_columns)?;
        let hashes = refusal_hashes::address_hashes(
            key,
            Channel::Email,
            emails.iter().flatten().map(String::as_str),
            [],
        )
        .into_iter()
        .chain(refusal_hashes::address_hashes(
            key,
            Channel::Sms,
            [],
            numbers.iter().flatten().map(String::as_str),
        ));
        for hash in hashes {
            kept_minors::keep(conn, &hash, born_by, batch)?;
        }
    }
    Ok(minors.len() as u64)
}
