//! The second pass: write every accepted row into the workspace as one batch.
//!
//! Owns the pass: the batch record, new fields, every row through [`Preparer`] and
//! [`Upserter`] (rows meet contacts by contact key, e-mail compared without case, case
//! BR-03; consent through [`super::consent::merge`], so no route turns an opt-out back
//! on), and the report. Rows whose key, e-mail or phone matches an erased entry of the
//! suppression list are skipped: an erasure is never undone by re-importing (GDPR Art.
//! 17). A row's age word sets or clears the
//! contact's "age unknown" mark; with `--aggregate` the rows' order lines are folded
//! and handed to [`super::figures`] after the last row. Called by [`super::run`] inside
//! its transaction, after [`super::analyse`].

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde_json::json;

use super::analyse::Analysis;
use super::key::KeySource;
use super::orders::Fold;
use super::prepare::{AgeMark, Prepared, Preparer};
use super::report::plural;
use super::report::{FieldReport, ImportReport, LayoutReport};
use super::upsert::{Tally, Upserter};
use super::{ImportError, ImportPlan, Phase, Progress, sniff};
use crate::fields::Channel;
use crate::workspace::consent::{RefusalLookup, any_refusals};
use crate::workspace::contacts::{self, AgeWord, ContactWriter};
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
    let erased = suppression::erased_hashes(tx)?;
    let (_, mut rows) = analysis.open_rows(plan)?;
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
                upserter.write(&key, age, &mut values, *consent)?;
                if let (Some(found), Some(o)) = (&analysis.orders, order) {
                    fold.add(found, o.id, Some(&key), line, &o.amount, &o.date);
                }
            }
            Prepared::OrderLine { line, order: o } => {
                if let Some(found) = &analysis.orders {
                    fold.add(found, o.id, None, line, &o.amount, &o.date);
                }
            }
            Prepared::Rejected(r) => rejected_rows.push(r),
            Prepared::Erased => skipped_erased += 1,
            Prepared::Counted => {}
        }
    }
    let Upserter {
        mut writer,
        tally: mut counts,
        ..
    } = upserter;
    let mut rejected = analysis.rejected.clone();
    rejected.append(&mut rejected_rows);
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
    if skipped_erased > 0 {
        warnings.push(format!(
            "{} row{} skipped: the contact was erased earlier and stays erased",
            skipped_erased,
            plural(skipped_erased)
        ));
    }
    warnings.extend(consent_warnings(plan, &counts));
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
