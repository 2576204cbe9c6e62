//! Refusals that belong to an address as well as to a contact: one rule for both
//! channels. A person says no from an inbox or a handset, not from a row of a file, so
//! a declined, withdrawn or bounced consent recorded on one contact holds for the
//! address it was recorded with, for every contact that shares that address (two
//! customer IDs with one e-mail address, two spellings of one mobile number).
//!
//! The address is the normal form the duplicate-address step compares: the
//! lower-cased e-mail address (`fields::address`) of every e-mail field for the e-mail
//! channel, the stored E.164 form of every phone field (`workspace::phones`) for SMS.
//! A field that lost its address role counts too, with the addresses it held then
//! (`workspace::address_columns`): a person took the role away to stop sending to the
//! field, not to let others be sent to at the addresses refused there.
//! Read once per campaign run, by the scan before the walk ([`super::prescan`], with
//! [`OptOutReader`]), so each contact costs one look-up in a compact table
//! ([`super::refused`]).
//!
//! Refusals on record hold here too: when `import undo` removed the contact that
//! refused, its refusal stays kept under the keyed hash of each of its addresses
//! (`import::refusal_hashes`), and another contact still holding the address is
//! refused by it, as it was while the refusing contact was there. That costs one HMAC
//! per contact with an address, and only when such refusals are on record.

use std::collections::HashMap;

use rusqlite::Connection;
use rusqlite::types::ValueRef;

use super::refused::{AddressTable, RefusedAddresses};
use crate::fields::{Channel, ConsentState, address};
use crate::workspace::keyed_hash::HashKey;
use crate::workspace::{WorkspaceError, address_columns, consent};

/// The refusal recorded for one address: the contact it was recorded on and its state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddressRefusal {
    /// The `_id` of the contact whose consent said no (its key is read only when the
    /// refusal holds for another contact, which is rare: [`AddressOptOuts::key_of`]);
    /// `None` for a refusal on record whose contact `import undo` removed.
    pub id: Option<i64>,
    /// Declined, withdrawn or bounced.
    pub state: ConsentState,
    /// For a refusal on record: the batch that recorded it on its contact.
    pub batch: Option<i64>,
}

/// A contact's refusal as the table holds it: which contact, how strong, and from
/// which address column, so the first refusal in the order of the columns, then of the
/// contacts, wins among equals whatever order the scan reads them in.
#[derive(Debug, Clone, Copy)]
pub(super) struct ByContact {
    id: i64,
    state: ConsentState,
    /// 32 bits, so a record of the table is 16 bytes (`refused`).
    column: u32,
}

/// Every refused address of one channel: normalised address → the strongest refusal
/// recorded for it (withdrawn and bounced over declined; among equals, the first
/// address field in workspace order, then the first contact), and the refusals on
/// record by hash.
#[derive(Debug, Default)]
pub struct AddressOptOuts {
    channel: Option<Channel>,
    refused: RefusedAddresses<ByContact>,
    /// Refusals on record for the channel, by hash, with the key to hash addresses
    /// with (`None` when there are none).
    on_record: Option<(HashKey, HashMap<String, AddressRefusal>)>,
    /// The highest [`ConsentState::refusal_rank`] of any refusal held: a contact whose
    /// own refusal ranks as high needs no look-up, since nothing held is stronger (the
    /// bench's 400,000 declined contacts, when nobody withdrew: issue 13).
    strongest: u8,
}

/// Reads the [`AddressOptOuts`] of one channel from a scan of the contacts in `_id`
/// order that selects each contact's `_id`, its consent for the channel and, as text,
/// each of [`OptOutReader::columns`]: every contact whose consent is a refusal
/// ([`ConsentState::is_refusal`]) refuses the normalised address of each of its address
/// fields (e-mail fields for e-mail, the E.164 form of phone fields for SMS), current or
/// former (`workspace::address_columns::refusal_columns`).
#[derive(Debug)]
pub struct OptOutReader {
    channel: Channel,
    columns: Vec<String>,
    out: AddressOptOuts,
}

