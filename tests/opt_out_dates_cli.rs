//! Promise 1 ("nobody who opted out gets a message") against the faults a trial found
//! in opt-out columns of dates, channels tactful does not send and the import's words
//! (README, "Consent rules"):
//! 1. an `Unsubscribed` column of dates, `yes` and blanks was refused by the safe rule,
//!    whose advice (`--map 'Unsubscribed=opt_out'`) gave the same error when followed;
//! 2. `--skip` dropped such a column when its dates were written `3/1/24`;
//! 3. the reason of `TCPA Opt Out` said e-mail although its refusal reaches SMS too;
//! 4. `HasOptedOutOfFax` withdrew e-mail and SMS;
//! 5. "2 rows" for one row that kept two opt-outs, and the safe rule's error quoting
//!    `--consent email=granted` for an SMS column.
//!
//! Expected values worked out by hand from the README's rules: under an opt-out
//! header a filled date and a `yes` are withdrawals, a `no` or a blank says nothing
//! (the option fills it); a header naming no channel refuses e-mail and SMS, `Do Not
//! Email` e-mail only; a fax or postal header says nothing of either.

mod review_support;

use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use review_support::{BOTH_GRANTED, EMAIL_EVERYONE, Outcome, Ws, outcomes, pairs, two_people};

/// The trial's file, as the trial wrote it.
const TRIAL: &str = "email,first_name,Unsubscribed\n\
                     a@x.com,A,2024-03-01\n\
                     b@x.com,B,\n\
                     c@x.com,C,2024-05-02\n\
                     d@x.com,D,yes\n\
                     e@x.com,E,2023-01-09\n";

/// Six people with phones: p1, p5 and p6 hold `date` (mostly dates, as in the trial),
/// p2 is blank, p3 says yes, p4 no.
fn six_people(header: &str, date: &str) -> String {
    format!(
        "email,phone,first_name,{header}\n\
         p1@example.com,+447700900111,P1,{date}\n\
         p2@example.com,+447700900112,P2,\n\
         p3@example.com,+447700900113,P3,yes\n\
         p4@example.com,+447700900114,P4,no\n\
         p5@example.com,+447700900115,P5,{date}\n\
         p6@example.com,+447700900116,P6,{date}\n"
    )
}

/// p1, p5, p6 (a date) and p3 (yes) refused; p2 (blank) and p4 (no) reached.
fn dates_and_yes_refused() -> Outcome {
    pairs(&[
        ("p1@example.com", "no_consent"),
        ("p2@example.com", "-"),
        ("p3@example.com", "no_consent"),
        ("p4@example.com", "-"),
        ("p5@example.com", "no_consent"),
        ("p6@example.com", "no_consent"),
    ])
}

fn everyone_of_six() -> Outcome {
    pairs(&[
        ("p1@example.com", "-"),
        ("p2@example.com", "-"),
        ("p3@example.com", "-"),
        ("p4@example.com", "-"),
        ("p5@example.com", "-"),
        ("p6@example.com", "-"),
    ])
}

/// Fault 1, the trial's commands: the import with `--consent email=granted` and the
/// one with the old advice `--map 'Unsubscribed=opt_out'` both import; A, C, E (a
/// date) and D (`yes`) are withdrawn and get no e-mail; B (blank) gets it.
#[test]
fn the_trial_file_imports_with_and_without_the_map() {
    for extra in [&[][..], &["--map", "Unsubscribed=opt_out"][..]] {
        let ws = Ws::new();
        let file = ws.write("md.csv", TRIAL);
        let mut args = vec!["import", file.as_str(), "--consent", "email=granted"];
        args.extend(extra);
        ws.ok(&args);
        assert_eq!(
            ws.outcome(EMAIL_EVERYONE, "news"),
            pairs(&[
                ("a@x.com", "no_consent"),
                ("b@x.com", "-"),
                ("c@x.com", "no_consent"),
                ("d@x.com", "no_consent"),
                ("e@x.com", "no_consent"),
            ]),
            "{extra:?}"
        );
        for key in ["a@x.com", "d@x.com"] {
            assert_eq!(
                ws.email_consent(key)["state"],
                "withdrawn",
                "{key} {extra:?}"
            );
        }
        assert_eq!(ws.email_consent("b@x.com")["state"], "granted");
    }
}

