//! The import report's word when a re-import moves a contact off an address on the
//! suppression list (new-user trial 6, G21: a contact keyed by customer ID was
//! suppressed under `old@example.com`; a later file gave it `new@example.com`, and it
//! was mailed with no word). Every address counts: each e-mail field (a second one
//! too) and each phone field, its numbers compared in E.164 (trial 9, F-G21p: a
//! contact moved off a suppressed phone number was texted with no word).
//!
//! The suppression list holds addresses, not people: the old address stays
//! suppressed whatever contact or key later holds it, and the new one is not on the
//! list, so the contact may be mailed there. That is right when the address was
//! suppressed (a bounce, a spam trap, a shared inbox), but the user should know when
//! the person is the one who objected: the report names each such contact, its old
//! and new address, and the command that suppresses the new one. Called by
//! [`super::load`] inside the import's transaction.

use rusqlite::Connection;

use super::ImportError;
use crate::campaign::suppressed::Suppression;
use crate::workspace::replaced_emails::replaced_emails;

/// How many contacts the warning names.
const NAMED: usize = 5;

/// The warning for batch `batch`, or `None` when it moved no contact off a listed
/// address (or the list is empty).
///
/// Errors: workspace errors.
pub fn warning(conn: &Connection, batch: i64) -> Result<Option<String>, ImportError> {
    let list = Suppression::load(conn)?;
    if list.is_empty() {
        return Ok(None);
    }
    let moved: Vec<_> = replaced_emails(conn, batch)?
        .into_iter()
        .filter(|m| {
            let listed = |value: &str| match m.kind {
                "phone" => list.check("", None, &[value.to_string()]).is_some(),
                _ => list.check("", Some(value), &[]).is_some(),
            };
            listed(&m.before) && (m.now.trim().is_empty() || !listed(&m.now))
        })
        .collect();
    if moved.is_empty() {
        return Ok(None);
    }
    let named: Vec<String> = moved
        .iter()
        .take(NAMED)
        .map(|m| match m.now.trim() {
            "" => format!("{} (was `{}`, now blank)", m.key, m.before),
            now => format!("{} (was `{}`, now `{now}`)", m.key, m.before),
        })
        .collect();
    let more = match moved.len().saturating_sub(NAMED) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let n = moved.len();
    Ok(Some(format!(
        "{n} contact{} moved off an address on the suppression list: {}{more}; the list holds addresses, so the old address stays suppressed, but the new one is not on the list and may be mailed; if the person opted out, add the new address with `tactful suppress`",
        if n == 1 { "" } else { "s" },
        named.join(", ")
    )))
}
