//! Consent columns of real exports, read into a per-channel [`ConsentState`].
//!
//! Owns the vocabulary of consent headers and values. A column is a consent column when
//! a recognised platform layout says so (with the layout's own words, see
//! `assets/platform-layouts.toml`), or when its header is one we know or the classifier
//! gives it a consent role **and** its values are consent words: a header that speaks
//! of consent over IP addresses or times (Mailchimp `OPTIN_IP`, `OPTIN_TIME`) is no
//! consent column (issue 9). Known headers: Shopify `Accepts Email Marketing` /
//! `Accepts SMS Marketing` (yes/no), Ghost `subscribed_to_emails` (true/false), HubSpot
//! `Unsubscribed from all email` (true = withdrawn), generic `email_opt_in`,
//! `marketing_consent`, `unsubscribed`, Salesforce `HasOptedOutOfEmail` (true =
//! withdrawn), and a Mailchimp-style `status` column whose values are all member
//! statuses. Other headers are recognised by the privacy dictionary's consent entries,
//! each of which carries its channel and its polarity ([`polarity_of_kind`]): `Do Not
//! Email`, `Abgemeldet` and `Text Opt-Out` are opt-outs, the last one of texts. Bounce
//! flags are [`headers`]' job, opt-out dates [`dates`]', the channels a refusal reaches
//! (every channel under a header that names none, none under a fax or postal header)
//! [`reach`]'; value words are [`words`]'.
//!
//! What a value states: a "no" in a positive column is [`ConsentState::Declined`] (the
//! person said no); opt-out words are withdrawals or bounces; "false" in an opt-out
//! column says only that no opt-out is known, so it states nothing, like a blank, and
//! the file's `--consent` fills it. How a statement meets the stored state is
//! [`merge`]'s job; which time and IP back it is [`evidence`]'s.

pub mod dates;
pub mod evidence;
pub mod headers;
pub mod merge;
pub mod reach;
pub mod refusal_words;
pub mod row;
pub mod sounds;
pub mod value_words;
pub mod words;

use serde::Deserialize;

use self::words::{Word, word};
use super::layout::Vocabulary;
use crate::fields::{Channel, ConsentState, FieldType, classify};

/// How a column's values say consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// true/yes = granted, false/no = declined.
    Positive,
    /// true/yes = withdrawn (unsubscribed), false/no = nothing stated.
    Inverted,
    /// Mailchimp member status: subscribed, unsubscribed, cleaned (bounced), pending.
    Status,
    /// true/yes = bounced (`Hard Bounce`), false/no = nothing stated.
    Bounce,
    /// A date (or yes) = withdrawn on that date (`Email Opt Out Date`), blank or no =
    /// nothing stated, anything else unreadable (see [`headers`]).
    OptOutDate,
    /// A date (or yes) = bounced (`Bounced At`), as [`Polarity::OptOutDate`].
    BounceDate,
    /// Only words that name their state (subscribed, opted out, cleaned, declined):
    /// a column recognised by its values under a header that says nothing of its
    /// polarity. Yes and no are unknown there (does `yes` under `Mailing` grant or
    /// refuse?), so such a row is not asked and `--consent` does not fill it.
    Stated,
}

/// How one column is read: a built-in polarity or a platform's vocabulary.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reading {
    Polarity(Polarity),
    Vocabulary(&'static Vocabulary),
}

/// What one value of a consent column says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reads {
    /// A consent state.
    State(ConsentState),
    /// Nothing: a blank, `false` in an opt-out column, HubSpot's `Marketing contact`.
    Nothing,
    /// A word the column's vocabulary does not know. The file said something no one
    /// can read: the row is not asked, and `--consent` does not fill it.
    Unknown,
}

/// One consent column of a file.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsentColumn {
    /// Index of the column among the imported columns.
    pub index: usize,
    pub channel: Channel,
    pub reading: Reading,
    /// Why it was recognised, for the field's reason.
    pub reason: String,
    /// A withdrawal or refusal in it applies to every channel, not only `channel`: the
    /// header names no channel or every one (`unsubscribe`, `Do Not Contact`; see
    /// [`reach::every_channel`]). Grants and bounces stay on `channel`.
    pub every_channel: bool,
}

