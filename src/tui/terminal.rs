//! Entering and leaving the full-screen terminal mode, whatever way the program ends.
//!
//! [`TerminalGuard`] restores the terminal when dropped (normal exit and `?` error
//! returns), and a panic hook restores it before the default hook prints the panic, so
//! the message lands readable on the normal screen with raw mode off, the cursor shown
//! and mouse capture off (case BR-20; ratatui#2087). `ratatui::init`/`restore` are not
//! used because they leave mouse capture and bracketed paste on.

use std::io::{self, Stdout};
use std::sync::Once;

use crossterm::cursor::Show;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// The terminal in raw mode on the alternate screen, with mouse capture and bracketed
/// paste; restored on drop.
pub struct TerminalGuard {
    /// Always `Some` until dropped (see [`TerminalGuard::drop`]).
    terminal: Option<Terminal<CrosstermBackend<Stdout>>>,
}

impl TerminalGuard {
    /// Install the panic hook (once per process) and switch the terminal over. If a step
    /// fails, what was already switched is undone before the error returns.
    pub fn enter() -> io::Result<TerminalGuard> {
        install_panic_hook();
        enable_raw_mode()?;
        let entered = (|| {
            execute!(
                io::stdout(),
                EnterAlternateScreen,
                EnableMouseCapture,
                EnableBracketedPaste
            )?;
            let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
            // No `terminal.clear()`: it asks the terminal for the cursor position and
            // fails where nothing answers; the alternate screen starts blank anyway.
            terminal.hide_cursor()?;
            Ok(terminal)
        })();
        match entered {
            Ok(terminal) => Ok(TerminalGuard {
                terminal: Some(terminal),
            }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

impl TerminalGuard {
    /// The ratatui terminal to draw on.
    pub fn terminal(&mut self) -> &mut Terminal<CrosstermBackend<Stdout>> {
        self.terminal
            .as_mut()
            .expect("the terminal is only taken when the guard drops")
    }
}

impl Drop for TerminalGuard {
    /// Restore the terminal. ratatui's `Terminal`, dropped with its cursor hidden, shows
    /// it and `eprintln!`s when that fails, which panics once standard error is a
    /// terminal that hung up (`tui::input` ends the app then); so its cursor is shown
    /// here first, and a terminal whose cursor cannot be shown is let go without its
    /// drop (it holds nothing the exiting process must release).
    fn drop(&mut self) {
        if let Some(mut terminal) = self.terminal.take() {
            if terminal.show_cursor().is_ok() {
                drop(terminal);
            } else {
                std::mem::forget(terminal);
            }
        }
        restore();
    }
}

/// Put the terminal back as the shell expects it. Safe to call more than once and when
/// nothing was switched; errors are ignored because there is nowhere left to report them.
pub fn restore() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
}

fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}
