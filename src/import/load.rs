//! The second pass: write every accepted row into the workspace as one batch.
//!
//! Owns the pass and the report: rows meet contacts by contact key (e-mail compared
//! without case, case BR-03); a merged row updates fields but a blank cell keeps the
//! stored value, the key's e-mail keeps the spelling first stored, and consent goes
//! through [`super::upsert`] so no route turns an opt-out back on. Rows whose key, e-mail or phone
//! matches an erased entry of the suppression list are skipped: an erasure is never
//! undone by re-importing (GDPR Art. 17). A row's age word sets or clears the
//! contact's "age unknown" mark; with `--aggregate` the rows' order lines are folded
//! and handed to [`super::figures`] after the last row. Rows are read and prepared on
//! a second thread ([`super::ahead`]) and written here, one at a time, by
//! [`super::write`]. Called by [`super::run`] inside its transaction, after
//! [`super::analyse`].

use std::collections::BTreeMap;
use std::sync::mpsc;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde_json::json;

use super::ages::AgeMerge;
use super::ahead::{CHUNKS_AHEAD, read_ahead};
use super::analyse::Analysis;
use super::identity::Linking;
use super::orders::Fold;
use super::prepare::Preparer;
use super::report::plural;
use super::report::{FieldReport, ImportReport, LayoutReport, PhoneReport};
use super::upsert::{ConsentWriter, Tally};
use super::write::{Counts, write_prepared};
use super::{ImportError, ImportPlan, Phase, Progress, sniff};
use crate::fields::{Channel, held_note};
use crate::workspace::consent::{RefusalLookup, any_refusals};
use crate::workspace::contacts::{self, ContactWriter};
use crate::workspace::keyed_hash::HashKey;
use crate::workspace::{
    audit, batches, fields, now_rfc3339, phones, settings, statements, suppression,
};

