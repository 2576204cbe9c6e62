//! `--header-line N` one line off, headers with year columns, and title lines that
//! hold an opt-out (ninth new-user trial, F-G5h and L-G5t), through the binary.
//! README, "Importing".
//!
//! Expected values by hand. The trial's file: line 1 a title as wide as the header,
//! line 2 the header, then Ann (a@, says no), Bob (b@, 14, under the default minor age
//! 16), Cy (c@, yes, 40). Line 2 names four columns tactful knows (`Email`, `First
//! Name`, `Accepts Email Marketing`, `Age`), line 1 none, line 3 holds an address.

mod review_support;

use predicates::prelude::*;
use review_support::*;

const TRIAL: &str = "Report,Customers,Generated,2024-12-01\n\
    Email,First Name,Accepts Email Marketing,Age\n\
    a@example.com,Ann,no,40\n\
    b@example.com,Bob,yes,14\n\
    c@example.com,Cy,yes,40\n";

/// Import `csv` with `args`, expecting exit 1 with `message` on stderr and no
/// workspace written.
fn refused(csv: &str, args: &[&str], message: &str) {
    let ws = Ws::new();
    let file = ws.write("g5h.csv", csv);
    ws.cmd()
        .args(["import", &file, "--consent", "email=granted"])
        .args(args)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(message));
    assert!(!ws.path.exists(), "something was imported");
}

fn expected() -> Vec<(String, String)> {
    pairs(&[
        ("a@example.com", "no_consent"),
        ("b@example.com", "minor"),
        ("c@example.com", "-"),
    ])
}

/// (a) One line too early: the title would be the header and the real header a
/// contact (on main: rc 0, Ann and Bob mailed after `fields set … --role email`).
#[test]
fn a_header_line_on_the_title_is_refused() {
    refused(
        TRIAL,
        &["--header-line", "1"],
        "--header-line 1: line 1 (`Report Customers Generated 2024-12-01`) names 0 columns tactful knows, while line 2 (`Email First Name Accepts Email Marketing Age`) names 4 known columns: the header is likely line 2; pass --header-line 2",
    );
}

/// (b) One line too late: the real header would be skipped as a title and Ann's row
/// read as the header (on main: rc 0, Bob mailed).
#[test]
fn a_header_line_on_a_data_row_is_refused() {
    refused(
        TRIAL,
        &["--header-line", "3"],
        "--header-line 3: line 3 (`a@example.com Ann no 40`) holds an e-mail address, so it reads as a data row, while line 2 (`Email First Name Accepts Email Marketing Age`) names 4 known columns: the header is likely line 2; pass --header-line 2",
    );
    // A phone list: no address, but three of four cells are values (a number, `no`, 40).
    let phones = "Customer list\n\
        Phone,First Name,Accepts SMS Marketing,Age\n\
        +447700900001,Ann,no,40\n\
        +447700900002,Bob,yes,14\n";
    refused(
        phones,
        &["--header-line", "3"],
        "--header-line 3: line 3 (`+447700900001 Ann no 40`) holds mostly values (numbers, dates, yes/no), so it reads as a data row, while line 2 (`Phone First Name Accepts SMS Marketing Age`) names 4 known columns: the header is likely line 2; pass --header-line 2",
    );
    // A header line holding an address with no better line near it: a file without a
    // header (on main: the first contact became column names).
    refused(
        "a@example.com,Ann,40\nb@example.com,Bob,14\n",
        &["--header-line", "1"],
        "--header-line 1: line 1 (`a@example.com Ann 40`) holds an e-mail address, so it reads as a data row, not a header; pass the line of the header, or --no-header for a file without one",
    );
}

/// The right line imports as before, and the warning quotes every skipped line (on
/// main it quoted only the first, so the header skipped on line 2 went unseen).
#[test]
fn the_right_header_line_imports_and_every_skipped_line_is_quoted() {
    let ws = Ws::new();
    let csv = format!(
        "Customer export 2026-11-30\nShop: Acme,,,\n{}",
        &TRIAL[38..]
    );
    let report = ws.import_csv(
        "g5h.csv",
        &csv,
        &["--header-line", "3", "--consent", "email=granted"],
    );
    let titles: Vec<String> = warnings(&report)
        .into_iter()
        .filter(|w| w.contains("read as a title"))
        .collect();
    assert_eq!(
        titles,
        [
            "lines 1 and 2 above the header (line 3) read as a title and skipped, not imported (line 1: `Customer export 2026-11-30`; line 2: `Shop: Acme`): the header is the first line that names every column; if it is another line, pass --header-line N"
        ]
    );
    assert_eq!(ws.outcome(EMAIL_EVERYONE, "news"), expected());
}

