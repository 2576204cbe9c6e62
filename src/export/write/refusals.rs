//! Why a profile cannot take a campaign, found before the campaign is prepared or a
//! row is read: a profile for the other channel, an SMS file that would carry an
//! e-mail address, segment names Mailchimp tags cannot hold. The export reports them
//! after the review's blockers, if any.

use crate::campaign::Campaign;
use crate::export::profile::{MAILCHIMP_TAG_CHARS, Platform};
use crate::export::{ExportError, ExportPlan};
use crate::fields::{Channel, Field, Role};
use crate::workspace::{Workspace, settings};

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
        reasons.extend(sms_privacy(ws, plan, extra)?);
    }
    if let Some(Platform::Mailchimp) = plan.profile.platform() {
        reasons.extend(mailchimp_tags(campaign));
    }
    Ok(reasons)
}

/// An SMS file never carries an e-mail address: not as the contact key, not as an
/// added field.
fn sms_privacy(
    ws: &Workspace,
    plan: &ExportPlan,
    extra: &[Field],
) -> Result<Vec<String>, ExportError> {
    let mut reasons = Vec::new();
    let key = settings::get(ws.conn(), settings::CONTACT_KEY)?;
    if plan.with_key && key.as_deref().is_none_or(|k| k == "_email") {
        reasons.push(
            "--with-key: this workspace keys contacts by e-mail address, and an SMS file never carries one".into(),
        );
    }
    for f in extra.iter().filter(|f| f.role == Role::Email) {
        reasons.push(format!(
            "--field {}: it holds e-mail addresses, and an SMS file never carries one",
            f.name
        ));
    }
    Ok(reasons)
}

/// Segment names that cannot be Mailchimp tags (format guidelines: at most 100
/// characters, no emoji).
fn mailchimp_tags(campaign: &Campaign) -> Vec<String> {
    campaign
        .entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let emoji = e.segment.chars().any(is_emoji);
            let long = e.segment.chars().count() > MAILCHIMP_TAG_CHARS;
            (emoji || long).then(|| {
                format!(
                    "entry {} (`{}`): Mailchimp tags hold at most {MAILCHIMP_TAG_CHARS} characters and no emoji; rename the segment (tactful segment rename) or use --profile klaviyo, brevo or listmonk",
                    i + 1,
                    e.segment
                )
            })
        })
        .collect()
}

/// Emoji and pictographs (Unicode blocks Miscellaneous Symbols and Dingbats, and the
/// supplementary symbol planes from U+1F000).
fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x2600..=0x27BF | 0x1F000..=0x1FAFF)
}
