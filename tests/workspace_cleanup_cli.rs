//! A command that creates the workspace and then fails (an error or a panic before
//! anything is committed) removes the file it created; a workspace that existed before
//! stays byte-identical; a workspace that got a batch from an earlier file of the same
//! import stays. Through the `tactful` binary.

use std::path::Path;

use assert_cmd::Command;

fn tactful(ws: &Path) -> Command {
    let mut c = Command::cargo_bin("tactful").unwrap();
    c.arg("--workspace").arg(ws).env("TACTFUL_ACTOR", "tester");
    c
}

/// The workspace file and SQLite's side files beside it that exist.
fn left(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with("ws.tactful"))
        .collect();
    names.sort();
    names
}

const GOOD: &str = "email,first_name\nana@example.com,Ana\n";
/// The quote opened on line 3 is never closed: the import fails before committing.
const UNCLOSED: &str = "email,first_name\nbo@example.com,Bo\ncy@example.com,\"Cy\n";

#[test]
fn a_failed_import_into_a_new_workspace_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, UNCLOSED).unwrap();
    tactful(&ws)
        .arg("import")
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("line 3"));
    assert_eq!(left(dir.path()), Vec::<String>::new());
    // A missing file too (refused before the workspace is opened).
    tactful(&ws)
        .arg("import")
        .arg(dir.path().join("missing.csv"))
        .assert()
        .code(1);
    assert_eq!(left(dir.path()), Vec::<String>::new());
    // A panic once the workspace is open.
    let good = dir.path().join("good.csv");
    std::fs::write(&good, GOOD).unwrap();
    tactful(&ws)
        .env("TACTFUL_TEST_PANIC", "import")
        .arg("import")
        .arg(&good)
        .assert()
        .failure();
    assert_eq!(left(dir.path()), Vec::<String>::new());
}

#[test]
fn an_existing_workspace_stays_byte_identical_and_a_committed_batch_stays() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    let good = dir.path().join("good.csv");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&good, GOOD).unwrap();
    std::fs::write(&bad, UNCLOSED).unwrap();
    tactful(&ws).arg("import").arg(&good).assert().success();
    let before = std::fs::read(&ws).unwrap();
    tactful(&ws).arg("import").arg(&bad).assert().code(1);
    tactful(&ws)
        .env("TACTFUL_TEST_PANIC", "import")
        .arg("import")
        .arg(&good)
        .assert()
        .failure();
    assert_eq!(std::fs::read(&ws).unwrap(), before);
    assert_eq!(left(dir.path()), ["ws.tactful"]);

    // New workspace, first file committed, second fails: the first file's batch stays.
    let ws2 = dir.path().join("ws.tactful.two");
    tactful(&ws2)
        .arg("import")
        .arg(&good)
        .arg(&bad)
        .assert()
        .code(1);
    let out = tactful(&ws2)
        .args(["--json", "contact", "show", "ana@example.com"])
        .assert()
        .success();
    let shown: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(shown["key"], "ana@example.com", "{shown:#}");
}
