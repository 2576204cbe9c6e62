//! One person, one contact, when a file knows them by e-mail and another by phone.
//!
//! Contacts are keyed by e-mail, else by phone in E.164 (see [`super::key`]). Without
//! this step the same person would become two contacts: a phone-only row next to the
//! contact that has the number in its phone field, or an e-mail row for a person first
//! imported by phone. Each holds its own consent, so an opt-out recorded on one would
//! not reach the other. Two rules link them, only where the match is unambiguous:
//! - a row keyed by phone whose number no contact is keyed by, but exactly one contact
//!   holds in the same phone field, merges into that contact;
//! - a row keyed by e-mail that no contact has yet, whose number keys a stored
//!   (phone-only) contact, merges into that contact, which is re-keyed by the e-mail
//!   (undo puts the phone key back).
//!
//! A number held by several contacts links nothing: the row stays its own contact and
//! the report says how many such rows there were. Campaigns treat an SMS opt-out as
//! the number's (`campaign::walk`), so no route sends to it. Called by [`super::load`]
//! before each contact is written.

use super::ImportError;
use super::row_phones::RowPhones;
use crate::workspace::contacts::{ContactWriter, Existing};

/// Where a row's contact goes.
#[derive(Debug)]
pub enum Link {
    /// Insert or merge by this key, as usual.
    Key(String),
    /// Merge into this stored contact, giving it this key.
    Into(String, Existing),
}

/// What linking did in one file, for the report.
#[derive(Debug, Default)]
pub struct Linking {
    /// Whether any contact may be keyed by phone (checked once, then kept up to date),
    /// so files that never meet a phone key pay no extra look-up per row.
    pub phone_keys: bool,
    /// Phone-only rows merged into the one contact holding their number.
    pub by_number: u64,
    /// Phone-keyed contacts that gained an e-mail address and are now keyed by it.
    pub rekeyed: u64,
    /// Phone-only rows whose number several contacts hold: kept as their own contact.
    pub shared: u64,
}

/// Decide where the row with `key` and `phones` goes.
///
/// Errors: workspace errors.
pub fn link(
    writer: &mut ContactWriter<'_>,
    key: String,
    phones: &RowPhones,
    linking: &mut Linking,
) -> Result<Link, ImportError> {
    let Some((field, number)) = &phones.first else {
        return Ok(Link::Key(key));
    };
    if phones.keyed_by_phone {
        linking.phone_keys = true;
        if writer.find(&key)?.is_some() {
            return Ok(Link::Key(key));
        }
        let mut holders = writer.holders(*field, number)?;
        return Ok(match holders.len() {
            1 => {
                linking.by_number += 1;
                Link::Key(holders.pop().unwrap_or(key))
            }
            0 => Link::Key(key),
            _ => {
                linking.shared += 1;
                Link::Key(key)
            }
        });
    }
    if !linking.phone_keys || writer.find(&key)?.is_some() {
        return Ok(Link::Key(key));
    }
    match writer.find(number)? {
        Some(existing) => {
            linking.rekeyed += 1;
            Ok(Link::Into(key, existing))
        }
        None => Ok(Link::Key(key)),
    }
}
