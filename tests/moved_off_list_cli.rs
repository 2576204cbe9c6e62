//! A re-import that moves a contact off an address on the suppression list says so
//! (new-user trial 6, G21; README, "Contacts, phone numbers and suppression lists").
//! The list holds addresses: the old address stays suppressed on every route (another
//! contact, another key, an undo that puts it back), and the new address, not on the
//! list, may be mailed, but the import report names the contact, both addresses and
//! the command to suppress the new one. Driven through the `tactful` binary;
//! expected outcomes by hand. On main 92ee044 the report said nothing (trial 6: "no
//! warning"), so the first test fails there.

mod review_support;

use review_support::{EMAIL_EVERYONE, Ws, pairs, warnings};

const KEY: [&str; 2] = ["--key", "Customer ID"];

/// The trial's files: customer 101 is Ann at old@example.com, then at
/// new@example.com.
const FIRST: &str = "Customer ID,Email,First Name,Accepts Email Marketing\n\
                     101,old@example.com,Ann,yes\n102,bob@example.com,Bob,yes\n103,cy@example.com,Cy,yes\n";
const MOVED: &str = "Customer ID,Email,First Name,Accepts Email Marketing\n\
                     101,new@example.com,Ann,yes\n";

/// A workspace after the first file and the list holding old@example.com.
fn listed() -> Ws {
    let ws = Ws::new();
    ws.import_csv("c1.csv", FIRST, &KEY);
    let list = ws.write("cs.txt", "old@example.com\n");
    ws.ok(&["suppress", &list]);
    ws
}

/// The move is reported: one warning naming 101, old and new address and the
/// command; then 101 is mailed at the new address (not on the list).
#[test]
fn moving_a_contact_off_a_listed_address_is_reported() {
    let ws = listed();
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[("101", "suppressed"), ("102", "-"), ("103", "-")])
    );
    let report = ws.import_csv("c2.csv", MOVED, &KEY);
    let moved: Vec<String> = warnings(&report)
        .into_iter()
        .filter(|w| w.contains("suppression list"))
        .collect();
    assert_eq!(moved.len(), 1, "{report:#}");
    assert!(
        moved[0].starts_with(
            "1 contact moved off an address on the suppression list: 101 (was `old@example.com`, now `new@example.com`)"
        ),
        "{}",
        moved[0]
    );
    assert!(moved[0].contains("`tactful suppress`"), "{}", moved[0]);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[("101", "-"), ("102", "-"), ("103", "-")])
    );
}

/// The old address is never mailed, whichever contact brings it back: a new customer
/// 104 holding it, and undoing the move. (A file keyed by e-mail is refused in a
/// workspace keyed by customer ID, so that route cannot bring it back either.)
#[test]
fn the_old_address_stays_suppressed_on_every_route() {
    let ws = listed();
    ws.import_csv("c2.csv", MOVED, &KEY);
    let again =
        "Customer ID,Email,First Name,Accepts Email Marketing\n104,old@example.com,Ann,yes\n";
    ws.import_csv("c3.csv", again, &KEY);
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[
            ("101", "-"),
            ("102", "-"),
            ("103", "-"),
            ("104", "suppressed"),
        ])
    );
    // Undo 104's file (batch 3), then the move (batch 2): 101 is back at
    // old@example.com, suppressed.
    ws.ok(&["import", "undo", "3"]);
    ws.ok(&["import", "undo", "2"]);
    assert_eq!(
        ws.exclusions("news")[0],
        ("101".into(), "suppressed".into())
    );
}

/// A re-import that changes an address not on the list, or keeps the listed one,
/// says nothing of the list.
#[test]
fn other_changes_say_nothing_of_the_list() {
    let ws = listed();
    let other = "Customer ID,Email,First Name,Accepts Email Marketing\n\
                 102,bob@other.com,Bob,yes\n101,old@example.com,Annie,yes\n";
    let report = ws.import_csv("c2.csv", other, &KEY);
    assert!(
        !warnings(&report)
            .iter()
            .any(|w| w.contains("suppression list")),
        "{report:#}"
    );
}
