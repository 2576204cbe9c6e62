//! The minor age of a campaign: the age below which a contact is excluded as a minor,
//! and where that number comes from.
//!
//! A campaign may set it (`--minor-age N`, 13 to 21), or name its country
//! (`--country CC`) and take the country's digital age of consent from the table in
//! `assets/minor-age.toml` (GDPR Art. 8(1) as each member state set it; UK GDPR; US
//! COPPA), or take the default, 16 (GDPR Art. 8(1) without a national derogation, and
//! the highest value any listed country uses). Whatever is set, a contact under 13 is
//! always a minor (the Art. 8(1) floor; COPPA). Read by assignment (through
//! [`super::prepare`]), explanation, review and the export manifest.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::CampaignError;

/// Default minor age (GDPR Art. 8(1): 16, which member states may lower to 13).
pub const DEFAULT_MINOR_AGE: u32 = 16;

/// The lowest minor age a campaign may set: below this age a contact is always excluded
/// (GDPR Art. 8(1) floor; COPPA, 16 CFR §312.2).
pub const ABSOLUTE_MINOR_AGE: u32 = 13;

/// The highest minor age a campaign may set (the age of majority is 21 at most in the
/// countries tactful knows); a larger number is a typo, not a policy.
pub const MAX_MINOR_AGE: u32 = 21;

/// One country of the table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CountryAge {
    /// ISO 3166-1 alpha-2 code, upper case.
    pub code: String,
    pub name: String,
    /// The digital age of consent, in years.
    pub age: u32,
    /// The provision that sets it.
    pub law: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    country: Vec<CountryAge>,
}

/// The country table, parsed once. The file is compiled in and checked by the unit
/// tests, so a broken table cannot ship; should it ever fail to parse, no country is
/// known and campaigns fall back to the default age, the highest in the table.
pub fn countries() -> &'static [CountryAge] {
    static TABLE: OnceLock<Vec<CountryAge>> = OnceLock::new();
    TABLE.get_or_init(|| {
        toml::from_str::<Table>(include_str!("../../assets/minor-age.toml"))
            .map(|t| t.country)
            .unwrap_or_default()
    })
}

/// The table's code for `given`: upper case, with the aliases people write for ISO
/// codes (`UK` for `GB`, `EL` for `GR`, as EU documents spell Greece).
///
/// Errors: a code that is not in the table, with the list of those that are.
pub fn country(given: &str) -> Result<&'static CountryAge, CampaignError> {
    let code = given.trim().to_ascii_uppercase();
    let code = match code.as_str() {
        "UK" => "GB",
        "EL" => "GR",
        other => other,
    };
    countries().iter().find(|c| c.code == code).ok_or_else(|| {
        let known: Vec<&str> = countries().iter().map(|c| c.code.as_str()).collect();
        CampaignError::Invalid(format!(
            "no minor age is known for country `{}`; name one of {} or set the age with --minor-age N ({ABSOLUTE_MINOR_AGE} to {MAX_MINOR_AGE})",
            crate::text::for_terminal(given.trim()),
            known.join(", ")
        ))
    })
}

/// Check a minor age a campaign sets.
///
/// Errors: below [`ABSOLUTE_MINOR_AGE`] (the law's floor) or above [`MAX_MINOR_AGE`].
pub fn validate(age: u32) -> Result<(), CampaignError> {
    if age < ABSOLUTE_MINOR_AGE {
        return Err(CampaignError::Invalid(format!(
            "the minor age cannot be below {ABSOLUTE_MINOR_AGE}, not {age}: contacts under {ABSOLUTE_MINOR_AGE} are always minors (GDPR Art. 8(1); COPPA)"
        )));
    }
    if age > MAX_MINOR_AGE {
        return Err(CampaignError::Invalid(format!(
            "the minor age must be {ABSOLUTE_MINOR_AGE} to {MAX_MINOR_AGE}, not {age}"
        )));
    }
    Ok(())
}

