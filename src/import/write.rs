//! One prepared row into the workspace: link it to the person it names
//! ([`identity`]), insert or merge its contact (consent decided by [`super::upsert`]),
//! fold its order line, and count what it was; age values that disagree with the
//! contact's are merged by [`super::ages`]. Called by [`super::load`] for every
//! row, in file order, inside its transaction.

use std::borrow::Cow;

use rusqlite::types::Value as Sql;

use super::ImportError;
use super::Rejected;
use super::ages::AgeMerge;
use super::analyse::Analysis;
use super::consent::row::Statement;
use super::identity::{self, Link, Linking};
use super::key::KeySource;
use super::latest_order::LatestValues;
use super::orders::Fold;
use super::prepare::{AgeMark, Prepared};
use super::report::PhoneReport;
use super::upsert::ConsentWriter;
use crate::fields::Channel;
use crate::workspace::WorkspaceError;
use crate::workspace::contacts::{AgeWord, ContactWriter, Existing, Incoming};

/// What the rows of one file did, for the report.
#[derive(Debug, Default)]
pub struct Counts {
    pub imported: u64,
    pub added: u64,
    pub updated: u64,
    pub duplicates: u64,
    pub skipped_erased: u64,
    pub rejected: Vec<Rejected>,
    /// Phone numbers parsed, fixed lines and the values that are no number (the
    /// region fields are the caller's).
    pub phones: PhoneReport,
    pub keyed_by_phone: u64,
}

/// Write one prepared row. The text values of a contact's row go into `spent` once
/// written, for the reader to clean later rows into ([`super::ahead`]).
///
/// Errors: workspace errors.
pub fn write_prepared(
    (writer, consent_writer): (&mut ContactWriter<'_>, &mut ConsentWriter<'_>),
    analysis: &Analysis,
    batch: i64,
    prepared: Prepared,
    (linking, fold, ages): (&mut Linking, &mut Fold, &mut AgeMerge),
    (counts, spent): (&mut Counts, &mut Vec<String>),
) -> Result<(), ImportError> {
    match prepared {
        Prepared::Contact {
            key,
            line,
            mut values,
            consent,
            age,
            order,
            phones,
            unread,
        } => {
            // A refusal of a cell's other numbers (`07911 123456 / 07700 900123`)
            // holds for them too: they are not stored, so they go on the list.
            if consent[1].said.is_some_and(|s| s.state.is_refusal()) {
                consent_writer.suppress_numbers(&phones.more)?;
            }
            let (key, into) = match identity::link(writer, key, &phones, linking)? {
                Link::Key(key) => (key, None),
                Link::Into(key, existing) => (key, Some(existing)),
            };
            // With `--aggregate` and order dates, fields follow the latest order.
            let dated = analysis.orders.as_ref().is_some_and(|o| o.date.is_some());
            let latest = order
                .as_ref()
                .filter(|_| dated)
                .map(|o| (&mut fold.latest, &o.date));
            write_contact(
                (writer, consent_writer, ages),
                analysis,
                batch,
                (&key, line, into, age),
                (&mut values, unread, latest),
                &consent,
                counts,
            )?;
            ages.remember(analysis, &key, line, &values);
            counts.keyed_by_phone += u64::from(phones.keyed_by_phone);
            counts.phones.parsed += phones.parsed;
            counts.phones.fixed_line += phones.fixed_line;
            counts.phones.several_cells += phones.several_cells;
            counts.phones.more_numbers += phones.more_numbers;
            counts.phones.unparseable.extend(phones.unparseable);
            if let (Some(found), Some(o)) = (&analysis.orders, order) {
                fold.add(found, o.id, Some(&key), line, &o.amount, &o.date);
            }
            spent.extend(values.into_iter().filter_map(|v| match v {
                Sql::Text(t) => Some(t),
                _ => None,
            }));
        }
        Prepared::OrderLine { line, order: o } => {
            if let Some(found) = &analysis.orders {
                fold.add(found, o.id, None, line, &o.amount, &o.date);
            }
        }
        Prepared::Rejected(r) => counts.rejected.push(r),
        Prepared::RefusalLost(e) => return Err(*e),
        Prepared::Erased => counts.skipped_erased += 1,
        Prepared::Counted => {}
    }
    Ok(())
}

