//! Reading the terminal on a thread of its own: its events, and a tick when it stayed
//! quiet for [`TICK`], go to the event loop's channel; a terminal that hung up ends the
//! app.
//!
//! The thread waits on the terminal with poll(2) itself before it asks crossterm for
//! anything. crossterm 0.29's Unix event source spins once the terminal is gone: its
//! read loop stops neither at end of file nor on an error other than "would block" or
//! "interrupted", so when the other side of the pty closes (reads fail with `EIO` on
//! Linux) `crossterm::event::poll` never returns and runs one core at 100 % (seen with
//! a test harness that went away while the app ignored SIGHUP). Here a hang-up or error
//! on the terminal ends the loop with [`LoopEvent::InputFailed`], so the app restores
//! the terminal and exits; crossterm is only asked (with a zero timeout) once the
//! terminal is readable and not hung up, or after a quiet wait, when a resize may be
//! pending as a signal only crossterm reads.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::thread;
use std::time::Duration;

use super::LoopEvent;

/// How long the terminal may stay quiet before the loop gets a [`LoopEvent::Tick`].
pub const TICK: Duration = Duration::from_millis(250);

/// What one wait on the terminal found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readiness {
    /// Input may be waiting (or the wait was interrupted by a signal): ask crossterm.
    Ready,
    /// Nothing arrived for the whole wait.
    Quiet,
    /// The terminal hung up or failed: nothing more will ever arrive.
    Closed,
}

/// Read the terminal on a thread of its own until `stop` is set, the loop's receiver
/// is gone, or the terminal closes or fails (then one [`LoopEvent::InputFailed`] is
/// sent).
pub fn spawn(events: Sender<LoopEvent>, stop: Arc<AtomicBool>) {
    thread::spawn(move || {
        while !stop.load(Ordering::SeqCst) {
            match pump(&events, TICK) {
                Ok(true) => {}
                Ok(false) => return,
                Err(e) => {
                    let _ = events.send(LoopEvent::InputFailed(e));
                    return;
                }
            }
        }
    });
}

/// Wait up to `tick` for the terminal, then send what it had: its events, or a tick
/// when it stayed quiet. `Ok(false)` when the loop's receiver is gone.
///
/// Errors: the terminal hung up ("the terminal closed") or cannot be read.
fn pump(events: &Sender<LoopEvent>, tick: Duration) -> Result<bool, String> {
    let ready = wait(tick).map_err(|e| e.to_string())?;
    if ready == Readiness::Closed {
        return Err("the terminal closed".to_string());
    }
    let mut sent = false;
    // Every event crossterm holds: one read may bring several keys, and the ones it
    // keeps buffered would not wake the next wait.
    while crossterm::event::poll(Duration::ZERO).map_err(|e| e.to_string())? {
        let event = crossterm::event::read().map_err(|e| e.to_string())?;
        if events.send(LoopEvent::Terminal(event)).is_err() {
            return Ok(false);
        }
        sent = true;
    }
    if !sent && ready == Readiness::Quiet {
        return Ok(events.send(LoopEvent::Tick).is_ok());
    }
    Ok(true)
}

/// What poll(2)'s returned events for the terminal mean: a hang-up, error or invalid
/// descriptor (`POLLHUP`, `POLLERR`, `POLLNVAL`) closes it even when input is flagged
/// too (crossterm could be left reading a cut-off escape sequence from a dead
/// terminal); `POLLIN` alone is input; no flag is a wait that timed out.
#[cfg(unix)]
pub fn readiness(revents: rustix::event::PollFlags) -> Readiness {
    use rustix::event::PollFlags;
    if revents.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
        Readiness::Closed
    } else if revents.contains(PollFlags::IN) {
        Readiness::Ready
    } else {
        Readiness::Quiet
    }
}

/// Wait up to `timeout` for standard input, the terminal crossterm reads when it is
/// one (`run` has checked that it is).
#[cfg(unix)]
fn wait(timeout: Duration) -> std::io::Result<Readiness> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = std::io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let timeout = Timespec::try_from(timeout).map_err(std::io::Error::other)?;
    match poll(&mut fds, Some(&timeout)) {
        Ok(_) => Ok(readiness(fds[0].revents())),
        // A signal (a resize): crossterm reads it.
        Err(rustix::io::Errno::INTR) => Ok(Readiness::Ready),
        Err(e) => Err(e.into()),
    }
}

/// Elsewhere crossterm's own wait is used (its Windows source has no such loop).
#[cfg(not(unix))]
fn wait(timeout: Duration) -> std::io::Result<Readiness> {
    Ok(match crossterm::event::poll(timeout)? {
        true => Readiness::Ready,
        false => Readiness::Quiet,
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use rustix::event::PollFlags;

    #[test]
    fn a_hang_up_or_error_closes_the_terminal_even_with_input_flagged() {
        // poll(2): POLLHUP "hang up", POLLERR "error condition", POLLNVAL "invalid
        // request: fd not open"; none of them can be waited out.
        assert_eq!(readiness(PollFlags::HUP), Readiness::Closed);
        assert_eq!(readiness(PollFlags::ERR), Readiness::Closed);
        assert_eq!(readiness(PollFlags::NVAL), Readiness::Closed);
        assert_eq!(readiness(PollFlags::IN | PollFlags::HUP), Readiness::Closed);
    }

    #[test]
    fn input_is_ready_and_no_flag_is_a_quiet_wait() {
        assert_eq!(readiness(PollFlags::IN), Readiness::Ready);
        assert_eq!(readiness(PollFlags::empty()), Readiness::Quiet);
    }

    #[test]
    fn a_hung_up_pipe_reads_as_closed() {
        // A real descriptor: the read end of a pipe whose write end is gone is hung up
        // (POLLHUP on Linux and the BSDs), as a pty is once its other side closes.
        let (read, write) = std::io::pipe().unwrap();
        drop(write);
        let mut fds = [rustix::event::PollFd::new(&read, PollFlags::IN)];
        rustix::event::poll(&mut fds, None).unwrap();
        assert_eq!(readiness(fds[0].revents()), Readiness::Closed);
    }
}
