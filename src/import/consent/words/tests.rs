use super::*;

#[test]
fn spellings_fold_to_one_word() {
    for v in ["Opted Out", "opt-out", "opted_out", "OPTEDOUT", "Opt Out"] {
        assert_eq!(word(v), Word::OptedOut, "{v}");
    }
    for v in ["Opted In", "opt-in", "opted_in", "Subscribed"] {
        assert_eq!(word(v), Word::OptedIn, "{v}");
    }
    for v in ["revoked", "Withdrawn", "Unsubscribed"] {
        assert_eq!(word(v), Word::OptedOut, "{v}");
    }
    for v in ["declined", "Denied", "no consent", "Not subscribed"] {
        assert_eq!(word(v), Word::Refused, "{v}");
    }
    assert_eq!(word("web form"), Word::Other);
}

/// Second new-user trial: informal answers and form-box marks are yes or no; a
/// dash alone is neither (README: unread, never a yes or a blank).
#[test]
fn informal_answers_and_box_marks() {
    for v in [
        "OK", "okay", "Yep", "yeah", "on", "checked", "Ticked", "x", "X", "✓", "✔", "☑", "✅", "y",
    ] {
        assert_eq!(word(v), Word::Yes, "{v}");
    }
    for v in [
        "Nope",
        "nah",
        "OFF",
        "unchecked",
        "Un-ticked",
        "✗",
        "✘",
        "☐",
        "❌",
        "n",
    ] {
        assert_eq!(word(v), Word::No, "{v}");
    }
    for v in ["-", "–", "—", "--", "n/a", "?"] {
        assert_eq!(word(v), Word::Other, "{v}");
    }
}

/// What states consent by itself, whatever the header: member statuses, opt words,
/// consent phrases; not yes/no, `pending`, or words shared with access levels,
/// payments and applications.
#[test]
fn words_that_state_consent_by_themselves() {
    for v in [
        "subscribed",
        "Unsubscribed",
        "cleaned",
        "Opted In",
        "opt-out",
        "Double Opt-In",
        "no consent",
        "Consent Revoked",
        "not subscribed",
        "abgemeldet",
        "Désabonné",
    ] {
        assert!(states_consent(v), "{v}");
    }
    for v in [
        "yes",
        "no",
        "true",
        "pending",
        "granted",
        "accepted",
        "declined",
        "revoked",
        "withdrawn",
        "blocked",
        "stop",
        "-",
        "VIP",
    ] {
        assert!(!states_consent(v), "{v}");
    }
}

#[test]
fn channel_and_consent_words_of_headers() {
    assert!(names_sms_only("text_opt_out"));
    assert!(names_sms_only("do_not_call"));
    assert!(!names_sms_only("email_or_text_opt_out"));
    assert!(!names_sms_only("do_not_email"));
    assert_eq!(consent_stem("gdpr_consent"), Some("consent"));
    assert_eq!(consent_stem("email_opt"), Some("opt"));
    assert_eq!(consent_stem("optional_extras"), None);
    assert_eq!(consent_stem("lifetime_value"), None);
    assert_eq!(consent_stem("unsub_reason"), None);
    assert_eq!(consent_stem("optin_time"), None);
    assert_eq!(consent_stem("bewerbung"), None);
    assert_eq!(consent_stem("bewerbung_eingegangen"), None);
    assert_eq!(consent_stem("erwerbungsdatum_x"), None);
    assert_eq!(consent_stem("telefonwerbung"), Some("werbung"));
    assert_eq!(consent_stem("bewerbung_und_werbung"), Some("werbung"));
    assert_eq!(consent_stem("text_opt_out"), Some("opt"));
}

#[test]
fn yes_no_like_values() {
    for v in [
        "Opted-Out (2024)",
        "yes, by phone",
        "not given",
        "agreed 2024",
    ] {
        assert!(is_yes_no_like(v), "{v}");
    }
    for v in [
        "203.0.113.7",
        "2024-01-15 10:22:31",
        "web form",
        "weekly",
        "I no longer want to receive these emails",
    ] {
        assert!(!is_yes_no_like(v), "{v}");
    }
}

/// A spreadsheet's 1/0 saved as a decimal is still yes/no; other numbers are not.
#[test]
fn decimal_ones_and_zeros_are_yes_and_no() {
    for v in ["1", "1.0", "1.00", " 1.0 "] {
        assert_eq!(word(v), Word::Yes, "{v}");
    }
    for v in ["0", "0.0", "0.000"] {
        assert_eq!(word(v), Word::No, "{v}");
    }
    for v in ["10", "1.5", "2.0", "01", "0.01"] {
        assert_eq!(word(v), Word::Other, "{v}");
    }
    for v in [
        "STOP",
        "stop",
        "Stop",
        "revoked",
        "declined",
        "blocked",
        "withdrawn",
    ] {
        assert!(names_refusal(v), "{v}");
    }
    for v in ["no", "granted", "1"] {
        assert!(!names_refusal(v), "{v}");
    }
}

/// One fold answers both questions as asking each does: the yes/no of a number
/// written as a decimal (matched before folding), spellings folded, values past the
/// longest word, and characters whose lower case is longer than they are.
#[test]
fn word_and_statement_reads_as_word_and_states_consent() {
    for (v, expected) in [
        ("1.0", (Word::Yes, false)),
        ("0.00", (Word::No, false)),
        ("Opted-Out", (Word::OptedOut, true)),
        ("Consent Withdrawn", (Word::OptedOut, true)),
        ("not subscribed", (Word::Refused, true)),
        ("subscribed", (Word::OptedIn, true)),
        ("cleaned", (Word::Other, true)),
        ("yes", (Word::Yes, false)),
        ("DNC", (Word::OptedOut, true)),
        ("web form", (Word::Other, false)),
        ("\u{130}", (Word::Other, false)),
        // 33 bytes: longer than any consent word is read.
        ("unsubscribed unsubscribed unsubsc", (Word::Other, false)),
    ] {
        assert_eq!(word_and_statement(v), expected, "{v}");
        assert_eq!((word(v), states_consent(v)), expected, "{v}");
    }
}

/// An ASCII value folds byte by byte as `fold` folds it character by character
/// (session 11): the six ASCII white-space characters (tab to carriage return and the
/// space) and `-` `_` `.` dropped, the separators U+001C..U+001F and other punctuation
/// kept, capitals lower-cased; and folding stops past the bytes asked for.
#[test]
fn ascii_values_fold_as_characters_do() {
    for v in [
        "Opted-Out",
        "DO_NOT.contact",
        "a\tb\nc\x0bd\x0ce\rf g",
        "x\x1cy\x1fz",
        "Ja!",
        "",
        "  ",
        "1.0",
    ] {
        assert_eq!(with_folded(v, str::to_string), Some(fold(v)), "{v:?}");
    }
    assert_eq!(fold("a\tb\nc\x0bd\x0ce\rf g"), "abcdefg");
    assert_eq!(fold("x\x1cy"), "x\x1cy");
    assert_eq!(
        with_folded_within("Stop-All", 7, str::to_string),
        Some("stopall".into())
    );
    assert_eq!(with_folded_within("Stop-All", 6, str::to_string), None);
}
