//! Records out of a decoded file or a workbook sheet: header, data rows, blank rows and
//! ragged rows.
//!
//! Owns the RFC 4180 reading (csv crate, `flexible` so a ragged row is an answer, never
//! a panic: alexhallam/tv#162) and the row-level decisions every pass must make the same
//! way: Excel's `sep=;` first line is skipped (the sniffer took the delimiter from it),
//! so are title lines above the header (`super::preamble`, or `--header-line`),
//! blank lines and delimiter-only rows are skipped (case BR-10), rows with the wrong
//! number of fields are rejected with the physical line they start on (header = line 1,
//! or 2 after a `sep=` line) when they are too long, and padded and marked
//! ([`Row::Short`]) when they are too short (cases BR-08, BR-16), a row
//! holding a NUL byte is rejected alone (issue 9: one damaged line must not sink the
//! file), and no record holding U+FFFD gets through (case BR-09). A workbook sheet
//! ([`super::workbook::Sheet`]) goes through the same decisions, its rows numbered as
//! in the sheet. Values come out cleaned by [`super::normalise`].

mod line_ends;
mod quotes;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use csv::{ReaderBuilder, StringRecord};
use encoding_rs::Encoding;

pub use line_ends::LineEnds;
pub use quotes::{At, Runaway};
use quotes::{Quotes, SharedLog, with_log};

use super::ImportError;
use super::decode::{self, TextReader};
use super::normalise::{self, Cleaning};
use super::workbook::Sheet;

/// Longest header cell read as a column name, in characters. The longest real headers
/// are form questions of a few hundred characters; a longer cell is a file with no line
/// breaks or no table, and per-header work (classification) would grow with it.
pub const MAX_HEADER_CHARS: usize = 1_000;

/// One record, as the passes see it.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// A data row with exactly as many cleaned values as the header has columns.
    Data { line: u64, values: Vec<String> },
    /// A row with fewer fields than the header (the trailing ones missing), padded
    /// with blanks to the header's width; `fields` is how many the file had. The
    /// import decides whether a blank may stand for the missing cells (case BR-16,
    /// see `import::short_rows`).
    Short {
        line: u64,
        values: Vec<String>,
        fields: usize,
    },
    /// A row of delimiters and blanks only (`,,`): skipped and counted.
    Blank { line: u64 },
    /// A row that cannot be imported as it is, with every field it has, cleaned as
    /// data values are (a refusal among them must not be dropped unseen).
    Rejected {
        line: u64,
        reason: String,
        cells: Vec<String>,
    },
}

/// Options of the reader that come from the plan and the sniffer.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub encoding: &'static Encoding,
    pub delimiter: u8,
    pub has_header: bool,
    /// U+FFFD in the text was in the file (valid UTF-8), not made by decoding: keep it
    /// and count it instead of failing.
    pub replacement_is_data: bool,
    /// The first line is Excel's delimiter hint (`sep=;`): skip it.
    pub sep_line: bool,
    /// Non-blank records above the header to skip (title lines, `super::preamble`).
    pub preamble: usize,
    /// The header is on this line (`--header-line N`): skip every record above it.
    pub header_line: Option<u64>,
}

/// Where records come from.
enum Records {
    Csv(Box<csv::Reader<Quotes<LineEnds<TextReader>>>>),
    Sheet { sheet: Arc<Sheet>, next: usize },
}

