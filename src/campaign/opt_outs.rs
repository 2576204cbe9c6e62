//! Refusals that belong to an address as well as to a contact: one rule for both
//! channels. A person says no from an inbox or a handset, not from a row of a file, so
//! a declined, withdrawn or bounced consent recorded on one contact holds for the
//! address it was recorded with, for every contact that shares that address (two
//! customer IDs with one e-mail address, two spellings of one mobile number).
//!
//! The address is the normal form the duplicate-address step compares: the
//! lower-cased e-mail address (`fields::address`) of every e-mail field for the e-mail
//! channel, the stored E.164 form of every phone field (`workspace::phones`) for SMS.
//! Loaded once per campaign run by [`super::walk`], so each contact costs one look-up.
//!
//! Refusals on record hold here too: when `import undo` removed the contact that
//! refused, its refusal stays kept under the keyed hash of each of its addresses
//! (`import::refusal_hashes`), and another contact still holding the address is
//! refused by it, as it was while the refusing contact was there. That costs one HMAC
//! per contact with an address, and only when such refusals are on record.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::fields::{Channel, ConsentState, Role, address};
use crate::workspace::keyed_hash::HashKey;
use crate::workspace::{WorkspaceError, consent, fields as field_store, phones, quote_ident};

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

/// Every refused address of one channel: normalised address → the strongest refusal
/// recorded for it (withdrawn and bounced over declined; among equals, the first
/// contact in workspace order), and the refusals on record by hash.
#[derive(Debug, Default)]
pub struct AddressOptOuts {
    channel: Option<Channel>,
    refused: HashMap<String, AddressRefusal>,
    /// Refusals on record for the channel, by hash, with the key to hash addresses
    /// with (`None` when there are none).
    on_record: Option<(HashKey, HashMap<String, AddressRefusal>)>,
}

