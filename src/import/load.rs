//! The second pass: write every accepted row into the workspace as one batch.
//!
//! Owns the pass: the batch record, new fields, every row through [`Preparer`] and
//! [`Upserter`] (rows meet contacts by contact key, e-mail compared without case, case
//! BR-03; consent through [`super::consent::merge`], so no route turns an opt-out back
//! on), and the report. Rows whose key, e-mail or phone matches an erased entry of the
//! suppression list are skipped: an erasure is never undone by re-importing (GDPR Art.
//! 17). Called by [`super::run`] inside its transaction, after [`super::analyse`].

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde_json::json;

use super::analyse::Analysis;
use super::key::KeySource;
use super::prepare::{Prepared, Preparer};
use super::read::Rows;
use super::report::plural;
use super::report::{FieldReport, ImportReport, LayoutReport};
use super::upsert::{Tally, Upserter};
use super::{ImportError, ImportPlan, Phase, Progress, sniff};
use crate::fields::Channel;
use crate::workspace::consent::{RefusalLookup, any_refusals};
use crate::workspace::contacts::{self, ContactWriter};
use crate::workspace::keyed_hash::HashKey;
use crate::workspace::{audit, batches, fields, now_rfc3339, suppression};

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
    let delimiter = sniff::describe(analysis.sniffed.delimiter);
    let format = json!({
        "encoding": analysis.scan.encoding.name(),
        "encoding_source": analysis.scan.encoding_source,
        "delimiter": delimiter,
        "header": analysis.sniffed.has_header,
        "quote": "\"",
    });
    let started = now_rfc3339();
    let mut options = plan.options_json();
    options["layout"] = json!(
        analysis
            .map
            .recognised
            .as_ref()
            .map(|r| r.layout.id.clone())
    );
    let batch = batches::begin(
        tx,
        &file_name,
        &analysis.scan.sha256,
        &format,
        &options,
        &started,
    )?;
    super::key::record(tx, &analysis.columns, analysis.key)?;
    for column in analysis.columns.iter().filter(|c| c.widened) {
        // Kept by `import undo`: a decimal field holds every integer it held before.
        fields::update(tx, &column.field, &plan.actor)?;
    }
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
    let erased = suppression::erased_hashes(tx)?;
    let (_, mut rows) = Rows::open(&plan.path, analysis.shape(plan))?;
    let preparer = Preparer::new(plan, analysis, &erased, batch, &started);
    let mut upserter = Upserter {
        conn: tx,
        writer: ContactWriter::new(tx, &names, &snapshot)?,
        analysis,
        batch,
        accept_upgrades: plan.accept_consent_upgrades,
        refusals: if any_refusals(tx)? {
            Some(RefusalLookup::new(tx)?)
        } else {
            None
        },
        hash_key: HashKey::load(tx)?,
        tally: Tally::default(),
    };
    let mut rejected_rows = Vec::new();
    let mut skipped_erased = 0u64;
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
                mut values,
                consent,
            } => upserter.write(&key, &mut values, *consent)?,
            Prepared::Rejected(r) => rejected_rows.push(r),
            Prepared::Erased => skipped_erased += 1,
            Prepared::Counted => {}
        }
    }
    let counts = upserter.tally;
    let mut rejected = analysis.rejected.clone();
    rejected.append(&mut rejected_rows);
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
    if skipped_erased > 0 {
        warnings.push(format!(
            "{} row{} skipped: the contact was erased earlier and stays erased",
            skipped_erased,
            plural(skipped_erased)
        ));
    }
    warnings.extend(consent_warnings(plan, &counts));
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
        rows_skipped_erased: skipped_erased,
        duplicates_merged: counts.duplicates,
        contacts_added: counts.added,
        contacts_updated: counts.updated,
        contacts_total: contacts::count(tx)?,
        consent_kept_withdrawn: counts.consent_kept,
        consent_not_applied: Channel::ALL
            .iter()
            .zip(counts.option_not_applied)
            .filter(|(c, _)| plan.consent.contains_key(c))
            .map(|(c, n)| (*c, n))
            .collect::<BTreeMap<_, _>>(),
        consent_upgrades: counts.upgrades,
        layout: analysis
            .map
            .recognised
            .as_ref()
            .map(|r| LayoutReport::new(r, analysis)),
        mapping: analysis.map.applied.clone(),
        skipped_columns: analysis.map.skipped.clone(),
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

/// What the consent of the rows gives the user to read: opt-outs that stood, the rows
/// `--consent` did not fill, unknown words in consent columns, refused upgrades.
fn consent_warnings(plan: &ImportPlan, counts: &Tally) -> Vec<String> {
    let mut out = Vec::new();
    if counts.consent_kept > 0 {
        out.push(format!(
            "{} row{} said consent was granted where it had been withdrawn or had bounced; the opt-out was kept",
            counts.consent_kept,
            plural(counts.consent_kept)
        ));
    }
    for (i, channel) in Channel::ALL.iter().enumerate() {
        let n = counts.option_not_applied[i];
        if let Some(state) = plan.consent.get(channel).filter(|_| n > 0) {
            out.push(format!(
                "--consent {channel}={state} did not apply to {n} row{}: the file states their {channel} consent",
                plural(n)
            ));
        }
        let n = counts.unknown_words[i];
        if n > 0 {
            out.push(format!(
                "{n} row{} hold a word in a {channel} consent column that is no consent word; recorded as not asked (no --consent fills them)",
                plural(n)
            ));
        }
    }
    let refused = counts.upgrades.iter().filter(|u| !u.applied).count() as u64;
    if refused > 0 {
        out.push(format!(
            "{refused} consent upgrade{} refused (see consent_upgrades); pass --accept-consent-upgrades to confirm upgrades of declined or not-asked contacts",
            plural(refused)
        ));
    }
    out
}
