//! The rights reports in words, for `tactful contact show|erase` and the app's contact
//! screen alike: the sentences both faces print the same way, written once here.
//!
//! The lines are unsanitised: keys, file names, campaign names and values come from
//! customer files, so each face makes every line safe for its terminal
//! (`text::for_terminal`) before it prints or draws it. What the faces print in their
//! own way stays with them: the fields (a table in the CLI, lines in the app), the
//! consent states (`e-mail consent: not asked` in the CLI, `consent email: not_asked`
//! in the app) and the segments' date.

use super::{ContactReport, ErasureReport};
use crate::text::count;

impl ContactReport {
    /// The one line that stands for a contact that is not stored, where its fields
    /// would be: erased (only hashes kept), or removed by an import undo. `None` for a
    /// stored contact.
    pub fn absent_line(&self) -> Option<String> {
        if self.erased {
            Some(format!(
                "Contact {} was erased; only hashes are kept.",
                self.key
            ))
        } else if self.fields.is_empty() && self.consent.is_empty() {
            Some(format!(
                "Contact {} is not stored (an import undo removed it); only hashes are kept.",
                self.key
            ))
        } else {
            None
        }
    }

    /// Where a stored contact came from: one line per import batch that added or
    /// updated it (`batch 2 updated shop.csv at … (sha256 …)`), then one per batch's
    /// older values kept for undo (or left by an undone batch, `BeforeImage::heading`),
    /// blank values left out (GDPR Art. 15(1) covers them).
    pub fn import_lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for b in &self.batches {
            out.push(format!(
                "batch {} {} {} at {} (sha256 {})",
                b.batch, b.how, b.file_name, b.imported_at, b.sha256
            ));
        }
        for image in &self.before_images {
            let values: Vec<String> = image
                .values
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(column, v)| match v {
                    serde_json::Value::String(s) => format!("{column} = {s}"),
                    other => format!("{column} = {other}"),
                })
                .collect();
            out.push(format!("{}: {}", image.heading(), values.join(", ")));
        }
        out
    }

    /// One line per campaign: the segment whose message the contact would get, its
    /// exclusion (code), that it is in none, or why the campaign was not evaluated.
    pub fn campaign_lines(&self) -> Vec<String> {
        self.campaigns
            .iter()
            .map(|c| {
                let place = match (&c.segment, c.excluded, &c.problem) {
                    (_, _, Some(p)) => format!("not evaluated: {p}"),
                    (_, Some(e), _) => format!("excluded: {}", e.code()),
                    (Some(s), None, _) => format!("segment {s}"),
                    (None, None, None) => "not in it".to_string(),
                };
                format!("campaign {}: {place}", c.campaign)
            })
            .collect()
    }

    /// What is kept whether or not the contact is stored, in this order: consent
    /// upgrades applied or refused, refusals on record, suppression entries, and the
    /// exports that included it (or `included in no export`).
    pub fn trace_lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for u in &self.consent_upgrades {
            out.push(format!(
                "consent upgrade {} {} -> {} in batch {}: {} ({})",
                u.channel,
                u.from,
                u.to,
                u.batch,
                if u.applied { "applied" } else { "refused" },
                u.reason
            ));
        }
        for r in &self.refusals_on_record {
            out.push(format!(
                "refusal on record: {} {} ({}, batch {}), kept for any later import",
                r.channel, r.state, r.source, r.batch
            ));
        }
        for s in &self.suppression {
            out.push(format!(
                "suppressed by {} {} ({}, {}, since {})",
                s.kind,
                s.value.as_deref().unwrap_or("(hash only)"),
                s.reason,
                s.source,
                s.added_at
            ));
        }
        for e in &self.exports {
            out.push(format!(
                "included in export {} of campaign {} to {} at {}",
                e.id, e.campaign, e.dir, e.at
            ));
        }
        if self.exports.is_empty() {
            out.push("included in no export".into());
        }
        out
    }
}

impl ErasureReport {
    /// What the erasure did, as lines: a sentence saying what was erased, kept and
    /// purged (or that the contact had been erased before and only its old copies were
    /// wiped now), then, when earlier exports included it, a line saying to tell their
    /// recipients (GDPR Art. 19) and one line per export.
    ///
    /// `key` names the contact in the sentence ("Contact a@b.com erased. …"); `None`
    /// leaves it out ("Erased. …"), where the user has just typed the key themselves,
    /// as on the command line.
    pub fn lines(&self, key: Option<&str>) -> Vec<String> {
        let wiped = "its old copies are now wiped from the workspace's files too.";
        if self.already_erased {
            return vec![match key {
                Some(key) => format!("Contact {key} was already erased earlier; {wiped}"),
                None => format!("Already erased earlier; {wiped}"),
            }];
        }
        let what = format!(
            "{} (hashes only) keep the contact out of later imports; {} purged.",
            count(self.suppression_entries as u64, "suppression entry"),
            count(self.before_images_purged, "undo record"),
        );
        let mut out = vec![match key {
            Some(key) => format!("Contact {key} erased. {what}"),
            None => format!("Erased. {what}"),
        }];
        if !self.exports_including.is_empty() {
            out.push(format!(
                "The contact was in {}; those files are outside the workspace, tell their recipients (GDPR Art. 19):",
                count(self.exports_including.len() as u64, "earlier export")
            ));
            out.extend(self.exports_including.iter().map(|e| {
                format!(
                    "  export {} of {} to {} at {}",
                    e.id, e.campaign, e.dir, e.at
                )
            }));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::rights::ExportIncluding;

    fn erasure(entries: usize, purged: u64) -> ErasureReport {
        ErasureReport {
            key_hash: "00".into(),
            already_erased: false,
            suppression_entries: entries,
            before_images_purged: purged,
            exports_including: Vec::new(),
        }
    }

    /// The sentences as `tactful contact erase` and the contact screen wrote them
    /// before they were folded here, each with its own plural (`entr{y|ies}`,
    /// `record{s}`).
    #[test]
    fn an_erasure_is_counted_in_english_with_or_without_the_key() {
        assert_eq!(
            erasure(1, 1).lines(None),
            [
                "Erased. 1 suppression entry (hashes only) keep the contact out of later imports; 1 undo record purged."
            ]
        );
        assert_eq!(
            erasure(3, 0).lines(Some("bo@example.com")),
            [
                "Contact bo@example.com erased. 3 suppression entries (hashes only) keep the contact out of later imports; 0 undo records purged."
            ]
        );
        let again = ErasureReport {
            already_erased: true,
            ..erasure(0, 0)
        };
        assert_eq!(
            again.lines(None),
            [
                "Already erased earlier; its old copies are now wiped from the workspace's files too."
            ]
        );
        assert_eq!(
            again.lines(Some("bo@example.com")),
            [
                "Contact bo@example.com was already erased earlier; its old copies are now wiped from the workspace's files too."
            ]
        );
    }

    #[test]
    fn an_erased_contact_in_an_export_says_whom_to_tell() {
        let report = ErasureReport {
            exports_including: vec![ExportIncluding {
                id: 4,
                campaign: "spring".into(),
                dir: "/tmp/out".into(),
                at: "2026-11-01T10:00:00Z".into(),
                recipients_sha256: "ab".into(),
            }],
            ..erasure(2, 1)
        };
        assert_eq!(
            report.lines(None)[1..],
            [
                "The contact was in 1 earlier export; those files are outside the workspace, tell their recipients (GDPR Art. 19):",
                "  export 4 of spring to /tmp/out at 2026-11-01T10:00:00Z",
            ]
        );
    }
}
