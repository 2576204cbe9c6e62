//! Signals sent by another process while the app runs: SIGTERM (`kill`, a session
//! manager), SIGINT (`kill -INT`; Ctrl+C itself is a key in raw mode) and SIGHUP (a
//! window closing). Their default action ends the process at once, leaving the terminal
//! in raw mode on the alternate screen with mouse reporting on, so every mouse move
//! types escape sequences into the shell (trial 8, L8). Here each becomes a
//! [`LoopEvent::Signal`] on the event loop's channel: the loop ends as a quit without
//! saving, `run` restores the terminal, and the command exits with 128 + the signal's
//! number ([`Stopped`]), the code a shell reports for a process a signal ended.
//!
//! A signal the app was started with ignored stays ignored (`nohup` ignores SIGHUP:
//! then a terminal that goes away is noticed by `tui::input`, as before). Whether one
//! is ignored is read from `/proc/self/status` (`SigIgn`) on Linux; other systems are
//! taken to ignore none (reading a signal's disposition elsewhere needs `unsafe`).

use std::sync::mpsc::Sender;

use super::LoopEvent;

/// The app was ended by `signal` from another process, after restoring the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("stopped by {}; the terminal is restored, work not saved is dropped", name(*.signal))]
pub struct Stopped {
    /// The signal's number (SIGHUP 1, SIGINT 2, SIGTERM 15).
    pub signal: i32,
}

impl Stopped {
    /// 128 + the signal's number: 129, 130, 143.
    pub fn exit_code(self) -> u8 {
        u8::try_from(128 + self.signal).unwrap_or(u8::MAX)
    }
}

/// The signal's name, `SIG…`, or its number.
fn name(signal: i32) -> String {
    match signal {
        1 => "SIGHUP".into(),
        2 => "SIGINT".into(),
        15 => "SIGTERM".into(),
        n => format!("signal {n}"),
    }
}

/// Stops delivering signals to the loop when dropped.
pub struct Watch {
    #[cfg(unix)]
    handle: signal_hook::iterator::Handle,
}

impl Drop for Watch {
    fn drop(&mut self) {
        #[cfg(unix)]
        self.handle.close();
    }
}

/// Send the first SIGTERM, SIGINT or SIGHUP that arrives (of those not ignored at
/// start) to `events` as [`LoopEvent::Signal`].
///
/// Errors: the handlers cannot be installed.
#[cfg(unix)]
pub fn watch(events: Sender<LoopEvent>) -> std::io::Result<Watch> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let ignored = ignored_at_start();
    let wanted: Vec<i32> = [SIGTERM, SIGINT, SIGHUP]
        .into_iter()
        .filter(|s| !ignored.contains(s))
        .collect();
    let mut signals = signal_hook::iterator::Signals::new(wanted)?;
    let handle = signals.handle();
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = events.send(LoopEvent::Signal(signal));
        }
    });
    Ok(Watch { handle })
}

/// Elsewhere (Windows) the console's own Ctrl+C handling stays as it is.
#[cfg(not(unix))]
pub fn watch(_events: Sender<LoopEvent>) -> std::io::Result<Watch> {
    Ok(Watch {})
}

/// The signals this process ignores, from the `SigIgn` mask of `/proc/self/status`
/// (bit n-1 for signal n: proc(5)); none where that cannot be read.
#[cfg(unix)]
fn ignored_at_start() -> Vec<i32> {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| ignored_in(&status))
        .unwrap_or_default()
}

/// The signals 1-64 the `SigIgn:` line of a `/proc/PID/status` text marks ignored.
pub fn ignored_in(status: &str) -> Option<Vec<i32>> {
    let mask = status
        .lines()
        .find_map(|l| l.strip_prefix("SigIgn:"))
        .map(str::trim)?;
    let mask = u64::from_str_radix(mask, 16).ok()?;
    Some((1..=64).filter(|n| mask & (1u64 << (n - 1)) != 0).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sigign_mask_names_the_ignored_signals() {
        // SIGHUP (bit 0) and SIGPIPE 13 (bit 12): 0x1001.
        let status = "Name:\ttactful\nSigBlk:\t0000000000000000\nSigIgn:\t0000000000001001\n";
        assert_eq!(ignored_in(status), Some(vec![1, 13]));
        assert_eq!(ignored_in("SigIgn:\t0000000000000000\n"), Some(vec![]));
        assert_eq!(ignored_in("Name: x\n"), None);
    }

    #[test]
    fn the_exit_code_is_128_plus_the_signal() {
        assert_eq!(Stopped { signal: 15 }.exit_code(), 143);
        assert_eq!(Stopped { signal: 2 }.exit_code(), 130);
        assert_eq!(Stopped { signal: 1 }.exit_code(), 129);
        assert_eq!(
            Stopped { signal: 15 }.to_string(),
            "stopped by SIGTERM; the terminal is restored, work not saved is dropped"
        );
    }
}
