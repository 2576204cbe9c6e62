//! Which channels a consent header's refusal reaches: e-mail, SMS, both, or none that
//! tactful sends.
//!
//! Owns two rules of promise 1 ("nobody who opted out gets a message"; README,
//! "Consent rules"):
//! - a withdrawal or a refusal under a header that names no channel (`unsubscribe`,
//!   `Do Not Contact`, `TCPA Opt Out`) or every channel (`email or text opt out`)
//!   applies to e-mail and SMS alike ([`every_channel`]); a grant stays on the
//!   column's own channel and a bounce on its address;
//! - a header that names only channels tactful does not send (fax, post: Salesforce
//!   `HasOptedOutOfFax`, `Do Not Fax`, `Postal Opt Out`, `Direct Mail Opt Out`) says
//!   nothing of e-mail or SMS, so it is no consent column of either ([`unsent_only`]):
//!   reading a fax opt-out as an e-mail and SMS withdrawal kept people from messages
//!   they never refused (trial). `Do Not Mail` stays an e-mail opt-out: "mail" is
//!   e-mail in most exports (`Mail`, de; `mail_opt_out`) and postal in some (the US
//!   DMA list); read as e-mail, the doubt costs a message, never sends one to someone
//!   who refused it. `Do Not Call` stays SMS: the TCPA's do-not-call rules cover
//!   texts. `DNC` is "do not call" in telephony and "do not contact" in CRMs, so its
//!   refusal reaches every channel (new-user trial 6, G4: `DNC` = `Y` was e-mailed).
//!
//! Also words a field's reason by those channels ([`name_channels`]): a dictionary
//! label saying "e-mail" under `TCPA Opt Out` or `Text Opt-Out` would name a channel
//! the refusal is not (only) about. Called by `column_kind`, `skipped_consent` and
//! `consent::header_reading`.

use super::words;
use crate::fields::Channel;

/// Headers whose platform defines them as e-mail columns, though their names say no
/// channel: Shopify's `Accepts Marketing` (its e-mail marketing flag, beside a
/// separate `Accepts SMS Marketing`), Ghost's `subscribed` (its e-mail newsletter) and
/// a Mailchimp-style member `status` (an e-mail audience). A "no" there says nothing
/// of texts, and reading it as an SMS refusal would decline the SMS that the same
/// file's SMS column grants.
const PLATFORM_EMAIL_HEADERS: &[&str] = &[
    "accepts_marketing",
    "subscribed",
    "status",
    "member_status",
    "subscription_status",
];

/// Header words that name e-mail or SMS beyond [`words`]' lists: `DNE` (do not
/// e-mail). None names SMS alone: `DNC` may be do not call or do not contact.
const EMAIL_ABBREVIATIONS: &[&str] = &["dne"];
const SMS_ABBREVIATIONS: &[&str] = &[];

/// Header words that name a channel tactful does not send: fax and post (letters,
/// catalogues; `Briefe`, `Briefpost`: German letters). Not `post` alone, which
/// also speaks of e-mails sent after a purchase (`post_purchase_opt_out`).
const UNSENT_WORDS: &[&str] = &[
    "fax",
    "faxes",
    "telefax",
    "postal",
    "letter",
    "letters",
    "catalog",
    "catalogue",
    "briefe",
    "briefpost",
];

/// Words that make the `mail` after them post, not e-mail: `Direct Mail Opt Out`,
/// `postal mail`, `snail mail`, `paper mail`.
const POSTAL_MAIL: &[&str] = &["direct", "postal", "snail", "paper", "physical"];

/// The channels the words of field name `name` name.
struct Named {
    email: bool,
    sms: bool,
    /// The first word naming a channel tactful does not send.
    unsent: Option<&'static str>,
}

fn named(name: &str) -> Named {
    let parts: Vec<&str> = name.split('_').collect();
    let postal_mail =
        |i: usize| i > 0 && POSTAL_MAIL.contains(&parts[i - 1]) && parts[i].starts_with("mail");
    let email = parts.iter().enumerate().any(|(i, p)| {
        (words::EMAIL_WORDS.contains(p) || EMAIL_ABBREVIATIONS.contains(p)) && !postal_mail(i)
    });
    let sms = parts
        .iter()
        .any(|p| words::SMS_WORDS.contains(p) || SMS_ABBREVIATIONS.contains(p));
    let unsent = parts
        .iter()
        .enumerate()
        .find_map(|(i, p)| {
            UNSENT_WORDS
                .iter()
                .find(|w| *w == p)
                .or_else(|| postal_mail(i).then_some(&"mail"))
        })
        .copied();
    Named { email, sms, unsent }
}

/// The channel word of a header that names only channels tactful does not send
/// (`has_opted_out_of_fax`: `fax`; `direct_mail_opt_out`: `mail`), `None` when it
/// names e-mail or SMS, or no channel. Such a column is no e-mail or SMS consent
/// column, whatever its values: it is kept as a field with no consent role.
pub fn unsent_only(name: &str) -> Option<&'static str> {
    let n = named(name);
    n.unsent.filter(|_| !n.email && !n.sms)
}

