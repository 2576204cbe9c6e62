//! Promise 1 ("nobody who opted out gets a message") against three routes a new-user
//! trial (session 7) found to lose a refusal, each through the binary:
//! 1. `--map` of an opt-out header onto an opt-in field read "Do Not Email: yes" as a
//!    grant;
//! 2. an unsubscribe file whose addresses were wrapped (`A1 <a1@example.com>`,
//!    `mailto:`, a trailing `.` or `;`, a comment, two addresses) lost the rejected
//!    rows' refusals and keyed junk contacts;
//! 3. `fields set --role consent_email` on a field of yes/no left every contact's
//!    consent as imported, so the `no` was sent to.
//!
//! Expected values worked out by hand from the files and the README ("Consent rules",
//! "Importing"): a `yes` under `Do Not Email` is a withdrawal and its `no` says nothing
//! (the option fills it); `unsubscribed` withdraws e-mail consent, and a withdrawal
//! holds for every address the contact's e-mail value holds.

mod review_support;

use predicates::str::contains;
use review_support::{EMAIL_EVERYONE, Ws, pairs};

/// Item 1: the trial's map is refused (exit 1, nothing imported), naming the column,
/// how its header reads and the field that reads it the same way; following that
/// advice, a@ (yes = do not e-mail) is excluded and b@ (no: the option fills it) sent.
#[test]
fn an_opt_out_header_mapped_onto_an_opt_in_field_is_refused() {
    let ws = Ws::new();
    let file = ws.write(
        "g.csv",
        "email,name,Do Not Email\na@example.com,A,yes\nb@example.com,B,no\n",
    );
    ws.cmd()
        .args(["import", &file, "--map", "Do Not Email=email_opt_in"])
        .assert()
        .failure()
        .stderr(contains(
            "column `Do Not Email` is read as an e-mail opt-out (yes = the person refused)",
        ))
        .stderr(contains("every refusal in the column would become a grant"))
        .stderr(contains("Map it to email_opt_out instead"));
    // Nothing was imported.
    ws.cmd()
        .args(["contact", "show", "a@example.com"])
        .assert()
        .failure();
    ws.ok(&[
        "import",
        &file,
        "--map",
        "Do Not Email=email_opt_out",
        "--consent",
        "email=granted",
    ]);
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("a@example.com", "no_consent"), ("b@example.com", "-")])
    );
}

/// Item 1, the other direction and channel: an opt-in header onto an opt-out field,
/// and an every-channel opt-out onto the e-mail-only one (its SMS refusals would be
/// lost), are refused with the matching field named.
#[test]
fn maps_that_flip_or_narrow_a_consent_column_are_refused() {
    let ws = Ws::new();
    let file = ws.write(
        "s.csv",
        "email,Accepts Email Marketing,Do Not Contact\na@example.com,yes,no\n",
    );
    ws.cmd()
        .args([
            "import",
            &file,
            "--map",
            "Accepts Email Marketing=email_opt_out",
        ])
        .assert()
        .failure()
        .stderr(contains(
            "is read as an e-mail opt-in (yes = consent given)",
        ))
        .stderr(contains("Map it to email_opt_in instead"));
    ws.cmd()
        .args(["import", &file, "--map", "Do Not Contact=email_opt_out"])
        .assert()
        .failure()
        .stderr(contains("every-channel (e-mail and SMS) opt-out"))
        .stderr(contains("Map it to opt_out instead"));
}

const BASE: &str = "email\na1@example.com\na2@example.com\na3@example.com\na4@example.com\n\
                    a5@example.com\na6@example.com\na6@other.com\na7@example.com\n";

const UNSUB: &str = "email,status\n\
                     A1 <a1@example.com>,unsubscribed\n\
                     mailto:a2@example.com,unsubscribed\n\
                     a3@example.com.,unsubscribed\n\
                     a4@example.com;,unsubscribed\n\
                     a5@example.com (work),unsubscribed\n\
                     \"a6@example.com, a6@other.com\",unsubscribed\n\
                     a7@example.com,unsubscribed\n";

/// Item 2: every row of the unsubscribe file names one of the eight people (a6's row
/// both of its addresses), so all eight are excluded, no row is rejected and no
/// contact is added (the trial got four rejected rows and two junk contacts).
#[test]
fn wrapped_addresses_in_an_unsubscribe_file_withdraw_their_people() {
    let ws = Ws::new();
    let base = ws.write("base.csv", BASE);
    ws.ok(&["import", &base, "--consent", "email=granted"]);
    let unsub = ws.write("unsub.csv", UNSUB);
    let report = ws.json(&["import", &unsub], 0);
    assert_eq!(report["rows_rejected"], serde_json::json!([]), "{report}");
    assert_eq!(report["contacts_added"], 0, "{report}");
    assert_eq!(report["contacts_total"], 8, "{report}");
    let everyone: Vec<(String, String)> = [
        "a1@example.com",
        "a2@example.com",
        "a3@example.com",
        "a4@example.com",
        "a5@example.com",
        "a6@example.com",
        "a6@other.com",
        "a7@example.com",
    ]
    .iter()
    .map(|k| (k.to_string(), "no_consent".to_string()))
    .collect();
    assert_eq!(ws.outcome(EMAIL_EVERYONE, "news"), everyone);
    assert_eq!(ws.email_consent("a2@example.com")["state"], "withdrawn");
}

