//! Promise 1 ("nobody who opted out gets a message") against the consent columns a
//! new-user trial found misread (README, "Consent rules"): an opt-out under a header
//! that names no channel stayed on e-mail while `--consent sms=granted` texted the
//! person; opt-out dates were ignored; `DNE`, `DNC`, bounce flags and Robinson lists
//! were not recognised. Each test imports a small file through the binary and asserts
//! who receives the e-mail (`news`) and the SMS (`text`) campaign.
//!
//! Expected values worked out by hand from the headers' meaning and the README's rules:
//! a withdrawal or refusal under a header naming no channel (or both) is recorded for
//! e-mail and SMS, so that contact is excluded (`no_consent`) from both campaigns even
//! with `--consent ...=granted`; a grant there stays e-mail; a bounce stays e-mail; a
//! header naming one channel refuses only that channel; a filled opt-out date is a
//! withdrawal, a blank says nothing (the option fills it), any other value is
//! unreadable (not asked, not filled).

mod review_support;

use predicates::str::contains;
use review_support::{BOTH_GRANTED, EMAIL_EVERYONE, SMS_EVERYONE, Ws, outcomes, pairs, two_people};

/// Point 1: `yes` under an opt-out header that names no channel (or all of them) is a
/// withdrawal on both channels, so p1 gets neither message; p2's `no` states nothing
/// and both options fill it.
#[test]
fn an_opt_out_naming_no_channel_refuses_e_mail_and_sms() {
    let both_refused = pairs(&[("p1@example.com", "no_consent"), ("p2@example.com", "-")]);
    for header in [
        "unsubscribe",
        "Do Not Contact",
        "blocked",
        "Opt Out All Channels",
        "Global Unsubscribe",
        "TCPA Opt Out",
        "Do Not Market",
        "Do Not Solicit",
        "Opted out of marketing",
        "Email or Text Opt Out",
        "Robinson",
        "Robinsonliste",
        "Lista Robinson",
    ] {
        let (email, sms) = outcomes(&two_people(header, "yes", "no"), &[]);
        assert_eq!(email, both_refused, "{header}: e-mail");
        assert_eq!(sms, both_refused, "{header}: SMS");
    }
}

/// Point 1, the other polarity: `no` under the channel-less opt-in header `consent`
/// is a refusal of both channels (p2 gets neither), while p1's `yes` grants e-mail
/// only: with no SMS option, p1's SMS stays not asked. A value nobody can read there
/// (`maybe`) is not asked on both channels, and neither option fills it.
#[test]
fn a_channel_less_grant_stays_on_e_mail_and_its_refusal_reaches_sms() {
    let ws = Ws::new();
    let csv = "email,phone,first_name,consent\n\
               p1@example.com,+447700900111,P1,yes\n\
               p2@example.com,+447700900112,P2,no\n";
    let file = ws.write("people.csv", csv);
    ws.ok(&["import", &file]);
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("p1@example.com", "-"), ("p2@example.com", "no_consent"),])
    );
    let shown = ws.json(&["contact", "show", "p1@example.com"], 0);
    let sms = shown["consent"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["channel"] == "sms")
        .unwrap()
        .clone();
    assert_eq!(sms["state"], "not_asked", "{shown}");
    let shown = ws.json(&["contact", "show", "p2@example.com"], 0);
    let sms = shown["consent"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["channel"] == "sms")
        .unwrap()
        .clone();
    assert_eq!(sms["state"], "declined", "{shown}");

    let (email, sms) = outcomes(
        "email,phone,first_name,Do Not Contact\n\
         p1@example.com,+447700900111,P1,maybe\n\
         p2@example.com,+447700900112,P2,no\n\
         p3@example.com,+447700900113,P3,yes\n",
        &[],
    );
    let expected = pairs(&[
        ("p1@example.com", "no_consent"),
        ("p2@example.com", "-"),
        ("p3@example.com", "no_consent"),
    ]);
    assert_eq!(email, expected, "e-mail");
    assert_eq!(sms, expected, "SMS");
}

