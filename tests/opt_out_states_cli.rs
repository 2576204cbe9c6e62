//! Opt-out states of real exports are read as refusals, so `--consent email=granted`
//! never grants the people they exclude (new-user trial 6, G4; README, "Consent
//! rules"): listmonk's subscriber `status` (`blocklisted`, `disabled` beside
//! `enabled`), a generic `Status` of Bounced / Unsubscribed / Cleaned / Active,
//! suppression reasons (`complaint`, `bounce`), Klaviyo's `Email Suppressions` without
//! its ID column, `DNC`, Mailjet's `is_excluded_from_campaigns` and
//! `is_spam_complaining` (and `is_opt_in_pending`), German `Kontaktsperre`, a
//! `Keep me updated` checkbox, and SendGrid's `blocks.csv` and
//! `invalid_emails.csv`. Driven through the `tactful` binary; each expected outcome
//! is worked out by hand from the rows below. On main 7d7292f each test fails: the
//! opt-out rows were recipients (or, for `Status` with `Active`, the import stopped).

mod review_support;

use review_support::{EMAIL_EVERYONE, SMS_EVERYONE, Ws, pairs};

/// Import `csv` (as `name`) with `--consent email=granted` and the e-mail campaign's
/// `(key, exclusion)` pairs in file order.
fn granted(name: &str, csv: &str) -> Vec<(String, String)> {
    let ws = Ws::new();
    ws.import_csv(name, csv, &["--consent", "email=granted"]);
    ws.apply(EMAIL_EVERYONE);
    ws.exclusions("news")
}

/// The trial's listmonk subscriber export (listmonk's own columns and statuses), with
/// a `disabled` subscriber added: blocklisted and disabled are not mailed, enabled is.
#[test]
fn listmonk_blocklisted_and_disabled_subscribers_are_not_granted() {
    let csv = "uuid,email,name,attributes,status,created_at,updated_at\n\
        6a1c7b3e-0000-4000-8000-000000000001,blocked@example.com,Blocked Person,\"{\"\"city\"\": \"\"Leeds\"\"}\",blocklisted,2024-01-01 10:00:00.000+00,2024-06-01 10:00:00.000+00\n\
        6a1c7b3e-0000-4000-8000-000000000002,ok@example.com,Ok Person,\"{\"\"city\"\": \"\"York\"\"}\",enabled,2024-01-01 10:00:00.000+00,2024-06-01 10:00:00.000+00\n\
        6a1c7b3e-0000-4000-8000-000000000003,off@example.com,Off Person,\"{\"\"city\"\": \"\"Hull\"\"}\",disabled,2024-01-01 10:00:00.000+00,2024-06-01 10:00:00.000+00\n";
    let ws = Ws::new();
    ws.import_csv(
        "listmonk-subscribers.csv",
        csv,
        &["--consent", "email=granted"],
    );
    // The report says the column was read as consent, and why.
    let status = ws.field("status");
    assert_eq!(status["role"], "consent_email", "{status}");
    assert!(
        status["reason"].as_str().unwrap().contains("member status"),
        "{status}"
    );
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[
            ("blocked@example.com", "no_consent"),
            ("ok@example.com", "-"),
            ("off@example.com", "no_consent"),
        ])
    );
}

/// A generic `Status` column (Salesforce Marketing Cloud's and ESPs' words, any case,
/// `Hard_Bounce` with an underscore): every refusal is out; `Active` and a blank state
/// no refusal, so the file's grant fills them.
#[test]
fn a_status_column_of_bounces_and_unsubscribes_is_read() {
    let csv = "Email,First Name,Status\n\
        a@example.com,A,Active\n\
        b@example.com,B,Bounced\n\
        c@example.com,C,Unsubscribed\n\
        d@example.com,D,Cleaned\n\
        e@example.com,E,Hard_Bounce\n\
        f@example.com,F,\n\
        g@example.com,G,blocklisted\n";
    assert_eq!(
        granted("people.csv", csv),
        pairs(&[
            ("a@example.com", "-"),
            ("b@example.com", "no_consent"),
            ("c@example.com", "no_consent"),
            ("d@example.com", "no_consent"),
            ("e@example.com", "no_consent"),
            ("f@example.com", "-"),
            ("g@example.com", "no_consent"),
        ])
    );
}

/// An ESP suppression export's `reason` column: a complaint and a bounce are out.
#[test]
fn suppression_reasons_are_refusals() {
    let csv = "email,reason\n\
        out@example.com,complaint\n\
        gone@example.com,bounce\n\
        good@example.com,\n";
    assert_eq!(
        granted("people.csv", csv),
        pairs(&[
            ("out@example.com", "no_consent"),
            ("gone@example.com", "no_consent"),
            ("good@example.com", "-"),
        ])
    );
}

