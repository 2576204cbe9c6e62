//! Findings about the minor check: recipients it could not judge (`age_unknown`), a
//! campaign minor age below its country's (`minor_age_below_country`), and what the
//! check did (`minor_check`).
//!
//! `age_unknown` is a blocker because an unreadable date of birth or age must never
//! switch the check off quietly (PRODUCT.md, "Review findings"); it is one a reviewer may
//! accept with a written reason, since some files hold ages nobody can recover. The
//! counts come from the preview pass (`Summary::minor_check`).

use super::{Finding, Severity};
use crate::campaign::Campaign;
use crate::campaign::minor_age::{MinorAgeSource, country};
use crate::campaign::preview::Summary;
use crate::text::count;

/// Findings from the campaign's settings alone.
pub fn definition_findings(campaign: &Campaign) -> Vec<Finding> {
    let (Some(own), Some(code)) = (campaign.minor_age, campaign.country.as_deref()) else {
        return Vec::new();
    };
    let Ok(c) = country(code) else {
        return Vec::new();
    };
    if own >= c.age {
        return Vec::new();
    }
    vec![Finding::new(
        "minor_age_below_country",
        Severity::Warning,
        format!(
            "the campaign's minor age, {own}, is below {}'s digital age of consent, {} ({}): contacts aged {own} to {} are not excluded as minors; remove --minor-age to use {}'s age",
            c.name,
            c.age,
            c.law,
            c.age - 1,
            c.name
        ),
        vec![
            format!("minor age {own}"),
            format!("country {} ({})", c.code, c.age),
        ],
    )]
}

/// Findings from the preview pass.
pub fn data_findings(campaign: &Campaign, summary: &Summary) -> Vec<Finding> {
    let m = &summary.minor_check;
    let mut out = Vec::new();
    if m.age_unknown > 0 {
        out.push(
            Finding::new(
                "age_unknown",
                Severity::Blocker,
                format!(
                    "the minor check could not judge {}: a date of birth, birth year or age field holds a value that is not a plausible age (text such as \"unknown\", a two-digit year, a date after the as-of date), so they would get the message though they may be minors; fix the values at the source and re-import, or accept with `tactful review {} --accept age_unknown --reason TEXT`",
                    count(m.age_unknown, "recipient"),
                    campaign.name
                ),
                m.age_unknown_by_field
                    .iter()
                    .map(|f| format!("field `{}`: {}", f.field, count(f.recipients, "recipient")))
                    .collect(),
            )
            .acceptable(),
        );
    }
    if !m.fields.is_empty() {
        let source = match &m.minor_age.source {
            MinorAgeSource::Default => "the default".to_string(),
            MinorAgeSource::Campaign => "set by the campaign".to_string(),
            MinorAgeSource::Country { code, .. } => format!("country {code}"),
        };
        out.push(Finding::new(
            "minor_check",
            Severity::Info,
            format!(
                "contacts under {} are excluded as minors; the youngest plausible age any of {} gives decides",
                m.minor_age.describe(),
                m.fields
                    .iter()
                    .map(|f| format!("`{f}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            vec![
                format!("minor age {} ({source})", m.minor_age.years),
                format!(
                    "excluded as minors: {}",
                    summary
                        .excluded(crate::campaign::assign::Exclusion::Minor)
                        .unwrap_or(0)
                ),
            ],
        ));
    }
    out
}
