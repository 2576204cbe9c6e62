//! Campaign as code: a campaign and the rules of its segments as one TOML file that
//! round-trips (`campaign dump` then `campaign apply` gives the same campaign), so
//! campaigns can be reviewed and kept in version control.
//!
//! Shape (every key but `name`, `channel` and the entries' `segment` and `body` has a
//! default):
//! ```toml
//! name = "winter-vip"
//! channel = "email"          # email | sms
//! category = "general"       # general | housing | employment | credit | politics
//! holdout = 10.0             # percent of matched contacts held out
//! k = 5                      # small-cell threshold for review
//! as_of = "2026-11-01"       # optional; default: the day of the preview
//! locale = "de-DE"           # optional: month names and money format of messages
//! country = "FR"             # optional; sets the minor age from assets/minor-age.toml
//! minor_age = 15             # optional (13 to 21); default: the country's, else 16
//! holdout_seed = "winter"    # written by dump after a rename: the holdout's first name
//!
//! [[entry]]                  # in priority order: the first matching segment wins
//! segment = "vip"
//! rule = 'tags has "vip"'    # optional: creates or updates the segment
//! subject = "A thank-you, {{ first_name | default(\"friend\") }}"
//! body = """..."""
//! format = "plain"           # plain | html
//!
//! [[unlock]]
//! field = "date_of_birth"
//! reason = "birthday greeting needs the day and month"
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{BodyFormat, Campaign, CampaignError, DEFAULT_K, Entry, MessageLocale};
use crate::fields::Channel;
use crate::fields::policy::Category;

/// The TOML document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CampaignFile {
    pub name: String,
    pub channel: Channel,
    #[serde(default)]
    pub category: Category,
    #[serde(default)]
    pub holdout: f64,
    #[serde(default = "default_k")]
    pub k: u32,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::as_of::deserialize"
    )]
    pub as_of: Option<NaiveDate>,
    /// The message locale (`de-DE`); absent means English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<MessageLocale>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minor_age: Option<u32>,
    /// The name the holdout is drawn from, when the campaign was renamed (absent: its
    /// name), so a dump and apply keep the same control group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holdout_seed: Option<String>,
    #[serde(default, rename = "entry")]
    pub entries: Vec<EntryFile>,
    #[serde(default, rename = "unlock", skip_serializing_if = "Vec::is_empty")]
    pub unlocks: Vec<UnlockFile>,
}

fn default_k() -> u32 {
    DEFAULT_K
}

fn is_plain(f: &BodyFormat) -> bool {
    *f == BodyFormat::Plain
}

/// One `[[entry]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryFile {
    pub segment: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    pub body: String,
    #[serde(default, skip_serializing_if = "is_plain")]
    pub format: BodyFormat,
}

/// One `[[unlock]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnlockFile {
    pub field: String,
    pub reason: String,
}

impl CampaignFile {
    /// Parse a campaign file.
    ///
    /// Errors: TOML syntax or shape errors with line and column (from the toml crate),
    /// a country with no known minor age, and [`Campaign::validate`]'s errors.
    pub fn parse(text: &str) -> Result<Self, CampaignError> {
        let mut file: CampaignFile = toml::from_str(text)
            .map_err(|e| CampaignError::Invalid(format!("campaign file: {e}")))?;
        if let Some(given) = &file.country {
            file.country = Some(super::minor_age::country(given)?.code.clone());
        }
        file.campaign().validate()?;
        Ok(file)
    }

    /// Build the file for `campaign`; `rule_of` gives each segment's rule text.
    pub fn from_campaign(campaign: &Campaign, rule_of: impl Fn(&str) -> Option<String>) -> Self {
        CampaignFile {
            name: campaign.name.clone(),
            channel: campaign.channel,
            category: campaign.category,
            holdout: campaign.holdout_pct,
            k: campaign.k,
            as_of: campaign.as_of,
            locale: campaign.locale,
            country: campaign.country.clone(),
            minor_age: campaign.minor_age,
            holdout_seed: campaign.holdout_seed.clone(),
            entries: campaign
                .entries
                .iter()
                .map(|e| EntryFile {
                    segment: e.segment.clone(),
                    rule: rule_of(&e.segment),
                    subject: e.subject.clone(),
                    body: e.body.clone(),
                    format: e.format,
                })
                .collect(),
            unlocks: campaign
                .unlocks
                .iter()
                .map(|u| UnlockFile {
                    field: u.field.clone(),
                    reason: u.reason.clone(),
                })
                .collect(),
        }
    }

