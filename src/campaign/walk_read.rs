//! What the walk ([`super::walk`]) reads of each contact's row, and into what: the
//! columns it leaves unread (selected as `NULL`, never decoded), the order it reads the
//! others into the record's slots, the text buffers it hands from one contact to the
//! next, and the record's values as text. Split from `walk.rs` by job (issue 13,
//! session 12); behaviour unchanged.

use std::borrow::Cow;

use super::minor_flag::TagCells;
use super::prepare::Prepared;
use super::suppressed::Suppression;
use super::walk::Decided;
use crate::fields::value::{Record, Value};
use crate::fields::{Field, Role};

/// The columns of [`Prepared::columns`] the walk leaves blank. With an empty
/// suppression list and no known minor's address held ([`super::minor_addresses`] reads
/// them too), the E.164 forms of phone fields and the phone cells as written that only
/// the suppression check reads (on the e-mail channel, every one): each was a value
/// checked as UTF-8 and copied per contact for nothing (issue 13, session 9). And a
/// tags field read only as an age field that the scan before the walk found silent
/// (`MinorAddresses::silent`: no value of it says anything of age, so the check reads
/// it as blank without looking): its list was split into the record per contact for
/// nothing (issue 13, session 12). A column that is also the address, an SMS slot,
/// another age field, a merge field or one a caller asked for ([`Prepared::asked`]) is
/// read.
pub(super) fn unread_columns(prepared: &Prepared, suppression: &Suppression) -> Vec<bool> {
    let phones = suppression.is_empty() && !prepared.minor_addresses.any();
    leaves_unread(prepared, phones)
}

/// [`unread_columns`], the phone columns left unread when `phones` says so.
pub(super) fn leaves_unread(prepared: &Prepared, phones: bool) -> Vec<bool> {
    let mut unread = vec![false; prepared.columns.len()];
    let mut leave = |i: usize| {
        if let Some(u) = unread.get_mut(i) {
            *u = true;
        }
    };
    let slots = &prepared.slots;
    // A known minor's address is looked for in every address a contact holds.
    if phones {
        let cells = slots
            .phone_cells
            .iter()
            .flat_map(|&(raw, e164)| [raw, e164]);
        slots
            .phones
            .iter()
            .copied()
            .chain(cells)
            .for_each(&mut leave);
    }
    let silent = |&&(i, role): &&(usize, Role)| {
        role == Role::Tags
            && (prepared.columns.get(i)).is_some_and(|f| prepared.minor_addresses.silent(&f.name))
    };
    let (silent, ages): (Vec<_>, Vec<_>) = slots.ages.iter().partition(silent);
    silent.iter().for_each(|&&(i, _)| leave(i));
    let merged: Vec<String> = prepared
        .entries
        .iter()
        .flat_map(|e| e.message.merge_fields())
        .collect();
    let sms = slots.sms.iter().flat_map(|s| [s.stored, s.e164, s.line]);
    let ages = ages.into_iter().map(|&(i, _)| i);
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
pub(super) struct Spare {
    pub(super) key: String,
    pub(super) address_stored: String,
    pub(super) address: String,
    /// What each tags cell says about age, one memo per age field (`walk_ages`).
    pub(super) tag_cells: Vec<TagCells>,
}

impl Spare {
    /// Take back the buffers of `d`, the contact decided last.
    pub(super) fn recycle(&mut self, d: Decided<'_>) {
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
pub(super) fn text_into(
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
pub(super) struct ReadOrder(pub(super) Vec<usize>);

impl ReadOrder {
    /// The order of `record`'s slots as positions in `columns`.
    pub(super) fn of(record: &Record, columns: &[Field]) -> Self {
        ReadOrder(record.keys().map(|name| column_of(name, columns)).collect())
    }
}

/// The position of field `name` in `columns` (every slot of the walk's record is one;
/// past the end otherwise, which reading reports as an error).
pub(super) fn column_of(name: &str, columns: &[Field]) -> usize {
    columns
        .iter()
        .position(|f| f.name == name)
        .unwrap_or(columns.len())
}

/// The text value of the field at `slot`, borrowed; `None` when blank or not text.
pub(super) fn text_ref<'r>(
    prepared: &Prepared,
    record: &'r Record,
    slot: usize,
) -> Option<&'r str> {
    let f = prepared.columns.get(slot)?;
    match record.get(&f.name)? {
        Value::Text(t) if !t.trim().is_empty() => Some(t.as_str()),
        _ => None,
    }
}

/// The value of the field at `slot` as text (a number as displayed), owned; `None`
/// when blank.
pub(super) fn text_of(prepared: &Prepared, record: &Record, slot: Option<usize>) -> Option<String> {
    let f = prepared.columns.get(slot?)?;
    match record.get(&f.name)? {
        Value::Null => None,
        v => Some(v.display()).filter(|s| !s.trim().is_empty()),
    }
}

/// [`text_of`] without a copy of a text value: borrowed from the record when it is
/// text, displayed otherwise; `None` when blank.
pub(super) fn text_cow<'r>(
    prepared: &Prepared,
    record: &'r Record,
    slot: Option<usize>,
) -> Option<Cow<'r, str>> {
    let f = prepared.columns.get(slot?)?;
    match record.get(&f.name)? {
        Value::Null => None,
        Value::Text(t) => Some(Cow::Borrowed(t.as_str())),
        v => Some(Cow::Owned(v.display())),
    }
    .filter(|s| !s.trim().is_empty())
}
