//! Sniffing: which delimiter a file uses and whether its first row is a header.
//!
//! Works on decoded text (never raw bytes, so a BOM or UTF-16 cannot confuse it), a
//! sample from the start of the file. Each candidate delimiter (`,` `;` TAB `|`) is tried
//! with a real RFC 4180 parser, so delimiters inside quoted fields do not count; the
//! winner is the one that splits the most rows into the same number of fields (more than
//! one). A first line `sep=;` (Excel's delimiter hint) names the delimiter and is
//! skipped, and so are title lines above the header ([`super::preamble`]). Called by the importer before its passes and by [`super::detect`].

use std::io::Read;
use std::path::Path;

use csv::ReaderBuilder;

use super::ImportError;
use super::decode::{self, Scan};

/// The delimiters tried, in order of preference when they tie.
pub const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// How many bytes of decoded text the sniffer looks at.
pub const SAMPLE_BYTES: usize = 64 * 1024;

/// How many records of the sample are compared.
pub const SAMPLE_RECORDS: usize = 100;

/// Share of the sample's characters, in percent, that may be control characters
/// before the file counts as binary: text exports hold next to none, while random
/// bytes decoded with any single-byte encoding are about 13% controls. U+FFFD does not
/// count: bytes invalid in the chosen encoding already fail with the line they are on
/// (`ImportError::Undecodable`), which says more than "binary".
const MAX_BINARY_PERCENT: usize = 5;

/// Sniff the file at `path`, decoded as `scan` found: the one sampling routine of the
/// importer and of suppression lists. `delimiter` and `header` are the user's
/// overrides.
///
/// Errors: [`ImportError::Io`]; [`ImportError::NotText`] when the sample looks like
/// binary content (review P2-7) rather than a misleading delimiter hint.
pub fn sniff_file(
    path: &Path,
    scan: &Scan,
    delimiter: Option<u8>,
    header: Option<bool>,
) -> Result<Sniffed, ImportError> {
    let (reader, _) = decode::open(path, scan.encoding, scan.lossless_utf8)?;
    let mut sample = Vec::with_capacity(SAMPLE_BYTES);
    reader
        .take(SAMPLE_BYTES as u64 + 1)
        .read_to_end(&mut sample)
        .map_err(|source| ImportError::Io {
            path: path.to_path_buf(),
            cause: source,
        })?;
    let truncated = sample.len() > SAMPLE_BYTES;
    sample.truncate(SAMPLE_BYTES);
    if let Some(at) = binary_at(&sample) {
        return Err(ImportError::NotText {
            path: path.to_path_buf(),
            at,
        });
    }
    if let Some(start) = json_start(&sample) {
        return Err(ImportError::Json {
            path: path.to_path_buf(),
            start,
        });
    }
    let mut sniffed = sniff(&sample, truncated, delimiter);
    if let Some(h) = header {
        sniffed.has_header = h;
        sniffed.preamble = 0;
    }
    Ok(sniffed)
}

/// How the decoded `sample` starts when it is JSON rather than delimited text: an
/// array of objects (`[{`), an object (`{"` or `{}`), or JSON Lines (an object a
/// line), after a byte order mark and white space. Read as CSV, such a file became
/// one header-less column per `,`, its keys and values split apart, so a `"consent":
/// "no"` was never read as a refusal (new-user trial 11, F3). `None` for anything
/// else: a CSV cell starting with `{` is quoted, and a title line is `[Export]`.
fn json_start(sample: &[u8]) -> Option<&'static str> {
    let text = String::from_utf8_lossy(&sample[..sample.len().min(4096)]);
    let text = text.trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
    let mut chars = text.chars();
    let first = chars.next()?;
    let rest = chars.as_str().trim_start();
    match first {
        '[' if rest.starts_with('{') => Some("[{"),
        '{' if rest.starts_with('"') || rest.starts_with('}') => Some("{"),
        _ => None,
    }
}

/// Where a sample looks binary, for the error: how many of its characters are control
/// characters, and the first one with its 1-based line and column (in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binary {
    pub controls: usize,
    pub characters: usize,
    /// The first control character by name and code point (`ESC (U+001B)`).
    pub first: String,
    pub line: u64,
    pub column: u64,
}

