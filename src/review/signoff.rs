//! Sign-off: a reviewer's name and note on record, tied to exactly what was reviewed.
//!
//! The sign-off hash is SHA-256 over two hashes: the campaign definition as canonical
//! TOML (campaign as code, with every entry's rule text and the unlocks with their
//! justifications), and every preview row in order (as-of date first, then per contact
//! its key, address, segment, subject, body, exclusion reason, fallbacks and blank
//! merge fields). Any later change to the campaign, a rule, an unlock or the data that
//! changes who gets what makes the hash differ, and review shows the sign-off as stale.
//! A sign-off is refused while a blocker is open. It is stored in the `signoffs` table
//! and the audit log (`review.sign_off`) in one transaction.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::{Review, ReviewError};
use crate::campaign::Campaign;
use crate::campaign::code::CampaignFile;
use crate::campaign::preview::PreviewRow;
use crate::segment::store;
use crate::workspace::exports::{self, SignOff};
use crate::workspace::{Workspace, audit, now_rfc3339};

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
pub struct PreviewHasher(Sha256);

impl PreviewHasher {
    /// Start the hash for a preview as of `as_of`.
    pub fn new(as_of: NaiveDate) -> Self {
        let mut h = Sha256::new();
        h.update(format!("as_of {as_of}\n").as_bytes());
        PreviewHasher(h)
    }

    /// Add one row: a JSON array of its parts and a newline, so no two different rows
    /// hash the same bytes.
    pub fn add(&mut self, row: &PreviewRow) {
        let line = json!([
            row.key,
            row.address,
            row.segment,
            row.subject,
            row.body,
            row.excluded.map(|e| e.code()),
            row.fallbacks_used,
            row.missing,
        ]);
        self.0.update(line.to_string().as_bytes());
        self.0.update(b"\n");
    }

    /// The hex digest.
    pub fn finish(self) -> String {
        self.0
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// The sign-off hash of a definition hash and a preview hash.
pub fn combined(definition_sha256: &str, preview_sha256: &str) -> String {
    sha256_hex(format!("{definition_sha256}\n{preview_sha256}\n").as_bytes())
}

/// Whether a sign-off still matches the campaign and the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignOffState {
    Current,
    Stale,
}

/// The latest sign-off of a campaign and whether it is still current.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignOffStatus {
    #[serde(flatten)]
    pub record: SignOff,
    pub state: SignOffState,
}

/// The latest sign-off of `campaign` compared with the hashes just computed
/// (`preview_sha256` is `None` when the preview could not run: then it is stale).
pub fn status(
    conn: &Connection,
    campaign: &str,
    definition_sha256: &str,
    preview_sha256: Option<&str>,
) -> Result<Option<SignOffStatus>, ReviewError> {
    let Some(record) = exports::latest_signoff(conn, campaign)? else {
        return Ok(None);
    };
    let current = preview_sha256.is_some_and(|p| record.hash == combined(definition_sha256, p));
    Ok(Some(SignOffStatus {
        record,
        state: if current {
            SignOffState::Current
        } else {
            SignOffState::Stale
        },
    }))
}

/// Record `name`'s sign-off of the campaign as `review` saw it, with `note`.
///
/// Errors: [`ReviewError::Blocked`] while a blocker is open; [`ReviewError::Invalid`]
/// for a blank name or note; workspace errors.
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
    if name.is_empty() || note.is_empty() {
        return Err(ReviewError::Invalid(
            "a sign-off needs the reviewer's name (--sign-off NAME) and a note (--note TEXT)"
                .into(),
        ));
    }
    let preview_sha256 = review.preview_sha256.clone().ok_or_else(|| {
        ReviewError::Invalid("the preview did not run, so there is nothing to sign off".into())
    })?;
    let record = SignOff {
        campaign: review.campaign.clone(),
        name: name.to_string(),
        note: note.to_string(),
        at: now_rfc3339(),
        as_of: review.as_of.format("%Y-%m-%d").to_string(),
        hash: combined(&review.definition_sha256, &preview_sha256),
        definition_sha256: review.definition_sha256.clone(),
        preview_sha256,
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
                "warnings": review.warnings,
            }),
        )?;
        Ok::<_, ReviewError>(())
    })?;
    Ok(record)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combined_hash_is_sha256_of_both_lines() {
        // `printf 'a\nb\n' | sha256sum`
        assert_eq!(
            combined("a", "b"),
            "911169ddaaf146aff539f58c26c489af3b892dff0fe283c1c264c65ae5aa59a2"
        );
    }
}
