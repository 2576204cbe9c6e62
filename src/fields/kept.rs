//! What a change to a field's class leaves protected: the sensitive values it holds.
//!
//! Lowering a field's class (`fields set gender --class ordinary --reason ...`) changes
//! what the field is called, not what its values are: `female` is sex/gender data
//! wherever it is stored, and every rule, message and export that uses a field holding
//! such values is judged on them ([`super::held`]; PRODUCT.md: derived or renamed copies
//! of sensitive data are just as sensitive). The change is recorded, but the reply
//! "downgrade recorded" alone told the user the field was free to use, and the next
//! `segment add women 'gender is "female"'` was refused (new-user trial 5, F5). So a
//! change reports the kinds the field's values still hold, with the unlock each needs:
//! the user is told what will happen, not something the next command contradicts.

use rusqlite::Connection;
use serde::Serialize;

use super::Field;
use super::held::{HeldValues, held_values};
use super::policy::value_unlock_key;
use crate::workspace::WorkspaceError;

/// One kind of sensitive value a field still holds after a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeptProtected {
    /// The dictionary kind (`gender`, `religion`).
    pub kind: String,
    /// Contacts holding at least one value of the kind.
    pub contacts: u64,
    /// The most frequent values of the kind, most frequent first.
    pub examples: Vec<String>,
    /// True when a rule on the field selects by the kind; false when only a few
    /// sentences mention it, so only a message merging the field prints it
    /// ([`super::held::Held::prose_only`]).
    pub in_rules: bool,
    /// What a campaign unlocks to use them (`gender:gender`).
    pub unlock: String,
}

/// The sensitive values `field` (as it is after a change) holds, one per kind; empty
/// when its class is blocked (its own check covers every value) or its values are not
/// read (names, addresses, numbers, dates: [`HeldValues::read`]).
///
/// Errors: workspace errors only.
pub fn kept_protected(
    conn: &Connection,
    field: &Field,
) -> Result<Vec<KeptProtected>, WorkspaceError> {
    if HeldValues::read(std::slice::from_ref(field)).is_empty() {
        return Ok(Vec::new());
    }
    Ok(held_values(conn, field)?
        .into_iter()
        .map(|h| KeptProtected {
            in_rules: h.selects(),
            unlock: value_unlock_key(&field.name, &h.value.kind),
            kind: h.value.kind,
            contacts: h.contacts,
            examples: h.examples,
        })
        .collect())
}

/// What stays refused for `field`, in words, or `None` when `kept` is empty:
/// "its values stay protected: `gender` holds sex/gender values for 3 contacts (female,
/// male): rules, messages and exports that use them are still refused until a campaign
/// unlocks them with a written reason (tactful unlock CAMPAIGN gender:gender --reason
/// "..."; no unlock in housing, employment, credit or politics campaigns)".
pub fn note(field: &str, kept: &[KeptProtected]) -> Option<String> {
    if kept.is_empty() {
        return None;
    }
    let kinds: Vec<String> = kept
        .iter()
        .map(|k| {
            let uses = if k.in_rules {
                "rules, messages and exports that use them"
            } else {
                "messages that merge the field (a few sentences mention them; rules are not refused)"
            };
            format!(
                "`{field}` holds {} values for {} ({}): {uses} are still refused until a campaign unlocks them with a written reason (tactful unlock CAMPAIGN {} --reason \"...\")",
                k.kind.replace('_', " "),
                crate::text::count(k.contacts, "contact"),
                k.examples.join(", "),
                k.unlock
            )
        })
        .collect();
    Some(format!(
        "its values stay protected: {}; no unlock is possible in housing, employment, credit or politics campaigns",
        kinds.join("; ")
    ))
}
