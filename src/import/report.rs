//! What an import did, for people (the CLI's report, the TUI) and scripts (`--json`).
//!
//! Owns the report shapes; the CLI renders them. Counts reconcile:
//! `rows_read = rows_imported + rows_rejected + rows_skipped_blank + rows_skipped_erased`,
//! and `rows_imported = contacts_added + duplicates_merged + orders.lines_joined` (the
//! last only with `--aggregate`: order lines with no contact key of their own).

use serde::Serialize;
use serde_json::json;

use std::collections::BTreeMap;

use super::ImportPlan;
use super::Rejected;
use super::analyse::{Analysis, Column};
use super::figures::OrdersReport;
use super::infer::{DateOrder, TypeOptions};
use super::layout::{EvidenceKind, Recognised};
use super::mapping::{MappingEntry, SkipEntry};
use super::plan::ArchiveMember;
use super::sniff;
use super::upsert::ConsentUpgrade;
use crate::fields::Channel;

/// The platform layout an import recognised, and what it decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LayoutReport {
    /// `mailchimp_unsubscribed`, `klaviyo_profiles`, ...
    pub id: String,
    pub platform: String,
    pub kind: String,
    /// `file name unsubscribed_members_export…` or `headers Email Address, UNSUB_TIME`.
    pub recognised_by: String,
    /// What the layout decided, one sentence each.
    pub decisions: Vec<String>,
}

impl LayoutReport {
    pub(crate) fn new(r: &Recognised, a: &Analysis) -> Self {
        let mut decisions: Vec<String> = r
            .layout
            .status
            .iter()
            .map(|(channel, state)| {
                format!(
                    "{channel} consent of every contact: {state} ({} {}), whatever --consent says",
                    r.layout.platform, r.layout.kind
                )
            })
            .collect();
        for m in &a.map.applied {
            decisions.push(format!(
                "column {} fills field {} ({})",
                m.header, m.field, m.by
            ));
        }
        for (i, c) in a.map.columns.iter().enumerate() {
            let Some(spec) = c.spec else {
                continue;
            };
            let header = &a.columns[i].header;
            if let Some(role) = spec.role.filter(|_| spec.evidence.is_none()) {
                decisions.push(format!("column {header}: role {role}"));
            }
            if let Some(ty) = spec.ty {
                decisions.push(format!("column {header}: type {ty}"));
            }
            if let Some(channel) = spec.consent {
                decisions.push(format!("column {header}: {channel} consent"));
            }
            if let (Some(kind), Some(channel)) = (spec.evidence, spec.channel) {
                let states: Vec<&str> = crate::fields::ConsentState::ALL
                    .iter()
                    .filter(|s| spec.evidences(**s))
                    .map(|s| s.as_str())
                    .collect();
                decisions.push(format!(
                    "column {header}: {} of the {channel} consent when {} (consent evidence, not a consent column)",
                    match kind {
                        EvidenceKind::Time => "time",
                        EvidenceKind::Ip => "IP address",
                    },
                    if states.len() == crate::fields::ConsentState::ALL.len() {
                        "stated".to_string()
                    } else {
                        states.join(" or ")
                    }
                ));
            }
            if spec.strip_apostrophe {
                decisions.push(format!(
                    "column {header}: a leading apostrophe is {}'s export convention and is removed",
                    r.layout.platform
                ));
            }
        }
        LayoutReport {
            id: r.layout.id.clone(),
            platform: r.layout.platform.clone(),
            kind: r.layout.kind.clone(),
            recognised_by: r.by.clone(),
            decisions,
        }
    }
}

/// One field of the file: the column's header, its field and whether the import
/// created it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldReport {
    pub name: String,
    pub header: String,
    #[serde(rename = "type")]
    pub ty: crate::fields::FieldType,
    pub role: crate::fields::Role,
    pub class: crate::fields::PrivacyClass,
    pub reason: String,
    /// True when this import created the field; false when it already existed.
    pub new: bool,
    /// For a date or datetime column: the order its dates were read in (`ymd` when
    /// every date is written year first), and how that order was settled.
    pub date_order: Option<DateOrder>,
    pub date_order_reason: Option<String>,
    /// For a decimal column of amounts: the currency sign or code they carried.
    pub currency: Option<String>,
}

