//! An address with the rest of a link or a sentence after its domain
//! (`jane.doe@gmail.com/`, `…#x`, `…?subject=x`, `…&x`, `…%20`, `…;`, `…)`, `…]`, `….`)
//! is the address before it, on every side (new-user trial 7, N8; README, "Contacts,
//! phone numbers and suppression lists"): a contact key, a suppression-list entry, a
//! refusal and an erasure all read it as `jane.doe@gmail.com`, and the value as
//! written is never sent to (`no_address`), so no export writes it. A domain holds
//! letters, digits, `-` and dots only (RFC 1035 §2.3.1), so nothing after another
//! character can belong to the address. Driven through the `tactful` binary; every
//! expected outcome is worked out by hand from the files below. On main 92ee044 each
//! test fails: `jane.doe@gmail.com/` was a valid, deliverable address of its own, and
//! a list entry that suppressed nobody.
//!
//! The same holds for junk before the local part (`/jane.doe@gmail.com`, `mailto://…`,
//! `https://example.com/…`, `email:…`, `#…`, `-…`, `.…`; new-user trial 9, L-N8p): no
//! mail provider hands out a mailbox name that starts with anything but a letter, digit
//! or `_`, or holds `/`, `\`, `:` or `|`. On main d4840f0 `/jane.doe@gmail.com`, `#…`,
//! `-…`, `|…` and `=…` were valid, deliverable addresses of their own, and list entries
//! that suppressed nobody.

mod review_support;

use review_support::{EMAIL_EVERYONE, Ws, pairs};

/// Jane's address with the junk the trial and its reviewers named after it.
const AFTER: [&str; 11] = [
    "jane.doe@gmail.com/",
    "jane.doe@gmail.com#x",
    "jane.doe@gmail.com?subject=x",
    "jane.doe@gmail.com&x",
    "jane.doe@gmail.com%20",
    "jane.doe@gmail.com/unsubscribe?id=7",
    "jane.doe@gmail.com;",
    "jane.doe@gmail.com)",
    "jane.doe@gmail.com]",
    "jane.doe@gmail.com.",
    "Jane.Doe@Gmail.com=",
];

/// Jane's address with junk before it.
const BEFORE: [&str; 13] = [
    "/jane.doe@gmail.com",
    "//jane.doe@gmail.com",
    "\\jane.doe@gmail.com",
    ":jane.doe@gmail.com",
    "|jane.doe@gmail.com",
    "#jane.doe@gmail.com",
    "-jane.doe@gmail.com",
    "=jane.doe@gmail.com",
    ".jane.doe@gmail.com",
    "mailto://jane.doe@gmail.com",
    "https://example.com/jane.doe@gmail.com",
    "email:Jane.Doe@gmail.com",
    "／jane.doe@gmail.com",
];

/// A customer file with Jane written as `jane` and Zed plainly, both saying yes.
fn customers(jane: &str) -> String {
    format!("Email,First Name,Accepts Email Marketing\n{jane},Jane,yes\nzed@example.com,Zed,yes\n")
}

/// Contact side: each spelling keys the contact jane.doe@gmail.com, whom the list's
/// plain entry suppresses (on main the first six after the domain, and `/…`, `|…`,
/// `#…`, `-…`, `=…` and `.…` before it, keyed a contact of their own, a recipient).
#[test]
fn a_contact_with_junk_around_the_address_is_the_listed_address() {
    for jane in AFTER.iter().chain(&BEFORE) {
        let ws = Ws::new();
        ws.import_csv("customers.csv", &customers(jane), &[]);
        let list = ws.write("optouts.txt", "jane.doe@gmail.com\n");
        assert_eq!(ws.json(&["suppress", &list], 0)["added"], 1);
        ws.apply(EMAIL_EVERYONE);
        assert_eq!(
            ws.exclusions("news"),
            pairs(&[
                ("jane.doe@gmail.com", "suppressed"),
                ("zed@example.com", "-")
            ]),
            "{jane}"
        );
    }
}