/// A reader positioned after the header.
pub struct Rows {
    records: Records,
    record: StringRecord,
    /// The line (sheet row) the current record starts on.
    line: u64,
    /// The field of the current record that holds a NUL byte.
    nul_at: Option<usize>,
    /// Where the current record has text after a closing quote.
    trailing_at: Option<At>,
    /// What the quote scan of a CSV file found (empty for a sheet).
    quotes: SharedLog,
    /// The current record is the first data row of a header-less file, not yet given
    /// out.
    pending: bool,
    width: usize,
    headers: Vec<String>,
    shape: Shape,
    /// What cleaning changed so far.
    pub cleaning: Cleaning,
    /// Records holding U+FFFD that the file itself contained.
    pub replacement_records: Vec<u64>,
    /// Bytes of the raw file read so far (for a sheet: in proportion to its rows).
    pub bytes_read: Arc<AtomicU64>,
    size: u64,
    /// Lines rejected for a NUL byte: how many, and the first.
    pub nul_rows: u64,
    pub first_nul_line: Option<u64>,
    /// Records skipped above the header as a title: each one's line and cells, cleaned
    /// as values are (every one of them: the warning quotes them, and a title line
    /// holding an opt-out stops the import, `super::title_refusal`). With
    /// `--header-line N` this holds the file's first N - 1 records, a prefix the user
    /// chose.
    pub preamble: Vec<(u64, Vec<String>)>,
    /// The line of the header (of the first row, without one).
    pub header_at: u64,
}

