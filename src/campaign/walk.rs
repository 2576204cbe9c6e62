//! The one pass over the audience that preview and explanation share: stream every
//! contact in `_id` order, gather the facts assignment needs (suppression, consent,
//! minor, address, segment matches) and let the [`Assigner`] decide.
//!
//! Keeping a single pass for both means `explain` can never disagree with `preview`:
//! the duplicate-address step depends on every earlier contact, so the explanation of
//! one contact walks the audience up to it.
//!
//! SMS addresses are the stored E.164 form of the contact's first phone field with a
//! value (`workspace::phones`; own numbers before a postal address's, see
//! `prepare::Slots::sms`), so every spelling of a number is one address; a number the
//! numbering plan knows as a fixed line is no SMS address. A refusal belongs to the
//! address as well as to the contact, on both channels ([`super::opt_outs`]): an
//! address whose consent was declined, withdrawn or bounced on one contact is refused
//! for every contact that holds it, with the other contact named as the source; so is
//! the address of a known minor ([`super::minor_addresses`]).

use std::borrow::Cow;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::age::AgeCheck;
use super::assign::{Assigner, ContactFacts, Outcome};
use super::audience::{self, AudienceQuery, AudienceRow};
use super::cell_numbers::CellNumbers;
use super::minor_addresses::KEPT_ON_RECORD;
use super::minor_flag::TagCells;
use super::opt_outs::{AddressOptOuts, contact_key};
use super::other_emails;
use super::prepare::{Prepared, PreviewError};
use super::suppressed::{Suppression, SuppressionHit};
pub use super::walk_ages::{age_check, age_values};
use crate::fields::phone::{self, LineType};
use crate::fields::value::{Record, Value};
use crate::fields::{Channel, ConsentState, Field, address};
use crate::import::upsert::REFUSED;
use crate::workspace::{Workspace, WorkspaceError};

/// Everything assignment decided for one contact, and the facts it decided on.
#[derive(Debug, Clone)]
pub struct Decided<'a> {
    /// The contact's `_id` (workspace order).
    pub id: i64,
    pub key: String,
    /// The contact's values of [`Prepared::columns`] (those only the suppression
    /// check reads are blank when the list is empty: [`unread_columns`]).
    pub record: &'a Record,
    pub suppressed: Option<SuppressionHit>,
    pub consent: ConsentState,
    /// The stored consent text and where it came from (a statement's source is shared
    /// by the contacts of one import, not copied per contact).
    pub consent_stored: Cow<'static, str>,
    pub consent_source: Option<Rc<str>>,
    /// The contact whose refusal holds for this contact's address, when the consent
    /// is another contact's ([`super::opt_outs`]); its evidence is the one to show.
    pub consent_from: Option<String>,
    /// What the minor check decided (minor, age unknown, or neither) and from what.
    pub age: AgeCheck,
    /// The known minor whose address this contact holds, when the contact is no known
    /// minor itself ([`super::minor_addresses`]): it is excluded as a minor all the same.
    pub minor_from: Option<String>,
    /// The channel of the address that `minor_from` came by (a minor's phone number
    /// makes a contact a minor in an e-mail campaign too).
    pub minor_by: Option<Channel>,
    /// The position in [`Prepared::columns`] of the field the address was read from
    /// (SMS: the first phone field with a value), `None` when the workspace has none.
    pub address_field: Option<usize>,
    /// The channel address as stored (shown in the preview), if not blank.
    pub address_stored: Option<String>,
    /// The normalised address (lower-case e-mail, E.164 phone), `None` if blank,
    /// invalid, or a fixed line on the SMS channel.
    pub address: Option<String>,
    /// SMS: the stored number's E.164 form whatever its line type, when it parsed.
    pub address_e164: Option<String>,
    /// SMS: the stored number's line type, when it parsed.
    pub address_line: Option<LineType>,
    /// Whether each entry's segment matched, in priority order.
    pub matches: &'a [bool],
    pub outcome: Outcome,
}

/// Walks started by this process (every [`walk`], whatever it was for).
static STARTED: AtomicU64 = AtomicU64::new(0);

/// How many walks of the audience this process has started: tests count walks with it
/// (a reused walk starts none; issue 13), never with a clock.
pub fn started() -> u64 {
    STARTED.load(Ordering::Relaxed)
}

