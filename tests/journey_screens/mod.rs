//! What the journey (`tui_journey`) reads off the app's screens: a segment's reach in
//! the segment list, the Messages screen's saved entries, a finished review.

use crate::pty_support::Session;

/// The reach column of segment `name` in the segment list on `screen` (`name|  2,085|`).
pub fn listed(screen: &str, name: &str) -> Option<String> {
    screen.lines().find_map(|l| {
        let mut cells = l.split('|');
        (cells.next()?.trim() == name).then(|| cells.next().unwrap_or("").trim().to_string())
    })
}

/// Wait until the Messages screen lists exactly `names` as its saved entries.
pub fn wait_for_entries(s: &Session, names: &[&str]) {
    let header = format!("(e-mail, {} entr", names.len());
    s.wait_until(&format!("the entries {names:?}, saved"), |screen| {
        let listed = names
            .iter()
            .enumerate()
            .all(|(i, n)| screen.contains(&format!(" {}. {n} -> ", i + 1)));
        let next = format!(" {}. ", names.len() + 1);
        listed
            && !screen.contains(&next)
            && screen.contains(&header)
            && !screen.contains("[unsaved edits]")
    });
}

/// Wait until the Review (or Export) screen shows a finished review (no
/// "reviewing..."): its dialogs and the export wait for it.
pub fn review_done(s: &Session) {
    s.wait_until("a finished review", |screen| {
        screen.contains("Review as of") && !screen.contains("reviewing...")
    });
}
