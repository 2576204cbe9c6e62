//! A contact's e-mail addresses beyond its first e-mail field (`Work Email`,
//! `Secondary Email`, `Email 2`): each is the person's inbox too, so a suppression
//! entry or another contact's refusal for it excludes the contact, as one for any of
//! its phone fields does (new-user trial 6, G14: Ann, whose work address was on the
//! suppression list or had said no as a contact of its own, was mailed at her other
//! address), and a known minor's address in one makes the contact a minor's inbox
//! ([`super::minor_addresses`], trial 11, F5). Erasure needs nothing here: it puts every address of the erased contact
//! on the list, which [`listed`] reads.
//!
//! Called by [`super::walk`] for each contact; the fields are [`super::prepare::Slots`]'
//! `other_emails`, read whatever the list holds (no more than the address fields
//! themselves).

use super::opt_outs::{AddressOptOuts, AddressRefusal, each_form};
use super::prepare::Prepared;
use super::suppressed::{Suppression, SuppressionHit};
use crate::fields::value::{Record, Value};
use crate::fields::{Channel, ConsentState};

/// The non-blank text values of the contact's other e-mail fields, in workspace order:
/// also read by the walk for known minors' addresses (new-user trial 11, F5).
pub(super) fn values<'r>(
    prepared: &'r Prepared,
    record: &'r Record,
) -> impl Iterator<Item = &'r str> {
    prepared.slots.other_emails.iter().filter_map(|&i| {
        let f = prepared.columns.get(i)?;
        match record.get(&f.name)? {
            Value::Text(t) if !t.trim().is_empty() => Some(t.as_str()),
            _ => None,
        }
    })
}

/// The suppression entry that holds one of the contact's other e-mail addresses (every
/// address a cell holds, as for the first field: `Suppression::check`), whatever the
/// campaign's channel, as the first e-mail field's does.
pub fn listed(
    prepared: &Prepared,
    record: &Record,
    suppression: &Suppression,
) -> Option<SuppressionHit> {
    if suppression.is_empty() {
        return None;
    }
    values(prepared, record).find_map(|e| suppression.check("", Some(e), &[]))
}

/// On the e-mail channel, the refusal another contact recorded for one of the
/// contact's other e-mail addresses (every spelling and its inbox form, as
/// [`each_form`] gives them), when the contact did not refuse as strongly itself
/// (`own`), as for its first address.
pub fn refused(
    prepared: &Prepared,
    record: &Record,
    (opted_out, id, own): (&AddressOptOuts, i64, ConsentState),
) -> Option<AddressRefusal> {
    if prepared.campaign.channel != Channel::Email {
        return None;
    }
    let mut found = None;
    for e in values(prepared, record) {
        each_form(Channel::Email, e, |form| {
            if found.is_none() {
                found = opted_out.other_refusal(form, id, own);
            }
        });
        if found.is_some() {
            break;
        }
    }
    found
}
