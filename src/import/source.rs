//! What kind of file an import was given: text (CSV and friends), a workbook, or a ZIP
//! archive of CSV files and workbooks.
//!
//! Decided from the bytes, never the extension (exports get renamed): a ZIP holding
//! `xl/workbook.xml` is an XLSX workbook, `xl/workbook.bin` XLSB, a `mimetype` member
//! saying `application/vnd.oasis.opendocument.spreadsheet` an ODS workbook, any other
//! ZIP an archive of CSVs ([`super::archive`]); the OLE2 signature is a legacy XLS
//! workbook ([`super::workbook`]). Everything else is text for [`super::decode`].

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::ImportError;

/// The kinds of file an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// CSV, TSV or other delimited text.
    Text,
    Workbook(WorkbookKind),
    /// A ZIP of CSV files or workbooks (Mailchimp's audience export).
    Archive,
}

/// The workbook formats calamine reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkbookKind {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

impl WorkbookKind {
    /// `xlsx`, `xlsb`, `xls`, `ods`: the format's usual extension, for reports.
    pub fn as_str(self) -> &'static str {
        match self {
            WorkbookKind::Xlsx => "xlsx",
            WorkbookKind::Xlsb => "xlsb",
            WorkbookKind::Xls => "xls",
            WorkbookKind::Ods => "ods",
        }
    }
}

/// The compound-file signature of legacy Office documents (XLS).
const OLE2: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The kind of the file at `path`.
///
/// Errors: [`ImportError::Io`] when it cannot be read; [`ImportError::DamagedZip`] for a
/// file that starts like a ZIP container (a workbook or an archive) but is not a whole one.
pub fn detect(path: &Path) -> Result<Kind, ImportError> {
    let io = |cause| ImportError::Io {
        path: path.to_path_buf(),
        cause,
    };
    let mut head = [0u8; 8];
    let mut file = File::open(path).map_err(io)?;
    let mut filled = 0;
    while filled < head.len() {
        let n = file.read(&mut head[filled..]).map_err(io)?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    let head = &head[..filled];
    if head == OLE2 {
        return Ok(Kind::Workbook(WorkbookKind::Xls));
    }
    if !(head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06")) {
        return Ok(Kind::Text);
    }
    // A workbook (XLSX, XLSB, ODS) is a ZIP container too: one whose end is missing
    // (a download cut short) is no "archive of CSV files" to the person importing it.
    let mut zip = zip::ZipArchive::new(File::open(path).map_err(io)?).map_err(|e| {
        ImportError::DamagedZip {
            path: path.to_path_buf(),
            message: e.to_string(),
        }
    })?;
    if zip.index_for_name("xl/workbook.xml").is_some() {
        return Ok(Kind::Workbook(WorkbookKind::Xlsx));
    }
    if zip.index_for_name("xl/workbook.bin").is_some() {
        return Ok(Kind::Workbook(WorkbookKind::Xlsb));
    }
    if let Ok(mut member) = zip.by_name("mimetype") {
        let mut mime = String::new();
        // A few dozen bytes; a larger `mimetype` member is no ODS marker.
        let _ = member.by_ref().take(128).read_to_string(&mut mime);
        if mime.trim() == "application/vnd.oasis.opendocument.spreadsheet" {
            return Ok(Kind::Workbook(WorkbookKind::Ods));
        }
    }
    Ok(Kind::Archive)
}