impl AddressOptOuts {
    /// Load the refused addresses of `channel`: each contact whose consent for the
    /// channel is a refusal ([`ConsentState::is_refusal`]) and the normalised address
    /// of each of its address fields (e-mail fields for e-mail, phone fields for SMS).
    ///
    /// Errors: workspace errors.
    pub fn load(conn: &Connection, channel: Channel) -> Result<Self, WorkspaceError> {
        let role = match channel {
            Channel::Email => Role::Email,
            Channel::Sms => Role::Phone,
        };
        let columns: Vec<String> = field_store::list(conn)?
            .into_iter()
            .filter(|f| f.role == role)
            .map(|f| match channel {
                Channel::Email => f.name,
                Channel::Sms => phones::e164_column(&f.name),
            })
            .collect();
        let consent = quote_ident(&format!("_consent_{}", channel.as_str()));
        let refusals: Vec<&str> = ConsentState::ALL
            .iter()
            .filter(|s| s.is_refusal())
            .map(|s| s.as_str())
            .collect();
        let mut out = AddressOptOuts {
            channel: Some(channel),
            refused: HashMap::new(),
            on_record: None,
        };
        let recorded = consent::refusals_of_channel(conn, channel)?;
        if !recorded.is_empty() {
            let by_hash = recorded
                .into_iter()
                .map(|(hash, state, batch)| {
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
        for column in columns {
            let sql = format!(
                "SELECT CAST({col} AS TEXT), _id, {consent} FROM contacts
                 WHERE {consent} IN (?1, ?2, ?3) AND {col} IS NOT NULL ORDER BY _id",
                col = quote_ident(&column),
            );
            let mut stmt = conn.prepare(&sql)?;
            let mut rows = stmt.query(rusqlite::params_from_iter(&refusals))?;
            // Values are read in place: a copy is made only of an address not yet held.
            while let Some(row) = rows.next()? {
                let value = row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
                let id: i64 = row.get(1)?;
                let state = row.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?;
                let Ok(state) = state.parse::<ConsentState>() else {
                    continue;
                };
                let refusal = AddressRefusal {
                    id: Some(id),
                    state,
                    batch: None,
                };
                // Every spelling of the refused address, so that a wrapped or
                // full-width copy of it still refuses the plain one.
                match channel {
                    Channel::Email if address::is_plain(value) => out.add(value, refusal),
                    Channel::Email => {
                        for form in address::refusal_forms(value) {
                            out.add(&form, refusal);
                        }
                    }
                    Channel::Sms if value.is_empty() => {}
                    Channel::Sms => out.add(value, refusal),
                }
            }
        }
        Ok(out)
    }

    fn add(&mut self, address: &str, refusal: AddressRefusal) {
        match self.refused.get_mut(address) {
            Some(held) if held.state.refusal_rank() >= refusal.state.refusal_rank() => {}
            Some(held) => *held = refusal,
            None => {
                self.refused.insert(address.to_string(), refusal);
            }
        }
    }

    /// The refusal another contact recorded for `address` (normalised as [`load`]
    /// reads it), or a refusal on record for it, when the contact with `_id` `id` has
    /// not refused as strongly itself (`own`): its own refusal is the one to show.
    /// `None` when nobody else refused the address.
    ///
    /// [`load`]: AddressOptOuts::load
    pub fn other_refusal(
        &self,
        address: &str,
        id: i64,
        own: ConsentState,
    ) -> Option<AddressRefusal> {
        if own.refusal_rank() >= 2 {
            return None;
        }
        let stronger = |r: &&AddressRefusal| r.state.refusal_rank() > own.refusal_rank();
        let by_contact = self
            .refused
            .get(address)
            .filter(|r| r.id != Some(id))
            .filter(stronger);
        let on_record = || {
            let (hash_key, by_hash) = self.on_record.as_ref()?;
            let kind = match self.channel? {
                Channel::Email => "email",
                Channel::Sms => "phone",
            };
            by_hash.get(&hash_key.hash(kind, address)).filter(stronger)
        };
        match (by_contact, on_record()) {
            (Some(c), Some(r)) if r.state.refusal_rank() > c.state.refusal_rank() => Some(*r),
            (Some(c), _) => Some(*c),
            (None, r) => r.copied(),
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
        let Some(id) = refusal.id else {
            return Ok(None);
        };
        Ok(Some(
            conn.prepare_cached("SELECT _key FROM contacts WHERE _id = ?1")?
                .query_row([id], |r| r.get(0))?,
        ))
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
                "{channel} consent {} on record for this {thing} (recorded by batch {}; `import undo` removed the contact that held it)",
                refusal.state.as_str(),
                batch.unwrap_or_default()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::{Field, FieldType, PrivacyClass};
    use crate::workspace::Workspace;

    /// Three contacts share `bo@example.com` in two spellings: 1 declined, 2 withdrew,
    /// 3 granted. The address is refused for 3 by the stronger refusal (2, withdrawn);
    /// 1's own declined gives way to 2's withdrawal, 2 shows its own.
    #[test]
    fn the_strongest_refusal_of_an_address_holds_for_every_contact_with_it() {
        let mut ws = Workspace::open_in_memory().unwrap();
        ws.write(|tx| {
            field_store::add(
                tx,
                &Field {
                    name: "email".into(),
                    header: "email".into(),
                    ty: FieldType::Text,
                    role: Role::Email,
                    class: PrivacyClass::DirectIdentifier,
                    reason: "test".into(),
                    kind: None,
                },
                "test",
                None,
            )?;
            tx.execute_batch(
                "INSERT INTO contacts (_key, _batch, email, _consent_email) VALUES
                 ('1', 1, 'bo@example.com', 'declined'),
                 ('2', 1, ' BO@Example.com', 'withdrawn'),
                 ('3', 1, 'bo@example.com', 'granted'),
                 ('4', 1, 'cy@example.com', 'granted')",
            )?;
            Ok::<_, WorkspaceError>(())
        })
        .unwrap();
        let o = AddressOptOuts::load(ws.conn(), Channel::Email).unwrap();
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
}
