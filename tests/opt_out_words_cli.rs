//! Opt-outs written as values and as file names (promise 1; README, "Consent rules").
//! The session-10 new-user trial texted people whose reply was an SMS opt-out keyword
//! other than STOP (`CANCEL`, `END`, `QUIT`, `ARRET`, `STOPP`, `BAJA`; F16), mailed
//! spam complaints under a `Status` column (`spam complaint`, MailerLite's `junk`; F2),
//! granted everyone in a file named `unsubscribed.csv` imported with `--consent
//! email=granted` (F21), and missed short opt-outs in notes (`take me off your list`,
//! `keine E-Mails mehr`; F3) and `Kommunikation: keine` (F4).
//!
//! Expected outcomes by hand from the README's rules: in a file imported with both
//! granting options, p1's value refuses and p1 is excluded `no_consent` on the channel
//! (SMS for reply keywords, e-mail otherwise); p2's value refuses nothing and p2 is
//! sent to (`-`). Main sent to p1 in every case below.

mod review_support;

use review_support::{BOTH_GRANTED, Outcome, Ws, outcomes, pairs, two_people};

/// p1 excluded `no_consent`, p2 sent to.
fn p1_refused() -> Outcome {
    pairs(&[("p1@example.com", "no_consent"), ("p2@example.com", "-")])
}

/// The cases whose chosen outcome is not `want`.
fn wrong(cases: &[(&str, &str, &str)], sms: bool, want: &Outcome) -> Vec<String> {
    let mut wrong = Vec::new();
    for (header, first, second) in cases {
        let (email, text) = outcomes(&two_people(header, first, second), &[]);
        let got = if sms { text } else { email };
        if &got != want {
            wrong.push(format!("{header}: {first}/{second}: {got:?}"));
        }
    }
    wrong
}

/// F16: the FCC/CTIA opt-out keywords and the carriers' French, German and Spanish
/// ones, alone or with punctuation, in a column of replies to texts: no SMS to p1.
/// (`OPTOUT` and `UNSUBSCRIBE` state consent by themselves: beside `Thanks` they stop
/// a granting import, as on main, and are tested elsewhere.)
#[test]
fn sms_opt_out_keywords_in_replies_withdraw() {
    let mut cases = Vec::new();
    for keyword in [
        "CANCEL",
        "END",
        "QUIT",
        "REVOKE",
        "ARRET",
        "ARRÊT",
        "STOPP",
        "BAJA",
        "ALTO",
        "Cancel.",
        "stop please",
    ] {
        cases.push(("Last SMS reply", keyword, "Thanks"));
    }
    cases.push(("Inbound keyword", "END", "YES"));
    cases.push(("Text response", "quit", "ok thanks"));
    assert_eq!(wrong(&cases, true, &p1_refused()), Vec::<String>::new());
}

/// False friends of the keywords: `alto`/`baja` (high/low) as a priority and `end`
/// as a position are no replies to texts: everyone gets the SMS, as on main.
#[test]
fn keywords_outside_replies_refuse_nothing() {
    let everyone = pairs(&[("p1@example.com", "-"), ("p2@example.com", "-")]);
    let cases = [
        ("Prioridad", "alta", "baja"),
        ("Priority", "alto", "bajo"),
        ("Position", "end", "start"),
        ("Order action", "cancel", "keep"),
    ];
    assert_eq!(wrong(&cases, true, &everyone), Vec::<String>::new());
}

/// F2: a spam complaint is an opt-out: under `Status` (a header no rule reads) the
/// complaint withdraws; `active` is filled by the option.
#[test]
fn spam_complaints_are_refusals() {
    let cases = [
        ("Status", "spam complaint", "active"),
        ("Status", "complained", "active"),
        ("Status", "junk", "active"),
        ("Status", "spam", "active"),
        ("Status", "Marked as spam", "active"),
    ];
    assert_eq!(wrong(&cases, false, &p1_refused()), Vec::<String>::new());
}

/// F3 and F4: short opt-outs in words in a notes column, in several languages, and
/// "none" under a German, French or Dutch communication header.
#[test]
fn short_opt_out_phrases_and_none_withdraw() {
    let cases = [
        ("Notes", "take me off your list", "call after 5"),
        ("Notes", "please remove me from your list", "call after 5"),
        ("Notes", "keine E-Mails mehr", "call after 5"),
        ("Notes", "geen mails meer", "call after 5"),
        ("Notes", "ne plus me contacter", "call after 5"),
        ("Notes", "non contattatemi", "call after 5"),
        ("Notes", "marked as spam", "call after 5"),
        ("Kommunikation", "keine", "E-Mail"),
        ("Communicatie", "geen", "E-mail"),
        ("Préférences", "aucune", "e-mail"),
    ];
    assert_eq!(wrong(&cases, false, &p1_refused()), Vec::<String>::new());
}

/// F21: a file named like an opt-out list, with a granting `--consent`, is refused
/// with an error that names the file and `tactful suppress`; nothing is imported.
/// Without the option the same file imports (nobody is granted), and a customer file
/// with an innocent name imports with it.
#[test]
fn a_granting_option_is_refused_for_an_opt_out_file() {
    for name in [
        "unsubscribed.csv",
        "optouts.csv",
        "opt-outs.csv",
        "spam_complaints.csv",
        "bounces.csv",
        "suppression_list.csv",
        "blocklist.csv",
        "abmeldungen.csv",
        "désabonnés.csv",
    ] {
        let ws = Ws::new();
        let file = ws.write(name, "email\nu2@example.com\n");
        let mut args = vec!["import", file.as_str()];
        args.extend(BOTH_GRANTED);
        let out = ws.cmd().args(&args).assert().code(1);
        let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        for part in [
            name,
            "lists opt-outs",
            "tactful suppress",
            "nothing was imported",
        ] {
            assert!(err.contains(part), "{name}: `{part}` not in {err}");
        }
        ws.cmd()
            .args(["contact", "show", "u2@example.com"])
            .assert()
            .failure();
        ws.ok(&["import", &file]);
        assert_eq!(
            ws.email_consent("u2@example.com")["state"],
            "not_asked",
            "{name}"
        );
    }
    let ws = Ws::new();
    let file = ws.write("customers_cleaned.csv", "email\nc1@example.com\n");
    ws.ok(&["import", &file, "--consent", "email=granted"]);
    assert_eq!(ws.email_consent("c1@example.com")["state"], "granted");
}
