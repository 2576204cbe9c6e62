//! A phone cell holding two numbers is one person's two numbers: when any of them is
//! on the suppression list or refused, the contact gets no message on that number's
//! channel (promise 1; README, "Contacts, phone numbers and suppression lists"). The
//! session-10 trial (F22) texted the first number of `07911 123456 / 07700 900123`
//! while the second was on the list: only the stored first number was checked.
//!
//! Numbers: UK mobiles 07911 123456 and Ofcom's drama range 07700 900xxx; in E.164
//! `+44` and the national number without its trunk `0`. Expected by hand:
//! - n1 `+44 7700 900123 / 07700 900456`: the list's `07700 900456` (read in GB, the
//!   workspace's region) is its second number: suppressed;
//! - n2 `07700 900111; 07700 900222`: the list's `+447700900222`: suppressed;
//! - n3 `07700 900333 or +44 7700 900444`: r1 withdrew SMS on `+447700900444`: the
//!   refusal of that number holds for n3 too, `no_consent` on SMS (e-mail unaffected);
//! - n4 `+44 7700 900555` and n6 `+44 7911 123456 / 07700 900999`: nothing listed or
//!   refused: texted on `+447700900555` and `+447911123456`;
//! - r1: its own withdrawal, `no_consent` (and e-mail not asked, `no_consent`).
//!
//! Main texted n1, n2 and n3 and exported their first numbers.

mod review_support;

use review_support::{BOTH_GRANTED, EMAIL_EVERYONE, SMS_EVERYONE, Ws, finding, pairs, read};

fn workspace() -> Ws {
    let ws = Ws::new();
    let contacts = ws.write(
        "contacts.csv",
        "email,phone\n\
         n1@example.com,+44 7700 900123 / 07700 900456\n\
         n2@example.com,07700 900111; 07700 900222\n\
         n3@example.com,07700 900333 or +44 7700 900444\n\
         n4@example.com,+44 7700 900555\n\
         n6@example.com,+44 7911 123456 / 07700 900999\n",
    );
    let mut args = vec!["import", contacts.as_str(), "--region", "GB"];
    args.extend(BOTH_GRANTED);
    ws.ok(&args);
    let refusals = ws.write(
        "refusals.csv",
        "email,phone,sms_consent\nr1@example.com,07700 900444,withdrawn\n",
    );
    ws.ok(&["import", &refusals]);
    let list = ws.write("list.txt", "07700 900456\n+447700900222\n");
    ws.ok(&["suppress", &list]);
    ws
}

/// Preview and explain: n1 and n2 suppressed by their second numbers, n3 refused by
/// r1's withdrawal of its second number; on e-mail the suppressed contacts stay
/// suppressed and n3 is mailed. A contact's own SMS refusal does not stop its e-mail.
#[test]
fn a_listed_or_refused_second_number_stops_the_message() {
    let ws = workspace();
    assert_eq!(
        ws.outcome(SMS_EVERYONE, "text"),
        pairs(&[
            ("n1@example.com", "suppressed"),
            ("n2@example.com", "suppressed"),
            ("n3@example.com", "no_consent"),
            ("n4@example.com", "-"),
            ("n6@example.com", "-"),
            ("r1@example.com", "no_consent"),
        ])
    );
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("n1@example.com", "suppressed"),
            ("n2@example.com", "suppressed"),
            ("n3@example.com", "-"),
            ("n4@example.com", "-"),
            ("n6@example.com", "-"),
            ("r1@example.com", "no_consent"),
        ])
    );
    let why = ws.stdout(&["explain", "text", "n1@example.com"]);
    assert!(why.contains("+447700900456"), "{why}");
    // s1 withdrew SMS on a cell of two numbers: its second number goes on the list
    // (reason `refused`), which stops SMS only: s1 stays `no_consent` on SMS (its own
    // refusal) and is mailed.
    let ws = Ws::new();
    let file = ws.write(
        "s.csv",
        "email,phone,sms_consent
s1@example.com,+44 7911 123456; +44 7700 900123,withdrawn
",
    );
    ws.ok(&["import", &file, "--consent", "email=granted"]);
    assert_eq!(
        ws.outcome(SMS_EVERYONE, "text"),
        pairs(&[("s1@example.com", "no_consent")])
    );
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("s1@example.com", "-")])
    );
}

/// Review counts them out (2 recipients, 2 suppressed, 2 no_consent) and the SMS
/// export holds only n4's and n6's numbers.
#[test]
fn review_and_export_leave_them_out() {
    let ws = workspace();
    ws.apply(SMS_EVERYONE);
    let review = ws.json(&["review", "text"], 0);
    let counts = finding(&review, "exclusion_counts");
    assert_eq!(
        counts["message"], "audience 6 = 2 recipients + 4 excluded",
        "{counts}"
    );
    let items: Vec<&str> = counts["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap())
        .collect();
    assert!(items.contains(&"suppressed: 2"), "{items:?}");
    assert!(items.contains(&"no_consent: 2"), "{items:?}");
    let out = ws.out("upload");
    ws.ok(&[
        "export",
        "text",
        "--out",
        out.to_str().unwrap(),
        "--profile",
        "upload",
    ]);
    assert_eq!(
        String::from_utf8(read(&out.join("recipients.csv"))).unwrap(),
        "\u{FEFF}phone,segment,body\r\n\
         +447700900555,everyone,Hello\r\n\
         +447911123456,everyone,Hello\r\n"
    );
}

/// With no region known anywhere, a number listed without its country code is kept as
/// written and matched in every region: it still finds the second number of a cell
/// written with country codes (`+44 7911 123456 / +44 7700 900456`).
#[test]
fn a_national_entry_without_a_region_finds_the_second_number() {
    let ws = Ws::new();
    let contacts = ws.write(
        "contacts.csv",
        "email,phone\n\
         m1@example.com,+44 7911 123456 / +44 7700 900456\n\
         m2@example.com,+44 7700 900555\n",
    );
    let mut args = vec!["import", contacts.as_str()];
    args.extend(BOTH_GRANTED);
    ws.ok(&args);
    let list = ws.write("list.txt", "07700 900456\n");
    ws.ok(&["suppress", &list]);
    assert_eq!(
        ws.outcome(SMS_EVERYONE, "text"),
        pairs(&[("m1@example.com", "suppressed"), ("m2@example.com", "-")])
    );
}
