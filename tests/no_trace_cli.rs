//! A command that fails, or changes nothing, leaves no workspace behind, and a
//! workspace file others can read is made owner-only when opened (session 7 trial:
//! `import missing.csv` and `import --dry-run` each created an empty workspace; a 0644
//! workspace was used as it was). Through the binary.

use std::path::Path;

use assert_cmd::Command;

fn tactful(ws: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tactful").unwrap();
    cmd.arg("--workspace").arg(ws);
    cmd
}

#[test]
fn importing_a_missing_file_names_it_and_creates_no_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("new.tactful");
    let out = tactful(&ws)
        .args(["import", "missing.csv"])
        .current_dir(dir.path())
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("cannot read missing.csv"), "{stderr}");
    assert!(!ws.exists());
}

#[test]
fn suppressing_from_a_missing_file_creates_no_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("new.tactful");
    tactful(&ws)
        .args(["suppress", "missing.txt"])
        .current_dir(dir.path())
        .assert()
        .failure();
    assert!(!ws.exists());
}

#[test]
fn undo_in_a_missing_workspace_creates_none() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("new.tactful");
    tactful(&ws).args(["import", "undo"]).assert().failure();
    assert!(!ws.exists());
}

/// A dry run into a workspace that does not exist yet reports what the import would do
/// (2 contacts added) against an empty one, and writes nothing.
#[test]
fn a_dry_run_into_a_new_workspace_reports_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("new.tactful");
    let file = dir.path().join("c.csv");
    std::fs::write(&file, "email,first_name\na@x.org,A\nb@x.org,B\n").unwrap();
    let out = tactful(&ws)
        .args(["import", "--dry-run"])
        .arg(&file)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("contacts: 2 added"), "{stdout}");
    assert!(!ws.exists());
}

#[cfg(unix)]
#[test]
fn a_workspace_others_can_read_is_made_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    let file = dir.path().join("c.csv");
    std::fs::write(&file, "email,first_name\na@x.org,A\n").unwrap();
    tactful(&ws).arg("import").arg(&file).assert().success();
    std::fs::set_permissions(&ws, std::fs::Permissions::from_mode(0o644)).unwrap();
    tactful(&ws).arg("fields").assert().success();
    let mode = std::fs::metadata(&ws).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}
