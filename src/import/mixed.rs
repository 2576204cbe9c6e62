//! Files that mix UTF-8 lines with lines in a legacy single-byte encoding.
//!
//! Such a file is not valid UTF-8, so the detector guesses a legacy encoding such as
//! Windows-1252, and every UTF-8 line would then be stored garbled (`JosÃ©` for `José`,
//! case BR-09). It happens when two exports are pasted together or a spreadsheet re-saves
//! part of a file. Neither reading is right, so the import stops and names one line of
//! each kind; `--encoding` lets the user choose one reading for the whole file.

use std::io::{self, Read};

/// Where a file shows both encodings: the first line holding a UTF-8 multi-byte
/// sequence and the first line holding a byte that cannot be UTF-8 there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mixed {
    /// 1-based line (counted by line feeds) of the first valid UTF-8 multi-byte sequence.
    pub utf8_line: u64,
    /// 1-based line of the first byte that is not part of a valid UTF-8 sequence.
    pub other_line: u64,
    /// That byte.
    pub byte: u8,
}

/// Scan `input` for both a valid UTF-8 multi-byte sequence and a byte UTF-8 cannot hold
/// there; `None` when the bytes show only one of the two, or control bytes (other than
/// tab, CR and LF) before both were seen: binary content, where byte pairs that happen
/// to form UTF-8 mean nothing and the binary check names the fault.
///
/// Errors: the reader's I/O errors.
pub fn find(mut input: impl Read) -> io::Result<Option<Mixed>> {
    let mut scan = Scanner::default();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = input.read(&mut buf)?;
        if n == 0 {
            break;
        }
        for &b in &buf[..n] {
            scan.feed(b);
        }
        if scan.found().is_some() || scan.binary {
            break;
        }
    }
    scan.finish();
    Ok(scan.found())
}

#[derive(Debug)]
struct Scanner {
    line: u64,
    /// Continuation bytes still expected, the lead byte and the line it stands on.
    need: u8,
    lead: u8,
    lead_line: u64,
    utf8_line: Option<u64>,
    other: Option<(u64, u8)>,
    binary: bool,
}

impl Default for Scanner {
    fn default() -> Self {
        Scanner {
            line: 1,
            need: 0,
            lead: 0,
            lead_line: 1,
            utf8_line: None,
            other: None,
            binary: false,
        }
    }
}

impl Scanner {
    fn feed(&mut self, b: u8) {
        if self.need > 0 {
            if (0x80..=0xbf).contains(&b) {
                self.need -= 1;
                if self.need == 0 {
                    self.utf8_line.get_or_insert(self.lead_line);
                }
                return;
            }
            self.broken();
        }
        match b {
            b'\n' => self.line += 1,
            b'\t' | b'\r' => {}
            // A control byte after the mix was found (later in the same chunk) changes
            // nothing: the file already showed both encodings as text.
            0x00..=0x1f | 0x7f => self.binary |= self.found().is_none(),
            0x20..=0x7e => {}
            0xc2..=0xdf => self.start(b, 1),
            0xe0..=0xef => self.start(b, 2),
            0xf0..=0xf4 => self.start(b, 3),
            _ => {
                self.other.get_or_insert((self.line, b));
            }
        }
    }

    fn start(&mut self, lead: u8, need: u8) {
        self.need = need;
        self.lead = lead;
        self.lead_line = self.line;
    }

    /// A lead byte whose sequence ended early: that byte is not UTF-8 here.
    fn broken(&mut self) {
        self.need = 0;
        self.other.get_or_insert((self.lead_line, self.lead));
    }

    fn finish(&mut self) {
        if self.need > 0 {
            self.broken();
        }
    }

    fn found(&self) -> Option<Mixed> {
        if self.binary {
            return None;
        }
        let utf8_line = self.utf8_line?;
        let (other_line, byte) = self.other?;
        Some(Mixed {
            utf8_line,
            other_line,
            byte,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_with_a_utf8_line_and_a_windows_1252_line_is_mixed() {
        // Line 2 holds `ë` as Windows-1252 (0xEB, then a line feed: no continuation),
        // line 3 `é` as UTF-8 (0xC3 0xA9).
        let bytes = b"email,first_name\ne1@x.com,Zo\xeb\ne2@x.com,Jos\xc3\xa9\n";
        assert_eq!(
            find(&bytes[..]).unwrap(),
            Some(Mixed {
                utf8_line: 3,
                other_line: 2,
                byte: 0xeb
            })
        );
    }

    #[test]
    fn one_encoding_alone_is_not_mixed() {
        assert_eq!(find("Zoë,José\n".as_bytes()).unwrap(), None);
        assert_eq!(find(&b"Zo\xeb,Besan\xe7on\n"[..]).unwrap(), None);
        // A lead byte cut off at the end of the file is not a UTF-8 sequence.
        assert_eq!(find(&b"plain\nZo\xc3"[..]).unwrap(), None);
        // Binary content: a NUL before the mix is left to the binary check.
        assert_eq!(find(&b"\x00\x01Zo\xeb Jos\xc3\xa9"[..]).unwrap(), None);
    }
}
