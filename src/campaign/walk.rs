//! The one pass over the audience that preview and explanation share: stream every
//! contact in `_id` order, gather the facts assignment needs (suppression, consent,
//! minor, address, segment matches) and let the [`Assigner`] decide.
//!
//! Keeping a single pass for both means `explain` can never disagree with `preview`:
//! the duplicate-address step depends on every earlier contact, so the explanation of
//! one contact walks the audience up to it.

use super::age::{self, AgeCheck};
use super::assign::{Assigner, ContactFacts, Outcome};
use super::prepare::{Prepared, PreviewError};
use super::suppressed::{Suppression, SuppressionHit};
use crate::fields::value::{Record, Value};
use crate::fields::{Channel, ConsentState, address};
use crate::workspace::audience::{self, AudienceQuery, AudienceRow};
use crate::workspace::{Workspace, WorkspaceError};

/// Everything assignment decided for one contact, and the facts it decided on.
#[derive(Debug, Clone)]
pub struct Decided<'a> {
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
    /// The normalised address, `None` if blank or invalid.
    pub address: Option<String>,
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
            &suppression,
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
    suppression: &Suppression,
    record: &'a Record,
    matches: &'a [bool],
    assigner: &mut Assigner,
) -> Result<Decided<'a>, WorkspaceError> {
    let key = row.key()?;
    let slots = &prepared.slots;
    let email = text_of(prepared, record, slots.email);
    let phone = text_of(prepared, record, slots.phone);
    let suppressed = suppression.check(&key, email.as_deref(), phone.as_deref());
    let consent_stored = row.consent()?;
    let consent = consent_stored
        .parse::<ConsentState>()
        .unwrap_or(ConsentState::NotAsked);
    let age = age_check(prepared, record);
    let address_stored = text_of(prepared, record, slots.address);
    let address = address_stored
        .as_deref()
        .and_then(|a| match prepared.campaign.channel {
            Channel::Email => address::normalise_email(a),
            Channel::Sms => address::normalise_phone(a),
        });
    let outcome = assigner.assign(&ContactFacts {
        key: &key,
        suppressed: suppressed.is_some(),
        consent,
        minor: age.minor,
        address: address.as_deref(),
        matches,
    });
    Ok(Decided {
        key,
        record,
        suppressed,
        consent,
        consent_stored,
        consent_source: row.consent_source()?,
        age,
        address_stored,
        address,
        matches,
        outcome,
    })
}

/// The minor check for one contact: every age field of [`Prepared::slots`] read as of
/// the campaign's as-of date, judged against its minor age (see [`super::age`]).
pub fn age_check(prepared: &Prepared, record: &Record) -> AgeCheck {
    let readings =
        age_values(prepared, record).map(|(_, role, value)| age::read(role, value, prepared.as_of));
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
