//! Workbooks (XLSX, XLSB, XLS, ODS) read with calamine: one sheet becomes the rows of
//! an import.
//!
//! The sheet is `--sheet NAME` (exact, else ignoring case) or the first visible
//! worksheet. Cells keep the type the workbook gives them, written in the forms the
//! type inference reads exactly: numbers as plain decimals with at most 15 significant
//! digits (what the spreadsheet shows; `0.1 + 0.2` is `0.3`, a phone stored as a
//! number loses nothing), dates as `YYYY-MM-DD`, date-times as `YYYY-MM-DD HH:MM:SS`
//! (taken as written, case BR-35), booleans as `true`/`false`, text as it is. Error
//! cells (`#N/A`, `#DIV/0!`) keep their text, so the spreadsheet-damage warning names
//! them, and the report lists them by sheet and cell (`Customers!D5`). Rows keep the
//! sheet's row numbers, so a rejected row names the row a person sees in the
//! spreadsheet. Called by [`super::analyse`].

use std::path::Path;

use calamine::{Data, Reader, SheetType, SheetVisible, Sheets, open_workbook};
use chrono::Timelike;

use super::ImportError;
use super::source::WorkbookKind;

/// How many error cells the report names.
const ERROR_EXAMPLES: usize = 5;

/// One sheet's cells as text, by row.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub kind: WorkbookKind,
    /// The sheet read.
    pub name: String,
    /// Non-empty rows with their 1-based row numbers in the sheet.
    pub rows: Vec<(u64, Vec<String>)>,
    /// Error cells: how many, and the first few as `Sheet!A1 (#N/A)`.
    pub error_cells: u64,
    pub error_examples: Vec<String>,
    /// The workbook's other worksheets, in workbook order, when the sheet was taken by
    /// default (no `--sheet`); empty when `--sheet` named it.
    pub others: Vec<String>,
    /// The workbook's other worksheets whichever way the sheet was chosen (with
    /// `--sheet` too): an opt-out sheet beside the one `--sheet` read is named in a
    /// warning (trial 9, F-G6w).
    pub besides: Vec<String>,
}

/// Read the sheet `wanted` (or the first visible worksheet) of the workbook at `path`.
///
/// Errors: [`ImportError::Workbook`] when calamine cannot read the file;
/// [`ImportError::NoSheet`] naming the sheets there are.
pub fn read(path: &Path, kind: WorkbookKind, wanted: Option<&str>) -> Result<Sheet, ImportError> {
    let fail = |e: &dyn std::fmt::Display| ImportError::Workbook {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let mut book: Sheets<_> = match kind {
        WorkbookKind::Xlsx => Sheets::Xlsx(open_workbook(path).map_err(|e| fail(&e))?),
        WorkbookKind::Xlsb => Sheets::Xlsb(open_workbook(path).map_err(|e| fail(&e))?),
        WorkbookKind::Xls => Sheets::Xls(open_workbook(path).map_err(|e| fail(&e))?),
        WorkbookKind::Ods => Sheets::Ods(open_workbook(path).map_err(|e| fail(&e))?),
    };
    let meta = book.sheets_metadata().to_vec();
    let sheets: Vec<String> = meta.iter().map(|s| s.name.clone()).collect();
    let name = match wanted {
        Some(w) => sheets
            .iter()
            .find(|s| s.as_str() == w)
            .or_else(|| sheets.iter().find(|s| s.eq_ignore_ascii_case(w)))
            .cloned()
            .ok_or_else(|| ImportError::NoSheet {
                path: path.to_path_buf(),
                sheet: w.to_string(),
                sheets: sheets.join(", "),
            })?,
        None => meta
            .iter()
            .find(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
            .or_else(|| meta.iter().find(|s| s.typ == SheetType::WorkSheet))
            .map(|s| s.name.clone())
            .ok_or_else(|| fail(&"the workbook has no worksheet"))?,
    };
    let besides: Vec<String> = meta
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet && s.name != name)
        .map(|s| s.name.clone())
        .collect();
    let others = match wanted {
        Some(_) => Vec::new(),
        None => besides.clone(),
    };
    let range = book.worksheet_range(&name).map_err(|e| fail(&e))?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut sheet = Sheet {
        kind,
        name,
        rows: Vec::with_capacity(range.height()),
        error_cells: 0,
        error_examples: Vec::new(),
        others,
        besides,
    };
    for (i, cells) in range.rows().enumerate() {
        let row = u64::from(row0) + i as u64 + 1;
        let mut values = Vec::with_capacity(cells.len());
        for (j, cell) in cells.iter().enumerate() {
            if let Data::Error(e) = cell {
                sheet.error_cells += 1;
                if sheet.error_examples.len() < ERROR_EXAMPLES {
                    let column = column_letters(col0 as usize + j);
                    sheet
                        .error_examples
                        .push(format!("{}!{column}{row} ({e})", sheet.name));
                }
            }
            values.push(cell_text(cell));
        }
        if values.iter().any(|v| !v.trim().is_empty()) {
            sheet.rows.push((row, values));
        }
    }
    Ok(sheet)
}

/// A cell in the form the type inference reads (see the module header).
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::Error(e) => e.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            // A time of day alone is a fraction of a day since 1899-12-30.
            Some(t) if dt.is_datetime() && dt.as_f64() < 1.0 => t.format("%H:%M:%S").to_string(),
            Some(t) if dt.is_datetime() => {
                // Excel stores times as fractions of a day: round to the second the
                // spreadsheet shows.
                let t = (t + chrono::Duration::milliseconds(500))
                    .with_nanosecond(0)
                    .unwrap_or(t);
                if t.time() == chrono::NaiveTime::MIN {
                    t.format("%Y-%m-%d").to_string()
                } else {
                    t.format("%Y-%m-%d %H:%M:%S").to_string()
                }
            }
            _ => dt.as_f64().to_string(),
        },
    }
}

/// A float as the spreadsheet shows it: at most 15 significant digits, no exponent,
/// no trailing `.0` on whole numbers; a whole number of 16 digits (below 2^53, where
/// every integer is exact) as stored.
fn float_text(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    // A whole number of 16 digits is written as stored, not rounded to 15: rounding
    // here would damage a 16-digit ID that another tool stored exactly, and one that
    // Excel cut already ends in 0, which the key check reads (`import::key_damage`).
    if f.fract() == 0.0 && f.abs() >= 1e15 && f.abs() < 9_007_199_254_740_992.0 {
        return format!("{}", f as i64);
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`: the spreadsheet's column name.
pub fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_written_as_the_spreadsheet_shows_them() {
        assert_eq!(float_text(0.1 + 0.2), "0.3");
        assert_eq!(float_text(447700900123.0), "447700900123");
        assert_eq!(float_text(12.5), "12.5");
        assert_eq!(float_text(-3.0), "-3");
        // 16 digits as stored: another tool's exact ID, Excel's cut one (ends in 0).
        assert_eq!(float_text(1234567890123456.0), "1234567890123456");
        assert_eq!(float_text(1234567890123450.0), "1234567890123450");
        assert_eq!(cell_text(&Data::Bool(true)), "true");
        assert_eq!(cell_text(&Data::Int(7)), "7");
        assert_eq!(cell_text(&Data::Error(calamine::CellErrorType::NA)), "#N/A");
    }

    #[test]
    fn column_letters_count_like_a_spreadsheet() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}
