//! A command that fails, or changes nothing, leaves no workspace behind, and a
//! workspace file others can read is made owner-only when opened (session 7 trial:
//! `import missing.csv` and `import --dry-run` each created an empty workspace; a 0644
//! workspace was used as it was). Through the binary.

mod review_support;

use review_support::Ws;

#[test]
fn importing_a_missing_file_names_it_and_creates_no_workspace() {
    let ws = Ws::undated();
    let out = ws
        .cmd()
        .args(["import", "missing.csv"])
        .current_dir(ws.dir.path())
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("cannot read missing.csv"), "{stderr}");
    assert!(!ws.path.exists());
}

#[test]
fn suppressing_from_a_missing_file_creates_no_workspace() {
    let ws = Ws::undated();
    ws.cmd()
        .args(["suppress", "missing.txt"])
        .current_dir(ws.dir.path())
        .assert()
        .failure();
    assert!(!ws.path.exists());
}

#[test]
fn undo_in_a_missing_workspace_creates_none() {
    let ws = Ws::undated();
    ws.cmd().args(["import", "undo"]).assert().failure();
    assert!(!ws.path.exists());
}

/// A dry run into a workspace that does not exist yet reports what the import would do
/// (2 contacts added) against an empty one, and writes nothing.
#[test]
fn a_dry_run_into_a_new_workspace_reports_and_creates_nothing() {
    let ws = Ws::undated();
    let file = ws.write("c.csv", "email,first_name\na@x.org,A\nb@x.org,B\n");
    let out = ws
        .cmd()
        .args(["import", "--dry-run"])
        .arg(&file)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("contacts: 2 added"), "{stdout}");
    assert!(!ws.path.exists());
}

#[cfg(unix)]
#[test]
fn a_workspace_others_can_read_is_made_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let ws = Ws::undated();
    let file = ws.write("c.csv", "email,first_name\na@x.org,A\n");
    ws.cmd().arg("import").arg(&file).assert().success();
    std::fs::set_permissions(&ws.path, std::fs::Permissions::from_mode(0o644)).unwrap();
    ws.cmd().arg("fields").assert().success();
    let mode = std::fs::metadata(&ws.path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}
