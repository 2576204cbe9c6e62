//! Sign-off: a reviewer's name and note on record, tied to exactly what was reviewed.
//!
//! The sign-off hash is SHA-256 over four hashes: the campaign definition as canonical
//! TOML (campaign as code, with every entry's rule text and the unlocks with their
//! justifications); every preview row in order (as-of date first, then per contact its
//! key, address, segment, subject, body, exclusion reason, fallbacks and blank merge
//! fields); the data the review was given ([`data_sha256`]: the import batches in
//! effect, every field's type, role and class beside the classifier's, the findings the
//! campaign accepted); and the export it approves ([`ExportScope`]: profile and added
//! fields). Any later change to one of them shows the sign-off as stale, naming what
//! changed (issue 10, item 11): a field added to the export, another profile, a new
//! import or a lowered class all count, not only changes to who gets what. A review
//! that names no export (`tactful review` without `--profile`/`--field`) compares the
//! first three only; export always compares all four. A sign-off is refused while a
//! blocker is open, and its name and note need visible text ([`crate::written`]). It is
//! stored in the `signoffs` table and the audit log (`review.sign_off`) in one
//! transaction.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::{ExportScope, Review, ReviewError};
use crate::campaign::Campaign;
use crate::campaign::code::CampaignFile;
use crate::campaign::preview::PreviewRow;
use crate::segment::store;
use crate::workspace::exports::{self, SignOff};
use crate::workspace::{Workspace, acceptances, audit, batches, fields, now_rfc3339};
use crate::written;

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The campaign definition as canonical TOML, each entry with its segment's rule text.
pub fn definition_toml(conn: &Connection, campaign: &Campaign) -> Result<String, ReviewError> {
    let file = CampaignFile::from_campaign(campaign, |segment| {
        store::get(conn, segment).ok().map(|s| s.rule)
    });
    Ok(file.to_toml()?)
}

/// The running hash of preview rows.
///
/// Each row is serialised into one buffer reused from row to row (a preview hashes a
/// million rows; building a JSON value per row copied every string once more).
pub struct PreviewHasher {
    hash: Sha256,
    line: Vec<u8>,
}

impl PreviewHasher {
    /// Start the hash for a preview as of `as_of`.
    pub fn new(as_of: NaiveDate) -> Self {
        let mut hash = Sha256::new();
        hash.update(format!("as_of {as_of}\n").as_bytes());
        PreviewHasher {
            hash,
            line: Vec::with_capacity(256),
        }
    }

    /// Add one row: a compact JSON array of its parts (`[key, address, segment,
    /// subject, body, excluded, fallbacks_used, missing]`, `null` for a part that is
    /// absent) and a newline, so no two different rows hash the same bytes.
    pub fn add(&mut self, row: &PreviewRow) {
        let parts = (
            &row.key,
            &row.address,
            &row.segment,
            &row.subject,
            &row.body,
            row.excluded.map(|e| e.code()),
            &row.fallbacks_used,
            &row.missing,
        );
        self.line.clear();
        // Writing plain strings and vectors into a Vec cannot fail.
        if serde_json::to_writer(&mut self.line, &parts).is_ok() {
            self.hash.update(&self.line);
        }
        self.hash.update(b"\n");
    }

