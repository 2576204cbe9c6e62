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

#[cfg(test)]
mod tests {
    use super::*;

    /// Hands out one byte per read, so every CR meets the end of a chunk.
    struct OneByte<'a>(&'a [u8]);

    impl Read for OneByte<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            match self.0.split_first() {
                Some((&b, rest)) if !out.is_empty() => {
                    out[0] = b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    fn through(reader: impl Read) -> String {
        let mut out = String::new();
        LineEnds::new(reader).read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn crs_become_one_lf_also_across_reads() {
        // CR LF, lone CR, CR CR LF (two breaks) and a final CR, worked out by hand.
        let text = b"a\r\nb\rc\r\r\nd\r";
        let want = "a\nb\nc\n\nd\n";
        assert_eq!(through(&text[..]), want);
        assert_eq!(through(OneByte(text)), want);
    }
}
