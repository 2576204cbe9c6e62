//! The one pass over the audience that preview and explanation share: stream every
//! contact in `_id` order, gather the facts assignment needs (suppression, consent,
//! minor, address, segment matches) and let the [`Assigner`] decide.
//!
//! Keeping a single pass for both means `explain` can never disagree with `preview`:
//! the duplicate-address step depends on every earlier contact, so the explanation of
//! one contact walks the audience up to it.
//!
//! SMS addresses are the stored E.164 form of the first phone field
//! (`workspace::phones`), so every spelling of a number is one address; a number the
//! numbering plan knows as a fixed line is no SMS address. An SMS opt-out belongs to
//! the number as well as to the contact (a person texts STOP from a phone): a number
//! whose SMS consent was withdrawn or bounced on one contact is withdrawn for every
//! contact that holds it, with the other contact named as the source.

use std::collections::HashMap;

use super::age::{self, AgeCheck};
use super::assign::{Assigner, ContactFacts, Outcome};
use super::audience::{self, AudienceQuery, AudienceRow};
use super::prepare::{Prepared, PreviewError};
use super::suppressed::{Suppression, SuppressionHit};
use crate::fields::phone::LineType;
use crate::fields::value::{Record, Value};
use crate::fields::{Channel, ConsentState, address};
use crate::workspace::{Workspace, WorkspaceError, phones};

/// Everything assignment decided for one contact, and the facts it decided on.
#[derive(Debug, Clone)]
pub struct Decided<'a> {
    /// The contact's `_id` (workspace order).
    pub id: i64,
    pub key: String,
    /// The contact's values of [`Prepared::columns`].
    pub record: &'a Record,
    pub suppressed: Option<SuppressionHit>,
    pub consent: ConsentState,
    /// The stored consent text and where it came from.
    pub consent_stored: String,
    pub consent_source: Option<String>,
    /// What the minor check decided (minor, age unknown, or neither) and from what.
    pub age: AgeCheck,
    /// The channel address as stored (shown in the preview), if not blank.
    pub address_stored: Option<String>,
    /// The normalised address (lower-case e-mail, E.164 phone), `None` if blank,
    /// invalid, or a fixed line on the SMS channel.
    pub address: Option<String>,
    /// SMS: the stored number's line type, when it parsed.
    pub address_line: Option<LineType>,
    /// Whether each entry's segment matched, in priority order.
    pub matches: &'a [bool],
    pub outcome: Outcome,
}

/// Stream the audience through assignment, calling `each` per contact; `each` returns
/// `Ok(false)` to stop.
///
/// Errors: workspace errors, or the first error of `each`.
pub fn walk(
    ws: &Workspace,
    prepared: &Prepared,
    mut each: impl FnMut(&Decided<'_>) -> Result<bool, PreviewError>,
) -> Result<(), PreviewError> {
    let suppression = Suppression::load(ws.conn())?;
    let opted_out = match prepared.campaign.channel {
        Channel::Sms => phones::sms_opt_outs(ws.conn())?,
        Channel::Email => HashMap::new(),
    };
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
    let mut assigner = Assigner::new(&prepared.campaign.name, prepared.campaign.holdout_pct);
    let mut record: Record = prepared
        .columns
        .iter()
        .map(|f| (f.name.clone(), Value::Null))
        .collect();
    let mut matches = vec![false; rules.len()];
    audience::stream(ws.conn(), &query, |row| {
        for (i, f) in prepared.columns.iter().enumerate() {
            let v = row.value(i)?;
            if let Some(slot) = record.get_mut(&f.name) {
                *slot = v;
            }
        }
        for (j, m) in matches.iter_mut().enumerate() {
            *m = row.matched(j)?;
        }
        let decided = decide(
            row,
            prepared,
            (&suppression, &opted_out),
            &record,
            &matches,
            &mut assigner,
        )?;
        each(&decided)
    })
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
    (suppression, opted_out): (&Suppression, &HashMap<String, (String, String)>),
    record: &'a Record,
    matches: &'a [bool],
    assigner: &mut Assigner,
) -> Result<Decided<'a>, WorkspaceError> {
    let key = row.key()?;
    let slots = &prepared.slots;
    let email = text_of(prepared, record, slots.email);
    let numbers: Vec<String> = slots
        .phones
        .iter()
        .filter_map(|&i| text_of(prepared, record, Some(i)))
        .collect();
    let suppressed = suppression.check(&key, email.as_deref(), &numbers);
    let mut consent_stored = row.consent()?;
    let mut consent_source = row.consent_source()?;
    let age = age_check(prepared, record);
    let address_stored = text_of(prepared, record, slots.address);
    let address_line =
        text_of(prepared, record, slots.address_line).and_then(|l| l.parse::<LineType>().ok());
    let address = match prepared.campaign.channel {
        Channel::Email => address_stored.as_deref().and_then(address::normalise_email),
        Channel::Sms => text_of(prepared, record, slots.address_e164)
            .filter(|_| address_line.is_some_and(LineType::sms_capable)),
    };
    let own_opt_out = consent_stored
        .parse::<ConsentState>()
        .is_ok_and(ConsentState::is_sticky);
    if let Some((other, state)) = text_of(prepared, record, slots.address_e164)
        .and_then(|n| opted_out.get(&n))
        .filter(|(other, _)| *other != key && !own_opt_out)
    {
        consent_source = Some(format!(
            "SMS consent {state} on contact {other}, which holds the same number"
        ));
        consent_stored = state.clone();
    }
    let consent = consent_stored
        .parse::<ConsentState>()
        .unwrap_or(ConsentState::NotAsked);
    let outcome = assigner.assign(&ContactFacts {
        key: &key,
        suppressed: suppressed.is_some(),
        consent,
        minor: age.minor,
        address: address.as_deref(),
        matches,
    });
    Ok(Decided {
        id: row.id()?,
        key,
        record,
        suppressed,
        consent,
        consent_stored,
        consent_source,
        age,
        address_stored,
        address,
        address_line,
        matches,
        outcome,
    })
}

/// The minor check for one contact: every age field of [`Prepared::slots`] read on
/// [`Prepared::minor_as_of`] (the earlier of the as-of date and today), judged against its minor age (see [`super::age`]).
pub fn age_check(prepared: &Prepared, record: &Record) -> AgeCheck {
    let readings = age_values(prepared, record)
        .map(|(_, role, value)| age::read(role, value, prepared.minor_as_of));
    age::assess(readings, prepared.minor_age.years)
}

/// The age fields of `prepared` with the contact's values: (field name, role, value).
pub fn age_values<'a>(
    prepared: &'a Prepared,
    record: &'a Record,
) -> impl Iterator<Item = (&'a str, crate::fields::Role, &'a Value)> + 'a {
    static BLANK: Value = Value::Null;
    prepared.slots.ages.iter().filter_map(|&(i, role)| {
        let f = prepared.columns.get(i)?;
        Some((f.name.as_str(), role, record.get(&f.name).unwrap_or(&BLANK)))
    })
}
