//! The first pass: read every row once, without writing, to learn the columns.
//!
//! Owns what the importer knows before loading: the detected format, the platform layout
//! and column plan ([`super::mapping`]), each column's field name, type (from every
//! value), classification, consent meaning ([`super::column_kind`]) and spreadsheet
//! damage, the contact key column, the rejected rows and the warnings. Memory stays
//! bounded by the number of columns (plus a few example line numbers), never by rows.
//! Called by [`super::run`] (inside the import's transaction, so the fields it compares
//! against cannot change under it) and by [`super::detect`].

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::column_kind::{self, Facts, Kind};
use super::consent::evidence::EvidenceColumn;
use super::consent::row::FileStatus;
use super::consent::{self, ConsentColumn};
use super::decode::{self, Scan};
use super::infer::{ColumnStats, Inferred};
use super::key::{self, KeySource};
use super::mapping::ColumnMap;
use super::normalise::{self, Damage};
use super::read::{Row, Rows, Shape};
use super::report::plural;
use super::sniff::{self, Sniffed};
use super::{ImportError, ImportPlan, Phase, Progress, Rejected};
use crate::fields::classify::{ValueProfile, classify};
use crate::fields::{Field, FieldType, Role};
use crate::workspace::fields as stored_fields;

/// How many example line numbers a warning quotes.
const EXAMPLES: usize = 3;

/// One column of the file, as learned by the first pass.
#[derive(Debug, Clone)]
pub struct Column {
    /// The header as in the file (cleaned), or empty without a header row.
    pub header: String,
    /// The field this column fills: a new one (`is_new`) or the workspace's own.
    pub field: Field,
    pub is_new: bool,
    /// An existing integer field this file widens to decimal (the loader records it).
    pub widened: bool,
    /// The type values are stored with (the existing field's type for old fields).
    pub storage: Inferred,
    pub stats: ColumnStats,
}

/// Everything the first pass learned.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub scan: Scan,
    pub sniffed: Sniffed,
    pub columns: Vec<Column>,
    pub key: KeySource,
    /// The recognised layout, the imported columns and the mapping applied.
    pub map: ColumnMap,
    pub consent: Vec<ConsentColumn>,
    /// Consent evidence columns, in the layout's order.
    pub evidence: Vec<EvidenceColumn>,
    /// The consent the recognised layout states for every row.
    pub file_status: Option<FileStatus>,
    /// Index of the e-mail and phone columns, for the erasure check.
    pub email_column: Option<usize>,
    pub phone_column: Option<usize>,
    pub rejected: Vec<Rejected>,
    /// Data records read, including rejected and delimiter-only ones.
    pub rows_read: u64,
    pub rows_skipped_blank: u64,
    pub warnings: Vec<String>,
}

impl Analysis {
    /// The reader shape for the second pass.
    pub fn shape(&self, plan: &ImportPlan) -> Shape {
        Shape {
            encoding: self.scan.encoding,
            delimiter: self.sniffed.delimiter,
            has_header: self.sniffed.has_header,
            allow_ragged: plan.allow_ragged,
            replacement_is_data: self.scan.lossless_utf8,
        }
    }
}

#[derive(Debug, Clone, Default)]
struct DamageSeen {
    count: u64,
    lines: Vec<u64>,
}