/// Stream the audience through assignment, calling `each` per contact; `each` returns
/// `Ok(false)` to stop. The strings of one contact's [`Decided`] are handed back to the
/// walk and reused for the next ([`Spare`]).
///
/// Errors: workspace errors, or the first error of `each`.
pub fn walk(
    ws: &Workspace,
    prepared: &Prepared,
    mut each: impl FnMut(&Decided<'_>) -> Result<bool, PreviewError>,
) -> Result<(), PreviewError> {
    STARTED.fetch_add(1, Ordering::Relaxed);
    let suppression = Suppression::load(ws.conn())?;
    let cells = CellNumbers::new(ws.conn());
    let opted_out = &prepared.opt_outs;
    let rules: Vec<_> = prepared
        .entries
        .iter()
        .map(|e| e.compiled.clone())
        .collect();
    let query = AudienceQuery {
        channel: prepared.campaign.channel,
        columns: &prepared.columns,
        rules: &rules,
    };
    let mut assigner = Assigner::new(
        prepared.campaign.holdout_seed(),
        prepared.campaign.holdout_pct,
    );
    let mut record: Record = prepared
        .columns
        .iter()
        .map(|f| (f.name.clone(), Value::Null))
        .collect();
    let reading = ReadOrder::of(&record, &prepared.columns);
    let unread = unread_columns(prepared, &suppression);
    let mut matches = vec![false; rules.len()];
    let mut spare = Spare::default();
    audience::stream(ws.conn(), &query, |row| {
        for (slot, &i) in record.values_mut().zip(&reading.0) {
            if !unread.get(i).copied().unwrap_or_default() {
                row.read_into(i, slot)?;
            }
        }
        for (j, m) in matches.iter_mut().enumerate() {
            *m = row.matched(j)?;
        }
        let decided = decide(
            row,
            prepared,
            (&suppression, opted_out, &cells),
            (&record, &matches),
            &mut assigner,
            &mut spare,
        )?;
        let go_on = each(&decided)?;
        spare.recycle(decided);
        Ok(go_on)
    })
}

/// The columns of [`Prepared::columns`] the walk leaves blank: with an empty
/// suppression list and no known minor's address held ([`super::minor_addresses`] reads
/// them too), the E.164 forms of phone fields and the phone cells as written that only
/// the suppression check reads (on the e-mail channel, every one). Each was a value
/// checked as UTF-8 and copied per contact for nothing (issue 13, session 9). A column
/// that is also the address, an SMS slot, an age, a merge field or one a caller asked
/// for ([`Prepared::asked`]) is read.
fn unread_columns(prepared: &Prepared, suppression: &Suppression) -> Vec<bool> {
    let mut unread = vec![false; prepared.columns.len()];
    // A known minor's address is looked for in every address a contact holds.
    if !suppression.is_empty() || prepared.minor_addresses.any() {
        return unread;
    }
    let slots = &prepared.slots;
    let cells = slots
        .phone_cells
        .iter()
        .flat_map(|&(raw, e164)| [raw, e164]);
    for i in slots.phones.iter().copied().chain(cells) {
        if let Some(u) = unread.get_mut(i) {
            *u = true;
        }
    }
    let merged: Vec<String> = prepared
        .entries
        .iter()
        .flat_map(|e| e.message.merge_fields())
        .collect();
    let sms = slots.sms.iter().flat_map(|s| [s.stored, s.e164, s.line]);
    let ages = slots.ages.iter().map(|&(i, _)| i);
    let merge = prepared
        .columns
        .iter()
        .enumerate()
        .filter(|(_, f)| merged.contains(&f.name))
        .map(|(i, _)| i);
    let read = [slots.address, slots.email]
        .into_iter()
        .flatten()
        .chain(sms)
        .chain(ages)
        .chain(merge)
        .chain(prepared.asked.iter().copied());
    for i in read {
        if let Some(u) = unread.get_mut(i) {
            *u = false;
        }
    }
    unread
}

/// The text buffers of the contact decided last, for the next one: a walk of a million
/// contacts fills three buffers instead of allocating and freeing three strings per
/// contact (issue 13); and the tags cells read so far.
#[derive(Default)]
struct Spare {
    key: String,
    address_stored: String,
    address: String,
    /// What each tags cell says about age, one memo per age field (`walk_ages`).
    tag_cells: Vec<TagCells>,
}

impl Spare {
    fn recycle(&mut self, d: Decided<'_>) {
        self.key = d.key;
        if let Some(s) = d.address_stored {
            self.address_stored = s;
        }
        if let Some(s) = d.address {
            self.address = s;
        }
    }
}

/// The value of the field at `slot` of [`Prepared::columns`] as text, written into
/// `buffer`; `None` when blank.
fn text_into(
    prepared: &Prepared,
    record: &Record,
    slot: Option<usize>,
    mut buffer: String,
) -> Option<String> {
    let f = prepared.columns.get(slot?)?;
    buffer.clear();
    match record.get(&f.name)? {
        Value::Null => return None,
        Value::Text(t) => buffer.push_str(t),
        v => buffer.push_str(&v.display()),
    }
    (!buffer.trim().is_empty()).then_some(buffer)
}

/// The position in [`Prepared::columns`] of each of a record's slots, in the order the
/// record's map visits them. The walk reads each row into the slots in this order, so
/// no field name is hashed per value and contact (issue 13: 6 % of a preview). The
/// walk never adds or removes a slot, and a map visits its entries in the same order
/// until one is added or removed, so the names are matched once, here, not per value
/// (issue 13, session 9: a string comparison per value and contact).
struct ReadOrder(Vec<usize>);

impl ReadOrder {
    fn of(record: &Record, columns: &[Field]) -> Self {
        ReadOrder(record.keys().map(|name| column_of(name, columns)).collect())
    }
}

/// The position of field `name` in `columns` (every slot of the walk's record is one;
/// past the end otherwise, which reading reports as an error).
fn column_of(name: &str, columns: &[Field]) -> usize {
    columns
        .iter()
        .position(|f| f.name == name)
        .unwrap_or(columns.len())
}

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
    for &(raw, e164) in &prepared.slots.phone_cells {
        if let Some(cell) = text_ref(prepared, record, raw)
            && phone::several::splits(cell)
        {
            let stored = text_of(prepared, record, Some(e164));
            others.extend(cells.others(cell, stored.as_deref())?);
        }
    }
    Ok(others.into_iter().find_map(|number| {
        suppression
            .check("", None, std::slice::from_ref(&number))
            .filter(|hit| sms || hit.reason != REFUSED)
    }))
}