impl OptOutReader {
    /// A reader for `channel`, with the refusals on record read already.
    ///
    /// Errors: workspace errors.
    pub fn new(conn: &Connection, channel: Channel) -> Result<Self, WorkspaceError> {
        let columns = address_columns::refusal_columns(conn, channel)?;
        let mut out = AddressOptOuts {
            channel: Some(channel),
            ..AddressOptOuts::default()
        };
        let recorded = consent::refusals_of_channel(conn, channel)?;
        if !recorded.is_empty() {
            let by_hash = recorded
                .into_iter()
                .map(|(hash, state, batch)| {
                    out.strongest = out.strongest.max(state.refusal_rank());
                    let refusal = AddressRefusal {
                        id: None,
                        state,
                        batch: Some(batch),
                    };
                    (hash, refusal)
                })
                .collect();
            out.on_record = Some((HashKey::load(conn)?, by_hash));
        }
        Ok(OptOutReader {
            channel,
            columns,
            out,
        })
    }

    /// The consent column of the channel, to select for each contact.
    pub fn consent_column(&self) -> String {
        format!("_consent_{}", self.channel.as_str())
    }

    /// The address columns to select for each contact, in workspace order.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The refusal a contact's stored consent is, if it is one: exactly the stored
    /// name of a refusal (`declined`, `withdrawn`, `bounced`), as the walk reads it.
    pub fn refusal(consent: ValueRef<'_>) -> Option<ConsentState> {
        let ValueRef::Text(stored) = consent else {
            return None;
        };
        ConsentState::ALL
            .into_iter()
            .find(|s| s.is_refusal() && s.as_str().as_bytes() == stored)
    }

    /// Read the refusal `state` of the contact with `_id` `id` for `value`, the value of
    /// its `column`-th address column ([`OptOutReader::columns`]) as text (NULL holds
    /// no address).
    ///
    /// Errors: a value that is not UTF-8 text.
    pub fn add(
        &mut self,
        id: i64,
        state: ConsentState,
        column: usize,
        value: ValueRef<'_>,
    ) -> Result<(), WorkspaceError> {
        if value == ValueRef::Null {
            return Ok(());
        }
        let value = value.as_str().map_err(rusqlite::Error::from)?;
        // A workspace has a handful of address columns, never 2^32.
        let column = u32::try_from(column).unwrap_or(u32::MAX);
        let refusal = ByContact { id, state, column };
        each_form(self.channel, value, |form| self.out.add(form, refusal));
        Ok(())
    }

    /// The refusals read.
    pub fn finish(self) -> AddressOptOuts {
        self.out
    }
}

/// The key of the contact with `_id` `id`: read only when something recorded on one
/// contact holds for another, which is rare.
///
/// Errors: workspace errors ([`WorkspaceError::Sqlite`] when the contact is gone).
pub fn contact_key(conn: &Connection, id: i64) -> Result<String, WorkspaceError> {
    Ok(conn
        .prepare_cached("SELECT _key FROM contacts WHERE _id = ?1")?
        .query_row([id], |r| r.get(0))?)
}

/// Call `each` with every normal form of `value`, an address column's value as text
/// ([`OptOutReader::columns`]), under which something recorded for the address is
/// held: every spelling of an e-mail address, so that a wrapped or full-width copy of
/// it still holds for the plain one, and its inbox form (`address::inbox_form`: a
/// refusal of `a.n.a+x@gmail.com` holds for `ana@gmail.com`); the stored E.164
/// number as it is. A refusal and a
/// minor's address ([`super::minor_addresses`]) are held alike.
pub fn each_form(channel: Channel, value: &str, mut each: impl FnMut(&str)) {
    match channel {
        Channel::Email if address::is_plain(value) => {
            each(value);
            if let Some(inbox) = address::inbox_form(value) {
                each(&inbox);
            }
        }
        Channel::Email => {
            for form in address::refusal_forms(value) {
                each(&form);
            }
        }
        Channel::Sms if value.is_empty() => {}
        Channel::Sms => each(value),
    }
}