impl ConsentColumn {
    /// True when this is a yes/no column whose `yes` is a grant (Shopify `Accepts Email
    /// Marketing`, `Newsletter`, `email_opt_in`), so a blank in it is a box left
    /// unticked: not asked, which `--consent` does not fill (new-user trial: a blank
    /// `Newsletter` cell became a grant). A blank in an opt-out or bounce column says
    /// only that no refusal is known, and one in a column of member statuses or other
    /// words that name their state (`subscribed`, `STOP`) or of a platform's vocabulary
    /// that no status was written: the option fills those, as before.
    pub fn opts_in(&self) -> bool {
        self.reading == Reading::Polarity(Polarity::Positive)
    }

    /// True when the boolean field this column fills is true for an opt-out: the
    /// column's own polarity, or for a platform vocabulary the field name's (see
    /// [`name_is_opt_out`]).
    pub fn field_inverted(&self, field: &str) -> bool {
        match self.reading {
            Reading::Polarity(p) => p.is_opt_out(),
            Reading::Vocabulary(_) => name_is_opt_out(field),
        }
    }
}

/// The values a member status column may hold, and the state each states: Mailchimp's
/// (`subscribed`, `unsubscribed`, `cleaned`, `pending`, `transactional`, `archived`),
/// MailPoet's (`subscribed`, `unconfirmed`, `unsubscribed`, `inactive`, `bounced`:
/// MailPoet "Subscriber statuses", kb.mailpoet.com), listmonk's subscriber statuses
/// (`enabled`, `disabled`, `blocklisted`: "blocklisted subscribers are excluded from
/// all campaigns", listmonk API docs) and its subscription statuses (`unconfirmed`,
/// `confirmed`, `unsubscribed`), Salesforce Marketing Cloud's (`Active`, `Bounced`,
/// `Held`, `Unsubscribed`, `Deleted`: SubscriberStatus), and the suppression reasons
/// of ESP exports (`bounce`, `complaint`, `hard bounce`, `invalid email`, `spam`). A
/// status that states no refusal (`active`, `enabled`) is [`Reads::Nothing`]: the file's
/// `--consent` fills it; one that is on no list now (`disabled`, `held`, `deleted`) is
/// not asked, which the option does not fill (new-user trial 6, G4: `blocklisted`
/// beside `enabled`, `Bounced` beside `Active` were granted by `--consent`).
/// Compared without case, with `_` and `-` read as spaces. `None` for other values.
pub fn status_reads(value: &str) -> Option<Reads> {
    use ConsentState as S;
    let folded = value.trim().to_lowercase().replace(['_', '-'], " ");
    let reads = match folded.as_str() {
        "subscribed" | "confirmed" => Reads::State(S::Granted),
        "unsubscribed" | "blocklisted" | "blacklisted" | "blocked" | "suppressed"
        | "user suppressed" | "complained" | "complaint" | "spam" | "spam complaint"
        | "opted out" | "do not contact" | "deceased" => Reads::State(S::Withdrawn),
        "cleaned" | "bounced" | "bounce" | "hard bounce" | "hard bounced" | "invalid"
        | "invalid email" | "undeliverable" => Reads::State(S::Bounced),
        // Pending (Mailchimp) and unconfirmed (MailPoet, listmonk): the double opt-in
        // was never confirmed; transactional and archived (Mailchimp) contacts receive
        // no marketing; inactive (MailPoet) subscribers stopped opening and MailPoet no
        // longer sends to them; disabled (listmonk), held and deleted (Marketing Cloud)
        // receive no campaign. Not granted: not asked, as stated by the file, which
        // `--consent` does not fill.
        "pending" | "transactional" | "archived" | "unconfirmed" | "inactive" | "disabled"
        | "held" | "deleted" => Reads::State(S::NotAsked),
        "active" | "enabled" => Reads::Nothing,
        _ => return None,
    };
    Some(reads)
}

/// True when `value` is a member status ([`status_reads`]).
pub fn is_status_value(value: &str) -> bool {
    status_reads(value).is_some()
}

