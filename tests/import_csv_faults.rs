//! CSV faults from the new-user trial, end to end: each is an error or a rejection
//! naming the line (and column), and the workspace stays as it was.

use std::io::Write;
use std::path::Path;

use assert_cmd::Command;
use tactful::workspace::Workspace;

fn tactful(ws: &Path) -> Command {
    let mut c = Command::cargo_bin("tactful").unwrap();
    c.arg("--workspace").arg(ws).env("TACTFUL_ACTOR", "tester");
    c
}

fn count(ws: &Path, sql: &str) -> i64 {
    Workspace::open(ws)
        .unwrap()
        .conn()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// Bob's unclosed quote would have swallowed Ana's unsubscribe: the import fails,
/// naming where the quote opened, and nothing of the file gets in.
#[test]
fn an_unclosed_quote_fails_the_import_where_it_opened() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    let first = dir.path().join("first.csv");
    std::fs::write(&first, "email,first_name\ncy@example.com,Cy\n").unwrap();
    tactful(&ws).arg("import").arg(&first).assert().success();
    let trial = dir.path().join("trial.csv");
    std::fs::write(
        &trial,
        "email,accepts_email_marketing,first_name\nbob@example.com,yes,\"Bob\nana@example.com,unsubscribed,Ana\n",
    )
    .unwrap();
    let out = tactful(&ws).arg("import").arg(&trial).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("trial.csv failed"), "{err}");
    assert!(
        err.contains("a quote opened at line 2, column 21 is never closed"),
        "{err}"
    );
    assert_eq!(count(&ws, "SELECT count(*) FROM import_batches"), 1);
    assert_eq!(count(&ws, "SELECT count(*) FROM contacts"), 1);
}

/// `"y@example.com"z`: the row is rejected with the column after the closing quote
/// (1 + 13 + 1 + 1 = 16); the good row is imported.
#[test]
fn text_after_a_closing_quote_is_rejected_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    let file = dir.path().join("trail.csv");
    std::fs::write(
        &file,
        "email,first_name\nx@example.com,X\n\"y@example.com\"z,Y\n",
    )
    .unwrap();
    let out = tactful(&ws)
        .args(["--json", "import"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["rows_read"], 2);
    assert_eq!(r["rows_imported"], 1);
    assert_eq!(r["rows_rejected"][0]["line"], 3);
    let reason = r["rows_rejected"][0]["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("text after a closing quote at line 3, column 16"),
        "{reason}"
    );
}

/// A ragged record starting on line 2 (header = line 1) is named as line 2: a long one
/// rejected, a short one imported with its missing cells blank (case BR-16).
#[test]
fn a_ragged_row_names_its_own_line() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    let file = dir.path().join("ragged.csv");
    std::fs::write(&file, "email,first_name\nx@example.com\ny@example.com,Y\n").unwrap();
    tactful(&ws)
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "    - line 2: 1 field where the header has 2; missing cells read as blank",
        ));
    std::fs::write(
        &file,
        "email,first_name\nx@example.com,X,Z\ny@example.com,Y\n",
    )
    .unwrap();
    tactful(&dir.path().join("long.tactful"))
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "    line 2: 3 fields where the header has 2; the extra fields hold data",
        ));
}

/// Every row skipped because its contact was erased: the error says so, and `--json`
/// still prints the report (no batch: nothing was committed).
#[test]
fn a_file_of_erased_contacts_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    let file = dir.path().join("e.csv");
    std::fs::write(
        &file,
        "email,first_name\na@example.com,A\nb@example.com,B\n",
    )
    .unwrap();
    tactful(&ws).arg("import").arg(&file).assert().success();
    {
        let mut w = Workspace::open(&ws).unwrap();
        for key in ["a@example.com", "b@example.com"] {
            tactful::rights::erase::erase(&mut w, key, "test").unwrap();
        }
    }
    let out = tactful(&ws)
        .args(["--json", "import"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("2 rows read with delimiter `,` and encoding UTF-8, 0 rejected (2 rows skipped: erased contacts)"),
        "{err}"
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["rows_read"], 2);
    assert_eq!(r["rows_imported"], 0);
    assert_eq!(r["rows_skipped_erased"], 2);
    assert_eq!(r["batch"], serde_json::Value::Null);
    assert_eq!(count(&ws, "SELECT count(*) FROM import_batches"), 1);
    assert_eq!(count(&ws, "SELECT count(*) FROM contacts"), 0);
}

/// A binary member of a ZIP is named by archive and member, never by the temporary
/// file it was extracted to.
#[test]
fn a_binary_zip_member_is_named_without_a_temporary_path() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    let path = dir.path().join("junk.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    zip.start_file("junk.csv", zip::write::SimpleFileOptions::default())
        .unwrap();
    // Control characters only (valid UTF-8): binary from byte 0.
    zip.write_all(&[1u8, 2, 3, 4, 5, 6, 7, 8].repeat(100))
        .unwrap();
    zip.finish().unwrap();
    let out = tactful(&ws).arg("import").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "/junk.zip/junk.csv does not look like a text/CSV file (binary content: 800 of the first 800 characters are control characters, the first SOH (U+0001) at line 1, column 1)"
        ),
        "{err}"
    );
    assert!(!err.contains("tactful-zip"), "{err}");
    assert_eq!(err.matches("junk.csv").count(), 1, "{err}");
}