impl AddressOptOuts {
    fn add(&mut self, address: &str, refusal: ByContact) {
        self.strongest = self.strongest.max(refusal.state.refusal_rank());
        let earlier = |held: &ByContact| (refusal.column, refusal.id) < (held.column, held.id);
        self.refused.insert(address, refusal, |held| {
            match refusal.state.refusal_rank().cmp(&held.state.refusal_rank()) {
                std::cmp::Ordering::Greater => true,
                std::cmp::Ordering::Equal => earlier(held),
                std::cmp::Ordering::Less => false,
            }
        });
    }

    /// The refusal another contact recorded for `address` (normalised as
    /// [`OptOutReader::add`] reads it), or a refusal on record for it, when the contact
    /// with `_id` `id` has not refused as strongly itself (`own`): its own refusal is
    /// the one to show. `None` when nobody else refused the address.
    pub fn other_refusal(
        &self,
        address: &str,
        id: i64,
        own: ConsentState,
    ) -> Option<AddressRefusal> {
        self.refusal_among(|a| self.refused.get(a).copied(), address, id, own)
    }

    /// A table of the refused addresses for one walk, which holds the addresses it
    /// assigns too (`walk_addresses`).
    pub(super) fn walk_table(&self) -> AddressTable<'_, ByContact> {
        self.refused.for_walk()
    }

    /// [`AddressOptOuts::other_refusal`], the refusals by contact looked up by `held`
    /// (this table's, or a walk's copy of it).
    pub(super) fn refusal_among(
        &self,
        held: impl FnOnce(&str) -> Option<ByContact>,
        address: &str,
        id: i64,
        own: ConsentState,
    ) -> Option<AddressRefusal> {
        if own.refusal_rank() >= self.strongest {
            return None;
        }
        let stronger = |r: &AddressRefusal| r.state.refusal_rank() > own.refusal_rank();
        let by_contact = held(address)
            .filter(|r| r.id != id)
            .map(|r| AddressRefusal {
                id: Some(r.id),
                state: r.state,
                batch: None,
            })
            .filter(stronger);
        let on_record = || {
            let (hash_key, by_hash) = self.on_record.as_ref()?;
            let kind = match self.channel? {
                Channel::Email => "email",
                Channel::Sms => "phone",
            };
            by_hash
                .get(&hash_key.hash(kind, address))
                .copied()
                .filter(stronger)
        };
        match (by_contact, on_record()) {
            (Some(c), Some(r)) if r.state.refusal_rank() > c.state.refusal_rank() => Some(r),
            (Some(c), _) => Some(c),
            (None, r) => r,
        }
    }

    /// The key of the contact a refusal was recorded on; `None` for a refusal on record
    /// whose contact is gone.
    ///
    /// Errors: workspace errors ([`WorkspaceError::Sqlite`] when the contact is gone).
    pub fn key_of(
        conn: &Connection,
        refusal: &AddressRefusal,
    ) -> Result<Option<String>, WorkspaceError> {
        refusal.id.map(|id| contact_key(conn, id)).transpose()
    }

    /// The sentence naming where a shared refusal comes from (the contact with key
    /// `key`, or a refusal on record when `None`), as `explain` shows it.
    pub fn source(&self, refusal: &AddressRefusal, key: Option<&str>) -> String {
        let (channel, thing) = match self.channel {
            Some(Channel::Sms) => ("SMS", "number"),
            _ => ("e-mail", "address"),
        };
        match (key, refusal.batch) {
            (Some(key), _) => format!(
                "{channel} consent {} on contact {key}, which holds the same {thing}",
                refusal.state.as_str(),
            ),
            (None, batch) => format!(
                "{channel} consent {} on record for this {thing} (recorded by batch {}; kept when `import undo` removed the contact or field that held it)",
                refusal.state.as_str(),
                batch.unwrap_or_default()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::age::AgeDates;
    use crate::campaign::minor_addresses::MinorReader;
    use crate::campaign::prescan::prescan;
    use crate::fields::{Field, FieldType, PrivacyClass, Role};
    use crate::workspace::{Workspace, fields as field_store};

    fn email_field(name: &str) -> Field {
        Field {
            name: name.into(),
            header: name.into(),
            ty: FieldType::Text,
            role: Role::Email,
            class: PrivacyClass::DirectIdentifier,
            reason: "test".into(),
            kind: None,
        }
    }

    /// A workspace with the e-mail fields `fields` and the contacts `rows` inserts.
    fn opt_outs_of(fields: &[&str], rows: &str) -> (Workspace, AddressOptOuts) {
        let mut ws = Workspace::open_in_memory().unwrap();
        ws.write(|tx| {
            for name in fields {
                field_store::add(tx, &email_field(name), "test", None)?;
            }
            tx.execute_batch(rows)?;
            Ok::<_, WorkspaceError>(())
        })
        .unwrap();
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let minors = MinorReader::new(Channel::Email, vec![], AgeDates::new(as_of, as_of), 16);
        let o = prescan(ws.conn(), &[], Channel::Email, minors)
            .unwrap()
            .opt_outs;
        (ws, o)
    }

    /// Three contacts share `bo@example.com` in two spellings: 1 declined, 2 withdrew,
    /// 3 granted. The address is refused for 3 by the stronger refusal (2, withdrawn);
    /// 1's own declined gives way to 2's withdrawal, 2 shows its own.
    #[test]
    fn the_strongest_refusal_of_an_address_holds_for_every_contact_with_it() {
        let (ws, o) = opt_outs_of(
            &["email"],
            "INSERT INTO contacts (_key, _batch, email, _consent_email) VALUES
             ('1', 1, 'bo@example.com', 'declined'),
             ('2', 1, ' BO@Example.com', 'withdrawn'),
             ('3', 1, 'bo@example.com', 'granted'),
             ('4', 1, 'cy@example.com', 'granted')",
        );
        // Contacts get `_id` 1, 2, 3, 4 in the order inserted.
        let withdrawn = AddressRefusal {
            id: Some(2),
            state: ConsentState::Withdrawn,
            batch: None,
        };
        let bo = "bo@example.com";
        assert_eq!(
            o.other_refusal(bo, 3, ConsentState::Granted),
            Some(withdrawn)
        );
        assert_eq!(
            o.other_refusal(bo, 1, ConsentState::Declined),
            Some(withdrawn)
        );
        assert_eq!(o.other_refusal(bo, 2, ConsentState::Withdrawn), None);
        assert_eq!(
            o.other_refusal("cy@example.com", 4, ConsentState::Granted),
            None
        );
        let key = AddressOptOuts::key_of(ws.conn(), &withdrawn).unwrap();
        assert_eq!(key.as_deref(), Some("2"));
        assert_eq!(
            o.source(&withdrawn, key.as_deref()),
            "e-mail consent withdrawn on contact 2, which holds the same address"
        );
    }

    /// Equal refusals of one address: the first e-mail field in workspace order wins,
    /// then the first contact, although one scan reads contact 1's second field before
    /// contact 2's first. Contact 3 (granted, `_id` 3) is refused by contact 2's.
    #[test]
    fn among_equal_refusals_the_first_field_then_the_first_contact_is_shown() {
        let (_ws, o) = opt_outs_of(
            &["email", "email_work"],
            "INSERT INTO contacts (_key, _batch, email, email_work, _consent_email) VALUES
             ('1', 1, NULL, 'bo@example.com', 'declined'),
             ('2', 1, 'bo@example.com', NULL, 'declined'),
             ('3', 1, 'bo@example.com', NULL, 'granted')",
        );
        let refusal = o.other_refusal("bo@example.com", 3, ConsentState::Granted);
        assert_eq!(refusal.and_then(|r| r.id), Some(2));
    }
}
