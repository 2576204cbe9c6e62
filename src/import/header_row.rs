//! Whether a record reads as a header, a title or a data row, by its cells: the one
//! judgement behind header detection ([`super::sniff`], the workbook reader), title
//! lines ([`super::preamble`]) and the check of `--header-line N`
//! ([`super::header_line`]).
//!
//! A header names columns: its cells are words, and the columns tactful knows by name
//! (`Email`, `First Name`, `Accepts Email Marketing`, `Age`, `Geburtsdatum`: any
//! header phrase of the privacy dictionary, or a consent header) count as known. A data
//! row holds values: an e-mail address, numbers, dates, yes/no. One exception, from the
//! ninth new-user trial (F-G5h c): a report's header may name years or months as
//! columns (`Email,First Name,Accepts Email Marketing,Age,2023,2024`); such cells are
//! no data when the rest of the record names at least [`KNOWN_WITH_YEARS`] known
//! columns and no cell is an address, else the header was read as the first contact
//! (address `Email`) and the consent and age columns were lost.

use super::consent;
use super::sniff::looks_like_data;
use crate::fields::classify;

/// Known columns a record needs for its year cells (`2023`, `2024-01`) to count as
/// column names.
pub const KNOWN_WITH_YEARS: usize = 2;

/// Longest cell, in characters, read as a possible column name here: longer cells are
/// sentences (titles, notes), and the dictionary is not searched through them.
const LONGEST_NAME: usize = 80;

/// True when `cell` names a column tactful knows: a header phrase of the privacy
/// dictionary or a consent header (`Accepts Email Marketing`, `Do not email`). A value
/// (number, address, date) never does.
pub fn is_known_column(cell: &str) -> bool {
    let cell = cell.trim();
    !cell.is_empty()
        && cell.chars().count() <= LONGEST_NAME
        && !looks_like_data(cell)
        && (classify::names_a_known_column(cell) || consent::header_reading(cell).is_some())
}

/// How many of `cells` name a known column ([`is_known_column`]).
pub fn known_columns(cells: &[String]) -> usize {
    cells.iter().filter(|c| is_known_column(c)).count()
}

/// True for a cell that is a year or a year and month as a report heads a column with
/// it: `2023`, `2024-01`, `2023/24`, years 1900 to 2100.
pub fn is_year_column(cell: &str) -> bool {
    let cell = cell.trim();
    // `get`, not `split_at`: a cell of wide characters (`ａｎｎ@…`) has no boundary at 4.
    let (Some(year), Some(rest)) = (cell.get(..4), cell.get(4..)) else {
        return false;
    };
    let year_ok = year.bytes().all(|b| b.is_ascii_digit())
        && year
            .parse::<u32>()
            .is_ok_and(|y| (1900..=2100).contains(&y));
    if !year_ok {
        return false;
    }
    match rest.strip_prefix(['-', '/']) {
        None => rest.is_empty(),
        Some(part) => (1..=2).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()),
    }
}

/// True when `cells` hold a value that makes the record data rather than a header:
/// a number, an address or a date ([`looks_like_data`]), except year columns in a
/// record naming at least [`KNOWN_WITH_YEARS`] known columns (see the module doc).
pub fn holds_data(cells: &[String]) -> bool {
    let mut values = cells.iter().filter(|c| looks_like_data(c)).peekable();
    if values.peek().is_none() {
        return false;
    }
    if !values.all(|c| is_year_column(c)) {
        return true;
    }
    known_columns(cells) < KNOWN_WITH_YEARS
}

/// True when `cell` holds an e-mail address (`ann@example.com`, also inside text).
pub fn holds_address(cell: &str) -> bool {
    cell.contains('@') && !crate::fields::address::addresses_in(cell).is_empty()
}

/// True when `cells` read as a data row: an e-mail address among them, or more than
/// half of the filled cells values (numbers, dates, yes/no).
pub fn reads_as_data(cells: &[String]) -> bool {
    let filled: Vec<&str> = (cells.iter().map(|c| c.trim()))
        .filter(|c| !c.is_empty())
        .collect();
    if filled.iter().any(|c| holds_address(c)) {
        return true;
    }
    let values = (filled.iter())
        .filter(|c| looks_like_data(c) || consent::words::is_yes_or_no(c))
        .count();
    values * 2 > filled.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(line: &str) -> Vec<String> {
        line.split(',').map(str::to_string).collect()
    }

    #[test]
    fn known_columns_are_counted() {
        let header = cells("Email,First Name,Accepts Email Marketing,Age");
        assert_eq!(known_columns(&header), 4);
        assert_eq!(
            known_columns(&cells("Report,Customers,Generated,2024-12-01")),
            0
        );
        assert_eq!(known_columns(&cells("a@example.com,Ann,no,40")), 0);
    }

    #[test]
    fn year_columns_beside_known_columns_are_a_header() {
        assert!(is_year_column("2023") && is_year_column("2024-01") && is_year_column("2023/24"));
        assert!(!is_year_column("40") && !is_year_column("2024-12-01") && !is_year_column("1234"));
        // Wide characters: no byte boundary at 4, no panic.
        assert!(!is_year_column("ａｎｎ@example.com") && !is_year_column("20２4"));
        let header = cells("Email,First Name,Accepts Email Marketing,Age,2023,2024");
        assert!(!holds_data(&header));
        // Years alone, or beside one known column, stay data.
        assert!(holds_data(&cells("Ann,2023,2024")));
        assert!(holds_data(&cells("Email,Ann,2023")));
        // An address is data whatever else the record names.
        assert!(holds_data(&cells("Email,Age,a@example.com,2023")));
    }

    #[test]
    fn data_rows_are_told_from_headers() {
        assert!(reads_as_data(&cells("a@example.com,Ann,no,40")));
        assert!(reads_as_data(&cells("+447700900001,Ann,no,40")));
        assert!(!reads_as_data(&cells(
            "Email,First Name,Accepts Email Marketing,Age"
        )));
        assert!(!reads_as_data(&cells(
            "Report,Customers,Generated,2024-12-01"
        )));
    }
}
