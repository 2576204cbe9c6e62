//! The note a free-text or tags field's reason carries about the sensitive values it
//! holds, kept true after every change to the stored values.
//!
//! The import that creates a `notes` or `tags` field writes into its reason the
//! sensitive values and words its values hold (`holds sensitive values: pregnant
//! (health, 1)`: [`super::classify::ValueProfile::sensitive_note`]). The policy never
//! reads that note (rules, messages and exports are judged on the stored values:
//! [`super::held`]), but it is what `tactful fields` and the terminal app's Fields
//! screen show a person deciding whether a field may be used. A later file bringing
//! `Pregnant (due May)` into a field first imported with `likes tea` left the reason
//! saying nothing, so the field looked ordinary where the checks refused it (session 8
//! trial; GDPR Art. 9(1): the reviewer must see what a field holds). So every route that
//! changes a field's stored values (a re-import, with or without `--map` into an
//! existing field, and `import undo`, which puts earlier values back) calls
//! [`refresh`]: the note is worked out again from all stored values, as one import of
//! them would write it, the reason is updated, the change audited
//! (`field.sensitive_values`) and, when the field holds sensitive values, the caller
//! gets a warning for its report. Contacts are never edited value by value. Erasure
//! (`contact erase`) leaves the note as it was: rewriting and auditing it there would
//! put on record which sensitive values the erased contact held (GDPR Art. 17), and a
//! note naming a value no longer held is more caution, never less.

use rusqlite::Connection;
use serde_json::json;

use super::classify::ValueProfile;
use super::held::HeldValues;
use super::{Field, FieldType, PrivacyClass, Role};
use crate::workspace::records::value_counts;
use crate::workspace::{WorkspaceError, audit, fields as store};

/// How a note starts inside a reason.
const NOTE_START: &str = "holds sensitive values: ";
/// How a note ends ([`ValueProfile::sensitive_note`] writes both).
const NOTE_END: &str = "(tactful unlock CAMPAIGN FIELD:KIND)";

/// `reason` with its note about sensitive values replaced by `note`: in place when it
/// has one, appended (after `; `) when it has none, removed (with its `; `) when `note`
/// is `None`.
pub fn with_note(reason: &str, note: Option<&str>) -> String {
    let found = reason.find(NOTE_START).and_then(|start| {
        let end = start + reason[start..].find(NOTE_END)? + NOTE_END.len();
        Some((start, end))
    });
    match (found, note) {
        (Some((start, end)), Some(note)) => {
            format!("{}{note}{}", &reason[..start], &reason[end..])
        }
        (Some((start, end)), None) => {
            let start = reason[..start].strip_suffix("; ").map_or(start, str::len);
            format!("{}{}", &reason[..start], &reason[end..])
        }
        (None, Some(note)) if reason.is_empty() => note.to_string(),
        (None, Some(note)) => format!("{reason}; {note}"),
        (None, None) => reason.to_string(),
    }
}

/// The fields of `fields` whose reason carries a note, with the longest value read: the
/// fields the checks read for sensitive values ([`HeldValues::read`]) that the import
/// notes (tags, and free text that stays ordinary; a city or job title is judged by its
/// class, as at import).
fn noted(fields: &[Field]) -> Vec<(&Field, u32)> {
    HeldValues::read(fields)
        .into_iter()
        .filter(|(f, _)| f.ty == FieldType::List || f.class == PrivacyClass::Ordinary)
        .collect()
}

/// Work out again the note of each of `fields` (as stored now) from the values stored
/// in it, and store every reason that changed, with an audit entry
/// (`field.sensitive_values`: `source` (a file or `import undo N`), the new reason).
/// Fields that carry no note (blocked classes, names, addresses, numbers) are left
/// alone. Returns one warning per field whose new note names sensitive values: what it
/// holds now, per kind, and the unlock each kind needs.
///
/// Errors: workspace errors only.
pub fn refresh(
    conn: &Connection,
    fields: &[Field],
    actor: &str,
    source: &str,
) -> Result<Vec<String>, WorkspaceError> {
    let read = noted(fields);
    let columns: Vec<(&str, u32)> = read
        .iter()
        .map(|(f, max)| (f.name.as_str(), *max))
        .collect();
    let counts = value_counts(conn, &columns)?;
    let mut warnings = Vec::new();
    for (&(field, max), counts) in read.iter().zip(counts) {
        let tags = field.ty == FieldType::List || field.role == Role::Tags;
        let note = ValueProfile::of_counts(&counts).sensitive_note(&field.header, tags);
        let reason = with_note(&field.reason, note.as_deref());
        if reason == field.reason {
            continue;
        }
        let mut noted = field.clone();
        noted.reason = reason;
        store::update(conn, &noted, actor)?;
        // The classifier's verdict keeps pace while nobody changed the field, so
        // `fields` shows one reason, not a stale one beside it.
        if let Some(mut p) = store::provenance_of(conn, &field.name)?
            && p.changed.is_none()
            && p.classifier_reason == field.reason
        {
            p.classifier_reason = noted.reason.clone();
            store::record_classifier(conn, &p)?;
        }
        audit::append(
            conn,
            actor,
            "field.sensitive_values",
            &field.name,
            &json!({"source": source, "reason": noted.reason}),
        )?;
        let held = HeldValues::from_counts(&[(field, max)], vec![counts]);
        // Kinds only a few sentences mention select nobody (`Held::prose_only`); a
        // message merging the field is refused with its own reason.
        let held: Vec<_> = held
            .of(&field.name)
            .iter()
            .filter(|h| h.selects())
            .collect();
        if note.is_some() && !held.is_empty() {
            let said: Vec<String> = held.iter().map(|h| h.describe(&field.name)).collect();
            let unlocks: Vec<String> = held
                .iter()
                .map(|h| format!("{}:{}", field.name, h.value.kind))
                .collect();
            warnings.push(format!(
                "field {} now holds sensitive values: {}; rules, messages and exports that use them need an unlock of their kind (tactful unlock CAMPAIGN {} --reason \"...\"); its reason says so",
                field.name,
                said.join("; "),
                unlocks.join(" / ")
            ));
        }
    }
    Ok(warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "holds sensitive values: halal (religion, 1); rules, messages and exports that use them need an unlock of their kind (tactful unlock CAMPAIGN FIELD:KIND)";
    const NEW: &str = "holds sensitive values: pregnant (health, 2); rules, messages and exports that use them need an unlock of their kind (tactful unlock CAMPAIGN FIELD:KIND)";

    #[test]
    fn a_note_is_appended_replaced_in_place_or_removed() {
        assert_eq!(
            with_note("no sensitive header word", Some(NEW)),
            format!("no sensitive header word; {NEW}")
        );
        assert_eq!(
            with_note(
                &format!("whole header `tags`; {OLD}; outranks x"),
                Some(NEW)
            ),
            format!("whole header `tags`; {NEW}; outranks x")
        );
        assert_eq!(
            with_note(&format!("whole header `tags`; {OLD}; outranks x"), None),
            "whole header `tags`; outranks x"
        );
        assert_eq!(with_note("plain", None), "plain");
        assert_eq!(with_note(OLD, None), "");
    }
}
