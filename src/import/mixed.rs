//! Files that mix UTF-8 lines with lines in a legacy single-byte encoding.
//!
//! Such a file is not valid UTF-8, so the detector guesses a legacy encoding such as
//! Windows-1252, and every UTF-8 line would then be stored garbled (`JosÃ©` for `José`,
//! case BR-09). It happens when two exports are pasted together or a spreadsheet re-saves
//! part of a file. Neither reading is right, so the import stops and names one line of
//! each kind; `--encoding` lets the user choose one reading for the whole file.

use std::io::{self, Read};

/// Where a file shows both encodings: the first line that is valid UTF-8 and holds a
/// multi-byte sequence, and the first line holding a byte that cannot be UTF-8 there.
///
/// A line is judged whole: in a legacy encoding, two letters often happen to form a
/// valid UTF-8 pair (`Пё` in Windows-1251 is 0xCF 0xB8, which UTF-8 reads as `ϸ`), so a
/// line of Cyrillic holds such pairs beside bytes UTF-8 never uses, and is a legacy line
/// (session 7 trial: a pure Windows-1251 file was refused as mixed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mixed {
    /// 1-based line (counted by line feeds) of the first line that is valid UTF-8 and
    /// holds a multi-byte sequence.
    pub utf8_line: u64,
    /// 1-based line of the first byte that is not part of a valid UTF-8 sequence.
    pub other_line: u64,
    /// That byte.
    pub byte: u8,
    /// Its offset in its line, in bytes from 0 (for the column it stands in:
    /// [`super::field_at`]).
    pub offset: usize,
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
    other: Option<(u64, u8, usize)>,
    binary: bool,
    /// The current line holds a complete UTF-8 multi-byte sequence.
    line_utf8: bool,
    /// The first byte of the current line that cannot be UTF-8 there, and its offset.
    line_other: Option<(u8, usize)>,
    /// Bytes of the current line read so far, and the offset of the pending lead byte.
    column: usize,
    lead_column: usize,
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
            line_utf8: false,
            line_other: None,
            column: 0,
            lead_column: 0,
        }
    }
}

impl Scanner {
    fn feed(&mut self, b: u8) {
        let column = self.column;
        self.column += 1;
        if self.need > 0 {
            if (0x80..=0xbf).contains(&b) {
                self.need -= 1;
                if self.need == 0 {
                    self.line_utf8 = true;
                }
                return;
            }
            self.broken();
        }
        match b {
            b'\n' => {
                self.end_line();
                self.line += 1;
                self.column = 0;
            }
            b'\t' | b'\r' => {}
            // A control byte after the mix was found (later in the same chunk) changes
            // nothing: the file already showed both encodings as text.
            0x00..=0x1f | 0x7f => self.binary |= self.found().is_none(),
            0x20..=0x7e => {}
            0xc2..=0xdf => self.start(b, 1, column),
            0xe0..=0xef => self.start(b, 2, column),
            0xf0..=0xf4 => self.start(b, 3, column),
            _ => {
                self.line_other.get_or_insert((b, column));
            }
        }
    }

    fn start(&mut self, lead: u8, need: u8, column: usize) {
        self.need = need;
        self.lead = lead;
        self.lead_column = column;
        self.lead_line = self.line;
    }

    /// A lead byte whose sequence ended early: that byte is not UTF-8 here. A
    /// sequence never holds a line feed, so its line is the current one.
    fn broken(&mut self) {
        self.need = 0;
        self.line_other.get_or_insert((self.lead, self.lead_column));
    }

    /// Judge the line just read whole: any byte UTF-8 cannot hold makes it a legacy
    /// line, whatever pairs in it look like UTF-8.
    fn end_line(&mut self) {
        match self.line_other.take() {
            Some((b, column)) => {
                self.other.get_or_insert((self.line, b, column));
            }
            None if self.line_utf8 => {
                self.utf8_line.get_or_insert(self.line);
            }
            None => {}
        }
        self.line_utf8 = false;
    }

    fn finish(&mut self) {
        if self.need > 0 {
            self.broken();
        }
        self.end_line();
    }

    fn found(&self) -> Option<Mixed> {
        if self.binary {
            return None;
        }
        let utf8_line = self.utf8_line?;
        let (other_line, byte, offset) = self.other?;
        Some(Mixed {
            utf8_line,
            other_line,
            byte,
            offset,
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
                byte: 0xeb,
                // `e1@x.com,Zo` is 11 bytes: the byte after them.
                offset: 11,
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

    /// `b@example.com,Пётр,Киев` in Windows-1251: `Пё` is 0xCF 0xB8, a valid UTF-8
    /// pair, but 0xF2 (`т`) followed by 0xF0 (`р`) is not UTF-8: a legacy line.
    #[test]
    fn utf8_looking_pairs_in_a_legacy_line_do_not_make_it_mixed() {
        let bytes = b"email,name\na@example.com,\xc8\xe2\xe0\xed\nb@example.com,\xcf\xb8\xf2\xf0\n";
        assert_eq!(find(&bytes[..]).unwrap(), None);
        // The same file with a real UTF-8 line added is mixed, from that line.
        let mut mixed = bytes.to_vec();
        mixed.extend_from_slice("c@example.com,José\n".as_bytes());
        assert_eq!(
            find(&mixed[..]).unwrap(),
            Some(Mixed {
                utf8_line: 4,
                other_line: 2,
                byte: 0xc8,
                // `a@example.com,` is 14 bytes.
                offset: 14,
            })
        );
    }
}