/// The sample's control characters when more than [`MAX_BINARY_PERCENT`] of its
/// characters are such; TAB, CR and LF are text.
fn binary_at(sample: &[u8]) -> Option<Binary> {
    let text = String::from_utf8_lossy(sample);
    let (mut total, mut odd, mut first) = (0usize, 0usize, None);
    let (mut line, mut column) = (1u64, 0u64);
    for c in text.chars() {
        total += 1;
        if c == '\n' {
            (line, column) = (line + 1, 0);
            continue;
        }
        column += 1;
        if c.is_control() && !matches!(c, '\t' | '\r') {
            odd += 1;
            first.get_or_insert((c, line, column));
        }
    }
    let (c, line, column) = first?;
    (odd * 100 > total * MAX_BINARY_PERCENT).then(|| Binary {
        controls: odd,
        characters: total,
        first: crate::message::clean::describe_char(c),
        line,
        column,
    })
}

/// The sniffer's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sniffed {
    pub delimiter: u8,
    /// Fields per record with that delimiter (the most common count).
    pub width: usize,
    pub has_header: bool,
    /// The first line is Excel's `sep=` hint, which set the delimiter (unless the user
    /// gave one) and is not the header.
    pub sep_line: bool,
    /// Non-blank records above the header that read as a title
    /// ([`super::preamble`]), skipped.
    pub preamble: usize,
    /// The header's line as the user gave it (`--header-line N`): the records above it
    /// are skipped instead.
    pub header_line: Option<u64>,
}

/// Sniff `sample` (decoded text from the start of the file). `truncated` says the sample
/// stops before the end of the file, so its last record may be cut and is ignored.
/// `delimiter` skips the delimiter search (the user's `--delimiter`).
pub fn sniff(sample: &[u8], truncated: bool, delimiter: Option<u8>) -> Sniffed {
    let hint = sep_hint(sample);
    let sample = match hint {
        Some(_) => sample
            .iter()
            .position(|&b| b == b'\n')
            .map_or(&sample[sample.len()..], |at| &sample[at + 1..]),
        None => sample,
    };
    let (delimiter, records) = match delimiter.or(hint) {
        Some(d) => (d, records(sample, truncated, d)),
        None => {
            let mut best = (b',', (0, 0));
            for d in CANDIDATES {
                let score = score(&records(sample, truncated, d));
                if score > best.1 {
                    best = (d, score);
                }
            }
            (best.0, records(sample, truncated, best.0))
        }
    };
    let width = mode(&records).map_or(1, |(w, _)| w);
    let preamble = super::preamble::records_above_header(&records);
    let has_header = records
        .get(preamble)
        .is_none_or(|first| !super::header_row::holds_data(first));
    Sniffed {
        delimiter,
        width,
        has_header,
        sep_line: hint.is_some(),
        preamble,
        header_line: None,
    }
}

/// The delimiter named by Excel's hint line `sep=;` (also quoted, `"sep=;"`, or
/// followed by more of the same delimiter) at the start of `sample`.
fn sep_hint(sample: &[u8]) -> Option<u8> {
    let end = sample
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(sample.len());
    let line = std::str::from_utf8(&sample[..end]).ok()?;
    let line = line.trim_end_matches(['\r', ' ']).trim_matches('"');
    let rest = line.get(..4).filter(|p| p.eq_ignore_ascii_case("sep="))?;
    let value = &line[rest.len()..];
    let d = *value.as_bytes().first()?;
    let usable = d.is_ascii_punctuation() && d != b'"' || d == b'\t' || d == b' ';
    (usable && value.bytes().all(|b| b == d)).then_some(d)
}

fn records(sample: &[u8], truncated: bool, delimiter: u8) -> Vec<Vec<String>> {
    let mut reader = ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(sample);
    let mut out: Vec<Vec<String>> = reader
        .byte_records()
        .map_while(Result::ok)
        .map(|r| {
            r.iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect::<Vec<_>>()
        })
        .filter(|r| r.iter().any(|f| !f.trim().is_empty()))
        .take(SAMPLE_RECORDS + 1)
        .collect();
    if truncated || out.len() > SAMPLE_RECORDS {
        out.pop();
    }
    out
}

/// The most common field count and how many records have it.
fn mode(records: &[Vec<String>]) -> Option<(usize, u64)> {
    let mut counts: std::collections::BTreeMap<usize, u64> = Default::default();
    for r in records {
        *counts.entry(r.len()).or_default() += 1;
    }
    counts.into_iter().max_by_key(|&(width, n)| (n, width))
}

