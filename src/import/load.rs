//! The second pass: write every accepted row into the workspace as one batch.
//!
//! Owns the merge rules: rows meet contacts by contact key (e-mail compared without
//! case, case BR-03); a merged row updates fields but a blank cell keeps the stored
//! value, the key's e-mail keeps the spelling first stored, and consent goes through
//! [`consent::merge`] so withdrawn and bounced are never turned back on and a "no" only
//! withdraws a granted consent (when the stored state stands, the consent column keeps
//! its stored value too, so it never contradicts the state). Rows whose key, e-mail or phone
//! matches an erased entry of the suppression list are skipped: an erasure is never
//! undone by re-importing (GDPR Art. 17). Called by [`super::run`] inside its
//! transaction, after [`super::analyse`].

use std::sync::mpsc;

use rusqlite::Connection;
use rusqlite::types::Value as Sql;
use serde_json::json;

use super::ahead::{CHUNKS_AHEAD, read_ahead};
use super::analyse::Analysis;
use super::consent::{self, IncomingConsent};
use super::identity::{self, Link, Linking};
use super::key::KeySource;
use super::prepare::{Prepared, Preparer};
use super::read::Rows;
use super::report::plural;
use super::report::{FieldReport, ImportReport, PhoneReport};
use super::{ImportError, ImportPlan, Phase, Progress, Rejected, sniff};
use crate::fields::{Channel, ConsentState};
use crate::workspace::contacts::{self, ContactWriter, Existing, Incoming};
use crate::workspace::{
    WorkspaceError, audit, batches, fields, now_rfc3339, phones, settings, suppression,
};

#[derive(Debug, Default)]
struct Counts {
    imported: u64,
    added: u64,
    updated: u64,
    duplicates: u64,
    skipped_erased: u64,
    consent_kept: u64,
    rejected: Vec<Rejected>,
    phones: PhoneReport,
    keyed_by_phone: u64,
}

