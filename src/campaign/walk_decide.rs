//! Deciding one contact of the walk ([`super::walk`]): the facts assignment needs
//! (suppression, consent and the address's refusals, the minor check and the known
//! minors' addresses, the channel address) gathered from the row and the record, then
//! the [`Assigner`]'s outcome. Split from `walk.rs` by job (issue 13, session 12);
//! behaviour unchanged.

use std::borrow::Cow;

use super::age::AgeCheck;
use super::assign::{Assigner, ContactFacts};
use super::audience::AudienceRow;
use super::cell_numbers::CellNumbers;
use super::minor_addresses::KEPT_ON_RECORD;
use super::opt_outs::{AddressOptOuts, contact_key};
use super::other_emails;
use super::prepare::Prepared;
use super::suppressed::{Suppression, SuppressionHit};
use super::walk::Decided;
use super::walk_addresses::WalkAddresses;
use super::walk_read::{Spare, text_cow, text_into, text_of, text_ref};
use crate::fields::phone::LineType;
use crate::fields::value::Record;
use crate::fields::{Channel, ConsentState, address};
use crate::import::upsert::REFUSED;
use crate::workspace::WorkspaceError;

/// The entry of the suppression list that holds another number of one of the contact's
/// phone cells ([`CellNumbers`], session-10 trial F22), if any, for a contact whose own
/// consent for the channel is `consent`. On SMS a contact that refused SMS itself is
/// left to that refusal (its refusal is what put its cell's other numbers on the list,
/// reason `refused`); on e-mail an entry recorded for an SMS refusal (`refused`) does
/// not stop e-mail, while any other entry (a list, an erasure) suppresses the contact
/// as its stored number's would.
fn other_numbers_listed(
    prepared: &Prepared,
    record: &Record,
    (suppression, cells): (&Suppression, &CellNumbers<'_>),
    consent: Option<ConsentState>,
) -> Result<Option<SuppressionHit>, WorkspaceError> {
    let sms = prepared.campaign.channel == Channel::Sms;
    if sms && consent.is_some_and(ConsentState::is_refusal) {
        return Ok(None);
    }
    let mut others = Vec::new();
    each_phone_cell(prepared, record, cells, |_, numbers| others.extend(numbers))?;
    Ok(others.into_iter().find_map(|number| {
        suppression
            .check("", None, std::slice::from_ref(&number))
            .filter(|hit| sms || hit.reason != REFUSED)
    }))
}

/// Call `each` per phone field of the contact with its stored E.164 form (`None` when
/// blank) and the other numbers of its cell when the cell holds several
/// ([`CellNumbers::others`]).
fn each_phone_cell<'r>(
    prepared: &Prepared,
    record: &'r Record,
    cells: &CellNumbers<'_>,
    mut each: impl FnMut(Option<&'r str>, Vec<String>),
) -> Result<(), WorkspaceError> {
    for &(raw, e164) in &prepared.slots.phone_cells {
        let stored = text_ref(prepared, record, e164);
        let others = match text_ref(prepared, record, raw) {
            Some(cell) => cells.others(cell, stored)?,
            None => Vec::new(),
        };
        each(stored, others);
    }
    Ok(())
}

/// Every number of the contact other than `sending` (the E.164 form its SMS would go
/// to), in E.164: each phone field's stored form and the other numbers of each phone
/// cell that holds several ([`CellNumbers::others`]), each once.
fn other_phones(
    prepared: &Prepared,
    record: &Record,
    cells: &CellNumbers<'_>,
    sending: Option<&str>,
) -> Result<Vec<String>, WorkspaceError> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |number: &str| {
        if Some(number) != sending && !out.iter().any(|n| n == number) {
            out.push(number.to_string());
        }
    };
    each_phone_cell(prepared, record, cells, |stored, others| {
        stored.into_iter().for_each(&mut add);
        others.iter().for_each(|number| add(number));
    })?;
    Ok(out)
}