impl Rows {
    /// Open `path`, read the header (or, without one, the first row to learn the
    /// width) and return the raw header cells (cleaned; `column_N` names are made
    /// later) with the reader.
    ///
    /// Errors: [`ImportError::Empty`] for a file with no records,
    /// [`ImportError::NulBytes`] for a header holding a NUL byte,
    /// [`ImportError::LongHeader`] for a header cell over [`MAX_HEADER_CHARS`], and the errors of
    /// [`Rows::next_row`].
    pub fn open(path: &Path, shape: Shape) -> Result<(Vec<String>, Rows), ImportError> {
        let (text, bytes_read) = decode::open(path, shape.encoding, shape.replacement_is_data)?;
        let quotes = SharedLog::default();
        let reader = ReaderBuilder::new()
            .delimiter(shape.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(Quotes::new(
                LineEnds::new(text),
                shape.delimiter,
                quotes.clone(),
            ));
        let (headers, mut rows) =
            Rows::start(Records::Csv(Box::new(reader)), shape, bytes_read, 0)?;
        rows.quotes = quotes;
        Ok((headers, rows))
    }

    /// Read `sheet` as [`Rows::open`] reads a file; `size` is the workbook's size in
    /// bytes, for progress.
    pub fn from_sheet(
        sheet: Arc<Sheet>,
        shape: Shape,
        size: u64,
    ) -> Result<(Vec<String>, Rows), ImportError> {
        let records = Records::Sheet { sheet, next: 0 };
        Rows::start(records, shape, Arc::new(AtomicU64::new(0)), size)
    }

    fn start(
        records: Records,
        shape: Shape,
        bytes_read: Arc<AtomicU64>,
        size: u64,
    ) -> Result<(Vec<String>, Rows), ImportError> {
        let mut rows = Rows {
            records,
            record: StringRecord::default(),
            line: 0,
            nul_at: None,
            trailing_at: None,
            quotes: SharedLog::default(),
            pending: false,
            width: 0,
            headers: Vec::new(),
            shape,
            cleaning: Cleaning::default(),
            replacement_records: Vec::new(),
            bytes_read,
            size,
            nul_rows: 0,
            first_nul_line: None,
            preamble: Vec::new(),
            header_at: 0,
        };
        let mut skip_sep = shape.sep_line;
        let mut above = shape.preamble;
        loop {
            if !rows.read()? {
                return Err(match shape.header_line {
                    Some(line) => ImportError::BadOption(format!(
                        "--header-line {line}: the file has no row on line {line} or after it"
                    )),
                    None => ImportError::Empty,
                });
            }
            if rows.record.iter().any(|f| !f.trim().is_empty()) {
                if std::mem::take(&mut skip_sep) {
                    continue;
                }
                let title = match shape.header_line {
                    Some(line) => rows.line < line,
                    None => above > 0,
                };
                if title {
                    above = above.saturating_sub(1);
                    let cells = rows.last_record_cells();
                    rows.preamble.push((rows.line, cells));
                    continue;
                }
                if let Some(line) = shape.header_line.filter(|&l| l != rows.line) {
                    return Err(ImportError::BadOption(format!(
                        "--header-line {line}: no row starts on line {line} (it is blank, or inside a quoted value); the next row starts on line {}",
                        rows.line
                    )));
                }
                break;
            }
        }
        rows.header_at = rows.line;
        rows.width = rows.record.len();
        if shape.has_header {
            if rows.nul_at.is_some() {
                return Err(ImportError::NulBytes {
                    line: rows.line,
                    where_: "the header",
                });
            }
            rows.headers = rows
                .record
                .iter()
                .map(|h| normalise::clean_value(h).0)
                .collect();
            let mut lengths = rows.headers.iter().map(|h| h.chars().count()).enumerate();
            if let Some((i, chars)) = lengths.find(|&(_, n)| n > MAX_HEADER_CHARS) {
                return Err(ImportError::LongHeader {
                    line: rows.line,
                    column: i + 1,
                    chars,
                });
            }
        } else {
            rows.pending = true;
            rows.headers = vec![String::new(); rows.width];
        }
        Ok((rows.headers.clone(), rows))
    }

    /// Read the next raw record into `self.record` with its line; false at the end.
    fn read(&mut self) -> Result<bool, ImportError> {
        let more = match &mut self.records {
            Records::Csv(reader) => {
                let more = reader
                    .read_record(&mut self.record)
                    .map_err(|e| ImportError::Csv {
                        line: e.position().map_or(0, |p| p.line()),
                        message: e.to_string(),
                    })?;
                // See `LineEnds`: the record's first line is the lines read so far
                // minus the line breaks inside it.
                let inside = self
                    .record
                    .as_slice()
                    .bytes()
                    .filter(|&b| b == b'\n')
                    .count();
                self.line = reader
                    .position()
                    .line()
                    .saturating_sub(inside as u64 + 1)
                    .max(1);
                self.check_quotes(self.line + inside as u64)?;
                more
            }
            Records::Sheet { sheet, next } => match sheet.rows.get(*next) {
                Some((row, cells)) => {
                    self.record = StringRecord::from(cells.clone());
                    self.line = *row;
                    *next += 1;
                    let done = self.size * *next as u64 / sheet.rows.len().max(1) as u64;
                    self.bytes_read.store(done, Ordering::Relaxed);
                    true
                }
                None => false,
            },
        };
        // A NUL is never customer data: the row is rejected (not cleaned, which would
        // quietly change the value; review P1-4). A file of them is UTF-16 read as
        // bytes, which `decode` detects and `analyse` reports.
        self.nul_at = if more && self.record.as_slice().as_bytes().contains(&0) {
            self.record.iter().position(|f| f.contains('\0'))
        } else {
            None
        };
        if more && self.record.as_slice().contains('\u{FFFD}') {
            if !self.shape.replacement_is_data {
                return Err(ImportError::Undecodable {
                    encoding: self.shape.encoding.name(),
                    line: self.line,
                    at: super::field_at::in_record(self.record.iter(), &self.headers),
                });
            }
            self.replacement_records.push(self.line);
        }
        Ok(more)
    }

    /// Match what the quote scan found to the record on lines `self.line..=end`.
    ///
    /// Errors: [`ImportError::UnclosedQuote`] when the record holds a quote never
    /// closed: the csv crate would end the record at the end of the file, swallowing
    /// every later line into one value (new-user trial: an opt-out lost that way);
    /// [`ImportError::RunawayQuote`] when a quoted value in it ran over lines that look
    /// like whole records.
    fn check_quotes(&mut self, end: u64) -> Result<(), ImportError> {
        let start = self.line;
        with_log(&self.quotes, |log| {
            if let Some(open) = log.unclosed.filter(|o| o.line <= end) {
                return Err(ImportError::UnclosedQuote {
                    line: open.line,
                    column: open.column,
                });
            }
            if let Some(r) = log.runaways.first().filter(|r| r.to <= end) {
                return Err(ImportError::RunawayQuote {
                    line: r.from.line,
                    column: r.from.column,
                    to: r.to,
                    record_like: r.record_like,
                });
            }
            log.trailing.retain(|at| at.line >= start);
            self.trailing_at = log.trailing.first().copied().filter(|at| at.line <= end);
            log.trailing.retain(|at| at.line > end);
            Ok(())
        })
    }

    /// The next row that is not a blank line, or `None` at the end of the file.
    ///
    /// Errors: [`ImportError::Undecodable`] for a record holding U+FFFD (the bytes were
    /// not valid in the chosen encoding), [`ImportError::Csv`] for read failures.
    pub fn next_row(&mut self) -> Result<Option<Row>, ImportError> {
        self.next_row_reusing(Vec::new())
    }

    /// [`Self::next_row`], cleaning a data row's values into `spare`'s strings (the
    /// last row's, given back): the first pass only reads values, and one allocation
    /// per value was a tenth of its time.
    pub fn next_row_reusing(&mut self, spare: Vec<String>) -> Result<Option<Row>, ImportError> {
        loop {
            if !std::mem::take(&mut self.pending) && !self.read()? {
                return Ok(None);
            }
            let blank = self
                .record
                .iter()
                .all(|f| f.trim_matches(normalise::is_edge_junk).is_empty());
            if blank && self.record.len() <= 1 {
                continue;
            }
            let line = self.line;
            if blank {
                return Ok(Some(Row::Blank { line }));
            }
            if let Some(at) = self.nul_at {
                self.nul_rows += 1;
                self.first_nul_line.get_or_insert(line);
                return Ok(Some(Row::Rejected {
                    line,
                    cells: self.last_record_cells(),
                    reason: format!(
                        "a NUL byte (U+0000) in {}: no text value holds one, so the line is damaged and was not imported",
                        self.field_name(at)
                    ),
                }));
            }
            if let Some(at) = self.trailing_at {
                return Ok(Some(Row::Rejected {
                    line,
                    cells: self.last_record_cells(),
                    reason: format!(
                        "text after a closing quote at line {}, column {}: a quoted value ends at its closing quote (RFC 4180); quote the whole value or remove the stray quotes",
                        at.line, at.column
                    ),
                }));
            }
            return Ok(Some(self.shape_row(line, spare)));
        }
    }

    /// `column email` (or `field 3` without a header) for messages.
    fn field_name(&self, index: usize) -> String {
        match self.headers.get(index).filter(|h| !h.is_empty()) {
            Some(h) => format!("column {h}"),
            None => format!("field {}", index + 1),
        }
    }

    /// Every field of the record last given out, cleaned as data values are, however
    /// many there are (a rejected row's too): the suppression list searches them all
    /// so that a shifted row loses no address.
    pub fn last_record_cells(&self) -> Vec<String> {
        self.record
            .iter()
            .map(|f| normalise::clean_value(f).0)
            .collect()
    }

    /// How many values a row has (the header's width).
    pub fn width(&self) -> usize {
        self.width
    }

    /// Bytes of the raw file read so far.
    pub fn bytes_done(&self) -> u64 {
        self.bytes_read.load(Ordering::Relaxed)
    }

    fn shape_row(&mut self, line: u64, spare: Vec<String>) -> Row {
        let len = self.record.len();
        if len > self.width {
            let extra_data = self
                .record
                .iter()
                .skip(self.width)
                .any(|f| !f.trim_matches(normalise::is_edge_junk).is_empty());
            if extra_data {
                return Row::Rejected {
                    line,
                    cells: self.last_record_cells(),
                    reason: format!(
                        "{len} fields where the header has {}; the extra fields hold data",
                        self.width
                    ),
                };
            }
        }
        let mut values = spare;
        values.reserve_exact(self.width.saturating_sub(values.len()));
        values.resize_with(len.min(self.width), String::new);
        for (field, value) in self.record.iter().zip(values.iter_mut()) {
            let c = normalise::clean_value_into(field, value);
            self.cleaning.controls_removed += c.controls_removed;
            self.cleaning.whitespace_replaced += c.whitespace_replaced;
            self.cleaning.sequences_removed += c.sequences_removed;
        }
        if len < self.width {
            values.resize(self.width, String::new());
            return Row::Short {
                line,
                values,
                fields: len,
            };
        }
        Row::Data { line, values }
    }
}

#[cfg(test)]
mod tests;
