//! The one line a face prints while an older workspace is upgraded.
//!
//! Shared by the CLI and the terminal app (which prints it before it takes over the
//! screen), so neither face calls the other; storage only reports the upgrade
//! ([`crate::workspace::Upgrade`]) and prints nothing.

/// Run `open` (one of the workspace's `*_noting_upgrade` openers) and, when it upgrades
/// an older workspace, say so on stderr before the migrations start and end the line
/// with ` done` after: migration 0012 takes about a minute on a million contacts. A
/// failure ends the line so the error starts on its own.
pub fn announce_upgrade<T, E>(
    path: &std::path::Path,
    open: impl FnOnce(&mut dyn FnMut(crate::workspace::Upgrade)) -> Result<T, E>,
) -> Result<T, E> {
    let mut announced = false;
    let outcome = open(&mut |upgrade| {
        eprint!("{}", upgrade.notice(path));
        announced = true;
    });
    if announced {
        eprintln!("{}", if outcome.is_ok() { " done" } else { "" });
    }
    outcome
}
