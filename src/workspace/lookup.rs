//! Which stored contacts a key, as a person writes it, names: for `contact show`,
//! `contact erase` and `explain`.
//!
//! A person asking for their data, or asking to be forgotten, writes their address the
//! way they see it: `Dee <dee@example.com>`, `mailto:dee@example.com`,
//! `/dee@example.com`, with a sentence around it, or a phone number without its country
//! code (`07700 900123`). The importer keyed them by the address its reader takes out of
//! such a value ([`address::addresses_in`], the reader behind `import::key_cell`) and by
//! the number in E.164, so these lookups read the value the same way, and lookup keys
//! equal import keys (new-user trial 11, F9: each of those spellings answered "no
//! contact and no trace" for a person the workspace held).
//!
//! A national number is read as the importer reads one: in every region the
//! workspace's imports used ([`super::regions`]). When that names nobody (or no region
//! is known, as for numbers imported in international form), it is read in the country
//! of each stored number ([`phone::national_match`], the rule a suppression list kept
//! without a region matches by). Such a reading is a guess when the workspace knows a
//! region: [`Named::Unsure`] lists what it found instead of picking one.

use rusqlite::{Connection, OptionalExtension};

use super::{WorkspaceError, address_columns, quote_ident, regions};
use crate::fields::{address, phone};

/// What a written key names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    /// One contact: its stored key.
    One(String),
    /// Several contacts, or contacts found only by a guess at the number's country:
    /// their stored keys (in workspace order) and why none is picked.
    Unsure { keys: Vec<String>, why: String },
    /// No stored contact.
    Nobody,
}

/// The stored contacts `asked` names: as given (trimmed), as an e-mail key, by every
/// address the import's reader finds in it, and as a phone number in any spelling.
///
/// Errors: workspace errors.
pub fn contacts_named(conn: &Connection, asked: &str) -> Result<Named, WorkspaceError> {
    let asked = asked.trim();
    for candidate in [asked.to_string(), address::email_key(asked)] {
        if let Some(key) = keyed(conn, &candidate)? {
            return Ok(Named::One(key));
        }
    }
    // The mailbox of `Name <address>`, as the importer keys it, even when the name
    // looks like an address (`import::key_cell`).
    if let Some(mailbox) = crate::fields::address_read::angle_address(asked)
        && let Some(key) = keyed(conn, &mailbox)?
    {
        return Ok(Named::One(key));
    }
    let mut found: Vec<String> = Vec::new();
    let add = |key: String, found: &mut Vec<String>| {
        if !found.contains(&key) {
            found.push(key);
        }
    };
    // The addresses the importer's key reader takes out of a written value.
    for email in address::addresses_in(asked) {
        if let Some(key) = keyed(conn, &email)? {
            add(key, &mut found);
        }
    }
    // A number in any spelling, in every region the workspace's imports used.
    let readings = regions::readings(conn, asked)?;
    for number in &readings {
        match keyed(conn, number)? {
            Some(key) => add(key, &mut found),
            None => super::phones::contacts_with(conn, number)?
                .into_iter()
                .for_each(|key| add(key, &mut found)),
        }
    }
    if found.len() > 1 {
        return Ok(Named::Unsure {
            keys: found,
            why: "it names several contacts (by the addresses or numbers in it)".into(),
        });
    }
    if let Some(key) = found.pop() {
        return Ok(Named::One(key));
    }
    national(conn, asked, readings.is_empty())
}

/// The contacts whose stored number `asked`, written without its country code, names
/// when read in that number's own country ([`phone::national_match`]).
fn national(conn: &Connection, asked: &str, no_reading: bool) -> Result<Named, WorkspaceError> {
    // Only a national number: one with its country code was read above.
    if !asked.chars().any(|c| c.is_ascii_digit()) || phone::e164(asked, None).is_some() {
        return Ok(Named::Nobody);
    }
    // A trunk prefix (`0`, `8`) is written before the number: its last six digits end
    // every number it may name, so most stored numbers need no parse.
    let digits: String = asked.chars().filter(char::is_ascii_digit).collect();
    let tail = &digits[digits.len().saturating_sub(6)..];
    let mut keys: Vec<String> = Vec::new();
    for (key, number) in stored_numbers(conn)? {
        if number.ends_with(tail) && !keys.contains(&key) && phone::national_match(asked, &number) {
            keys.push(key);
        }
    }
    let known = regions::all(conn)?;
    Ok(match (keys.len(), known.is_empty() && no_reading) {
        (0, _) => Named::Nobody,
        // No region known: the number's own country is the importer's only reading.
        (1, true) => Named::One(keys.remove(0)),
        (_, true) => Named::Unsure {
            keys,
            why: "it is a number without its country code, and several contacts hold it in their own countries".into(),
        },
        (_, false) => Named::Unsure {
            keys,
            why: format!(
                "it is a number without its country code, which read in the workspace's region{} ({}) names no contact; read in the country of the numbers stored, it names these",
                if known.len() == 1 { "" } else { "s" },
                known.iter().map(|r| r.code().to_string()).collect::<Vec<_>>().join(", ")
            ),
        },
    })
}

/// `(contact key, number)` for every stored E.164 number: contact keys that are
/// numbers and every phone field's stored form (and those kept by former phone fields),
/// in workspace order.
fn stored_numbers(conn: &Connection) -> Result<Vec<(String, String)>, WorkspaceError> {
    let mut out: Vec<(String, String)> = conn
        .prepare("SELECT _key, _key FROM contacts WHERE _key LIKE '+%' ORDER BY _id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for column in address_columns::number_columns(conn)? {
        let sql = format!(
            "SELECT _key, {0} FROM contacts WHERE {0} LIKE '+%' ORDER BY _id",
            quote_ident(&column)
        );
        let rows: Vec<(String, String)> = conn
            .prepare(&sql)?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        out.extend(rows);
    }
    Ok(out)
}

/// The stored key equal to `candidate`, if a contact has it.
fn keyed(conn: &Connection, candidate: &str) -> Result<Option<String>, WorkspaceError> {
    if candidate.is_empty() {
        return Ok(None);
    }
    Ok(conn
        .prepare_cached("SELECT _key FROM contacts WHERE _key = ?1")?
        .query_row([candidate], |r| r.get(0))
        .optional()?)
}
