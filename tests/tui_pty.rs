//! End-to-end: the real `tactful` binary in a pseudo-terminal (portable-pty), its output
//! read by a terminal emulator (vt100). Checks what a user sees and that the terminal
//! is given back as it was: alternate screen left, cursor shown, mouse capture and
//! bracketed paste off, on a normal quit and on a panic (case BR-20).
//!
//! Waiting loops give up after [`PATIENCE`] so a broken build fails instead of hanging;
//! nothing here measures time. The demo journey (Preview, then one recipient's
//! explanation) runs at 120×40 on the workspace `tactful::demo::build` makes.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use tactful::import::{self, ImportPlan};
use tactful::workspace::Workspace;

const PATIENCE: Duration = Duration::from_secs(10);
const ROWS: u16 = 30;
const COLS: u16 = 100;

/// Escape sequences crossterm writes to give the terminal back (xterm control sequences).
const LEAVE_ALTERNATE: &str = "\x1b[?1049l";
const ENTER_ALTERNATE: &str = "\x1b[?1049h";
const SHOW_CURSOR: &str = "\x1b[?25h";
const MOUSE_OFF: &str = "\x1b[?1000l";
const PASTE_OFF: &str = "\x1b[?2004l";

/// A workspace file made by importing `tests/fixtures/tui_shop.csv` with the library.
fn shop_workspace(dir: &Path) -> PathBuf {
    let path = dir.join("shop.tactful");
    let mut ws = Workspace::open(&path).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui_shop.csv");
    import::run(&mut ws, &ImportPlan::new(fixture, "test"), &mut |_| {}).unwrap();
    path
}

/// The binary running in a pseudo-terminal, with everything it wrote so far.
struct Session {
    rows: u16,
    cols: u16,
    child: Box<dyn Child + Send + Sync>,
    input: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    reader: Option<JoinHandle<()>>,
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    fn start(workspace: &Path, env: &[(&str, &str)]) -> Session {
        Session::start_sized(workspace, env, ROWS, COLS)
    }