/// Load `plan.path` as analysed. Returns the report; the caller commits or rolls back.
///
/// Errors: [`ImportError::NothingImported`] when no row could be imported (never
/// "success, 0 imported": case BR-02), read and workspace errors.
/// Age values are read on `today` ([`super::ages`]).
pub fn load(
    tx: &Connection,
    (plan, analysis): (&ImportPlan, &Analysis),
    today: NaiveDate,
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
    for (column, r) in analysis
        .columns
        .iter()
        .filter_map(|c| c.reclassified.as_ref().map(|r| (c, r)))
    {
        // Kept by `import undo` too: more protection is never taken back silently.
        if r.raised {
            fields::update(tx, &column.field, &plan.actor)?;
        }
        fields::record_classifier(tx, &r.provenance)?;
        audit::append(
            tx,
            &plan.actor,
            "field.reclassified",
            &column.field.name,
            &json!({
                "file": file_name,
                "from": r.from,
                "to": r.to,
                "raised": r.raised,
                "reason": r.provenance.classifier_reason,
            }),
        )?;
    }
    let stored = || analysis.columns.iter().filter(|c| !c.skip);
    for column in stored().filter(|c| c.is_new) {
        fields::add(tx, &column.field, &plan.actor, Some(batch))?;
        if let Some(d) = &column.decided {
            // The file's classification is the classifier's; the person's change beside.
            fields::record_classifier(tx, &d.classifier)?;
            fields::restore_person_change(tx, &column.field.name, &d.by, &d.at, &d.reason)?;
            audit::append(
                tx,
                &plan.actor,
                "field.decision_applied",
                &column.field.name,
                &json!({
                    "file": file_name,
                    "classifier": {"class": d.classifier.classifier_class, "role": d.classifier.classifier_role},
                    "applied": {"class": column.field.class, "role": column.field.role},
                    "by": d.by,
                    "at": d.at,
                    "reason": d.reason,
                }),
            )?;
        }
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
    if let Some(region) = plan.region {
        settings::set(tx, settings::REGION, region.code())?;
    }
    // Each phone column's E.164 form and line type follow the stored columns, in the
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
    let names: Vec<String> = stored()
        .map(|c| c.field.name.clone())
        .chain(phone_columns.iter().flat_map(|c| hidden(c)))
        .collect();
    let snapshot: Vec<String> = stored()
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
    let age_fields: Vec<String> = analysis
        .age_columns
        .iter()
        .map(|&i| analysis.columns[i].field.name.clone())
        .collect();
    let mut writer = ContactWriter::new(tx, &names, &snapshot, (&phone_fields, &age_fields))?;
    // A phone field new in this batch has an empty E.164 index: built after the rows.
    for (i, c) in phone_columns.iter().enumerate().filter(|(_, c)| c.is_new) {
        writer.defer_phone_index(i, &c.field.name)?;
    }
    let mut linking = Linking {
        phone_keys: contacts::any_phone_keys(tx)?,
        ..Linking::default()
    };
    let erased = suppression::erased_hashes(tx)?;
    let (_, mut rows) = analysis.open_rows(plan)?;
    let preparer = Preparer::new(plan, analysis, &erased, (batch, &started), today);
    let mut ages = AgeMerge::new(today);
    let mut consent = ConsentWriter {
        conn: tx,
        batch,
        accept_upgrades: plan.accept_consent_upgrades,
        upgrade_reason: plan.upgrade_reason.clone(),
        refusals: if any_refusals(tx)? {
            Some(RefusalLookup::new(tx)?)
        } else {
            None
        },
        hash_key: HashKey::load(tx)?,
        tally: Tally::default(),
        memo: Default::default(),
    };
    let mut counts = Counts::default();
    let mut fold = Fold::default();
    // Reading and preparing rows (decoding, typing, parsing phone numbers) runs on a
    // second thread and its helper (`ahead`) while this one writes to SQLite, so they
    // overlap. Rows arrive in file order; an error ends the import.
    std::thread::scope(|scope| -> Result<(), ImportError> {
        let (send, receive) = mpsc::sync_channel(CHUNKS_AHEAD);
        // Written rows' strings go back to the reader (`ahead`), never waited for.
        let (give_back, spent) = mpsc::sync_channel(2);
        let preparer = &preparer;
        scope.spawn(move || read_ahead(&mut rows, preparer, &send, &spent));
        let mut chunks = 0u64;
        for chunk in receive {
            let chunk = chunk?;
            let mut strings = Vec::new();
            for prepared in chunk.rows {
                write_prepared(
                    (&mut writer, &mut consent),
                    analysis,
                    batch,
                    prepared,
                    (&mut linking, &mut fold, &mut ages),
                    (&mut counts, &mut strings),
                )?;
            }
            let _ = give_back.try_send(strings);
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
    writer.build_phone_indexes()?;
    if counts.duplicates > 0 {
        // Merges may have replaced consent statements that nothing references now.
        statements::sweep(tx)?;
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
    // The file's values joined those already stored in its existing fields: their
    // reasons say what sensitive values they hold now (`fields::held_note`).
    let existing: Vec<_> = stored()
        .filter(|c| !c.is_new)
        .map(|c| c.field.clone())
        .collect();
    warnings.extend(held_note::refresh(tx, &existing, &plan.actor, &file_name)?);
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
    let consent = consent.tally;
    let (added, kept) = (counts.added, consent.grants_kept[0]);
    super::no_consent_note::settle(&mut warnings, added, kept);
    warnings.extend(consent_warnings(plan, &consent));
    warnings.extend(super::ages::warnings(&ages));
    warnings.extend(super::moved_off_list::warning(tx, batch)?);
    let report = ImportReport {
        file: plan.display_name(),
        format: super::report::format_name(analysis),
        sheet: analysis.sheet.as_ref().map(|s| s.name.clone()),
        sep_line: analysis.sniffed.sep_line,
        archive: plan.archive.clone(),
        sha256: analysis.scan.sha256.clone(),
        encoding: analysis.scan.encoding.name().to_string(),
        encoding_source: analysis.scan.encoding_source.to_string(),
        delimiter: delimiter.clone(),
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
        consent_kept_withdrawn: consent.consent_kept,
        consent_not_applied: Channel::ALL
            .iter()
            .zip(consent.option_not_applied)
            .filter(|(c, _)| plan.consent.contains_key(c))
            .map(|(c, n)| (*c, n))
            .collect::<BTreeMap<_, _>>(),
        consent_upgrades: consent.upgrades,
        layout: analysis
            .map
            .recognised
            .as_ref()
            .map(|r| LayoutReport::new(r, analysis)),
        mapping: analysis.map.applied.clone(),
        skipped_columns: analysis.map.skipped.clone(),
        keyed_by_phone: counts.keyed_by_phone,
        phones: (!analysis.phone_columns.is_empty()).then(|| PhoneReport {
            region: analysis.region.map(|r| r.to_string()),
            region_source: analysis.region_source.to_string(),
            country_column: analysis
                .country_column
                .map(|i| analysis.columns[i].field.name.clone()),
            ..counts.phones
        }),
        contacts_age_unknown: contacts::count_age_unknown(tx)?,
        age_conflicts: ages.conflicts,
        orders,
        warnings,
        fields: FieldReport::all(analysis, plan.types),
        batch: (!plan.dry_run).then_some(batch),
        dry_run: plan.dry_run,
    };
    if counts.imported == 0 {
        return Err(nothing_imported(file_name, delimiter, analysis, report));
    }
    let counts_json = report.counts_json();
    batches::finish(tx, batch, &counts_json)?;
    audit::append(
        tx,
        &plan.actor,
        "import",
        &file_name,
        &json!({
            "batch": batch,
            "sha256": report.sha256,
            "counts": counts_json,
            // Why confirmed consent upgrades may stand (`--upgrade-reason`), on record.
            "upgrade_reason": plan.upgrade_reason,
        }),
    )?;
    Ok(report)
}

/// What the consent of the rows gives the user to read: opt-outs that stood, the rows
/// `--consent` did not fill, unknown words in consent columns, refused upgrades.
fn consent_warnings(plan: &ImportPlan, tally: &Tally) -> Vec<String> {
    let mut out = Vec::new();
    if tally.consent_kept > 0 {
        out.push(format!(
            "{} row{} said consent was granted where it had been withdrawn or had bounced; the opt-out was kept",
            tally.consent_kept,
            plural(tally.consent_kept)
        ));
    }
    for (i, channel) in Channel::ALL.iter().enumerate() {
        let n = tally.grants_removed[i];
        if n > 0 {
            out.push(format!(
                "{n} contact{} granted {channel} consent before {} now not asked: this file states no marketing permission for them (a non-marketing contact, never subscribed), so the earlier grant was removed",
                plural(n),
                if n == 1 { "is" } else { "are" }
            ));
        }
        let n = tally.option_not_applied[i];
        if let Some(state) = plan.consent.get(channel).filter(|_| n > 0) {
            out.push(format!(
                "--consent {channel}={state} did not apply to {n} row{}: the file states their {channel} consent",
                plural(n)
            ));
        }
        let n = tally.unknown_words[i];
        if n > 0 {
            out.push(format!(
                "{n} row{} {} a word in the {channel} consent column that is not a consent word, or a yes/no in a column read by its words alone (nothing says which way it goes); recorded as not asked (no --consent fills them)",
                plural(n),
                if n == 1 { "holds" } else { "hold" }
            ));
        }
    }
    // Only upgrades the option could confirm are worth the advice: an opt-out is never
    // turned back on (counted in `consent_kept` above), and with the option given
    // nothing it covers is refused, so the advice would be false.
    let confirmable = tally
        .upgrades
        .iter()
        .filter(|u| !u.applied && !u.from.is_sticky())
        .count() as u64;
    if confirmable > 0 && !plan.accept_consent_upgrades {
        out.push(format!(
            "{confirmable} consent upgrade{} refused (see consent_upgrades); pass --accept-consent-upgrades with --upgrade-reason TEXT (why) to confirm upgrades of declined or not-asked contacts",
            plural(confirmable)
        ));
    }
    out
}

/// The error for a file of which no row was imported (case BR-02), saying why: rows
/// rejected (with the first few), rows skipped because their contact was erased, blank
/// rows. It carries the report, without a batch (nothing was committed), so `--json`
/// still prints it.
fn nothing_imported(
    file: String,
    delimiter: String,
    analysis: &Analysis,
    mut report: ImportReport,
) -> ImportError {
    let rejected = &report.rows_rejected;
    let mut why: Vec<String> = rejected
        .iter()
        .take(5)
        .map(|r| format!("line {}: {}", r.line, r.reason))
        .collect();
    for (n, what) in [
        (report.rows_skipped_erased, "erased contacts"),
        (report.rows_skipped_blank, "blank"),
    ] {
        if n > 0 {
            why.push(format!("{n} row{} skipped: {what}", plural(n)));
        }
    }
    report.batch = None;
    ImportError::NothingImported {
        file,
        rows_read: analysis.rows_read,
        delimiter,
        encoding: analysis.scan.encoding.name().to_string(),
        rejected: rejected.len(),
        examples: if why.is_empty() {
            String::new()
        } else {
            format!(" ({})", why.join("; "))
        },
        report: Box::new(report),
    }
}
