//! Refusal headers beyond the known table and the dictionary: bounce flags, and the
//! entry to opt-out and bounce date columns ([`super::dates`]).
//!
//! Owns the rule that `Bounced`, `Hard Bounce`, `Email Bounced` are bounce flags: true
//! = bounced on e-mail ([`Polarity::Bounce`]); and what each [`Polarity`] says of
//! opt-outs and dates. Which channels a refusal reaches is [`super::reach`]'s job;
//! which headers hold the dates of a refusal, and what a date says there,
//! [`super::dates`]'. Called by `consent::recognise` for headers its table does not
//! list.

use super::dates::dated;
use super::{Polarity, refusal_words, words};
use crate::fields::Channel;

impl Polarity {
    /// True when a `yes` under it is an opt-out (the field is true for a refusal).
    pub fn is_opt_out(self) -> bool {
        matches!(self, Polarity::Inverted | Polarity::OptOutDate)
    }

    /// The polarity of the same header over dates: an opt-out's or a bounce's date.
    pub fn dated(self) -> Option<Polarity> {
        match self {
            Polarity::Inverted | Polarity::OptOutDate => Some(Polarity::OptOutDate),
            Polarity::Bounce | Polarity::BounceDate => Some(Polarity::BounceDate),
            Polarity::Positive | Polarity::Status | Polarity::Stated => None,
        }
    }

    /// True for the polarities whose values are dates.
    pub fn is_dated(self) -> bool {
        matches!(self, Polarity::OptOutDate | Polarity::BounceDate)
    }
}

/// Header words of a bounce flag are [`refusal_words::is_bounce_word`]'s
/// (`bounced`, `undeliverable`, `unzustellbar`); every word of the header must be one
/// of these or [`BOUNCE_OTHER_WORDS`], so `bounce_reason` or `bounce_type` (text about
/// the bounce) is no flag.
const BOUNCE_OTHER_WORDS: &[&str] = &[
    "hard", "is", "has", "flag", "email", "e", "mail", "address", "sms", "text", "phone",
];

/// The consent columns of headers `consent::recognise`'s table does not list: bounce
/// flags, then opt-out and bounce date columns.
pub fn recognise(name: &str) -> Option<(Channel, Polarity, String)> {
    if let Some(channel) = bounce_flag(name) {
        return Some((
            channel,
            Polarity::Bounce,
            format!("header `{name}` is a bounce flag: true = the {channel} address bounced"),
        ));
    }
    let (channel, polarity, rest) = dated(name)?;
    let what = if polarity == Polarity::BounceDate {
        "bounce"
    } else {
        "opt-out"
    };
    Some((
        channel,
        polarity,
        format!(
            "header `{name}` is the date of an {what} (`{rest}`): a filled date is a {}, a blank says nothing",
            if polarity == Polarity::BounceDate {
                "bounce"
            } else {
                "withdrawal"
            }
        ),
    ))
}

fn bounce_flag(name: &str) -> Option<Channel> {
    let parts: Vec<&str> = name.split('_').collect();
    let flag = parts.iter().any(|p| refusal_words::is_bounce_word(p))
        && parts
            .iter()
            .all(|p| refusal_words::is_bounce_word(p) || BOUNCE_OTHER_WORDS.contains(p));
    flag.then(|| {
        if words::names_sms_only(name) {
            Channel::Sms
        } else {
            Channel::Email
        }
    })
}

/// The refusal a header's own words name beside an opt-in phrase: `Marketing Emails
/// Unsubscribed`, `Consent Revoked`, `Email Opt In Revoked`, `Marketing Consent
/// Declined` ([`Polarity::Inverted`]: yes = the person refused) or `Marketing emails
/// bounced`, `Newsletter Bounced` ([`Polarity::Bounce`]). The dictionary's opt-in
/// phrase (`marketing emails`, `consent`) outranks the refusal word when it classifies
/// the header, but a `yes` under such a header is a refusal, never a grant (session-9
/// trial: `Marketing Emails Unsubscribed: yes` was granted). The words, in every
/// inflection of the dictionary's seven languages (`Withdrew consent`, `Consent
/// denied`, `Consentement retiré`, `Newsletter gekündigt`, `Consent expired`,
/// `Previously subscribed`; session-10 trial), are data:
/// `assets/consent-refusals.toml` ([`refusal_words`]).
pub fn refusal_in_header(name: &str) -> Option<Polarity> {
    let parts: Vec<&str> = name.split('_').collect();
    if parts.iter().any(|p| refusal_words::is_bounce_word(p)) {
        return Some(Polarity::Bounce);
    }
    refusal_words::withdrawal_in(&parts).map(|_| Polarity::Inverted)
}
