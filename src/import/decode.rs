//! Bytes to text: the file's SHA-256, its encoding, and a decoding reader over it.
//!
//! Owns encoding detection: a byte order mark decides (UTF-8, UTF-16 LE/BE); otherwise
//! NUL bytes at every other offset of the first 64 KiB mean UTF-16 without a BOM (LE
//! when they follow each character, BE when they lead); otherwise
//! a file that is valid UTF-8 throughout is UTF-8; otherwise chardetng guesses from every
//! byte, falling back to Windows-1252 (the encoding of Excel's "CSV" on Western
//! Windows); a guessed single-byte file that also holds UTF-8 lines is refused
//! ([`super::mixed`]). The user's `--encoding` overrides all of this. The BOM is
//! stripped by the decoder, so nothing after this module (sniffing, the header) ever
//! sees it (case BR-01).
//! Called by the importer's passes; it never interprets CSV.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use encoding_rs::Encoding;
use encoding_rs_io::{DecodeReaderBytes, DecodeReaderBytesBuilder};
use sha2::{Digest, Sha256};

use super::ImportError;

/// What one read of the raw bytes found out about a file.
#[derive(Debug, Clone)]
pub struct Scan {
    /// Size in bytes.
    pub size: u64,
    /// Lower-case hex SHA-256 of the bytes, recorded with the batch.
    pub sha256: String,
    /// The encoding the file will be decoded with.
    pub encoding: &'static Encoding,
    /// How the encoding was chosen, for the report ("byte order mark", "valid UTF-8",
    /// "guessed", "--encoding").
    pub encoding_source: &'static str,
    /// The bytes are valid UTF-8 and decoded as UTF-8: any U+FFFD in the text was
    /// already in the file, not produced by decoding.
    pub lossless_utf8: bool,
}

/// Look up an encoding by a WHATWG label (`utf-8`, `windows-1252`, `latin1`,
/// `utf-16le`, `iso-8859-15`, ...).
///
/// Errors: [`ImportError::UnknownEncoding`].
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding, ImportError> {
    Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| ImportError::UnknownEncoding(label.to_string()))
}

/// Read the whole file once: hash it and settle its encoding (`forced` wins).
///
/// Errors: [`ImportError::Io`] when the file cannot be read.
pub fn scan(path: &Path, forced: Option<&'static Encoding>) -> Result<Scan, ImportError> {
    let io_err = |source| ImportError::Io {
        path: path.to_path_buf(),
        cause: source,
    };
    let mut file = File::open(path).map_err(io_err)?;
    let mut hasher = Sha256::new();
    let mut detector = chardetng::EncodingDetector::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut head: Vec<u8> = Vec::with_capacity(4);
    let mut utf8 = Utf8Check::default();
    let mut size = 0u64;
    let mut nuls = NulPattern::default();
    loop {
        let n = file.read(&mut buf).map_err(io_err)?;
        if n == 0 {
            break;
        }
        let chunk = &buf[..n];
        size += n as u64;
        hasher.update(chunk);
        if head.len() < 3 {
            head.extend(chunk.iter().take(3 - head.len()));
        }
        nuls.feed(size - n as u64, chunk);
        utf8.feed(chunk);
        if forced.is_none() && !utf8.valid {
            detector.feed(chunk, false);
        }
    }
    let sha256 = hex(&hasher.finalize());
    let (encoding, encoding_source) = if let Some(enc) = forced {
        (enc, "--encoding")
    } else if let Some((enc, _)) = Encoding::for_bom(&head) {
        (enc, "byte order mark")
    } else if let Some(enc) = nuls.utf16() {
        (enc, "NUL byte pattern (UTF-16 without a byte order mark)")
    } else if utf8.finish() {
        (encoding_rs::UTF_8, "valid UTF-8")
    } else {
        detector.feed(&[], true);
        let guess = detector.guess(None, false);
        // chardetng never answers UTF-16 without a BOM; anything that is not a
        // single-byte Western encoding is less likely in a customer export than
        // Windows-1252 mangled by one odd byte.
        let enc = if guess == encoding_rs::UTF_8 {
            encoding_rs::WINDOWS_1252
        } else {
            guess
        };
        if enc.is_single_byte() {
            let file = File::open(path).map_err(io_err)?;
            if let Some(m) = super::mixed::find(BufReader::new(file)).map_err(io_err)? {
                return Err(ImportError::MixedEncoding {
                    path: path.to_path_buf(),
                    utf8_line: m.utf8_line,
                    other_line: m.other_line,
                    // Naming the column is a help: a read failing now leaves it out.
                    other_at: super::field_at::in_file(path, m.other_line, m.offset)
                        .ok()
                        .flatten(),
                    byte: m.byte,
                    guessed: enc.name(),
                    as_guessed: crate::text::for_terminal(
                        &enc.decode_without_bom_handling(&[m.byte]).0,
                    )
                    .into_owned(),
                });
            }
        }
        (enc, "guessed from the bytes")
    };
    let lossless_utf8 = encoding == encoding_rs::UTF_8 && utf8.finish();
    Ok(Scan {
        size,
        sha256,
        encoding,
        encoding_source,
        lossless_utf8,
    })
}

/// NUL bytes at even and odd offsets of the file's first [`NulPattern::WINDOW`] bytes.
/// ASCII text in UTF-16LE is `c 00 c 00 ...` (NULs at odd offsets), in UTF-16BE
/// `00 c 00 c ...`; text in any 8-bit encoding or UTF-8 has none.
#[derive(Debug, Default)]
struct NulPattern {
    even: u64,
    odd: u64,
    seen: u64,
}

impl NulPattern {
    const WINDOW: u64 = 64 * 1024;

