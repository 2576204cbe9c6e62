//! The second pass: write every accepted row into the workspace as one batch.
//!
//! Owns the merge rules: rows meet contacts by contact key (e-mail compared without
//! case, case BR-03); a merged row updates fields but a blank cell keeps the stored
//! value, the key's e-mail keeps the spelling first stored, and consent goes through
//! [`consent::merge`] so withdrawn and bounced are never turned back on and a "no" only
//! withdraws a granted consent (when the stored state stands, the consent column keeps
//! its stored value too, so it never contradicts the state). Rows whose key, e-mail or phone
//! matches an erased entry of the suppression list are skipped: an erasure is never
//! undone by re-importing (GDPR Art. 17). A row's age word sets or clears the
//! contact's "age unknown" mark; with `--aggregate` the rows' order lines are folded
//! and handed to [`super::figures`] after the last row. Called by [`super::run`] inside
//! its transaction, after [`super::analyse`].

use rusqlite::Connection;
use rusqlite::types::Value as Sql;
use serde_json::json;

use super::analyse::Analysis;
use super::consent::{self, IncomingConsent};
use super::key::KeySource;
use super::orders::Fold;
use super::prepare::{AgeMark, Prepared, Preparer};
use super::report::plural;
use super::report::{FieldReport, ImportReport};
use super::{ImportError, ImportPlan, Phase, Progress, Rejected, sniff};
use crate::fields::{Channel, ConsentState};
use crate::workspace::contacts::{self, AgeWord, ContactWriter, Incoming};
use crate::workspace::{WorkspaceError, audit, batches, fields, now_rfc3339, suppression};