/// True when a withdrawal or refusal under the field name `name` applies to every
/// channel: the header names neither e-mail nor SMS nor a channel tactful does not
/// send (`unsubscribe`, `blocked`, `TCPA Opt Out`, `Robinson`), or both e-mail and SMS
/// (`email_or_text_opt_out`), and is no platform's e-mail column
/// ([`PLATFORM_EMAIL_HEADERS`]). `Fax or email opt out` is e-mail only.
pub fn every_channel(name: &str) -> bool {
    if PLATFORM_EMAIL_HEADERS.contains(&name) {
        return false;
    }
    let n = named(name);
    (n.email && n.sms) || (!n.email && !n.sms && n.unsent.is_none())
}

/// The reason's note for a column whose refusals reach every channel.
pub const EVERY_CHANNEL_NOTE: &str = "the header names no single channel, so an opt-out or refusal in it applies to all channels (e-mail and SMS); a grant in it stays on its own channel";

/// The reason's note for a column of a channel tactful does not send.
pub fn unsent_note(name: &str, word: &str) -> String {
    format!(
        "header `{name}` names `{word}`, a channel tactful does not send (fax or post), so it states no e-mail or SMS consent or refusal: kept as a field with no consent role"
    )
}

/// `reason` with the first dictionary label's channel made the one the column speaks
/// for: an opt-out (`opt_out`) whose refusals reach every channel is a "marketing
/// opt-out of e-mail and SMS" (`TCPA Opt Out`), not an "e-mail marketing opt-out"; an
/// e-mail label on an SMS column (`channel`) says SMS. Only the first label is the
/// column's: the outranked entries a reason lists after it stay as the dictionary
/// words them. Other reasons are returned as they are.
pub fn name_channels(reason: &str, channel: Channel, every_channel: bool, opt_out: bool) -> String {
    const EMAIL: &str = "e-mail marketing";
    let first_email = reason.find(EMAIL);
    let first_sms = reason.find("SMS marketing");
    let Some(at) = first_email.filter(|e| first_sms.is_none_or(|s| *e < s)) else {
        return reason.to_string();
    };
    let (head, rest) = (&reason[..at], &reason[at + EMAIL.len()..]);
    match rest.strip_prefix(" opt-out") {
        Some(after) if every_channel && opt_out => {
            format!("{head}marketing opt-out of e-mail and SMS{after}")
        }
        _ if channel == Channel::Sms && !every_channel => format!("{head}SMS marketing{rest}"),
        _ => reason.to_string(),
    }
}

/// `reason` without the first dictionary label's channel, for a column of a channel
/// tactful does not send (`HasOptedOutOfFax` is no "e-mail marketing opt-out").
pub fn without_channel(reason: &str) -> String {
    reason.replacen("e-mail marketing ", "", 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Point 1 of the trial: headers naming no channel, or both, reach every channel;
    /// headers naming one channel stay on it; a header naming fax or post and no
    /// e-mail or SMS word reaches neither (`HasOptedOutOfFax`: fax only).
    #[test]
    fn refusals_reach_every_channel_unless_the_header_names_one() {
        for name in [
            "unsubscribe",
            "do_not_contact",
            "blocked",
            "opt_out_all_channels",
            "global_unsubscribe",
            "tcpa_opt_out",
            "do_not_market",
            "opted_out_of_marketing",
            "robinson",
            "email_or_text_opt_out",
            "consent",
            "dnc",
        ] {
            assert!(every_channel(name), "{name}");
            assert_eq!(unsent_only(name), None, "{name}");
        }
        for name in [
            "do_not_email",
            "dne",
            "sms_opt_out",
            "unsubscribed_from_all_email",
            "newsletter",
            "do_not_call",
            "e_mail_abgemeldet",
            "accepts_marketing",
            "subscribed",
            "status",
            "has_opted_out_of_fax",
            "fax_or_email_opt_out",
            "do_not_mail",
        ] {
            assert!(!every_channel(name), "{name}");
        }
        for (name, word) in [
            ("has_opted_out_of_fax", "fax"),
            ("do_not_fax", "fax"),
            ("postal_opt_out", "postal"),
            ("direct_mail_opt_out", "mail"),
            ("snail_mail_unsubscribed", "mail"),
            ("catalog_opt_out", "catalog"),
        ] {
            assert_eq!(unsent_only(name), Some(word), "{name}");
        }
        for name in ["fax_or_email_opt_out", "do_not_mail", "do_not_call", "dnc"] {
            assert_eq!(unsent_only(name), None, "{name}");
        }
    }

    /// The label of the dictionary's e-mail opt-out entry, as `classify` quotes it.
    #[test]
    fn reasons_name_the_channels_a_refusal_reaches() {
        let reason = "header phrase `opt out`: e-mail marketing opt-out (yes = the person refused)";
        assert_eq!(
            name_channels(reason, Channel::Email, true, true),
            "header phrase `opt out`: marketing opt-out of e-mail and SMS (yes = the person refused)"
        );
        assert_eq!(
            name_channels(reason, Channel::Sms, false, true),
            "header phrase `opt out`: SMS marketing opt-out (yes = the person refused)"
        );
        assert_eq!(name_channels(reason, Channel::Email, false, true), reason);
        // An outranked e-mail entry after the SMS label keeps its words.
        let text = "header phrase `text opt out`: SMS marketing opt-out; also header phrase `opt out`: e-mail marketing opt-out, outranked";
        assert_eq!(name_channels(text, Channel::Sms, false, true), text);
        assert_eq!(
            without_channel(reason),
            "header phrase `opt out`: opt-out (yes = the person refused)"
        );
    }
}
