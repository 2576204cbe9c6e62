//! A closed pipe (`tactful ... | head`) ends the command quietly with exit 0, not a
//! panic (STYLE.md: "a broken pipe exits 0"; Rust's `println!` would panic).

use std::process::Command;

fn exit_status_into_head(args: &str, workspace: &std::path::Path) -> (String, String) {
    let bin = env!("CARGO_BIN_EXE_tactful");
    let script = format!(
        "'{bin}' --workspace '{}' {args} 2>err.txt | head -c 100 >/dev/null; echo ${{PIPESTATUS[0]}}; cat err.txt",
        workspace.display()
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(workspace.parent().unwrap())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (status, stderr) = text.split_once('\n').unwrap_or((&text, ""));
    (status.trim().to_string(), stderr.to_string())
}

#[test]
fn output_into_a_closed_pipe_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.tactful");
    tactful::demo::build(&ws).unwrap();
    // Each of these writes far more than a pipe buffer (64 KiB) for 2,056 contacts.
    for args in [
        "preview winter-thanks --format csv",
        "preview winter-thanks --format json",
        "preview winter-thanks --limit 5000",
    ] {
        let (status, stderr) = exit_status_into_head(args, &ws);
        assert_eq!(status, "0", "{args}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args}: {stderr}");
    }
}
