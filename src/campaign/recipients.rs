//! Stepping through one entry's would-be recipients: the contacts the campaign assigns
//! to that entry (in its segment and no earlier one's, not suppressed, consented, not a
//! minor, with an address not already taken, not held out), in `_id` order.
//!
//! The Messages screen renders a message for one of them, so the sample is always
//! someone who would get it. The same [`walk`] as preview and explanation decides, so
//! a sample never disagrees with the preview; because the duplicate-address step
//! depends on every earlier contact, each step walks the audience from the start up to
//! the contact found (time linear in the audience, memory one hash per address).

use chrono::NaiveDate;

use super::assign::Outcome;
use super::prepare::{PreviewError, prepare};
use super::walk::walk;
use super::{BodyFormat, Campaign, Entry};
use crate::fields::Channel;
use crate::workspace::{Workspace, snapshot};

/// Which recipient to find, relative to a contact's `_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The entry's first recipient.
    First,
    /// The first recipient with a larger `_id`.
    After(i64),
    /// The last recipient with a smaller `_id`.
    Before(i64),
}

/// One would-be recipient: its `_id` and key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub id: i64,
    pub key: String,
}

/// Find the recipient of entry `entry` (0-based priority index) of `campaign` as of
/// `as_of` that `step` asks for; `None` when there is none that way (or the entry does
/// not exist).
///
/// Assignment never reads the message text, so every entry's message is replaced by a
/// plain placeholder before preparing: a message still being edited that does not
/// check yet does not stop the sample.
///
/// Errors: a segment that no longer exists or a rule that no longer checks (as
/// [`prepare`]), workspace errors.
pub fn step(
    ws: &Workspace,
    campaign: &Campaign,
    as_of: NaiveDate,
    entry: usize,
    step: Step,
) -> Result<Option<Recipient>, PreviewError> {
    if entry >= campaign.entries.len() {
        return Ok(None);
    }
    let _snapshot = snapshot::begin(ws.conn())?;
    let prepared = prepare(ws.conn(), &without_messages(campaign), as_of, ws.today())?;
    let mut found: Option<Recipient> = None;
    walk(ws, &prepared, |d| {
        let mine = d.outcome == Outcome::Recipient { entry };
        let here = || Recipient {
            id: d.id,
            key: d.key.clone(),
        };
        Ok(match step {
            Step::First if mine => {
                found = Some(here());
                false
            }
            Step::After(id) if mine && d.id > id => {
                found = Some(here());
                false
            }
            Step::Before(id) if d.id >= id => false,
            Step::Before(_) if mine => {
                found = Some(here());
                true
            }
            _ => true,
        })
    })?;
    Ok(found)
}

/// `campaign` with each entry's message replaced by one that always checks.
fn without_messages(campaign: &Campaign) -> Campaign {
    let mut c = campaign.clone();
    for e in &mut c.entries {
        *e = Entry {
            segment: std::mem::take(&mut e.segment),
            subject: (c.channel == Channel::Email).then(|| "-".to_string()),
            body: "-".to_string(),
            format: BodyFormat::Plain,
        };
    }
    c
}
