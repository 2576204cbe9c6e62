//! Case BR-20: bare `tactful` on a damaged workspace file fails with a readable message
//! and a non-zero exit, before the terminal is switched to the alternate screen.

use assert_cmd::Command;

#[test]
fn br20_corrupt_workspace_fails_before_touching_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corrupt.db");
    // An SQLite header followed by garbage, like the case's corrupt.db.
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.extend((0..8192u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    std::fs::write(&path, bytes).unwrap();

    let out = Command::cargo_bin("tactful")
        .unwrap()
        .arg("--workspace")
        .arg(&path)
        .env_remove("TACTFUL_WORKSPACE")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not a tactful workspace"), "{stderr}");
    assert!(stderr.contains("corrupt.db"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // No escape sequence at all: in particular not ESC [ ? 1049 h (alternate screen),
    // ESC [ ? 1000 h (mouse capture) or ESC [ ? 25 l (hidden cursor).
    assert!(!out.stdout.contains(&0x1b), "{:?}", out.stdout);
    assert!(!out.stderr.contains(&0x1b), "{stderr}");
}

#[test]
fn bare_tactful_without_a_terminal_says_so_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.tactful");
    // assert_cmd pipes standard input and output: no terminal.
    let out = Command::cargo_bin("tactful")
        .unwrap()
        .arg("--workspace")
        .arg(&path)
        .env_remove("TACTFUL_WORKSPACE")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not a terminal"), "{stderr}");
    assert!(stderr.contains("tactful --help"), "{stderr}");
    assert!(!path.exists(), "the workspace was created");
    assert!(!out.stdout.contains(&0x1b), "{:?}", out.stdout);
}
