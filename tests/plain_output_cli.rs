//! Small faults a trial found in what tactful prints and writes, each checked through
//! the `tactful` binary on files written here (expected values counted by hand):
//! counts agree with their nouns ("1 recipient"), no internal case id reaches a
//! message, `demo` writes owner-only files, a re-import says it updated contacts, a
//! cell over 1 MB is named, the preview CSV ends with a line break, export directories
//! are recorded absolute.

mod review_support;

use assert_cmd::Command;
use predicates::str::contains;
use review_support::Ws;

const ONE: &str = r#"
name = "news"
channel = "email"
as_of = "2026-11-01"

[[entry]]
segment = "everyone"
rule = "email is not blank"
subject = "News"
body = "Hello"
"#;

#[test]
fn one_recipient_is_one_recipient() {
    let ws = Ws::new();
    ws.ok(&[
        "import",
        &ws.write("one.csv", "email,first_name\nana@example.com,Ana\n"),
        "--consent",
        "email=granted",
    ]);
    ws.apply(ONE);
    ws.cmd()
        .args(["preview", "news"])
        .assert()
        .success()
        .stdout(contains("audience 1 = 1 recipient + 0 excluded"))
        .stdout(contains(
            "segment everyone: 1 recipient (1 matched, 0 held out)",
        ));
    ws.cmd()
        .args(["reach", "email is not blank"])
        .assert()
        .success()
        .stdout(contains(
            "reach 1 of 1 contact (as of 2026-11-01, from --as-of)\n",
        ));
}

#[test]
fn the_preview_csv_ends_with_a_line_break() {
    let ws = Ws::new();
    ws.ok(&[
        "import",
        &ws.write("one.csv", "email,first_name\nana@example.com,Ana\n"),
        "--consent",
        "email=granted",
    ]);
    ws.apply(ONE);
    let out = ws
        .cmd()
        .args(["preview", "news", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        csv,
        "key,address,segment,subject,body,excluded\nana@example.com,ana@example.com,everyone,News,Hello,\n"
    );
}

#[test]
fn a_re_import_counts_contacts_as_updated_not_as_duplicates() {
    let ws = Ws::new();
    let file = ws.write(
        "people.csv",
        "email,first_name\nana@example.com,Ana\nbo@example.com,Bo\nANA@example.com,Ana\n",
    );
    // First import: 2 contacts, the third row repeats Ana.
    ws.cmd()
        .args(["import", &file])
        .assert()
        .success()
        .stdout(contains(
            "contacts: 2 added, 0 updated (already in the workspace), 1 repeated row merged into a contact an earlier row of this file gave, 2 in the workspace",
        ));
    // Again: both contacts are updated; Ana's second row still repeats her.
    ws.cmd()
        .args(["import", &file])
        .assert()
        .success()
        .stdout(contains(
            "contacts: 0 added, 2 updated (already in the workspace), 1 repeated row merged into a contact an earlier row of this file gave, 2 in the workspace",
        ));
}

#[test]
fn a_cell_over_one_megabyte_is_named_with_line_and_column() {
    let ws = Ws::new();
    let big = "x".repeat(1_500_000);
    let file = ws.write(
        "notes.csv",
        &format!("email,notes\nana@example.com,short\nbo@example.com,{big}\n"),
    );
    let r = ws.json(&["import", &file], 0);
    let warnings: Vec<&str> = r["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(
        warnings.iter().any(
            |w| w.starts_with("1 cell over 1 MB, kept as it is (line 3, column notes: 1.5 MB)")
        ),
        "{warnings:#?}"
    );
}

#[cfg(unix)]
#[test]
fn demo_files_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("tactful")
        .unwrap()
        .arg("--workspace")
        .arg(dir.path().join("demo.tactful"))
        .args(["demo", "--no-tui"])
        .assert()
        .success();
    let data = dir.path().join("demo-data");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    let mut files = 0;
    for entry in std::fs::read_dir(&data).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
        files += 1;
    }
    assert!(files > 0);
    assert_eq!(mode(&dir.path().join("demo.tactful")), 0o600);
}

#[test]
fn export_directories_are_recorded_absolute() {
    let ws = Ws::new();
    ws.ok(&[
        "import",
        &ws.write("one.csv", "email,first_name\nana@example.com,Ana\n"),
        "--consent",
        "email=granted",
    ]);
    ws.apply(ONE);
    ws.ok(&["review", "news", "--sign-off", "Rita", "--note", "checked"]);
    ws.cmd()
        .current_dir(ws.dir.path())
        .args(["export", "news", "--out", "out"])
        .assert()
        .success();
    let audit = ws.json(&["audit"], 0);
    let export = review_support::audit_entry(&audit, "export");
    let want = ws.dir.path().join("out");
    let detail = export["detail"].to_string();
    assert!(
        detail.contains(&want.display().to_string().replace('\\', "\\\\")),
        "{detail} does not name {}",
        want.display()
    );
}

/// No user-facing string names an internal case id such as `(case BR-24)`: those are
/// for the people who keep the tests, and comments may name them.
#[test]
fn no_message_names_an_internal_case_id() {
    fn scan(dir: &std::path::Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                scan(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (n, line) in text.lines().enumerate() {
                    let code = line.trim_start();
                    if code.starts_with("//") {
                        continue;
                    }
                    let code = code.split(" //").next().unwrap_or(code);
                    if code.contains('"') && code.contains("case BR-") {
                        found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                    }
                }
            }
        }
    }
    let mut found = Vec::new();
    scan(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut found,
    );
    assert!(found.is_empty(), "{found:#?}");
}

/// The trial's first name `=HYPERLINK("http://evil.example","click")` merged into the
/// subject: the preview CSV a marketer opens in a spreadsheet holds it with a `'` in
/// front, never live; the subject cell is `'=HYPERLINK(...)` (RFC 4180 doubles the
/// quotes). The address column's plain e-mail is untouched.
#[test]
fn the_preview_csv_holds_no_live_formula() {
    let ws = Ws::new();
    let file = ws.write(
        "evil.csv",
        "email,first_name,accepts_email_marketing\n\
         ana@example.com,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",yes\n",
    );
    ws.ok(&["import", &file]);
    ws.apply(
        r#"
name = "em"
channel = "email"
as_of = "2026-11-01"

[[entry]]
segment = "all"
rule = "email is not blank"
subject = "{{ first_name }}"
body = "x"
"#,
    );
    let out = ws
        .cmd()
        .args(["preview", "em", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(
        text,
        "key,address,segment,subject,body,excluded\n\
         ana@example.com,ana@example.com,all,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",x,\n"
    );
}
