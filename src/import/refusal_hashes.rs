//! The hashes a refusal on record is kept under and found by: the contact key's, and
//! the channel's addresses' (`workspace::consent`).
//!
//! A person says no from an inbox or a handset, not from a contact key: after `import
//! undo` removed a contact that had refused, the same person may come back in a file
//! keyed otherwise (by phone number once no e-mail column is left, by a shared customer
//! ID, as the README advises for re-keying). So an e-mail refusal is kept under the
//! keyed hash of each e-mail address the contact held (every form
//! `fields::address::refusal_forms` reads, lower case and NFC) and an SMS refusal under
//! each of its numbers in E.164, as erasure hashes them (`rights::erase`), besides the
//! key's; an imported row meets every refusal kept under its key or its addresses.
//! The hashes cover the kind (`key:`, `email:`, `phone:`), so one column holds them.
//! Called by [`super::undo`] and [`super::write`].

use rusqlite::Connection;
use rusqlite::types::Value as Sql;

use super::analyse::Analysis;
use super::suppress::entry_hash;
use crate::fields::{Channel, address};
use crate::workspace::keyed_hash::HashKey;
use crate::workspace::{WorkspaceError, address_columns, consent, phones, rights};

/// The hashes of the addresses a refusal of `channel` holds for: each e-mail address
/// of `emails` in every form a refusal reads (e-mail channel), or each E.164 number of
/// `numbers` (SMS channel); each once, blanks skipped.
pub fn address_hashes<'a>(
    key: &HashKey,
    channel: Channel,
    emails: impl IntoIterator<Item = &'a str>,
    numbers: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |kind: &str, value: &str| {
        let hash = entry_hash(key, kind, value);
        if !out.contains(&hash) {
            out.push(hash);
        }
    };
    match channel {
        Channel::Email => {
            for raw in emails {
                for form in address::refusal_forms(raw) {
                    push("email", &form);
                }
            }
        }
        Channel::Sms => {
            for number in numbers.into_iter().filter(|n| !n.is_empty()) {
                push("phone", number);
            }
        }
    }
    out
}

/// The address hashes of stored contact `id` for a refusal of `channel`: the values of
/// its e-mail fields (`email_fields`) or its stored E.164 numbers.
///
/// Errors: workspace errors.
pub fn of_contact(
    conn: &Connection,
    key: &HashKey,
    (id, channel): (i64, Channel),
    email_fields: &[String],
) -> Result<Vec<String>, WorkspaceError> {
    Ok(match channel {
        Channel::Email => {
            let values = rights::text_values(conn, id, email_fields)?;
            address_hashes(
                key,
                channel,
                values.iter().flatten().map(String::as_str),
                [],
            )
        }
        Channel::Sms => {
            let numbers = phones::numbers_of(conn, id)?;
            address_hashes(key, channel, [], numbers.iter().map(String::as_str))
        }
    })
}

/// Put on record, under the addresses they hold in the `dropped` fields (current or
/// former address fields, `workspace::address_columns`), the refusals of the contacts
/// an undo of `batch` keeps. The undo drops those fields but keeps the contacts'
/// refusals, so a refusal recorded for an address in such a field keeps holding for
/// it, as a removed contact's does.
///
/// Errors: workspace errors.
pub fn keep_for_dropped(
    conn: &Connection,
    key: &HashKey,
    batch: i64,
    dropped: &[String],
) -> Result<(), WorkspaceError> {
    let of_dropped = |channel| -> Result<Vec<String>, WorkspaceError> {
        let holds = |column: &String| {
            dropped.iter().any(|f| {
                column == f
                    || *column == address_columns::kept_email_column(f)
                    || *column == phones::e164_column(f)
            })
        };
        Ok(address_columns::refusal_columns(conn, channel)?
            .into_iter()
            .filter(holds)
            .collect())
    };
    let columns = [of_dropped(Channel::Email)?, of_dropped(Channel::Sms)?];
    if dropped.is_empty() || columns.iter().all(Vec::is_empty) {
        return Ok(());
    }
    for kept in consent::refusals_of_kept(conn, batch)? {
        let refusal = &kept.refusal;
        let columns = &columns[usize::from(refusal.channel == Channel::Sms)];
        if columns.is_empty() {
            continue;
        }
        let values = rights::text_values(conn, kept.id, columns)?;
        let values = values.iter().flatten().map(String::as_str);
        let hashes = match refusal.channel {
            Channel::Email => address_hashes(key, Channel::Email, values, []),
            Channel::Sms => address_hashes(key, Channel::Sms, [], values),
        };
        for hash in hashes {
            consent::keep_refusal(conn, &hash, refusal)?;
        }
    }
    Ok(())
}

/// The address hashes of an imported row for a refusal of either channel: its e-mail
/// column's value and its phone columns' E.164 cells (which follow the columns in
/// `values`, see `super::row_phones::phone_cells`), as `[e-mail, SMS]`.
pub fn of_row(key: &HashKey, analysis: &Analysis, values: &[Sql]) -> [Vec<String>; 2] {
    fn text(v: Option<&Sql>) -> Option<&str> {
        match v {
            Some(Sql::Text(t)) => Some(t.as_str()),
            _ => None,
        }
    }
    let email = analysis.email_column.and_then(|i| text(values.get(i)));
    let width = analysis.columns.len();
    let numbers: Vec<&str> = (0..analysis.phone_columns.len())
        .filter_map(|n| text(values.get(width + 2 * n)))
        .collect();
    [
        address_hashes(key, Channel::Email, email, []),
        address_hashes(key, Channel::Sms, [], numbers),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An e-mail refusal is kept under the address in every spelling a refusal reads
    /// (one hash for `Bo@Example.com` and `<bo@example.com>`; NFC and NFD `zoë` are
    /// one), an SMS refusal under the E.164 number; neither under the other channel's.
    #[test]
    fn refusals_are_hashed_by_their_channels_addresses() {
        let key = HashKey::from_secret(&[7u8; 32]);
        let bo = entry_hash(&key, "email", "bo@example.com");
        assert_eq!(
            address_hashes(
                &key,
                Channel::Email,
                ["Bo@Example.com", "<bo@example.com>"],
                ["+447700900222"]
            ),
            [bo]
        );
        assert_eq!(
            address_hashes(&key, Channel::Email, ["zoe\u{308}@example.com"], []),
            [entry_hash(&key, "email", "zo\u{eb}@example.com")]
        );
        assert_eq!(
            address_hashes(
                &key,
                Channel::Sms,
                ["bo@example.com"],
                ["+447700900222", ""]
            ),
            [entry_hash(&key, "phone", "+447700900222")]
        );
    }
}
