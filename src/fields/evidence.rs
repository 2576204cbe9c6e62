//! Consent evidence: what backs one contact's consent state on one channel.
//!
//! GDPR Art. 7(1) asks the controller to be able to demonstrate consent, so every state
//! an import records keeps where it came from (file, column or `--consent` option,
//! layout, batch) and, where the file gives them, the time and the IP address. Stored
//! as JSON in the consent statement the contact references (`workspace::statements`,
//! shared by the contacts it backs); written by the importer, read by `contact show`,
//! `explain` and the export manifest.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The evidence of one consent state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentEvidence {
    /// The imported file's name.
    pub file: String,
    /// The field of the consent column that stated it, if a column did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The `--consent CHANNEL=STATE` option that stated it, if the option did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option: Option<String>,
    /// The platform layout whose file status stated it (`mailchimp_unsubscribed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layout: Option<String>,
    /// The import batch.
    pub batch: i64,
    /// When the person gave or refused consent, as the file states it: RFC 3339 UTC
    /// when it reads as a date or time, else the text as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// The IP address the file gives for the consent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    /// The evidence columns `at` and `ip` came from, for people checking them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence_columns: Vec<String>,
    /// When the import recorded it (RFC 3339 UTC).
    pub recorded_at: String,
    /// The user's written reason, when the state is an upgrade into granted applied
    /// only because the user confirmed it (`--accept-consent-upgrades
    /// --upgrade-reason TEXT`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upgrade_reason: Option<String>,
}

impl ConsentEvidence {
    /// Read stored JSON; `None` for absent or unreadable evidence (workspaces from
    /// before evidence was kept have none).
    pub fn from_json(text: Option<&str>) -> Option<Self> {
        serde_json::from_str(text?).ok()
    }

    /// The JSON stored beside the state.
    pub fn to_json(&self) -> String {
        // A struct of strings and integers always serialises.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The time of the stated consent or refusal when it reads as one, else the time
    /// the import recorded it: the moment a later consent has to come after for a
    /// refusal to be lifted.
    pub fn effective_time(&self) -> Option<DateTime<Utc>> {
        self.at
            .as_deref()
            .and_then(parse_time)
            .or_else(|| parse_time(&self.recorded_at))
    }

    /// The stated time, when the file gave one that reads as a time.
    pub fn stated_time(&self) -> Option<DateTime<Utc>> {
        self.at.as_deref().and_then(parse_time)
    }
}

/// An RFC 3339 time (as the importer stores them) in UTC.
pub fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

impl fmt::Display for ConsentEvidence {
    /// One line for people: `file x.csv, column y, batch 3, at 2024-01-01T10:00:00Z,
    /// IP 192.0.2.1` (the time it was recorded is in the JSON, not here: a line that
    /// changes with the clock would make every screen showing it unstable).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "file {}", self.file)?;
        if let Some(c) = &self.column {
            write!(f, ", column {c}")?;
        }
        if let Some(o) = &self.option {
            write!(f, ", option {o}")?;
        }
        if let Some(l) = &self.layout {
            write!(f, ", layout {l}")?;
        }
        write!(f, ", batch {}", self.batch)?;
        match &self.at {
            Some(at) => write!(f, ", at {at}")?,
            None => write!(f, ", no time in the file")?,
        }
        if let Some(ip) = &self.ip {
            write!(f, ", IP {ip}")?;
        }
        if let Some(why) = &self.upgrade_reason {
            write!(f, ", upgrade confirmed: \"{why}\"")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_falls_back_to_the_recorded_time() {
        let e = ConsentEvidence {
            file: "unsubscribed_members_export_1.csv".into(),
            column: None,
            option: None,
            layout: Some("mailchimp_unsubscribed".into()),
            batch: 3,
            at: Some("not a time".into()),
            ip: None,
            evidence_columns: vec![],
            recorded_at: "2026-01-02T03:04:05Z".into(),
            upgrade_reason: None,
        };
        assert_eq!(
            ConsentEvidence::from_json(Some(&e.to_json())),
            Some(e.clone())
        );
        assert_eq!(
            e.effective_time().map(|t| t.to_rfc3339()),
            Some("2026-01-02T03:04:05+00:00".into())
        );
        assert_eq!(e.stated_time(), None);
        assert_eq!(ConsentEvidence::from_json(Some("{")), None);
        assert_eq!(
            e.to_string(),
            "file unsubscribed_members_export_1.csv, layout mailchimp_unsubscribed, batch 3, at not a time"
        );
    }
}
