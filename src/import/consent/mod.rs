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
//! `marketing_consent`, `unsubscribed`, and a Mailchimp-style `status` column whose
//! values are all member statuses.
//!
//! What a value states: a "no" in a positive column is [`ConsentState::Declined`] (the
//! person said no); opt-out words are withdrawals or bounces; "false" in an opt-out
//! column says only that no opt-out is known, so it states nothing, like a blank, and
//! the file's `--consent` fills it. How a statement meets the stored state is
//! [`merge`]'s job; which time and IP back it is [`evidence`]'s.

pub mod evidence;
pub mod merge;
pub mod row;

use serde::Deserialize;

use super::layout::Vocabulary;
use crate::fields::{Channel, ConsentState};

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
}

/// The values a Mailchimp-style status column may hold.
pub fn is_status_value(value: &str) -> bool {
    [
        "subscribed",
        "unsubscribed",
        "cleaned",
        "pending",
        "transactional",
        "archived",
    ]
    .iter()
    .any(|s| value.eq_ignore_ascii_case(s))
}

/// Recognise a consent column by its normalised field name. `all_status_values` says
/// whether every non-blank value of the column is a Mailchimp status (see
/// [`is_status_value`]), which a bare `status` header needs to count.
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
        "status" | "member_status" | "email_status" | "subscription_status"
            if all_status_values =>
        {
            (
                Channel::Email,
                Polarity::Status,
                format!("every value of `{name}` is a Mailchimp member status"),
            )
        }
        _ => return None,
    };
    Some(hit)
}

/// The polarity to use for a column the classifier called a consent column: inverted
/// when its name speaks of opting out.
pub fn polarity_from_name(name: &str, all_status_values: bool) -> Polarity {
    if all_status_values {
        Polarity::Status
    } else if name.contains("unsub") || name.contains("opt_out") || name.contains("optout") {
        Polarity::Inverted
    } else {
        Polarity::Positive
    }
}

/// The word class of one value under the built-in polarities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    Truthy,
    Falsy,
    OptedOut,
    Other,
}

fn word(value: &str) -> Word {
    // Consent words are short; anything longer is no consent word (and is not
    // lower-cased into a fresh string for every row).
    if value.len() > 16 {
        return Word::Other;
    }
    // ASCII words are lower-cased on the stack: this runs on every value of every
    // column in the first pass.
    let mut ascii = [0u8; 16];
    let lowered;
    let v = if value.is_ascii() {
        let bytes = &mut ascii[..value.len()];
        bytes.copy_from_slice(value.as_bytes());
        bytes.make_ascii_lowercase();
        std::str::from_utf8(bytes).unwrap_or_default()
    } else {
        lowered = value.to_lowercase();
        lowered.as_str()
    };
    // Yes and no also in German (ja/nein), French (oui/non), Spanish and Italian
    // (sí, si/no) and Dutch (ja/nee): exports keep the words of their locale, as the
    // sample loyalty file's `Newsletter` column (ja/nein) does.
    match v {
        "true" | "yes" | "y" | "1" | "granted" | "opted_in" | "opt_in" | "subscribed" | "ja"
        | "oui" | "sí" | "si" => Word::Truthy,
        "false" | "no" | "n" | "0" | "nein" | "non" | "nee" => Word::Falsy,
        "opted_out" | "opt_out" | "unsubscribed" | "withdrawn" => Word::OptedOut,
        _ => Word::Other,
    }
}

/// What `value` (not blank) says under `polarity`.
fn read_polarity(polarity: Polarity, value: &str) -> Reads {
    use ConsentState as S;
    match (polarity, word(value)) {
        (Polarity::Positive, Word::Truthy) => Reads::State(S::Granted),
        (Polarity::Positive, Word::Falsy) => Reads::State(S::Declined),
        (Polarity::Positive, Word::OptedOut) => Reads::State(S::Withdrawn),
        (Polarity::Inverted, Word::Truthy | Word::OptedOut) => Reads::State(S::Withdrawn),
        (Polarity::Inverted, Word::Falsy) => Reads::Nothing,
        (Polarity::Status, _) => match value.to_ascii_lowercase().as_str() {
            "subscribed" => Reads::State(S::Granted),
            "unsubscribed" => Reads::State(S::Withdrawn),
            "cleaned" => Reads::State(S::Bounced),
            // Pending: the double opt-in was never confirmed; transactional and
            // archived contacts receive no marketing. Not asked, as stated by the file.
            "pending" | "transactional" | "archived" => Reads::State(S::NotAsked),
            _ => Reads::Unknown,
        },
        // A yes/no column that later holds member statuses (a Mailchimp export
        // imported into a field a Shopify file made): `cleaned` is a bounce whatever
        // the column's polarity, `pending` never confirmed.
        (_, Word::Other) => match read_polarity(Polarity::Status, value) {
            Reads::State(S::Bounced) => Reads::State(S::Bounced),
            Reads::State(S::NotAsked) => Reads::State(S::NotAsked),
            _ => Reads::Unknown,
        },
    }
}

