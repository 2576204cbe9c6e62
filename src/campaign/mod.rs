//! Campaigns: an ordered list of segment → message entries for one channel, with a
//! category, a holdout share, a small-cell threshold and an as-of date.
//!
//! This module owns the campaign model and its validation (the as-of date as typed in
//! [`as_of`]), the minor age
//! ([`minor_age`]) and the minor check ([`age`]; ages, dates and age groups written as
//! text in [`age_text`] and [`age_group`]), unlocks of blocked fields
//! ([`unlock`]), campaign as code ([`code`]: a TOML file that round-trips, applied by
//! [`apply`]), assignment ([`assign`]), and the pass over the audience behind
//! [`preview`] and [`explain`] ([`prepare`] checks and compiles, [`walk`] streams and
//! decides, [`summary`] counts, [`suppressed`] holds the suppression list, [`opt_outs`]
//! the refusals shared by every contact at an address, in the compact table of
//! [`refused`], read with the held values by the one scan before the walk,
//! [`prescan`]; the walk holds the refused and the assigned addresses in one table,
//! `walk_addresses`). Storage SQL
//! lives here too, in [`store`] (campaigns, entries, unlocks) and [`audience`] (the
//! streamed audience query), so `workspace` knows no campaign type; editing use cases
//! shared by the CLI and the TUI are in [`edit`].

pub mod age;
pub mod age_check;
pub mod age_group;
pub mod age_group_words;
pub mod age_json;
pub mod age_json_keys;
pub mod age_text;
pub mod apply;
pub mod as_of;
pub mod assign;
pub mod audience;
pub mod birthday;
pub mod cell_numbers;
pub mod code;
pub mod edit;
pub mod explain;
pub mod explain_minor;
pub mod explain_words;
pub mod guardian;
pub mod indexes;
pub mod minor_addresses;
pub mod minor_age;
pub mod minor_flag;
pub mod opt_outs;
pub mod other_emails;
pub mod prepare;
pub mod prescan;
pub mod preview;
pub mod recipients;
pub mod refused;
pub mod school_year;
pub mod segment_scope;
pub mod store;
pub mod summary;
pub mod suppressed;
pub mod tag_forms;
pub mod unlock;
pub mod walk;
mod walk_addresses;
mod walk_ages;
mod walk_decide;
mod walk_read;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::fields::Channel;
use crate::fields::policy::Category;
pub use crate::message::{BodyFormat, MessageLocale};
use crate::workspace::WorkspaceError;

/// Default small-cell threshold k: segments or segment×message cells with fewer
/// recipients are flagged by review (k = 5 by default, 11 strict: PRODUCT.md, after the
/// small-cell suppression thresholds used in official statistics).
pub const DEFAULT_K: u32 = 5;

/// Largest holdout share, in percent. A holdout larger than half the audience is almost
/// certainly a typo (e.g. 0.5 meant as 50 %).
pub const MAX_HOLDOUT_PCT: f64 = 50.0;

/// One campaign entry: contacts in `segment` (and in no earlier entry's segment) get
/// this message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub segment: String,
    /// E-mail subject template; `None` for SMS.
    pub subject: Option<String>,
    /// Body template (minijinja syntax, see `message`).
    pub body: String,
    pub format: BodyFormat,
}

/// A field a campaign unlocked for its rules and messages, with the justification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unlock {
    pub field: String,
    pub reason: String,
    pub actor: String,
    /// RFC 3339 UTC time of the unlock.
    pub at: String,
}

/// A campaign as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Campaign {
    pub name: String,
    pub channel: Channel,
    pub category: Category,
    /// Share of matched contacts held out as a control group, in percent (0 to 50).
    pub holdout_pct: f64,
    /// Small-cell threshold for review.
    pub k: u32,
    /// Date relative rules count from; `None` means "today" when previewed.
    pub as_of: Option<NaiveDate>,
    /// The language of its messages (`de-DE`): month names of `date`, the number
    /// format of `currency`. `None`: English.
    pub locale: Option<MessageLocale>,
    /// The campaign's own minor age (13 to 21); `None` takes the country's, else 16.
    #[serde(default)]
    pub minor_age: Option<u32>,
    /// ISO 3166-1 alpha-2 code of the country the campaign addresses, which sets the
    /// minor age when `minor_age` is not given (`assets/minor-age.toml`).
    #[serde(default)]
    pub country: Option<String>,
    /// The name the holdout is drawn from when it is not [`Self::name`]: the name the
    /// campaign had before its first rename, so a rename keeps the same contacts in the
    /// control group. `None`: the campaign's own name. Read it with
    /// [`Self::holdout_seed`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holdout_seed: Option<String>,
    /// Entries in priority order: the first matching segment wins.
    pub entries: Vec<Entry>,
    pub unlocks: Vec<Unlock>,
}

/// Errors about campaigns, as sentences a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum CampaignError {
    #[error("no campaign `{name}`{hint}")]
    Unknown { name: String, hint: String },
    #[error("a campaign named `{0}` already exists")]
    Exists(String),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
}

impl Campaign {
    /// A new campaign with no entries.
    pub fn new(name: &str, channel: Channel) -> Self {
        Campaign {
            name: name.trim().to_string(),
            channel,
            category: Category::General,
            holdout_pct: 0.0,
            k: DEFAULT_K,
            as_of: None,
            locale: None,
            minor_age: None,
            country: None,
            holdout_seed: None,
            entries: Vec::new(),
            unlocks: Vec::new(),
        }
    }

    /// The text the holdout hashes with each contact key: the campaign's first name,
    /// kept through renames ([`Self::holdout_seed`] field), else its name.
    pub fn holdout_seed(&self) -> &str {
        self.holdout_seed.as_deref().unwrap_or(&self.name)
    }

