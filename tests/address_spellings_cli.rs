//! One address however it is spelled (README, "Contacts, phone numbers and suppression
//! lists"): full-width letters (Unicode NFKC: `ｆｗ` U+FF46 U+FF57 is `fw`) and a
//! domain in its IDNA ASCII form (`xn--bcher-kva.de` is `bücher.de`, RFC 3492's
//! Punycode of `bücher`) match the plain address in the suppression list, in contact
//! keys and in refusals. Driven through the `tactful` binary as the new-user trial did;
//! the expected outcomes are worked out by hand from the files below.

mod review_support;

use review_support::{EMAIL_EVERYONE, Ws, pairs};

/// The trial's workspace: fw@example.com and idn@bücher.de, both granted; everyone
/// with an address is mailed.
fn trial() -> Ws {
    let ws = Ws::new();
    let file = ws.write(
        "people.csv",
        "email,first_name\nfw@example.com,F\nidn@bücher.de,I\n",
    );
    ws.ok(&["import", &file, "--consent", "email=granted"]);
    ws.apply(EMAIL_EVERYONE);
    ws
}

/// A list holding the full-width spelling of one address and the ASCII form of the
/// other suppresses both contacts (on main both stayed recipients).
#[test]
fn suppressing_another_spelling_suppresses_the_address() {
    let ws = trial();
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[("fw@example.com", "-"), ("idn@bücher.de", "-")])
    );
    let list = ws.write("optouts.txt", "ｆｗ@example.com\nidn@xn--bcher-kva.de\n");
    let report = ws.json(&["suppress", &list], 0);
    assert_eq!(report["added"], 2);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[
            ("fw@example.com", "suppressed"),
            ("idn@bücher.de", "suppressed"),
        ])
    );
}

/// A later row in the ASCII form of the domain is the same contact: it updates
/// idn@bücher.de (no third contact) and its unsubscribe holds.
#[test]
fn an_ascii_domain_row_is_the_same_contact() {
    let ws = trial();
    let file = ws.write(
        "unsubscribes.csv",
        "email,first_name,status\nidn@xn--bcher-kva.de,I,unsubscribed\n",
    );
    let report = ws.json(&["import", &file], 0);
    assert_eq!(report["contacts_added"], 0);
    assert_eq!(report["contacts_updated"], 1);
    assert_eq!(report["contacts_total"], 2);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[("fw@example.com", "-"), ("idn@bücher.de", "no_consent")])
    );
}

/// A full-width row keys the same contact too, and its withdrawal holds for the
/// plain address.
#[test]
fn a_full_width_row_is_the_same_contact() {
    let ws = trial();
    let file = ws.write(
        "unsubscribes.csv",
        "email,first_name,status\nＦＷ@example.com,F,unsubscribed\n",
    );
    let report = ws.json(&["import", &file], 0);
    assert_eq!(report["contacts_added"], 0);
    assert_eq!(report["contacts_total"], 2);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[("fw@example.com", "no_consent"), ("idn@bücher.de", "-")])
    );
}