/// `contact show` and `explain` say which column refused which channel, and the
/// field's reason says the column applies to all channels.
#[test]
fn the_sms_refusal_names_its_column() {
    let ws = Ws::new();
    let csv = two_people("unsubscribe", "yes", "no");
    let path = ws.write("people.csv", &csv);
    let mut args = vec!["import", path.as_str()];
    args.extend(BOTH_GRANTED);
    ws.ok(&args);
    let shown = ws.json(&["contact", "show", "p1@example.com"], 0);
    for channel in ["email", "sms"] {
        let entry = shown["consent"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["channel"] == channel)
            .unwrap()
            .clone();
        assert_eq!(entry["state"], "withdrawn", "{channel}: {shown}");
        assert_eq!(
            entry["source"], "column unsubscribe, batch 1",
            "{channel}: {shown}"
        );
    }
    ws.apply(SMS_EVERYONE);
    let step = ws.explain_step("text", "p1@example.com", 1);
    assert!(
        step.contains("withdrawn") && step.contains("unsubscribe"),
        "{step}"
    );
    let fields = ws.json(&["fields"], 0);
    let reason = fields
        .as_array()
        .or_else(|| fields["fields"].as_array())
        .unwrap()
        .iter()
        .find(|f| f["name"] == "unsubscribe")
        .unwrap()["reason"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(reason.contains("applies to all channels"), "{reason}");
    // A refusal cannot be skipped away, and the error names both channels.
    let ws = Ws::new();
    let path = ws.write("people.csv", &csv);
    ws.cmd()
        .args(["import", &path, "--skip", "unsubscribe"])
        .args(BOTH_GRANTED)
        .assert()
        .failure()
        .stderr(contains("the column is e-mail and SMS consent"));
}

/// A header naming one channel stays on it: `DNE` (do not e-mail) refuses e-mail only,
/// like `Do Not Email`, and `SMS Opt Out` SMS only. `DNC` is "do not call" and "do not
/// contact" alike, so it refuses both (new-user trial 6, G4).
#[test]
fn abbreviations_refuse_the_channel_they_name() {
    let refused = pairs(&[("p1@example.com", "no_consent"), ("p2@example.com", "-")]);
    let everyone = pairs(&[("p1@example.com", "-"), ("p2@example.com", "-")]);
    for (header, on_email, on_sms) in [
        ("DNE", true, false),
        ("Do Not Email", true, false),
        ("DNC", true, true),
        ("SMS Opt Out", false, true),
    ] {
        let (email, sms) = outcomes(&two_people(header, "yes", "no"), &[]);
        let want = |refuses: bool| if refuses { &refused } else { &everyone };
        assert_eq!(&email, want(on_email), "{header}: e-mail");
        assert_eq!(&sms, want(on_sms), "{header}: SMS");
    }
}

/// Point 3: `true` in a bounce flag is a bounce of the e-mail address: p1 gets no
/// e-mail (`no_consent`: bounced), but the bounce says nothing of the phone, so the
/// SMS option stands and p1 gets the SMS.
#[test]
fn a_bounce_flag_bounces_e_mail_only() {
    for header in ["Bounced", "Hard Bounce", "Email Bounced"] {
        let (email, sms) = outcomes(&two_people(header, "true", "false"), &[]);
        assert_eq!(
            email,
            pairs(&[("p1@example.com", "no_consent"), ("p2@example.com", "-")]),
            "{header}: e-mail"
        );
        assert_eq!(
            sms,
            pairs(&[("p1@example.com", "-"), ("p2@example.com", "-")]),
            "{header}: SMS"
        );
    }
}

/// Point 2: a filled opt-out date is a withdrawal on the header's channel (every
/// channel for one naming none), a blank says nothing (p2 takes both options), and a
/// value that is neither (p3's `unknown`) is not asked, filled by no option.
#[test]
fn opt_out_dates_are_withdrawals_on_their_channel() {
    let both = pairs(&[
        ("p1@example.com", "no_consent"),
        ("p2@example.com", "-"),
        ("p3@example.com", "no_consent"),
    ]);
    let everyone = pairs(&[
        ("p1@example.com", "-"),
        ("p2@example.com", "-"),
        ("p3@example.com", "-"),
    ]);
    for (header, date, email_refused, sms_refused) in [
        ("Email Opt Out Date", "2024-03-01", true, false),
        ("unsubscribed_at", "2024-03-01 10:22:31", true, true),
        ("Unsubscribe Date", "01.03.2024", true, true),
        ("opted_out_at", "2024-03-01T10:22:31Z", true, true),
        ("Abmeldedatum", "01.03.2024", true, true),
        ("SMS Opt Out Date", "3/1/2024", false, true),
    ] {
        let csv = format!(
            "email,phone,first_name,{header}\n\
             p1@example.com,+447700900111,P1,{date}\n\
             p2@example.com,+447700900112,P2,\n\
             p3@example.com,+447700900113,P3,unknown\n"
        );
        let (email, sms) = outcomes(&csv, &[]);
        let pick = |refused| if refused { &both } else { &everyone };
        assert_eq!(&email, pick(email_refused), "{header}: e-mail");
        assert_eq!(&sms, pick(sms_refused), "{header}: SMS");
    }
}

/// Point 2, the boundary: a column of dates only (so its field is a date) still reads
/// every date as a withdrawal, and an opt-in time beside it (Mailchimp's `OPTIN_TIME`)
/// refuses nobody: p2 opted in and never out, so gets both messages.
#[test]
fn opt_in_times_are_no_opt_outs() {
    let (email, sms) = outcomes(
        "email,phone,first_name,OPTIN_TIME,unsubscribed_at\n\
         p1@example.com,+447700900111,P1,2023-01-05 09:00:00,2024-03-01\n\
         p2@example.com,+447700900112,P2,2023-01-05 09:00:00,\n",
        &[],
    );
    let expected = pairs(&[("p1@example.com", "no_consent"), ("p2@example.com", "-")]);
    assert_eq!(email, expected);
    assert_eq!(sms, expected);
}

/// Point 2, by values: an opt-out header whose values are all dates (no date word in
/// it) holds the dates of the opt-outs, on the header's channel: `Unsubscribed` names
/// none (both refused), `Do Not Email` e-mail, `Text Opt-Out` SMS. p2's blank says
/// nothing, so both options fill it.
#[test]
fn opt_out_headers_over_dates_are_opt_out_dates() {
    let refused = pairs(&[("p1@example.com", "no_consent"), ("p2@example.com", "-")]);
    let everyone = pairs(&[("p1@example.com", "-"), ("p2@example.com", "-")]);
    for (header, email_refused, sms_refused) in [
        ("Unsubscribed", true, true),
        ("Do Not Email", true, false),
        ("Text Opt-Out", false, true),
    ] {
        let (email, sms) = outcomes(&two_people(header, "2024-03-01", ""), &[]);
        let pick = |r| if r { &refused } else { &everyone };
        assert_eq!(&email, pick(email_refused), "{header}: e-mail");
        assert_eq!(&sms, pick(sms_refused), "{header}: SMS");
    }
}

/// A platform's own e-mail column keeps its refusals on e-mail although its header
/// names no channel: in Shopify's older export `Accepts Marketing` is the e-mail flag
/// beside `Accepts SMS Marketing`, so p1 (e-mail no, SMS yes) gets the text and not the
/// e-mail (`declined`), and p2 (e-mail yes, SMS no) the reverse. Worked out from
/// Shopify's column meanings; without options, so only the file speaks.
#[test]
fn a_platform_e_mail_column_keeps_its_refusals_on_e_mail() {
    let ws = Ws::new();
    let file = ws.write(
        "customers.csv",
        "Email,Phone,First Name,Accepts Marketing,Accepts SMS Marketing\n\
         p1@example.com,+447700900111,P1,no,yes\n\
         p2@example.com,+447700900112,P2,yes,no\n",
    );
    ws.ok(&["import", file.as_str()]);
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("p1@example.com", "no_consent"), ("p2@example.com", "-")])
    );
    assert_eq!(
        ws.outcome(SMS_EVERYONE, "text"),
        pairs(&[("p1@example.com", "-"), ("p2@example.com", "no_consent")])
    );
}