/// The text value of the field at `slot`, borrowed; `None` when blank or not text.
fn text_ref<'r>(prepared: &Prepared, record: &'r Record, slot: usize) -> Option<&'r str> {
    let f = prepared.columns.get(slot)?;
    match record.get(&f.name)? {
        Value::Text(t) if !t.trim().is_empty() => Some(t.as_str()),
        _ => None,
    }
}

fn text_of(prepared: &Prepared, record: &Record, slot: Option<usize>) -> Option<String> {
    let f = prepared.columns.get(slot?)?;
    match record.get(&f.name)? {
        Value::Null => None,
        v => Some(v.display()).filter(|s| !s.trim().is_empty()),
    }
}

fn decide<'a>(
    row: &AudienceRow<'_, '_>,
    prepared: &Prepared,
    (suppression, opted_out, cells): (&Suppression, &AddressOptOuts, &CellNumbers<'_>),
    (record, matches): (&'a Record, &'a [bool]),
    assigner: &mut Assigner,
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
    let age = super::walk_ages::age_check_row(prepared, record, row, &mut spare.tag_cells);
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
    // SMS: a refusal recorded for any other number of the cell the message would go
    // to holds too ([`CellNumbers`]): the person said no from that handset.
    let cell_others = match (prepared.campaign.channel, &address_stored) {
        (Channel::Sms, Some(cell)) => cells.others(cell, address_e164.as_deref())?,
        _ => Vec::new(),
    };
    if let Some(other) = forms()
        .chain(cell_others.iter().map(String::as_str))
        .find_map(|a| opted_out.other_refusal(a, id, consent))
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
            let email = text_of(prepared, record, slots.email);
            let phones: Vec<String> = (slots.phones.iter())
                .filter_map(|&i| text_of(prepared, record, Some(i)))
                .collect();
            let dates = (prepared.minor_dates.earlier, prepared.minor_age.years);
            let channel = prepared.campaign.channel;
            match minors.by_any_address((channel, id), email.as_deref(), &phones, dates) {
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