/// Fault 1, a later file: an `Unsubscribed` field an earlier file of dates made a
/// date field takes the trial's file (dates, `yes`, a blank) instead of refusing its
/// dates as "not a consent value": D's `yes` is a withdrawal with no time (a `yes`
/// has no day), A's carries its date.
#[test]
fn a_date_field_takes_a_later_files_yes() {
    let ws = Ws::new();
    let first = ws.write(
        "first.csv",
        "email,Unsubscribed\nz@x.com,2024-01-31\nb@x.com,\n",
    );
    ws.ok(&["import", &first, "--consent", "email=granted"]);
    let file = ws.write("md.csv", TRIAL);
    ws.ok(&["import", &file, "--consent", "email=granted"]);
    let d = ws.email_consent("d@x.com");
    assert_eq!(d["state"], "withdrawn");
    assert!(d["evidence"]["at"].is_null(), "{d}");
    let a = ws.email_consent("a@x.com");
    assert_eq!(a["state"], "withdrawn");
    assert_eq!(a["evidence"]["at"], "2024-03-01T00:00:00Z");
    assert_eq!(ws.email_consent("b@x.com")["state"], "granted");
}

/// Fault 1, the kind: opt-out headers with no date word over dates in any form import
/// reads (year first, an ambiguous day/month, a two-digit year, compact), with a yes, a
/// no and a blank, with and without a `--map` to the opt-out field of their channel.
/// `Unsubscribed` and `Opted Out` name no channel: their refusals reach SMS too.
#[test]
fn opt_out_headers_over_dates_refuse_their_channels() {
    for (header, map_to, every_channel) in [
        ("Unsubscribed", "opt_out", true),
        ("Opted Out", "opt_out", true),
        ("Do Not Email", "email_opt_out", false),
    ] {
        for date in ["2024-03-01", "03/01/2024", "3/1/24", "20240301"] {
            let map = format!("{header}={map_to}");
            for extra in [&[][..], &["--map", map.as_str()][..]] {
                let (email, sms) = outcomes(&six_people(header, date), extra);
                let what = format!("{header} {date} {extra:?}");
                assert_eq!(email, dates_and_yes_refused(), "{what}: e-mail");
                let sms_want = if every_channel {
                    dates_and_yes_refused()
                } else {
                    everyone_of_six()
                };
                assert_eq!(sms, sms_want, "{what}: SMS");
            }
        }
    }
}

/// Any error's advice works when followed: a `Permission Given` column of dates is
/// stopped (the header says no direction), the error advises the opt-out map, and
/// with it the dates and p3's yes refuse both channels. An `Unsubscribed` column of
/// words nobody reads is stopped without a `--map` that would change nothing; its
/// advice to write the opt-outs as dates, followed, imports.
#[test]
fn the_safe_rules_advice_works_when_followed() {
    let ws = Ws::new();
    let csv = six_people("Permission Given", "3/1/24");
    let path = ws.write("people.csv", &csv);
    ws.cmd()
        .args(["import", &path])
        .args(BOTH_GRANTED)
        .assert()
        .code(1)
        .stderr(contains(
            "if its dates are the days people opted out, --map 'Permission Given=opt_out' (a filled date = opted out)",
        ));
    let (email, sms) = outcomes(&csv, &["--map", "Permission Given=opt_out"]);
    assert_eq!(email, dates_and_yes_refused());
    assert_eq!(sms, dates_and_yes_refused());

    let ws = Ws::new();
    let words = "email,phone,first_name,Unsubscribed\n\
                 p1@example.com,+447700900111,P1,since spring\n\
                 p2@example.com,+447700900112,P2,\n\
                 p3@example.com,+447700900113,P3,last year\n\
                 p4@example.com,+447700900114,P4,no\n";
    let path = ws.write("people.csv", words);
    ws.cmd()
        .args(["import", &path])
        .args(BOTH_GRANTED)
        .assert()
        .code(1)
        .stderr(contains("or as the dates of the opt-outs: its header already says which way `yes` goes (yes = opted out), so no --map is needed"))
        .stderr(contains("--map '").not());
    let rewritten = words
        .replace("since spring", "2024-04-01")
        .replace("last year", "2025-01-15");
    let (email, sms) = outcomes(&rewritten, &[]);
    let refused = pairs(&[
        ("p1@example.com", "no_consent"),
        ("p2@example.com", "-"),
        ("p3@example.com", "no_consent"),
        ("p4@example.com", "-"),
    ]);
    assert_eq!(email, refused);
    assert_eq!(sms, refused);
}

/// Fault 2: `--skip` of an opt-out column whose dates are written with a two-digit
/// year is refused, naming the refusing line; nothing is imported.
#[test]
fn an_opt_out_column_of_dates_cannot_be_skipped() {
    for (header, channels) in [
        ("Unsubscribed", "e-mail and SMS"),
        ("Opted Out", "e-mail and SMS"),
        ("Do Not Email", "e-mail"),
    ] {
        let ws = Ws::new();
        let path = ws.write("people.csv", &two_people(header, "3/1/24", ""));
        ws.cmd()
            .args(["import", &path, "--skip", header])
            .args(BOTH_GRANTED)
            .assert()
            .code(1)
            .stderr(contains(format!(
                "--skip `{header}`: the column is {channels} consent and 1 row in it refuses (line 2: `3/1/24`)"
            )));
        ws.cmd()
            .args(["contact", "show", "p1@example.com"])
            .assert()
            .code(1);
    }
}

