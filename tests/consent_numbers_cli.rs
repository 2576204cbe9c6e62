//! Promise 1 ("nobody who opted out gets a message") against four faults a new-user
//! trial found in how import reads consent columns (README, "Consent rules"):
//! 1. `1`/`0` and `1.0`/`0.0` under a consent header were numbers, not yes/no, so the
//!    column was an ordinary field and `--consent` granted the people it refused;
//! 2. the safe rule's `--map` advice for a header naming no channel narrowed it to
//!    e-mail, so following it left SMS granted;
//! 3. `--skip` dropped a column read by its values when it also held unread values;
//! 4. a refusal word (`STOP`, `revoked`, ...) among yes/no under a header no rule knows
//!    left the column ordinary, so `--consent` granted the person who wrote `STOP`.
//!
//! Each test imports a small file through the binary and asserts who receives the
//! e-mail (`news`) and the SMS (`text`) campaign, or the exact error. Expected values
//! worked out by hand from the headers' meaning and the README's rules: `1` is yes and
//! `0` no under the header's polarity (an opt-out's yes is a withdrawal, its no says
//! nothing and the option fills it; an opt-in's no is a refusal); a refusal under a
//! header naming no channel reaches e-mail and SMS, a grant there stays e-mail.

mod review_support;

use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use review_support::{BOTH_GRANTED, Ws, outcomes, pairs, two_people};

/// Fault 1, the trial's file: Ana's `Do Not Text` is 1 (no texts), Bo's `Robinson`
/// is 1 (on the opt-out list: no marketing on any channel), Cy said 0 to both. The
/// SMS reaches Cy only; the e-mail reaches Ana and Cy. Both columns are boolean
/// consent fields, not integers.
#[test]
fn ones_and_zeros_under_consent_headers_are_yes_and_no() {
    let csv = "email,phone,first_name,Do Not Text,Robinson\n\
               a@x.com,+447700900111,Ana,1,0\n\
               b@x.com,+447700900112,Bo,0,1\n\
               c@x.com,+447700900113,Cy,0,0\n";
    let (email, sms) = outcomes(csv, &[]);
    assert_eq!(
        sms,
        pairs(&[
            ("a@x.com", "no_consent"),
            ("b@x.com", "no_consent"),
            ("c@x.com", "-")
        ])
    );
    assert_eq!(
        email,
        pairs(&[
            ("a@x.com", "-"),
            ("b@x.com", "no_consent"),
            ("c@x.com", "-")
        ])
    );
    let ws = Ws::new();
    let file = ws.write("people.csv", csv);
    ws.cmd()
        .args(["import", &file])
        .args(BOTH_GRANTED)
        .assert()
        .success()
        .stdout(contains(
            "do_not_text (Do Not Text): boolean, role consent_sms",
        ))
        .stdout(contains("robinson (Robinson): boolean, role consent_email"));
}

/// Fault 1, every number form under opt-out headers: p1's `1`/`1.0`/`1.00` is a
/// withdrawal on the header's channels (both for a header naming none and for `DNC`,
/// which is "do not call" and "do not contact" alike: new-user trial 6, G4; e-mail for
/// `Do Not Email` and `DNE`, SMS for `Do Not Text`); p2's `0`/`0.0`/`0.00` or blank says
/// nothing, so the options fill it. A 0/1 `Do Not Contact` is not stopped by the
/// safe rule.
#[test]
fn numbers_under_opt_out_headers_withdraw_the_header_channels() {
    let refused = pairs(&[("p1@example.com", "no_consent"), ("p2@example.com", "-")]);
    let reached = pairs(&[("p1@example.com", "-"), ("p2@example.com", "-")]);
    for (header, on_email, on_sms) in [
        ("Do Not Contact", true, true),
        ("unsubscribe", true, true),
        ("TCPA Opt Out", true, true),
        ("Robinson", true, true),
        ("Do Not Email", true, false),
        ("DNE", true, false),
        ("DNC", true, true),
        ("Do Not Text", false, true),
    ] {
        for (yes, no) in [("1", "0"), ("1.0", "0.0"), ("1.00", "0.00"), ("1", "")] {
            let (email, sms) = outcomes(&two_people(header, yes, no), &[]);
            let want = |refuses: bool| if refuses { &refused } else { &reached };
            assert_eq!(&email, want(on_email), "{header} {yes}/{no}: e-mail");
            assert_eq!(&sms, want(on_sms), "{header} {yes}/{no}: SMS");
        }
    }
}

/// Fault 1, an opt-in header naming no channel: p1's `1.0` grants e-mail (SMS comes
/// from the option), p2's `0.0` refuses both channels.
#[test]
fn decimals_under_a_consent_header_grant_and_refuse() {
    let (email, sms) = outcomes(&two_people("Consent", "1.0", "0.0"), &[]);
    let p2_refused = pairs(&[("p1@example.com", "-"), ("p2@example.com", "no_consent")]);
    assert_eq!(email, p2_refused);
    assert_eq!(sms, p2_refused);
}

