//! `minor_age_lowered` (blocker, acceptable): the campaign's own minor age
//! (`--minor-age`) is below the default, 16 (GDPR Art. 8(1): 16 unless a member state
//! lowers it, to no less than 13), so contacts from that age up to 15 are no minors to
//! the campaign. A new-user trial (session 9) set `--minor-age 13` with no reason and
//! review said nothing, so a 14-year-old got the message. The finding names the number
//! of recipients it lets through: the recipients of the campaign as it is that the same
//! campaign with the default minor age excludes as minors (two more walks of the
//! audience, only when the minor age is lowered). It may be accepted with a written
//! reason (the law of the country addressed, say); a minor age taken from `--country`
//! is that country's law (`assets/minor-age.toml`) and is not this finding.

use chrono::NaiveDate;

use super::lowered::{let_through, recipients};
use super::{Finding, ReviewError, Severity};
use crate::campaign::Campaign;
use crate::campaign::assign::Exclusion;
use crate::campaign::minor_age::DEFAULT_MINOR_AGE;
use crate::fields::Field;
use crate::workspace::Workspace;

/// The finding for `campaign` whose fields are `fields`, or none when its own minor
/// age is not below the default.
///
/// Errors: workspace errors (a campaign that cannot be previewed only leaves the count
/// out).
pub fn findings(
    ws: &Workspace,
    campaign: &Campaign,
    as_of: NaiveDate,
    fields: &[Field],
) -> Result<Vec<Finding>, ReviewError> {
    let Some(own) = campaign.minor_age.filter(|&a| a < DEFAULT_MINOR_AGE) else {
        return Ok(Vec::new());
    };
    let mut default = campaign.clone();
    default.minor_age = Some(DEFAULT_MINOR_AGE);
    let counted = match recipients(ws, campaign, as_of, fields)? {
        Some(current) => let_through(ws, &default, as_of, fields.to_vec(), &current)?,
        None => None,
    };
    let through = counted.map(|c| c.get(&Exclusion::Minor).copied().unwrap_or(0));
    let oldest = DEFAULT_MINOR_AGE - 1;
    let who = match through {
        Some(1) => format!(
            "1 recipient aged {own} to {oldest} would be excluded as a minor under the default"
        ),
        Some(n) => format!(
            "{n} recipients aged {own} to {oldest} would be excluded as minors under the default"
        ),
        None => "the recipients it lets through are counted once the preview runs".to_string(),
    };
    Ok(vec![
        Finding::new(
            "minor_age_lowered",
            Severity::Blocker,
            format!(
                "the campaign's minor age, {own}, is below the default, {DEFAULT_MINOR_AGE} (GDPR Art. 8(1); a member state may lower it to no less than 13), so contacts aged {own} to {oldest} are not excluded as minors: {who}; remove it (tactful campaign set {} --minor-age default; --country CC sets the age a country's law gives) or accept with a written reason (tactful review {} --accept minor_age_lowered --reason TEXT)",
                campaign.name, campaign.name
            ),
            vec![
                format!("minor age {own}, default {DEFAULT_MINOR_AGE}"),
                match through {
                    Some(n) => format!("recipients aged {own} to {oldest}: {n}"),
                    None => format!("recipients aged {own} to {oldest}: not counted"),
                },
            ],
        )
        .acceptable(),
    ])
}