/// Klaviyo's `Email Suppressions` without the `Klaviyo ID` column: each of Klaviyo's
/// documented reasons, alone or in its JSON list, excludes; blank and `[]` do not.
#[test]
fn klaviyo_suppressions_without_the_id_column_exclude() {
    let csv = "Email,First Name,Email Suppressions\n\
        a@example.com,A,USER_SUPPRESSED\n\
        b@example.com,B,HARD_BOUNCE\n\
        c@example.com,C,INVALID_EMAIL\n\
        d@example.com,D,\"[{\"\"reason\"\": \"\"USER_SUPPRESSED\"\", \"\"timestamp\"\": \"\"2024-05-01T10:00:00+00:00\"\"}]\"\n\
        e@example.com,E,\n\
        f@example.com,F,[]\n";
    assert_eq!(
        granted("profiles.csv", csv),
        pairs(&[
            ("a@example.com", "no_consent"),
            ("b@example.com", "no_consent"),
            ("c@example.com", "no_consent"),
            ("d@example.com", "no_consent"),
            ("e@example.com", "-"),
            ("f@example.com", "-"),
        ])
    );
}

/// `DNC` (do not contact, or do not call): `Y` keeps the person out of e-mail too.
#[test]
fn dnc_reaches_email() {
    let csv = "Email,First Name,DNC\nout@example.com,Out,Y\ngood@example.com,Good,N\n";
    assert_eq!(
        granted("people.csv", csv),
        pairs(&[("out@example.com", "no_consent"), ("good@example.com", "-")])
    );
}

/// Mailjet's contact flags: an excluded contact or a spam complainer is out, and so
/// is one whose double opt-in is still pending (not asked, which `--consent` does not
/// fill; on main `is_opt_in_pending` = `true` read as a grant).
#[test]
fn mailjet_exclusion_complaint_and_pending_flags_are_read() {
    let csv = "email,name,is_excluded_from_campaigns,is_spam_complaining,is_opt_in_pending\n\
        a@example.com,A,true,false,false\n\
        b@example.com,B,false,true,false\n\
        c@example.com,C,false,false,true\n\
        d@example.com,D,false,false,false\n";
    assert_eq!(
        granted("contacts.csv", csv),
        pairs(&[
            ("a@example.com", "no_consent"),
            ("b@example.com", "no_consent"),
            ("c@example.com", "no_consent"),
            ("d@example.com", "-"),
        ])
    );
}

/// German `Kontaktsperre` (contact block) = `ja` keeps the person out of texts.
#[test]
fn kontaktsperre_is_an_opt_out() {
    let csv = "email,phone,first_name,Kontaktsperre\n\
        p1@example.com,+447700900111,P1,ja\n\
        p2@example.com,+447700900112,P2,nein\n";
    let ws = Ws::new();
    ws.import_csv("kunden.csv", csv, &["--consent", "sms=granted"]);
    ws.apply(SMS_EVERYONE);
    assert_eq!(
        ws.exclusions("text"),
        pairs(&[("p1@example.com", "no_consent"), ("p2@example.com", "-")])
    );
}

/// A web form's `Keep me updated` checkbox is e-mail consent: `unchecked` is a no
/// (declined), even beside a granting `--consent`; `checked` is a grant. So is a
/// `Keep me informed` of yes/no (before: the safe rule stopped the import).
#[test]
fn a_keep_me_updated_checkbox_is_read() {
    for (header, no, yes) in [
        ("Keep me updated", "unchecked", "checked"),
        ("Keep me informed", "no", "yes"),
    ] {
        let csv = format!(
            "Email,First Name,{header}\nout@example.com,Out,{no}\ngood@example.com,Good,{yes}\n"
        );
        assert_eq!(
            granted("signups.csv", &csv),
            pairs(&[("out@example.com", "no_consent"), ("good@example.com", "-")]),
            "{header}"
        );
    }
}

/// SendGrid's `blocks.csv` and `invalid_emails.csv` suppression exports are refused
/// under a granting `--consent`, as its `bounces.csv` already was (exit 1, nothing
/// imported).
#[test]
fn sendgrid_block_and_invalid_exports_are_not_granted() {
    for name in ["blocks.csv", "invalid_emails.csv"] {
        let ws = Ws::new();
        let file = ws.write(
            name,
            "email,created,reason\nx@example.com,1700000000,blocked\n",
        );
        let out = ws
            .cmd()
            .args(["import", &file, "--consent", "email=granted"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}: {out:?}");
    }
}
