//! Findings about protections a person lowered (issue 10, item 3):
//! - `protection_lowered` (warning): a field the campaign uses (rules, messages, added
//!   export fields) whose class is less protected than the classifier's, with who
//!   lowered it, when and why;
//! - `safeguard_removed` (blocker, acceptable): a field that lost a role a safeguard
//!   reads, whether the classifier or a person gave it (new-user trial 8, M5: a date of
//!   birth role a person gave, then took away, let a known minor through) (date of birth, birth year, age or tags for the minor check; tags only when
//!   the count finds contacts it lets through, since most tags name no age group; the channel's consent,
//!   e-mail or phone for the suppression and address checks), with the number of
//!   contacts that gets through: the recipients of the campaign as it is that the same
//!   assignment, run with the classifier's role restored, would exclude.
//!
//! The count streams the audience twice more (once as it is, once per restored role),
//! only when a safeguard role was removed; memory is one bit per contact.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::definition::Uses;
use super::{ExtraField, Finding, ReviewError, Severity};
use crate::campaign::Campaign;
use crate::campaign::assign::{Exclusion, Outcome};
use crate::campaign::prepare::{PreviewError, prepare_with_fields};
use crate::campaign::walk::walk;
use crate::fields::{Field, Role};
use crate::workspace::Workspace;

/// The lowered-protection findings of `campaign`, in a fixed order.
///
/// Errors: workspace errors (a campaign that cannot be previewed only leaves the counts
/// out).
pub fn findings(
    ws: &Workspace,
    campaign: &Campaign,
    as_of: NaiveDate,
    uses: &Uses,
    extra: &[ExtraField],
) -> Result<Vec<Finding>, ReviewError> {
    let mut out = Vec::new();
    let mut used: BTreeSet<String> = uses.all_fields();
    used.extend(extra.iter().map(|x| x.field.clone()));
    let lowered: Vec<String> = uses
        .fields
        .iter()
        .filter(|f| used.contains(&f.name))
        .filter_map(|f| {
            let p = uses.provenance(&f.name)?;
            p.class_lowered(f).then(|| {
                format!(
                    "{}: classified {}{} by the classifier, lowered to {} {}",
                    f.name,
                    p.classifier_class.label(),
                    f.kind
                        .as_ref()
                        .map(|k| format!(" ({k})"))
                        .unwrap_or_default(),
                    f.class.label(),
                    p.who_when_why()
                )
            })
        })
        .collect();
    if !lowered.is_empty() {
        out.push(Finding::new(
            "protection_lowered",
            Severity::Warning,
            "the campaign uses fields whose protection a person lowered, so the policy lets them through by their current class; check that each reason holds for this campaign".into(),
            lowered,
        ));
    }
    let removed: Vec<(&Field, Role)> = uses
        .fields
        .iter()
        .filter_map(|f| {
            let role = uses.provenance(&f.name)?.removed_safeguard(f)?;
            let other_channel = role
                .consent_channel()
                .is_some_and(|c| c != campaign.channel);
            (!other_channel).then_some((f, role))
        })
        .collect();
    if removed.is_empty() {
        return Ok(out);
    }
    let current = recipients(ws, campaign, as_of, &uses.fields)?;
    let mut items = Vec::new();
    for (f, role) in removed {
        let restored: Vec<Field> = uses
            .fields
            .iter()
            .map(|g| {
                let mut g = g.clone();
                if g.name == f.name {
                    g.role = role;
                }
                g
            })
            .collect();
        let counts = match &current {
            Some(current) => let_through(ws, campaign, as_of, restored, current)?,
            None => None,
        };
        // Tags mostly name no age group (`vip`): taking their role away is a blocker
        // only when it lets someone through (or the count could not be made).
        if role == Role::Tags
            && counts
                .as_ref()
                .is_some_and(|c| c.values().sum::<u64>() == 0)
        {
            continue;
        }
        let who = uses
            .provenance(&f.name)
            .map(|p| p.who_when_why())
            .unwrap_or_default();
        let source = uses
            .provenance(&f.name)
            .map_or("from the classifier", |p| p.role_source(role));
        items.push(format!(
            "{} off: {}; field `{}` had role {role} {source}, now {}, changed {who}",
            check_name(role),
            counts.as_ref().map_or_else(
                || "the contacts it lets through are counted once the preview runs".to_string(),
                |c| let_through_phrase(role, c)
            ),
            f.name,
            f.role,
        ));
    }
    if items.is_empty() {
        return Ok(out);
    }
    out.push(
        Finding::new(
            "safeguard_removed",
            Severity::Blocker,
            "a person took away a role a safeguard reads, so the safeguard no longer sees that field; restore the role (tactful fields set FIELD --role ROLE --reason TEXT) or accept the risk for this campaign with a written reason (tactful review CAMPAIGN --accept safeguard_removed --reason TEXT)".into(),
            items,
        )
        .acceptable(),
    );
    Ok(out)
}

