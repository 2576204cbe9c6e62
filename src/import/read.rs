//! Records out of a decoded file: header, data rows, blank rows and ragged rows.
//!
//! Owns the RFC 4180 reading (csv crate, `flexible` so a ragged row is an answer, never
//! a panic: alexhallam/tv#162) and the row-level decisions every pass must make the same
//! way: blank lines and delimiter-only rows are skipped (case BR-10), rows with the
//! wrong number of fields are rejected with the physical line they start on (header =
//! line 1) or padded when the user allowed it (case BR-08), and no record holding U+FFFD
//! gets through (case BR-09). Values come out cleaned by [`super::normalise`].

use std::io::Read;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use csv::{ReaderBuilder, StringRecord};
use encoding_rs::Encoding;

use super::ImportError;
use super::decode::{self, TextReader};
use super::normalise::{self, Cleaning};
use super::report::plural;

/// One record, as the passes see it.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// A data row with exactly as many cleaned values as the header has columns.
    Data { line: u64, values: Vec<String> },
    /// A row of delimiters and blanks only (`,,`): skipped and counted.
    Blank { line: u64 },
    /// A row that cannot be imported as it is.
    Rejected { line: u64, reason: String },
}

/// Options of the reader that come from the plan and the sniffer.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub encoding: &'static Encoding,
    pub delimiter: u8,
    pub has_header: bool,
    /// Pad short rows with blanks instead of rejecting them (`--allow-ragged`).
    pub allow_ragged: bool,
    /// U+FFFD in the text was in the file (valid UTF-8), not made by decoding: keep it
    /// and count it instead of failing.
    pub replacement_is_data: bool,
}

/// The decoded text with every line break as LF and a final LF guaranteed.
///
/// The csv crate reports where a record starts before it skips the blank lines and the
/// LF of a CR LF ahead of it, so its start lines drift. With LF-only text that always
/// ends in LF, every record ends with a counted LF, and its first line is exactly
/// `lines after it - LFs inside it - 1`. Values lose nothing: [`normalise::clean_value`]
/// turns CR LF and lone CR into LF anyway.
pub struct LineEnds<R> {
    inner: R,
    buf: Vec<u8>,
    pos: usize,
    pending_cr: bool,
    last: Option<u8>,
    done: bool,
}

impl<R: Read> LineEnds<R> {
    pub fn new(inner: R) -> Self {
        LineEnds {
            inner,
            buf: Vec::new(),
            pos: 0,
            pending_cr: false,
            last: None,
            done: false,
        }
    }
}

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if self.pos < self.buf.len() {
                let n = out.len().min(self.buf.len() - self.pos);
                out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
                self.pos += n;
                return Ok(n);
            }
            if self.done {
                return Ok(0);
            }
            let mut raw = [0u8; 64 * 1024];
            let n = self.inner.read(&mut raw)?;
            self.buf.clear();
            self.pos = 0;
            if n == 0 {
                self.done = true;
                if self.last.is_some_and(|b| b != b'\n') {
                    self.buf.push(b'\n');
                }
                continue;
            }
            for &b in &raw[..n] {
                if std::mem::take(&mut self.pending_cr) && b == b'\n' {
                    continue;
                }
                if b == b'\r' {
                    self.buf.push(b'\n');
                    self.pending_cr = true;
                } else {
                    self.buf.push(b);
                }
            }
            self.last = self.buf.last().copied().or(self.last);
        }
    }
}

/// A reader positioned after the header.
pub struct Rows {
    reader: csv::Reader<LineEnds<TextReader>>,
    record: StringRecord,
    width: usize,
    shape: Shape,
    /// A first data row read while looking for the width of a header-less file.
    pending: Option<StringRecord>,
    /// What cleaning changed so far.
    pub cleaning: Cleaning,
    /// Records holding U+FFFD that the file itself contained.
    pub replacement_records: Vec<u64>,
    /// Bytes of the raw file read so far.
    pub bytes_read: Arc<AtomicU64>,
}