    /// The hex digest.
    pub fn finish(self) -> String {
        self.hash
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// The sign-off hash of the four part hashes: SHA-256 of the four hex strings, each
/// followed by a newline.
pub fn combined(definition: &str, preview: &str, data: &str, export: &str) -> String {
    sha256_hex(format!("{definition}\n{preview}\n{data}\n{export}\n").as_bytes())
}

/// Hex SHA-256 of the data a review of `campaign` is given: a JSON object with the
/// import batches in effect (`[id, sha256]`), every field (`[name, type, role, class,
/// kind, classifier class, classifier role]`, column order) and the campaign's
/// acceptances in force (`[code, finding_sha256, reason]`).
pub fn data_sha256(conn: &Connection, campaign: &str) -> Result<String, ReviewError> {
    let batches: Vec<_> = batches::list(conn)?
        .into_iter()
        .filter(|b| b.undone_at.is_none())
        .map(|b| json!([b.id, b.sha256]))
        .collect();
    let provenance = fields::provenance(conn)?;
    let fields: Vec<_> = fields::list(conn)?
        .into_iter()
        .map(|f| {
            let p = provenance.iter().find(|p| p.field == f.name);
            json!([
                f.name,
                f.ty,
                f.role,
                f.class,
                f.kind,
                p.map(|p| p.classifier_class),
                p.map(|p| p.classifier_role)
            ])
        })
        .collect();
    let accepted: Vec<_> = acceptances::in_force(conn, campaign)?
        .into_iter()
        .map(|a| json!([a.code, a.finding_sha256, a.reason]))
        .collect();
    let text = json!({"batches": batches, "fields": fields, "acceptances": accepted});
    Ok(sha256_hex(text.to_string().as_bytes()))
}

/// Hex SHA-256 of an export scope's JSON (`{"fields": [...], "profile": "..."}`).
pub fn export_sha256(scope: &ExportScope) -> String {
    sha256_hex(scope_json(scope).to_string().as_bytes())
}

fn scope_json(scope: &ExportScope) -> serde_json::Value {
    json!({
        "profile": scope.profile,
        "fields": scope.fields.iter().map(|x| json!({"field": x.field, "reason": x.reason.trim()})).collect::<Vec<_>>(),
    })
}

/// Whether a sign-off still matches the campaign and the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignOffState {
    Current,
    Stale,
}

impl SignOffState {
    /// The state as the JSON and the README spell it: `current` or `stale`.
    pub fn as_str(self) -> &'static str {
        match self {
            SignOffState::Current => "current",
            SignOffState::Stale => "stale",
        }
    }
}

impl std::fmt::Display for SignOffState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The latest sign-off of a campaign and whether it is still current.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignOffStatus {
    #[serde(flatten)]
    pub record: SignOff,
    pub state: SignOffState,
    /// What no longer matches, in words (empty when current).
    pub changed: Vec<String>,
}

/// The hashes a review computed, to compare with a sign-off.
#[derive(Debug, Clone, Copy)]
pub struct Reviewed<'a> {
    pub definition_sha256: &'a str,
    /// `None` when the preview could not run: then the sign-off is stale.
    pub preview_sha256: Option<&'a str>,
    pub data_sha256: &'a str,
    /// The export reviewed; `None` compares no export (plain `tactful review`).
    pub export: Option<&'a ExportScope>,
}

/// The latest sign-off of `campaign` compared with the hashes just computed.
pub fn status(
    conn: &Connection,
    campaign: &str,
    now: Reviewed<'_>,
) -> Result<Option<SignOffStatus>, ReviewError> {
    let Some(record) = exports::latest_signoff(conn, campaign)? else {
        return Ok(None);
    };
    let mut changed = Vec::new();
    if record.definition_sha256 != now.definition_sha256 {
        changed.push("the campaign definition changed".to_string());
    }
    if now.preview_sha256 != Some(record.preview_sha256.as_str()) {
        changed.push("who gets what changed (the preview)".to_string());
    }
    match &record.data_sha256 {
        None => changed.push(
            "it was made before tactful recorded the data and export a sign-off covers".to_string(),
        ),
        Some(d) if d != now.data_sha256 => changed.push(
            "the data changed (import batches, field classes or roles, accepted findings)"
                .to_string(),
        ),
        Some(_) => {}
    }
    if let (Some(scope), Some(signed)) = (now.export, &record.export_sha256)
        && export_sha256(scope) != *signed
    {
        changed.push(format!(
            "the export differs (signed for {}, now profile {} with {})",
            describe_scope(record.export.as_ref()),
            scope.profile,
            fields_phrase(scope.fields.iter().map(|x| x.field.as_str()))
        ));
    }
    Ok(Some(SignOffStatus {
        record,
        state: if changed.is_empty() {
            SignOffState::Current
        } else {
            SignOffState::Stale
        },
        changed,
    }))
}

fn fields_phrase<'a>(fields: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = fields.collect();
    if names.is_empty() {
        "no added fields".into()
    } else {
        format!("added fields {}", names.join(", "))
    }
}

fn describe_scope(scope: Option<&serde_json::Value>) -> String {
    let Some(scope) = scope else {
        return "an unrecorded export".into();
    };
    let fields = scope["fields"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x["field"].as_str())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    format!(
        "profile {} with {}",
        scope["profile"].as_str().unwrap_or("?"),
        fields_phrase(fields.into_iter())
    )
}

