//! A re-import that moves a contact off a phone number on the suppression list says
//! so, as it does for an e-mail address (new-user trial 9, F-G21p; README, "Contacts,
//! phone numbers and suppression lists"): the import report names the contact, the
//! old and new number in E.164 and the `tactful suppress` command. Numbers compare in
//! E.164, so a number written another way (`07700 900001` with `--region GB`,
//! `+44 (0)7700 900001`) is the same number and no move; any key (customer ID or
//! e-mail) and any address column (a second phone or e-mail field) count. Driven
//! through the `tactful` binary; expected outcomes by hand from the files below. On
//! main d4840f0 the phone tests fail: the report said nothing and 101 was texted.

mod review_support;

use review_support::{Ws, pairs, warnings};

const KEY: [&str; 4] = ["--key", "Customer ID", "--region", "GB"];

/// An SMS campaign `text` to everyone with a first name.
const SMS_ALL: &str = r#"
name = "text"
channel = "sms"
as_of = "2026-11-01"

[[entry]]
segment = "everyone"
rule = "first_name is not blank"
body = "Hello"
"#;

/// The trial's first file: 101 Ann, 102 Bob, 103 Cy, each with a UK drama-range
/// number (Ofcom) and saying yes to SMS; Ann's written `ann`.
fn first(ann: &str) -> String {
    format!(
        "Customer ID,Phone,First Name,Accepts SMS Marketing\n\
         101,{ann},Ann,yes\n102,+447700900002,Bob,yes\n103,+447700900003,Cy,yes\n"
    )
}

/// 101 again, with number `phone`.
fn moved(phone: &str) -> String {
    format!("Customer ID,Phone,First Name,Accepts SMS Marketing\n101,{phone},Ann,yes\n")
}

/// The warnings of `report` that speak of the suppression list.
fn list_warnings(report: &serde_json::Value) -> Vec<String> {
    warnings(report)
        .into_iter()
        .filter(|w| w.contains("suppression list"))
        .collect()
}

/// The trial's route: 101 is suppressed under +447700900001, then moved to
/// +447700900009. One warning names both numbers and the command; 101 is then
/// texted at the new number (not on the list).
#[test]
fn moving_a_contact_off_a_listed_number_is_reported() {
    let ws = Ws::new();
    ws.import_csv("p1.csv", &first("+447700900001"), &KEY);
    let list = ws.write("ps.txt", "+447700900001\n");
    ws.ok(&["suppress", &list]);
    ws.apply(SMS_ALL);
    assert_eq!(
        ws.exclusions("text"),
        pairs(&[("101", "suppressed"), ("102", "-"), ("103", "-")])
    );
    let report = ws.import_csv("p2.csv", &moved("+447700900009"), &KEY);
    let found = list_warnings(&report);
    assert_eq!(found.len(), 1, "{report:#}");
    assert!(
        found[0].starts_with(
            "1 contact moved off an address on the suppression list: 101 (was `+447700900001`, now `+447700900009`)"
        ),
        "{}",
        found[0]
    );
    assert!(found[0].contains("`tactful suppress`"), "{}", found[0]);
    assert_eq!(
        ws.exclusions("text"),
        pairs(&[("101", "-"), ("102", "-"), ("103", "-")])
    );
}

/// Written another way: the file says `07700 900001` (read in GB), the list
/// `+44 (0)7700 900001`. Re-writing it `+44 7700 900001` is no move (no warning, 101
/// still suppressed); moving to `07700 900009` is reported in E.164.
#[test]
fn a_number_written_another_way_is_compared_in_e164() {
    let ws = Ws::new();
    ws.import_csv("p1.csv", &first("07700 900001"), &KEY);
    let list = ws.write("ps.txt", "+44 (0)7700 900001\n");
    ws.ok(&["suppress", &list]);
    let same = ws.import_csv("p2.csv", &moved("+44 7700 900001"), &KEY);
    assert_eq!(list_warnings(&same), Vec::<String>::new(), "{same:#}");
    ws.apply(SMS_ALL);
    assert_eq!(
        ws.exclusions("text")[0],
        ("101".into(), "suppressed".into())
    );
    let report = ws.import_csv("p3.csv", &moved("07700 900009"), &KEY);
    let found = list_warnings(&report);
    assert_eq!(found.len(), 1, "{report:#}");
    assert!(
        found[0].starts_with(
            "1 contact moved off an address on the suppression list: 101 (was `+447700900001`, now `+447700900009`)"
        ),
        "{}",
        found[0]
    );
}

/// Any key, any address column: contacts keyed by e-mail, the listed number in a
/// second phone column (`Mobile`), and a listed second e-mail address (`Work
/// Email`), each moved by a re-import: one warning naming both contacts.
#[test]
fn a_second_phone_or_email_column_and_an_email_key_count_too() {
    let ws = Ws::new();
    let file = "Email,Work Email,Phone,Mobile,First Name,Accepts SMS Marketing\n\
                ann@example.com,ann@corp.com,+447700900101,+447700900001,Ann,yes\n\
                bob@example.com,bob@corp.com,+447700900102,+447700900002,Bob,yes\n";
    ws.import_csv("p1.csv", file, &["--region", "GB"]);
    assert_eq!(ws.field("mobile")["role"], "phone");
    assert_eq!(ws.field("work_email")["role"], "email");
    let list = ws.write("ps.txt", "+447700900001\nbob@corp.com\n");
    ws.ok(&["suppress", &list]);
    let again = "Email,Work Email,Phone,Mobile,First Name,Accepts SMS Marketing\n\
                 ann@example.com,ann@corp.com,+447700900101,+447700900009,Ann,yes\n\
                 bob@example.com,bob@new.com,+447700900102,+447700900002,Bob,yes\n";
    let report = ws.import_csv("p2.csv", again, &["--region", "GB"]);
    let found = list_warnings(&report);
    assert_eq!(found.len(), 1, "{report:#}");
    assert!(
        found[0].starts_with("2 contacts moved off an address on the suppression list: "),
        "{}",
        found[0]
    );
    assert!(
        found[0].contains("bob@example.com (was `bob@corp.com`, now `bob@new.com`)"),
        "{}",
        found[0]
    );
    assert!(
        found[0].contains("ann@example.com (was `+447700900001`, now `+447700900009`)"),
        "{}",
        found[0]
    );
}
