//! The pty harness shared by the end-to-end tests (`tui_pty`, `tui_journey`): the real
//! `tactful` binary in a pseudo-terminal (portable-pty), its output read by a terminal
//! emulator (vt100), and waits for what a user would see.
//!
//! Waiting loops give up after [`PATIENCE`] so a broken build fails instead of hanging;
//! the patience is generous because a loaded CI machine can take seconds per frame.
//! Nothing here measures time: a wait ends as soon as the screen shows the text.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const PATIENCE: Duration = Duration::from_secs(60);
pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;

/// Escape sequences crossterm writes to give the terminal back (xterm control sequences).
pub const LEAVE_ALTERNATE: &str = "\x1b[?1049l";
pub const ENTER_ALTERNATE: &str = "\x1b[?1049h";
pub const SHOW_CURSOR: &str = "\x1b[?25h";
pub const MOUSE_OFF: &str = "\x1b[?1000l";
pub const PASTE_OFF: &str = "\x1b[?2004l";

/// The binary running in a pseudo-terminal, with everything it wrote so far.
pub struct Session {
    rows: u16,
    cols: u16,
    child: Box<dyn Child + Send + Sync>,
    input: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    /// The emulator fed with `output` up to the count: each look at the screen feeds it
    /// only what came since the last. Reparsing the whole output at every 50 ms poll
    /// made each wait's cost grow with the session's length.
    terminal: Mutex<(vt100::Parser, usize)>,
    reader: Option<JoinHandle<()>>,
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    pub fn start(workspace: &Path, env: &[(&str, &str)]) -> Session {
        Session::start_sized(workspace, env, ROWS, COLS)
    }

    pub fn start_sized(workspace: &Path, env: &[(&str, &str)], rows: u16, cols: u16) -> Session {
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
        // Run in the workspace's folder: the Export screen writes to `./export-NAME`.
        if let Some(dir) = workspace.parent() {
            cmd.cwd(dir);
        }
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
        let parser = vt100::Parser::new(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
            0,
        );
        Session {
            rows,
            cols,
            child,
            input,
            output,
            terminal: Mutex::new((parser, 0)),
            reader: Some(reader),
            _master: pair.master,
        }
    }

    /// The process id of the binary, to send it a signal.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child has a process id")
    }

    pub fn bytes(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    /// The screen as a terminal shows it now. The emulator is a stream parser (vte keeps
    /// a sequence or character cut between two reads), so feeding it the output in parts
    /// gives the screen that feeding it all at once does.
    pub fn screen(&self) -> vt100::Screen {
        let output = self.output.lock().unwrap();
        let mut terminal = self.terminal.lock().unwrap();
        let (parser, fed) = &mut *terminal;
        parser.process(&output[*fed..]);
        *fed = output.len();
        parser.screen().clone()
    }

    /// Wait until the screen contains `text`; fail with the screen if it never does.
    pub fn wait_for(&self, text: &str) -> String {
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

    /// Wait until `done` holds for the screen's text; fail with `what` and the screen if
    /// it never does. Returns the screen that satisfied it.
    pub fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let contents = self.screen().contents();
            if done(&contents) {
                return contents;
            }
            assert!(
                Instant::now() < deadline,
                "{what} never happened; the screen:\n{contents}"
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// The highlighted (reverse video) runs of text on the screen now, top to bottom:
    /// where a list shows its selection.
    pub fn highlighted(&self) -> Vec<String> {
        let screen = self.screen();
        let mut runs = Vec::new();
        for row in 0..self.rows {
            let mut run = String::new();
            for col in 0..self.cols {
                match screen.cell(row, col) {
                    Some(cell) if cell.inverse() => run.push_str(cell.contents()),
                    _ if !run.is_empty() => runs.push(std::mem::take(&mut run)),
                    _ => {}
                }
            }
            if !run.is_empty() {
                runs.push(run);
            }
        }
        runs
    }

    /// Press `key` until a highlighted run contains `text` (at most `max` presses), each
    /// press waited for until the highlight moves; fail with the screen otherwise.
    pub fn select(&mut self, key: &[u8], text: &str, max: usize) {
        for _ in 0..=max {
            let before = self.highlighted();
            if before.iter().any(|run| run.contains(text)) {
                return;
            }
            self.press(key);
            self.wait_until(&format!("a move of the selection towards `{text}`"), |_| {
                self.highlighted() != before
            });
        }
        panic!(
            "`{text}` was never selected; the screen:\n{}",
            self.screen().contents()
        );
    }

    /// Wait until the screen no longer contains `text`; fail with the screen if it stays.
    pub fn wait_until_gone(&self, text: &str) {
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

    pub fn press(&mut self, keys: &[u8]) {
        self.input.write_all(keys).unwrap();
        self.input.flush().unwrap();
    }

    /// After `q`: answer `y` if the quit question shows, until the process has ended.
    pub fn answer_quit_question(&mut self) {
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
    pub fn finish(&mut self) -> u32 {
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
pub fn assert_restored(bytes: &[u8]) {
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

/// A test that fails half-way must not leave the binary running on its pty.
impl Drop for Session {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
        }
    }
}