/// Recognise a consent column by its normalised field name. `all_status_values` says
/// whether every non-blank value of the column is a member status (see
/// [`status_reads`]), which a bare `status` or `reason` header needs to count.
pub fn recognise(name: &str, all_status_values: bool) -> Option<(Channel, Polarity, String)> {
    let known = |what: &str| format!("header `{name}` is a known consent column ({what})");
    let hit = match name {
        // `accepts_marketing` is Shopify's older customer export; the short forms are
        // the same columns as exported by other tools (new-user trial).
        "accepts_email_marketing" | "accepts_marketing" | "accepts_email" => {
            (Channel::Email, Polarity::Positive, known("Shopify"))
        }
        "accepts_sms_marketing" | "accepts_sms" => {
            (Channel::Sms, Polarity::Positive, known("Shopify"))
        }
        "subscribed_to_emails" | "subscribed" => {
            (Channel::Email, Polarity::Positive, known("Ghost"))
        }
        "unsubscribed_from_all_email" => (Channel::Email, Polarity::Inverted, known("HubSpot")),
        "email_opt_in"
        | "email_consent"
        | "marketing_consent"
        | "newsletter_opt_in"
        | "email_marketing_consent"
        | "opt_in" => (Channel::Email, Polarity::Positive, known("opt-in")),
        "sms_opt_in" | "sms_consent" | "sms_marketing_consent" => {
            (Channel::Sms, Polarity::Positive, known("opt-in"))
        }
        "unsubscribed" | "email_opt_out" | "opted_out" | "opt_out" => {
            (Channel::Email, Polarity::Inverted, known("opt-out"))
        }
        "sms_opt_out" => (Channel::Sms, Polarity::Inverted, known("opt-out")),
        // Salesforce contacts and leads: true = the person asked for no e-mail.
        "has_opted_out_of_email" => (Channel::Email, Polarity::Inverted, known("Salesforce")),
        "status"
        | "member_status"
        | "email_status"
        | "subscription_status"
        | "subscriber_status"
        | "contact_status"
        | "list_status"
        | "reason"
        | "suppression_reason"
        | "suppression_type"
            if all_status_values =>
        {
            (
                Channel::Email,
                Polarity::Status,
                format!(
                    "every value of `{name}` is a member status or suppression reason (Mailchimp, MailPoet, listmonk, Marketing Cloud, ESP suppression exports)"
                ),
            )
        }
        _ => return headers::recognise(name),
    };
    Some(hit)
}

/// The channel of a consent column named `name` (a field name) whose header names no
/// channel the dictionary knows: SMS when the name speaks of texts, SMS, phones, calls
/// or WhatsApp ([`words::names_sms_only`]), otherwise e-mail. The one place a header's
/// words choose the channel, for headers the dictionary gives e-mail by default and
/// for columns recognised by their values.
pub fn channel_of_name(name: &str, found: Channel) -> Channel {
    match found {
        Channel::Email if words::names_sms_only(name) => Channel::Sms,
        channel => channel,
    }
}

/// The polarity of a column named `name` (a field name) the classifier called a
/// consent column: the polarity of the dictionary entry that recognised its header
/// (`kind`, see [`classify::is_opt_out_kind`]: `do_not_email`, `abgemeldet` and
/// `unsubscribe` are opt-outs), or a member status when every value is one. An opt-in
/// entry's header that also names a refusal (`Marketing Emails Unsubscribed`,
/// `Marketing emails bounced`) takes the refusal's polarity
/// ([`headers::refusal_in_header`]).
pub fn polarity_of_kind(kind: Option<&str>, all_status_values: bool, name: &str) -> Polarity {
    if all_status_values {
        Polarity::Status
    } else if kind.is_some_and(classify::is_opt_out_kind) {
        Polarity::Inverted
    } else {
        headers::refusal_in_header(name).unwrap_or(Polarity::Positive)
    }
}

/// The channel and polarity of a consent header read without its values (`header` as
/// in the file): the known headers of [`recognise`], then the privacy dictionary's
/// consent entries, with a header that names texts or calls on the SMS channel. `None`
/// when neither calls it consent, or when the header names only a channel tactful does
/// not send ([`reach::unsent_only`]: `HasOptedOutOfFax`).
pub fn header_reading(header: &str) -> Option<(Channel, Polarity)> {
    let name = super::normalise::snake_case(header);
    if reach::unsent_only(&name).is_some() {
        return None;
    }
    if let Some((channel, polarity, _)) = recognise(&name, false) {
        return Some((channel, polarity));
    }
    let class = classify::classify(
        header,
        &name,
        FieldType::Boolean,
        &classify::ValueProfile::new(),
    );
    let channel = channel_of_name(&name, class.role.consent_channel()?);
    Some((
        channel,
        polarity_of_kind(class.kind.as_deref(), false, &name),
    ))
}

