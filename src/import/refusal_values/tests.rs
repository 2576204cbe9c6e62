//! Which values state an opt-out in words; expected values worked out by hand from
//! the module doc (whole words, `STOP` only alone, addresses never).

use super::{notes_opt_out, says_refusal};

#[test]
fn refusal_phrases_are_whole_words() {
    for v in [
        "unsubscribed from all",
        "STOP",
        "Stop",
        "unsubscribe me",
        "opted out of everything",
        "Unsubscribed - too many emails",
        "opt-out",
        "Do not email",
        "do not contact please",
        "no marketing",
        "abgemeldet",
        "Désabonné",
        "désinscrite",
        "dado de baja",
        "DNC",
        "STOP!",
        "\"stop\"",
        "Opted-Out",
        "UNSUBSCRIBED.",
        "désabonnés",
        // Twelve words: still a statement.
        "please do not email me again, I asked you twice last week",
    ] {
        assert!(says_refusal(v), "{v}");
    }
    for v in [
        "weekly digest",
        "asked about stop-loss",
        "stop by the shop",
        "optional extras",
        "subscribed",
        "stop@shop.com",
        "unsubscribe@example.com",
        "",
        "Email",
        "None",
        "stopped",
        "Stop here",
        // Prose of more than twelve words (the real support tickets' descriptions).
        "I'm having an issue with the product. Please assist. Thank you for subscribing! You may unsubscribe at any time.",
    ] {
        assert!(!says_refusal(v), "{v}");
    }
}

#[test]
fn opt_out_notes_are_reasons_and_dates_not_links() {
    for n in [
        "opt_out_reason",
        "unsubscribe_reason",
        "unsub_date",
        "marketing_opt_out_reason",
    ] {
        assert!(notes_opt_out(n), "{n}");
    }
    for n in [
        "unsubscribe_url",
        "unsubscribe_link",
        "notes",
        "opt_in_date",
        "email_preferences",
    ] {
        assert!(!notes_opt_out(n), "{n}");
    }
}
