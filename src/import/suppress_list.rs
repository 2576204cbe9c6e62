//! Reading a suppression list into addresses, losing none silently.
//!
//! A list is a file with one address per line, a CSV with e-mail and/or phone columns
//! (read with the importer's decoding and sniffing), or a workbook's sheet. An
//! opt-out must never be dropped without a word, so where the file is not what its
//! header says, every cell is searched instead of the address columns only: a row with
//! more or fewer fields than the header (an unquoted comma in a name shifts the e-mail
//! into another column), a row the reader rejects (text after a closing quote, a NUL
//! byte), a cell holding several addresses or a display name (`Ana <ana@example.com>`).
//! Each such row is reported with its line and column, and so is a number a spreadsheet
//! damaged (`4.47700900601E+11`, `#N/A`: digits lost), never read as text. Phone numbers are read in the
//! row's country (a country column), else in each of the regions given (every region the
//! workspace's imports used, `workspace::regions`): a number written without its
//! country code gives one entry per reading, and its line is counted apart so the
//! caller says so; where no region is known it is kept as its digits, which
//! `campaign::suppressed` matches in every region, and counted apart too, so the
//! caller says so. What one cell holds is read by [`cell`]; this module reads rows and
//! columns and reports. Called by [`super::suppress`].

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use super::read::{Row, Rows, Shape};
use super::source::{self, Kind};
use super::workbook::{self, Sheet};
use super::{ImportError, decode, normalise};
use crate::fields::phone::{self, Region};

mod cell;

use cell::{Cell, is_value, read_cell};

/// One address read from the list, in normal form (see [`super::suppress`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListAddress {
    /// `email` or `phone`.
    pub kind: &'static str,
    pub value: String,
}

/// A value that was not added, or a row that was read in a way its header does not
/// say: where (1-based line, the column's header or `field N`) and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListNote {
    pub line: u64,
    pub column: String,
    pub reason: String,
    /// The 1-based field of the line (`file:line:field` in the error that refuses a
    /// list read in part).
    #[serde(skip)]
    pub field: usize,
    /// Whether an opt-out may be lost here: a value not added, or a row that does not
    /// line up with the header and gave no address. Such a list is refused unless the
    /// user accepts it (`tactful suppress --accept-unread`).
    #[serde(skip)]
    pub lost: bool,
}

/// What reading a list found.
#[derive(Debug, Default)]
pub struct ListRead {
    pub addresses: Vec<ListAddress>,
    /// Values not added, with line, column and reason.
    pub skipped: Vec<ListNote>,
    /// Rows with more or fewer fields than the header, or that the reader rejected,
    /// whose every field was searched for addresses.
    pub ragged: Vec<ListNote>,
    /// Lines of numbers written without a country code while no region was known:
    /// kept as their digits, matched in every region.
    pub needs_region: Vec<u64>,
    /// Lines of numbers written without a country code that read as different numbers
    /// in the regions given: every reading was added.
    pub several_regions: Vec<u64>,
    /// The line read as the header, when one was: its line and fields. Said in the
    /// report, so a first line taken for names is never an opt-out lost without a word.
    pub header: Option<ListHeader>,
    /// For a workbook: the sheet read, and the workbook's other worksheets when the
    /// sheet was taken by default (no `--sheet`).
    pub sheet: Option<String>,
    pub other_sheets: Vec<String>,
}

/// The line of a list read as its header: where, and the names it gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListHeader {
    pub line: u64,
    pub fields: Vec<String>,
}

