//! A phone cell holding two numbers (`07911 123456 / 07700 900123`, `+44 7911 123456;
//! +44 7700 900123`) is read as both (new-user trial, session 8): a consenting contact
//! is keyed and texted on the first, as on a first phone field; a refusal holds for
//! both; a suppression list's such cell suppresses both. UK numbers: 07911 123456 is a
//! mobile, 07700 900xxx Ofcom's drama range.

mod review_support;

use review_support::{BOTH_GRANTED, SMS_EVERYONE, Ws, pairs};

/// The SMS address preview gives each contact, by key.
fn addresses(ws: &Ws) -> Vec<(String, String)> {
    ws.preview_column("text", "channel_address")
}

/// a's cell of two numbers gives its first, +447911123456, as its SMS address; b's
/// plain number is b's. Before, a was `no_address` (the cell was no number).
#[test]
fn a_consenting_contact_is_texted_on_the_first_number() {
    let ws = Ws::new();
    let file = ws.write(
        "people.csv",
        "email,phone\na@example.com,07911 123456 / 07700 900123\nb@example.com,07700 900222\n",
    );
    let mut args = vec!["import", file.as_str(), "--region", "GB"];
    args.extend(BOTH_GRANTED);
    ws.ok(&args);
    ws.apply(SMS_EVERYONE);
    assert_eq!(
        addresses(&ws),
        pairs(&[
            ("a@example.com", "+447911123456"),
            ("b@example.com", "+447700900222")
        ])
    );
}

/// A row keyed by e-mail whose cell holds two numbers withdraws SMS: the contact is
/// refused (no_consent) and the second number, +447700900123, goes on the suppression
/// list, so c, who holds it in a later file with consent, is not texted either.
/// Before, the import stopped (the refusing row could not be read).
#[test]
fn a_refusal_holds_for_both_numbers() {
    let ws = Ws::new();
    let file = ws.write(
        "unsub.csv",
        "email,phone,sms_consent\na@example.com,+44 7911 123456; +44 7700 900123,withdrawn\n",
    );
    ws.ok(&["import", &file, "--region", "GB"]);
    let later = ws.write("later.csv", "email,phone\nc@example.com,07700 900123\n");
    let mut args = vec!["import", later.as_str()];
    args.extend(BOTH_GRANTED);
    ws.ok(&args);
    assert_eq!(
        ws.outcome(SMS_EVERYONE, "text"),
        pairs(&[
            ("a@example.com", "no_consent"),
            ("c@example.com", "suppressed")
        ])
    );
}

/// `tactful suppress` reads such a cell as both numbers: two added, and a contact
/// holding the second is suppressed. Before, the cell was skipped as no number.
#[test]
fn a_suppression_list_cell_of_two_numbers_suppresses_both() {
    let ws = Ws::new();
    let file = ws.write("people.csv", "email,phone\nc@example.com,07700 900123\n");
    let mut args = vec!["import", file.as_str(), "--region", "GB"];
    args.extend(BOTH_GRANTED);
    ws.ok(&args);
    let list = ws.write("list.txt", "07911 123456 / 07700 900123\n");
    let report = ws.json(&["suppress", &list], 0);
    assert_eq!(report["added"], 2, "{report}");
    assert_eq!(report["several_regions"]["count"], 0, "{report}");
    assert_eq!(
        ws.outcome(SMS_EVERYONE, "text"),
        pairs(&[("c@example.com", "suppressed")])
    );
}
