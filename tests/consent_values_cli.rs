//! Promise 1 ("nobody who opted out gets a message") against consent columns read by
//! their values (README, "Consent rules"), the holes a second new-user trial found:
//! consent words under a header no rule knows (`Mailing`, `SMS Status`) ignored while
//! `--consent` granted everyone, informal and checkbox values (`Nope`, `unchecked`,
//! `OK`) under consent headers read as no consent column, and a safe-rule error that
//! advised `--skip`, which drops the column with its refusals.
//!
//! Expected values worked out by hand from the README's rules: `subscribed` grants,
//! `unsubscribed` withdraws, `cleaned` bounces, `pending` is not asked as the file
//! states it (so `--consent` does not fill it); a blank says nothing and the option
//! fills it; every state but granted is excluded as `no_consent`.

mod review_support;

use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use review_support::{EMAIL_EVERYONE, SMS_EVERYONE, Ws, pairs};

/// Import `csv` into a fresh workspace with `--consent CHANNEL=granted` (and any
/// `extra` options) and return `(key, excluded or "-")` for a campaign to everyone on
/// that channel.
fn receivers(csv: &str, channel: &str, extra: &[&str]) -> Vec<(String, String)> {
    let ws = Ws::new();
    let file = ws.write("people.csv", csv);
    let option = format!("{channel}=granted");
    let mut args = vec!["import", file.as_str(), "--consent", option.as_str()];
    args.extend_from_slice(extra);
    ws.ok(&args);
    if channel == "sms" {
        ws.apply(SMS_EVERYONE);
        ws.exclusions("text")
    } else {
        ws.apply(EMAIL_EVERYONE);
        ws.exclusions("news")
    }
}

/// A file with one column `header` holding `values`, one contact per value
/// (`c1@example.com` ... with a phone each, so SMS campaigns can reach them).
fn column(header: &str, values: &[&str]) -> String {
    let mut csv = format!("email,phone,first_name,{header}\n");
    for (i, v) in values.iter().enumerate() {
        let n = i + 1;
        csv += &format!("c{n}@example.com,+1415555010{n},C{n},{v}\n");
    }
    csv
}

/// Fault 1: member statuses under headers no rule knows are read as e-mail consent,
/// so the unsubscribed, cleaned and pending contacts are not e-mailed although
/// `--consent email=granted` was given; the blank takes the option.
#[test]
fn member_statuses_under_any_header_are_read() {
    let values = ["subscribed", "unsubscribed", "cleaned", "pending", ""];
    for header in [
        "Mailing",
        "List status",
        "Can Email",
        "Contactable",
        "Kontakt erlaubt",
        "Newsletter",
    ] {
        assert_eq!(
            receivers(&column(header, &values), "email", &[]),
            pairs(&[
                ("c1@example.com", "-"),
                ("c2@example.com", "no_consent"),
                ("c3@example.com", "no_consent"),
                ("c4@example.com", "no_consent"),
                ("c5@example.com", "-"),
            ]),
            "{header}"
        );
    }
}

/// Fault 1 for SMS, and 2(c): a header that names texts or SMS makes the column SMS
/// consent; opted-in/opted-out words and member statuses are read.
#[test]
fn opt_words_under_sms_headers_are_sms_consent() {
    for (header, yes, no) in [
        ("SMS Status", "opted in", "opted out"),
        ("Text Status", "Opted-In", "Opted-Out"),
        ("SMS Subscription", "subscribed", "unsubscribed"),
        ("Text Subscription", "subscribed", "unsubscribed"),
        ("SMS Subscription Status", "subscribed", "unsubscribed"),
    ] {
        assert_eq!(
            receivers(&column(header, &[yes, no, ""]), "sms", &[]),
            pairs(&[
                ("c1@example.com", "-"),
                ("c2@example.com", "no_consent"),
                ("c3@example.com", "-"),
            ]),
            "{header}"
        );
    }
    // The same columns say nothing of e-mail: `--consent email=granted` e-mails all.
    assert_eq!(
        receivers(
            &column("SMS Status", &["opted in", "opted out"]),
            "email",
            &[]
        ),
        pairs(&[("c1@example.com", "-"), ("c2@example.com", "-")])
    );
}

