//! The check of `--header-line N`: the line the user named must read as a header.
//!
//! One line off in either direction brought the sixth trial's fault back (ninth new-user
//! trial, F-G5h): `--header-line 1` on a file with one title line made the title the
//! header and the real header (`Email,First Name,Accepts Email Marketing,Age`) a
//! contact, and `--header-line 3` skipped the real header as a title and made Ann's row
//! (`a@example.com,Ann,no,40`) the header; either way consent and age were read as plain
//! text, and with `--consent email=granted` the person who said no and the
//! 14-year-old were mailed with a clean review.
//!
//! The rule ([`super::header_row`] judges the records): line N is trusted when it names
//! at least two known columns and does not read as data. Otherwise the import stops,
//! before anything is written, when another record near it (every record skipped above
//! it, or one of the first [`ROWS_BELOW`] rows below it) names at least two known
//! columns, more than line N does, holds no address, is mostly not values, and has
//! more than half as many filled cells as line N (a short title naming `Email report`
//! is no header); the message names both lines and suggests `--header-line M`. Line N
//! holding an e-mail address stops the import even when no better line is found: a
//! header never holds one, and that row would be lost as column names. Called by
//! [`super::analyse`].

use super::ImportError;
use super::header_row::{holds_address, known_columns, reads_as_data};
use super::preamble::line_text;

/// Rows below the header compared with it.
pub const ROWS_BELOW: usize = 3;

/// Known columns a line needs to count as a header here.
const KNOWN: usize = 2;

/// The check of one import's `--header-line N`, fed the rows below the header.
#[derive(Debug)]
pub struct HeaderLine {
    line: u64,
    header: Vec<String>,
    /// Records skipped above the header and the first rows below it, with their lines.
    near: Vec<(u64, Vec<String>)>,
    below: usize,
    done: bool,
}

impl HeaderLine {
    /// The check of header `header` on line `line`, with the records skipped above it.
    pub fn new(line: u64, header: &[String], above: &[(u64, Vec<String>)]) -> HeaderLine {
        HeaderLine {
            line,
            header: header.to_vec(),
            near: above.to_vec(),
            below: 0,
            done: false,
        }
    }

    /// Take row `line` (its cells) below the header; after [`ROWS_BELOW`] rows, judge.
    ///
    /// Errors: [`ImportError::BadOption`] as [`HeaderLine::finish`].
    pub fn observe(&mut self, line: u64, cells: &[String]) -> Result<(), ImportError> {
        if self.done {
            return Ok(());
        }
        self.near.push((line, cells.to_vec()));
        self.below += 1;
        if self.below >= ROWS_BELOW {
            return self.finish();
        }
        Ok(())
    }

    /// Judge with the rows seen (call at the end of the file too).
    ///
    /// Errors: [`ImportError::BadOption`] naming line N and the better line, when line
    /// N does not read as a header (see the module doc).
    pub fn finish(&mut self) -> Result<(), ImportError> {
        if std::mem::replace(&mut self.done, true) {
            return Ok(());
        }
        let filled = |r: &[String]| r.iter().filter(|c| !c.trim().is_empty()).count();
        let known = known_columns(&self.header);
        let data = reads_as_data(&self.header);
        if known >= KNOWN && !data {
            return Ok(());
        }
        let width = filled(&self.header);
        let better = (self.near.iter())
            .map(|(line, cells)| (*line, cells, known_columns(cells)))
            .filter(|(_, cells, k)| {
                *k >= KNOWN
                    && *k > known
                    && filled(cells) * 2 > width
                    && !reads_as_data(cells)
                    && !cells.iter().any(|c| holds_address(c))
            })
            .max_by_key(|(line, _, k)| (*k, std::cmp::Reverse(*line)));
        let address = self.header.iter().any(|c| holds_address(c));
        let n = self.line;
        let this = line_text(&self.header);
        let why = if address {
            "holds an e-mail address, so it reads as a data row".to_string()
        } else if data {
            "holds mostly values (numbers, dates, yes/no), so it reads as a data row".to_string()
        } else {
            format!(
                "names {known} column{} tactful knows",
                if known == 1 { "" } else { "s" }
            )
        };
        let message = match better {
            Some((m, cells, k)) => format!(
                "--header-line {n}: line {n} (`{this}`) {why}, while line {m} (`{}`) names {k} known columns: the header is likely line {m}; pass --header-line {m} (or leave the option out: title lines above the header are found and skipped). Nothing was imported",
                line_text(cells)
            ),
            None if address => format!(
                "--header-line {n}: line {n} (`{this}`) {why}, not a header; pass the line of the header, or --no-header for a file without one. Nothing was imported"
            ),
            None => return Ok(()),
        };
        Err(ImportError::BadOption(message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(line: &str) -> Vec<String> {
        line.split(',').map(str::to_string).collect()
    }

    const TITLE: &str = "Report,Customers,Generated,2024-12-01";
    const HEADER: &str = "Email,First Name,Accepts Email Marketing,Age";

    fn check(n: u64, lines: &[&str]) -> Result<(), String> {
        let records: Vec<(u64, Vec<String>)> = (lines.iter().enumerate())
            .map(|(i, l)| (i as u64 + 1, cells(l)))
            .collect();
        let at = n as usize - 1;
        let mut c = HeaderLine::new(n, &records[at].1, &records[..at]);
        let mut out = Ok(());
        for (line, cells) in &records[at + 1..] {
            out = out.and(c.observe(*line, cells));
        }
        out.and(c.finish()).map_err(|e| e.to_string())
    }

    #[test]
    fn a_line_off_by_one_is_refused() {
        let file = [
            TITLE,
            HEADER,
            "a@example.com,Ann,no,40",
            "b@example.com,Bob,yes,14",
        ];
        assert!(check(2, &file).is_ok());
        let early = check(1, &file).unwrap_err();
        assert!(early.contains("pass --header-line 2"), "{early}");
        let late = check(3, &file).unwrap_err();
        assert!(late.contains("holds an e-mail address"), "{late}");
        assert!(late.contains("pass --header-line 2"), "{late}");
    }

    #[test]
    fn a_header_of_unknown_words_is_trusted() {
        let file = [
            "Title,,,",
            "Kunde,Ort,Wert,Code",
            "k1,Bonn,12,X",
            "k2,Köln,13,Y",
        ];
        assert!(check(2, &file).is_ok());
        // A short title naming known words is no header.
        let file = [
            "Email report,Age groups,,",
            "Kunde,Ort,Wert,Code",
            "k1,Bonn,12,X",
        ];
        let file: Vec<&str> = file.to_vec();
        assert!(check(2, &file).is_ok());
    }
}
