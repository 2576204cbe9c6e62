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
use super::assign::{Assigner, Outcome};
use super::audience::{self, AudienceQuery};
use super::cell_numbers::CellNumbers;
use super::prepare::{Prepared, PreviewError};
use super::suppressed::{Suppression, SuppressionHit};
use super::walk_addresses::WalkAddresses;
pub use super::walk_ages::{age_check, age_values};
use super::walk_decide::decide;
use super::walk_read::{ReadOrder, Spare, leaves_unread, unread_columns};
use crate::fields::phone::LineType;
use crate::fields::value::{Record, Value};
use crate::fields::{Channel, ConsentState};
use crate::workspace::Workspace;

/// Everything assignment decided for one contact, and the facts it decided on.
#[derive(Debug, Clone)]
pub struct Decided<'a> {
    /// The contact's `_id` (workspace order).
    pub id: i64,
    pub key: String,
    /// The contact's values of [`Prepared::columns`] (those no check of this walk
    /// reads are blank: [`unread_columns`]).
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
/// walk and reused for the next (`walk_read::Spare`); `each` may swap them for buffers
/// of its own (the preview's row takes the key and addresses so, without a copy), and
/// the walk reuses whatever buffers it gets back.
///
/// Errors: workspace errors, or the first error of `each`.
pub fn walk(
    ws: &Workspace,
    prepared: &Prepared,
    mut each: impl FnMut(&mut Decided<'_>) -> Result<bool, PreviewError>,
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
    let unread = unread_columns(prepared, &suppression);
    let query = AudienceQuery {
        channel: prepared.campaign.channel,
        columns: &prepared.columns,
        unread: &unread,
        rules: &rules,
    };
    // The refused addresses and those assigned, in one table (`walk_addresses`).
    let mut assigner = Assigner::with_addresses(
        prepared.campaign.holdout_seed(),
        prepared.campaign.holdout_pct,
        WalkAddresses::new(opted_out),
    );
    let mut record: Record = prepared
        .columns
        .iter()
        .map(|f| (f.name.clone(), Value::Null))
        .collect();
    let reading = ReadOrder::of(&record, &prepared.columns);
    let mut matches = vec![false; rules.len()];
    let mut spare = Spare {
        ages_silent: super::walk_ages::all_silent(prepared),
        ..Spare::default()
    };
    audience::stream(ws.conn(), &query, |row| {
        for (slot, &i) in record.values_mut().zip(&reading.0) {
            if !unread.get(i).copied().unwrap_or_default() {
                row.read_into(i, slot)?;
            }
        }
        for (j, m) in matches.iter_mut().enumerate() {
            *m = row.matched(j)?;
        }
        let mut decided = decide(
            row,
            prepared,
            (&suppression, opted_out, &cells),
            (&record, &matches),
            &mut assigner,
            &mut spare,
        )?;
        let go_on = each(&mut decided)?;
        spare.recycle(decided);
        Ok(go_on)
    })
}

/// Which of [`Prepared::columns`] a walk may leave blank in the record it hands on
/// (`true`), whatever the suppression list holds: the phone columns only the
/// suppression and minors' address checks read, and a silent tags field. A caller that
/// needs such a column's value asks for it ([`Prepared::read_also`]) or reads it
/// itself (`review::data::pass`).
pub fn may_leave_unread(prepared: &Prepared) -> Vec<bool> {
    leaves_unread(prepared, true)
}
