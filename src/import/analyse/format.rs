//! The format of the file to import: text (its encoding and sniffed delimiter and
//! header) or a workbook (the sheet read whole, its first row deciding the header).
//! Split from [`super`], which opens the rows from it.

use std::sync::Arc;

use crate::import::decode::{self, Scan};
use crate::import::preamble;
use crate::import::sniff::{self, Sniffed};
use crate::import::source::{self, Kind};
use crate::import::workbook::{self, Sheet};
use crate::import::{ImportError, ImportPlan};

/// The format of `plan.path`: its scan, sniffed shape and (for a workbook) sheet.
pub(super) fn open_source(
    plan: &ImportPlan,
) -> Result<(Scan, Sniffed, Option<Arc<Sheet>>), ImportError> {
    match source::detect(&plan.path)? {
        Kind::Text => {
            if plan.sheet.is_some() {
                return Err(ImportError::BadOption(format!(
                    "--sheet applies to workbooks (xlsx, xls, ods); {} is a text file",
                    plan.display_name()
                )));
            }
            let scan = decode::scan(&plan.path, plan.encoding)?;
            let sniffed = sniff::sniff_file(&plan.path, &scan, plan.delimiter, plan.header)?;
            Ok((scan, at_line(sniffed, plan), None))
        }
        Kind::Workbook(kind) => {
            let sheet = workbook::read(&plan.path, kind, plan.sheet.as_deref())?;
            let mut scan = decode::scan(&plan.path, Some(encoding_rs::UTF_8))?;
            scan.encoding_source = "workbook cells are Unicode";
            scan.lossless_utf8 = true;
            // Title rows above the header, as in a text file (`import::preamble`).
            let preamble = match plan.header {
                Some(false) => 0,
                _ => {
                    let top = sheet.rows.iter().take(sniff::SAMPLE_RECORDS + 1);
                    let top: Vec<Vec<String>> = top.map(|(_, cells)| cells.clone()).collect();
                    preamble::records_above_header(&top)
                }
            };
            let first = sheet.rows.get(preamble).map(|(_, cells)| cells);
            let has_header = plan.header.unwrap_or_else(|| {
                first.is_none_or(|cells| !crate::import::header_row::holds_data(cells))
            });
            let sniffed = Sniffed {
                delimiter: b',',
                width: first.map_or(0, Vec::len),
                has_header,
                sep_line: false,
                preamble,
                header_line: None,
            };
            Ok((scan, at_line(sniffed, plan), Some(Arc::new(sheet))))
        }
        Kind::Archive => Err(ImportError::IsArchive {
            path: plan.path.clone(),
        }),
    }
}

/// `sniffed` with the user's `--header-line N`, which replaces the title lines found.
fn at_line(mut sniffed: Sniffed, plan: &ImportPlan) -> Sniffed {
    if let Some(line) = plan.header_line {
        sniffed.header_line = Some(line);
        sniffed.has_header = true;
        sniffed.preamble = 0;
    }
    sniffed
}