    /// Count the NULs of `chunk`, which starts at byte `offset` of the file.
    fn feed(&mut self, offset: u64, chunk: &[u8]) {
        let room = Self::WINDOW.saturating_sub(offset) as usize;
        let chunk = &chunk[..chunk.len().min(room)];
        for (i, &b) in chunk.iter().enumerate() {
            if b == 0 {
                if (offset + i as u64).is_multiple_of(2) {
                    self.even += 1;
                } else {
                    self.odd += 1;
                }
            }
        }
        self.seen += chunk.len() as u64;
    }

    /// UTF-16LE or BE when more than 30% of one parity's bytes are NUL and the other
    /// parity has at most a tenth as many: even mostly-CJK text has NULs in its ASCII
    /// delimiters, digits and e-mail addresses, while a stray NUL in 8-bit text does
    /// not make a pattern.
    fn utf16(&self) -> Option<&'static Encoding> {
        let half = self.seen / 2;
        if half < 2 {
            return None;
        }
        let (major, minor, enc) = if self.odd >= self.even {
            (self.odd, self.even, encoding_rs::UTF_16LE)
        } else {
            (self.even, self.odd, encoding_rs::UTF_16BE)
        };
        (major * 10 > half * 3 && minor * 10 <= major).then_some(enc)
    }
}

/// Streaming UTF-8 validation across chunk boundaries.
#[derive(Debug)]
struct Utf8Check {
    carry: Vec<u8>,
    valid: bool,
}

impl Default for Utf8Check {
    fn default() -> Self {
        Utf8Check {
            carry: Vec::new(),
            valid: true,
        }
    }
}

impl Utf8Check {
    fn feed(&mut self, chunk: &[u8]) {
        if !self.valid {
            return;
        }
        let mut data = std::mem::take(&mut self.carry);
        data.extend_from_slice(chunk);
        match std::str::from_utf8(&data) {
            Ok(_) => {}
            Err(e) if e.error_len().is_none() => self.carry = data[e.valid_up_to()..].to_vec(),
            Err(_) => self.valid = false,
        }
    }

    fn finish(&self) -> bool {
        self.valid && self.carry.is_empty()
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Lower-case hex SHA-256 of `text`.
pub fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

/// A reader over the raw bytes that counts how many it has handed out (for progress).
#[derive(Debug)]
pub struct Counting<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        // Only a progress figure: no other memory depends on it.
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The decoded text of a file as a UTF-8 byte stream, BOM removed: decoded by
/// `encoding_rs`, or, for a file the scan found to be valid UTF-8, its bytes as they
/// are (decoding them would only copy them once more; a tenth of the reading).
pub enum TextReader {
    Decoded(DecodeReaderBytes<Counting<BufReader<File>>, Vec<u8>>),
    Utf8(Counting<BufReader<File>>),
}

impl Read for TextReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            TextReader::Decoded(r) => r.read(buf),
            TextReader::Utf8(r) => r.read(buf),
        }
    }
}

/// Open `path` for decoding with `encoding`. The returned counter follows the raw bytes
/// read so far. Bytes that are invalid in `encoding` come out as U+FFFD; the reader
/// (`read.rs`) refuses any record holding one unless [`Scan::lossless_utf8`] says the
/// character was in the file already (case BR-09). `valid_utf8` (the scan's
/// [`Scan::lossless_utf8`] for a UTF-8 file) passes the bytes through undecoded.
pub fn open(
    path: &Path,
    encoding: &'static Encoding,
    valid_utf8: bool,
) -> Result<(TextReader, Arc<AtomicU64>), ImportError> {
    let io_err = |source| ImportError::Io {
        path: path.to_path_buf(),
        cause: source,
    };
    let file = File::open(path).map_err(io_err)?;
    let read = Arc::new(AtomicU64::new(0));
    let mut buffered = BufReader::with_capacity(256 * 1024, file);
    if valid_utf8 && encoding == encoding_rs::UTF_8 {
        const BOM: &[u8] = b"\xef\xbb\xbf";
        let bom = buffered.fill_buf().map_err(io_err)?.starts_with(BOM);
        if bom {
            buffered.consume(BOM.len());
            read.fetch_add(BOM.len() as u64, Ordering::Relaxed);
        }
        let counting = Counting {
            inner: buffered,
            read: Arc::clone(&read),
        };
        return Ok((TextReader::Utf8(counting), read));
    }
    let counting = Counting {
        inner: buffered,
        read: Arc::clone(&read),
    };
    let reader = DecodeReaderBytesBuilder::new()
        .encoding(Some(encoding))
        .strip_bom(true)
        .build(counting);
    Ok((TextReader::Decoded(reader), read))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn scan_bytes(bytes: &[u8]) -> Scan {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(bytes).unwrap();
        scan(f.path(), None).unwrap()
    }

    #[test]
    fn encodings_are_detected() {
        assert_eq!(
            scan_bytes(b"\xef\xbb\xbfa,b\n").encoding,
            encoding_rs::UTF_8
        );
        assert_eq!(
            scan_bytes(b"\xff\xfea\x00,\x00b\x00").encoding,
            encoding_rs::UTF_16LE
        );
        assert_eq!(
            scan_bytes(b"\xfe\xff\x00a\x00,\x00b").encoding,
            encoding_rs::UTF_16BE
        );
        assert_eq!(
            scan_bytes("Zoë,Besançon\n".as_bytes()).encoding,
            encoding_rs::UTF_8
        );
        assert_eq!(
            scan_bytes(b"name,city\nZo\xeb,Besan\xe7on\n").encoding,
            encoding_rs::WINDOWS_1252
        );
    }

    #[test]
    fn sha256_matches_a_known_digest() {
        // SHA-256("abc") from FIPS 180-2, appendix B.1.
        assert_eq!(
            scan_bytes(b"abc").sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
