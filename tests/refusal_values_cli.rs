//! An opt-out written in words in a column no rule reads as consent (README, "Consent
//! rules"). Bug report: `Email preferences` of `unsubscribed from all` beside `weekly
//! digest`, imported with `--consent email=granted`, granted and exported the person
//! who unsubscribed. Now such a value is recorded as a withdrawal; ordinary text
//! (`asked about stop-loss`) and neighbours (`weekly digest`) are granted as before.
//! Expected outcomes worked out by hand from the README rule: a refusal phrase as whole
//! words (or `STOP` alone, or `None` under a preferences header, or any value under a
//! header noting an opt-out) withdraws; anything else is filled by the option.

mod review_support;

use review_support::{EMAIL_EVERYONE, Ws, outcomes, two_people};

/// (header, x0's value, the others' value): x0 opted out in words, x1 and x2 did not.
const CASES: &[(&str, &str, &str)] = &[
    (
        "Email preferences",
        "unsubscribed from all",
        "weekly digest",
    ),
    ("Email preferences", "STOP", "weekly digest"),
    ("Email preferences", "unsubscribe me", "weekly digest"),
    (
        "Email preferences",
        "opted out of everything",
        "weekly digest",
    ),
    ("Comms", "STOP", "weekly digest"),
    ("Comms", "unsubscribe me", "weekly digest"),
    ("Comms", "opted out of everything", "weekly digest"),
    ("Comms", "abgemeldet", "weekly digest"),
    ("Comms", "Désabonné", "weekly digest"),
    ("Comms", "do not email", "weekly digest"),
    ("Subscription Status", "Unsubscribed - too many emails", ""),
    ("Marketing Opt Out Reason", "too many emails", ""),
    ("Unsubscribe reason", "moved away", ""),
    ("Unsub date", "2026-03-01", ""),
    ("Contact Preferences", "None", "Email"),
];

fn file(header: &str, first: &str, other: &str) -> String {
    format!(
        "email,first_name,{header}\n\
         x0@example.com,Xa,{first}\n\
         x1@example.com,Xb,{other}\n\
         x2@example.com,Xc,{other}\n"
    )
}

/// x0 is withdrawn and excluded from an e-mail campaign; x1 and x2 are granted and
/// sent to. Where a value states consent by itself (`abgemeldet`) the safe rule
/// already stops the import, which keeps the promise as well.
#[test]
fn an_opt_out_in_words_is_a_withdrawal_under_a_granting_option() {
    let mut wrong = Vec::new();
    for (header, first, other) in CASES {
        let ws = Ws::new();
        let path = ws.write("f.csv", &file(header, first, other));
        let case = format!("{header}: {first}");
        let out = ws
            .cmd()
            .args(["import", &path, "--consent", "email=granted"])
            .output()
            .unwrap();
        if !out.status.success() {
            // The safe rule may stop the import instead (a column of a value that
            // states consent by itself beside unread ones): nothing imported, and the
            // error names the file, line and column.
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                err.contains("f.csv, line ") && err.contains(header),
                "{case}: {err}"
            );
            ws.cmd()
                .args(["contact", "show", "x0@example.com"])
                .assert()
                .failure();
            continue;
        }
        let states: Vec<String> = ["x0@example.com", "x1@example.com", "x2@example.com"]
            .map(|k| ws.email_consent(k)["state"].as_str().unwrap().to_string())
            .to_vec();
        if states != ["withdrawn", "granted", "granted"] {
            wrong.push(format!("{case}: {states:?}"));
            continue;
        }
        let outcome = ws.outcome(EMAIL_EVERYONE, "news");
        let sent: Vec<&str> = outcome
            .iter()
            .filter(|(_, excluded)| excluded == "-")
            .map(|(k, _)| k.as_str())
            .collect();
        assert_eq!(sent, ["x1@example.com", "x2@example.com"], "{case}");
    }
    assert!(
        wrong.is_empty(),
        "granted over an opt-out in words: {wrong:#?}"
    );
}

/// Ordinary text that holds a refusal word inside another word or sentence is no
/// opt-out: every row is granted by the option.
#[test]
fn ordinary_notes_are_not_opt_outs() {
    for (header, value) in [
        ("Notes", "asked about stop-loss"),
        ("Notes", "stop by the shop"),
        ("Notes", "optional extras"),
    ] {
        let ws = Ws::new();
        let path = ws.write("f.csv", &file(header, value, value));
        ws.ok(&["import", &path, "--consent", "email=granted"]);
        for key in ["x0@example.com", "x1@example.com", "x2@example.com"] {
            assert_eq!(
                ws.email_consent(key)["state"],
                "granted",
                "{header}: {value}: {key}"
            );
        }
    }
}

/// Re-import: x0 was granted by an earlier file; a later file without `--consent`
/// says `unsubscribed from all` in `Email preferences`. The opt-out is the file's
/// word, so the grant on record gives way to a withdrawal (on main the column was
/// read as nothing and the grant stayed).
#[test]
fn a_later_opt_out_in_words_withdraws_a_grant_on_record() {
    let ws = Ws::new();
    let first = ws.write("a.csv", &file("Notes", "", ""));
    ws.ok(&["import", &first, "--consent", "email=granted"]);
    assert_eq!(ws.email_consent("x0@example.com")["state"], "granted");
    let later = ws.write(
        "f.csv",
        &file(
            "Email preferences",
            "unsubscribed from all",
            "weekly digest",
        ),
    );
    ws.ok(&["import", &later]);
    assert_eq!(ws.email_consent("x0@example.com")["state"], "withdrawn");
    assert_eq!(ws.email_consent("x1@example.com")["state"], "granted");
}

/// A header naming only texts reaches SMS only: `unsubscribe me please` under
/// `Text preferences` withdraws p1's SMS grant and leaves the e-mail grant both
/// options gave; p2 (`weekly`) keeps both grants.
#[test]
fn an_opt_out_under_a_texts_header_reaches_sms_only() {
    let (email, sms) = outcomes(
        &two_people("Text preferences", "unsubscribe me please", "weekly"),
        &[],
    );
    assert_eq!(
        email.iter().filter(|(_, e)| e == "-").count(),
        2,
        "both are e-mailed: {email:?}"
    );
    let texted: Vec<&str> = sms
        .iter()
        .filter(|(_, e)| e == "-")
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(texted, ["p2@example.com"], "{sms:?}");
}