/// Not suppressed, such a value is still not sent as written (a mail system refuses
/// `jane.doe@gmail.com/`), so it is `no_address`, and the export writes neither it
/// nor Jane: only Zed.
#[test]
fn a_value_with_junk_around_the_address_is_never_exported() {
    for jane in AFTER[..6].iter().chain(&BEFORE) {
        let ws = Ws::new();
        ws.import_csv("customers.csv", &customers(jane), &[]);
        ws.apply(EMAIL_EVERYONE);
        assert_eq!(
            ws.exclusions("news"),
            pairs(&[
                ("jane.doe@gmail.com", "no_address"),
                ("zed@example.com", "-")
            ]),
            "{jane}"
        );
        let out = ws.out("out");
        ws.ok(&["export", "news", "--out", out.to_str().unwrap()]);
        let sent = std::fs::read_to_string(out.join("recipients.csv")).unwrap();
        assert!(!sent.to_lowercase().contains("jane"), "{jane}: {sent}");
        assert!(sent.contains("zed@example.com"), "{jane}: {sent}");
    }
}

/// List side: each spelling on the list is jane.doe@gmail.com's opt-out (junk before
/// the address: also the Gmail inbox `janedoe@gmail.com`'s), added once and nothing
/// skipped (on main the first six after the domain were "1 address added" and
/// suppressed nobody).
#[test]
fn a_list_entry_with_junk_around_the_address_suppresses_it() {
    let sides = [
        (&AFTER[..], "jane.doe@gmail.com"),
        (&BEFORE[..], "janedoe@gmail.com"),
    ];
    for (spellings, contact) in sides {
        for jane in spellings {
            let ws = Ws::new();
            ws.import_csv("customers.csv", &customers(contact), &[]);
            let list = ws.write("optouts.txt", &format!("{jane}\n"));
            let report = ws.json(&["suppress", &list], 0);
            assert_eq!(report["added"], 1, "{jane}");
            assert_eq!(report["skipped"], serde_json::json!([]), "{jane}");
            ws.apply(EMAIL_EVERYONE);
            assert_eq!(
                ws.exclusions("news"),
                pairs(&[(contact, "suppressed"), ("zed@example.com", "-")]),
                "{jane}"
            );
        }
    }
}

/// Refusal route: Jane said no as `jane.doe@gmail.com/` (or `/jane.doe@gmail.com`);
/// a later file brings her plainly saying yes. It is the same contact (0 added) and
/// her refusal holds (on main she was a second contact, granted, and mailed).
#[test]
fn a_refusal_written_with_junk_holds_for_the_plain_address() {
    for written in ["jane.doe@gmail.com/", "/jane.doe@gmail.com"] {
        refusal_holds(written);
    }
}

fn refusal_holds(written: &str) {
    let ws = Ws::new();
    let first = format!(
        "Email,First Name,Accepts Email Marketing\n{written},Jane,no\nzed@example.com,Zed,yes\n"
    );
    ws.import_csv("first.csv", &first, &[]);
    let again = ws.import_csv("again.csv", &customers("jane.doe@gmail.com"), &[]);
    assert_eq!(again["contacts_added"], 0);
    assert_eq!(again["contacts_total"], 2);
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[
            ("jane.doe@gmail.com", "no_consent"),
            ("zed@example.com", "-")
        ])
    );
}

/// Erasure route (GDPR Art. 17), keyed by customer ID so only the address can
/// match: customer 7 is erased while her address reads `jane.doe@gmail.com/` (or
/// `#jane.doe@gmail.com`); a
/// later row 9 with the plain address is skipped as erased, Zed (8) updated (on main the erasure
/// hashed `jane.doe@gmail.com/` only, and row 9 came back: 1 added, 0 skipped).
#[test]
fn an_erased_address_written_with_junk_stays_erased() {
    for written in ["jane.doe@gmail.com/", "#jane.doe@gmail.com"] {
        erasure_holds(written);
    }
}

fn erasure_holds(written: &str) {
    let ws = Ws::new();
    let key = ["--key", "Customer ID"];
    let first = format!("Customer ID,Email,First Name\n7,{written},Jane\n8,zed@example.com,Zed\n");
    ws.import_csv("first.csv", &first, &key);
    ws.ok(&["contact", "erase", "7"]);
    let again = ws.import_csv(
        "again.csv",
        "Customer ID,Email,First Name\n9,jane.doe@gmail.com,Jane\n8,zed@example.com,Zed\n",
        &key,
    );
    assert_eq!(again["rows_skipped_erased"], 1);
    assert_eq!(again["contacts_added"], 0);
    assert_eq!(again["contacts_total"], 1);
}
