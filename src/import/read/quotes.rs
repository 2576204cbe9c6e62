//! Quote checks the csv crate does not make (see [`Quotes`]).

use std::io::Read;
use std::sync::{Arc, Mutex, PoisonError};

/// A place in the file: 1-based physical line (the header is line 1) and 1-based
/// character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct At {
    pub line: u64,
    pub column: u64,
}

/// A quoted value that spans lines and swallowed lines that look like whole records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Runaway {
    /// Where the quote opened.
    pub from: At,
    /// The line of the closing quote.
    pub to: u64,
    /// Lines inside the value with the header's number of delimiters and no quote.
    pub record_like: u64,
}

/// What the scan found so far; shared with [`super::Rows`], which reads it behind the
/// csv crate's read-ahead by line.
#[derive(Debug, Default)]
pub struct QuoteLog {
    /// Text after a closing quote (`"a"b`), at the first character after the quote.
    pub trailing: Vec<At>,
    /// The opening quote of a value still open at the end of the file.
    pub unclosed: Option<At>,
    pub runaways: Vec<Runaway>,
}

/// Shared handle on the [`QuoteLog`].
pub type SharedLog = Arc<Mutex<QuoteLog>>;

/// Run `f` on the log (a poisoned lock still holds a usable log).
pub fn with_log<T>(log: &SharedLog, f: impl FnOnce(&mut QuoteLog) -> T) -> T {
    f(&mut log.lock().unwrap_or_else(PoisonError::into_inner))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    StartField,
    Unquoted,
    Quoted,
    /// A quote inside a quoted value: closing, or the first of a doubled `""`.
    QuoteInQuoted,
}

/// Passes LF-only text (from [`super::LineEnds`]) through unchanged while following
/// RFC 4180 quoting as the csv crate does, to find what the crate accepts silently:
/// text after a closing quote (RFC 4180 §2.5-2.7: a quoted field ends at its closing
/// quote; the crate keeps reading the field unquoted), a quote never closed before
/// the end of the file (the crate ends the record there, swallowing every later
/// line), and quoted values that run over lines that look like records (a stray
/// quote paired with a later one).
pub struct Quotes<R> {
    inner: R,
    log: SharedLog,
    delimiter: u8,
    state: State,
    at: At,
    open: At,
    /// Delimiters in the header line (outside quotes), known once it ends.
    header_delimiters: Option<u64>,
    delimiters: u64,
    /// Inside a quoted value: delimiters and quotes on the current line so far.
    line_delimiters: u64,
    line_quotes: bool,
    record_like: u64,
}

impl<R: Read> Quotes<R> {
    pub fn new(inner: R, delimiter: u8, log: SharedLog) -> Self {
        let start = At { line: 1, column: 1 };
        Quotes {
            inner,
            log,
            delimiter,
            state: State::StartField,
            at: start,
            open: start,
            header_delimiters: None,
            delimiters: 0,
            line_delimiters: 0,
            line_quotes: false,
            record_like: 0,
        }
    }

    fn step(&mut self, b: u8) {
        let d = self.delimiter;
        match (self.state, b) {
            (State::StartField, b'"') => {
                self.state = State::Quoted;
                self.open = self.at;
                self.record_like = 0;
            }
            (State::StartField | State::Unquoted, _) if b == d => {
                self.state = State::StartField;
                self.delimiters += 1;
            }
            (State::StartField | State::Unquoted, b'\n') => self.end_record(),
            (State::StartField | State::Unquoted, _) => self.state = State::Unquoted,
            (State::Quoted, b'"') => self.state = State::QuoteInQuoted,
            (State::Quoted, b'\n') => {
                self.end_inner_line();
                self.line_delimiters = 0;
                self.line_quotes = false;
            }
            (State::Quoted, _) => {
                if b == d && self.at.line > self.open.line {
                    self.line_delimiters += 1;
                }
            }
            (State::QuoteInQuoted, b'"') => {
                self.state = State::Quoted;
                self.line_quotes = true;
            }
            (State::QuoteInQuoted, _) => {
                self.close();
                if b == d {
                    self.state = State::StartField;
                    self.delimiters += 1;
                } else if b == b'\n' {
                    self.end_record();
                } else {
                    with_log(&self.log, |l| l.trailing.push(self.at));
                    self.state = State::Unquoted;
                }
            }
        }
        if b == b'\n' {
            self.at = At {
                line: self.at.line + 1,
                column: 1,
            };
        } else if b & 0xC0 != 0x80 {
            self.at.column += 1;
        }
    }

    /// A line break inside a quoted value: was the line it ends a whole record?
    fn end_inner_line(&mut self) {
        if self.at.line > self.open.line
            && !self.line_quotes
            && self
                .header_delimiters
                .is_some_and(|h| h > 0 && h == self.line_delimiters)
        {
            self.record_like += 1;
        }
    }

    /// The quoted value closed (the quote before the current byte).
    fn close(&mut self) {
        if self.record_like > 0 {
            let runaway = Runaway {
                from: self.open,
                to: self.at.line,
                record_like: self.record_like,
            };
            with_log(&self.log, |l| l.runaways.push(runaway));
        }
        self.record_like = 0;
    }

    fn end_record(&mut self) {
        self.state = State::StartField;
        self.header_delimiters.get_or_insert(self.delimiters);
        self.delimiters = 0;
    }
}

impl<R: Read> Read for Quotes<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(out)?;
        let bytes = &out[..n];
        let d = self.delimiter;
        let plain = |b: u8| b != b'"' && b != b'\n' && b != d;
        let mut i = 0;
        while i < n {
            // A run of bytes that are no quote, line break or delimiter only moves the
            // column (as `step` would, byte by byte): most of a file.
            if plain(bytes[i]) && self.state != State::QuoteInQuoted {
                if self.state == State::StartField {
                    self.state = State::Unquoted;
                }
                let run = bytes[i..].iter().take_while(|&&b| plain(b)).count();
                let chars = bytes[i..i + run]
                    .iter()
                    .filter(|&&b| b & 0xC0 != 0x80)
                    .count();
                self.at.column += chars as u64;
                i += run;
                continue;
            }
            self.step(bytes[i]);
            i += 1;
        }
        if n == 0 && !out.is_empty() && matches!(self.state, State::Quoted) {
            let open = self.open;
            with_log(&self.log, |l| l.unclosed = Some(open));
        }
        Ok(n)
    }
}
