//! Applying a campaign file (campaign as code, [`super::code`]): segments whose `rule`
//! is given are created or updated, then the campaign, then its unlocks, all in one
//! transaction and audited, so a file either applies whole or not at all.
//!
//! Everything is checked before anything is written: unlocks as `tactful unlock` checks
//! them, each rule and message in the campaign's scope (its category and the file's
//! unlocks). Unlocks on record that the file no longer lists are removed (audited), so
//! the stored campaign is exactly the file. Called by `tactful campaign apply`.

use chrono::NaiveDate;
use serde::Serialize;

use super::code::CampaignFile;
use super::prepare::{PreviewError, check_entry};
use super::unlock;
use crate::campaign::store as campaigns;
use crate::fields::held::HeldValues;
use crate::segment::store::{self, Put};
use crate::workspace::{Workspace, audit, fields as field_store};

/// What [`apply`] changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Applied {
    pub campaign: String,
    /// Whether the campaign is new.
    pub created: bool,
    pub segments_created: Vec<String>,
    pub segments_updated: Vec<String>,
    pub unlocks_added: Vec<String>,
    pub unlocks_removed: Vec<String>,
}

/// Apply `file` to the workspace as `actor`; rules with relative dates are checked as
/// of the file's `as_of`, else `today`.
///
/// Errors: an unlock that cannot be given, a segment with neither a `rule` in the file
/// nor a saved rule, a rule or message that does not check (naming the entry), and
/// workspace errors. Nothing is written when any occurs.
pub fn apply(
    ws: &mut Workspace,
    file: &CampaignFile,
    actor: &str,
    today: NaiveDate,
) -> Result<Applied, PreviewError> {
    let mut campaign = file.campaign();
    campaign.validate()?;
    let existing = campaigns::load(ws.conn(), &campaign.name)?;
    let mut unlocks = Vec::new();
    for u in &file.unlocks {
        let (mut new, field) = unlock::checked(ws.conn(), &campaign, &u.field, &u.reason, actor)?;
        let kept = existing
            .iter()
            .flat_map(|c| &c.unlocks)
            .find(|old| old.field == new.field && old.reason == new.reason);
        let fresh = kept.is_none();
        if let Some(old) = kept {
            new = old.clone();
        }
        unlocks.push((new, field, fresh));
    }
    campaign.unlocks = unlocks.iter().map(|(u, _, _)| u.clone()).collect();
    let as_of = campaign.as_of_or(today);
    let fields = field_store::list(ws.conn())?;
    let held = HeldValues::load(ws.conn(), &fields)?;
    let mut rules = Vec::new();
    for (i, (entry, file_entry)) in campaign.entries.iter().zip(&file.entries).enumerate() {
        let rule = match &file_entry.rule {
            Some(r) => r.clone(),
            None => {
                store::get(ws.conn(), &entry.segment)
                    .map_err(|error| PreviewError::Segment {
                        entry: i + 1,
                        segment: entry.segment.clone(),
                        error,
                    })?
                    .rule
            }
        };
        check_entry(&fields, &held, &campaign, i + 1, entry, &rule, as_of)?;
        rules.push((entry.segment.clone(), file_entry.rule.clone()));
    }
    let removed: Vec<String> = existing
        .iter()
        .flat_map(|c| &c.unlocks)
        .filter(|old| !campaign.unlocks.iter().any(|u| u.field == old.field))
        .map(|old| old.field.clone())
        .collect();
    ws.write(|tx| {
        let mut applied = Applied {
            campaign: campaign.name.clone(),
            created: existing.is_none(),
            segments_created: Vec::new(),
            segments_updated: Vec::new(),
            unlocks_added: Vec::new(),
            unlocks_removed: removed.clone(),
        };
        for (i, (segment, rule)) in rules.iter().enumerate() {
            let Some(rule) = rule else { continue };
            let put = store::put(tx, segment, rule).map_err(|error| PreviewError::Segment {
                entry: i + 1,
                segment: segment.clone(),
                error,
            })?;
            match put {
                Put::Created => applied.segments_created.push(segment.clone()),
                Put::Updated => applied.segments_updated.push(segment.clone()),
                Put::Unchanged => {}
            }
        }
        campaigns::save(tx, &campaign)?;
        for field in &removed {
            campaigns::remove_unlock(tx, &campaign.name, field)?;
            audit::append(
                tx,
                actor,
                "unlock removed",
                &campaign.name,
                &serde_json::json!({ "field": field }),
            )?;
        }
        for (u, f, fresh) in &unlocks {
            if *fresh {
                unlock::record(tx, &campaign.name, u, f)?;
                applied.unlocks_added.push(u.field.clone());
            }
        }
        audit::append(
            tx,
            actor,
            "campaign apply",
            &campaign.name,
            &serde_json::to_value(&applied).unwrap_or_default(),
        )?;
        Ok(applied)
    })
}