impl FieldReport {
    pub(crate) fn from_column(c: &Column, opts: TypeOptions) -> Self {
        let dated = matches!(
            c.storage.ty,
            crate::fields::FieldType::Date | crate::fields::FieldType::Datetime
        ) && c.stats.non_blank > 0;
        FieldReport {
            name: c.field.name.clone(),
            header: c.header.clone(),
            ty: c.field.ty,
            role: c.field.role,
            class: c.field.class,
            reason: c.field.reason.clone(),
            new: c.is_new,
            date_order: dated.then(|| c.storage.order.unwrap_or(DateOrder::Ymd)),
            date_order_reason: dated.then(|| c.stats.date_order_reason(opts).to_string()),
            currency: c.storage.currency.map(str::to_string),
        }
    }

    /// The report's fields of `a`: every column stored as a field.
    pub(crate) fn all(a: &Analysis, opts: TypeOptions) -> Vec<FieldReport> {
        a.columns
            .iter()
            .filter(|c| !c.skip)
            .map(|c| FieldReport::from_column(c, opts))
            .collect()
    }
}

/// The outcome of importing one file (see the module doc for how counts add up).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportReport {
    /// The file as given, or `archive.zip/member.csv` for a member of a ZIP.
    pub file: String,
    /// `csv`, or the workbook format (`xlsx`, `xlsb`, `xls`, `ods`).
    pub format: String,
    /// The sheet read from a workbook.
    pub sheet: Option<String>,
    /// The first line was Excel's `sep=` delimiter hint (skipped).
    pub sep_line: bool,
    /// Where a member of a ZIP archive came from, and the archive's import order.
    pub archive: Option<ArchiveMember>,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
    /// WHATWG name of the encoding used (`UTF-8`, `windows-1252`, `UTF-16LE`).
    pub encoding: String,
    /// How it was chosen: `byte order mark`, `valid UTF-8`, `guessed from the bytes`,
    /// `--encoding`.
    pub encoding_source: String,
    /// `,`, `;`, `TAB` or `|`.
    pub delimiter: String,
    /// Whether the first row was read as the header.
    pub header: bool,
    /// The field used as contact key, or `generated`.
    pub key: String,
    pub rows_read: u64,
    pub rows_imported: u64,
    pub rows_rejected: Vec<Rejected>,
    /// Rows of delimiters and blanks only (`,,`); blank lines are not rows.
    pub rows_skipped_blank: u64,
    /// Rows of contacts erased earlier (they stay erased).
    pub rows_skipped_erased: u64,
    /// Rows merged into a contact that already existed or came earlier in the file.
    pub duplicates_merged: u64,
    pub contacts_added: u64,
    /// Contacts from earlier batches that this file updated.
    pub contacts_updated: u64,
    /// Contacts in the workspace after the import.
    pub contacts_total: u64,
    /// Rows whose "granted" was ignored because consent had been withdrawn or bounced.
    pub consent_kept_withdrawn: u64,
    /// Per channel given with `--consent`: rows it did not fill because the file
    /// states their consent (a consent column, or the status of a layout's file).
    pub consent_not_applied: BTreeMap<Channel, u64>,
    /// Every change into granted this file asked for, applied or refused.
    pub consent_upgrades: Vec<ConsentUpgrade>,
    /// The platform layout recognised, if any, and what it decided.
    pub layout: Option<LayoutReport>,
    /// Columns put into a field other than their own name (by the layout or `--map`).
    pub mapping: Vec<MappingEntry>,
    /// Columns left out with `--skip`.
    pub skipped_columns: Vec<SkipEntry>,
    /// Rows without an e-mail address identified by their phone number in E.164: keyed
    /// by it, or merged into the one contact holding it.
    pub keyed_by_phone: u64,
    /// What became of the file's phone numbers; `null` when it has no phone column.
    pub phones: Option<PhoneReport>,
    /// Contacts in the workspace whose date of birth, birth year or age could not be
    /// read (`contacts._age_unknown`): the minor check cannot judge them.
    pub contacts_age_unknown: u64,
    /// Rows whose date of birth, birth year or age disagreed with the value the
    /// contact already held (an earlier row of the file or an earlier import), and
    /// which value was kept: the youngest plausible age decides (`import::ages`).
    /// At most [`super::ages::MAX_LISTED`]; the warnings count them all.
    pub age_conflicts: Vec<super::ages::AgeConflict>,
    /// What `--aggregate` did with the file's orders.
    pub orders: Option<OrdersReport>,
    pub warnings: Vec<String>,
    pub fields: Vec<FieldReport>,
    /// The batch id (for `import undo`); `None` for a dry run.
    pub batch: Option<i64>,
    pub dry_run: bool,
}

impl ImportReport {
    /// Rows merged into a contact an earlier row of the same file had already added or
    /// updated: `duplicates_merged` counts those and the first row of every contact of
    /// an earlier batch, which is an update (`contacts_updated`), not a duplicate.
    pub fn repeated_in_file(&self) -> u64 {
        self.duplicates_merged.saturating_sub(self.contacts_updated)
    }

