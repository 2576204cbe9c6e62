//! Consent-ish headers that no rule reads (README, "Consent rules", the safe rule).
//! A new-user trial imported `Mailing list` (yes/no) with `--consent email=granted`:
//! the column was ignored and the person whose cell said `no` was granted. The same
//! held for `Can Contact`, `Contact me`, `Receive offers`, `Promo emails`, `Email
//! list`, `Acepta publicidad`, `Email status` (Removed/Active), `Subscription`
//! (cancelled/active) and `Mailing` with `bounced`; and a blank `Newsletter` cell (a
//! box left unticked) became a grant. Now such a column stops a granting import, naming
//! the file, line and column, and the advice works when followed; a blank in an opt-in
//! column stays not asked; ordinary columns (`Contact Name`, `Promo code`, `Last order
//! status`, `Subscription plan`) import as before. Every expected outcome is worked
//! out by hand from the README's rules, as each table says.

mod review_support;

use review_support::{BOTH_GRANTED, EMAIL_EVERYONE, Ws, outcomes, pairs, two_people};

/// (header, p1's value, p2's value): p1's value refuses or may refuse (`no`,
/// `Removed`, `cancelled`, `removed`); none of these headers is a known or dictionary
/// consent header, and each has a consent-ish word (`mailing`, `contact` beside `me`,
/// `offers`, `promo`, `email` beside `list` or `status`, `publicidad`, `subscription`,
/// `werbung`, `offres`, `receber`, `ofertas`).
const STOPPED: &[(&str, &str, &str)] = &[
    ("Mailing list", "no", "yes"),
    ("Can Contact", "no", "yes"),
    ("Contact me", "N", "Y"),
    ("Receive offers", "false", "true"),
    ("Promo emails", "no", "yes"),
    ("Email list", "0", "1"),
    ("Acepta publicidad", "no", "sí"),
    ("Email status", "Removed", "Active"),
    ("Subscription", "cancelled", "active"),
    // Not `bounced` or `blocklisted`: member statuses since trial 4 (MailPoet) and
    // trial 6 (listmonk), read as a bounce and a withdrawal, so only the `yes` beside
    // them is unread.
    ("Mailing", "removed", "yes"),
    ("Werbung erlaubt", "nein", "ja"),
    ("Reçoit les offres", "non", "oui"),
    ("Aceita receber emails", "não", "sim"),
    ("Ofertas por email", "no", "x"),
];

/// Import `csv` as `people.csv` with `args` into `ws`, expecting exit 1; stderr.
fn refused(ws: &Ws, csv: &str, args: &[&str]) -> String {
    let file = ws.write("people.csv", csv);
    let mut all = vec!["import", file.as_str()];
    all.extend(args);
    let out = ws.cmd().args(&all).assert().code(1);
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

/// Nothing was imported: the workspace holds no contact.
fn holds_nobody(ws: &Ws) {
    ws.cmd()
        .args(["contact", "show", "p1@example.com"])
        .assert()
        .failure();
}

/// The safe rule's error names the file, the first row's line (2: p1's value is the
/// first consent or status word, and the first value no rule reads), the column and
/// the value, and says nothing was imported.
#[test]
fn a_granting_import_stops_over_a_consent_ish_column() {
    for (header, first, second) in STOPPED {
        let ws = Ws::new();
        let err = refused(&ws, &two_people(header, first, second), &BOTH_GRANTED);
        for part in [
            format!("people.csv, line 2, column `{header}`"),
            "the header sounds like consent".to_string(),
            format!("`{first}`"),
            "nothing was imported".to_string(),
        ] {
            assert!(err.contains(&part), "{header}: {part} not in {err}");
        }
        holds_nobody(&ws);
    }
}

/// `--dry-run` stops the same way: a dry run that said "ok" would promise an import
/// that cannot happen.
#[test]
fn a_dry_run_stops_the_same_way() {
    let ws = Ws::new();
    let mut args = BOTH_GRANTED.to_vec();
    args.push("--dry-run");
    let err = refused(&ws, &two_people("Mailing list", "no", "yes"), &args);
    assert!(
        err.contains("column `Mailing list`") && err.contains("nothing was imported"),
        "{err}"
    );
}

/// The advice works when followed. Yes/no: the first `--map` the error suggests
/// (`yes = consent given`) reads the column as an opt-in, so p1's `no` is a refusal
/// (excluded `no_consent`) and p2's `yes` a grant; status words rewritten as the
/// consent words the advice lists (`Removed` → `unsubscribed`, `bounced` → `cleaned`,
/// p2's value → `subscribed`) are read by their words (README: a column of such words
/// is consent under any header).
#[test]
fn the_advice_works_when_followed() {
    let refused_p1 = pairs(&[("p1@example.com", "no_consent"), ("p2@example.com", "-")]);
    for (header, first, second) in STOPPED {
        let ws = Ws::new();
        let err = refused(&ws, &two_people(header, first, second), &BOTH_GRANTED);
        let (email, _) = if ["Removed", "cancelled", "bounced"].contains(first) {
            let word = if *first == "bounced" {
                "cleaned"
            } else {
                "unsubscribed"
            };
            outcomes(&two_people(header, word, "subscribed"), &[])
        } else {
            let at = err.find("--map '").expect(&err) + "--map '".len();
            let map = &err[at..at + err[at..].find('\'').unwrap()];
            outcomes(&two_people(header, first, second), &["--map", map])
        };
        assert_eq!(email, refused_p1, "{header}: {err}");
    }
}

/// The column speaks for the channel its header names: `SMS list` and `Text me` are
/// SMS consent, so `--consent email=granted` alone grants both e-mails (the column
/// says nothing of e-mail), while `--consent sms=granted` stops, naming that option.
#[test]
fn a_column_naming_texts_stops_only_an_sms_grant() {
    for header in ["SMS list", "Text me"] {
        let ws = Ws::new();
        let file = ws.write("people.csv", &two_people(header, "no", "yes"));
        ws.ok(&["import", &file, "--consent", "email=granted"]);
        assert_eq!(
            ws.outcome(EMAIL_EVERYONE, "news"),
            pairs(&[("p1@example.com", "-"), ("p2@example.com", "-")]),
            "{header}"
        );
        let ws = Ws::new();
        let err = refused(
            &ws,
            &two_people(header, "no", "yes"),
            &["--consent", "sms=granted"],
        );
        assert!(err.contains("--consent sms=granted"), "{header}: {err}");
    }
}

/// Without a granting `--consent` nothing stops and nobody is granted: both rows stay
/// not asked, so both are excluded `no_consent`.
#[test]
fn without_a_granting_option_nothing_stops_and_nobody_is_granted() {
    let ws = Ws::new();
    let file = ws.write("people.csv", &two_people("Mailing list", "no", "yes"));
    ws.ok(&["import", &file]);
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("p1@example.com", "no_consent"),
            ("p2@example.com", "no_consent")
        ])
    );
}

