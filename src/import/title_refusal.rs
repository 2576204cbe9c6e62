//! A line skipped above the header that names someone and an opt-out stops the import.
//!
//! Title lines above the header are skipped ([`super::preamble`], or every line above
//! `--header-line N`). A line such as `Unsubscribed: ann@example.com`, or a data row
//! `a@example.com,Ann,no,40` above a header named one line too late, was skipped with a
//! warning and the import went on: the person's opt-out was lost, and a granting
//! `--consent` or an earlier import left them mailed (ninth new-user trial, L-G5t). A
//! rejected row with a refusal already stops the import ([`super::rejected_refusal`]);
//! a skipped line is treated alike: when it holds an e-mail address or a phone number
//! and a word that may state an opt-out (a refusal word or phrase such as
//! `unsubscribed`, `opted out`, `do not email`, `stop`, a bounce word, or a cell that
//! is a bare `no`), nothing is imported and the message names the line. Reading too
//! much stops an import the user fixes by hand; reading too little mails someone who
//! said no. Called by [`super::analyse`] before the first pass reads rows.

use super::ImportError;
use super::consent::refusal_words::is_bounce_word;
use super::consent::words::{self, Word};
use super::header_row::holds_address;
use super::preamble::line_text;
use super::refusal_values::says_refusal;
use crate::fields::address::addresses_in;

/// A skipped line that names someone and may state an opt-out.
#[derive(Debug, thiserror::Error)]
#[error(
    "{file}, line {line}: read as a title above the header (line {header_line}) and skipped, but it holds {who} and `{word}`, which may state an opt-out (`{text}`); an opt-out must never be dropped, so nothing was imported. If it is someone's opt-out, add it with `tactful suppress FILE`, or write it as a row under the header; if the header is another line, pass --header-line N"
)]
pub struct TitleRefusal {
    pub file: String,
    pub line: u64,
    pub header_line: u64,
    /// `the e-mail address ann@example.com`, `the phone number +44 7700 900001`.
    pub who: String,
    /// The word or cell that may state the opt-out.
    pub word: String,
    /// The line's text, as the skipped-title warning quotes it.
    pub text: String,
}

/// The first of `skipped` (lines skipped above the header on `header_line`, with their
/// cells) that names someone and may state an opt-out, as the error that stops the
/// import of `file`.
///
/// Errors: [`ImportError::TitleRefusal`] ([`TitleRefusal`]).
pub fn check(
    skipped: &[(u64, Vec<String>)],
    header_line: u64,
    file: &str,
) -> Result<(), ImportError> {
    for (line, cells) in skipped {
        let Some(who) = someone(cells) else {
            continue;
        };
        let Some(word) = cells.iter().find_map(|c| refusal_in(c)) else {
            continue;
        };
        return Err(ImportError::TitleRefusal(Box::new(TitleRefusal {
            file: file.to_string(),
            line: *line,
            header_line,
            who,
            word,
            text: line_text(cells),
        })));
    }
    Ok(())
}

/// The person a line names: its first e-mail address, else its first phone number.
fn someone(cells: &[String]) -> Option<String> {
    let address = (cells.iter())
        .filter(|c| holds_address(c))
        .find_map(|c| addresses_in(c).into_iter().next());
    if let Some(a) = address {
        return Some(format!(
            "the e-mail address {}",
            crate::text::for_terminal(&a)
        ));
    }
    let phone = cells.iter().find_map(|c| phone_in(c))?;
    Some(format!("the phone number {phone}"))
}

/// A run of a cell shaped like a phone number: `+` or a digit first, then digits and
/// the separators space, `-`, `.`, `(`, `)`, `/`, with 9 to 15 digits (ITU-T E.164),
/// or 7 and more after a `+`. Dates (`2024-12-01`, 8 digits) are too short unless
/// written with a `+`.
fn phone_in(cell: &str) -> Option<String> {
    let runs = cell.split(|c: char| !(c.is_ascii_digit() || "+-.()/ ".contains(c)));
    runs.map(|r| r.trim_matches(|c: char| !(c.is_ascii_digit() || c == '+')))
        .filter(|r| r.starts_with('+') || r.starts_with(|c: char| c.is_ascii_digit()))
        .find(|r| {
            let digits = r.chars().filter(char::is_ascii_digit).count();
            let least = if r.starts_with('+') { 7 } else { 9 };
            (least..=15).contains(&digits)
        })
        .map(str::to_string)
}

/// The word of `cell` that may state an opt-out: the whole cell as a `no` or refusal
/// word, a refusal phrase in its text (addresses left out), or one of its words that
/// is a refusal or bounce word.
fn refusal_in(cell: &str) -> Option<String> {
    let cell = cell.trim();
    if matches!(words::word(cell), Word::No | Word::Refused | Word::OptedOut) {
        return Some(cell.to_string());
    }
    let text: Vec<&str> = (cell.split_whitespace())
        .filter(|w| !w.contains('@'))
        .collect();
    let text = text.join(" ");
    let pieces = text.split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'');
    for piece in pieces.filter(|p| !p.is_empty()) {
        let lower = piece.to_lowercase();
        if words::names_refusal(piece) || says_refusal(piece) || is_bounce_word(&lower) {
            return Some(crate::text::for_terminal(piece).into_owned());
        }
    }
    says_refusal(&text).then(|| line_text(&[text]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(rows: &[&str]) -> Vec<(u64, Vec<String>)> {
        (rows.iter().enumerate())
            .map(|(i, r)| (i as u64 + 1, r.split(',').map(str::to_string).collect()))
            .collect()
    }

    fn refused(rows: &[&str]) -> Option<String> {
        check(&lines(rows), 9, "f.csv").err().map(|e| e.to_string())
    }

    #[test]
    fn an_opt_out_with_an_address_stops_the_import() {
        let e = refused(&["Unsubscribed: ann@example.com"]).unwrap();
        assert!(e.starts_with("f.csv, line 1: read as a title"), "{e}");
        assert!(
            e.contains("the e-mail address ann@example.com and `Unsubscribed`"),
            "{e}"
        );
        assert!(refused(&["Report", "a@example.com,Ann,no,40"]).is_some());
        assert!(refused(&["Opted out: +44 7700 900001"]).is_some());
        assert!(refused(&["Do not email ann@example.com"]).is_some());
        assert!(refused(&["Bounced ann@example.com"]).is_some());
    }

    #[test]
    fn titles_without_an_opt_out_or_a_person_pass() {
        assert!(refused(&["Customer export 2026-11-30", "Report: unsubscribed,,,"]).is_none());
        assert!(refused(&["Exported by admin@shop.com on 2024-12-01"]).is_none());
        assert!(refused(&["Report,Customers,Generated,2024-12-01"]).is_none());
    }
}
