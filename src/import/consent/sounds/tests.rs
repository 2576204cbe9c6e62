use super::*;
use crate::import::normalise::snake_case;

/// Headers of the new-user trial and their kin in the languages of small-business
/// exports sound like consent; the word reported is the one a reader would point at.
/// Worked out by hand from the word lists: each header holds one word of `ALONE`, or
/// a pair's word beside a partner (both reported in the header's order), and no word
/// of `ORDINARY`.
#[test]
fn consent_ish_headers() {
    let table = [
        ("Mailing list", "mailing"),
        ("Can Contact", "can contact"),
        ("Contact me", "contact me"),
        ("OK to contact", "ok contact"),
        ("Receive offers", "offers"),
        ("Receive emails", "receive"),
        ("Promo emails", "promo"),
        ("Email list", "email list"),
        ("SMS list", "sms list"),
        ("Email status", "email status"),
        ("Can email", "can email"),
        ("Acepta publicidad", "publicidad"),
        ("Subscription", "subscription"),
        ("Mailing", "mailing"),
        ("Newsletter", "newsletter"),
        ("Abonné", "abonne"),
        ("Werbung erlaubt", "werbung"),
        ("Zustimmung", "zustimmung"),
        ("Recibir ofertas", "ofertas"),
        ("Accetta comunicazioni", "accetta comunicazioni"),
        ("Nieuwsbrief", "nieuwsbrief"),
        ("Aceita receber emails", "receber"),
        ("GDPR", "gdpr"),
        ("Marketing", "marketing"),
    ];
    for (header, word) in table {
        assert_eq!(
            consent_ish(&snake_case(header)).as_deref(),
            Some(word),
            "{header}"
        );
    }
}

/// Ordinary fields are not caught by their header: no consent-ish word (`Email`,
/// `Contact Name`, `Last order status`), or a word of `ORDINARY` beside it
/// (`Promo code`, `Subscription plan`, `Mailing address`).
#[test]
fn ordinary_headers_are_not_consent_ish() {
    for header in [
        "Email",
        "Contact Name",
        "Contact",
        "Promo code",
        "Last order status",
        "Subscription plan",
        "Subscription Auto Renew",
        "Mailing address",
        "Marketing budget",
        "Order status",
        "Status",
        "Email verified",
        "Phone Service",
        "PaperlessBilling",
        "Accepts Terms",
        "Text",
        "Received",
        "Inscrit",
    ] {
        assert_eq!(consent_ish(&snake_case(header)), None, "{header}");
    }
}

/// List and account statuses in several languages, however spelt; order statuses
/// and plan names are not.
#[test]
fn status_words() {
    for v in [
        "Active",
        "REMOVED",
        "Cancelled",
        "canceled",
        "Bounced",
        "hard bounce",
        "Inactive",
        "Blocklisted",
        "aktiv",
        "Gekündigt",
        "résilié",
        "cancelado",
        "actief",
    ] {
        assert!(is_status_word(v), "{v}");
    }
    for v in ["Basic", "Pro", "completed", "shipped", "yes", "Gold", ""] {
        assert!(!is_status_word(v), "{v}");
    }
}

/// A header naming a channel or a newsletter vocabulary gives its word, worked out from
/// `CHANNELS` and `NEWS`; one about the address itself (`verified`, `valid`, `has`) or
/// a note (`email_date`) gives none, and so does a header with neither.
#[test]
fn channel_and_news_headers() {
    for (header, word) in [
        ("Email preference", Some("email")),
        ("Werbe-Mails", Some("mails")),
        ("SMS", Some("sms")),
        ("Keep me informed", Some("informed")),
        ("Nyhetsbrev", Some("nyhetsbrev")),
        ("Email verified", None),
        ("Has mobile", None),
        ("Partner", None),
        ("Paperless Billing", None),
    ] {
        assert_eq!(names_channel(&snake_case(header)), word, "{header}");
    }
}