/// Ordinary columns are not stopped: no consent-ish word (`Contact Name`, `Last order
/// status`, `Email verified`), a word of an ordinary field beside one (`Promo code`,
/// `Subscription plan`, `Mailing address`, `Receive invoices`), a word that only holds a
/// consent stem (`Bewerbung`, a job application, holds `werbung`), or values that are
/// no consent or status words (`Subscription` of plan names). The option grants both
/// rows.
#[test]
fn ordinary_columns_import_as_before() {
    let everyone = pairs(&[("p1@example.com", "-"), ("p2@example.com", "-")]);
    for (header, first, second) in [
        ("Contact Name", "Ana", "Bo"),
        ("Promo code", "SUMMER10", "NO"),
        ("Last order status", "cancelled", "completed"),
        ("Subscription plan", "Basic", "Pro"),
        ("Subscription", "Basic", "Pro"),
        ("Mailing address", "1 High St", "2 Low Rd"),
        ("Email verified", "no", "yes"),
        ("Order status", "cancelled", "cancelled"),
        // Session-8 trial: a job application (`Bewerbung` holds `werbung`) and
        // paperwork by post are no consent.
        ("Bewerbung", "nein", "ja"),
        ("Bewerbung eingegangen", "no", "yes"),
        ("Receive invoices by post", "no", "yes"),
    ] {
        let (email, sms) = outcomes(&two_people(header, first, second), &[]);
        assert_eq!((&email, &sms), (&everyone, &everyone), "{header}");
    }
}

/// A blank in an opt-in column is a box left unticked: not asked, never a grant from
/// `--consent` (p2 excluded `no_consent`), on e-mail for `Newsletter` and Shopify's
/// `Accepts Email Marketing`, and on both channels for `Consent`, which names no
/// channel (README: such a column speaks for every channel). A blank in an opt-out
/// column (`Unsubscribed`) says no opt-out is known, and the option fills it.
#[test]
fn a_blank_in_an_opt_in_column_is_no_grant() {
    let unticked = pairs(&[("p1@example.com", "-"), ("p2@example.com", "no_consent")]);
    let everyone = pairs(&[("p1@example.com", "-"), ("p2@example.com", "-")]);
    let refused = pairs(&[("p1@example.com", "no_consent"), ("p2@example.com", "-")]);
    let table = [
        ("Newsletter", "yes", &unticked, &everyone),
        ("Accepts Email Marketing", "yes", &unticked, &everyone),
        ("Consent", "yes", &unticked, &unticked),
        ("Unsubscribed", "yes", &refused, &refused),
    ];
    for (header, first, email, sms) in table {
        let csv = two_people(header, first, "");
        let got = outcomes(&csv, &[]);
        assert_eq!((&got.0, &got.1), (email, sms), "{header}");
    }
    let ws = Ws::new();
    let file = ws.write("people.csv", &two_people("Newsletter", "yes", ""));
    let mut args = vec!["import", file.as_str()];
    args.extend(BOTH_GRANTED);
    ws.ok(&args);
    assert_eq!(ws.email_consent("p2@example.com")["state"], "not_asked");
}