    /// The campaign this file describes (unlocks are applied separately, audited).
    pub fn campaign(&self) -> Campaign {
        let mut c = Campaign::new(&self.name, self.channel);
        c.category = self.category;
        c.holdout_pct = self.holdout;
        c.k = self.k;
        c.as_of = self.as_of;
        c.locale = self.locale;
        c.country = self.country.clone();
        c.minor_age = self.minor_age;
        c.holdout_seed = self.holdout_seed.clone();
        c.entries = self
            .entries
            .iter()
            .map(|e| Entry {
                segment: e.segment.trim().to_string(),
                subject: e.subject.clone(),
                body: e.body.clone(),
                format: e.format,
            })
            .collect();
        c
    }

    /// The TOML text.
    pub fn to_toml(&self) -> Result<String, CampaignError> {
        toml::to_string_pretty(self).map_err(|e| CampaignError::Invalid(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
name = "winter-vip"
channel = "email"
category = "general"
holdout = 10.0
as_of = "2026-11-01"

[[entry]]
segment = "vip"
rule = 'tags has "vip" and city is "Berlin"'
subject = "Thanks, {{ first_name | default(\"friend\") }}"
body = """
Hi {{ first_name | default("there") }},
Ben & Jerry's say hello.
"""

[[entry]]
segment = "rest"
subject = "News"
body = "Hello"
format = "html"

[[unlock]]
field = "date_of_birth"
reason = "birthday greeting needs the day and month"
"#;

    #[test]
    fn parses_defaults_and_round_trips() {
        let file = CampaignFile::parse(FILE).unwrap();
        assert_eq!(file.k, 5);
        assert_eq!(file.entries[1].format, BodyFormat::Html);
        assert_eq!(
            file.entries[0].body,
            "Hi {{ first_name | default(\"there\") }},\nBen & Jerry's say hello.\n"
        );
        let again = CampaignFile::parse(&file.to_toml().unwrap()).unwrap();
        assert_eq!(again, file);
    }

    #[test]
    fn minor_age_and_country_round_trip_and_are_checked() {
        let text = "name = \"x\"\nchannel = \"sms\"\ncountry = \"fr\"\nminor_age = 14\n";
        let file = CampaignFile::parse(text).unwrap();
        assert_eq!(file.country.as_deref(), Some("FR"));
        assert_eq!(file.campaign().minor_age().years, 14);
        let dumped = file.to_toml().unwrap();
        assert!(
            dumped.contains("country = \"FR\"\nminor_age = 14\n"),
            "{dumped}"
        );
        assert_eq!(CampaignFile::parse(&dumped).unwrap(), file);
        let low = CampaignFile::parse("name = \"x\"\nchannel = \"sms\"\nminor_age = 12\n");
        assert!(low.unwrap_err().to_string().contains("below 13"));
        let unknown = CampaignFile::parse("name = \"x\"\nchannel = \"sms\"\ncountry = \"ZZ\"\n");
        assert!(unknown.unwrap_err().to_string().contains("ZZ"));
        // A file without the keys keeps the defaults: 16.
        let plain = CampaignFile::parse("name = \"x\"\nchannel = \"sms\"\n").unwrap();
        assert_eq!(plain.campaign().minor_age().years, 16);
        assert!(!plain.to_toml().unwrap().contains("minor_age"));
    }

    #[test]
    fn unknown_keys_and_bad_values_are_errors_with_a_position() {
        let err = CampaignFile::parse("name = \"x\"\nchannel = \"fax\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 2"), "{err}");
        let err = CampaignFile::parse("name = \"x\"\nchannel = \"sms\"\nholdot = 5\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("holdot"), "{err}");
    }
}
