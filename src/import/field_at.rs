//! The column a byte that cannot be decoded stands in, for the errors that stop an
//! import on it ([`super::ImportError::Undecodable`],
//! [`super::ImportError::MixedEncoding`]): its number (from 1) and its header, so the
//! user can find the cell (new-user trial: the error named the line only, and a wide
//! export has dozens of cells on a line).

use std::fmt;
use std::io::{self, BufRead};
use std::path::Path;

/// A column of the file: its number from 1 and its header, when the file has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldAt {
    pub number: usize,
    pub header: Option<String>,
}

impl fmt::Display for FieldAt {
    /// `column 3 (`City`)`, or `column 3` without a header.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}", self.number)?;
        match &self.header {
            Some(h) => write!(f, " (`{}`)", crate::text::shorten(h, 40)),
            None => Ok(()),
        }
    }
}

/// The column of the first cell of `cells` holding U+FFFD (a byte the encoding could
/// not decode), with its header from `headers` (empty while the header itself is
/// read); `None` when no cell holds one. Boxed, as the error variants hold it.
pub fn in_record<'a>(
    cells: impl Iterator<Item = &'a str>,
    headers: &[String],
) -> Option<Box<FieldAt>> {
    let i = cells.into_iter().position(|c| c.contains('\u{FFFD}'))?;
    Some(Box::new(FieldAt {
        number: i + 1,
        header: headers.get(i).filter(|h| !h.is_empty()).cloned(),
    }))
}

/// The column byte `offset` of line `line` (from 1) of the file at `path` stands in,
/// read on the raw bytes before the file is decoded: the delimiter is the one of `,`
/// `;` TAB `|` its first line holds most (`,` on a tie), the column the count of
/// delimiters before the byte outside double quotes, plus one; its header the first
/// line's cell there. A quoted cell spanning lines is counted from its line's start,
/// so past one the number may be off; `None` when the file has fewer lines. Boxed, as
/// the error variants hold it.
///
/// Errors: the file's I/O errors.
pub fn in_file(path: &Path, line: u64, offset: usize) -> io::Result<Option<Box<FieldAt>>> {
    let mut reader = io::BufReader::new(std::fs::File::open(path)?);
    let (mut first, mut wanted) = (Vec::new(), Vec::new());
    let mut buf = Vec::new();
    for n in 1..=line {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            return Ok(None);
        }
        if n == 1 {
            first = buf.clone();
        }
        if n == line {
            wanted = buf.clone();
        }
    }
    let delimiter = [b',', b';', b'\t', b'|']
        .into_iter()
        .rev()
        .max_by_key(|d| first.iter().filter(|b| *b == d).count())
        .unwrap_or(b',');
    let number = 1 + cells_before(&wanted[..offset.min(wanted.len())], delimiter);
    let header = String::from_utf8_lossy(&first)
        .trim_start_matches('\u{feff}')
        .trim_end_matches(['\r', '\n'])
        .split(char::from(delimiter))
        .nth(number - 1)
        .map(|h| h.trim().trim_matches('"').to_string())
        .filter(|h| !h.is_empty() && line > 1);
    Ok(Some(Box::new(FieldAt { number, header })))
}

/// Delimiters in `bytes` outside double quotes.
fn cells_before(bytes: &[u8], delimiter: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for &b in bytes {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_byte_is_placed_in_its_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.csv");
        // Line 3: `"Smith, J";Zo` (13 bytes) then 0xEB: one `;` before it, and a `,`
        // inside quotes that is no delimiter here.
        std::fs::write(
            &path,
            b"name;first;city\nx;y;z\n\"Smith, J\";Zo\xeb;Paris\n",
        )
        .unwrap();
        let found = in_file(&path, 3, 13).unwrap().unwrap();
        assert_eq!(
            *found,
            FieldAt {
                number: 2,
                header: Some("first".into())
            }
        );
        assert_eq!(found.to_string(), "column 2 (`first`)");
        assert_eq!(in_file(&path, 9, 0).unwrap(), None);
        // In the header line itself: no header to name.
        assert_eq!(
            in_file(&path, 1, 6).unwrap().unwrap().to_string(),
            "column 2"
        );
    }

    #[test]
    fn a_record_names_its_first_undecoded_cell() {
        let headers = vec!["email".to_string(), "city".to_string()];
        let cells = ["a@x.org", "Besan\u{FFFD}on"];
        assert_eq!(
            in_record(cells.into_iter(), &headers).unwrap().to_string(),
            "column 2 (`city`)"
        );
        assert_eq!(in_record(["a", "b"].into_iter(), &headers), None);
        assert_eq!(
            in_record(["\u{FFFD}"].into_iter(), &[])
                .unwrap()
                .to_string(),
            "column 1"
        );
    }
}