/// The value to store in a boolean consent field named `field` for what a consent
/// column's value `reads`, under the field's own polarity (its name: `unsubscribed`
/// is true for an opt-out): `Some(None)` for a blank, `None` for a value no boolean
/// can hold (an unknown word). A yes/no field that a later file fills with consent
/// words (`unsubscribed`, `cleaned`) keeps its type this way; the consent state itself
/// is recorded as for any consent column.
pub fn as_boolean(reads: Reads, field: &str) -> Option<Option<bool>> {
    use ConsentState as S;
    let inverted = polarity_from_name(field, false) == Polarity::Inverted;
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
            Reading::Polarity(p) => read_polarity(p, value),
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
mod tests {
    use super::*;
    use ConsentState::{Bounced, Declined, Granted, NotAsked, Withdrawn};

    fn column(name: &str, all_status: bool) -> ConsentColumn {
        let (channel, polarity, reason) = recognise(name, all_status).unwrap();
        ConsentColumn {
            index: 0,
            channel,
            reading: Reading::Polarity(polarity),
            reason,
        }
    }

    #[test]
    fn yes_and_no_in_european_languages() {
        let c = column("email_opt_in", false);
        for yes in ["ja", "JA", "oui", "Oui", "sí", "SÍ", "si"] {
            assert_eq!(c.state(yes), Some(Granted), "{yes}");
        }
        for no in ["nein", "Nein", "non", "NON", "no", "nee"] {
            assert_eq!(c.state(no), Some(Declined), "{no}");
        }
        let opt_out = column("unsubscribed", false);
        assert_eq!(opt_out.state("ja"), Some(Withdrawn));
        assert_eq!(opt_out.state("nein"), None);
        assert_eq!(c.read("vielleicht"), Reads::Unknown);
        assert_eq!(opt_out.read("nein"), Reads::Nothing);
    }

    /// Issue 9: HubSpot's `false` states nothing, so it ends like a blank cell (and
    /// `--consent` fills it), never with less consent than a blank.
    #[test]
    fn known_exports_map_to_states() {
        let shopify = column("accepts_email_marketing", false);
        assert_eq!(shopify.state("yes"), Some(Granted));
        assert_eq!(shopify.state("no"), Some(Declined));
        assert_eq!(shopify.state("unsubscribed"), Some(Withdrawn));
        assert_eq!(shopify.state(""), None);
        assert_eq!(column("accepts_sms_marketing", false).channel, Channel::Sms);
        let ghost = column("subscribed_to_emails", false);
        assert_eq!(ghost.state("true"), Some(Granted));
        assert_eq!(ghost.state("false"), Some(Declined));
        let hubspot = column("unsubscribed_from_all_email", false);
        assert_eq!(hubspot.state("true"), Some(Withdrawn));
        assert_eq!(hubspot.state("false"), None);
        assert_eq!(hubspot.state(""), None);
        assert_eq!(column("unsubscribed", false).state("TRUE"), Some(Withdrawn));
        let mailchimp = column("status", true);
        assert_eq!(mailchimp.state("cleaned"), Some(Bounced));
        assert_eq!(mailchimp.state("Unsubscribed"), Some(Withdrawn));
        assert_eq!(mailchimp.state("subscribed"), Some(Granted));
        assert_eq!(mailchimp.state("pending"), Some(NotAsked));
        assert!(recognise("status", false).is_none());
        assert_eq!(shopify.state("maybe"), None);
    }

    /// Issue 9: IP addresses and times are no consent words, so `OPTIN_IP` under a
    /// consent-sounding header is not read as consent.
    #[test]
    fn consent_words_exclude_addresses_and_times() {
        for w in ["yes", "No", "TRUE", "0", "subscribed", "Pending", "nein"] {
            assert!(is_consent_word(w), "{w}");
        }
        for w in ["203.0.113.7", "2024-01-15 10:22:31", "2", "web form"] {
            assert!(!is_consent_word(w), "{w}");
        }
    }
}
