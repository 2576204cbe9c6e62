//! Title lines above the header are skipped and named, never read as the header or as a
//! contact (sixth new-user trial, G5), through the binary. README, "Importing".
//!
//! Expected values by hand: Ann (a@) says no in `Accepts Email Marketing`, Bob (b@) is
//! 14 (under the default minor age 16), Cy (c@) says yes and is 40; imported with
//! `--consent email=granted`, which fills only what the file does not state, a campaign
//! to everyone excludes Ann for consent and Bob as a minor and mails Cy alone.

mod review_support;

use predicates::prelude::*;
use review_support::*;

const PEOPLE: &str = "Email,First Name,Accepts Email Marketing,Religion,Age\n\
    a@example.com,Ann,no,Muslim,40\n\
    b@example.com,Bob,yes,Christian,14\n\
    c@example.com,Cy,yes,Jewish,40\n";

fn expected() -> Vec<(String, String)> {
    pairs(&[
        ("a@example.com", "no_consent"),
        ("b@example.com", "minor"),
        ("c@example.com", "-"),
    ])
}

/// The warnings of an import report that name skipped title lines.
fn title_warnings(report: &serde_json::Value) -> Vec<String> {
    (report["warnings"].as_array().unwrap().iter())
        .map(|w| w.as_str().unwrap().to_string())
        .filter(|w| w.contains("read as a title and skipped"))
        .collect()
}

/// The trial's file: a title line with as many fields as the header, one a date. It
/// made the import decide "no header row" (the header became a contact with the
/// address `Email`, the consent and age columns plain text).
#[test]
fn a_title_line_as_wide_as_the_header_is_skipped() {
    let ws = Ws::new();
    let csv = format!("Report,Customers,Generated,2024-12-01,Shop\n{PEOPLE}");
    let report = ws.import_csv("pre2.csv", &csv, &["--consent", "email=granted"]);
    assert_eq!(report["header"], true);
    assert_eq!(
        (
            report["rows_read"].as_u64(),
            report["contacts_added"].as_u64()
        ),
        (Some(3), Some(3))
    );
    assert_eq!(
        title_warnings(&report),
        [
            "line 1 above the header (line 2) read as a title and skipped, not imported (`Report Customers Generated 2024-12-01 Shop`): the header is the first line that names every column; if it is another line, pass --header-line N"
        ]
    );
    assert_eq!(ws.outcome(EMAIL_EVERYONE, "news"), expected());

    // A file without a header keeps its first row as data: it holds an address.
    let ws = Ws::new();
    let csv = "a@example.com,Ann,40\nb at example,Bob,Leeds\nc@example.com,Cy,41\n";
    let report = ws.import_csv("plain.csv", csv, &[]);
    assert_eq!(
        (report["header"].as_bool(), report["rows_read"].as_u64()),
        (Some(false), Some(3))
    );
    assert!(title_warnings(&report).is_empty());
}

/// Several title and blank lines (Shopify and HubSpot reports); a rejected row keeps
/// its line in the file (line 8).
#[test]
fn several_title_lines_are_skipped_with_lines_true_to_the_file() {
    let ws = Ws::new();
    let csv = format!(
        "Customer export 2026-11-30\n\nReport: subscribers,,,,\n{PEOPLE}not-an-address,Dee,yes,x,40\n"
    );
    let report = ws.import_csv("pre3.csv", &csv, &["--consent", "email=granted"]);
    assert_eq!(
        title_warnings(&report),
        [
            "lines 1 and 3 above the header (line 4) read as a title and skipped, not imported (line 1: `Customer export 2026-11-30`; line 3: `Report: subscribers`): the header is the first line that names every column; if it is another line, pass --header-line N"
        ]
    );
    assert_eq!(report["rows_rejected"][0]["line"], 8);
    assert_eq!(report["rows_rejected"].as_array().unwrap().len(), 1);
    assert_eq!(ws.outcome(EMAIL_EVERYONE, "news"), expected());
}

/// A sheet with a title row and a blank row above its header (row 3):
/// tests/fixtures/titled_report.xlsx (make_workbooks.py), the same people without the
/// religion column.
#[test]
fn a_title_row_above_a_sheets_header_is_skipped() {
    let ws = Ws::new();
    let book = fixture("titled_report.xlsx");
    let report = ws.json(
        &[
            "import",
            book.to_str().unwrap(),
            "--consent",
            "email=granted",
        ],
        0,
    );
    assert_eq!(
        title_warnings(&report),
        [
            "line 1 above the header (line 3) read as a title and skipped, not imported (`Customer export 2026-11-30`): the header is the first line that names every column; if it is another line, pass --header-line N"
        ]
    );
    assert_eq!(ws.outcome(EMAIL_EVERYONE, "news"), expected());
}

/// `--header-line N` says where the header is: line 2 of the trial's file gives the
/// same import; line 1 reads the title as the header, which is refused now that line 2
/// below it names the known columns (ninth trial, F-G5h; tests/header_line_checks_cli.rs);
/// a line with no row on it is refused, naming the next row's line.
#[test]
fn header_line_says_where_the_header_is() {
    let csv = format!("Report,Customers,Generated,2024-12-01,Shop\n{PEOPLE}");
    let ws = Ws::new();
    let report = ws.import_csv(
        "pre2.csv",
        &csv,
        &["--header-line", "2", "--consent", "email=granted"],
    );
    assert_eq!(report["rows_read"], 3);
    assert_eq!(ws.outcome(EMAIL_EVERYONE, "news"), expected());

    let ws = Ws::new();
    let file = ws.write("pre2.csv", &csv);
    ws.cmd()
        .args(["import", &file, "--header-line", "1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("pass --header-line 2"));
    assert!(!ws.path.exists(), "something was imported");

    let ws = Ws::new();
    let file = ws.write("gap.csv", &format!("Title\n\n{PEOPLE}"));
    ws.cmd()
        .args(["import", &file, "--header-line", "2"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "--header-line 2: no row starts on line 2 (it is blank, or inside a quoted value); the next row starts on line 3",
        ));
    assert!(!ws.path.exists(), "something was imported");
}
