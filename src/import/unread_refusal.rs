//! A refusal in a consent-ish column nobody can read, for a contact with a grant on
//! record: the import stops (README, "Consent rules", the safe rule).
//!
//! A column that may state consent but that no rule reads (`Mailing list` of yes/no,
//! `Email status` of Active/Removed: `column_kind::unread_consent`) stops an import that
//! would grant over it. Without a granting `--consent` it was read as nothing, so a
//! re-import whose `Mailing list` said `no` for a contact granted by an earlier file
//! left the grant in place and the contact was still sent to (new-user trial, session
//! 9). Which way the column goes is the user's to say, so such a row stops the import,
//! nothing imported, with file, line, column and how to read it; a row that says yes,
//! or a contact with no grant on record, goes on as before (nothing is granted from the
//! column). [`candidates`] is called by `import::prepare` for every row (it has the
//! row as written), [`check`] by `import::write` for every row that meets a stored
//! contact (it knows the contact).

use super::ImportPlan;
use super::analyse::Analysis;
use super::column_kind::{Unread, advice};
use super::consent::row::Statement;
use super::consent::sounds::is_status_word;
use super::consent::words::{self, Word};
use crate::fields::{Channel, ConsentState};
use crate::workspace::contacts::Existing;

/// A row refusing, in a column nobody can read, a channel its contact has granted on
/// record (see the module doc). Nothing was imported.
#[derive(Debug, thiserror::Error)]
#[error(
    "{file}, line {line}, column `{header}`: {why}, and its `{value}` may say no, but tactful cannot read which way the column goes; contact {key} has {channel} consent granted on record, and the grant would stay, so they would still be sent to; nothing was imported. Tell tactful how to read the column: {advice}; or, if the column says nothing of consent, --skip '{header}'"
)]
pub struct UnreadRefusal {
    pub file: String,
    pub line: u64,
    pub header: String,
    /// Why the column may state consent (`the header sounds like consent (`mailing`)`).
    pub why: String,
    /// The row's value, as written (made safe for the terminal, at most 30 characters).
    pub value: String,
    /// The contact key on record.
    pub key: String,
    /// `email` or `SMS`.
    pub channel: String,
    /// How to read the column (`column_kind::advice`).
    pub advice: String,
}

/// A row's value that may refuse in a column nobody reads: the error it gives
/// ([`check`] fills in the contact and the channel) and the channels it speaks for
/// (email, SMS).
#[derive(Debug)]
pub struct Candidate {
    error: UnreadRefusal,
    reaches: [bool; 2],
}

/// The values of a row (`raw`, as read, in column order) that may refuse
/// ([`may_refuse`]) in a column of `analysis` that may state consent but is read by no
/// rule; empty for most rows, which is no allocation.
pub fn candidates(
    analysis: &Analysis,
    (plan, line): (&ImportPlan, u64),
    raw: &[String],
) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (column, value) in analysis.columns.iter().zip(raw) {
        let Some(unread) = &column.unread else {
            continue;
        };
        if !may_refuse(value, unread) {
            continue;
        }
        let t = |s: &str| crate::text::for_terminal(s).into_owned();
        out.push(Candidate {
            error: UnreadRefusal {
                file: plan.display_name(),
                line,
                header: t(&column.header),
                why: t(&unread.why),
                value: t(value).chars().take(30).collect(),
                key: String::new(),
                channel: String::new(),
                advice: advice(&column.header, unread),
            },
            reaches: Channel::ALL.map(|c| unread.every_channel || c == unread.channel),
        });
    }
    out
}

/// Stop when one of the row's [`candidates`] speaks for a channel `existing` has
/// granted on record and the row's readable consent (`said`, email then SMS) does not
/// refuse it anyway.
///
/// Errors: [`UnreadRefusal`], boxed in [`super::ImportError::UnreadRefusal`].
pub fn check(
    candidates: Vec<Candidate>,
    existing: &Existing,
    said: &[Statement; 2],
) -> Result<(), super::ImportError> {
    for c in candidates {
        let granted = Channel::ALL
            .into_iter()
            .zip(c.reaches.into_iter().zip(existing.consent.iter().zip(said)))
            .find(|(_, (reaches, (stored, said)))| {
                *reaches
                    && stored.0 == ConsentState::Granted
                    && !said.said.is_some_and(|s| s.state.is_refusal())
            });
        if let Some((channel, _)) = granted {
            let mut error = c.error;
            error.key = crate::text::for_terminal(&existing.key).into_owned();
            error.channel = channel.to_string();
            return Err(super::ImportError::UnreadRefusal(Box::new(error)));
        }
    }
    Ok(())
}

/// Whether `text` may refuse under the column's header: a word naming a
/// refusal (`unsubscribed`, `STOP`, `declined`), a list status other than an active
/// one (`removed`, `cancelled`, `inactive`), a no where yes would be consent (or
/// where the header does not say), a yes or a date under an opt-out header. A yes
/// under a header that does not say, a blank, or text that is no consent word refuses
/// nothing.
fn may_refuse(text: &str, unread: &Unread) -> bool {
    if text.trim().is_empty() {
        return false;
    }
    let opt_out = unread.polarity.is_some_and(|p| p.is_opt_out());
    match words::word(text) {
        Word::Refused | Word::OptedOut => true,
        Word::No => !opt_out,
        Word::Yes => opt_out,
        Word::OptedIn => false,
        Word::Other if is_status_word(text) => !matches!(
            words::fold(text).as_str(),
            "active"
                | "enabled"
                | "pending"
                | "activo"
                | "activa"
                | "aktiv"
                | "actif"
                | "ativo"
                | "attivo"
                | "actief"
        ),
        Word::Other => opt_out && super::consent::dates::is_date(text),
    }
}
