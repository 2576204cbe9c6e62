//! The preview's marked rendering of one template part: each merge field that printed
//! nothing in this part shows `[FIELD missing]` (case BR-16; new-user trial 5, F9).
//!
//! The missing fields are this part's own (its merge log and its [`holes`](super::holes)),
//! never the other part's: a subject with `default("there")` keeps its fallback while
//! the body, with none, is marked. The blank value is replaced by a sentinel of
//! private-use characters, which `upper`, `lower`, `title` and HTML escaping leave as
//! they are, and the sentinel is swapped for the marker after rendering, so no filter
//! ever changes the marker's spelling. Called by [`super::Message::render_marked`].

use super::check::CheckedTemplate;
use crate::fields::value::{Record, Value};

/// Opens and closes a sentinel: Unicode private-use characters, which no filter cases
/// and no customer text holds by chance.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// The sentinel of the `i`-th missing field: OPEN, `i` in private-use digits, CLOSE.
fn sentinel(i: usize) -> String {
    let digits: String = i
        .to_string()
        .chars()
        .filter_map(|d| d.to_digit(10))
        .filter_map(|d| char::from_u32(0xE010 + d))
        .collect();
    format!("{OPEN}{digits}{CLOSE}")
}

/// `template` rendered for `record` with each of its own missing merge fields shown as
/// `[FIELD missing]`; `None` when nothing in it is missing, when it cannot render the
/// sentinel (a filter that needs a date or a number), or when a filter took the
/// sentinel apart: the caller keeps the plain text then.
pub(super) fn part(template: &CheckedTemplate, record: &Record) -> Option<String> {
    let plain = template.render(record).ok()?;
    let holes = template.holes(record, &plain);
    let mut missing: Vec<&String> = plain.missing.iter().chain(&holes).collect();
    missing.sort();
    missing.dedup();
    if missing.is_empty() {
        return None;
    }
    let mut probed = record.clone();
    for (i, name) in missing.iter().enumerate() {
        probed.insert((*name).clone(), Value::Text(sentinel(i)));
    }
    let mut text = template.render(&probed).ok()?.text;
    for (i, name) in missing.iter().enumerate() {
        text = text.replace(&sentinel(i), &format!("[{name} missing]"));
    }
    let broken = text
        .chars()
        .any(|c| c == OPEN || c == CLOSE || ('\u{E010}'..='\u{E019}').contains(&c));
    (!broken).then_some(text)
}