/// Third trial: opt-out headers in German, French and CRM shorthand that name no
/// channel (`Nicht kontaktieren` = do not contact, `Werbesperre` = advertising block,
/// `Widerspruch` = objection under GDPR Art. 21, `DND` = do not disturb, `Opposition`
/// = the French right to object): `yes` refuses e-mail and SMS, `no` states nothing.
#[test]
fn more_opt_out_headers_refuse_every_channel() {
    let both_refused = pairs(&[("p1@example.com", "no_consent"), ("p2@example.com", "-")]);
    for header in [
        "Nicht kontaktieren",
        "Kein Kontakt",
        "Werbesperre",
        "Gesperrt",
        "Sperrvermerk",
        "Widerspruch",
        "Blacklist",
        "Blacklisted",
        "DND",
        "Opposition",
    ] {
        let (email, sms) = outcomes(&two_people(header, "yes", "no"), &[]);
        assert_eq!(email, both_refused, "{header}: e-mail");
        assert_eq!(sms, both_refused, "{header}: SMS");
    }
}

/// Third trial: `Contact Allowed` / `Kontakt erlaubt` are opt-in headers naming no
/// channel: p2's `no` is a refusal of both channels, p1's `yes` grants e-mail (and
/// `--consent sms=granted` fills SMS).
#[test]
fn contact_allowed_no_refuses_every_channel() {
    let p2_refused = pairs(&[("p1@example.com", "-"), ("p2@example.com", "no_consent")]);
    for header in ["Contact Allowed", "Kontakt erlaubt"] {
        let (email, sms) = outcomes(&two_people(header, "yes", "no"), &[]);
        assert_eq!(email, p2_refused, "{header}: e-mail");
        assert_eq!(sms, p2_refused, "{header}: SMS");
    }
}