#[derive(Debug, Default)]
struct Counts {
    imported: u64,
    added: u64,
    updated: u64,
    duplicates: u64,
    skipped_erased: u64,
    consent_kept: u64,
    rejected: Vec<Rejected>,
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
    let file_name = plan.file_name();
    let delimiter = match analysis.sheet {
        Some(_) => String::new(),
        None => sniff::describe(analysis.sniffed.delimiter),
    };
    let format = match &analysis.sheet {
        Some(sheet) => json!({
            "format": sheet.kind.as_str(),
            "sheet": sheet.name,
            "header": analysis.sniffed.has_header,
        }),
        None => json!({
            "format": "csv",
            "encoding": analysis.scan.encoding.name(),
            "encoding_source": analysis.scan.encoding_source,
            "delimiter": delimiter,
            "header": analysis.sniffed.has_header,
            "sep_line": analysis.sniffed.sep_line,
            "quote": "\"",
        }),
    };
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
    let stored = || analysis.columns.iter().filter(|c| !c.skip);
    for column in stored().filter(|c| c.is_new) {
        fields::add(tx, &column.field, &plan.actor, Some(batch))?;
    }
    let figures = match &analysis.orders {
        Some(found) => Some(super::figures::prepare_fields(
            tx,
            found,
            &plan.actor,
            batch,
        )?),
        None => None,
    };
    let names: Vec<String> = stored().map(|c| c.field.name.clone()).collect();
    let snapshot: Vec<String> = stored()
        .filter(|c| !c.is_new)
        .map(|c| c.field.name.clone())
        .collect();
    let mut writer = ContactWriter::new(tx, &names, &snapshot)?;
    let erased = suppression::erased_hashes(tx)?;
    let (_, mut rows) = analysis.open_rows(plan)?;
    let preparer = Preparer::new(plan, analysis, &erased, batch);
    let mut counts = Counts::default();
    let mut fold = Fold::default();
    let mut seen = 0u64;
    while let Some(row) = rows.next_row()? {
        seen += 1;
        if seen.is_multiple_of(8192) {
            progress(Progress {
                phase: Phase::Load,
                bytes_done: rows.bytes_done(),
                bytes_total: analysis.scan.size,
            });
        }
        match preparer.prepare(row) {
            Prepared::Contact {
                key,
                line,
                mut values,
                consent,
                age,
                order,
            } => {
                let age = match age {
                    AgeMark::Silent => AgeWord::Silent,
                    AgeMark::Readable => AgeWord::Readable,
                    AgeMark::Unreadable(i) => AgeWord::Unreadable(&analysis.columns[i].field.name),
                };
                write_contact(
                    &mut writer,
                    analysis,
                    batch,
                    (&key, age),
                    &mut values,
                    consent,
                    &mut counts,
                )?;
                if let (Some(found), Some(o)) = (&analysis.orders, order) {
                    fold.add(found, o.id, Some(&key), line, &o.amount, &o.date);
                }
            }
            Prepared::OrderLine { line, order: o } => {
                if let Some(found) = &analysis.orders {
                    fold.add(found, o.id, None, line, &o.amount, &o.date);
                }
            }
            Prepared::Rejected(r) => counts.rejected.push(r),
            Prepared::Erased => counts.skipped_erased += 1,
            Prepared::Counted => {}
        }
    }
    let mut rejected = analysis.rejected.clone();
    rejected.append(&mut counts.rejected);
    let mut warnings = analysis.warnings.clone();
    let orders = match &figures {
        Some(figures) => {
            let (report, order_warnings) = super::figures::write(
                tx,
                &mut writer,
                analysis,
                fold,
                batch,
                figures,
                &mut rejected,
            )?;
            warnings.extend(order_warnings);
            counts.imported += report.lines_joined;
            Some(report)
        }
        None => None,
    };
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
    if counts.skipped_erased > 0 {
        warnings.push(format!(
            "{} row{} skipped: the contact was erased earlier and stays erased",
            counts.skipped_erased,
            plural(counts.skipped_erased)
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
        file: plan.display_name(),
        format: super::report::format_name(analysis),
        sheet: analysis.sheet.as_ref().map(|s| s.name.clone()),
        sep_line: analysis.sniffed.sep_line,
        archive: plan.archive.clone(),
        sha256: analysis.scan.sha256.clone(),
        encoding: analysis.scan.encoding.name().to_string(),
        encoding_source: analysis.scan.encoding_source.to_string(),
        delimiter,
        header: analysis.sniffed.has_header,
        key: match analysis.key {
            KeySource::Column { index, .. } => analysis.columns[index].field.name.clone(),
            KeySource::Generated => "generated".to_string(),
        },
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
        contacts_age_unknown: contacts::count_age_unknown(tx)?,
        orders,
        warnings,
        fields: FieldReport::all(analysis, plan.types),
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

/// Insert the contact of one prepared row, or merge it with the stored one: consent
/// through [`consent::merge`], a blank cell keeping the stored value, the key's e-mail
/// keeping the spelling first stored.
fn write_contact(
    writer: &mut ContactWriter<'_>,
    analysis: &Analysis,
    batch: i64,
    (key, age): (&str, AgeWord<'_>),
    values: &mut [Sql],
    incoming: [(IncomingConsent, Option<String>); 2],
    counts: &mut Counts,
) -> Result<(), ImportError> {
    // The order columns of `--aggregate` are read, not stored.
    let stored = |values: &[Sql]| -> Vec<Sql> {
        values
            .iter()
            .zip(&analysis.columns)
            .filter(|(_, c)| !c.skip)
            .map(|(v, _)| v.clone())
            .collect()
    };
    // A new contact meets the row's word as "not asked" would.
    let fresh = incoming.each_ref().map(|(said, source)| {
        let merged = consent::merge(ConsentState::NotAsked, *said);
        (merged.state, source.as_deref().filter(|_| merged.by_row))
    });
    let added = writer.insert(
        batch,
        &Incoming {
            key,
            values: &stored(values),
            consent: fresh,
            age,
        },
    )?;
    if added {
        counts.added += 1;
    } else {
        let existing = writer.find(key)?.ok_or_else(|| {
            ImportError::Workspace(WorkspaceError::Invalid(format!(
                "contact key {key} is neither new nor stored"
            )))
        })?;
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
        if let KeySource::Column { index, email: true } = analysis.key {
            values[index] = Sql::Null;
        }
        let first = writer.update(
            batch,
            &existing,
            &Incoming {
                key,
                values: &stored(values),
                consent,
                age,
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
