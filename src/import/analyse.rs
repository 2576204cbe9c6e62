//! The first pass: read every row once, without writing, to learn the columns.
//!
//! Owns what the importer knows before loading: the detected format (text, or which
//! workbook and sheet), the platform layout and column plan ([`super::mapping`]), each
//! column's field ([`super::columns`]), the contact key
//! column, the order columns of `--aggregate` ([`super::orders`]), the age columns,
//! the rejected rows and the warnings. Memory stays bounded by the number of columns
//! (plus a few example line numbers), never by rows; a workbook sheet is held in
//! memory once and shared by both passes. Called by [`super::run`] (inside the
//! import's transaction, so the fields it compares against cannot change under it)
//! and by [`super::detect`].

mod analysis;
mod format;

use std::collections::BTreeMap;
use std::sync::Arc;

use rusqlite::Connection;

use super::age_roles::GroupsSeen;
use super::big_cells::BigCells;
use super::column_kind::Kind as ColumnKind;
use super::columns::{self, DamageSeen, Seen};
use super::consent;
use super::consent::words::Word;
use super::infer::ColumnStats;
use super::key::{self, KeySource};
use super::mapping::ColumnMap;
use super::normalise::{self, Damage};
use super::orders;
use super::read::{Row, Rows, Shape};
use super::report::plural;
use super::short_rows::ShortRows;
use super::skipped_ages;
use super::skipped_consent;
use super::skipped_refusal;
use super::sniff;
use super::{ImportError, ImportPlan, Phase, Progress, Rejected};
use crate::fields::classify::ValueProfile;
use crate::fields::phone;
use crate::fields::{Channel, Field, Role};
use crate::workspace::fields as stored_fields;

pub use analysis::{Analysis, Column};
use format::open_source;

/// How many example line numbers a warning quotes.
const EXAMPLES: usize = 3;

