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
use crate::campaign::minor_age::MAX_MINOR_AGE;
use crate::campaign::minor_flag::read_field;
use crate::fields::value::Value;
use crate::fields::{Channel, Role};
use crate::workspace::keyed_hash::HashKey;
use crate::workspace::{WorkspaceError, address_columns, fields, kept_minors, quote_ident};

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
    let ages: Vec<_> = fields::list(conn)?
        .into_iter()
        .filter(|f| {
            matches!(
                f.role,
                Role::DateOfBirth | Role::BirthYear | Role::Age | Role::Tags
            )
        })
        .take(age::MAX_AGE_FIELDS)
        .collect();
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
    let email_fields = address_columns::email_columns(conn)?;
    for &(id, born_by) in &minors {
        for channel in [Channel::Email, Channel::Sms] {
            for hash in refusal_hashes::of_contact(conn, key, (id, channel), &email_fields)? {
                kept_minors::keep(conn, &hash, born_by, batch)?;
            }
        }
    }
    Ok(minors.len() as u64)
}
