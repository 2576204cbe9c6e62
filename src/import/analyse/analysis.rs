//! What the first pass learned: the file's columns, their fields and the columns that
//! play a part (key, consent, evidence, e-mail, phones, country, ages, orders), the
//! rejected rows and the warnings, and how to open the rows again for the second pass.
//! Split from [`super`], which builds it.

use std::sync::Arc;

use crate::fields::Field;
use crate::fields::phone::Region;
use crate::import::consent::ConsentColumn;
use crate::import::consent::evidence::EvidenceColumn;
use crate::import::consent::row::FileStatus;
use crate::import::decode::Scan;
use crate::import::infer::{ColumnStats, Inferred};
use crate::import::key::KeySource;
use crate::import::mapping::ColumnMap;
use crate::import::orders::OrderColumns;
use crate::import::read::{Rows, Shape};
use crate::import::reclassify::Reclassification;
use crate::import::sniff::Sniffed;
use crate::import::workbook::Sheet;
use crate::import::{ImportError, ImportPlan, Rejected};

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
    /// What this file's values did to an existing field's class (see [`reclassify`]).
    pub reclassified: Option<Reclassification>,
    /// A person's decision applied again to this new field ([`crate::import::decided`]).
    pub decided: Option<crate::import::decided::Decided>,
    /// The type values are stored with (the existing field's type for old fields).
    pub storage: Inferred,
    pub stats: ColumnStats,
    /// Read but not stored as a contact field (the order columns of `--aggregate`).
    pub skip: bool,
    /// A column that may state consent but that no rule reads
    /// (`column_kind::unread_consent`): a row whose value in it may refuse stops the
    /// import when its contact has a grant on record (`import::unread_refusal`).
    pub unread: Option<crate::import::column_kind::Unread>,
}

/// Everything the first pass learned.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub scan: Scan,
    pub sniffed: Sniffed,
    /// The workbook sheet read, for workbooks.
    pub sheet: Option<Arc<Sheet>>,
    pub columns: Vec<Column>,
    pub key: KeySource,
    /// The recognised layout, the imported columns and the mapping applied.
    pub map: ColumnMap,
    pub consent: Vec<ConsentColumn>,
    /// Consent evidence columns, in the layout's order.
    pub evidence: Vec<EvidenceColumn>,
    /// The consent the recognised layout states for every row.
    pub file_status: Option<FileStatus>,
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
    /// With the workspace's region as the default, the other regions its imports used
    /// (`workspace::regions`): a row refusing SMS refuses its national numbers read in
    /// each of them too (`import::row_phones::other_readings`).
    pub other_regions: Vec<Region>,
    /// Date-of-birth, birth-year and age columns: the minor check reads each of their
    /// values ([`crate::import::ages`]).
    pub age_columns: Vec<usize>,
    /// The order columns, with `--aggregate`.
    pub orders: Option<OrderColumns>,
    pub rejected: Vec<Rejected>,
    /// Data records read, including rejected and delimiter-only ones.
    pub rows_read: u64,
    pub rows_skipped_blank: u64,
    pub warnings: Vec<String>,
    /// How short rows are read: padded, or rejected when a missing cell would decide
    /// a safeguard ([`crate::import::short_rows`]).
    pub short_rows: crate::import::short_rows::ShortRows,
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
    pub fn shape(&self) -> Shape {
        Shape {
            encoding: self.scan.encoding,
            delimiter: self.sniffed.delimiter,
            has_header: self.sniffed.has_header,
            replacement_is_data: self.scan.lossless_utf8,
            sep_line: self.sniffed.sep_line,
            preamble: self.sniffed.preamble,
            header_line: self.sniffed.header_line,
        }
    }

    /// Open the rows again for the second pass.
    pub fn open_rows(&self, plan: &ImportPlan) -> Result<(Vec<String>, Rows), ImportError> {
        match &self.sheet {
            Some(sheet) => Rows::from_sheet(Arc::clone(sheet), self.shape(), self.scan.size),
            None => Rows::open(&plan.path, self.shape()),
        }
    }
}
