//! The walk's minor check of one contact ([`super::walk`]): every age field of
//! [`Prepared::slots`] read on [`Prepared::minor_dates`] and judged against the
//! campaign's minor age ([`super::age`]).
//!
//! A list tags field is an age field too (a tag `teen` or `u16` names an age group) and
//! every contact holds one, so the walk reads what its stored cell says through a memo
//! per field ([`TagCells`]): the same reading as of the record's list, one look-up per
//! contact instead of a parse or a look-up per tag (issue 13, session 11). A tags field
//! the scan before the walk found silent, every distinct value read from its index
//! saying nothing of age (`MinorAddresses::silent`), is not read at all: the scan and
//! the walk read one snapshot (`workspace::snapshot`), so no contact's value can
//! differ between them.

use super::age::{self, AgeCheck, AgeReading};
use super::audience::AudienceRow;
use super::minor_flag::{TagCells, read_field};
use super::prepare::Prepared;
use crate::fields::value::{Record, Value};
use crate::fields::{FieldType, Role};

/// The minor check for one contact: every age field of [`Prepared::slots`] read on
/// [`Prepared::minor_dates`] (the as-of date when earlier, and today), judged against
/// its minor age (see [`super::age`]).
pub fn age_check(prepared: &Prepared, record: &Record) -> AgeCheck {
    let readings = age_values(prepared, record)
        .map(|(name, role, value)| read_field(name, role, value, prepared.minor_dates).0);
    age::assess(readings, prepared.minor_age.years)
}

/// [`age_check`] of the contact of `row`, whose values of [`Prepared::columns`] are
/// `record`: a list tags field is read from its stored text through `cells` (one memo
/// per age field, kept from contact to contact), which reads it as
/// [`super::minor_flag::read_tags`] reads the list the record holds.
pub(super) fn age_check_row(
    prepared: &Prepared,
    record: &Record,
    row: &AudienceRow<'_, '_>,
    cells: &mut Vec<TagCells>,
) -> AgeCheck {
    cells.resize_with(prepared.slots.ages.len(), TagCells::default);
    let slots = prepared.slots.ages.iter().zip(cells.iter_mut());
    let readings = slots.filter_map(|(&slot, memo)| reading(prepared, record, row, slot, memo));
    age::assess(readings, prepared.minor_age.years)
}

/// Whether every age field of `prepared` is a tags field the scan before the walk found
/// silent (or no column of the walk): [`age_check_row`] then reads every contact as
/// blank, [`AgeCheck::default`], and the walk need not ask it per contact (issue 13,
/// session 13: the bench's only age field is such a tags field).
pub(super) fn all_silent(prepared: &Prepared) -> bool {
    let silent = |&(i, role): &(usize, Role)| match prepared.columns.get(i) {
        None => true,
        Some(f) => role == Role::Tags && prepared.minor_addresses.silent(&f.name),
    };
    prepared.slots.ages.iter().all(silent)
}

/// What age field `slot` (position in [`Prepared::columns`], role) of the contact of
/// `row` says; `None` when the slot is no column (as [`age_values`] skips it).
fn reading(
    prepared: &Prepared,
    record: &Record,
    row: &AudienceRow<'_, '_>,
    (i, role): (usize, Role),
    memo: &mut TagCells,
) -> Option<AgeReading> {
    static BLANK: Value = Value::Null;
    let f = prepared.columns.get(i)?;
    if role == Role::Tags {
        // Every value of the field read blank in this snapshot (`prescan`).
        if prepared.minor_addresses.silent(&f.name) {
            return Some(AgeReading::Blank);
        }
        if f.ty == FieldType::List
            && let Some(stored) = row.stored_text(i)
        {
            return Some(memo.read(stored));
        }
    }
    let value = record.get(&f.name).unwrap_or(&BLANK);
    Some(read_field(&f.name, role, value, prepared.minor_dates).0)
}

/// The age fields of `prepared` with the contact's values: (field name, role, value).
pub fn age_values<'a>(
    prepared: &'a Prepared,
    record: &'a Record,
) -> impl Iterator<Item = (&'a str, Role, &'a Value)> + 'a {
    static BLANK: Value = Value::Null;
    prepared.slots.ages.iter().filter_map(|&(i, role)| {
        let f = prepared.columns.get(i)?;
        Some((f.name.as_str(), role, record.get(&f.name).unwrap_or(&BLANK)))
    })
}
