//! The status line's messages expire: a notice or error that has stood unchanged for
//! [`NOTICE_TICKS`] or [`ERROR_TICKS`] ticks is cleared, so the line never keeps saying
//! something that stopped being true.
//!
//! Expiry counts [`Message::Tick`](super::message::Message::Tick)s (the loop sends one
//! about every quarter second while no other event arrives) instead of reading a clock,
//! so `update` stays a pure function the tests drive, and snapshots draw no time.
//! A message is recognised by its text: setting the same text again does not restart
//! its count, setting another one does.

use super::context::Context;

/// Ticks a notice stays (about 5 seconds at the loop's quarter-second tick).
pub const NOTICE_TICKS: u32 = 20;
/// Ticks an error stays (about 10 seconds): longer than a notice, as it asks for action.
pub const ERROR_TICKS: u32 = 40;

/// How long the status line's messages have stood, in ticks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusAge {
    notice: Option<(String, u32)>,
    error: Option<(String, u32)>,
}

/// One tick passed: age the notice and the error, clearing each one that is old enough.
pub fn tick(ctx: &mut Context) {
    age(&mut ctx.notice, &mut ctx.status_age.notice, NOTICE_TICKS);
    age(&mut ctx.error, &mut ctx.status_age.error, ERROR_TICKS);
}

fn age(shown: &mut Option<String>, seen: &mut Option<(String, u32)>, limit: u32) {
    let Some(text) = shown.as_ref() else {
        *seen = None;
        return;
    };
    let ticks = match seen {
        Some((same, n)) if same == text => *n + 1,
        _ => 1,
    };
    if ticks >= limit {
        *shown = None;
        *seen = None;
    } else {
        *seen = Some((text.clone(), ticks));
    }
}