    fn start_sized(workspace: &Path, env: &[(&str, &str)], rows: u16, cols: u16) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tactful"));
        cmd.arg("--workspace");
        cmd.arg(workspace);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("TACTFUL_WORKSPACE");
        cmd.env_remove("TACTFUL_TEST_PANIC");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        // Our copy of the slave must close, or reading the master never ends.
        drop(pair.slave);
        let mut stream = pair.master.try_clone_reader().unwrap();
        let input = pair.master.take_writer().unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 4096];
            // Ends at end of file, or with EIO once the child has gone (Linux).
            while let Ok(n) = stream.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            rows,
            cols,
            child,
            input,
            output,
            reader: Some(reader),
            _master: pair.master,
        }
    }

    fn bytes(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    /// The screen as a terminal shows it now.
    fn screen(&self) -> vt100::Screen {
        let mut parser = vt100::Parser::new(
            NonZeroU16::new(self.rows).unwrap(),
            NonZeroU16::new(self.cols).unwrap(),
            0,
        );
        parser.process(&self.bytes());
        parser.screen().clone()
    }

    /// Wait until the screen contains `text`; fail with the screen if it never does.
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let contents = self.screen().contents();
            if contents.contains(text) {
                return contents;
            }
            assert!(
                Instant::now() < deadline,
                "`{text}` never appeared; the screen:\n{contents}"
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Wait until the screen no longer contains `text`; fail with the screen if it stays.
    fn wait_until_gone(&self, text: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let contents = self.screen().contents();
            if !contents.contains(text) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "`{text}` never went away; the screen:\n{contents}"
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    fn press(&mut self, keys: &[u8]) {
        self.input.write_all(keys).unwrap();
        self.input.flush().unwrap();
    }

    /// After `q`: answer `y` if the quit question shows, until the process has ended.
    fn answer_quit_question(&mut self) {
        let deadline = Instant::now() + PATIENCE;
        while self.child.try_wait().unwrap().is_none() && Instant::now() < deadline {
            if self.screen().contents().contains("Quit without saving?") {
                self.press(b"y");
                return;
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Wait for the process to end and for its last output; returns its exit code.
    fn finish(&mut self) -> u32 {
        let deadline = Instant::now() + PATIENCE;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                panic!(
                    "the TUI did not exit; screen:\n{}",
                    self.screen().contents()
                );
            }
            thread::sleep(Duration::from_millis(50));
        };
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
        status.exit_code()
    }
}

/// The terminal is back to normal: checked on the byte stream (each restoring sequence
/// comes after the last switch to the alternate screen) and on the emulator's state.
fn assert_restored(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let entered = text
        .rfind(ENTER_ALTERNATE)
        .expect("the TUI never entered the alternate screen");
    for (name, seq) in [
        ("leave the alternate screen", LEAVE_ALTERNATE),
        ("show the cursor", SHOW_CURSOR),
        ("stop mouse capture", MOUSE_OFF),
        ("stop bracketed paste", PASTE_OFF),
    ] {
        let at = text.rfind(seq);
        assert!(
            at.is_some_and(|at| at > entered),
            "no `{name}` ({seq:?}) after the last frame"
        );
    }
    let mut parser = vt100::Parser::new(
        NonZeroU16::new(ROWS).unwrap(),
        NonZeroU16::new(COLS).unwrap(),
        0,
    );
    parser.process(bytes);
    let screen = parser.screen();
    assert!(!screen.alternate_screen());
    assert!(!screen.hide_cursor());
    assert!(!screen.bracketed_paste());
    assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
}

#[test]
fn browse_fields_and_contacts_then_quit_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = shop_workspace(dir.path());
    let mut s = Session::start(&workspace, &[]);
    s.wait_for("Field list");

    s.press(b"2");
    let fields = s.wait_for("date_of_birth");
    // The fixture's six columns, and the protected date of birth marked. The name
    // column is 20 wide: `accepts_email_marketing` shows cut, ending in `~`.
    for name in [
        "email",
        "first_name",
        "city",
        "accepts_email_marke~",
        "orders",
    ] {
        assert!(fields.contains(name), "{name} missing:\n{fields}");
    }
    assert!(fields.contains("! |date_of_birth"), "{fields}");
    assert!(fields.contains("6 fields"), "{fields}");

    s.press(b"\r");
    let contacts = s.wait_for("eva@example.com");
    // Four contacts imported; dev's row (line 5) was short and rejected.
    for key in ["ana@example.com", "ben@example.com", "chloe@example.com"] {
        assert!(contacts.contains(key), "{key} missing:\n{contacts}");
    }
    assert!(!contacts.contains("dev@example.com"), "{contacts}");
    assert!(contacts.contains("Chloé"), "{contacts}");
    s.wait_for("4 contacts");

    s.press(b"q");
    s.answer_quit_question();
    let code = s.finish();
    assert_eq!(code, 0);
    assert_restored(&s.bytes());
}

#[test]
fn a_panic_restores_the_terminal_and_prints_a_readable_message() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = shop_workspace(dir.path());
    let mut s = Session::start(&workspace, &[("TACTFUL_TEST_PANIC", "1")]);
    let code = s.finish();
    assert_ne!(code, 0);
    let bytes = s.bytes();
    assert_restored(&bytes);
    // The message is on the normal screen, readable, after the terminal was restored.
    let text = String::from_utf8_lossy(&bytes);
    // The hook restores first; unwinding restores again (harmless) after the message.
    let entered = text.rfind(ENTER_ALTERNATE).unwrap();
    let left = entered + text[entered..].find(LEAVE_ALTERNATE).unwrap();
    let message = "the test hook panics after the first frame";
    let at = text.rfind(message).expect("no panic message in the output");
    assert!(
        at > left,
        "the panic message was printed on the alternate screen"
    );
    let screen = s.screen().contents();
    assert!(screen.contains("panicked"), "{screen}");
    assert!(screen.contains(message), "{screen}");
}

#[test]
fn import_a_file_through_the_screen_with_the_real_worker_threads() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("empty.tactful");
    drop(Workspace::open(&workspace).unwrap());
    let mut s = Session::start(&workspace, &[]);
    s.wait_for("This workspace is empty");

    let fixture = format!("{}/tests/fixtures/tui_shop.csv", env!("CARGO_MANIFEST_DIR"));
    s.press(b"e");
    s.press(fixture.as_bytes());
    s.press(b"\r");
    let detected = s.wait_for("nothing imported yet");
    assert!(detected.contains("rows: 5 read, 1 rejected"), "{detected}");
    assert!(detected.contains("line 5:"), "{detected}");

    s.press(b"i");
    let report = s.wait_for("as batch 1");
    assert!(report.contains("4 imported"), "{report}");
    s.wait_for("6 fields, 4 contacts");

    s.press(b"q");
    s.answer_quit_question();
    assert_eq!(s.finish(), 0);
    assert_restored(&s.bytes());
}

#[test]
fn preview_of_the_demo_then_explain_a_recipient() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("demo.tactful");
    drop(tactful::demo::build(&workspace).unwrap());
    let mut s = Session::start_sized(&workspace, &[], 40, 120);
    s.wait_for("fields");

    s.press(b"5");
    // The summary line the Preview screen draws once the preview has run.
    let preview = s.wait_for(" recipients + ");
    assert!(preview.contains("Audience"), "{preview}");

    s.press(b"\r");
    // The explanation popup lists the assignment steps.
    let explained = s.wait_for("Assignment steps");
    assert!(explained.contains("as of"), "{explained}");

    s.press(b"\x1b");
    s.wait_until_gone("Assignment steps");
    s.press(b"q");
    s.answer_quit_question();
    assert_eq!(s.finish(), 0);
    assert_restored(&s.bytes());
}
