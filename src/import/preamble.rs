//! Title lines above the header (`Customer export 2026-11-30`, `Report: subscribers,,,`,
//! `Report,Customers,Generated,2024-12-01,Shop`), as Shopify and HubSpot reports and
//! spreadsheets saved as CSV write them.
//!
//! Such a line was read as the header, or as the first data row of a header-less file,
//! so the real header became a contact (address `Email`) and the consent and age
//! columns were read as plain text: with `--consent email=granted` and the natural
//! `fields set … --role email`, an opted-out person and a 14-year-old were mailed with a
//! clean review (sixth new-user trial, G5). The rule: the header is the first of the
//! first [`MAX_PREAMBLE`] + 1 non-blank records that reads like one (at least two
//! cells, none a value such as a number, an address or a date, and as many non-empty
//! cells as the widest record after it), with values below it; every record above it
//! must read like a title: at most half as many non-empty cells as the header, or a
//! value but no e-mail address among its cells (a data row of a file without a header
//! holds one). Anything else keeps the first record as the header, as before. The
//! import skips those lines and names them in a warning; `--header-line N` says where
//! the header is when the rule cannot tell. Line numbers stay the file's. Called by
//! [`super::sniff`] for text and by the workbook reader's caller for sheets.

use super::header_row;
use super::sniff::looks_like_data;

/// Most title lines looked for above the header.
pub const MAX_PREAMBLE: usize = 10;

/// How many of `records` (non-blank records from the start of the file, after a `sep=`
/// line) come before the header: 0 when the first record is the header or the rule of
/// the module header does not hold.
pub fn records_above_header(records: &[Vec<String>]) -> usize {
    let filled = |r: &[String]| r.iter().filter(|c| !c.trim().is_empty()).count();
    let holds_value = |r: &[String]| r.iter().any(|c| looks_like_data(c));
    let holds_address = |r: &[String]| r.iter().any(|c| looks_like_address(c));
    for at in 1..records.len().min(MAX_PREAMBLE + 1) {
        let header = &records[at];
        let width = filled(header);
        let below = &records[at + 1..];
        let header_like = width >= 2
            && !header_row::holds_data(header)
            && below.iter().all(|r| filled(r) <= width)
            && below.iter().any(|r| holds_value(r));
        if !header_like {
            continue;
        }
        let titles = records[..at]
            .iter()
            .all(|r| filled(r) * 2 <= width || (holds_value(r) && !holds_address(r)));
        return if titles { at } else { 0 };
    }
    0
}

fn looks_like_address(cell: &str) -> bool {
    let cell = cell.trim();
    cell.contains('@') && !cell.contains(' ')
}

/// Most skipped lines a warning quotes; the rest are counted.
const QUOTED: usize = 10;

/// The warning naming the skipped lines (`skipped`: each line, 1-based, in file order,
/// with its cells) and the header's line, quoting each line's text (ninth new-user
/// trial, F-G5h: quoting only the first hid the real header among the skipped lines).
pub fn warning(skipped: &[(u64, Vec<String>)], header_line: u64) -> String {
    let lines: Vec<u64> = skipped.iter().map(|(line, _)| *line).collect();
    let which = match lines.as_slice() {
        [one] => format!("line {one}"),
        [rest @ .., last] => {
            let rest: Vec<String> = rest.iter().map(u64::to_string).collect();
            format!("lines {} and {last}", rest.join(", "))
        }
        [] => String::new(),
    };
    let quoted: Vec<String> = match skipped {
        [(_, cells)] => vec![format!("`{}`", line_text(cells))],
        _ => (skipped.iter().take(QUOTED))
            .map(|(line, cells)| format!("line {line}: `{}`", line_text(cells)))
            .collect(),
    };
    let more = match skipped.len().saturating_sub(QUOTED) {
        0 => String::new(),
        n => format!("; {n} more"),
    };
    format!(
        "{which} above the header (line {header_line}) read as a title and skipped, not imported ({}{more}): the header is the first line that names every column; if it is another line, pass --header-line N",
        quoted.join("; ")
    )
}

/// A skipped line as a warning quotes it: its non-blank cells joined by spaces, at most
/// 60 characters, made safe for a terminal.
pub fn line_text(cells: &[String]) -> String {
    let cells: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    let shown: String = cells.join(" ").chars().take(60).collect();
    crate::text::for_terminal(&shown).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        text.lines()
            .map(|l| l.split(',').map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn titles_above_the_header_are_found() {
        let file = "Email,First Name,Accepts Email Marketing,Age\na@example.com,Ann,no,40\n";
        assert_eq!(records_above_header(&rows(file)), 0);
        let title = format!("Customer export 2026-11-30\n{file}");
        assert_eq!(records_above_header(&rows(&title)), 1);
        let two = format!("Report: subscribers,,,\nShop: Acme,,,\n{file}");
        assert_eq!(records_above_header(&rows(&two)), 2);
        let dated = format!("Report,Customers,Generated,2024-12-01\n{file}");
        assert_eq!(records_above_header(&rows(&dated)), 1);
    }

    #[test]
    fn data_rows_and_headers_with_gaps_are_not_titles() {
        // A file without a header: its first row holds an address.
        let no_header = "a@example.com,Ann,40\nb at example,Bob,Leeds\nc@example.com,Cy,41\n";
        assert_eq!(records_above_header(&rows(no_header)), 0);
        // A header with one unnamed column, then an all-text row.
        let gap = "Email,,Name\nbob,x,Bob\na@example.com,1,Ann\n";
        assert_eq!(records_above_header(&rows(gap)), 0);
        // A header of one column.
        assert_eq!(records_above_header(&rows("Email\na@example.com\n")), 0);
    }
}
