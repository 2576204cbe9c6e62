//! Issue 10, item 7 through the binary: template text that would inject a header or
//! drive a terminal is refused with its line and column, and documents on stdout
//! (`campaign dump`, `--json`) keep their exact bytes into a pipe but are made safe on a
//! terminal (a pseudo-terminal from portable-pty).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::thread;

use assert_cmd::Command;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use predicates::prelude::*;

/// U+202E RIGHT-TO-LEFT OVERRIDE, as a rule's string literal may hold it (it is data a
/// rule compares with), and as UTF-8.
const RLO: &str = "\u{202e}";

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("tactful")
}

fn cmd(ws: &Path) -> Command {
    let mut c = Command::new(bin());
    c.env("TACTFUL_ACTOR", "tester").arg("--workspace").arg(ws);
    c
}

/// A workspace with segment `odd` (a rule holding U+202E) and campaign `c` using it.
fn setup(dir: &Path) -> PathBuf {
    let ws = dir.join("ws.tactful");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minors.csv");
    cmd(&ws)
        .arg("import")
        .arg(fixture)
        .args(["--consent", "email=granted"])
        .assert()
        .success();
    let rule = format!("first_name is \"{RLO}Ada\"");
    cmd(&ws)
        .args(["segment", "add", "odd", &rule])
        .assert()
        .success();
    cmd(&ws)
        .args(["campaign", "new", "c", "--channel", "email"])
        .assert()
        .success();
    cmd(&ws)
        .args([
            "campaign",
            "add",
            "c",
            "odd",
            "--subject",
            "Hi",
            "--body",
            "Hello",
        ])
        .assert()
        .success();
    ws
}

/// Run the binary with `args` on a pseudo-terminal and return all it wrote.
fn on_terminal(ws: &Path, args: &[&str]) -> String {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut c = CommandBuilder::new(bin());
    c.env("TACTFUL_ACTOR", "tester");
    c.arg("--workspace");
    c.arg(ws);
    for a in args {
        c.arg(a);
    }
    let mut child = pair.slave.spawn_command(c).unwrap();
    drop(pair.slave);
    let mut stream = pair.master.try_clone_reader().unwrap();
    let reader = thread::spawn(move || {
        let mut out = Vec::new();
        let mut buf = [0u8; 4096];
        // Ends at end of file, or with EIO once the child has gone (Linux).
        while let Ok(n) = stream.read(&mut buf) {
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        out
    });
    assert!(child.wait().unwrap().success());
    drop(pair.master);
    String::from_utf8(reader.join().unwrap()).unwrap()
}

#[test]
fn a_subject_with_crlf_never_reaches_the_campaign() {
    let dir = tempfile::tempdir().unwrap();
    let ws = setup(dir.path());
    cmd(&ws)
        .args([
            "campaign",
            "add",
            "c",
            "odd",
            "--subject",
            "Hi\r\nBcc: all@example.com",
            "--body",
            "x",
        ])
        .assert()
        .code(1)
        // "Hi" is two characters: the CR is column 3 of line 1.
        .stderr(predicate::str::contains(
            "line 1, column 3: a line break (CR (U+000D))",
        ));
    cmd(&ws)
        .args([
            "campaign",
            "add",
            "c",
            "odd",
            "--subject",
            "Hi",
            "--body",
            "a\u{1b}]52;c;aGk=\u{7}b",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "line 1, column 2: ESC (U+001B) is not allowed",
        ));
    let dump = cmd(&ws).args(["campaign", "dump", "c"]).output().unwrap();
    let toml = String::from_utf8(dump.stdout).unwrap();
    assert!(!toml.contains("Bcc"), "{toml}");
    assert_eq!(toml.matches("[[entry]]").count(), 1);
}

#[test]
fn documents_keep_their_bytes_in_a_pipe_and_are_safe_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let ws = setup(dir.path());
    // Into a pipe: the exact bytes, so the dump applies back as it was.
    let piped = cmd(&ws).args(["campaign", "dump", "c"]).output().unwrap();
    let piped = String::from_utf8(piped.stdout).unwrap();
    assert!(piped.contains(&format!("\"{RLO}Ada\"")), "{piped}");
    let json = cmd(&ws)
        .args(["--json", "campaign", "show", "c"])
        .output()
        .unwrap();
    assert!(String::from_utf8(json.stdout).unwrap().contains(RLO));

    // On a terminal: the override is shown as U+FFFD in TOML, escaped in JSON.
    let shown = on_terminal(&ws, &["campaign", "dump", "c"]);
    assert!(!shown.contains(RLO), "{shown:?}");
    assert!(shown.contains("\"\u{fffd}Ada\""), "{shown:?}");
    let shown = on_terminal(&ws, &["--json", "campaign", "show", "c"]);
    assert!(!shown.contains(RLO), "{shown:?}");
    assert!(shown.contains(r"\u202eAda"), "{shown:?}");
}