    /// The counts recorded with the batch.
    pub fn counts_json(&self) -> serde_json::Value {
        json!({
            "rows_read": self.rows_read,
            "rows_imported": self.rows_imported,
            "rows_rejected": self.rows_rejected.len(),
            "rows_skipped_blank": self.rows_skipped_blank,
            "rows_skipped_erased": self.rows_skipped_erased,
            "duplicates_merged": self.duplicates_merged,
            "contacts_added": self.contacts_added,
            "contacts_updated": self.contacts_updated,
            "consent_kept_withdrawn": self.consent_kept_withdrawn,
            "consent_not_applied": self.consent_not_applied,
            "consent_upgrades_applied": self.consent_upgrades.iter().filter(|u| u.applied).count(),
            "consent_upgrades_refused": self.consent_upgrades.iter().filter(|u| !u.applied).count(),
            "keyed_by_phone": self.keyed_by_phone,
            "contacts_age_unknown": self.contacts_age_unknown,
            "orders_added": self.orders.as_ref().map(|o| o.orders_added),
            "orders_updated": self.orders.as_ref().map(|o| o.orders_updated),
        })
    }
}

/// The phone numbers of one file: how they were read and what they became.
///
/// JSON: `{region, region_source, country_column, parsed, fixed_line, several_cells,
/// more_numbers, unparseable: [{line, field, value, reason}]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PhoneReport {
    /// The default region numbers without a country code were read in (`GB`), if any.
    pub region: Option<String>,
    /// `--region`, `workspace setting` or `none`.
    pub region_source: String,
    /// The column whose country, where it names one, decided instead.
    pub country_column: Option<String>,
    /// Values stored with their E.164 form, over every phone column of imported rows.
    pub parsed: u64,
    /// Of those, numbers the numbering plan knows as fixed lines: not SMS-capable.
    pub fixed_line: u64,
    /// Cells holding more than one number (`07911 123456 / 07700 900123`), each
    /// counted once in `parsed` as the number it is read as.
    pub several_cells: u64,
    /// The other numbers of those cells: not stored, suppressed when their row
    /// refuses SMS.
    pub more_numbers: u64,
    /// Values that are not phone numbers, by line: kept as written, with no E.164 form,
    /// so they are no SMS address and key no contact.
    pub unparseable: Vec<UnparseablePhone>,
}

/// A value of a phone column that is not a phone number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnparseablePhone {
    pub line: u64,
    /// The field (column) it is in.
    pub field: String,
    /// The value as written (at most 40 characters).
    pub value: String,
    pub reason: String,
}

/// What [`super::detect`] found, without writing anything.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detected {
    pub file: String,
    pub format: String,
    pub sheet: Option<String>,
    pub encoding: String,
    pub encoding_source: String,
    pub delimiter: String,
    pub header: bool,
    pub key: String,
    pub rows_read: u64,
    pub rows_rejected: Vec<Rejected>,
    pub rows_skipped_blank: u64,
    pub layout: Option<LayoutReport>,
    pub mapping: Vec<MappingEntry>,
    pub skipped_columns: Vec<SkipEntry>,
    pub warnings: Vec<String>,
    pub fields: Vec<FieldReport>,
}

impl Detected {
    pub(crate) fn from_analysis(plan: &ImportPlan, a: &Analysis) -> Self {
        Detected {
            file: plan.display_name(),
            format: format_name(a),
            sheet: a.sheet.as_ref().map(|s| s.name.clone()),
            encoding: a.scan.encoding.name().to_string(),
            encoding_source: a.scan.encoding_source.to_string(),
            delimiter: if a.sheet.is_some() {
                String::new()
            } else {
                sniff::describe(a.sniffed.delimiter)
            },
            header: a.sniffed.has_header,
            key: a.key_name(),
            rows_read: a.rows_read,
            rows_rejected: a.rejected.clone(),
            rows_skipped_blank: a.rows_skipped_blank,
            layout: a.map.recognised.as_ref().map(|r| LayoutReport::new(r, a)),
            mapping: a.map.applied.clone(),
            skipped_columns: a.map.skipped.clone(),
            warnings: a.warnings.clone(),
            fields: FieldReport::all(a, plan.types),
        }
    }
}

/// `csv`, or the workbook's format.
pub(crate) fn format_name(a: &Analysis) -> String {
    a.sheet
        .as_ref()
        .map_or("csv", |s| s.kind.as_str())
        .to_string()
}

/// `"s"` unless `n` is 1: the plural ending of the report's English nouns.
pub fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}
