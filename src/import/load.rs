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

use rusqlite::Connection;
use rusqlite::types::Value as Sql;
use serde_json::json;

use super::analyse::{Analysis, KeySource};
use super::consent::{self, IncomingConsent};
use super::infer::to_sql;
use super::read::{Row, Rows};
use super::report::{FieldReport, ImportReport};
use super::suppress::{entry_hash, normalise_email, normalise_phone};
use super::{ImportError, ImportPlan, Phase, Progress, Rejected, sniff};
use crate::fields::{Channel, ConsentState};
use crate::workspace::contacts::{self, ContactWriter, Incoming};
use crate::workspace::{audit, batches, fields, now_rfc3339, suppression};

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
    for column in analysis.columns.iter().filter(|c| c.is_new) {
        fields::add(tx, &column.field, &plan.actor, Some(batch))?;
    }
    let names: Vec<String> = analysis
        .columns
        .iter()
        .map(|c| c.field.name.clone())
        .collect();
    let snapshot: Vec<String> = analysis
        .columns
        .iter()
        .filter(|c| !c.is_new)
        .map(|c| c.field.name.clone())
        .collect();
    let mut writer = ContactWriter::new(tx, &names, &snapshot)?;
    let erased = suppression::erased_hashes(tx)?;
    let (_, mut rows) = Rows::open(&plan.path, analysis.shape(plan))?;
    let mut counts = Counts::default();
    let mut values: Vec<Sql> = Vec::with_capacity(names.len());
    let mut seen = 0u64;
    while let Some(row) = rows.next_row()? {
        seen += 1;
        if seen.is_multiple_of(8192) {
            progress(Progress {
                phase: Phase::Load,
                bytes_done: rows.bytes_read.get(),
                bytes_total: analysis.scan.size,
            });
        }
        let Row::Data { line, values: raw } = row else {
            continue;
        };
        let key = match analysis.key {
            KeySource::Column { index, email } => {
                let v = if email {
                    normalise_email(&raw[index])
                } else {
                    raw[index].clone()
                };
                if v.is_empty() {
                    counts.rejected.push(Rejected {
                        line,
                        reason: format!(
                            "blank contact key (column {})",
                            analysis.columns[index].header
                        ),
                    });
                    continue;
                }
                v
            }
            KeySource::Generated => format!("row-{}-{line}", &analysis.scan.sha256[..8]),
        };
        if !erased.is_empty() && is_erased(&erased, &key, &raw, analysis) {
            counts.skipped_erased += 1;
            continue;
        }
        values.clear();
        let mut bad = None;
        for (column, value) in analysis.columns.iter().zip(&raw) {
            match to_sql(value, column.storage, plan.types) {
                Some(v) => values.push(v),
                None => {
                    bad = Some(format!(
                        "value in column {} is not a {}",
                        column.header, column.storage.ty
                    ));
                    break;
                }
            }
        }
        if let Some(reason) = bad {
            counts.rejected.push(Rejected { line, reason });
            continue;
        }
        let incoming = incoming_consent(plan, analysis, &raw, batch);
        match writer.find(&key)? {
            None => {
                // A new contact meets the row's word as "not asked" would.
                let consent = incoming.map(|(said, source)| {
                    let merged = consent::merge(ConsentState::NotAsked, said);
                    (merged.state, source.filter(|_| merged.by_row))
                });
                writer.insert(
                    batch,
                    &Incoming {
                        key: &key,
                        values: &values,
                        consent,
                    },
                )?;
                counts.added += 1;
            }
            Some(existing) => {
                let mut consent = existing.consent.clone();
                let channels = Channel::ALL.iter().zip(incoming).zip(&mut consent);
                for ((channel, (said, source)), stored) in channels {
                    let merged = consent::merge(stored.0, said);
                    if said == IncomingConsent::Granted && merged.state != ConsentState::Granted {
                        counts.consent_kept += 1;
                    }
                    if merged.by_row {
                        *stored = (merged.state, source);
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
                        key: &key,
                        values: &values,
                        consent,
                    },
                    existing.batch != batch,
                )?;
                if first {
                    counts.updated += 1;
                }
                counts.duplicates += 1;
            }
        }
        counts.imported += 1;
    }
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
            if counts.skipped_erased == 1 { "" } else { "s" }
        ));
    }
    if counts.consent_kept > 0 {
        warnings.push(format!(
            "{} row{} said consent was granted where it had been withdrawn or had bounced; the withdrawal was kept",
            counts.consent_kept,
            if counts.consent_kept == 1 { "" } else { "s" }
        ));
    }
    let report = ImportReport {
        file: plan.path.display().to_string(),
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

/// What this row says about each channel, with the source to record if its word
/// decides: its consent column if it says something, else the file's stated consent,
/// else nothing.
fn incoming_consent(
    plan: &ImportPlan,
    analysis: &Analysis,
    raw: &[String],
    batch: i64,
) -> [(IncomingConsent, Option<String>); 2] {
    Channel::ALL.map(|channel| {
        let from_column = analysis
            .consent
            .iter()
            .filter(|c| c.channel == channel)
            .find_map(|c| {
                c.state(&raw[c.index]).map(|s| {
                    (
                        s,
                        format!(
                            "column {}, batch {batch}",
                            analysis.columns[c.index].field.name
                        ),
                    )
                })
            });
        match from_column {
            Some((said, source)) => (said, Some(source)),
            None => match plan.consent.get(&channel) {
                Some(state) => (
                    IncomingConsent::from(*state),
                    Some(format!("--consent {channel}={state}, batch {batch}")),
                ),
                None => (IncomingConsent::Silent, None),
            },
        }
    })
}

fn is_erased(
    erased: &std::collections::HashSet<String>,
    key: &str,
    raw: &[String],
    analysis: &Analysis,
) -> bool {
    let email = analysis
        .email_column
        .map(|i| normalise_email(&raw[i]))
        .filter(|e| !e.is_empty());
    let phone = analysis
        .phone_column
        .map(|i| normalise_phone(&raw[i]))
        .filter(|p| !p.is_empty());
    erased.contains(&entry_hash("key", key))
        || email.is_some_and(|e| erased.contains(&entry_hash("email", &e)))
        || phone.is_some_and(|p| erased.contains(&entry_hash("phone", &p)))
}
