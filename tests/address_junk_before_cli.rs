//! An address with the rest of a link or a label before its local part
//! (`/jane.doe@gmail.com`, `mailto://…`, `https://example.com/…`, `email:…`, `#…`,
//! `-…`, `.…`) is the address after it, on every side (new-user trial 9, L-N8p;
//! README, "Contacts, phone numbers and suppression lists"): a contact key, a
//! suppression-list entry, a refusal and an erasure all read it as
//! `jane.doe@gmail.com`, and the value as written is never sent to (`no_address`), so
//! no export writes it. No mail provider hands out a mailbox name that starts with
//! anything but a letter, digit or `_`, or holds `/`, `\`, `:` or `|`. Driven through
//! the `tactful` binary; every expected outcome is worked out by hand from the files
//! below. On main d4840f0 each test fails: `/jane.doe@gmail.com`, `#…`, `-…`, `|…`
//! and `=…` were valid, deliverable addresses of their own, and list entries that
//! suppressed nobody.

mod review_support;

use review_support::{EMAIL_EVERYONE, Ws, pairs};

/// Jane's address with junk before it.
const SPELLINGS: [&str; 13] = [
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
/// plain entry suppresses (on main `/…`, `|…`, `#…`, `-…`, `=…` and `.…` were
/// recipients at addresses of their own).
#[test]
fn a_contact_with_junk_before_the_address_is_the_listed_address() {
    for jane in SPELLINGS {
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

/// Not suppressed, such a value is still not sent as written, so it is
/// `no_address`, and the export writes neither it nor Jane: only Zed.
#[test]
fn a_value_with_junk_before_the_address_is_never_exported() {
    for jane in SPELLINGS {
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

/// List side: each spelling on the list is jane.doe@gmail.com's opt-out (and the
/// Gmail inbox `janedoe@gmail.com`'s), added once and nothing skipped.
#[test]
fn a_list_entry_with_junk_before_the_address_suppresses_it() {
    for jane in SPELLINGS {
        let ws = Ws::new();
        let file = "Email,First Name,Accepts Email Marketing\n\
                    janedoe@gmail.com,Jane,yes\nzed@example.com,Zed,yes\n";
        ws.import_csv("customers.csv", file, &[]);
        let list = ws.write("optouts.txt", &format!("{jane}\n"));
        let report = ws.json(&["suppress", &list], 0);
        assert_eq!(report["added"], 1, "{jane}");
        assert_eq!(report["skipped"], serde_json::json!([]), "{jane}");
        ws.apply(EMAIL_EVERYONE);
        assert_eq!(
            ws.exclusions("news"),
            pairs(&[
                ("janedoe@gmail.com", "suppressed"),
                ("zed@example.com", "-")
            ]),
            "{jane}"
        );
    }
}

/// Refusal route: Jane said no as `/jane.doe@gmail.com`; a later file brings her
/// plainly saying yes. It is the same contact (0 added) and her refusal holds.
#[test]
fn a_refusal_written_with_junk_before_holds_for_the_plain_address() {
    let ws = Ws::new();
    let first = "Email,First Name,Accepts Email Marketing\n\
                 /jane.doe@gmail.com,Jane,no\nzed@example.com,Zed,yes\n";
    ws.import_csv("first.csv", first, &[]);
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

/// Erasure route (GDPR Art. 17), keyed by customer ID so only the address can match:
/// customer 7 is erased while her address reads `#jane.doe@gmail.com`; a later row 9
/// with the plain address is skipped as erased.
#[test]
fn an_erased_address_written_with_junk_before_stays_erased() {
    let ws = Ws::new();
    let key = ["--key", "Customer ID"];
    let first = "Customer ID,Email,First Name\n7,#jane.doe@gmail.com,Jane\n8,zed@example.com,Zed\n";
    ws.import_csv("first.csv", first, &key);
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