/// A yes or no in a column read by its words alone says nothing anyone can read (does
/// `yes` under `Mailing` grant or refuse?): not asked, not filled, and warned. A column
/// of yes/no alone is no consent column (`VIP`): the option grants everyone.
#[test]
fn yes_no_needs_a_header_that_gives_its_direction() {
    let ws = Ws::new();
    let file = ws.write(
        "people.csv",
        &column("Mailing", &["subscribed", "yes", "unsubscribed", "no"]),
    );
    let report = ws.json(&["import", &file, "--consent", "email=granted"], 0);
    let warnings = review_support::warnings(&report);
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("2 rows hold a word in the email consent column")),
        "{warnings:?}"
    );
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[
            ("c1@example.com", "-"),
            ("c2@example.com", "no_consent"),
            ("c3@example.com", "no_consent"),
            ("c4@example.com", "no_consent"),
        ])
    );
    assert_eq!(
        receivers(&column("VIP", &["yes", "no"]), "email", &[]),
        pairs(&[("c1@example.com", "-"), ("c2@example.com", "-")])
    );
}

/// Fault 1, the safe rule: consent words mixed with values nobody can read under a
/// header no rule knows stop a granting import, naming file, line, column and value,
/// and the workspace stays as it was.
#[test]
fn consent_words_among_unread_values_stop_a_granting_import() {
    let ws = Ws::new();
    let file = ws.write(
        "people.csv",
        &column("Mailing", &["subscribed", "unsubscribed", "ask later"]),
    );
    ws.cmd()
        .args(["import", &file, "--consent", "email=granted"])
        .assert()
        .code(1)
        .stderr(contains(
            "people.csv, line 4, column `Mailing`: the column holds a consent word (`subscribed` on line 2), but `ask later` is not a consent value tactful can read",
        ))
        .stderr(contains("nothing was imported"))
        .stderr(contains("--map 'Mailing=opt_in'"))
        .stderr(contains("--skip").not());
    ws.cmd()
        .args(["contact", "show", "c1@example.com"])
        .assert()
        .code(1);
}

/// Fault 2(a): informal answers and checkbox marks under consent headers are read as
/// what they mean; a dash is never a yes (unread: no grant from the option).
#[test]
fn informal_and_checkbox_values_are_read() {
    let values = [
        "Nope",
        "unchecked",
        "checked",
        "OK",
        "✓",
        "✗",
        "x",
        "nah",
        "-",
        "—",
    ];
    for header in [
        "Email Permission",
        "opt_in_email",
        "Optin",
        "Marketing Permission",
    ] {
        assert_eq!(
            receivers(&column(header, &values), "email", &[]),
            pairs(&[
                ("c1@example.com", "no_consent"),
                ("c2@example.com", "no_consent"),
                ("c3@example.com", "-"),
                ("c4@example.com", "-"),
                ("c5@example.com", "-"),
                ("c6@example.com", "no_consent"),
                ("c7@example.com", "-"),
                ("c8@example.com", "no_consent"),
                ("c9@example.com", "no_consent"),
                ("c10@example.com", "no_consent"),
            ]),
            "{header}"
        );
    }
}

/// Fault 2(b): a dictionary consent header is never silently no consent column under a
/// granting `--consent`: over dashes, or over values that are no yes/no at all, the
/// import stops naming the first value; over IP addresses and times (consent evidence,
/// issue 9) it goes through and the option grants.
#[test]
fn a_consent_header_over_unread_values_stops_a_granting_import() {
    for (header, values, line, value) in [
        ("Optin", ["-", "-"], 2, "-"),
        (
            "Email Permission",
            ["web form", "phone call"],
            2,
            "web form",
        ),
    ] {
        let ws = Ws::new();
        let file = ws.write("people.csv", &column(header, &values));
        ws.cmd()
            .args(["import", &file, "--consent", "email=granted"])
            .assert()
            .code(1)
            .stderr(contains(format!(
                "people.csv, line {line}, column `{header}`: the header sounds like consent"
            )))
            .stderr(contains(format!(
                "`{value}` is not a consent value tactful can read"
            )))
            .stderr(contains("--skip").not());
    }
    for (header, values) in [
        ("OPTIN_IP", ["203.0.113.7", "198.51.100.23"]),
        ("OPTIN_TIME", ["2024-01-15 10:22:31", "2024-02-01 08:00:00"]),
    ] {
        assert_eq!(
            receivers(&column(header, &values), "email", &[]),
            pairs(&[("c1@example.com", "-"), ("c2@example.com", "-")]),
            "{header}"
        );
    }
}