/// Item 2: a cell with two addresses grants neither (nothing says which one
/// consented): c1 is keyed by the first address and stays not asked, although the row
/// says `subscribed` and `--consent email=granted` was given.
#[test]
fn a_cell_with_two_addresses_grants_none() {
    let ws = Ws::new();
    let file = ws.write(
        "two.csv",
        "email,status\n\"c1@example.com, c2@example.com\",subscribed\nc3@example.com,subscribed\n",
    );
    ws.ok(&["import", &file, "--consent", "email=granted"]);
    assert_eq!(ws.email_consent("c1@example.com")["state"], "not_asked");
    assert_eq!(ws.email_consent("c3@example.com")["state"], "granted");
}

/// Item 2: a row that states a refusal but names no address the import can read is
/// not dropped: the import stops (exit 1) naming file, line and column, and nothing is
/// imported (a7's withdrawal on line 3 is not recorded either).
#[test]
fn a_refusal_on_a_row_that_cannot_be_imported_stops_the_import() {
    let ws = Ws::new();
    let base = ws.write("base.csv", BASE);
    ws.ok(&["import", &base, "--consent", "email=granted"]);
    let file = ws.write(
        "bad.csv",
        "email,status\nAnn Example,unsubscribed\na7@example.com,unsubscribed\n",
    );
    ws.cmd()
        .args(["import", &file])
        .assert()
        .failure()
        .stderr(contains(
            "bad.csv, line 2, column `email`: the row says email withdrawn",
        ))
        .stderr(contains("nothing was imported"));
    assert_eq!(ws.email_consent("a7@example.com")["state"], "granted");
}

/// Item 3: a consent role given after import to a field of yes/no is refused, naming
/// how to import the column as consent; following the advice, `no@` is excluded and
/// `yes@` sent.
#[test]
fn a_consent_role_over_imported_values_is_refused_with_the_way_that_works() {
    let ws = Ws::new();
    let file = ws.write(
        "m.csv",
        "email,first_name,Mailing list\nno@example.com,Nora,no\nyes@example.com,Yann,yes\n",
    );
    // Without `--consent`: a granting option now stops over this yes/no `Mailing
    // list` (README, the safe rule), and the field must exist before `fields set`.
    ws.ok(&["import", &file]);
    ws.cmd()
        .args([
            "fields",
            "set",
            "mailing_list",
            "--role",
            "consent_email",
            "--class",
            "consent",
            "--reason",
            "this column is the newsletter permission",
        ])
        .assert()
        .failure()
        .stderr(contains(
            "field `mailing_list` holds values for 2 contact(s)",
        ))
        .stderr(contains("--map 'Mailing list=email_opt_in'"));
    let fields = ws.json(&["fields"], 0);
    let mailing = fields
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "mailing_list")
        .unwrap();
    assert_eq!(mailing["role"], "none", "{fields}");
    ws.ok(&["import", "undo"]);
    ws.ok(&[
        "import",
        &file,
        "--consent",
        "email=granted",
        "--map",
        "Mailing list=email_opt_in",
    ]);
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("no@example.com", "no_consent"), ("yes@example.com", "-")])
    );
}

const PHONES: &str = "phone,first_name\n+447700900002,P2\n+447700900003,P3\n\
                      +447700900004,P4\n+447700900005,P5\n";

/// Item 2 on SMS: a number with a note in parentheses is that number, so P2's `no`
/// declines +447700900002; a cell of two numbers (session 8) is both numbers: the row
/// is keyed by the first (+447700900003, P3, declined) and the second (+447700900004)
/// goes on the suppression list, so the refusal holds for both. P5's `no` declines it.
/// UK drama-range numbers (Ofcom).
#[test]
fn sms_refusals_with_notes_hold_and_two_numbers_refuse_both() {
    let ws = Ws::new();
    let base = ws.write("base.csv", PHONES);
    ws.ok(&[
        "import",
        &base,
        "--region",
        "GB",
        "--consent",
        "sms=granted",
    ]);
    let file = ws.write(
        "refuse.csv",
        "phone,sms_consent\n+44 7700 900002 (mobile),no\n07700 900003 / 07700 900004,no\n\
         +447700900005,no\n",
    );
    ws.ok(&["import", &file]);
    let sms_all = r#"
name = "text"
channel = "sms"
as_of = "2026-11-01"

[[entry]]
segment = "everyone"
rule = "phone is not blank"
body = "Hello"
"#;
    assert_eq!(
        ws.outcome(sms_all, "text"),
        pairs(&[
            ("+447700900002", "no_consent"),
            ("+447700900003", "no_consent"),
            ("+447700900004", "suppressed"),
            ("+447700900005", "no_consent"),
        ])
    );
}
