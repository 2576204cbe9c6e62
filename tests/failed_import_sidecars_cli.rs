//! A multi-file import that fails on a later file keeps the earlier files' batches and
//! leaves no SQLite `-wal` or `-shm` file beside the workspace it created, as every
//! other command leaves none (new-user trial 5, F6: `m2.tactful-wal`, 0 bytes, and
//! `m2.tactful-shm` stayed). The later file fails with an unclosed quote, or has no
//! rows at all.

use std::path::Path;

use assert_cmd::Command;

fn sidecars(ws: &Path) -> Vec<String> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|s| format!("{}{s}", ws.display()))
        .filter(|p| Path::new(p).exists())
        .collect()
}

fn import(ws: &Path, files: &[&Path]) -> std::process::Output {
    Command::cargo_bin("tactful")
        .unwrap()
        .arg("--workspace")
        .arg(ws)
        .arg("import")
        .args(files)
        .args(["--consent", "email=granted"])
        .output()
        .unwrap()
}

fn later_file_fails(bad_name: &str, bad: &str) {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.csv");
    std::fs::write(&good, "email\nz@example.com\n").unwrap();
    let bad_file = dir.path().join(bad_name);
    std::fs::write(&bad_file, bad).unwrap();
    let ws = dir.path().join("m2.tactful");
    let out = import(&ws, &[&good, &bad_file]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("good.csv (batch 1)"), "{stderr}");
    assert!(ws.exists(), "the first file's batch stays");
    assert_eq!(sidecars(&ws), Vec::<String>::new());
    // The workspace is whole: a retry of the good file alone opens it and merges.
    let out = import(&ws, &[&good]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 in the workspace"));
    assert_eq!(sidecars(&ws), Vec::<String>::new());
}

#[test]
fn an_unclosed_quote_in_the_second_file_leaves_no_wal_or_shm() {
    later_file_fails(
        "unclosed.csv",
        "email,name\na@example.com,\"Ann\nb@example.com,Bob\n",
    );
}

#[test]
fn a_second_file_without_rows_leaves_no_wal_or_shm() {
    later_file_fails("header.csv", "email,name\n");
}
