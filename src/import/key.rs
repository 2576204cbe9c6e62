//! The contact key: which column identifies a contact, and the rule that a workspace
//! keeps the key its first import chose.
//!
//! Owns picking the key column (`--key`, else the e-mail column, else the phone column,
//! else a generated key) and the fixed-key rule: consent is merged per contact, so keying the same people
//! by another column (e-mail first, `--key customer_id` later) would give an opted-out
//! person a second contact with fresh consent (review P1-2). The first import that keys
//! by a column records it in the workspace's settings; a later file must key by the
//! same field. Called by [`super::analyse`] (check) and [`super::load`] (record).
//!
//! The e-mail key is "e-mail, else phone": a row with no e-mail address (blank, or a
//! placeholder such as `n/a`) but a phone number that parses is keyed by the number in
//! E.164 (`fields::phone`), and so is every row of a file with a phone column and no
//! e-mail column. Both kinds of key live side by side under one setting (`_email`):
//! an e-mail key holds an `@`, a phone key starts with `+`, so they never collide.

use rusqlite::Connection;

use super::analyse::Column;
use super::sniff::{self, Sniffed};
use super::{ImportError, ImportPlan};
use crate::fields::Role;
use crate::workspace::{contacts, settings};

/// The stored setting for a key of e-mail addresses (else phone numbers in E.164),
/// whatever the column's name: field names never start with `_`, so it cannot clash
/// with one.
const EMAIL: &str = "_email";

/// Where each contact's key comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    /// This column; `email` says to lower-case it (e-mail addresses compare without
    /// case, case BR-03), and to key a row without an address by its phone number.
    Column { index: usize, email: bool },
    /// No e-mail column: the row's first phone number that parses, in E.164.
    Phone,
    /// `row-<first 8 hex of the file's SHA-256>-<line>`: stable for the same file, but
    /// a changed file will not merge with it.
    Generated,
}

/// The stored setting for generated row keys: contacts keyed this way never merge
/// with a later file's, so a workspace keyed by them refuses any other key (telco's
/// 7,043 customers imported without `--key`, then again with `--key customerID`, were
/// held twice).
const GENERATED: &str = "_generated";

/// The setting value for `key`: [`EMAIL`] for e-mail addresses, [`GENERATED`] for
/// generated row keys, else the field name.
pub fn setting(columns: &[Column], key: KeySource) -> String {
    match key {
        KeySource::Column { email: true, .. } | KeySource::Phone => EMAIL.to_string(),
        KeySource::Column { index, .. } => columns[index].field.name.clone(),
        KeySource::Generated => GENERATED.to_string(),
    }
}

/// `setting` in words; `whose` names the file it came from (`its first file` for the
/// stored key, `this file` for the one being imported), because a generated key is
/// explained by what that file lacked.
fn describe(setting: &str, whose: &str) -> String {
    match setting {
        EMAIL => "e-mail address (else phone number)".to_string(),
        GENERATED => {
            format!("generated row keys ({whose} had no e-mail or phone column and no --key)")
        }
        _ => format!("field `{setting}`"),
    }
}

/// Refuse a key other than the one the workspace's contacts are keyed by, and a file
/// keyed by generated row keys (`key_prefix`: this file's, see
/// [`super::prepare`]) while contacts of another file keyed that way are held: generated
/// keys never merge, so the same people would be held twice.
///
/// Errors: [`ImportError::KeyChanged`], naming both keys and what to do instead.
pub fn check_fixed(
    conn: &Connection,
    columns: &[Column],
    key: KeySource,
    key_prefix: &str,
) -> Result<(), ImportError> {
    let Some(stored) = settings::get(conn, settings::CONTACT_KEY)? else {
        return Ok(());
    };
    let wanted = setting(columns, key);
    if stored == wanted {
        if wanted == GENERATED {
            let others = contacts::count_generated_other_than(conn, key_prefix)?;
            if others > 0 {
                return Err(ImportError::GeneratedTwice { held: others });
            }
        }
        return Ok(());
    }
    let hint = if stored == GENERATED {
        "undo the imports keyed that way (`tactful import undo`, latest first) and import every file again with the same --key FIELD".to_string()
    } else if wanted == GENERATED {
        if stored == EMAIL {
            "add the file's e-mail or phone column, or put its opt-outs on the suppression list (`tactful suppress FILE`)".to_string()
        } else {
            format!("pass --key {stored} with the file's column of that ID")
        }
    } else if stored == EMAIL {
        "drop --key so the file's e-mail column is the key".to_string()
    } else if wanted == EMAIL {
        // A list of unsubscribes (Mailchimp's unsubscribed export) has no ID column: its
        // opt-outs must still get in, by address.
        format!(
            "pass --key {stored} if the file has that column (a list of opt-outs without it, such as Mailchimp's unsubscribed export, goes on the suppression list: `tactful suppress FILE`)"
        )
    } else {
        format!("pass --key {stored}")
    };
    Err(ImportError::KeyChanged {
        stored: describe(&stored, "its first file"),
        wanted: describe(&wanted, "this file"),
        hint,
    })
}