/// Fault 3: the error advises what keeps the refusals, never `--skip`, and the advice
/// works: mapped to `email_opt_in`, the column's `no` is a refusal; mapped to
/// `email_opt_out`, its `yes` is.
#[test]
fn the_safe_rule_advises_a_map_that_keeps_the_refusals() {
    let ws = Ws::new();
    let csv = column("Permission Given", &["yes", "no"]);
    let file = ws.write("people.csv", &csv);
    ws.cmd()
        .args(["import", &file, "--consent", "email=granted"])
        .assert()
        .code(1)
        .stderr(contains(
            "people.csv, line 2, column `Permission Given`: the header sounds like consent (`permission`), but nothing says whether its `yes` grants or refuses",
        ))
        .stderr(contains(
            "--map 'Permission Given=opt_in' (yes = consent given) or --map 'Permission Given=opt_out' (yes = opted out)",
        ))
        .stderr(contains("--skip").not());
    assert_eq!(
        receivers(&csv, "email", &["--map", "Permission Given=email_opt_in"]),
        pairs(&[("c1@example.com", "-"), ("c2@example.com", "no_consent")])
    );
    assert_eq!(
        receivers(&csv, "email", &["--map", "Permission Given=email_opt_out"]),
        pairs(&[("c1@example.com", "no_consent"), ("c2@example.com", "-")])
    );
    // A header naming phones gets the SMS fields.
    let ws = Ws::new();
    let file = ws.write("people.csv", &column("Phone Permission Given", &["yes"]));
    ws.cmd()
        .args(["import", &file, "--consent", "sms=granted"])
        .assert()
        .code(1)
        .stderr(contains("--map 'Phone Permission Given=sms_opt_in'"));
}

/// A refusal cannot be skipped away from a column read by its values either:
/// `--skip Mailing` over `unsubscribed` stops the import before anything is written,
/// as it does for a column recognised by its header (`Mailing` names no channel, so its
/// refusals are e-mail and SMS ones, README "Consent rules"). A column of yes/no alone is no
/// consent column and may be skipped.
#[test]
fn a_column_read_by_its_values_cannot_be_skipped_with_its_refusals() {
    let ws = Ws::new();
    let csv = column("Mailing", &["subscribed", "unsubscribed", "opted out"]);
    let file = ws.write("people.csv", &csv);
    ws.cmd()
        .args(["import", &file, "--skip", "Mailing", "--consent", "email=granted"])
        .assert()
        .failure()
        .stderr(contains(
            "--skip `Mailing`: the column is e-mail and SMS consent and 2 rows in it refuse (line 3: `unsubscribed`, line 4: `opted out`)",
        ));
    ws.cmd()
        .args(["contact", "show", "c1@example.com"])
        .assert()
        .code(1);
    assert_eq!(
        receivers(&column("VIP", &["yes", "no"]), "email", &["--skip", "VIP"]),
        pairs(&[("c1@example.com", "-"), ("c2@example.com", "-")])
    );
}

/// A later file filling a field the workspace holds as consent is never read as no
/// consent column: `Mailing` was read as consent from its member statuses, so a second
/// file's yes/no there (which way?) stops a granting import, and c3's `no` is never
/// granted.
#[test]
fn a_consent_field_filled_again_is_never_ignored() {
    let ws = Ws::new();
    let first = ws.write(
        "first.csv",
        &column("Mailing", &["subscribed", "unsubscribed"]),
    );
    ws.ok(&["import", &first]);
    let second = ws.write(
        "second.csv",
        "email,phone,first_name,Mailing\n\
         c3@example.com,+14155550103,C3,no\n\
         c4@example.com,+14155550104,C4,yes\n",
    );
    ws.cmd()
        .args(["import", &second, "--consent", "email=granted"])
        .assert()
        .failure()
        .stderr(contains(
            "second.csv, line 2, column `Mailing`: the workspace's field `mailing` holds email consent, but nothing says whether its `no` grants or refuses",
        ))
        .stderr(contains("--map 'Mailing=opt_in'"))
        .stderr(contains("--skip").not());
    ws.cmd()
        .args(["contact", "show", "c3@example.com"])
        .assert()
        .failure();
}