/// Run the first pass over `plan.path`, comparing with the fields stored in `conn`.
///
/// Errors: I/O and decoding errors ([`ImportError::Undecodable`] names the encoding and
/// line), [`ImportError::Empty`], [`ImportError::UnknownKey`],
/// [`ImportError::TypeConflict`], [`ImportError::NoKeyColumn`].
pub fn analyse(
    conn: &Connection,
    plan: &ImportPlan,
    progress: &mut dyn FnMut(Progress),
) -> Result<Analysis, ImportError> {
    let scan = decode::scan(&plan.path, plan.encoding)?;
    let sniffed = sniff::sniff_file(&plan.path, &scan, plan.delimiter, plan.header)?;
    let shape = Shape {
        encoding: scan.encoding,
        delimiter: sniffed.delimiter,
        has_header: sniffed.has_header,
        allow_ragged: plan.allow_ragged,
        replacement_is_data: scan.lossless_utf8,
    };
    let (file_headers, mut rows) = Rows::open(&plan.path, shape)?;
    if file_headers.len() == 1
        && let Some(other) = sniff::CANDIDATES
            .iter()
            .find(|&&d| d != sniffed.delimiter && file_headers[0].contains(d as char))
    {
        return Err(ImportError::OneColumn {
            delimiter: sniff::describe(sniffed.delimiter),
            other: sniff::describe(*other),
        });
    }
    let map = ColumnMap::build(plan, &plan.file_name(), &file_headers)?;
    let width = map.columns.len();
    let mut stats = vec![ColumnStats::default(); width];
    let mut profiles = vec![ValueProfile::new(); width];
    let mut all_status = vec![true; width];
    let mut words = vec![0u64; width];
    let mut not_a_word: Vec<Option<String>> = vec![None; width];
    let mut stripped = vec![0u64; width];
    let mut damage: Vec<BTreeMap<Damage, DamageSeen>> = vec![BTreeMap::new(); width];
    let mut rejected = Vec::new();
    let (mut rows_read, mut blank) = (0u64, 0u64);
    while let Some(row) = rows.next_row()? {
        rows_read += 1;
        match row {
            Row::Blank { .. } => blank += 1,
            Row::Rejected { line, reason } => rejected.push(Rejected { line, reason }),
            Row::Data { line, values } => {
                let values = map.project(&values, Some(&mut stripped));
                for (i, value) in values.iter().enumerate() {
                    if value.is_empty() {
                        continue;
                    }
                    stats[i].observe(value, plan.types);
                    profiles[i].observe(value);
                    all_status[i] &= consent::is_status_value(value);
                    if consent::is_consent_word(value) {
                        words[i] += 1;
                    } else if not_a_word[i].is_none() {
                        not_a_word[i] = Some(value.clone());
                    }
                    if let Some(d) = normalise::damage(value) {
                        let seen = damage[i].entry(d).or_default();
                        seen.count += 1;
                        if seen.lines.len() < EXAMPLES {
                            seen.lines.push(line);
                        }
                    }
                }
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
    let mut warnings = map.warnings.clone();
    let layout_id = map.recognised.as_ref().map(|r| r.layout.id.clone());
    let existing: BTreeMap<String, Field> = stored_fields::list(conn)?
        .into_iter()
        .map(|f| (f.name.clone(), f))
        .collect();
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
        let (mut inferred, warning) = stats[i].infer(name, plan.types);
        warnings.extend(warning);
        let mut class = classify(&header, name, inferred.ty, &profiles[i]);
        // Phones and postcodes are identifiers, not quantities: stored as text so a
        // later file with `01067` or `+44 ...` fits the same field (case BR-05).
        if matches!(class.role, Role::Phone | Role::Postcode)
            && matches!(inferred.ty, FieldType::Integer | FieldType::Decimal)
        {
            inferred = Inferred {
                ty: FieldType::Text,
                order: None,
            };
        }
        let facts = Facts {
            index: i,
            name,
            spec: mapped.spec,
            layout: layout_id.as_deref(),
            non_blank: stats[i].non_blank,
            all_status: all_status[i],
            words: words[i],
            not_a_word: not_a_word[i].clone(),
        };
        match column_kind::decide(&facts, &mut class, &mut inferred) {
            Kind::Consent(c) => consent_columns.push(c),
            Kind::Evidence(e) => evidence.push(e),
            Kind::Plain => {}
        }
        if stripped[i] > 0 {
            warnings.push(format!(
                "column {header}: the leading apostrophe of {} value{} removed: {}'s export writes it on purpose so spreadsheets keep IDs, zips and phones as text (not spreadsheet damage)",
                stripped[i],
                plural(stripped[i]),
                map.recognised.as_ref().map_or("the platform", |r| r.layout.platform.as_str())
            ));
        }
        let (field, is_new, storage) = match existing.get(name) {
            Some(old) => {
                let mut field = old.clone();
                // Integer widens to decimal (review P2-5): every stored integer is a
                // decimal too, and SQLite's INTEGER column affinity keeps 12.5 as a
                // REAL while `Value::from_sql` reads both as a decimal, so the column
                // stays and only the field's type changes. Any other mismatch fails.
                if old.ty == FieldType::Integer
                    && !stats[i].fits(old.ty, plan.types)
                    && stats[i].fits(FieldType::Decimal, plan.types)
                {
                    field.ty = FieldType::Decimal;
                    warnings.push(format!(
                        "field {name} widened from integer to decimal: column {header} holds decimal values"
                    ));
                } else if !stats[i].fits(old.ty, plan.types) {
                    return Err(ImportError::TypeConflict {
                        header: header.clone(),
                        field: name.clone(),
                        existing: old.ty,
                        found: inferred.ty,
                    });
                }
                let storage = Inferred {
                    ty: field.ty,
                    order: stats[i].order_for_date(plan.types),
                };
                (field, false, storage)
            }
            None => (
                Field {
                    name: name.clone(),
                    header: header.clone(),
                    ty: inferred.ty,
                    role: class.role,
                    class: class.class,
                    reason: class.reason,
                    kind: class.kind,
                },
                true,
                inferred,
            ),
        };
        for (d, seen) in &damage[i] {
            warnings.push(format!(
                "column {header}: {} value{} {} (e.g. line{} {}); kept as they are",
                seen.count,
                plural(seen.count),
                d.describe(),
                plural(seen.lines.len() as u64),
                seen.lines
                    .iter()
                    .map(u64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let widened = !is_new && existing.get(name).is_some_and(|old| old.ty != field.ty);
        columns.push(Column {
            header,
            field,
            is_new,
            widened,
            storage,
            stats: stats[i].clone(),
        });
    }
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
    if cleaning.whitespace_replaced > 0 {
        warnings.push(format!(
            "{} tab or carriage return character{} inside values replaced by a space or line break",
            cleaning.whitespace_replaced,
            plural(cleaning.whitespace_replaced as u64)
        ));
    }
    check_room(existing.len(), columns.iter().filter(|c| c.is_new).count())?;
    let email_column = columns.iter().position(|c| c.field.role == Role::Email);
    let phone_column = columns.iter().position(|c| c.field.role == Role::Phone);
    // Evidence in the layout's order: which column a time is taken from first.
    if let Some(r) = &map.recognised {
        let order = super::layout::layouts().columns(r.layout);
        evidence.sort_by_key(|e| order.iter().position(|c| std::ptr::eq(c, e.spec)));
    }
    let file_status = map.recognised.as_ref().and_then(|r| {
        (!r.layout.status.is_empty()).then(|| FileStatus {
            layout: r.layout.id.clone(),
            states: r.layout.status.clone(),
        })
    });
    let key = key::choose(plan, &mut columns, email_column, &sniffed)?;
    key::check_fixed(conn, &columns, key)?;
    if key == KeySource::Generated {
        warnings.push(
            "no e-mail column and no --key: every row became its own contact with a generated key, so re-importing will not merge; pass --key FIELD to merge by an ID"
                .to_string(),
        );
    }
    for channel in crate::fields::Channel::ALL {
        let has_column = consent_columns.iter().any(|c| c.channel == channel)
            || file_status
                .as_ref()
                .is_some_and(|f| f.states.contains_key(&channel));
        if channel == crate::fields::Channel::Email
            && !has_column
            && !plan.consent.contains_key(&channel)
        {
            warnings.push(format!(
                "no {channel} consent column and no --consent {channel}=STATE: {channel} consent is not_asked, so {channel} campaigns will exclude these contacts"
            ));
        }
    }
    Ok(Analysis {
        scan,
        sniffed,
        columns,
        key,
        map,
        consent: consent_columns,
        evidence,
        file_status,
        email_column,
        phone_column,
        rejected,
        rows_read,
        rows_skipped_blank: blank,
        warnings,
    })
}

/// SQLite's default limit on the columns of a table (`SQLITE_MAX_COLUMN`).
const MAX_COLUMNS: usize = 2000;

/// The fixed columns of `contacts` (`_id`, `_key`, consent state, source and evidence
/// per channel, `_batch`, `_updated_batch`): see migrations/0001_init.sql and 0004.
const FIXED_COLUMNS: usize = 10;

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
