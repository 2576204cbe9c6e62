//! Consent columns of real exports, mapped to a per-channel [`ConsentState`].
//!
//! Owns the vocabulary of consent headers and values. A column is a consent column when
//! the classifier gives it a consent role, or when its header is one we know:
//! Shopify `Accepts Email Marketing` / `Accepts SMS Marketing` (yes/no), Ghost
//! `subscribed_to_emails` (true/false), HubSpot `Unsubscribed from all email`
//! (true = withdrawn), generic `email_opt_in`, `marketing_consent`, `unsubscribed`, and a
//! Mailchimp-style `status` column whose values are all subscribed / unsubscribed /
//! cleaned / pending. The loader asks [`ConsentColumn::state`] for each row.
//!
//! An explicit "no" in a positive column (Shopify `Accepts Email Marketing = no`) is
//! read as withdrawn, not "not asked": the export cannot tell a never-asked customer
//! from one who unsubscribed, and treating it as withdrawn is the side that cannot send
//! a message to someone who said no. "false" in an inverted column
//! (`unsubscribed = false`) says only that no opt-out is known, so it is "not asked".

use crate::fields::{Channel, ConsentState};

/// How a column's values say consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Polarity {
    /// true/yes = granted, false/no = withdrawn.
    Positive,
    /// true/yes = withdrawn (unsubscribed), false/no = not asked.
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
    matches!(
        value.to_ascii_lowercase().as_str(),
        "subscribed" | "unsubscribed" | "cleaned" | "pending" | "transactional" | "archived"
    )
}

/// Recognise a consent column by its normalised field name. `all_status_values` says
/// whether every non-blank value of the column is a Mailchimp status (see
/// [`is_status_value`]), which a bare `status` header needs to count.
pub fn recognise(name: &str, all_status_values: bool) -> Option<(Channel, Polarity, String)> {
    let known = |what: &str| format!("header `{name}` is a known consent column ({what})");
    let hit = match name {
        "accepts_email_marketing" => (Channel::Email, Polarity::Positive, known("Shopify")),
        "accepts_sms_marketing" => (Channel::Sms, Polarity::Positive, known("Shopify")),
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

impl ConsentColumn {
    /// The state one cleaned value says, `None` for a blank or unrecognised value (the
    /// row then falls back to the file's stated consent, if any).
    pub fn state(&self, value: &str) -> Option<ConsentState> {
        let v = value.to_ascii_lowercase();
        let truthy = matches!(
            v.as_str(),
            "true" | "yes" | "y" | "1" | "granted" | "opted_in" | "opt_in" | "subscribed"
        );
        let falsy = matches!(
            v.as_str(),
            "false" | "no" | "n" | "0" | "opted_out" | "opt_out" | "unsubscribed" | "withdrawn"
        );
        match self.polarity {
            Polarity::Positive if truthy => Some(ConsentState::Granted),
            Polarity::Positive if falsy => Some(ConsentState::Withdrawn),
            Polarity::Inverted if truthy => Some(ConsentState::Withdrawn),
            Polarity::Inverted if falsy => Some(ConsentState::NotAsked),
            Polarity::Status => match v.as_str() {
                "subscribed" => Some(ConsentState::Granted),
                "unsubscribed" => Some(ConsentState::Withdrawn),
                "cleaned" => Some(ConsentState::Bounced),
                "pending" | "transactional" | "archived" => Some(ConsentState::NotAsked),
                _ => None,
            },
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ConsentState::*;

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
        let shopify = column("accepts_email_marketing", false);
        assert_eq!(shopify.state("yes"), Some(Granted));
        assert_eq!(shopify.state("no"), Some(Withdrawn));
        assert_eq!(column("accepts_sms_marketing", false).channel, Channel::Sms);
        let ghost = column("subscribed_to_emails", false);
        assert_eq!(ghost.state("true"), Some(Granted));
        assert_eq!(ghost.state("false"), Some(Withdrawn));
        let hubspot = column("unsubscribed_from_all_email", false);
        assert_eq!(hubspot.state("true"), Some(Withdrawn));
        assert_eq!(hubspot.state("false"), Some(NotAsked));
        let mailchimp = column("status", true);
        assert_eq!(mailchimp.state("cleaned"), Some(Bounced));
        assert_eq!(mailchimp.state("Unsubscribed"), Some(Withdrawn));
        assert_eq!(mailchimp.state("pending"), Some(NotAsked));
        assert!(recognise("status", false).is_none());
        assert_eq!(shopify.state("maybe"), None);
    }
}
