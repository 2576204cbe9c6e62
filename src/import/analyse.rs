//! The first pass: read every row once, without writing, to learn the columns.
//!
//! Owns what the importer knows before loading: the detected format, each column's
//! field name, type (from every value), classification, consent meaning and spreadsheet
//! damage, the contact key column, the rejected rows and the warnings. Memory stays
//! bounded by the number of columns (plus a few example line numbers), never by rows.
//! Called by [`super::run`] (inside the import's transaction, so the fields it compares
//! against cannot change under it) and by [`super::detect`].

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::consent::{self, ConsentColumn};
use super::decode::{self, Scan};
use super::infer::{ColumnStats, Inferred};
use super::key::{self, KeySource};
use super::normalise::{self, Damage};
use super::read::{Row, Rows, Shape};
use super::report::plural;
use super::sniff::{self, Sniffed};
use super::{ImportError, ImportPlan, Phase, Progress, Rejected};
use crate::fields::classify::{ValueProfile, classify};
use crate::fields::phone::{self, Region};
use crate::fields::{Field, FieldType, PrivacyClass, Role};
use crate::workspace::{fields as stored_fields, phones};

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
    pub consent: Vec<ConsentColumn>,
    /// Index of the e-mail column, for the erasure check.
    pub email_column: Option<usize>,
    /// Indexes of the columns with the phone role, in file order: their numbers are
    /// parsed into E.164 (the first that parses keys a row without an e-mail address).
    pub phone_columns: Vec<usize>,
    /// The column giving a row's country, which decides numbers written without a
    /// country code (see `fields::phone::country_column`).
    pub country_column: Option<usize>,
    /// The default region for such numbers, and where it came from (`--region`,
    /// `workspace setting` or `none`).
    pub region: Option<Region>,
    pub region_source: &'static str,
    pub rejected: Vec<Rejected>,
    /// Data records read, including rejected and delimiter-only ones.
    pub rows_read: u64,
    pub rows_skipped_blank: u64,
    pub warnings: Vec<String>,
}

impl Analysis {
    /// The contact key as the report names it: the key field, the phone field for a
    /// key of phone numbers, or `generated`.
    pub fn key_name(&self) -> String {
        match self.key {
            KeySource::Column { index, .. } => self.columns[index].field.name.clone(),
            KeySource::Phone => self
                .phone_columns
                .first()
                .map_or_else(|| "phone".into(), |&i| self.columns[i].field.name.clone()),
            KeySource::Generated => "generated".to_string(),
        }
    }

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
    let (headers, mut rows) = Rows::open(&plan.path, shape)?;
    let width = headers.len();
    if width == 1
        && let Some(other) = sniff::CANDIDATES
            .iter()
            .find(|&&d| d != sniffed.delimiter && headers[0].contains(d as char))
    {
        return Err(ImportError::OneColumn {
            delimiter: sniff::describe(sniffed.delimiter),
            other: sniff::describe(*other),
        });
    }
    let mut stats = vec![ColumnStats::default(); width];
    let mut profiles = vec![ValueProfile::new(); width];
    let mut all_status = vec![true; width];
    let mut damage: Vec<BTreeMap<Damage, DamageSeen>> = vec![BTreeMap::new(); width];
    let mut rejected = Vec::new();
    let (mut rows_read, mut blank) = (0u64, 0u64);
    while let Some(row) = rows.next_row()? {
        rows_read += 1;
        match row {
            Row::Blank { .. } => blank += 1,
            Row::Rejected { line, reason } => rejected.push(Rejected { line, reason }),
            Row::Data { line, values } => {
                for (i, value) in values.iter().enumerate() {
                    if value.is_empty() {
                        continue;
                    }
                    stats[i].observe(value, plan.types);
                    profiles[i].observe(value);
                    all_status[i] &= consent::is_status_value(value);
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
    let mut warnings = Vec::new();
    let names = normalise::field_names(&headers);
    let existing: BTreeMap<String, Field> = stored_fields::list(conn)?
        .into_iter()
        .map(|f| (f.name.clone(), f))
        .collect();
    let mut columns = Vec::with_capacity(width);
    let mut consent_columns = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let header = if headers[i].is_empty() {
            name.clone()
        } else {
            headers[i].clone()
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
        let recognised = consent::recognise(name, all_status[i] && stats[i].non_blank > 0);
        if let Some((channel, polarity, reason)) = recognised.clone() {
            if class.role.consent_channel().is_none() {
                class.role = match channel {
                    crate::fields::Channel::Email => Role::ConsentEmail,
                    crate::fields::Channel::Sms => Role::ConsentSms,
                };
                class.class = PrivacyClass::Consent;
                class.kind = Some("consent".into());
                class.reason = reason.clone();
            }
            consent_columns.push(ConsentColumn {
                index: i,
                channel,
                polarity,
                reason,
            });
        } else if let Some(channel) = class.role.consent_channel() {
            consent_columns.push(ConsentColumn {
                index: i,
                channel,
                polarity: consent::polarity_from_name(name, all_status[i]),
                reason: class.reason.clone(),
            });
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
    let phone_columns: Vec<usize> = (0..columns.len())
        .filter(|&i| columns[i].field.role == Role::Phone)
        .collect();
    let phone_column = phone_columns.first().copied();
    let country_column = phone::country_column(columns.iter().map(|c| c.field.name.as_str()));
    let (region, region_source) = match plan.region {
        Some(r) => (Some(r), "--region"),
        None => match phones::region(conn)? {
            Some(r) => (Some(r), "workspace setting"),
            None => (None, "none"),
        },
    };
    let key = key::choose(plan, &mut columns, (email_column, phone_column), &sniffed)?;
    key::check_fixed(conn, &columns, key)?;
    if key == KeySource::Generated {
        warnings.push(
            "no e-mail column and no --key: every row became its own contact with a generated key, so re-importing will not merge; pass --key FIELD to merge by an ID"
                .to_string(),
        );
    }
    for channel in crate::fields::Channel::ALL {
        let has_column = consent_columns.iter().any(|c| c.channel == channel);
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
        consent: consent_columns,
        email_column,
        phone_columns,
        country_column,
        region,
        region_source,
        rejected,
        rows_read,
        rows_skipped_blank: blank,
        warnings,
    })
}

/// SQLite's default limit on the columns of a table (`SQLITE_MAX_COLUMN`).
const MAX_COLUMNS: usize = 2000;

/// The fixed columns of `contacts` (`_id`, `_key`, consent state and source per
/// channel, `_batch`, `_updated_batch`): see migrations/0001_init.sql.
const FIXED_COLUMNS: usize = 8;

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
