//! Promise 1 ("nobody who opted out gets a message") against the ways a new-user trial
//! saw consent columns misread (README, "Consent rules"): opt-out headers read as
//! opt-ins, refusal words that were not read, SMS opt-outs filed under e-mail, and
//! consent-named columns ignored while `--consent` granted everyone. Each test imports
//! a two- or three-row file through the binary and asserts who receives the campaign.
//!
//! Expected values worked out by hand from the headers' meaning and the README's
//! rules: `yes` under an opt-out header (`Do Not Email`, `Abgemeldet`, `Text Opt-Out`)
//! is a withdrawal, so that contact is excluded (`no_consent`) even with
//! `--consent ...=granted`; `no` under an opt-out header states nothing, so the option
//! fills it and that contact receives the message; `no` under an opt-in header
//! (`consent`, `Marketing Emails`) is a refusal the option never overrides.

mod review_support;

use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use review_support::{EMAIL_EVERYONE, Ws, pairs};

/// A campaign `texts` sending an SMS to everyone with a first name.
const SMS_EVERYONE: &str = r#"
name = "texts"
channel = "sms"
as_of = "2026-11-01"

[[entry]]
segment = "everyone"
rule = "first_name is not blank"
body = "Hi {{ first_name }}"
"#;

/// Import `csv` with `--consent CHANNEL=granted` into a fresh workspace and return
/// `(key, excluded or "-")` for an e-mail (or SMS) campaign over everyone.
fn receivers(csv: &str, channel: &str) -> Vec<(String, String)> {
    let ws = Ws::new();
    let file = ws.write("people.csv", csv);
    let option = format!("{channel}=granted");
    ws.ok(&["import", &file, "--consent", &option]);
    if channel == "sms" {
        ws.apply(SMS_EVERYONE);
        ws.exclusions("texts")
    } else {
        ws.apply(EMAIL_EVERYONE);
        ws.exclusions("news")
    }
}

/// A yes/no file under `header`: p1 says yes, p2 says no.
fn yes_no(header: &str) -> String {
    format!("email,first_name,{header}\np1@example.com,P1,yes\np2@example.com,P2,no\n")
}

/// Fault kind 1: opt-out headers (the dictionary's negative phrasings, in every
/// language it holds) read as opt-outs: p1 said "yes, do not e-mail me".
#[test]
fn opt_out_headers_in_every_language_exclude_who_said_yes() {
    for header in [
        "Do Not Email",
        "DoNotEmail",
        "Abgemeldet",
        "Désabonné",
        "Dado de baja",
        "Disiscritto",
        "Afgemeld",
        "Newsletter Abmeldung",
        "HasOptedOutOfEmail",
        "unsubscribe",
    ] {
        assert_eq!(
            receivers(&yes_no(header), "email"),
            pairs(&[("p1@example.com", "no_consent"), ("p2@example.com", "-")]),
            "{header}"
        );
    }
}

#[test]
fn an_opt_out_header_records_a_withdrawal_from_its_column() {
    let ws = Ws::new();
    let file = ws.write("people.csv", &yes_no("Do Not Email"));
    ws.ok(&["import", &file, "--consent", "email=granted"]);
    let p1 = ws.email_consent("p1@example.com");
    assert_eq!(p1["state"], "withdrawn");
    assert!(
        p1["source"].as_str().unwrap().contains("do_not_email"),
        "{p1}"
    );
    assert_eq!(ws.email_consent("p2@example.com")["state"], "granted");
}

/// Fault kind 2: refusal words in every spelling are read, so `--consent` fills only
/// the rows that say nothing. v1 opted in, v2..v5 refused in some way, v6 left the
/// opt-in blank.
#[test]
fn refusal_words_in_any_spelling_are_refusals() {
    for header in ["email_opt_in", "marketing_consent", "newsletter"] {
        let csv = format!(
            "email,first_name,{header}\n\
             v1@example.com,V1,Opted In\n\
             v2@example.com,V2,Opted Out\n\
             v3@example.com,V3,opt-out\n\
             v4@example.com,V4,revoked\n\
             v5@example.com,V5,declined\n\
             v6@example.com,V6,\n"
        );
        assert_eq!(
            receivers(&csv, "email"),
            pairs(&[
                ("v1@example.com", "-"),
                ("v2@example.com", "no_consent"),
                ("v3@example.com", "no_consent"),
                ("v4@example.com", "no_consent"),
                ("v5@example.com", "no_consent"),
                // A blank in these opt-in columns is a box left unticked: not
                // asked, and the option does not fill it (README, "Consent rules").
                ("v6@example.com", "no_consent"),
            ]),
            "{header}"
        );
    }
}

