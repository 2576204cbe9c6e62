//! Consent columns of real exports, mapped to a per-channel [`ConsentState`].
//!
//! Owns the vocabulary of consent headers and values. A column is a consent column when
//! the classifier gives it a consent role, or when its header is one we know:
//! Shopify `Accepts Email Marketing` / `Accepts SMS Marketing` (yes/no), Ghost
//! `subscribed_to_emails` (true/false), HubSpot `Unsubscribed from all email`
//! (true = withdrawn), generic `email_opt_in`, `marketing_consent`, `unsubscribed`, and a
//! Mailchimp-style `status` column whose values are all subscribed / unsubscribed /
//! cleaned / pending. The loader asks [`ConsentColumn::state`] for each row and
//! combines the answer with the stored state through [`merge`].
//!
//! A "no" in a positive column (Shopify `Accepts Email Marketing = no`) is
//! [`IncomingConsent::Declined`]: consent is not granted. The export cannot tell a
//! customer who never subscribed from one who unsubscribed, so the stored state decides:
//! a contact we hold as granted has withdrawn; anyone else has simply not subscribed
//! (not asked, with the column as its source), and may opt in with a later "yes".
//! Explicit opt-out vocabularies (`unsubscribed = true`, HubSpot `Unsubscribed from all
//! email = true`, Mailchimp `unsubscribed`, `cleaned`) are withdrawals or bounces
//! whatever was stored. "false" in an opt-out column says only that no opt-out is known,
//! so it says nothing.

use crate::fields::{Channel, ConsentState};

/// How a column's values say consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Polarity {
    /// true/yes = granted, false/no = declined.
    Positive,
    /// true/yes = withdrawn (unsubscribed), false/no = nothing known.
    Inverted,
    /// Mailchimp member status: subscribed, unsubscribed, cleaned (bounced), pending.
    Status,
}

/// One consent column of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentColumn {
    /// Index of the column in the file.
    pub index: usize,
    pub channel: Channel,
    pub polarity: Polarity,
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

/// What one row (or the file's stated consent) says about one channel, before it meets
/// the stored state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IncomingConsent {
    /// Opted in: `yes`, `subscribed`, `--consent email=granted`.
    Granted,
    /// Not granted, without saying whether consent was ever given: `no` / `false` in a
    /// positive column. A withdrawal only for a contact stored as granted.
    Declined,
    /// Opted out: `unsubscribed = true`, Mailchimp `unsubscribed`,
    /// `--consent email=withdrawn`.
    Withdrawn,
    /// The address bounced: Mailchimp `cleaned`, `--consent email=bounced`.
    Bounced,
    /// Nothing new: Mailchimp `pending`, `unsubscribed = false`, no consent at all.
    Silent,
}

impl From<ConsentState> for IncomingConsent {
    /// A state stated for a whole file (`--consent CHANNEL=STATE`).
    fn from(state: ConsentState) -> Self {
        match state {
            ConsentState::Granted => IncomingConsent::Granted,
            ConsentState::NotAsked => IncomingConsent::Silent,
            ConsentState::Withdrawn => IncomingConsent::Withdrawn,
            ConsentState::Bounced => IncomingConsent::Bounced,
        }
    }
}

/// The outcome of [`merge`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merged {
    pub state: ConsentState,
    /// True when the row's word decided the state: the row's source is recorded and
    /// its consent column value is stored. False when the stored state stands: its
    /// source and the consent column's stored value are kept, so the column never
    /// contradicts the state.
    pub by_row: bool,
}

/// The consent after a row that says `incoming` about a contact stored as `stored`
/// (a new contact counts as [`ConsentState::NotAsked`]).
///
/// Withdrawn and bounced are sticky: nothing turns them back into granted (PRODUCT.md,
/// "Import rules"); a newer explicit withdrawal or bounce still replaces the other.
/// Declined withdraws a granted consent and leaves every other state as it was.
pub fn merge(stored: ConsentState, incoming: IncomingConsent) -> Merged {
    use ConsentState as S;
    use IncomingConsent as I;
    let (state, by_row) = match (stored, incoming) {
        (_, I::Withdrawn) => (S::Withdrawn, true),
        (_, I::Bounced) => (S::Bounced, true),
        (_, I::Silent) => (stored, false),
        (S::Granted | S::NotAsked, I::Granted) => (S::Granted, true),
        (S::Granted, I::Declined) => (S::Withdrawn, true),
        (S::NotAsked, I::Declined) => (S::NotAsked, true),
        (S::Withdrawn | S::Bounced, I::Granted | I::Declined) => (stored, false),
    };
    Merged { state, by_row }
}