/// Run the first pass over `plan.path`, comparing with the fields stored in `conn`.
///
/// Errors: I/O and decoding errors ([`ImportError::Undecodable`] names the encoding and
/// line), [`ImportError::Empty`], [`ImportError::UnknownKey`],
/// [`ImportError::TypeConflict`], [`ImportError::NoKeyColumn`], workbook errors,
/// [`ImportError::IsArchive`] for a ZIP (see [`super::run_all`]),
/// [`ImportError::NulBytes`] when most lines hold NUL bytes, and a skipped column that
/// hides a refusal or a minor ([`skipped_consent`], [`skipped_refusal`], [`skipped_ages`], read on `today`),
/// a skipped title line naming someone and an opt-out ([`super::title_refusal`]), and
/// a `--header-line N` that does not read as a header ([`super::header_line`]).
pub fn analyse(
    conn: &Connection,
    plan: &ImportPlan,
    today: chrono::NaiveDate,
    progress: &mut dyn FnMut(Progress),
) -> Result<Analysis, ImportError> {
    let (scan, sniffed, sheet) = open_source(plan)?;
    let shape = Shape {
        encoding: scan.encoding,
        delimiter: sniffed.delimiter,
        has_header: sniffed.has_header,
        replacement_is_data: scan.lossless_utf8,
        sep_line: sniffed.sep_line,
        preamble: sniffed.preamble,
        header_line: sniffed.header_line,
    };
    let (headers, mut rows) = match &sheet {
        Some(s) => Rows::from_sheet(Arc::clone(s), shape, scan.size)?,
        None => Rows::open(&plan.path, shape)?,
    };
    if headers.len() == 1
        && sheet.is_none()
        && let Some(other) = sniff::CANDIDATES
            .iter()
            .find(|&&d| d != sniffed.delimiter && headers[0].contains(d as char))
    {
        return Err(ImportError::OneColumn {
            delimiter: sniff::describe(sniffed.delimiter),
            other: sniff::describe(*other),
        });
    }
    super::title_refusal::check(&rows.preamble, rows.header_at, &plan.file_name())?;
    let mut header_line = (sniffed.header_line)
        .map(|line| super::header_line::HeaderLine::new(line, &headers, &rows.preamble));
    let stored = stored_fields::list(conn)?;
    let map = ColumnMap::build(plan, &plan.file_name(), &headers, &stored)?;
    let mut skipped_consent = skipped_consent::find(&map, &headers);
    let mut skipped_ages = skipped_ages::find(&map, &headers);
    let mut skipped_refusal = skipped_refusal::find(&map, &headers);
    let width = map.columns.len();
    let mut stats = vec![ColumnStats::default(); width];
    let mut profiles = vec![ValueProfile::new(); width];
    let mut all_status = vec![true; width];
    let mut words = vec![0u64; width];
    // Dates are counted only where an opt-out or bounce header may hold them
    // (`Unsubscribed`, a column mapped to `opt_out`): parsing every cell of every column
    // as a date would slow the first pass for nothing.
    let date_columns: Vec<bool> = map
        .columns
        .iter()
        .map(|c| consent::dates::may_hold_refusal_dates(&c.name, &c.header))
        .collect();
    let mut dates = vec![0u64; width];
    // Status words (`active`, `removed`) count only under a consent-ish header.
    let status_columns: Vec<bool> = (map.columns.iter())
        .map(|c| {
            consent::words::consent_stem(&c.name).is_some()
                || consent::sounds::consent_ish(&c.name).is_some()
        })
        .collect();
    let mut status_words = vec![0u64; width];
    let mut not_a_word: Vec<Option<String>> = vec![None; width];
    let mut not_a_word_line: Vec<Option<u64>> = vec![None; width];
    let mut first_value: Vec<Option<(String, u64)>> = vec![None; width];
    let mut stating = vec![0u64; width];
    let mut first_stating: Vec<Option<(String, u64)>> = vec![None; width];
    let mut refusal_words = vec![0u64; width];
    let mut first_refusal: Vec<Option<(String, u64)>> = vec![None; width];
    let mut first_yes_no: Vec<Option<(String, u64)>> = vec![None; width];
    let mut all_ip = vec![true; width];
    let mut groups: Vec<GroupsSeen> = (map.columns.iter())
        .map(|c| GroupsSeen::new(&c.name, &c.header))
        .collect();
    let mut stripped = vec![0u64; width];
    let mut damage: Vec<BTreeMap<Damage, DamageSeen>> = vec![BTreeMap::new(); width];
    let mut big_cells = BigCells::default();
    let mut address_junk = super::address_junk::AddressJunk::new(width);
    let names: Vec<&str> = map.columns.iter().map(|c| c.name.as_str()).collect();
    let mut lost_zeros = super::lost_zeros::LostZeros::new(&names, plan.region);
    let mut rejected = Vec::new();
    let mut short = ShortRows::new(headers.len(), plan.allow_ragged);
    let (mut rows_read, mut blank) = (0u64, 0u64);
    let mut words_memo = super::repeats::Repeats::per_column(width);
    // The last data row's strings, given back to the reader to clean the next into.
    let mut spare = Vec::new();
    while let Some(row) = rows.next_row_reusing(std::mem::take(&mut spare))? {
        rows_read += 1;
        if let Row::Short { line, fields, .. } = row {
            short.observe(line, fields);
        }
        if let Some(check) = &mut header_line {
            match &row {
                Row::Data { line, values } | Row::Short { line, values, .. } => {
                    check.observe(*line, values)?
                }
                Row::Rejected { line, cells, .. } => check.observe(*line, cells)?,
                Row::Blank { .. } => {}
            }
        }
        match row {
            Row::Blank { .. } => blank += 1,
            Row::Rejected { line, reason, .. } => rejected.push(Rejected { line, reason }),
            Row::Data { line, values } | Row::Short { line, values, .. } => {
                for s in &mut skipped_consent {
                    s.observe(line, &values);
                }
                for s in &mut skipped_ages {
                    s.observe(line, &values, today);
                }
                for s in &mut skipped_refusal {
                    s.observe(line, &values);
                }
                lost_zeros.observe_with(line, width, |i| map.project_str(&values, i).0);
                for i in 0..width {
                    let (value, apostrophe) = map.project_str(&values, i);
                    stripped[i] += u64::from(apostrophe);
                    if value.is_empty() {
                        continue;
                    }
                    big_cells.observe(line, i, value);
                    address_junk.observe(line, i, value);
                    stats[i].observe(value, line, plan.types);
                    profiles[i].observe(value);
                    // One fold of the value answers all the word questions below;
                    // a value the column repeats is read once.
                    let (status, (word, states)) = words_memo[i].answer(value, |v| {
                        let status = consent::is_status_value(v);
                        (status, consent::words::word_and_statement(v))
                    });
                    all_status[i] &= status;
                    if first_value[i].is_none() {
                        first_value[i] = Some((value.to_string(), line));
                    }
                    // Parsed only while every value so far was an address.
                    all_ip[i] = all_ip[i] && value.parse::<std::net::IpAddr>().is_ok();
                    groups[i].observe(value, line);
                    if states {
                        stating[i] += 1;
                        if first_stating[i].is_none() {
                            first_stating[i] = Some((value.to_string(), line));
                        }
                    }
                    if matches!(word, Word::Refused | Word::OptedOut) {
                        refusal_words[i] += 1;
                        if first_refusal[i].is_none() {
                            first_refusal[i] = Some((value.to_string(), line));
                        }
                    }
                    if first_yes_no[i].is_none() && matches!(word, Word::Yes | Word::No) {
                        first_yes_no[i] = Some((value.to_string(), line));
                    }
                    if word != Word::Other || status {
                        words[i] += 1;
                    } else if date_columns[i] && consent::dates::is_date(value) {
                        // Readable there: the day of an opt-out, not a stray word.
                        dates[i] += 1;
                    } else {
                        status_words[i] +=
                            u64::from(status_columns[i] && consent::sounds::is_status_word(value));
                        if not_a_word[i].is_none() {
                            not_a_word[i] = Some(value.to_string());
                            not_a_word_line[i] = Some(line);
                        }
                    }
                    if let Some(d) = normalise::damage(value) {
                        let seen = damage[i].entry(d).or_default();
                        seen.count += 1;
                        if seen.lines.len() < EXAMPLES {
                            seen.lines.push(line);
                        }
                    }
                }
                spare = values;
            }
        }
        if rows_read.is_multiple_of(8192) {
            progress(Progress {
                phase: Phase::Analyse,
                bytes_done: rows.bytes_done(),
                bytes_total: scan.size,
            });
        }
    }
    if let Some(check) = &mut header_line {
        check.finish()?;
    }
    skipped_consent::check(&skipped_consent)?;
    skipped_refusal::check(&skipped_refusal)?;
    skipped_ages::check(&skipped_ages, &plan.file_name())?;
    // One damaged line is rejected alone; NULs in most lines mean the encoding is wrong.
    if let Some(line) = rows.first_nul_line
        && rows.nul_rows >= 2
        && rows.nul_rows * 2 > rows_read
    {
        return Err(ImportError::NulBytes {
            line,
            where_: "most lines",
        });
    }
    let mut warnings = map.warnings.clone();
    if !rows.preamble.is_empty() {
        warnings.push(super::preamble::warning(&rows.preamble, rows.header_at));
    }
    warnings.extend(big_cells.warning(|i| map.columns[i].header.clone()));
    if let Some(s) = sheet.as_ref().filter(|s| !s.others.is_empty()) {
        warnings.push(format!(
            "read sheet `{}`, the workbook's first visible worksheet; it has other sheets too ({}): pass --sheet NAME to import one of them",
            s.name,
            s.others.join(", ")
        ));
    }
    if let Some(s) = &sheet {
        warnings.extend(super::opt_out_file::sheets_beside(
            plan, &s.name, &s.besides,
        ));
    }
    if let Some(s) = &sheet
        && s.error_cells > 0
    {
        warnings.push(format!(
            "{} cell{} of the workbook hold{} spreadsheet errors, kept as text: {}",
            s.error_cells,
            plural(s.error_cells),
            if s.error_cells == 1 { "s" } else { "" },
            s.error_examples.join(", ")
        ));
    }
    let layout_id = map.recognised.as_ref().map(|r| r.layout.id.clone());
    let sheet_name = sheet.as_ref().map(|s| s.name.as_str());
    let layout = map.recognised.as_ref().map(|r| r.layout);
    let others = sheet
        .as_ref()
        .map(|s| s.others.as_slice())
        .unwrap_or_default();
    super::opt_out_file::check_other_sheets(plan, sheet_name, others)?;
    super::opt_out_file::check(plan, layout, sheet_name)?;
    let existing: BTreeMap<String, Field> =
        stored.into_iter().map(|f| (f.name.clone(), f)).collect();
    let provenance = stored_fields::provenance(conn)?;
    let file_name = plan.file_name();
    let mut columns = Vec::with_capacity(width);
    let mut consent_columns = Vec::new();
    let mut evidence = Vec::new();
    for (i, mapped) in map.columns.iter().enumerate() {
        let name = &mapped.name;
        let header = if mapped.header.is_empty() {
            name.clone()
        } else {
            mapped.header.clone()
        };
        warnings.extend(map.stripped_warning(&header, stripped[i]));
        let decision = crate::workspace::decisions::get(conn, name)?;
        let seen = Seen {
            headerless: mapped.header.is_empty(),
            header,
            name,
            stats: &stats[i],
            profile: &profiles[i],
            all_status: all_status[i],
            damage: &damage[i],
            spec: mapped.spec,
            renamed: mapped.renamed,
            decision: decision.as_ref(),
            layout: layout_id.as_deref(),
            words: words[i],
            status_words: status_words[i],
            dates: dates[i],
            not_a_word: not_a_word[i].clone(),
            not_a_word_line: not_a_word_line[i],
            first_value: first_value[i].take(),
            stating: stating[i],
            first_stating: first_stating[i].take(),
            refusal_words: refusal_words[i],
            first_refusal: first_refusal[i].take(),
            first_yes_no: first_yes_no[i].take(),
            all_ip: all_ip[i],
            file: &file_name,
            groups: &groups[i],
        };
        let stored = existing
            .get(name)
            .map(|f| (f, provenance.iter().find(|p| p.field == *name)));
        let (column, kind) = columns::build(i, &seen, stored, plan, &mut warnings)?;
        columns.push(column);
        match kind {
            ColumnKind::Consent(c) => consent_columns.push(c),
            ColumnKind::Evidence(e) => evidence.push(e),
            ColumnKind::Plain => {}
        }
    }
    warnings.extend(lost_zeros.warnings(&columns));
    warnings.extend(address_junk.warnings(&columns));
    map.order_evidence(&mut evidence);
    let file_status = map.file_status();
    if let Some(first) = rows.replacement_records.first() {
        warnings.push(format!(
            "{} row{} hold the replacement character U+FFFD, already damaged in the file (e.g. line {first}); kept as they are",
            rows.replacement_records.len(),
            plural(rows.replacement_records.len() as u64)
        ));
    }
    let cleaning = rows.cleaning;
    if cleaning.controls_removed > 0 {
        warnings.push(format!(
            "{} control character{} removed from values",
            cleaning.controls_removed,
            plural(cleaning.controls_removed as u64)
        ));
    }
    if cleaning.sequences_removed > 0 {
        warnings.push(format!(
            "{} terminal escape sequence{} (colour codes, window titles: ESC [31m, ESC ]0;… BEL) removed from values, whole",
            cleaning.sequences_removed,
            plural(cleaning.sequences_removed as u64)
        ));
    }
    if cleaning.whitespace_replaced > 0 {
        warnings.push(format!(
            "{} tab or carriage return character{} inside values replaced by a space or line break",
            cleaning.whitespace_replaced,
            plural(cleaning.whitespace_replaced as u64)
        ));
    }
    let orders = match &plan.aggregate {
        Some(options) => Some(super::figures::aggregate_columns(
            &mut columns,
            options,
            &existing,
        )?),
        None => {
            let names: Vec<&str> = columns.iter().map(|c| c.field.name.as_str()).collect();
            if orders::is_shopify_orders(&names) {
                warnings.push(
                    "this looks like a Shopify orders export (a row per order line): pass --aggregate to turn its orders into per-contact figures (order count, total, first and last order date)"
                        .to_string(),
                );
            }
            None
        }
    };
    let new_fields = columns.iter().filter(|c| c.is_new && !c.skip).count();
    check_room(existing.len(), new_fields)?;
    let email_column = columns.iter().position(|c| c.field.role == Role::Email);
    // Order columns (`--aggregate`) are not stored in `contacts`: no phone among them.
    let phone_columns: Vec<usize> = (0..columns.len())
        .filter(|&i| columns[i].field.role == Role::Phone && !columns[i].skip)
        .collect();
    let phone_column = phone_columns.first().copied();
    let country_column = phone::country_column(columns.iter().map(|c| c.field.name.as_str()));
    let (region, region_source, other_regions) = super::row_phones::default_region(plan, conn)?;
    let key = key::choose(plan, &mut columns, (email_column, phone_column), &sniffed).map_err(
        |e| match (e, &sheet) {
            // A workbook has no delimiter to blame: name the sheet read and the others.
            (ImportError::NoKeyColumn { .. }, Some(s)) => ImportError::SheetNoKey {
                sheet: s.name.clone(),
                others: s.others.join(", "),
            },
            (e, _) => e,
        },
    )?;
    if let KeySource::Column { index, .. } = key
        && columns[index].skip
    {
        return Err(ImportError::BadOption(format!(
            "--aggregate: column {} is an order column and cannot be the contact key",
            columns[index].header
        )));
    }
    key::check_fixed(conn, &columns, key, &key::generated_prefix(&scan.sha256))?;
    let ids = key::settle_roles(&mut columns, key);
    if key == KeySource::Generated {
        let hint = match ids.first() {
            Some(id) => format!("`{id}` looks like a customer ID: pass --key {id} to merge by it"),
            None => "pass --key FIELD to merge by an ID".to_string(),
        };
        warnings.push(format!(
            "no e-mail or phone column and no --key: every row became its own contact with a generated key, so re-importing will not merge; {hint}"
        ));
    }
    let has_email_consent = consent_columns.iter().any(|c| c.channel == Channel::Email)
        || file_status
            .as_ref()
            .is_some_and(|f| f.states.contains_key(&Channel::Email));
    if !has_email_consent && !plan.consent.contains_key(&Channel::Email) {
        warnings.push(super::no_consent_note::warning(None));
    }
    let age_columns = columns
        .iter()
        .enumerate()
        // Tags name age groups (`teen`): merged as ages are (session 12 trial, G13).
        .filter(|(_, c)| {
            !c.skip
                && (super::age_roles::is_age_role(c.field.role)
                    || c.field.role == crate::fields::Role::Tags)
        })
        .map(|(i, _)| i)
        .collect();
    let mut analysis = Analysis {
        scan,
        sniffed,
        sheet,
        columns,
        key,
        map,
        consent: consent_columns,
        evidence,
        file_status,
        email_column,
        phone_columns,
        country_column,
        region,
        region_source,
        other_regions,
        age_columns,
        orders,
        rejected,
        rows_read,
        rows_skipped_blank: blank,
        warnings,
        short_rows: ShortRows::default(),
    };
    short.guards = super::short_rows::guards(&analysis);
    let (short_rejected, padded) = short.settle();
    analysis.rejected.extend(short_rejected);
    analysis.rejected.sort_by_key(|r| r.line);
    analysis.warnings.extend(padded);
    analysis.short_rows = short;
    Ok(analysis)
}

/// SQLite's default limit on the columns of a table (`SQLITE_MAX_COLUMN`).
const MAX_COLUMNS: usize = 2000;

/// The fixed columns of `contacts` (`_id`, `_key`, consent state, source and evidence
/// per channel, `_batch`, `_updated_batch`, `_age_unknown`): see migrations 0001,
/// 0004, 0007.
const FIXED_COLUMNS: usize = 11;

/// Fail before any ALTER TABLE when the new fields would pass SQLite's column limit
/// (review P2-4), instead of a raw SQLite error half way through the batch.
fn check_room(existing: usize, new: usize) -> Result<(), ImportError> {
    let room = MAX_COLUMNS.saturating_sub(FIXED_COLUMNS + existing);
    if new > room {
        return Err(ImportError::TooManyColumns {
            new,
            room,
            max: MAX_COLUMNS,
            fixed: FIXED_COLUMNS,
        });
    }
    Ok(())
}