/// Read every address of `path` (of its sheet `sheet`, for a workbook; else its first
/// visible sheet); numbers without a country code are read in the row's country, else
/// in each of `regions`.
///
/// Errors: reading and decoding errors as for imports.
pub fn read(path: &Path, sheet: Option<&str>, regions: &[Region]) -> Result<ListRead, ImportError> {
    let (mut shape, sheet) = open(path, sheet)?;
    let reopen = |shape: Shape| match &sheet {
        Some(sheet) => Rows::from_sheet(Arc::clone(sheet), shape, 0),
        None => Rows::open(path, shape),
    };
    let (mut headers, mut rows) = reopen(shape)?;
    let (sheet_name, other_sheets) = match &sheet {
        Some(s) => (Some(s.name.clone()), s.others.clone()),
        None => (None, Vec::new()),
    };
    // A header holds names, never addresses: a list whose first line is an address or
    // a number, even one that cannot be read (a one-line list, or a first value the
    // sniffer took for a name), has no header, and its first line is an opt-out like
    // the others, added or reported.
    if shape.has_header && headers.iter().any(|h| is_value(h, regions)) {
        shape.has_header = false;
        (headers, rows) = reopen(shape)?;
    }
    let names = normalise::field_names(&headers);
    let columns = address_columns(&names);
    let country = phone::country_column(names.iter().map(String::as_str));
    let column_name = |i: usize| match headers.get(i).filter(|h| !h.is_empty()) {
        Some(h) if shape.has_header => h.clone(),
        _ => format!("field {}", i + 1),
    };
    let mut out = ListRead {
        header: shape.has_header.then(|| ListHeader {
            // A `sep=;` line (Excel's delimiter hint) comes before the header.
            line: 1 + u64::from(shape.sep_line),
            fields: headers.clone(),
        }),
        sheet: sheet_name,
        other_sheets,
        ..ListRead::default()
    };
    while let Some(row) = rows.next_row()? {
        let width = headers.len();
        // A row whose fields do not line up with the header is searched whole, and
        // reported once with what was found, not cell by cell.
        let (line, cells, ragged) = match row {
            Row::Blank { .. } => continue,
            Row::Data { line, values } => (line, values, None),
            Row::Short {
                line,
                values,
                fields,
            } => {
                let ragged = ListNote {
                    line,
                    column: column_name(fields),
                    field: fields + 1,
                    lost: false,
                    reason: format!(
                        "{fields} field{} where the header has {width}",
                        if fields == 1 { "" } else { "s" }
                    ),
                };
                (line, values, Some(ragged))
            }
            Row::Rejected {
                line,
                reason,
                cells,
            } => {
                let at = width.min(cells.len().saturating_sub(1));
                let ragged = ListNote {
                    line,
                    column: column_name(at),
                    field: at + 1,
                    lost: false,
                    reason,
                };
                (line, cells, Some(ragged))
            }
        };
        let row_country = country
            .and_then(|c| cells.get(c))
            .and_then(|cell| Region::from_country(cell));
        let row_regions = match &row_country {
            Some(r) => std::slice::from_ref(r),
            None => regions,
        };
        let searched: Vec<usize> = match ragged {
            Some(_) => (0..cells.len()).collect(),
            None => columns.clone(),
        };
        let before = out.addresses.len();
        for i in searched {
            let Some(value) = cells.get(i).filter(|v| !v.is_empty()) else {
                continue;
            };
            let at = |reason: String| ListNote {
                line,
                column: column_name(i),
                field: i + 1,
                lost: true,
                reason,
            };
            match read_cell(value, row_regions) {
                Cell::Addresses(found) => out.addresses.extend(found),
                Cell::Readings(found) => {
                    out.several_regions.push(line);
                    out.addresses.extend(found);
                }
                Cell::NoRegion(found) => {
                    out.needs_region.push(line);
                    out.addresses.extend(found);
                }
                Cell::Damaged(d) => out.skipped.push(at(format!(
                    "damaged by a spreadsheet: the value {} and cannot be added; export the list again with the column formatted as text",
                    d.describe(1)
                ))),
                // In a shifted row a name or an ID may sit anywhere: not worth a note.
                Cell::Text | Cell::NoEmail | Cell::BadPhone(_) if ragged.is_some() => {}
                Cell::BadDomain => out.skipped.push(at(
                    "a domain entry (`*@example.com` or `@example.com`) with no domain that can be read after the `@`; write the whole domain, such as `*@example.com`".to_string(),
                )),
                Cell::NoEmail => out.skipped.push(at(super::key_cell::unread_entry(value))),
                Cell::Text => out.skipped.push(at(
                    "neither an e-mail address nor a phone number".to_string()
                )),
                Cell::BadPhone(e) => out.skipped.push(at(format!("not a phone number: {e}"))),
            }
        }
        if let Some(mut note) = ragged {
            let found = out.addresses.len() - before;
            note.reason = format!(
                "{}; every field was searched for addresses: {found} found",
                note.reason
            );
            note.lost = found == 0;
            out.ragged.push(note);
        }
    }
    Ok(out)
}

/// The reader shape of a text list (sniffed as imports sniff) or of a workbook's first
/// sheet, with the sheet.
///
/// Errors: as for imports; [`ImportError::IsArchive`] for a ZIP, whose members
/// `tactful import` reads (a Mailchimp export's unsubscribed file records withdrawals).
fn open(path: &Path, sheet: Option<&str>) -> Result<(Shape, Option<Arc<Sheet>>), ImportError> {
    let mut shape = Shape {
        encoding: encoding_rs::UTF_8,
        delimiter: b',',
        has_header: true,
        replacement_is_data: true,
        sep_line: false,
        preamble: 0,
        header_line: None,
    };
    match source::detect(path)? {
        Kind::Text => {
            let scan = decode::scan(path, None)?;
            let sniffed = super::sniff::sniff_file(path, &scan, None, None)?;
            shape.encoding = scan.encoding;
            shape.delimiter = sniffed.delimiter;
            shape.has_header = sniffed.has_header;
            shape.replacement_is_data = scan.lossless_utf8;
            shape.sep_line = sniffed.sep_line;
            Ok((shape, None))
        }
        Kind::Workbook(kind) => Ok((shape, Some(Arc::new(workbook::read(path, kind, sheet)?)))),
        Kind::Archive => Err(ImportError::IsArchive {
            path: path.to_path_buf(),
        }),
    }
}

/// The columns that hold addresses: those whose name speaks of e-mail, phone, mobile,
/// SMS; all columns when none does (a list with no header, or an unusual one).
fn address_columns(names: &[String]) -> Vec<usize> {
    let picked: Vec<usize> = names
        .iter()
        .enumerate()
        .filter(|(_, n)| {
            n.contains("email")
                || n.split('_').any(|part| {
                    matches!(
                        part,
                        "mail" | "phone" | "mobile" | "tel" | "telephone" | "sms" | "msisdn"
                    )
                })
        })
        .map(|(i, _)| i)
        .collect();
    if picked.is_empty() {
        (0..names.len()).collect()
    } else {
        picked
    }
}