impl Rows {
    /// Open `path`, read the header (or, without one, the first row to learn the
    /// width) and return the raw header cells (cleaned; `column_N` names are made
    /// later) with the reader.
    ///
    /// Errors: [`ImportError::Empty`] for a file with no records, and the errors of
    /// [`Rows::next_row`].
    pub fn open(path: &Path, shape: Shape) -> Result<(Vec<String>, Rows), ImportError> {
        let (text, bytes_read) = decode::open(path, shape.encoding)?;
        let reader = ReaderBuilder::new()
            .delimiter(shape.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(LineEnds::new(text));
        let mut rows = Rows {
            reader,
            record: StringRecord::new(),
            width: 0,
            shape,
            pending: None,
            cleaning: Cleaning::default(),
            replacement_records: Vec::new(),
            bytes_read,
        };
        let first = loop {
            if !rows.read()? {
                return Err(ImportError::Empty);
            }
            if rows.record.iter().any(|f| !f.trim().is_empty()) {
                break rows.record.clone();
            }
        };
        rows.width = first.len();
        let headers = if shape.has_header {
            first.iter().map(|h| normalise::clean_value(h).0).collect()
        } else {
            rows.pending = Some(first);
            vec![String::new(); rows.width]
        };
        Ok((headers, rows))
    }

    /// Read the next raw record into `self.record`; false at the end.
    fn read(&mut self) -> Result<bool, ImportError> {
        let more = self
            .reader
            .read_record(&mut self.record)
            .map_err(|e| ImportError::Csv {
                line: e.position().map_or(0, |p| p.line()),
                message: e.to_string(),
            })?;
        if more && self.record.as_slice().contains('\0') {
            // A NUL is never customer data; it means the encoding is wrong (UTF-16
            // read as bytes), and cleaning it away would corrupt every value (review
            // P1-4).
            return Err(ImportError::NulBytes { line: self.line() });
        }
        if more && self.record.as_slice().contains('\u{FFFD}') {
            if !self.shape.replacement_is_data {
                return Err(ImportError::Undecodable {
                    encoding: self.shape.encoding.name(),
                    line: self.line(),
                });
            }
            let line = self.line();
            self.replacement_records.push(line);
        }
        Ok(more)
    }

    /// The physical line the current record starts on (see [`LineEnds`]).
    fn line(&self) -> u64 {
        let inside: usize = self
            .record
            .iter()
            .map(|f| f.bytes().filter(|&b| b == b'\n').count())
            .sum();
        self.reader
            .position()
            .line()
            .saturating_sub(inside as u64 + 1)
            .max(1)
    }

    /// The next row that is not a blank line, or `None` at the end of the file.
    ///
    /// Errors: [`ImportError::Undecodable`] for a record holding U+FFFD (the bytes were
    /// not valid in the chosen encoding), [`ImportError::Csv`] for read failures.
    pub fn next_row(&mut self) -> Result<Option<Row>, ImportError> {
        loop {
            if let Some(first) = self.pending.take() {
                self.record = first;
            } else if !self.read()? {
                return Ok(None);
            }
            let blank = self
                .record
                .iter()
                .all(|f| f.trim_matches(normalise::is_edge_junk).is_empty());
            if blank && self.record.len() <= 1 {
                continue;
            }
            let line = self.line();
            if blank {
                return Ok(Some(Row::Blank { line }));
            }
            return Ok(Some(self.shape_row(line)));
        }
    }

    /// Bytes of the raw file read so far.
    pub fn bytes_done(&self) -> u64 {
        self.bytes_read.load(Ordering::Relaxed)
    }

    fn shape_row(&mut self, line: u64) -> Row {
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
                    reason: format!(
                        "{len} fields where the header has {}; the extra fields hold data",
                        self.width
                    ),
                };
            }
        }
        if len < self.width && !self.shape.allow_ragged {
            return Row::Rejected {
                line,
                reason: format!(
                    "{len} field{} where the header has {} (pass --allow-ragged to fill missing fields with blanks)",
                    plural(len as u64),
                    self.width
                ),
            };
        }
        let mut values = Vec::with_capacity(self.width);
        for field in self.record.iter().take(self.width) {
            let (value, c) = normalise::clean_value(field);
            self.cleaning.controls_removed += c.controls_removed;
            self.cleaning.whitespace_replaced += c.whitespace_replaced;
            values.push(value);
        }
        values.resize(self.width, String::new());
        Row::Data { line, values }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn rows_of(bytes: &[u8], allow_ragged: bool) -> (Vec<String>, Vec<Row>) {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(bytes).unwrap();
        let shape = Shape {
            encoding: encoding_rs::UTF_8,
            delimiter: b',',
            has_header: true,
            allow_ragged,
            replacement_is_data: false,
        };
        let (headers, mut rows) = Rows::open(f.path(), shape).unwrap();
        let mut out = vec![];
        while let Some(r) = rows.next_row().unwrap() {
            out.push(r);
        }
        (headers, out)
    }

    fn data(line: u64, values: &[&str]) -> Row {
        Row::Data {
            line,
            values: values.iter().map(|v| v.to_string()).collect(),
        }
    }

    #[test]
    fn ragged_rows_are_rejected_by_line() {
        // Case BR-08: lines 3, 5 and 6 are listed; Cy's empty trailing field is fine.
        let (headers, rows) = rows_of(
            b"email,first_name,city,tier\nana@example.com,Ana,Lyon,gold\nbo@example.com,Bo,Porto\ncy@example.com,Cy,Gent,silver,\ndee@example.com,Dee,Oslo,bronze,EXTRA\ned@example.com\n",
            false,
        );
        assert_eq!(headers, vec!["email", "first_name", "city", "tier"]);
        assert_eq!(
            rows[0],
            data(2, &["ana@example.com", "Ana", "Lyon", "gold"])
        );
        assert!(matches!(rows[1], Row::Rejected { line: 3, .. }));
        assert_eq!(
            rows[2],
            data(4, &["cy@example.com", "Cy", "Gent", "silver"])
        );
        assert!(matches!(rows[3], Row::Rejected { line: 5, .. }));
        assert!(matches!(rows[4], Row::Rejected { line: 6, .. }));
        assert_eq!(rows.len(), 5);
    }

    #[test]
    fn allow_ragged_pads_short_rows_but_not_long_ones() {
        let (_, rows) = rows_of(b"a,b,c\n1,2\n1,2,3,4\n", true);
        assert_eq!(rows[0], data(2, &["1", "2", ""]));
        assert!(matches!(rows[1], Row::Rejected { line: 3, .. }));
    }

    #[test]
    fn blank_lines_and_delimiter_rows_are_skipped() {
        // Case BR-10.
        let (_, rows) = rows_of(
            b"email,first_name,city\nana@example.com,Ana,Lyon\n\nbo@example.com,Bo,Porto\n,,\ncy@example.com,Cy,Gent\n\n\n   \n",
            false,
        );
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[2], Row::Blank { line: 5 });
        assert_eq!(rows[3], data(6, &["cy@example.com", "Cy", "Gent"]));
    }

    #[test]
    fn crlf_and_blank_lines_keep_line_numbers_exact() {
        let (_, rows) = rows_of(b"a,b\r\n\r\nx,1\r\n\r\n\r\ny,2", false);
        assert_eq!(rows, vec![data(3, &["x", "1"]), data(6, &["y", "2"])]);
    }

    #[test]
    fn quoted_line_breaks_count_physical_lines() {
        let (_, rows) = rows_of(b"a,b\n\"x\ny\",1\nz,2\n", false);
        assert_eq!(rows[0], data(2, &["x\ny", "1"]));
        assert_eq!(rows[1], data(4, &["z", "2"]));
    }
}