/// Insert the contact of one prepared row, or merge it with the stored one (`into`, when
/// [`identity::link`] chose it): consent through [`ConsentWriter`] (a channel whose
/// stored state stands keeps its consent column's stored value too), a blank cell
/// keeping the stored value, the key's e-mail keeping the spelling first stored, and an
/// age field keeping the younger of the stored and the row's value ([`AgeMerge`]),
/// and with `latest` (`--aggregate`, the row's order date) a field keeping a later
/// order's value ([`LatestValues`]).
fn write_contact(
    (writer, consent, ages): (
        &mut ContactWriter<'_>,
        &mut ConsentWriter<'_>,
        &mut AgeMerge,
    ),
    analysis: &Analysis,
    batch: i64,
    (key, line, into, age): (&str, u64, Option<Existing>, AgeMark),
    (values, unread, latest): (
        &mut [Sql],
        Vec<super::unread_refusal::Candidate>,
        Option<(&mut LatestValues, &Sql)>,
    ),
    said: &[Statement; 2],
    counts: &mut Counts,
) -> Result<(), ImportError> {
    let keep_columns = |values: &mut [Sql], keep: [bool; 2]| {
        for (channel, keep) in Channel::ALL.iter().zip(keep) {
            if keep {
                for c in analysis.consent.iter().filter(|c| c.channel == *channel) {
                    values[c.index] = Sql::Null;
                }
            }
        }
    };
    consent.count(said);
    let mut added = false;
    if into.is_none() {
        let addresses = |hash_key: &_| super::refusal_hashes::of_row(hash_key, analysis, values);
        let fresh = consent.for_new(key, addresses, said)?;
        // `values` stays as the row gave it, for the merge below if the insert finds
        // the key taken; copied only when a refusal on record keeps a column.
        let new_values: Cow<'_, [Sql]> = if fresh.keep_columns.contains(&true) {
            let mut kept = values.to_vec();
            keep_columns(&mut kept, fresh.keep_columns);
            Cow::Owned(kept)
        } else {
            Cow::Borrowed(values)
        };
        added = writer.insert(
            batch,
            &Incoming {
                key,
                values: &stored(analysis, &new_values),
                consent: fresh.to_store(),
                age: age_word(analysis, age),
            },
        )?;
        if added {
            consent.record(key, &fresh)?;
        }
    }
    let mut latest = latest;
    if added {
        if let Some((latest, date)) = latest.as_mut() {
            latest.keep_later((writer, analysis), (key, None), date, values)?;
        }
        counts.added += 1;
    } else {
        let existing = match into {
            Some(existing) => existing,
            None => writer.find(key)?.ok_or_else(|| {
                ImportError::Workspace(WorkspaceError::Invalid(format!(
                    "contact key {key} is neither new nor stored"
                )))
            })?,
        };
        super::unread_refusal::check(unread, &existing, said)?;
        let age = ages.merge(writer, analysis, (existing.id, key, line), values, age)?;
        if let Some((latest, date)) = latest.as_mut() {
            latest.keep_later((writer, analysis), (key, Some(existing.id)), date, values)?;
        }
        let outcome = consent.for_existing(&existing, said);
        keep_columns(values, outcome.keep_columns);
        // A contact re-keyed by this row's e-mail address takes the address too.
        // A cell naming several addresses is stored as written, so the refusals of
        // every address in it hold (see `import::key_cell`).
        if let KeySource::Column { index, email: true } = analysis.key
            && existing.key == key
            && !matches!(&values[index], Sql::Text(t) if matches!(super::key_cell::read(t), super::key_cell::KeyAddress::Several(_)))
        {
            values[index] = Sql::Null;
        }
        let first = writer.update(
            batch,
            &existing,
            &Incoming {
                key,
                values: &stored(analysis, values),
                consent: outcome.to_store(),
                age: age_word(analysis, age),
            },
            existing.batch != batch,
        )?;
        consent.record(key, &outcome)?;
        if first {
            counts.updated += 1;
            for (i, kept) in outcome.keep_columns.iter().enumerate() {
                if *kept && existing.consent[i].0 == crate::fields::ConsentState::Granted {
                    consent.tally.grants_kept[i] += 1;
                }
            }
        }
        counts.duplicates += 1;
    }
    counts.imported += 1;
    Ok(())
}

/// The age mark of a row as the workspace stores it: the field's name for an
/// unreadable value.
fn age_word(analysis: &Analysis, mark: AgeMark) -> AgeWord<'_> {
    match mark {
        AgeMark::Silent => AgeWord::Silent,
        AgeMark::Readable => AgeWord::Readable,
        AgeMark::Unreadable(i) => AgeWord::Unreadable(&analysis.columns[i].field.name),
    }
}

/// The values of `values` that are stored: without `--aggregate`'s order columns, then
/// the phone columns' E.164 cells. Without order columns that is every value, borrowed:
/// two copies of every row's values were a tenth of the writing thread's time.
fn stored<'v>(analysis: &Analysis, values: &'v [Sql]) -> Cow<'v, [Sql]> {
    if !analysis.columns.iter().any(|c| c.skip) {
        return Cow::Borrowed(values);
    }
    Cow::Owned(
        values
            .iter()
            .zip(&analysis.columns)
            .filter(|(_, c)| !c.skip)
            .map(|(v, _)| v.clone())
            .chain(values.iter().skip(analysis.columns.len()).cloned())
            .collect(),
    )
}