/// Decide the contact of `row`, whose values of [`Prepared::columns`] are `record` and
/// whose segment matches are `matches`, filling the buffers of `spare`.
///
/// Errors: workspace errors (reading the row, a look-up of another contact's key).
pub(super) fn decide<'a>(
    row: &AudienceRow<'_, '_>,
    prepared: &Prepared,
    (suppression, opted_out, cells): (&Suppression, &AddressOptOuts, &CellNumbers<'_>),
    (record, matches): (&'a Record, &'a [bool]),
    assigner: &mut Assigner<WalkAddresses<'_>>,
    spare: &mut Spare,
) -> Result<Decided<'a>, WorkspaceError> {
    let mut key = std::mem::take(&mut spare.key);
    key.clear();
    key.push_str(row.key()?);
    let slots = &prepared.slots;
    let stored = row.consent()?;
    let parsed = stored.parse::<ConsentState>().ok();
    // The stored names need no copy per contact; other text is kept as written.
    let mut consent_stored = match parsed {
        Some(c) if c.as_str() == stored => Cow::Borrowed(c.as_str()),
        _ => Cow::Owned(stored.to_string()),
    };
    // An empty list suppresses no one: skip gathering the addresses to check.
    let suppressed = if suppression.is_empty() {
        None
    } else {
        let email = text_of(prepared, record, slots.email);
        let numbers: Vec<String> = slots
            .phones
            .iter()
            .filter_map(|&i| text_of(prepared, record, Some(i)))
            .collect();
        match suppression.check(&key, email.as_deref(), &numbers) {
            Some(hit) => Some(hit),
            None => other_numbers_listed(prepared, record, (suppression, cells), parsed)?
                .or_else(|| other_emails::listed(prepared, record, suppression)),
        }
    };
    let mut consent_source = row.consent_source()?;
    let age = match spare.ages_silent {
        true => AgeCheck::default(),
        false => super::walk_ages::age_check_row(prepared, record, row, &mut spare.tag_cells),
    };
    // SMS: the first phone field with a value (`Slots::sms`), so a contact whose
    // number is in a later phone field is not left without an address.
    let sms = slots
        .sms
        .iter()
        .find(|s| text_of(prepared, record, Some(s.stored)).is_some())
        .or(slots.sms.first());
    let address_field = match prepared.campaign.channel {
        Channel::Email => slots.address,
        Channel::Sms => sms.map(|s| s.stored),
    };
    let address_stored = text_into(
        prepared,
        record,
        address_field,
        std::mem::take(&mut spare.address_stored),
    );
    let address_e164 = sms.and_then(|s| text_of(prepared, record, Some(s.e164)));
    let address_line = sms
        .and_then(|s| text_of(prepared, record, Some(s.line)))
        .and_then(|l| l.parse::<LineType>().ok());
    let address = match prepared.campaign.channel {
        // A plain address is its own sendable form (`address::is_plain`): copied into
        // the spare buffer instead of a new string.
        Channel::Email => match address_stored.as_deref() {
            Some(stored) if address::is_plain(stored) => {
                let mut buffer = std::mem::take(&mut spare.address);
                buffer.clear();
                buffer.push_str(stored);
                Some(buffer)
            }
            stored => stored.and_then(address::sendable_email),
        },
        Channel::Sms => address_e164
            .clone()
            .filter(|_| address_line.is_some_and(LineType::sms_capable)),
    };
    let mut consent_from = None;
    let mut consent = parsed.unwrap_or(ConsentState::NotAsked);
    let id = row.id()?;
    // The address as a refusal or a minor's address was recorded: the normalised e-mail (also of an
    // address not sent to as written, such as one in decomposed letters), or the
    // stored E.164 number whatever its line type.
    let refused_address: Option<Cow<'_, str>> = match prepared.campaign.channel {
        Channel::Email => address.as_deref().map(Cow::Borrowed).or_else(|| {
            address_stored
                .as_deref()
                .and_then(address::normalise_email)
                .map(Cow::Owned)
        }),
        Channel::Sms => address_e164.as_deref().map(Cow::Borrowed),
    };
    // The same inbox written another way (`address::inbox_form`: `a.n.a+x@gmail.com`
    // is `ana@gmail.com`) holds what was recorded for it too.
    let inbox = match prepared.campaign.channel {
        Channel::Email => refused_address.as_deref().and_then(address::inbox_form),
        Channel::Sms => None,
    };
    let forms = || {
        refused_address
            .as_deref()
            .into_iter()
            .chain(inbox.as_deref())
    };
    // SMS: a refusal recorded for any other number the contact holds holds too: the
    // other numbers of the cell the message would go to ([`CellNumbers`]: the person
    // said no from that handset), and every other phone field with the other numbers
    // of its cell (a `mobile` and a `phone` column, a platform's second phone: a number
    // that opted out on any contact never gets an SMS through another field).
    let cell_others = match prepared.campaign.channel {
        Channel::Sms => other_phones(prepared, record, cells, address_e164.as_deref())?,
        Channel::Email => Vec::new(),
    };
    if let Some(other) = forms()
        .chain(cell_others.iter().map(String::as_str))
        .find_map(|a| assigner.addresses().other_refusal(a, id, consent))
        .or_else(|| other_emails::refused(prepared, record, (opted_out, id, consent)))
    {
        let from = AddressOptOuts::key_of(row.conn(), &other)?;
        consent_source = Some(opted_out.source(&other, from.as_deref()).into());
        consent_stored = Cow::Borrowed(other.state.as_str());
        consent = other.state;
        consent_from = from;
    }
    let minors = &prepared.minor_addresses;
    let minor_from = match age.minor {
        false => forms()
            .find_map(|a| minors.other_minor(a, id))
            .map(|minor| contact_key(row.conn(), minor))
            .transpose()?,
        true => None,
    };
    // A known minor's address kept on record after an undo (`workspace::kept_minors`).
    let minor_from = minor_from.or_else(|| {
        let (on, years) = (prepared.minor_dates.earlier, prepared.minor_age.years);
        let channel = prepared.campaign.channel;
        (!age.minor && forms().any(|a| minors.kept_minor(channel, a, on, years)))
            .then(|| KEPT_ON_RECORD.to_string())
    });
    // Every other address the contact holds, of either channel: a minor is a minor on
    // every channel (trial 4, N8). Read only when some minor's address is known.
    let mut minor_by = minor_from.as_ref().map(|_| prepared.campaign.channel);
    let minor_from = match minor_from {
        None if !age.minor && minors.any() => {
            // Borrowed from the record: a copy of every address per contact was the
            // cost of this check (issue 13, session 12).
            // Every e-mail field: a minor's address in a `Secondary Email` is the
            // minor's inbox as much as in the first (new-user trial 11, F5).
            let emails: Vec<Cow<'_, str>> = text_cow(prepared, record, slots.email)
                .into_iter()
                .chain(other_emails::values(prepared, record).map(Cow::Borrowed))
                .collect();
            let phones: Vec<Cow<'_, str>> = (slots.phones.iter())
                .filter_map(|&i| text_cow(prepared, record, Some(i)))
                .collect();
            let dates = (prepared.minor_dates.earlier, prepared.minor_age.years);
            let channel = prepared.campaign.channel;
            match minors.by_any_address((channel, id), &emails, &phones, dates) {
                Some((kind, minor)) => {
                    minor_by = Some(kind);
                    Some(match minor {
                        Some(m) => contact_key(row.conn(), m)?,
                        None => KEPT_ON_RECORD.to_string(),
                    })
                }
                None => None,
            }
        }
        found => found,
    };
    let outcome = assigner.assign(&ContactFacts {
        key: &key,
        suppressed: suppressed.is_some(),
        consent,
        minor: age.minor || minor_from.is_some(),
        address: address.as_deref(),
        // `inbox` is the inbox form of `refused_address`, which is `address` whenever
        // there is one.
        inbox: address.as_ref().and(inbox.as_deref()),
        matches,
    });
    Ok(Decided {
        id,
        key,
        record,
        suppressed,
        consent,
        consent_stored,
        consent_source,
        consent_from,
        age,
        minor_from,
        minor_by,
        address_field,
        address_stored,
        address,
        address_e164,
        address_line,
        matches,
        outcome,
    })
}