/// Record `name`'s sign-off of the campaign as `review` saw it, with `note`.
///
/// The sign-off covers the export `review` was run for, or the default export
/// ([`ExportScope::default`]) when it named none.
///
/// Errors: [`ReviewError::Blocked`] while a blocker is open; [`ReviewError::Invalid`]
/// for a name or note with no visible text; workspace errors.
pub fn sign_off(
    ws: &mut Workspace,
    review: &Review,
    name: &str,
    note: &str,
    actor: &str,
) -> Result<SignOff, ReviewError> {
    if review.blockers > 0 {
        return Err(ReviewError::Blocked {
            campaign: review.campaign.clone(),
            blockers: review.blockers,
        });
    }
    let (name, note) = (name.trim(), note.trim());
    check_sign_off_text(name, note)?;
    let preview_sha256 = review.preview_sha256.clone().ok_or_else(|| {
        ReviewError::Invalid("the preview did not run, so there is nothing to sign off".into())
    })?;
    let scope = review.export.clone().unwrap_or_default();
    let export_sha256 = export_sha256(&scope);
    let record = SignOff {
        campaign: review.campaign.clone(),
        name: name.to_string(),
        note: note.to_string(),
        at: now_rfc3339(),
        as_of: review.as_of.format("%Y-%m-%d").to_string(),
        hash: combined(
            &review.definition_sha256,
            &preview_sha256,
            &review.data_sha256,
            &export_sha256,
        ),
        definition_sha256: review.definition_sha256.clone(),
        preview_sha256,
        data_sha256: Some(review.data_sha256.clone()),
        export_sha256: Some(export_sha256),
        export: Some(scope_json(&scope)),
    };
    ws.write(|tx| {
        exports::add_signoff(tx, &record)?;
        audit::append(
            tx,
            actor,
            "review.sign_off",
            &record.campaign,
            &json!({
                "name": record.name,
                "note": record.note,
                "as_of": record.as_of,
                "hash": record.hash,
                "definition_sha256": record.definition_sha256,
                "preview_sha256": record.preview_sha256,
                "data_sha256": record.data_sha256,
                "export_sha256": record.export_sha256,
                "export": record.export,
                "warnings": review.warnings,
            }),
        )?;
        Ok::<_, ReviewError>(())
    })?;
    Ok(record)
}

/// Check a sign-off's name and note as every face does: visible text in both.
///
/// Errors: [`ReviewError::Invalid`] naming what is missing.
pub fn check_sign_off_text(name: &str, note: &str) -> Result<(), ReviewError> {
    written::check_named("the reviewer's name", name, true)
        .and_then(|()| written::check_named("the note", note, false))
        .map_err(|e| {
            ReviewError::Invalid(format!(
                "a sign-off needs the reviewer's name (--sign-off NAME) and a note (--note TEXT): {e}"
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combined_hash_is_sha256_of_the_four_lines() {
        // `printf 'a\nb\nc\nd\n' | sha256sum`
        assert_eq!(
            combined("a", "b", "c", "d"),
            "cf2c7f63055d2e84af6e3f01ac1bb7fce598d20cf213fab2b56b8e8047b46ced"
        );
    }

    #[test]
    fn names_and_notes_need_visible_text() {
        assert!(check_sign_off_text("Ana", "ok").is_ok());
        let err = check_sign_off_text("\u{200b}\u{200b}", "ok").unwrap_err();
        assert!(
            err.to_string()
                .contains("the reviewer's name has no visible text")
        );
        assert!(check_sign_off_text("Ana", "\u{ad}\u{ad}\u{ad}").is_err());
    }

    #[test]
    fn placeholder_names_and_notes_are_refused() {
        // Late trial: `TBD` / `to be confirmed` was accepted as a sign-off.
        assert!(check_sign_off_text("TBD", "checked the segments").is_err());
        assert!(check_sign_off_text("Ana", "to be confirmed").is_err());
        assert!(check_sign_off_text("TODO", "ok").is_err());
        assert!(check_sign_off_text("Ana Lopes", "ok").is_ok());
        // Six words: a real note with one detail still open.
        assert!(check_sign_off_text("Ana", "Approved; discount amount to be confirmed").is_ok());
    }

    #[test]
    fn a_refused_sign_off_counts_its_blockers_in_words() {
        let refusal = |blockers| {
            ReviewError::Blocked {
                campaign: "news".into(),
                blockers,
            }
            .to_string()
        };
        assert_eq!(
            refusal(1),
            "cannot sign off campaign `news`: 1 blocker is open; run `tactful review news` and resolve them first"
        );
        assert!(
            refusal(2).contains(": 2 blockers are open; "),
            "{}",
            refusal(2)
        );
    }
}
