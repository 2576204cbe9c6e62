//! Which values state an opt-out in words; expected values worked out by hand from
//! the module doc (whole words, `STOP` only alone, addresses never).

use super::phrases::{PHRASES, has_phrase, has_phrase_ascii};
use super::{is_reply_keyword, notes_opt_out, says_none, says_refusal};

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

/// The ASCII phrase check (no lower-cased copy, words compared without case) answers
/// as the check of any text does, on values worked out by hand: phrases in any case,
/// split by any punctuation, at most twelve words, and the near misses.
#[test]
fn ascii_phrase_check_reads_as_the_lower_cased_words() {
    for (v, expected) in [
        ("Please DO NOT email me", true),
        ("do-not-e-mail", true),
        ("Opted_Out!!", true),
        ("UNSUB", true),
        ("keine Werbung", true),
        ("no more EMAILS please", true),
        // Twelve words holding a phrase: still read; thirteen: prose.
        (
            "one two three four five six seven eight nine ten opted out",
            true,
        ),
        (
            "one two three four five six seven eight nine ten eleven opted out",
            false,
        ),
        ("do not", false),
        ("optedout2", false),
        ("asked about stop-loss", false),
        ("opt in", false),
        ("", false),
        ("don't email", true),
        // A negation with a channel word (`negation`, trial 8 M1).
        ("dont email", true),
        ("No E-Mails", true),
        ("no issues with email", false),
        ("emailed about no-show", false),
        ("no email address on file", false),
        ("I do not receive the newsletter", false),
        ("I do not want to receive the newsletter", true),
    ] {
        assert_eq!(has_phrase_ascii(v), expected, "{v}");
        assert_eq!(has_phrase(v), expected, "{v}");
    }
}

/// A negation then a channel word, in the eight languages, is a refusal; a note that
/// only mentions a channel near a negation is not (`negation`'s module doc; trial 8 M1).
#[test]
fn a_negated_channel_refuses_and_a_mention_does_not() {
    for v in [
        "no emails",
        "Stop Pub",
        "pas de pub",
        "bitte keine Newsletter",
        "no quiero publicidad",
        "niente pubblicità",
        "geen nieuwsbrief meer",
        "não quero receber emails",
        "proszę nie wysyłać maili",
        "opt me out",
    ] {
        assert!(says_refusal(v), "{v}");
    }
    for v in [
        "no issues with email",
        "no email on file",
        "no emails sent yet",
        "Kein Problem mit der E-Mail",
        "non ricevo la newsletter",
        "no",
    ] {
        assert!(!says_refusal(v), "{v}");
    }
}

/// Every phrase, in capitals, between other words and at either end of a value, is
/// found by the ASCII check with its first-word look (`may_start_phrase`), as by the
/// lower-casing one, and one word short of each phrase reads as the lower-casing check
/// reads it (session 11: the phrases are no longer compared at every word).
#[test]
fn every_ascii_phrase_is_found_wherever_it_stands() {
    for phrase in PHRASES.iter().filter(|p| p.iter().all(|w| w.is_ascii())) {
        let words = phrase.join(" ").to_uppercase();
        for v in [
            words.clone(),
            format!("Note: {words}"),
            format!("{words} (2024)"),
        ] {
            assert!(has_phrase_ascii(&v), "{v}");
            assert!(has_phrase(&v), "{v}");
        }
        if phrase.len() > 1 {
            let short = phrase[..phrase.len() - 1].join(" ").to_uppercase();
            assert_eq!(has_phrase_ascii(&short), has_phrase(&short), "{short}");
        }
    }
}

/// The reply keywords and the preferences' `none` words are read folded, as before
/// (session 11: folded on the stack).
#[test]
fn reply_keywords_and_none_words_fold() {
    for (v, expected) in [
        ("CANCEL", true),
        (" Quit! ", true),
        ("e-n-d", true),
        ("cancelled", false),
        ("endless", false),
        ("", false),
    ] {
        assert_eq!(is_reply_keyword(v), expected, "{v}");
    }
    for (v, expected) in [
        ("None", true),
        ("NO CONTACT", true),
        ("no_emails", true),
        ("nothing at all", false),
        ("nein", false),
    ] {
        assert_eq!(says_none(v), expected, "{v}");
    }
}