/// The start of every generated key of the file whose SHA-256 (hex) is `sha256`:
/// `row-<first 8 hex>-`, followed by the row's line.
pub fn generated_prefix(sha256: &str) -> String {
    format!("row-{}-", sha256.get(..8).unwrap_or(""))
}

/// Record the key of the workspace's first import (no change when one is set).
pub fn record(conn: &Connection, columns: &[Column], key: KeySource) -> Result<(), ImportError> {
    if settings::get(conn, settings::CONTACT_KEY)?.is_none() {
        settings::set(conn, settings::CONTACT_KEY, &setting(columns, key))?;
    }
    Ok(())
}

/// Pick the key column: `--key` (matched against field name, header, or either with
/// `_` and spaces removed, ignoring case), else the e-mail column, else the phone
/// column, else generated.
pub fn choose(
    plan: &ImportPlan,
    columns: &mut [Column],
    (email_column, phone_column): (Option<usize>, Option<usize>),
    sniffed: &Sniffed,
) -> Result<KeySource, ImportError> {
    let squash = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    if let Some(wanted) = &plan.key {
        let index = columns
            .iter()
            .position(|c| c.field.name == *wanted)
            .or_else(|| {
                columns
                    .iter()
                    .position(|c| c.header.eq_ignore_ascii_case(wanted))
            })
            .or_else(|| {
                columns
                    .iter()
                    .position(|c| squash(&c.field.name) == squash(wanted))
            })
            .ok_or_else(|| ImportError::UnknownKey {
                key: wanted.clone(),
                fields: columns
                    .iter()
                    .map(|c| c.field.name.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            })?;
        let column = &mut columns[index];
        if column.is_new && column.field.role == Role::None {
            column.field.role = Role::ContactKey;
            column.field.reason =
                format!("{} (contact key chosen with --key)", column.field.reason);
        }
        return Ok(KeySource::Column {
            index,
            email: column.field.role == Role::Email,
        });
    }
    if let Some(index) = email_column {
        return Ok(KeySource::Column { index, email: true });
    }
    if phone_column.is_some() {
        return Ok(KeySource::Phone);
    }
    if columns.len() < 2 {
        return Err(ImportError::NoKeyColumn {
            delimiter: sniff::describe(sniffed.delimiter),
            columns: columns.len(),
        });
    }
    Ok(KeySource::Generated)
}

/// Keep the contact-key role for the key column only, and return the names of the new
/// columns that lost it.
///
/// The classifier gives an ID column (`customerID`, `Kundennummer`) the contact-key
/// role from its header, but the key is `--key`, else the e-mail column, else the phone
/// column, else generated (see [`choose`]). Left alone, a telco file without e-mail
/// would show `customer_id` as its key in the field list while the report said
/// `generated`, and a Shopify export would name two keys (its e-mail and its
/// `Customer ID`). The column keeps its class (a direct identifier) and its reason says
/// what keys the contacts instead and how to key by it.
pub fn settle_roles(columns: &mut [Column], key: KeySource) -> Vec<String> {
    let key_index = match key {
        KeySource::Column { index, .. } => Some(index),
        KeySource::Phone | KeySource::Generated => None,
    };
    let keyed_by = match key {
        KeySource::Column { index, email: true } => {
            format!("the e-mail address in `{}`", columns[index].field.name)
        }
        KeySource::Column { index, .. } => format!("`{}`", columns[index].field.name),
        KeySource::Phone => "phone number".to_string(),
        KeySource::Generated => "generated row keys, one contact per row".to_string(),
    };
    let mut demoted = Vec::new();
    for (i, column) in columns.iter_mut().enumerate() {
        if Some(i) == key_index || !column.is_new || column.field.role != Role::ContactKey {
            continue;
        }
        column.field.role = Role::None;
        column.field.reason = format!(
            "{}; not the contact key: contacts are keyed by {keyed_by} (import with --key {} to key them by this field)",
            column.field.reason, column.field.name
        );
        demoted.push(column.field.name.clone());
    }
    demoted
}