/// True when a `yes` in field `name` is an opt-out, by the same vocabularies that
/// recognise a consent column's header ([`header_reading`]).
pub fn name_is_opt_out(name: &str) -> bool {
    header_reading(name).is_some_and(|(_, p)| p.is_opt_out())
}

/// What `value` (not blank) says under `polarity`. A word that names its state (opted
/// in, declined, revoked) says it under any polarity; yes and no take the column's.
fn read_polarity(polarity: Polarity, value: &str) -> Reads {
    use ConsentState as S;
    match (polarity, word(value)) {
        (Polarity::Status, _) => status_reads(value).unwrap_or(Reads::Unknown),
        (Polarity::Bounce | Polarity::BounceDate, Word::Yes) => Reads::State(S::Bounced),
        (Polarity::OptOutDate, Word::Yes) => Reads::State(S::Withdrawn),
        (Polarity::Bounce | Polarity::OptOutDate | Polarity::BounceDate, Word::No) => {
            Reads::Nothing
        }
        (Polarity::Stated, Word::Yes | Word::No) => Reads::Unknown,
        (Polarity::Positive, Word::Yes) | (_, Word::OptedIn) => Reads::State(S::Granted),
        (Polarity::Positive, Word::No) | (_, Word::Refused) => Reads::State(S::Declined),
        (Polarity::Inverted, Word::Yes) | (_, Word::OptedOut) => Reads::State(S::Withdrawn),
        (Polarity::Inverted, Word::No) => Reads::Nothing,
        // A yes/no column that later holds member statuses (a Mailchimp export
        // imported into a field a Shopify file made): `cleaned` is a bounce and
        // `blocklisted` a withdrawal whatever the column's polarity, `pending` never
        // confirmed.
        (_, Word::Other) => match status_reads(value) {
            Some(Reads::State(s @ (S::Bounced | S::NotAsked | S::Withdrawn))) => Reads::State(s),
            _ => Reads::Unknown,
        },
    }
}

/// The value to store in a boolean consent field for what a consent column's value
/// `reads`, under the field's own polarity (`inverted`: the field is true for an
/// opt-out, as `unsubscribed` is; see [`ConsentColumn::field_inverted`]): `Some(None)`
/// for a blank, `None` for a value no boolean can hold (an unknown word). A yes/no
/// field that a later file fills with consent words (`unsubscribed`, `cleaned`) keeps
/// its type this way; the consent state itself is recorded as for any consent column.
pub fn as_boolean(reads: Reads, inverted: bool) -> Option<Option<bool>> {
    use ConsentState as S;
    match reads {
        Reads::Nothing | Reads::State(S::NotAsked) => Some(None),
        Reads::Unknown => None,
        Reads::State(S::Granted) => Some(Some(!inverted)),
        Reads::State(S::Withdrawn | S::Declined) => Some(Some(inverted)),
        // A bounce says nothing about an opt-out; in an opt-in field it is no "yes".
        Reads::State(S::Bounced) => Some((!inverted).then_some(false)),
    }
}

impl ConsentColumn {
    /// What one cleaned value says.
    pub fn read(&self, value: &str) -> Reads {
        if value.trim().is_empty() {
            return Reads::Nothing;
        }
        match self.reading {
            Reading::Polarity(p) => {
                dates::read_date(p, value).unwrap_or_else(|| read_polarity(p, value))
            }
            Reading::Vocabulary(v) => v.read(value),
        }
    }

    /// The state one value states, `None` when it states nothing or is unknown.
    pub fn state(&self, value: &str) -> Option<ConsentState> {
        match self.read(value) {
            Reads::State(s) => Some(s),
            Reads::Nothing | Reads::Unknown => None,
        }
    }
}

/// True when `value` is a word the built-in polarities know (yes, no, true, false,
/// unsubscribed, a Mailchimp status, ...): a column is read as consent only when every
/// value is one.
pub fn is_consent_word(value: &str) -> bool {
    word(value) != Word::Other || is_status_value(value)
}

#[cfg(test)]
mod tests;