/// Load `plan.path` as analysed. Returns the report; the caller commits or rolls back.
///
/// Errors: [`ImportError::NothingImported`] when no row could be imported (never
/// "success, 0 imported": case BR-02), read and workspace errors.
pub fn load(
    tx: &Connection,
    plan: &ImportPlan,
    analysis: &Analysis,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportReport, ImportError> {
    let file_name = plan.path.file_name().map_or_else(
        || plan.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let delimiter = sniff::describe(analysis.sniffed.delimiter);
    let format = json!({
        "encoding": analysis.scan.encoding.name(),
        "encoding_source": analysis.scan.encoding_source,
        "delimiter": delimiter,
        "header": analysis.sniffed.has_header,
        "quote": "\"",
    });
    let batch = batches::begin(
        tx,
        &file_name,
        &analysis.scan.sha256,
        &format,
        &plan.options_json(),
        &now_rfc3339(),
    )?;
    super::key::record(tx, &analysis.columns, analysis.key)?;
    for column in analysis.columns.iter().filter(|c| c.widened) {
        // Kept by `import undo`: a decimal field holds every integer it held before.
        fields::update(tx, &column.field, &plan.actor)?;
    }
    for column in analysis.columns.iter().filter(|c| c.is_new) {
        fields::add(tx, &column.field, &plan.actor, Some(batch))?;
    }
    if let Some(region) = plan.region {
        settings::set(tx, settings::REGION, region.code())?;
    }
    // Each phone column's E.164 form and line type follow the file's columns, in the
    // order `Preparer` appends them.
    let hidden = |c: &super::analyse::Column| {
        [
            phones::e164_column(&c.field.name),
            phones::line_column(&c.field.name),
        ]
    };
    let phone_columns: Vec<_> = analysis
        .phone_columns
        .iter()
        .map(|&i| &analysis.columns[i])
        .collect();
    let names: Vec<String> = analysis
        .columns
        .iter()
        .map(|c| c.field.name.clone())
        .chain(phone_columns.iter().flat_map(|c| hidden(c)))
        .collect();
    let snapshot: Vec<String> = analysis
        .columns
        .iter()
        .filter(|c| !c.is_new)
        .map(|c| c.field.name.clone())
        .chain(
            phone_columns
                .iter()
                .filter(|c| !c.is_new)
                .flat_map(|c| hidden(c)),
        )
        .collect();
    let phone_fields: Vec<String> = phone_columns.iter().map(|c| c.field.name.clone()).collect();
    let mut writer = ContactWriter::new(tx, &names, &snapshot, &phone_fields)?;
    let mut linking = Linking {
        phone_keys: contacts::any_phone_keys(tx)?,
        ..Linking::default()
    };
    let erased = suppression::erased_hashes(tx)?;
    let (_, mut rows) = Rows::open(&plan.path, analysis.shape(plan))?;
    let preparer = Preparer::new(plan, analysis, &erased, batch);
    let mut counts = Counts::default();
    // Reading and preparing rows (decoding, typing, parsing phone numbers: some 15 µs
    // per number in a release build) runs on a second thread while this one writes to
    // SQLite, so the two overlap. Rows arrive in file order; an error ends the import.
    std::thread::scope(|scope| -> Result<(), ImportError> {
        let (send, receive) = mpsc::sync_channel(CHUNKS_AHEAD);
        let preparer = &preparer;
        scope.spawn(move || read_ahead(&mut rows, preparer, &send));
        let mut chunks = 0u64;
        for chunk in receive {
            let chunk = chunk?;
            for prepared in chunk.rows {
                write_prepared(
                    &mut writer,
                    analysis,
                    batch,
                    prepared,
                    &mut linking,
                    &mut counts,
                )?;
            }
            chunks += 1;
            if chunks.is_multiple_of(8) {
                progress(Progress {
                    phase: Phase::Load,
                    bytes_done: chunk.bytes_done,
                    bytes_total: analysis.scan.size,
                });
            }
        }
        Ok(())
    })?;
    let mut rejected = analysis.rejected.clone();
    rejected.append(&mut counts.rejected);
    rejected.sort_by_key(|r| r.line);
    if counts.imported == 0 {
        let examples: Vec<String> = rejected
            .iter()
            .take(5)
            .map(|r| format!("line {}: {}", r.line, r.reason))
            .collect();
        return Err(ImportError::NothingImported {
            file: file_name,
            rows_read: analysis.rows_read,
            delimiter,
            encoding: analysis.scan.encoding.name().to_string(),
            rejected: rejected.len(),
            examples: if examples.is_empty() {
                String::new()
            } else {
                format!(" ({})", examples.join("; "))
            },
        });
    }
    let mut warnings = analysis.warnings.clone();
    if counts.skipped_erased > 0 {
        warnings.push(format!(
            "{} row{} skipped: the contact was erased earlier and stays erased",
            counts.skipped_erased,
            plural(counts.skipped_erased)
        ));
    }
    if linking.by_number > 0 {
        warnings.push(format!(
            "{} row{} without an e-mail address merged into the one contact holding the same phone number",
            linking.by_number,
            plural(linking.by_number)
        ));
    }
    if linking.rekeyed > 0 {
        warnings.push(format!(
            "{} contact{} first known by phone number now keyed by the e-mail address this file gives with that number",
            linking.rekeyed,
            plural(linking.rekeyed)
        ));
    }
    if linking.shared > 0 {
        warnings.push(format!(
            "{} row{} without an e-mail address kept as their own contact: several contacts hold the same phone number; an SMS opt-out on any of them holds for all",
            linking.shared,
            plural(linking.shared)
        ));
    }
    if counts.consent_kept > 0 {
        warnings.push(format!(
            "{} row{} said consent was granted where it had been withdrawn or had bounced; the withdrawal was kept",
            counts.consent_kept,
            plural(counts.consent_kept)
        ));
    }
    let report = ImportReport {
        file: plan.path.display().to_string(),
        sha256: analysis.scan.sha256.clone(),
        encoding: analysis.scan.encoding.name().to_string(),
        encoding_source: analysis.scan.encoding_source.to_string(),
        delimiter,
        header: analysis.sniffed.has_header,
        key: analysis.key_name(),
        rows_read: analysis.rows_read,
        rows_imported: counts.imported,
        rows_rejected: rejected,
        rows_skipped_blank: analysis.rows_skipped_blank,
        rows_skipped_erased: counts.skipped_erased,
        duplicates_merged: counts.duplicates,
        contacts_added: counts.added,
        contacts_updated: counts.updated,
        contacts_total: contacts::count(tx)?,
        consent_kept_withdrawn: counts.consent_kept,
        keyed_by_phone: counts.keyed_by_phone,
        phones: (!analysis.phone_columns.is_empty()).then(|| PhoneReport {
            region: analysis.region.map(|r| r.to_string()),
            region_source: analysis.region_source.to_string(),
            country_column: analysis
                .country_column
                .map(|i| analysis.columns[i].field.name.clone()),
            ..counts.phones
        }),
        warnings,
        fields: analysis
            .columns
            .iter()
            .map(FieldReport::from_column)
            .collect(),
        batch: (!plan.dry_run).then_some(batch),
        dry_run: plan.dry_run,
    };
    let counts_json = report.counts_json();
    batches::finish(tx, batch, &counts_json)?;
    audit::append(
        tx,
        &plan.actor,
        "import",
        &file_name,
        &json!({ "batch": batch, "sha256": report.sha256, "counts": counts_json }),
    )?;
    Ok(report)
}

/// Write one prepared row: link it to the person it names (`identity`), insert or
/// merge its contact, and count what it was.
fn write_prepared(
    writer: &mut ContactWriter<'_>,
    analysis: &Analysis,
    batch: i64,
    prepared: Prepared,
    linking: &mut Linking,
    counts: &mut Counts,
) -> Result<(), ImportError> {
    match prepared {
        Prepared::Contact {
            key,
            mut values,
            consent,
            phones,
        } => {
            let (key, into) = match identity::link(writer, key, &phones, linking)? {
                Link::Key(key) => (key, None),
                Link::Into(key, existing) => (key, Some(existing)),
            };
            write_contact(
                writer,
                analysis,
                batch,
                (&key, into),
                &mut values,
                consent,
                counts,
            )?;
            counts.keyed_by_phone += u64::from(phones.keyed_by_phone);
            counts.phones.parsed += phones.parsed;
            counts.phones.fixed_line += phones.fixed_line;
            counts.phones.unparseable.extend(phones.unparseable);
        }
        Prepared::Rejected(r) => counts.rejected.push(r),
        Prepared::Erased => counts.skipped_erased += 1,
        Prepared::Counted => {}
    }
    Ok(())
}

/// Insert the contact of one prepared row, or merge it with the stored one: consent
/// through [`consent::merge`], a blank cell keeping the stored value, the key's e-mail
/// keeping the spelling first stored.
fn write_contact(
    writer: &mut ContactWriter<'_>,
    analysis: &Analysis,
    batch: i64,
    (key, into): (&str, Option<Existing>),
    values: &mut [Sql],
    incoming: [(IncomingConsent, Option<String>); 2],
    counts: &mut Counts,
) -> Result<(), ImportError> {
    // A new contact meets the row's word as "not asked" would.
    let fresh = incoming.each_ref().map(|(said, source)| {
        let merged = consent::merge(ConsentState::NotAsked, *said);
        (merged.state, source.as_deref().filter(|_| merged.by_row))
    });
    let added = into.is_none()
        && writer.insert(
            batch,
            &Incoming {
                key,
                values,
                consent: fresh,
            },
        )?;
    if added {
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
        let mut consent = existing
            .consent
            .each_ref()
            .map(|(s, src)| (*s, src.as_deref()));
        let channels = Channel::ALL.iter().zip(&incoming).zip(&mut consent);
        for ((channel, (said, source)), stored) in channels {
            let merged = consent::merge(stored.0, *said);
            if *said == IncomingConsent::Granted && merged.state != ConsentState::Granted {
                counts.consent_kept += 1;
            }
            if merged.by_row {
                *stored = (merged.state, source.as_deref());
            } else {
                // The stored state stands: so do its source and the consent
                // column's stored value, which must agree with it.
                for c in analysis.consent.iter().filter(|c| c.channel == *channel) {
                    values[c.index] = Sql::Null;
                }
            }
        }
        // A contact re-keyed by this row's e-mail address takes the address too.
        if let KeySource::Column { index, email: true } = analysis.key
            && existing.key == key
        {
            values[index] = Sql::Null;
        }
        let first = writer.update(
            batch,
            &existing,
            &Incoming {
                key,
                values,
                consent,
            },
            existing.batch != batch,
        )?;
        if first {
            counts.updated += 1;
        }
        counts.duplicates += 1;
    }
    counts.imported += 1;
    Ok(())
}
