//! What an import did, for people (the CLI's report, the TUI) and scripts (`--json`).
//!
//! Owns the report shapes; the CLI renders them. Counts reconcile:
//! `rows_read = rows_imported + rows_rejected + rows_skipped_blank + rows_skipped_erased`,
//! and `rows_imported = contacts_added + duplicates_merged`.

use serde::Serialize;
use serde_json::json;

use super::ImportPlan;
use super::Rejected;
use super::analyse::{Analysis, Column};
use super::sniff;

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
}

impl FieldReport {
    pub(crate) fn from_column(c: &Column) -> Self {
        FieldReport {
            name: c.field.name.clone(),
            header: c.header.clone(),
            ty: c.field.ty,
            role: c.field.role,
            class: c.field.class,
            reason: c.field.reason.clone(),
            new: c.is_new,
        }
    }
}

/// The outcome of importing one file (see the module doc for how counts add up).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportReport {
    pub file: String,
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
    /// Rows without an e-mail address identified by their phone number in E.164: keyed
    /// by it, or merged into the one contact holding it.
    pub keyed_by_phone: u64,
    /// What became of the file's phone numbers; `null` when it has no phone column.
    pub phones: Option<PhoneReport>,
    pub warnings: Vec<String>,
    pub fields: Vec<FieldReport>,
    /// The batch id (for `import undo`); `None` for a dry run.
    pub batch: Option<i64>,
    pub dry_run: bool,
}

impl ImportReport {
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
            "keyed_by_phone": self.keyed_by_phone,
        })
    }
}

/// The phone numbers of one file: how they were read and what they became.
///
/// JSON: `{region, region_source, country_column, parsed, fixed_line, unparseable:
/// [{line, field, value, reason}]}`.
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
    pub encoding: String,
    pub encoding_source: String,
    pub delimiter: String,
    pub header: bool,
    pub key: String,
    pub rows_read: u64,
    pub rows_rejected: Vec<Rejected>,
    pub rows_skipped_blank: u64,
    pub warnings: Vec<String>,
    pub fields: Vec<FieldReport>,
}

impl Detected {
    pub(crate) fn from_analysis(plan: &ImportPlan, a: &Analysis) -> Self {
        Detected {
            file: plan.path.display().to_string(),
            encoding: a.scan.encoding.name().to_string(),
            encoding_source: a.scan.encoding_source.to_string(),
            delimiter: sniff::describe(a.sniffed.delimiter),
            header: a.sniffed.has_header,
            key: a.key_name(),
            rows_read: a.rows_read,
            rows_rejected: a.rejected.clone(),
            rows_skipped_blank: a.rows_skipped_blank,
            warnings: a.warnings.clone(),
            fields: a.columns.iter().map(FieldReport::from_column).collect(),
        }
    }
}

/// `"s"` unless `n` is 1: the plural ending of the report's English nouns.
pub fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}