/// Where a campaign's minor age comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MinorAgeSource {
    /// No setting and no country: GDPR Art. 8(1).
    Default,
    /// The campaign's own `minor_age`.
    Campaign,
    /// The campaign's country, from the table.
    Country {
        code: String,
        name: String,
        law: String,
    },
}

/// The minor age a campaign runs with, and why.
///
/// JSON: `{"years": 15, "source": {"kind": "country", "code": "FR", "name": "France",
/// "law": "…"}}`; `kind` is `default`, `campaign` or `country`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MinorAge {
    /// Contacts younger than this (in whole years on the as-of date) are minors.
    pub years: u32,
    pub source: MinorAgeSource,
}

impl MinorAge {
    /// The minor age for a campaign's settings: its own age if set, else its country's,
    /// else the default; never below [`ABSOLUTE_MINOR_AGE`]. A country no longer in the
    /// table counts as not set (the default is the table's highest age).
    pub fn resolve(minor_age: Option<u32>, country_code: Option<&str>) -> MinorAge {
        let (years, source) = match (minor_age, country_code.and_then(|c| country(c).ok())) {
            (Some(n), _) => (n, MinorAgeSource::Campaign),
            (None, Some(c)) => (
                c.age,
                MinorAgeSource::Country {
                    code: c.code.clone(),
                    name: c.name.clone(),
                    law: c.law.clone(),
                },
            ),
            (None, None) => (DEFAULT_MINOR_AGE, MinorAgeSource::Default),
        };
        MinorAge {
            years: years.max(ABSOLUTE_MINOR_AGE),
            source,
        }
    }

    /// A phrase for people: "16 (the default, GDPR Art. 8(1))", "15 (France: …)",
    /// "13 (set by the campaign)".
    pub fn describe(&self) -> String {
        match &self.source {
            MinorAgeSource::Default => format!("{} (the default, GDPR Art. 8(1))", self.years),
            MinorAgeSource::Campaign => format!("{} (set by the campaign)", self.years),
            MinorAgeSource::Country { name, law, .. } => {
                format!("{} ({name}: {law})", self.years)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_every_age_is_within_the_law() {
        let all = countries();
        assert_eq!(all.len(), 28);
        for c in all {
            assert!((13..=16).contains(&c.age), "{}", c.code);
            assert_eq!(c.code.len(), 2, "{}", c.code);
            assert!(!c.law.trim().is_empty(), "{}", c.code);
        }
    }

    /// Values from the sources named in assets/minor-age.toml, typed by hand.
    #[test]
    fn country_ages_match_the_sources() {
        for (code, age) in [
            ("DE", 16),
            ("FR", 15),
            ("ES", 14),
            ("IT", 14),
            ("NL", 16),
            ("BE", 13),
            ("DK", 13),
            ("IE", 16),
            ("PT", 13),
            ("AT", 14),
            ("SE", 13),
            ("GB", 13),
            ("US", 13),
            ("CZ", 15),
            ("GR", 15),
            ("CY", 14),
        ] {
            assert_eq!(country(code).unwrap().age, age, "{code}");
        }
        assert_eq!(country(" uk ").unwrap().code, "GB");
        assert_eq!(country("el").unwrap().code, "GR");
        let err = country("SI").unwrap_err().to_string();
        assert!(err.contains("--minor-age"), "{err}");
    }

    #[test]
    fn resolution_prefers_the_campaign_then_the_country_then_the_default() {
        assert_eq!(MinorAge::resolve(None, None).years, 16);
        assert_eq!(MinorAge::resolve(None, Some("FR")).years, 15);
        let own = MinorAge::resolve(Some(13), Some("FR"));
        assert_eq!((own.years, own.source), (13, MinorAgeSource::Campaign));
        assert_eq!(MinorAge::resolve(None, Some("ZZ")).years, 16);
        assert!(validate(12).is_err());
        assert!(validate(13).is_ok());
        assert!(validate(22).is_err());
    }
}