/// (records agreeing on the field count, scaled to parts per million; that count).
/// Single-field splits score zero: they mean the delimiter is absent.
fn score(records: &[Vec<String>]) -> (u64, usize) {
    match mode(records) {
        Some((width, n)) if width > 1 => (n * 1_000_000 / records.len() as u64, width),
        _ => (0, 0),
    }
}

/// True for a cell that reads like a value rather than a column name: a number, an
/// e-mail address, or a date. A first row holding one is data, not a header.
pub fn looks_like_data(cell: &str) -> bool {
    let cell = cell.trim();
    if cell.is_empty() {
        return false;
    }
    let numeric = cell.parse::<f64>().is_ok() && cell.chars().any(|c| c.is_ascii_digit());
    let email = cell.contains('@') && cell.contains('.') && !cell.contains(' ');
    let date_like = cell.len() >= 6
        && cell
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | ':' | ' ' | 'T' | 'Z'))
        && cell.chars().filter(|c| c.is_ascii_digit()).count() >= 4;
    numeric || email || date_like
}

/// The delimiter as a person would name it in a report.
pub fn describe(delimiter: u8) -> String {
    match delimiter {
        b'\t' => "TAB".to_string(),
        b' ' => "space".to_string(),
        d => (d as char).to_string(),
    }
}

/// A delimiter named by [`describe`], as a report prints it: one character in double
/// quotes (`","`, `";"`; a double quote itself in single quotes), a word (`TAB`,
/// `space`) as it is, so a comma or space is never lost in the sentence around it.
pub fn quoted(described: &str) -> String {
    let mut chars = described.chars();
    match (chars.next(), chars.next()) {
        (Some('"'), None) => "'\"'".to_string(),
        (Some(c), None) => format!("\"{c}\""),
        _ => described.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_delimiters_read_plainly() {
        assert_eq!(quoted(","), "\",\"");
        assert_eq!(quoted(";"), "\";\"");
        assert_eq!(quoted("\""), "'\"'");
        assert_eq!(quoted("TAB"), "TAB");
        assert_eq!(quoted("space"), "space");
    }

    #[test]
    fn semicolon_with_commas_in_values_is_semicolon() {
        // Case BR-02.
        let text = "email;first_name;city;total_spend\r\nana@example.com;Ana;Saint-Denis, Réunion;12,50\r\nbo@example.com;Bo;Köln;0,99\r\ncy@example.com;Cy;Gent;100\r\n";
        let s = sniff(text.as_bytes(), false, None);
        assert_eq!((s.delimiter, s.width, s.has_header), (b';', 4, true));
    }

    #[test]
    fn quoted_commas_do_not_count() {
        let text = "a|b\n\"x,y,z\"|1\n\"p,q\"|2\n";
        assert_eq!(sniff(text.as_bytes(), false, None).delimiter, b'|');
    }

    #[test]
    fn a_first_row_of_values_is_not_a_header() {
        let text = "ana@example.com,Ana\nbo@example.com,Bo\n";
        assert!(!sniff(text.as_bytes(), false, None).has_header);
    }

    #[test]
    fn excel_sep_line_names_the_delimiter() {
        let text = "sep=;\r\nemail;city\r\nana@example.com;Saint-Denis, Réunion\r\n";
        let s = sniff(text.as_bytes(), false, None);
        assert_eq!(
            (s.delimiter, s.width, s.has_header, s.sep_line),
            (b';', 2, true, true)
        );
        let s = sniff(b"\"sep=|\"\na|b\n1|2\n", false, None);
        assert_eq!((s.delimiter, s.sep_line), (b'|', true));
        assert_eq!(sep_hint(b"sep=\t\n"), Some(b'\t'));
        assert_eq!(sep_hint(b"sep=;;;\n"), Some(b';'));
        assert_eq!(sep_hint(b"separator,x\n"), None);
        assert_eq!(sep_hint(b"sep=ab\n"), None);
    }

    #[test]
    fn single_column_defaults_to_comma() {
        let s = sniff(b"email\nana@example.com\n", false, None);
        assert_eq!((s.delimiter, s.width), (b',', 1));
    }
}
