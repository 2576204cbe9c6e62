//! A known minor's address is a minor's address: the channel addresses held by every
//! contact the minor check finds to be a minor, for the walk to exclude every other
//! contact holding one of them as `minor` too.
//!
//! A child does not become an adult by appearing twice: a second row with the same
//! inbox and no age (`kid@example.com` aged 12, `Kid@Example.com` blank) would
//! otherwise get the message the first is excluded from (a new-user trial found
//! exactly that). The minor status follows the address as refusals do
//! ([`super::opt_outs`]): the same normal forms ([`each_form`]: the lower-cased e-mail
//! address of every e-mail field, the stored E.164 form of every phone field), read by
//! the same scan before the walk ([`super::prescan`]), which must have seen every
//! contact with an age field before the first contact is decided. `explain` names the
//! minor the status came from. Unlike a refusal, the status holds on every channel: the
//! scan also keeps each minor's addresses of the other channel, and the walk looks up
//! every address a contact holds ([`MinorAddresses::by_any_address`], trial 4, N8).

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Row};

use super::age::{self, AgeDates, AgeReading};
use super::opt_outs::each_form;
use super::refused::RefusedAddresses;
use crate::fields::value::Value;
use crate::fields::{Channel, Field, FieldType, Role};
use crate::workspace::keyed_hash::HashKey;
use crate::workspace::{WorkspaceError, kept_minors};

/// The addresses of one channel held by known minors: normalised address → the `_id`
/// of the first minor (in `_id` order) holding it; and the known minors' addresses
/// kept on record after `import undo` (`workspace::kept_minors`).
#[derive(Debug, Default)]
pub struct MinorAddresses {
    held: RefusedAddresses<i64>,
    /// The other channel's addresses of known minors: a minor is a minor on every
    /// channel, so an e-mail campaign excludes a contact holding a minor's phone number
    /// and the other way round (trial 4, N8).
    other: RefusedAddresses<i64>,
    /// The workspace's hash key and each kept hash's birth date bound; `None` when
    /// nothing is kept (the usual case: no hash per contact).
    kept: Option<(HashKey, HashMap<String, NaiveDate>)>,
    /// The tags fields none of whose stored values says anything about age, as the
    /// scan found them through their indexes (`super::prescan`), in the snapshot the
    /// walk reads too.
    silent: Vec<String>,
}

/// What `minor_from` says (in place of a contact key) when the minor status comes from
/// an address kept on record after an undo ([`MinorAddresses::kept_minor`]).
pub const KEPT_ON_RECORD: &str = "(kept on record after an import undo)";

impl MinorAddresses {
    /// The `_id` of a known minor other than the contact with `_id` `id` that holds
    /// `address` (normalised as [`each_form`] gives it), if any.
    pub fn other_minor(&self, address: &str, id: i64) -> Option<i64> {
        self.held.get(address).copied().filter(|&m| m != id)
    }

    /// Whether no contact's value of tags field `field` says anything about age (every
    /// distinct value read blank): the walk, in the same snapshot as the scan, need not
    /// read it for the minor check (issue 13).
    pub fn silent(&self, field: &str) -> bool {
        self.silent.iter().any(|f| f == field)
    }

    /// The `_id` of a known minor other than `id` that holds `address` of the other
    /// channel than the campaign's (normalised as [`each_form`] gives it), if any.
    pub fn other_channel_minor(&self, address: &str, id: i64) -> Option<i64> {
        self.other.get(address).copied().filter(|&m| m != id)
    }

    /// Whether any known minor's address is held, on either channel or on record: when
    /// none is, the walk skips reading a contact's other addresses.
    pub fn any(&self) -> bool {
        !self.held.is_empty() || !self.other.is_empty() || self.kept.is_some()
    }