/// Third trial: a date in an `Unsubscribed` column that also holds yes/no is the day
/// the person opted out (README, "Opt-out dates are opt-outs"), so p1 is withdrawn on
/// both channels like p2's `yes`, and a later file's `subscribed` never turns it back
/// on (README: a withdrawal is never turned back on by an import). Read as unreadable,
/// p1 was "not asked" and the second file granted the e-mail. p3's `no` states nothing
/// and the options fill it.
#[test]
fn a_date_among_yes_and_no_is_an_opt_out() {
    let ws = Ws::new();
    let first = ws.write(
        "people.csv",
        "email,phone,first_name,Unsubscribed\n\
         p1@example.com,+447700900111,P1,2026-01-02\n\
         p2@example.com,+447700900112,P2,yes\n\
         p3@example.com,+447700900113,P3,no\n",
    );
    let mut args = vec!["import", first.as_str()];
    args.extend(BOTH_GRANTED);
    ws.ok(&args);
    let again = ws.write("again.csv", "email,Status\np1@example.com,subscribed\n");
    ws.ok(&["import", again.as_str()]);
    let refused = pairs(&[
        ("p1@example.com", "no_consent"),
        ("p2@example.com", "no_consent"),
        ("p3@example.com", "-"),
    ]);
    assert_eq!(ws.outcome(EMAIL_EVERYONE, "news"), refused);
    assert_eq!(ws.outcome(SMS_EVERYONE, "text"), refused);
}

/// Third trial: `pending` under a header naming no channel is "not asked" as the file
/// states it on e-mail, and a value nobody can read on SMS: `--consent sms=granted`
/// fills neither (README: "A value nobody can read in such a column is not asked on
/// both channels"), so p1 gets no message; p2's `no` states nothing.
#[test]
fn a_status_word_under_a_channel_less_header_is_not_granted_on_sms() {
    for header in ["unsubscribe", "Do Not Contact"] {
        let (email, sms) = outcomes(&two_people(header, "pending", "no"), &[]);
        let p1_kept_out = pairs(&[("p1@example.com", "no_consent"), ("p2@example.com", "-")]);
        assert_eq!(email, p1_kept_out, "{header}: e-mail");
        assert_eq!(sms, p1_kept_out, "{header}: SMS");
    }
}
