//! Why a profile cannot take a campaign, found before the campaign is prepared or a
//! row is read: a profile for the other channel, an SMS file that would carry an
//! e-mail address, segment names Mailchimp tags cannot hold. The export reports them
//! after the review's blockers, if any.

use crate::campaign::Campaign;
use crate::campaign::prepare::Prepared;
use crate::export::{ExportError, ExportPlan};
use crate::fields::{Channel, Field, Role};
use crate::text::for_terminal;
use crate::workspace::{Workspace, fields, settings};

/// Every reason `plan`'s profile refuses `campaign` up front; `extra` are the fields
/// the plan adds (`--field`), as the workspace holds them. Empty when it fits.
pub(super) fn up_front(
    ws: &Workspace,
    campaign: &Campaign,
    plan: &ExportPlan,
    extra: &[Field],
) -> Result<Vec<String>, ExportError> {
    let mut reasons: Vec<String> = plan.profile.refuses(campaign.channel).into_iter().collect();
    if campaign.channel == Channel::Sms {
        reasons.extend(sms_privacy(ws, plan)?);
    }
    reasons.extend(blocked_key(ws, plan)?);
    reasons.extend(address_copies(campaign.channel, extra));
    Ok(reasons)
}

/// An SMS file never carries an e-mail address as the contact key (nor as an added
/// field: [`address_copies`]).
fn sms_privacy(ws: &Workspace, plan: &ExportPlan) -> Result<Vec<String>, ExportError> {
    let mut reasons = Vec::new();
    let key = settings::get(ws.conn(), settings::CONTACT_KEY)?;
    if plan.with_key && key.as_deref().is_none_or(|k| k == "_email") {
        reasons.push(
            "--with-key: this workspace keys contacts by e-mail address, and an SMS file never carries one".into(),
        );
    }
    Ok(reasons)
}

/// `--with-key` never writes a key field of a class blocked by default (GDPR Art. 9(1)
/// special category data, protected traits): an NHS number or a date of birth as the
/// key would reach the sending platform with no unlock and no justification, whatever
/// the campaign's category (session-9 trial: `--key 'NHS Number'`, then `export
/// --with-key`, wrote the number as `TF_KEY` and a manifest saying special category
/// data was never used). The platform needs no key to send; without `--with-key` the
/// file carries none.
fn blocked_key(ws: &Workspace, plan: &ExportPlan) -> Result<Vec<String>, ExportError> {
    if !plan.with_key {
        return Ok(Vec::new());
    }
    let Some(key) = settings::get(ws.conn(), settings::CONTACT_KEY)? else {
        return Ok(Vec::new());
    };
    let Some(field) = fields::get(ws.conn(), &key)? else {
        return Ok(Vec::new());
    };
    Ok(field
        .class
        .is_blocked_by_default()
        .then(|| {
            format!(
                "--with-key: the contacts are keyed by field `{}`, {} data, which an export never carries; export without --with-key",
                for_terminal(&field.name),
                field.class.label()
            )
        })
        .into_iter()
        .collect())
}

/// Whether `f` holds e-mail addresses or phone numbers: its role, or the dictionary
/// entry that classed it (a role a person changed keeps the values it held).
fn holds_addresses(f: &Field) -> Option<&'static str> {
    match (f.role, f.kind.as_deref()) {
        (Role::Email, _) | (_, Some("email")) => Some("e-mail addresses"),
        (Role::Phone, _) | (_, Some("phone")) => Some("phone numbers"),
        _ => None,
    }
}

/// An added field that holds addresses is never copied into a file (every profile):
/// its cell is as written, so it may hold a second number or address, one that refused
/// or is suppressed (new-user trial, session 9: `07911 123456 / 07700 900123` with the
/// second refused reached the sending platform). The address column carries the one
/// address the campaign sends to, normalised; an SMS file carries no e-mail address at
/// all.
fn address_copies(channel: Channel, extra: &[Field]) -> Vec<String> {
    extra
        .iter()
        .filter_map(|f| {
            let held = holds_addresses(f)?;
            Some(if channel == Channel::Sms && held == "e-mail addresses" {
                format!(
                    "--field {}: it holds e-mail addresses, and an SMS file never carries one",
                    f.name
                )
            } else {
                format!(
                    "--field {}: it holds {held} as written, which may include one that opted out or is suppressed; the file's address column already carries the one address each message goes to, normalised",
                    f.name
                )
            })
        })
        .collect()
}

/// A message that merges a field holding addresses would copy the cell as written into
/// the file (its rendered text, or a template profile's merge value): a second number
/// or address of the cell, perhaps one that refused, would reach the platform. Only an
/// e-mail campaign's own address field may be merged: for a recipient it is the one
/// plain address the message goes to (a cell of several addresses grants nothing).
pub(super) fn merged_addresses(prepared: &Prepared) -> Vec<String> {
    let own = match prepared.campaign.channel {
        Channel::Email => prepared.slots.address.map(|i| &prepared.columns[i].name),
        Channel::Sms => None,
    };
    let mut reasons = Vec::new();
    for (n, entry) in prepared.entries.iter().enumerate() {
        for name in entry.message.merge_fields() {
            let Some(f) = prepared.fields.iter().find(|f| f.name == name) else {
                continue;
            };
            if Some(&f.name) == own {
                continue;
            }
            if let Some(held) = holds_addresses(f) {
                reasons.push(format!(
                    "entry {} (`{}`): its message merges `{{{{ {name} }}}}`, which holds {held} as written, perhaps one that opted out or is suppressed; take it out of the message (the file's address column carries the address each message goes to)",
                    n + 1,
                    entry.segment
                ));
            }
        }
    }
    reasons
}

/// The refusal of an export that would write nobody: each exclusion reason with its
/// count and meaning, and the recipients left out for want of an E.164 number.
pub(super) fn no_recipients(
    campaign: &Campaign,
    summary: &crate::campaign::summary::Summary,
    left_out: usize,
) -> ExportError {
    let mut why: Vec<String> = summary
        .per_reason
        .iter()
        .filter(|r| r.contacts > 0)
        .map(|r| {
            format!(
                "{} excluded as {}: {}",
                r.contacts,
                r.reason.code(),
                r.reason.describe()
            )
        })
        .collect();
    if left_out > 0 {
        why.push(format!(
            "{} left out: their phone number cannot be written in E.164",
            crate::text::count(left_out as u64, "recipient")
        ));
    }
    if summary.audience == 0 {
        why.push("the workspace holds no contacts".to_string());
    }
    ExportError::NoRecipients {
        campaign: campaign.name.clone(),
        why,
    }
}
