//! `minor_age_lowered` (blocker, acceptable): the minor age the campaign runs with is
//! below the default, 16 (GDPR Art. 8(1): 16 unless a member state lowers it, to no
//! less than 13), so contacts from that age up to 15 are no minors to the campaign.
//! Every route to a lower age is this finding: the campaign's own `--minor-age`, and a
//! `--country` whose digital age of consent is lower (US, GB, BE, DK: 13; ES, IT: 14;
//! FR: 15; `assets/minor-age.toml`), whether set on the command line, in the TUI or by
//! `campaign apply`. It reads the resolved age ([`Campaign::minor_age`]), so no route
//! can lower it unseen. A new-user trial (session 9) set `--minor-age 13` with no
//! reason and review said nothing, so a 14-year-old got the message; session 10 found
//! `--country US` did the same. A country's law is a reason a reviewer may give, not
//! one tactful can check (whether the recipients live there): the finding says which
//! law and asks for it on record. It names the number of recipients the lower age lets
//! through: the recipients of the campaign as it is that the same campaign with the
//! default minor age excludes as minors (two more walks of the audience, only when the
//! minor age is lowered). It may be accepted with a written reason.

use chrono::NaiveDate;

use super::lowered::{let_through, recipients};
use super::{Finding, ReviewError, Severity};
use crate::campaign::Campaign;
use crate::campaign::assign::Exclusion;
use crate::campaign::minor_age::{DEFAULT_MINOR_AGE, MinorAgeSource};
use crate::fields::Field;
use crate::workspace::Workspace;

/// The finding for `campaign` whose fields are `fields`, or none when the minor age it
/// runs with (own, else its country's) is not below the default.
///
/// Errors: workspace errors (a campaign that cannot be previewed only leaves the count
/// out).
pub fn findings(
    ws: &Workspace,
    campaign: &Campaign,
    as_of: NaiveDate,
    fields: &[Field],
) -> Result<Vec<Finding>, ReviewError> {
    let resolved = campaign.minor_age();
    if resolved.years >= DEFAULT_MINOR_AGE {
        return Ok(Vec::new());
    }
    let own = resolved.years;
    // What set it, for the message, the first item and the remedy.
    let (whose, from, remedy) = match &resolved.source {
        MinorAgeSource::Country { code, name, law } => (
            format!("the minor age of the campaign's country, {name} ({law}), {own},"),
            format!(" from country {code}"),
            format!(
                "tactful campaign set {} --country none, or --minor-age 16",
                campaign.name
            ),
        ),
        _ => (
            format!("the campaign's minor age, {own},"),
            String::new(),
            format!(
                "tactful campaign set {} --minor-age default; --country CC sets the age a country's law gives",
                campaign.name
            ),
        ),
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
                "{whose} is below the default, {DEFAULT_MINOR_AGE} (GDPR Art. 8(1); a member state may lower it to no less than 13), so contacts aged {own} to {oldest} are not excluded as minors: {who}; remove it ({remedy}) or accept with a written reason (tactful review {} --accept minor_age_lowered --reason TEXT)",
                campaign.name
            ),
            vec![
                format!("minor age {own}{from}, default {DEFAULT_MINOR_AGE}"),
                match through {
                    Some(n) => format!("recipients aged {own} to {oldest}: {n}"),
                    None => format!("recipients aged {own} to {oldest}: not counted"),
                },
            ],
        )
        .acceptable(),
    ])
}