impl ConsentColumn {
    /// What one cleaned value says, `None` for a blank or unrecognised value (the row
    /// then falls back to the file's stated consent, if any).
    pub fn state(&self, value: &str) -> Option<IncomingConsent> {
        // Consent words are short; anything longer is no consent word (and is not
        // lower-cased into a fresh string for every row).
        if value.len() > 16 {
            return None;
        }
        let v = if value.is_ascii() {
            value.to_ascii_lowercase()
        } else {
            value.to_lowercase()
        };
        // Yes and no also in German (ja/nein), French (oui/non), Spanish and Italian
        // (sí, si/no) and Dutch (ja/nee): exports keep the words of their locale, as
        // the sample loyalty file's `Newsletter` column (ja/nein) does.
        let truthy = matches!(
            v.as_str(),
            "true"
                | "yes"
                | "y"
                | "1"
                | "granted"
                | "opted_in"
                | "opt_in"
                | "subscribed"
                | "ja"
                | "oui"
                | "sí"
                | "si"
        );
        let falsy = matches!(
            v.as_str(),
            "false" | "no" | "n" | "0" | "nein" | "non" | "nee"
        );
        let opted_out = matches!(
            v.as_str(),
            "opted_out" | "opt_out" | "unsubscribed" | "withdrawn"
        );
        match self.polarity {
            Polarity::Positive if truthy => Some(IncomingConsent::Granted),
            Polarity::Positive if falsy => Some(IncomingConsent::Declined),
            Polarity::Positive if opted_out => Some(IncomingConsent::Withdrawn),
            Polarity::Inverted if truthy => Some(IncomingConsent::Withdrawn),
            Polarity::Inverted if falsy => Some(IncomingConsent::Silent),
            Polarity::Status => match v.as_str() {
                "subscribed" => Some(IncomingConsent::Granted),
                "unsubscribed" => Some(IncomingConsent::Withdrawn),
                "cleaned" => Some(IncomingConsent::Bounced),
                "pending" | "transactional" | "archived" => Some(IncomingConsent::Silent),
                _ => None,
            },
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use IncomingConsent::{Declined, Silent};

    #[test]
    fn yes_and_no_in_european_languages() {
        let c = column("email_opt_in", false);
        for yes in ["ja", "JA", "oui", "Oui", "sí", "SÍ", "si"] {
            assert_eq!(c.state(yes), Some(IncomingConsent::Granted), "{yes}");
        }
        for no in ["nein", "Nein", "non", "NON", "no", "nee"] {
            assert_eq!(c.state(no), Some(Declined), "{no}");
        }
        let opt_out = column("unsubscribed", false);
        assert_eq!(opt_out.state("ja"), Some(IncomingConsent::Withdrawn));
        assert_eq!(opt_out.state("nein"), Some(Silent));
        assert_eq!(c.state("vielleicht"), None);
    }

    fn column(name: &str, all_status: bool) -> ConsentColumn {
        let (channel, polarity, reason) = recognise(name, all_status).unwrap();
        ConsentColumn {
            index: 0,
            channel,
            polarity,
            reason,
        }
    }

    #[test]
    fn known_exports_map_to_states() {
        use IncomingConsent::{Bounced, Granted, Withdrawn};
        let shopify = column("accepts_email_marketing", false);
        assert_eq!(shopify.state("yes"), Some(Granted));
        assert_eq!(shopify.state("no"), Some(Declined));
        assert_eq!(shopify.state("unsubscribed"), Some(Withdrawn));
        assert_eq!(column("accepts_sms_marketing", false).channel, Channel::Sms);
        // Short forms seen in the new-user trial, and Shopify's older export.
        for (header, channel) in [
            ("accepts_sms", Channel::Sms),
            ("accepts_email", Channel::Email),
            ("accepts_marketing", Channel::Email),
        ] {
            let c = column(header, false);
            assert_eq!((c.channel, c.polarity), (channel, Polarity::Positive));
            assert_eq!(c.state("no"), Some(Declined));
        }
        let ghost = column("subscribed_to_emails", false);
        assert_eq!(ghost.state("true"), Some(Granted));
        assert_eq!(ghost.state("false"), Some(Declined));
        let hubspot = column("unsubscribed_from_all_email", false);
        assert_eq!(hubspot.state("true"), Some(Withdrawn));
        assert_eq!(hubspot.state("false"), Some(Silent));
        assert_eq!(column("unsubscribed", false).state("TRUE"), Some(Withdrawn));
        let mailchimp = column("status", true);
        assert_eq!(mailchimp.state("cleaned"), Some(Bounced));
        assert_eq!(mailchimp.state("Unsubscribed"), Some(Withdrawn));
        assert_eq!(mailchimp.state("subscribed"), Some(Granted));
        assert_eq!(mailchimp.state("pending"), Some(Silent));
        assert!(recognise("status", false).is_none());
        assert_eq!(shopify.state("maybe"), None);
    }

    /// Every (stored, incoming) pair, worked out by hand from the rules in the module
    /// header: `G`ranted, `N`ot asked, `W`ithdrawn, `B`ounced; `row` = the row decided.
    #[test]
    fn merge_table_covers_every_pair() {
        use ConsentState::{Bounced as B, Granted as G, NotAsked as N, Withdrawn as W};
        use IncomingConsent as I;
        let incoming = [I::Granted, I::Declined, I::Withdrawn, I::Bounced, I::Silent];
        let row = true;
        let kept = false;
        #[rustfmt::skip]
        let table: [(ConsentState, [(ConsentState, bool); 5]); 4] = [
            //        Granted     Declined    Withdrawn   Bounced     Silent
            (G, [(G, row),  (W, row),  (W, row),  (B, row),  (G, kept)]),
            (N, [(G, row),  (N, row),  (W, row),  (B, row),  (N, kept)]),
            (W, [(W, kept), (W, kept), (W, row),  (B, row),  (W, kept)]),
            (B, [(B, kept), (B, kept), (W, row),  (B, row),  (B, kept)]),
        ];
        for (stored, expected) in table {
            for (i, (state, by_row)) in incoming.iter().zip(expected) {
                assert_eq!(
                    merge(stored, *i),
                    Merged { state, by_row },
                    "stored {stored:?}, incoming {i:?}"
                );
            }
        }
    }

    #[test]
    fn file_level_states_map_to_incoming() {
        assert_eq!(
            IncomingConsent::from(ConsentState::NotAsked),
            IncomingConsent::Silent
        );
        assert_eq!(
            IncomingConsent::from(ConsentState::Withdrawn),
            IncomingConsent::Withdrawn
        );
    }
}