    /// Check the campaign's own consistency (not its rules or templates, which need the
    /// workspace's fields).
    ///
    /// Errors: a blank or overlong name, a holdout outside 0..=50 %, k below 2, a minor
    /// age outside 13..=21, a country with no known minor age, an SMS entry with a
    /// subject, an e-mail entry without one, a segment used twice.
    pub fn validate(&self) -> Result<(), CampaignError> {
        let invalid = |m: String| Err(CampaignError::Invalid(m));
        validate_name("campaign", &self.name)?;
        if let Some(age) = self.minor_age {
            minor_age::validate(age)?;
        }
        if let Some(code) = &self.country {
            let known = minor_age::country(code)?;
            if known.code != *code {
                return invalid(format!(
                    "country `{code}` must be stored as `{}`",
                    known.code
                ));
            }
        }
        if !(0.0..=MAX_HOLDOUT_PCT).contains(&self.holdout_pct) || self.holdout_pct.is_nan() {
            return invalid(format!(
                "holdout must be between 0 and {MAX_HOLDOUT_PCT} percent, not {}",
                self.holdout_pct
            ));
        }
        if self.k < 2 {
            return invalid(format!("k must be at least 2, not {}", self.k));
        }
        for (i, entry) in self.entries.iter().enumerate() {
            let n = i + 1;
            match (self.channel, &entry.subject) {
                (Channel::Sms, Some(_)) => {
                    return invalid(format!(
                        "entry {n} ({}): SMS messages have no subject",
                        entry.segment
                    ));
                }
                (Channel::Email, None) => {
                    return invalid(format!(
                        "entry {n} ({}): e-mail messages need a subject",
                        entry.segment
                    ));
                }
                _ => {}
            }
            if entry.body.trim().is_empty() {
                return invalid(format!("entry {n} ({}): the body is empty", entry.segment));
            }
            if self.entries[..i].iter().any(|e| e.segment == entry.segment) {
                return invalid(format!(
                    "segment `{}` is in the campaign twice",
                    entry.segment
                ));
            }
        }
        Ok(())
    }

    /// Names of the fields this campaign unlocked.
    pub fn unlocked(&self) -> std::collections::BTreeSet<String> {
        self.unlocks.iter().map(|u| u.field.clone()).collect()
    }

    /// The minor age this campaign runs with, and where it comes from.
    pub fn minor_age(&self) -> minor_age::MinorAge {
        minor_age::MinorAge::resolve(self.minor_age, self.country.as_deref())
    }

    /// Set the country from what a person typed (`fr`, `UK`), in the table's spelling.
    ///
    /// Errors: a country with no known minor age.
    pub fn set_country(&mut self, given: Option<&str>) -> Result<(), CampaignError> {
        self.country = match given.map(str::trim).filter(|g| !g.is_empty()) {
            Some(g) => Some(minor_age::country(g)?.code.clone()),
            None => None,
        };
        Ok(())
    }

    /// The as-of date to use: the campaign's own, else `today`.
    pub fn as_of_or(&self, today: NaiveDate) -> NaiveDate {
        self.as_of.unwrap_or(today)
    }
}

/// Characters a campaign or segment name may not hold: path separators (a name becomes
/// part of a default export directory, and `../` would lead out of the working
/// directory: issue 10, item 11).
pub const PATH_SEPARATORS: [char; 2] = ['/', '\\'];

/// Names of campaigns and segments: 1 to 64 characters after trimming, no control
/// characters (C0, C1, bidi overrides: [`crate::text::is_unsafe`]) and no path
/// separators.
pub fn validate_name(what: &str, name: &str) -> Result<(), CampaignError> {
    let trimmed = name.trim();
    if trimmed.is_empty()
        || trimmed.chars().count() > 64
        || trimmed.chars().any(crate::text::is_unsafe)
        || trimmed.contains(PATH_SEPARATORS)
    {
        return Err(CampaignError::Invalid(format!(
            "a {what} name must be 1 to 64 characters without control characters or path separators (/ \\)"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(segment: &str, subject: Option<&str>) -> Entry {
        Entry {
            segment: segment.into(),
            subject: subject.map(str::to_string),
            body: "Hi {{ first_name | default(\"there\") }}".into(),
            format: BodyFormat::Plain,
        }
    }

    #[test]
    fn validation_catches_channel_and_share_mistakes() {
        let mut c = Campaign::new("spring", Channel::Sms);
        c.entries.push(entry("vip", Some("Hello")));
        assert!(
            c.validate()
                .unwrap_err()
                .to_string()
                .contains("SMS messages have no subject")
        );
        c.entries[0].subject = None;
        assert!(c.validate().is_ok());
        c.holdout_pct = 60.0;
        assert!(c.validate().is_err());
        c.holdout_pct = 10.0;
        c.entries.push(entry("vip", None));
        assert!(c.validate().unwrap_err().to_string().contains("twice"));
        let mut e = Campaign::new("mail", Channel::Email);
        e.entries.push(entry("vip", None));
        assert!(
            e.validate()
                .unwrap_err()
                .to_string()
                .contains("need a subject")
        );
        assert!(validate_name("campaign", "  ").is_err());
        assert!(validate_name("campaign", "a\x1bb").is_err());
        // Issue 10, item 11: path separators and C1 / bidi controls.
        for bad in ["../../etc", "a/b", "a\\b", "x\u{9b}y", "x\u{202e}y"] {
            assert!(validate_name("campaign", bad).is_err(), "{bad:?}");
        }
        assert!(validate_name("campaign", "Spring sale 2026 (DE)").is_ok());
    }
}