/// Fault 4: a header naming only fax or post refuses neither e-mail nor SMS (p1's
/// `yes` is a fax or postal opt-out); the field has no consent role, and skipping it
/// drops no refusal. `Do Not Mail` stays an e-mail opt-out (the README's decision:
/// "mail" is e-mail in most exports); `Do Not Call` and `DNC` stay SMS.
#[test]
fn fax_and_postal_opt_outs_refuse_no_message() {
    let everyone = pairs(&[("p1@example.com", "-"), ("p2@example.com", "-")]);
    let p1_refused = pairs(&[("p1@example.com", "no_consent"), ("p2@example.com", "-")]);
    for header in [
        "HasOptedOutOfFax",
        "Do Not Fax",
        "Fax Opt Out",
        "Postal Opt Out",
        "Direct Mail Opt Out",
    ] {
        let csv = two_people(header, "yes", "no");
        let (email, sms) = outcomes(&csv, &[]);
        assert_eq!(email, everyone, "{header}: e-mail");
        assert_eq!(sms, everyone, "{header}: SMS");
        let ws = Ws::new();
        let path = ws.write("people.csv", &csv);
        let out = ws.stdout(&["import", &path, "--consent", "email=granted"]);
        assert!(out.contains(", role none, "), "{header}: {out}");
        assert!(!out.contains("e-mail marketing"), "{header}: {out}");
        let ws = Ws::new();
        let path = ws.write("people.csv", &csv);
        ws.ok(&[
            "import",
            &path,
            "--skip",
            header,
            "--consent",
            "email=granted",
        ]);
    }
    // `DNC` is "do not call" and "do not contact" alike, so it refuses both channels
    // (new-user trial 6, G4); `Do Not Call` spelt out is the telephone only.
    for (header, on_email, on_sms) in [
        ("Do Not Mail", true, false),
        ("Do Not Call", false, true),
        ("DNC", true, true),
    ] {
        let (email, sms) = outcomes(&two_people(header, "yes", "no"), &[]);
        let want = |refuses: bool| if refuses { &p1_refused } else { &everyone };
        assert_eq!(&email, want(on_email), "{header}: e-mail");
        assert_eq!(&sms, want(on_sms), "{header}: SMS");
    }
}

/// Fault 3: the reason of `TCPA Opt Out` names both channels its refusal reaches;
/// that of `Text Opt-Out` names SMS.
#[test]
fn reasons_name_the_channels_a_refusal_reaches() {
    for (header, says) in [
        ("TCPA Opt Out", "marketing opt-out of e-mail and SMS"),
        ("Text Opt-Out", "`text opt out`: SMS marketing opt-out"),
    ] {
        let ws = Ws::new();
        let path = ws.write("people.csv", &two_people(header, "yes", "no"));
        let out = ws.stdout(&["import", &path]);
        let line = out
            .lines()
            .find(|l| l.contains(&format!("({header})")))
            .unwrap();
        assert!(line.contains(says), "{line}");
        let first_label = line.find("marketing").unwrap();
        assert!(!line[..first_label].ends_with("e-mail "), "{line}");
    }
}

/// Fault 5: one row granting e-mail and SMS over two withdrawals is one row in the
/// report and the warning (the JSON counts rows as documented); the safe rule's error
/// on a column naming texts quotes the SMS option, and an e-mail grant alone, which
/// cannot grant a text, imports.
#[test]
fn one_row_is_one_row_and_the_error_quotes_its_channel() {
    let ws = Ws::new();
    let first = ws.write(
        "first.csv",
        "email,phone,Unsubscribe\na@x.com,+447700900111,yes\n",
    );
    let later = ws.write(
        "later.csv",
        "email,phone,Accepts Email Marketing,Accepts SMS Marketing\na@x.com,+447700900111,yes,yes\n",
    );
    ws.ok(&["import", &first]);
    let r = ws.json(&["import", &later], 0);
    assert_eq!(r["consent_kept_withdrawn"], 1);
    let ws = Ws::new();
    let first = ws.write(
        "first.csv",
        "email,phone,Unsubscribe\na@x.com,+447700900111,yes\n",
    );
    ws.ok(&["import", &first]);
    ws.cmd()
        .args(["import", &later])
        .assert()
        .success()
        .stdout(contains("consent: withdrawn or bounced consent kept for 1 row\n"))
        .stdout(contains(
            "1 row said consent was granted where it had been withdrawn or had bounced; the opt-out was kept",
        ));

    let ws = Ws::new();
    let path = ws.write("people.csv", &two_people("Texting Permission", "yes", "no"));
    ws.cmd()
        .args(["import", &path])
        .args(BOTH_GRANTED)
        .assert()
        .code(1)
        .stderr(contains("so --consent sms=granted could grant"));
    ws.ok(&["import", &path, "--consent", "email=granted"]);
}