/// Fault 2: the safe rule's advice for a header naming no channel keeps every
/// channel (`opt_in`/`opt_out`, not `email_opt_*`), quotes the header as in the file,
/// and following it refuses p1's `yes` on e-mail and SMS.
#[test]
fn the_safe_rule_advises_a_map_that_keeps_every_channel() {
    let ws = Ws::new();
    let path = ws.write("people.csv", &two_people("Permission Given", "yes", "no"));
    ws.cmd()
        .args(["import", &path])
        .args(BOTH_GRANTED)
        .assert()
        .code(1)
        .stderr(contains(
            "people.csv, line 2, column `Permission Given`: the header sounds like consent (`permission`), but nothing says whether its `yes` grants or refuses",
        ))
        .stderr(contains(
            "--map 'Permission Given=opt_in' (yes = consent given) or --map 'Permission Given=opt_out' (yes = opted out)",
        ))
        .stderr(contains("email_opt_out").not());
    let p1_refused = pairs(&[("p1@example.com", "no_consent"), ("p2@example.com", "-")]);
    let (email, sms) = outcomes(
        &two_people("Permission Given", "yes", "no"),
        &["--map", "Permission Given=opt_out"],
    );
    assert_eq!(email, p1_refused);
    assert_eq!(sms, p1_refused);
    // A header naming texts keeps its own channel.
    let texts = Ws::new();
    let path = texts.write("people.csv", &two_people("Texting Permission", "yes", "no"));
    texts
        .cmd()
        .args(["import", &path])
        .args(BOTH_GRANTED)
        .assert()
        .code(1)
        .stderr(contains("--map 'Texting Permission=sms_opt_in'"));
}

/// Fault 3: `--skip` on a column read by its values is refused when it holds a
/// refusal, whatever else it holds (`ask later`, a dash), naming the refusing line.
#[test]
fn a_refusal_word_cannot_be_skipped_among_unread_values() {
    for other in ["ask later", "-"] {
        let ws = Ws::new();
        let path = ws.write(
            "people.csv",
            &format!(
                "email,first_name,Mailing\n\
                 p1@example.com,P1,unsubscribed\n\
                 p2@example.com,P2,{other}\n\
                 p3@example.com,P3,subscribed\n"
            ),
        );
        ws.cmd()
            .args(["import", &path, "--consent", "email=granted", "--skip", "Mailing"])
            .assert()
            .code(1)
            .stderr(contains(
                "--skip `Mailing`: the column is e-mail and SMS consent and 1 row in it refuses (line 2: `unsubscribed`)",
            ))
            .stderr(contains("nothing was imported"));
        ws.cmd()
            .args(["contact", "show", "p1@example.com"])
            .assert()
            .code(1);
    }
}

/// Fault 4: a refusal word among `no`s under a header no rule knows stops a granting
/// import, naming the file, the line of the first unread `no` (line 3) and the
/// column, and quoting the refusal's line (2); nothing is imported. `VIP` of yes/no
/// alone stays an ordinary field.
#[test]
fn a_refusal_word_among_yes_no_stops_a_granting_import() {
    for header in [
        "SMS Status",
        "Mailing",
        "List status",
        "Contactable",
        "WhatsApp Status",
        "Text status",
    ] {
        for refusal in [
            "STOP",
            "stop",
            "Stop",
            "revoked",
            "blocked",
            "withdrawn",
            "declined",
        ] {
            let ws = Ws::new();
            let csv = format!(
                "email,phone,first_name,{header}\n\
                 p1@example.com,+447700900111,P1,{refusal}\n\
                 p2@example.com,+447700900112,P2,no\n\
                 p3@example.com,+447700900113,P3,no\n"
            );
            let path = ws.write("people.csv", &csv);
            ws.cmd()
                .args(["import", &path])
                .args(BOTH_GRANTED)
                .assert()
                .code(1)
                .stderr(contains(format!(
                    "people.csv, line 3, column `{header}`: the column holds a refusal (`{refusal}` on line 2), but nothing says whether its `no` grants or refuses"
                )))
                .stderr(contains("nothing was imported"));
            ws.cmd()
                .args(["contact", "show", "p1@example.com"])
                .assert()
                .code(1);
        }
    }
    let (email, sms) = outcomes(&two_people("VIP", "yes", "no"), &[]);
    let everyone = pairs(&[("p1@example.com", "-"), ("p2@example.com", "-")]);
    assert_eq!(email, everyone);
    assert_eq!(sms, everyone);
}

/// Fault 4: a column of refusals only (`STOP`, a blank) is read as SMS consent for a
/// header naming texts: p1 gets no SMS; p2's blank is filled by the option. E-mail
/// reaches both (the header names SMS only).
#[test]
fn a_column_of_stop_alone_withdraws_the_texts() {
    let (email, sms) = outcomes(&two_people("SMS Status", "STOP", ""), &[]);
    assert_eq!(
        sms,
        pairs(&[("p1@example.com", "no_consent"), ("p2@example.com", "-")])
    );
    assert_eq!(
        email,
        pairs(&[("p1@example.com", "-"), ("p2@example.com", "-")])
    );
}