/// The safe rule: a consent-sounding column whose values are mostly unreadable makes a
/// granting `--consent` refuse the import, naming file, column, value and line, and
/// the workspace stays as it was.
#[test]
fn an_unreadable_consent_column_stops_a_granting_import() {
    let ws = Ws::new();
    ws.ok(&[
        "import",
        &ws.write("first.csv", "email,first_name\nz@example.com,Z\n"),
    ]);
    let csv = "email,first_name,email_opt_in\n\
               v1@example.com,V1,Opted-In (web form)\n\
               v2@example.com,V2,Opted-Out (2024)\n\
               v3@example.com,V3,yes\n";
    let file = ws.write("people.csv", csv);
    ws.cmd()
        .args(["import", &file, "--consent", "email=granted"])
        .assert()
        .code(1)
        .stderr(contains("people.csv, line 2, column `email_opt_in`"))
        .stderr(contains("`Opted-In (web form)`"))
        .stderr(contains("nothing was imported"))
        // A recognised consent column must not be skipped away: no --skip advice.
        .stderr(contains("--skip").not());
    // Unchanged: the first file's one contact and no `email_opt_in` field.
    ws.cmd()
        .args(["contact", "show", "v1@example.com"])
        .assert()
        .code(1);
    let fields = ws.json(&["fields"], 0).to_string();
    assert!(!fields.contains("email_opt_in"), "{fields}");
    // Without --consent nothing can be granted by mistake: the import goes through and
    // nobody in the column is e-mailed (no consent stated that anyone can read).
    ws.ok(&["import", &file]);
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news")
            .into_iter()
            .filter(|(k, _)| k.starts_with('v'))
            .collect::<Vec<_>>(),
        pairs(&[
            ("v1@example.com", "no_consent"),
            ("v2@example.com", "no_consent"),
            ("v3@example.com", "no_consent"),
        ])
    );
}

/// A consent column with one stray value keeps its readable rows; the stray row gets
/// no grant from `--consent`, and the report says so.
#[test]
fn a_stray_value_in_a_consent_column_gets_no_grant_and_a_warning() {
    let ws = Ws::new();
    let csv = "email,first_name,email_opt_in\n\
               v1@example.com,V1,yes\n\
               v2@example.com,V2,no\n\
               v3@example.com,V3,yes\n\
               v4@example.com,V4,Opted-Out (2024)\n";
    let file = ws.write("people.csv", csv);
    let report = ws.json(&["import", &file, "--consent", "email=granted"], 0);
    let warnings = review_support::warnings(&report);
    assert!(
        warnings.iter().any(|w| w.contains("1 row holds a word")),
        "{warnings:?}"
    );
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[
            ("v1@example.com", "-"),
            ("v2@example.com", "no_consent"),
            ("v3@example.com", "-"),
            ("v4@example.com", "no_consent"),
        ])
    );
}

/// Fault kind 3: opt-outs of texts and calls are SMS opt-outs: P1 said yes to "do not
/// text me", so no SMS reaches P1 under `--consent sms=granted`.
#[test]
fn text_and_call_opt_outs_are_sms_opt_outs() {
    for header in [
        "Text Opt-Out",
        "Do Not Text",
        "Do Not Call",
        "SMS opt-out",
        "text unsubscribe",
    ] {
        let csv = format!(
            "email,phone,first_name,{header}\n\
             p1@example.com,+14155550101,P1,yes\n\
             p2@example.com,+14155550102,P2,no\n"
        );
        assert_eq!(
            receivers(&csv, "sms"),
            pairs(&[("p1@example.com", "no_consent"), ("p2@example.com", "-")]),
            "{header}"
        );
    }
}

/// Fault kind 4: consent-named columns are consent columns with their channel and
/// polarity, so p2's "no" is a refusal the option does not override.
#[test]
fn consent_named_columns_are_read() {
    for header in [
        "consent",
        "GDPR Consent",
        "Consent to marketing",
        "Marketing Emails",
        "Opted In",
        "Subscribe",
    ] {
        assert_eq!(
            receivers(&yes_no(header), "email"),
            pairs(&[("p1@example.com", "-"), ("p2@example.com", "no_consent")]),
            "{header}"
        );
    }
}

/// The safe rule for headers nothing recognises: a consent-ish word over yes/no values
/// stops a granting import instead of being ignored.
#[test]
fn an_unrecognised_consent_sounding_column_stops_a_granting_import() {
    let ws = Ws::new();
    let file = ws.write("people.csv", &yes_no("Permission Given"));
    ws.cmd()
        .args(["import", &file, "--consent", "email=granted"])
        .assert()
        .code(1)
        .stderr(contains(
            "people.csv, line 2, column `Permission Given`: the header sounds like consent (`permission`)",
        ))
        .stderr(contains("`yes`"))
        // Never `--skip`, which would drop the column with its refusals.
        .stderr(contains("--map 'Permission Given=opt_in'"))
        .stderr(contains("--skip").not());
    ws.cmd()
        .args(["contact", "show", "p2@example.com"])
        .assert()
        .code(1);
}
