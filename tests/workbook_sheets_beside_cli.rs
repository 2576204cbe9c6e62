//! `--sheet NAME` in a workbook that also has an opt-out sheet (ninth new-user trial,
//! F-G6w, the `--sheet` route), through the binary. README, "Importing".
//!
//! Expected values by hand. tests/fixtures/shop_book.xlsx (make_workbooks.py): sheet
//! `Customers` holds Ann and Zed, sheet `Unsubscribed` holds Zed; kunden_book.xlsx is
//! the same in German (`Kunden`, `Abgemeldet`). `--sheet Customers` reads the chosen
//! sheet, as the user asked, and the import warns that the other sheet lists opt-outs
//! and names the command that suppresses them, with the path as the user types it
//! (`ARCHIVE.zip/MEMBER` inside a ZIP). On main the import said nothing of the other
//! sheet: `others` was empty when `--sheet` chose the sheet.

mod review_support;

use std::io::Write;

use review_support::*;

/// The warnings of an import that name an opt-out sheet beside the one read.
fn beside(report: &serde_json::Value) -> Vec<String> {
    warnings(report)
        .into_iter()
        .filter(|w| w.contains("as --sheet asked"))
        .collect()
}

#[test]
fn a_chosen_sheet_beside_an_opt_out_sheet_is_warned() {
    let ws = Ws::new();
    let book = fixture("shop_book.xlsx");
    let book = book.to_str().unwrap();
    let report = ws.json(
        &[
            "import",
            book,
            "--sheet",
            "Customers",
            "--consent",
            "email=granted",
        ],
        0,
    );
    assert_eq!(
        beside(&report),
        [format!(
            "read sheet `Customers` as --sheet asked, under --consent email=granted (which grants this sheet's rows that say nothing); the name of the workbook's other sheet `Unsubscribed` says it lists opt-outs (`unsubscribed`), and this import does not suppress its people: add them to the suppression list with `tactful suppress {book} --sheet Unsubscribed` before sending"
        )]
    );
    // The command given works: Zed is then suppressed, Ann mailed.
    ws.ok(&["suppress", book, "--sheet", "Unsubscribed"]);
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("ann@example.com", "-"), ("zed@example.com", "suppressed")])
    );

    // German sheet names, without a granting option.
    let ws = Ws::new();
    let book = fixture("kunden_book.xlsx");
    let book = book.to_str().unwrap();
    let report = ws.json(&["import", book, "--sheet", "Kunden"], 0);
    assert_eq!(
        beside(&report),
        [format!(
            "read sheet `Kunden` as --sheet asked; the name of the workbook's other sheet `Abgemeldet` says it lists opt-outs (`abgemeldet`), and this import does not suppress its people: add them to the suppression list with `tactful suppress {book} --sheet Abgemeldet` before sending"
        )]
    );
}

/// Inside a ZIP the command names `ARCHIVE.zip/MEMBER`, never the extracted copy.
#[test]
fn a_chosen_sheet_in_a_zip_member_names_the_archive_path() {
    let ws = Ws::new();
    let xlsx = std::fs::read(fixture("shop_book.xlsx")).unwrap();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("audience.xlsx", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(&xlsx).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let path = ws.out("book.zip");
    std::fs::write(&path, bytes).unwrap();
    let path = path.to_str().unwrap();
    let report = ws.json(
        &[
            "import",
            path,
            "--sheet",
            "Customers",
            "--consent",
            "email=granted",
        ],
        0,
    );
    let all = report.to_string();
    assert!(
        all.contains(&format!(
            "`tactful suppress {path}/audience.xlsx --sheet Unsubscribed` before sending"
        )),
        "{all}"
    );
    assert!(!all.contains("tactful-zip"), "{all}");
}

/// New-user trial 10, F2: without `--sheet` and without `--consent`, the first sheet's
/// own consent column (or any stored grant) would keep Zed, whom `Unsubscribed` lists,
/// a recipient; the import is refused whatever the consent, naming the sheet, the sheet
/// read and the command that suppresses it, and the workspace is not created. The same
/// in German (`Abgemeldet` beside `Kunden`).
#[test]
fn a_workbook_with_an_opt_out_sheet_needs_sheet_whatever_the_consent() {
    for (file, read, other) in [
        ("shop_book.xlsx", "Customers", "Unsubscribed"),
        ("kunden_book.xlsx", "Kunden", "Abgemeldet"),
    ] {
        let ws = Ws::new();
        let book = fixture(file);
        let book = book.to_str().unwrap();
        let out = ws.cmd().args(["import", book]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{file}");
        let err = String::from_utf8(out.stderr).unwrap();
        for part in [
            format!("the name of its other sheet `{other}` says it lists opt-outs"),
            format!("without --sheet this import reads only `{read}`"),
            "nothing was imported".to_string(),
            format!("`tactful suppress {book} --sheet {other}`"),
        ] {
            assert!(err.contains(&part), "{file}: {part}\n{err}");
        }
        assert!(!ws.path.exists(), "{file}: nothing was imported");
    }
}