/// A file holding `Zoë` in Windows-1252 (line 2) and `José` in UTF-8 (line 3) was
/// guessed Windows-1252 and stored `JosÃ©` (case BR-09). The import now stops, naming
/// a line of each kind, and nothing gets in; `--encoding` reads it one way on purpose.
#[test]
fn a_file_mixing_utf8_and_windows_1252_lines_is_refused_naming_both_lines() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    let first = dir.path().join("first.csv");
    std::fs::write(&first, "email,first_name\ncy@example.com,Cy\n").unwrap();
    tactful(&ws).arg("import").arg(&first).assert().success();
    let mixed = dir.path().join("mixed.csv");
    std::fs::write(
        &mixed,
        b"email,first_name\ne1@example.com,Zo\xeb\ne2@example.com,Jos\xc3\xa9\n",
    )
    .unwrap();
    let out = tactful(&ws).arg("import").arg(&mixed).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(
            "mixes two encodings: line 3 is written in UTF-8, but line 2 holds the byte 0xEB"
        ),
        "{err}"
    );
    // 0xEB is `ë` in Windows-1252; it stands in the second column, `first_name`
    // (before, the message named the line only).
    assert!(err.contains("(`ë` in windows-1252)"), "{err}");
    assert!(
        err.contains("line 2 holds the byte 0xEB in column 2 (`first_name`), which"),
        "{err}"
    );
    assert_eq!(count(&ws, "SELECT count(*) FROM contacts"), 1);

    tactful(&ws)
        .args(["import", "--encoding", "utf-8"])
        .arg(&mixed)
        .assert()
        .failure();
    tactful(&ws)
        .args(["import", "--encoding", "windows-1252"])
        .arg(&mixed)
        .assert()
        .success();
    assert_eq!(count(&ws, "SELECT count(*) FROM contacts"), 3);
}

/// A whole file in Windows-1251 (session 7 trial) was refused as mixed: in `Пётр`,
/// `Пё` (0xCF 0xB8) happens to be a valid UTF-8 pair. A line is judged whole, so the
/// file imports in Windows-1251 and the names are stored as written.
#[test]
fn a_windows_1251_file_is_not_taken_for_a_mixed_one() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    let file = dir.path().join("cp1251.csv");
    // `Иван, Москва` and `Пётр, Киев` in Windows-1251.
    std::fs::write(
        &file,
        b"email,name,city\na@example.com,\xc8\xe2\xe0\xed,\xcc\xee\xf1\xea\xe2\xe0\nb@example.com,\xcf\xb8\xf2\xf0,\xca\xe8\xe5\xe2\n",
    )
    .unwrap();
    tactful(&ws).arg("import").arg(&file).assert().success();
    let name = |key: &str| -> String {
        Workspace::open(&ws)
            .unwrap()
            .conn()
            .query_row("SELECT name FROM contacts WHERE _key = ?1", [key], |r| {
                r.get(0)
            })
            .unwrap()
    };
    assert_eq!(name("a@example.com"), "Иван");
    assert_eq!(name("b@example.com"), "Пётр");
}

/// A file with no line breaks (a pasted blob, a one-line export) is one huge header
/// cell: the import refuses it at once, naming line and column, instead of working on
/// it for minutes (the classifier's compound search grew with the square of its
/// length). 1,000 characters is the longest header read (README); 1,001 is refused.
#[test]
fn a_header_cell_longer_than_any_column_name_is_refused_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    let first = dir.path().join("first.csv");
    std::fs::write(&first, "email,first_name\ncy@example.com,Cy\n").unwrap();
    tactful(&ws).arg("import").arg(&first).assert().success();
    let before = std::fs::read(&ws).unwrap();
    let blob = dir.path().join("blob.csv");
    let header = format!("email,{}\na@example.com,1\n", "h".repeat(1_001));
    std::fs::write(&blob, header).unwrap();
    let out = tactful(&ws).arg("import").arg(&blob).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("line 1, column 2: the header cell is 1001 characters long"),
        "{err}"
    );
    assert_eq!(std::fs::read(&ws).unwrap(), before);
    // At the limit, the column is read like any other.
    let edge = dir.path().join("edge.csv");
    let header = format!("email,{}\na@example.com,1\n", "h".repeat(1_000));
    std::fs::write(&edge, header).unwrap();
    tactful(&ws).arg("import").arg(&edge).assert().success();
    assert_eq!(count(&ws, "SELECT count(*) FROM contacts"), 2);
}
