//! Line breaks made uniform before the csv crate sees the text (see [`LineEnds`]).

use std::io::Read;

/// The decoded text with every line break as LF and a final LF guaranteed.
///
/// The csv crate reports where a record starts before it skips the blank lines and the
/// LF of a CR LF ahead of it, so its start lines drift. With LF-only text that always
/// ends in LF, every record ends with a counted LF, and its first line is exactly
/// `lines after it - LFs inside it - 1`. Values lose nothing: [`crate::import::normalise::clean_value`]
/// turns CR LF and lone CR into LF anyway.
pub struct LineEnds<R> {
    inner: R,
    buf: Vec<u8>,
    /// The bytes last read from `inner`, kept to be reused by the next read.
    raw: Vec<u8>,
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
            raw: vec![0; 64 * 1024],
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
            let n = self.inner.read(&mut self.raw)?;
            self.buf.clear();
            self.pos = 0;
            if n == 0 {
                self.done = true;
                if self.last.is_some_and(|b| b != b'\n') {
                    self.buf.push(b'\n');
                }
                continue;
            }
            let mut rest = &self.raw[..n];
            if std::mem::take(&mut self.pending_cr) && rest.first() == Some(&b'\n') {
                rest = &rest[1..];
            }
            // Copied in runs between CRs: most files have none (LF line ends).
            while let Some(cr) = rest.iter().position(|&b| b == b'\r') {
                self.buf.extend_from_slice(&rest[..cr]);
                self.buf.push(b'\n');
                rest = &rest[cr + 1..];
                match rest.first() {
                    Some(b'\n') => rest = &rest[1..],
                    Some(_) => {}
                    None => self.pending_cr = true,
                }
            }
            self.buf.extend_from_slice(rest);
            self.last = self.buf.last().copied().or(self.last);
        }
    }
}
