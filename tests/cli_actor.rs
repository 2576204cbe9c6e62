//! The actor in the audit log when `USER` is not set: the login name from `LOGNAME`,
//! else the last part of `HOME`, else `unknown`. Checked through `tactful import` (one
//! audit entry per batch) and `tactful audit --json`.

use assert_cmd::Command;

fn actor_with(env: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    let fixture = format!("{}/tests/fixtures/people.csv", env!("CARGO_MANIFEST_DIR"));
    let run = |args: &[&str]| {
        let mut cmd = Command::cargo_bin("tactful").unwrap();
        for v in ["TACTFUL_ACTOR", "USER", "LOGNAME", "USERNAME", "HOME"] {
            cmd.env_remove(v);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.arg("--workspace").arg(&ws).args(args).output().unwrap()
    };
    assert!(run(&["import", &fixture]).status.success());
    let out = run(&["--json", "audit"]);
    assert!(out.status.success());
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    log[0]["actor"].as_str().unwrap().to_string()
}

#[test]
fn logname_stands_in_for_user() {
    assert_eq!(actor_with(&[("LOGNAME", "lena")]), "lena");
}

#[test]
fn the_home_folder_names_the_actor_when_no_login_name_is_set() {
    assert_eq!(actor_with(&[("HOME", "/home/omar")]), "omar");
}

#[test]
fn nothing_set_gives_unknown() {
    assert_eq!(actor_with(&[]), "unknown");
}