/// The safeguard a role feeds, in words.
fn check_name(role: Role) -> &'static str {
    match role {
        Role::DateOfBirth | Role::BirthYear | Role::Age | Role::Tags => "minor check",
        Role::ConsentEmail | Role::ConsentSms => "consent check",
        _ => "suppression and address check",
    }
}

/// "2 contacts would be excluded as minors", or the counts per reason when several.
fn let_through_phrase(role: Role, counts: &BTreeMap<Exclusion, u64>) -> String {
    let n: u64 = counts.values().sum();
    let main = match role {
        Role::DateOfBirth | Role::BirthYear | Role::Age | Role::Tags => Exclusion::Minor,
        Role::ConsentEmail | Role::ConsentSms => Exclusion::NoConsent,
        _ => Exclusion::Suppressed,
    };
    let contacts = if n == 1 {
        "1 contact would".to_string()
    } else {
        format!("{n} contacts would")
    };
    if counts.keys().any(|r| *r != main) {
        let by: Vec<String> = counts
            .iter()
            .map(|(r, c)| format!("{}: {c}", r.code()))
            .collect();
        return format!("{contacts} be excluded ({})", by.join(", "));
    }
    let how = match (main, n) {
        (Exclusion::Minor, 1) => "as a minor",
        (Exclusion::Minor, _) => "as minors",
        (Exclusion::NoConsent, _) => "for want of consent",
        _ => "as suppressed",
    };
    format!("{contacts} be excluded {how}")
}

/// Whether each contact, in `_id` order, is a recipient of `campaign` with `fields` as
/// they are; `None` when the campaign cannot be prepared (other blockers say why).
pub(super) fn recipients(
    ws: &Workspace,
    campaign: &Campaign,
    as_of: NaiveDate,
    fields: &[Field],
) -> Result<Option<Vec<bool>>, ReviewError> {
    let prepared =
        match prepare_with_fields(ws.conn(), campaign, as_of, ws.today(), fields.to_vec()) {
            Ok(p) => p,
            Err(PreviewError::Workspace(e)) => return Err(e.into()),
            Err(_) => return Ok(None),
        };
    let mut out = Vec::new();
    match walk(ws, &prepared, |d| {
        out.push(matches!(d.outcome, Outcome::Recipient { .. }));
        Ok(true)
    }) {
        Ok(()) => Ok(Some(out)),
        Err(PreviewError::Workspace(e)) => Err(e.into()),
        Err(_) => Ok(None),
    }
}

/// Contacts that are recipients now (`current`) and that assignment with `restored`
/// fields excludes, per exclusion reason.
pub(super) fn let_through(
    ws: &Workspace,
    campaign: &Campaign,
    as_of: NaiveDate,
    restored: Vec<Field>,
    current: &[bool],
) -> Result<Option<BTreeMap<Exclusion, u64>>, ReviewError> {
    let prepared = match prepare_with_fields(ws.conn(), campaign, as_of, ws.today(), restored) {
        Ok(p) => p,
        Err(PreviewError::Workspace(e)) => return Err(e.into()),
        Err(_) => return Ok(None),
    };
    let mut counts = BTreeMap::new();
    let mut i = 0;
    let walked = walk(ws, &prepared, |d| {
        if let (Some(true), Outcome::Excluded(reason)) = (current.get(i), d.outcome) {
            *counts.entry(reason).or_insert(0) += 1;
        }
        i += 1;
        Ok(true)
    });
    match walked {
        Ok(()) => Ok(Some(counts)),
        Err(PreviewError::Workspace(e)) => Err(e.into()),
        Err(_) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_name_the_safeguard_and_the_count() {
        let minors = BTreeMap::from([(Exclusion::Minor, 14)]);
        assert_eq!(
            let_through_phrase(Role::DateOfBirth, &minors),
            "14 contacts would be excluded as minors"
        );
        assert_eq!(
            let_through_phrase(Role::Age, &BTreeMap::from([(Exclusion::Minor, 1)])),
            "1 contact would be excluded as a minor"
        );
        assert_eq!(
            let_through_phrase(Role::BirthYear, &BTreeMap::new()),
            "0 contacts would be excluded as minors"
        );
        let mixed = BTreeMap::from([(Exclusion::Suppressed, 2), (Exclusion::NoAddress, 1)]);
        assert_eq!(
            let_through_phrase(Role::Email, &mixed),
            "3 contacts would be excluded (suppressed: 2, no_address: 1)"
        );
        assert_eq!(check_name(Role::ConsentSms), "consent check");
    }
}
