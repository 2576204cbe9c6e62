//! The terminal app: the Elm Architecture over the same core the CLI uses.
//!
//! - [`keymap`] turns terminal events into [`message::Message`]s (the only code that
//!   knows key codes);
//! - [`update::update`] is the only code that changes the [`app::App`], and returns
//!   [`message::Request`]s;
//! - [`jobs`] runs those requests on workspace connections of its own (one writes, the
//!   others are read-only; the newest request of a kind wins) and replies with messages;
//! - [`view`] draws an `&App` (screens in [`screens`], reusable widgets in [`widgets`]).
//!
//! Each screen is one folder, `screens/<screen>/`: its state and view, its messages,
//! its update code, its dialogs and its own jobs. A screen never imports another screen
//! or the keymap (`tests/architecture.rs`); [`update::update`] routes each message to
//! the screen it belongs to, [`popup`] draws whichever popup is open.
//!
//! One `std::sync::mpsc` channel carries terminal input ([`input`]), worker replies and
//! ticks into [`run`]'s loop; a terminal that hangs up ends the app. This module and `cli` are the only ones that use ratatui or crossterm.
//!
//! Test hook: when the environment variable `TACTFUL_TEST_PANIC` is `1`, the TUI panics
//! right after drawing its first frame. The end-to-end tests (`tests/tui_pty.rs`) use it
//! to check that a panic restores the terminal and prints a readable message (case
//! BR-20); nothing else sets it. `tactful import` panics once its workspace is open
//! when it is `import` (tests/workspace_cleanup_cli.rs).

pub mod app;
pub mod context;
pub mod guide;
pub mod input;
pub mod jobs;
pub mod keymap;
pub mod layout;
pub mod message;
pub mod paths;
pub mod popup;
pub mod screens;
pub mod signals;
pub mod status;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;
pub mod widgets;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};

use anyhow::Context as _;
use ratatui::Terminal;
use ratatui::backend::Backend;

use app::{App, AppOptions};
use jobs::Runner;
use message::Message;
use message::Request;

/// Refuse to start the app when standard input or output is not a terminal (a pipe, a
/// file, a job without one): it would draw escape codes nobody sees and wait for keys
/// that never come.
///
/// Errors: a sentence naming the way out (run it in a terminal, or give a command).
fn require_terminal() -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        return Ok(());
    }
    anyhow::bail!(
        "`tactful` without a command opens the terminal app, but standard input or output is not a terminal; run it in a terminal, or give a command (see `tactful --help`)"
    )
}

/// The environment variable of the test hook (see the module doc).
pub const TEST_PANIC: &str = "TACTFUL_TEST_PANIC";

/// What arrives on the event loop's one channel.
#[derive(Debug)]
pub enum LoopEvent {
    /// A key, mouse, resize or paste event from the terminal.
    Terminal(crossterm::event::Event),
    /// A reply from the job runner.
    Reply(Message),
    /// Nothing happened for a tick.
    Tick,
    /// The terminal can no longer be read (the input thread has stopped).
    InputFailed(String),
    /// Another process sent this signal ([`signals`]): quit without saving.
    Signal(i32),
}

/// Open the workspace at `workspace_path` and run the TUI on it until the user quits.
///
/// The workspace is opened before the terminal is touched, so a damaged file (case
/// BR-20) fails with a readable error on the normal screen. The terminal is restored on
/// every way out: return, error, panic, and SIGTERM, SIGINT or SIGHUP from another
/// process (then the error is [`signals::Stopped`]). `as_of` is the global `--as-of` when given:
/// relative rules, previews, reviews and exports count from it instead of today (or a
/// campaign's own date).
pub fn run(workspace_path: &Path, as_of: Option<chrono::NaiveDate>) -> anyhow::Result<()> {
    // A workspace that does not exist yet is not created for an app that cannot start;
    // an existing one is opened first, so a damaged file is reported as such (BR-20).
    if !workspace_path.exists() {
        require_terminal()?;
    }
    // An upgrade is announced on the normal screen: the app is not up yet.
    let ws = crate::upgrade_notice::announce_upgrade(workspace_path, |note| {
        crate::workspace::Workspace::open_noting_upgrade(workspace_path, note)
    })
    .with_context(|| format!("cannot open workspace {}", workspace_path.display()))?;
    require_terminal()?;
    let fields = crate::workspace::fields::list(ws.conn())?;
    let (events, inbox) = mpsc::channel();
    let worker: Runner<Request> = Runner::spawn(ws, events.clone(), jobs::route::execute)?;
    // Before the terminal is switched over: a signal from then on restores it.
    let _signals = signals::watch(events.clone()).context("cannot watch for signals")?;

    let mut guard = terminal::TerminalGuard::enter().context("cannot set up the terminal")?;
    let size = guard.terminal().size()?;
    let mut app = App::new(AppOptions {
        workspace: workspace_path.display().to_string(),
        fields,
        width: size.width,
        height: size.height,
        as_of,
    });
    let stop = Arc::new(AtomicBool::new(false));
    input::spawn(events, Arc::clone(&stop));
    for request in update::update(&mut app, Message::Refresh) {
        worker.send(request);
    }
    let outcome = event_loop(guard.terminal(), &mut app, &inbox, &worker);
    stop.store(true, Ordering::SeqCst);
    drop(guard);
    outcome
}

fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    inbox: &Receiver<LoopEvent>,
    worker: &Runner<Request>,
) -> anyhow::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let test_panic = std::env::var_os(TEST_PANIC).is_some_and(|v| v == "1");
    loop {
        terminal.draw(|frame| view::draw(app, frame))?;
        if test_panic {
            panic!("{TEST_PANIC}=1: the test hook panics after the first frame");
        }
        let first = inbox.recv().context("the event loop lost its inputs")?;
        // Take everything already waiting before drawing again, so a burst of wheel
        // events or replies costs one frame.
        for event in std::iter::once(first).chain(inbox.try_iter()) {
            let message = match event {
                LoopEvent::Terminal(e) => keymap::map(app, &e),
                LoopEvent::Reply(m) => Some(m),
                LoopEvent::Tick => Some(Message::Tick),
                LoopEvent::InputFailed(e) => anyhow::bail!("cannot read the terminal: {e}"),
                LoopEvent::Signal(signal) => return Err(signals::Stopped { signal }.into()),
            };
            if let Some(message) = message {
                for request in update::update(app, message) {
                    worker.send(request);
                }
            }
            if app.quit {
                return Ok(());
            }
        }
    }
}