/// (c) A header whose extra columns are years is a header (on main: "no header row",
/// a contact with the address `Email`, consent and age lost).
#[test]
fn a_header_with_year_columns_is_a_header() {
    let ws = Ws::new();
    let csv = "Email,First Name,Accepts Email Marketing,Age,2023,2024-01\n\
        a@example.com,Ann,no,40,120.50,80.00\n\
        b@example.com,Bob,yes,14,10.00,20.00\n\
        c@example.com,Cy,yes,40,30.00,15.00\n";
    let report = ws.import_csv("yr.csv", csv, &["--consent", "email=granted"]);
    assert_eq!(
        (report["header"].as_bool(), report["rows_read"].as_u64()),
        (Some(true), Some(3))
    );
    assert_eq!(ws.outcome(EMAIL_EVERYONE, "news"), expected());
    // Below a title line too.
    let ws = Ws::new();
    let report = ws.import_csv(
        "yr.csv",
        &format!("Spend by year\n{csv}"),
        &["--consent", "email=granted"],
    );
    assert_eq!(report["rows_read"], 3);
    assert_eq!(ws.outcome(EMAIL_EVERYONE, "news"), expected());
}

/// L-G5t: a title line holding an address and an opt-out word stops the import like a
/// rejected row with a refusal (on main: skipped with a warning, Ann stayed granted
/// and mailed).
#[test]
fn a_title_line_with_an_opt_out_stops_the_import() {
    let ws = Ws::new();
    let base = ws.write(
        "base.csv",
        "Email,First Name,Accepts Email Marketing,Age\nann@example.com,Ann,yes,40\n",
    );
    ws.ok(&["import", &base]);
    let before = read(&ws.path);
    for (title, message) in [
        (
            "Unsubscribed: ann@example.com",
            "ti3.csv, line 1: read as a title above the header (line 2) and skipped, but it holds the e-mail address ann@example.com and `Unsubscribed`, which may state an opt-out",
        ),
        (
            "Abgemeldet,ann@example.com",
            "ti3.csv, line 1: read as a title above the header (line 2) and skipped, but it holds the e-mail address ann@example.com and `Abgemeldet`",
        ),
        (
            "Do not email: Ann (+44 7700 900001)",
            "ti3.csv, line 1: read as a title above the header (line 2) and skipped, but it holds the phone number +44 7700 900001",
        ),
    ] {
        let file = ws.write(
            "ti3.csv",
            &format!(
                "{title}\nEmail,First Name,Accepts Email Marketing,Age\nbob@example.com,Bob,yes,40\n"
            ),
        );
        ws.cmd()
            .args(["import", &file])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(message));
        assert_eq!(read(&ws.path), before, "{title}: the workspace changed");
    }
    // A data row skipped above a header named one line too late says `no`.
    let file = ws.write(
        "late.csv",
        "Email,First Name,Accepts Email Marketing,Age\nann@example.com,Ann,no,40\nEmail,First Name,Accepts Email Marketing,Age\nbob@example.com,Bob,yes,40\n",
    );
    ws.cmd()
        .args(["import", &file, "--header-line", "3"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "late.csv, line 2: read as a title above the header (line 3) and skipped, but it holds the e-mail address ann@example.com and `no`",
        ));
    assert_eq!(read(&ws.path), before);
    assert_eq!(ws.email_consent("ann@example.com")["state"], "granted");
}

/// The same checks on a workbook sheet (tests/fixtures/titled_report.xlsx: a title in
/// row 1, row 2 blank, the header in row 3, Ann in row 4): rows are numbered as in
/// the sheet.
#[test]
fn a_sheets_header_row_is_checked_too() {
    let book = fixture("titled_report.xlsx");
    let book = book.to_str().unwrap();
    for (n, message) in [
        (
            "1",
            "--header-line 1: line 1 (`Customer export 2026-11-30`) names 0 columns tactful knows, while line 3 (`Email First Name Accepts Email Marketing Age`) names 4 known columns: the header is likely line 3; pass --header-line 3",
        ),
        (
            "4",
            "--header-line 4: line 4 (`a@example.com Ann no 40`) holds an e-mail address, so it reads as a data row, while line 3 (`Email First Name Accepts Email Marketing Age`) names 4 known columns: the header is likely line 3; pass --header-line 3",
        ),
    ] {
        let ws = Ws::new();
        ws.cmd()
            .args([
                "import",
                book,
                "--consent",
                "email=granted",
                "--header-line",
                n,
            ])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(message));
        assert!(!ws.path.exists(), "something was imported");
    }
    let ws = Ws::new();
    ws.ok(&[
        "import",
        book,
        "--consent",
        "email=granted",
        "--header-line",
        "3",
    ]);
    assert_eq!(ws.outcome(EMAIL_EVERYONE, "news"), expected());
}
