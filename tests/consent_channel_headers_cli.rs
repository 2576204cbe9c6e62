//! Yes/no columns under headers naming a channel or a newsletter in words no consent
//! rule knew, and do-not-contact marks as values (README, "Consent rules", the safe
//! rule). A new-user trial (session 8) imported `Email preference`, `SMS`,
//! `Nyhetsbrev`, `Keep me informed` (yes/no) with a granting `--consent`: the column
//! became an ordinary boolean field and the person whose cell said `no` was exported.
//! A `Status` of `ok` / `do not email` (or `DNC`, `Keine Werbung`, `ne pas contacter`)
//! did the same. Every expected outcome is worked out by hand from the README's rules.

mod review_support;

use review_support::{BOTH_GRANTED, EMAIL_EVERYONE, Ws, pairs, two_people};

/// (header, channel whose granting option it stops): p1 holds `no`, p2 `yes`. Each
/// header holds a channel word (`email`, `mails`, `mail`, `emails`, `correo`, `sms`,
/// `texts`, `mobile`) or a news word (`nyhetsbrev`, `rundbrief`, `biuletyn`, `bulletin`,
/// `updates`, `preferences`, `abo`; `Keep me informed` is e-mail consent since new-user
/// trial 6, G4: tests/opt_out_states_cli.rs) and none of the words that make a
/// column a fact about the address (`verified`, `valid`).
const STOPPED: &[(&str, &str)] = &[
    ("Email preference", "email"),
    ("Werbe-Mails", "email"),
    ("Info per Mail", "email"),
    ("Envoi emails", "email"),
    ("Correo publicitario", "email"),
    ("Nyhetsbrev", "email"),
    ("Rundbrief", "email"),
    ("Biuletyn", "email"),
    ("Bulletin", "email"),
    ("Updates", "email"),
    ("Communication preferences", "email"),
    ("Abo", "email"),
    ("SMS", "sms"),
    ("Texts", "sms"),
    ("Mobile", "sms"),
];

/// The granting option of the header's channel stops the import, naming the file, line
/// 2 (p1's `no`, the first yes/no no rule reads), the column and the option; nothing is
/// imported.
#[test]
fn a_yes_no_column_naming_a_channel_stops_a_granting_import() {
    for (header, channel) in STOPPED {
        let ws = Ws::new();
        let file = ws.write("people.csv", &two_people(header, "no", "yes"));
        let out = ws
            .cmd()
            .args(["import", &file, "--consent", &format!("{channel}=granted")])
            .assert()
            .code(1);
        let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        for part in [
            format!("people.csv, line 2, column `{header}`"),
            "speaks of a channel or its news".to_string(),
            format!("--consent {channel}=granted"),
            "nothing was imported".to_string(),
        ] {
            assert!(err.contains(&part), "{header}: {part} not in {err}");
        }
        ws.cmd()
            .args(["contact", "show", "p1@example.com"])
            .assert()
            .failure();
    }
}

/// A yes/no about the address itself is no permission: `Email verified`, `Valid email`
/// and `Has mobile` import under both granting options, which grant both rows.
#[test]
fn a_yes_no_about_the_address_imports() {
    for header in ["Email verified", "Valid email", "Has mobile"] {
        let ws = Ws::new();
        let file = ws.write("people.csv", &two_people(header, "no", "yes"));
        let mut args = vec!["import", file.as_str()];
        args.extend(BOTH_GRANTED);
        ws.ok(&args);
        assert_eq!(
            ws.outcome(EMAIL_EVERYONE, "news"),
            pairs(&[("p1@example.com", "-"), ("p2@example.com", "-")]),
            "{header}"
        );
    }
}

/// A do-not-contact mark in a column of any header is a withdrawal: the column is read
/// as e-mail consent by its words alone (the channel no header names), so p1's mark
/// records e-mail consent `withdrawn` and the granting option does not fill it; p2's
/// bare `yes` is unread there (README: a yes or no in a column read by its words alone
/// goes no way) and stays not asked. Both are excluded `no_consent`.
#[test]
fn do_not_contact_marks_are_withdrawals() {
    for mark in [
        "do not email",
        "DNC",
        "Do Not Mail",
        "unsub",
        "no marketing",
        "Keine Werbung",
        "ne pas contacter",
    ] {
        let ws = Ws::new();
        let file = ws.write("people.csv", &two_people("Status", mark, "yes"));
        ws.ok(&["import", &file, "--consent", "email=granted"]);
        let shown = ws.stdout(&["contact", "show", "p1@example.com"]);
        assert!(
            shown.contains("e-mail consent: withdrawn (column status"),
            "{mark}: {shown}"
        );
        assert_eq!(
            ws.outcome(EMAIL_EVERYONE, "news"),
            pairs(&[
                ("p1@example.com", "no_consent"),
                ("p2@example.com", "no_consent")
            ]),
            "{mark}"
        );
    }
}
