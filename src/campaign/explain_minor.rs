//! The minor check in an explanation: every age field of one contact that holds a
//! value, what it says on the as-of date, and which field decided (issue: "explain says
//! which signal decided"). Split from [`super::explain`], which calls it for step 3 and
//! for the explanation's `minor_check`.

use chrono::NaiveDate;
use serde::Serialize;

use super::age::{self, AgeReading};
use super::minor_age::MinorAge;
use super::prepare::Prepared;
use super::walk::age_values;
use crate::fields::Channel;
use crate::fields::value::Record;

/// The minor check for the contact: every age field that holds a value, what it says,
/// and which one decided.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgeTrace {
    /// The campaign's minor age and where it comes from.
    pub minor_age: MinorAge,
    /// The youngest plausible age any age field allows on the dates ages are read on.
    pub youngest: Option<i64>,
    /// The date `youngest` was read on: the earlier of the as-of date and today, or
    /// today for a value after a past as-of date ([`age::read_dated`]).
    pub youngest_on: Option<NaiveDate>,
    /// The field that gave `youngest` (the first, when several agree).
    pub decided_by: Option<String>,
    pub minor: bool,
    /// Some age field holds a value that is not a plausible age and no other makes the
    /// contact a minor: the check could not judge it.
    pub age_unknown: bool,
    /// Each age field that is not blank, in words, in workspace order.
    pub signals: Vec<String>,
    /// The key of the known minor whose address the contact holds, when that (not the
    /// contact's own age fields) makes it a minor ([`super::minor_addresses`]).
    pub minor_from: Option<String>,
}

/// The minor check of one contact, field by field; `minor_from` is the walk's
/// [`super::walk::Decided::minor_from`].
pub fn age_trace(p: &Prepared, record: &Record, minor_from: Option<&str>) -> AgeTrace {
    let values: Vec<_> = age_values(p, record).collect();
    let dated: Vec<(AgeReading, NaiveDate)> = values
        .iter()
        .map(|(name, role, v)| super::minor_flag::read_field(name, *role, v, p.minor_dates))
        .collect();
    let readings: Vec<AgeReading> = dated.iter().map(|(r, _)| *r).collect();
    let check = age::assess(readings.iter().copied(), p.minor_age.years);
    let earlier = p.minor_dates.earlier;
    AgeTrace {
        minor_age: p.minor_age.clone(),
        youngest: check.youngest.map(|(y, _)| y),
        youngest_on: check.youngest.and_then(|(_, i)| dated.get(i)).map(|d| d.1),
        decided_by: check
            .youngest
            .and_then(|(_, i)| values.get(i))
            .map(|(name, _, _)| name.to_string()),
        minor: check.minor || minor_from.is_some(),
        age_unknown: check.unknown() && minor_from.is_none(),
        signals: values
            .iter()
            .zip(&dated)
            .filter(|(_, (r, _))| *r != AgeReading::Blank)
            .map(|((name, role, v), (r, on))| {
                let words = age::describe(name, *role, v, *r);
                match r {
                    AgeReading::Years { .. } if *on != earlier => {
                        format!("{words} on {on} (it is after the as-of date {earlier})")
                    }
                    _ => words,
                }
            })
            .collect(),
        minor_from: minor_from.map(str::to_string),
    }
}

/// Step 3's detail: every age field that holds a value, then the verdict.
/// `minor_by`: the channel of the address the status came by, when another contact's.
pub(crate) fn minor_detail(
    p: &Prepared,
    record: &Record,
    minor_from: Option<&str>,
    minor_by: Option<Channel>,
) -> String {
    let t = age_trace(p, record, minor_from);
    let limit = t.minor_age.describe();
    let earlier = p.minor_dates.earlier;
    let held = match minor_by.unwrap_or(p.campaign.channel) {
        Channel::Email => "e-mail address",
        Channel::Sms => "phone number",
    };
    if t.minor_from.as_deref() == Some(super::minor_addresses::KEPT_ON_RECORD) {
        return format!(
            "holds the {held} of a known minor kept on record when the import that held their age was undone, so it is excluded as one; minor age {limit}"
        );
    }
    if p.slots.ages.is_empty() {
        return "no date of birth, birth year or age field: not a known minor".to_string();
    }
    let verdict = match (&t.youngest, &t.decided_by) {
        _ if t.minor_from.is_some() => format!(
            "holds the same {held} as contact {}, a known minor, so it is excluded as one; minor age {limit}",
            t.minor_from.as_deref().unwrap_or_default()
        ),
        (Some(y), Some(field)) if t.minor => format!(
            "the youngest plausible age on {}, {y} (field `{field}`), is under the minor age {limit}: a known minor",
            t.youngest_on.unwrap_or(earlier)
        ),
        _ if t.age_unknown => format!(
            "age unknown: a field holds a value that is not a plausible age, so the minor check cannot judge this contact (review counts it); minor age {limit}"
        ),
        (Some(y), Some(field)) => format!(
            "the youngest plausible age on {}, {y} (field `{field}`), is not under the minor age {limit}",
            t.youngest_on.unwrap_or(earlier)
        ),
        _ => format!("no date of birth, birth year or age: not a known minor; minor age {limit}"),
    };
    if t.signals.is_empty() {
        return verdict;
    }
    format!("{}; {verdict}", t.signals.join("; "))
}