    /// The known minor behind any of a contact's addresses (`emails`: the stored values
    /// of its e-mail fields, the first and every other, each read in every form
    /// [`each_form`] gives: `Kid <KID@x.org>` is `kid@x.org`; `phones`: the E.164 forms
    /// of its phone fields), whatever the campaign's channel: `(channel of the address, minor's _id or None for one kept on record)`.
    /// The contact with `_id` `id` itself does not count.
    pub fn by_any_address(
        &self,
        (channel, id): (Channel, i64),
        emails: &[Cow<'_, str>],
        phones: &[Cow<'_, str>],
        (on, minor_age): (NaiveDate, u32),
    ) -> Option<(Channel, Option<i64>)> {
        let mut forms: Vec<(Channel, Cow<'_, str>)> = (phones.iter())
            .map(|p| (Channel::Sms, Cow::Borrowed(p.as_ref())))
            .collect();
        for stored in emails {
            each_form(Channel::Email, stored, |f| {
                forms.push((Channel::Email, Cow::Owned(f.to_string())))
            });
        }
        let held = |kind: Channel, form: &str| match kind == channel {
            true => self.other_minor(form, id),
            false => self.other_channel_minor(form, id),
        };
        let minor = forms
            .iter()
            .find_map(|(kind, form)| held(*kind, form).map(|m| (*kind, Some(m))));
        minor.or_else(|| {
            forms
                .iter()
                .find(|(kind, form)| self.kept_minor(*kind, form, on, minor_age))
                .map(|(kind, _)| (*kind, None))
        })
    }

    /// Read the known minors' addresses kept on record (`workspace::kept_minors`).
    ///
    /// Errors: workspace errors.
    pub fn load_kept(&mut self, conn: &Connection) -> Result<(), WorkspaceError> {
        let kept = kept_minors::all(conn)?;
        self.kept = match kept.is_empty() {
            true => None,
            false => Some((HashKey::load(conn)?, kept)),
        };
        Ok(())
    }

    /// Whether `address` of `channel` (an e-mail address in normal or inbox form, or
    /// an E.164 number) was kept on record as a known minor's who is still under
    /// `minor_age` on `on`: the kept birth date bound is the latest the removed values
    /// allowed, so the age read from it is the youngest plausible one.
    pub fn kept_minor(
        &self,
        channel: Channel,
        address: &str,
        on: NaiveDate,
        minor_age: u32,
    ) -> bool {
        let Some((key, kept)) = &self.kept else {
            return false;
        };
        let kind = match channel {
            Channel::Email => "email",
            Channel::Sms => "phone",
        };
        kept.get(&key.hash(kind, address))
            .is_some_and(|&born| on.years_since(born).is_none_or(|age| age < minor_age))
    }
}

/// Reads the [`MinorAddresses`] of one channel from a scan of the contacts that
/// selects each contact's age fields ([`MinorReader::fields`], raw) and its address
/// columns as text (those of [`super::opt_outs::OptOutReader::columns`]).
#[derive(Debug)]
pub struct MinorReader {
    channel: Channel,
    /// The age fields, as the walk reads them (`Prepared::slots`).
    fields: Vec<Field>,
    dates: AgeDates,
    minor_age: u32,
    out: MinorAddresses,
}

impl MinorReader {
    /// A reader for `channel` that judges `fields` (date of birth, birth year, age)
    /// on `dates` against `minor_age`, as the walk does ([`super::walk::age_check`]).
    pub fn new(channel: Channel, fields: Vec<Field>, dates: AgeDates, minor_age: u32) -> Self {
        MinorReader {
            channel,
            fields,
            dates,
            minor_age,
            out: MinorAddresses::default(),
        }
    }

    /// The age fields to select for each contact, in workspace order.
    pub fn fields(&self) -> &[Field] {
        &self.fields
    }

    /// Whether the contact of `row` is a known minor, its age fields
    /// ([`MinorReader::fields`]) being selected from column `at` on.
    ///
    /// Errors: a column missing from the row.
    pub fn is_minor(&self, row: &Row<'_>, at: usize) -> Result<bool, WorkspaceError> {
        let mut readings = Vec::with_capacity(self.fields.len());
        for (i, f) in self.fields.iter().enumerate() {
            readings.push(self.reading(f, row.get_ref(at + i)?));
        }
        Ok(age::assess(readings, self.minor_age).minor)
    }

    /// Whether stored value `raw` of age field `f` alone makes its contact a known
    /// minor. The youngest plausible age of any field decides (`super::age::assess`),
    /// so a contact is a known minor exactly when one of its age fields says so: the
    /// scan before the walk finds the minors of an indexed field by judging each
    /// distinct value once ([`super::prescan`]).
    pub fn says_minor(&self, f: &Field, raw: ValueRef<'_>) -> bool {
        age::assess([self.reading(f, raw)], self.minor_age).minor
    }

    /// What stored value `raw` of age field `f` says, as the walk reads it.
    pub fn reading(&self, f: &Field, raw: ValueRef<'_>) -> AgeReading {
        // A list of tags is read in place: every contact has one, most say nothing of
        // age. (Tags held as text are split as the walk splits them: `read_field`.)
        if let (Role::Tags, FieldType::List, ValueRef::Text(text)) = (f.role, f.ty, raw)
            && let Ok(text) = std::str::from_utf8(text)
        {
            return super::minor_flag::read_stored_tags(text);
        }
        let value = Value::from_sql(f.ty, raw);
        super::minor_flag::read_field(&f.name, f.role, &value, self.dates).0
    }

    /// Hold `value`, the value of one of a known minor's address columns as text (NULL
    /// holds no address), for the minor with `_id` `id`.
    ///
    /// Errors: a value that is not UTF-8 text.
    pub fn add(&mut self, id: i64, value: ValueRef<'_>) -> Result<(), WorkspaceError> {
        if value == ValueRef::Null {
            return Ok(());
        }
        let value = value.as_str().map_err(rusqlite::Error::from)?;
        let held = &mut self.out.held;
        // The scan reads in `_id` order: the first minor holding an address stays.
        each_form(self.channel, value, |form| held.insert(form, id, |_| false));
        Ok(())
    }

    /// Note that no value of tags field `field` says anything about age
    /// ([`MinorAddresses::silent`]).
    pub fn silent(&mut self, field: &str) {
        self.out.silent.push(field.to_string());
    }

    /// Hold `value`, the value of one of a known minor's address columns of the other
    /// channel ([`other_channel`]) as text, for the minor with `_id` `id`.
    ///
    /// Errors: a value that is not UTF-8 text.
    pub fn add_other(&mut self, id: i64, value: ValueRef<'_>) -> Result<(), WorkspaceError> {
        if value == ValueRef::Null {
            return Ok(());
        }
        let value = value.as_str().map_err(rusqlite::Error::from)?;
        let other = &mut self.out.other;
        each_form(other_channel(self.channel), value, |form| {
            other.insert(form, id, |_| false)
        });
        Ok(())
    }

    /// The channel this reader reads addresses for.
    pub fn channel(&self) -> Channel {
        self.channel
    }

    /// The addresses read.
    pub fn finish(self) -> MinorAddresses {
        self.out
    }
}

/// The channel other than `channel`.
pub fn other_channel(channel: Channel) -> Channel {
    match channel {
        Channel::Email => Channel::Sms,
        Channel::Sms => Channel::Email,
    }
}
