//! A contact's second e-mail field (`Work Email`, `Secondary Email`, `Email 2`) is its
//! inbox too (new-user trial 6, G14): a suppressed, refusing or erased address there
//! did not exclude the contact, while a second phone field did. Expected by hand from
//! PRODUCT.md's assignment order (1 suppressed, 2 no consent) and README, "Consent
//! rules" (a refusal belongs to the address): the contact holding such an address in
//! any e-mail field is excluded on every route.

mod review_support;

use review_support::{EMAIL_EVERYONE, Ws, pairs};

/// Ann's other address is `ann@corp.com`; Bob's `bob@corp.com`; Cy has none.
fn people(header: &str) -> String {
    format!(
        "Email,{header},First Name,Accepts Email Marketing\n\
         ann@example.com,ann@corp.com,Ann,yes\n\
         bob@example.com,bob@corp.com,Bob,yes\n\
         cy@example.com,,Cy,yes\n"
    )
}

#[test]
fn a_suppressed_second_address_suppresses_its_contact() {
    for header in [
        "Work Email",
        "Secondary Email",
        "Email 2",
        "E-mail (privat)",
    ] {
        let ws = Ws::new();
        ws.import_csv("people.csv", &people(header), &[]);
        // Listed in another case: the list and the contact compare case-insensitively.
        let list = ws.write("list.txt", "ANN@Corp.com\n");
        ws.ok(&["suppress", &list]);
        assert_eq!(
            ws.outcome(EMAIL_EVERYONE, "news"),
            pairs(&[
                ("ann@example.com", "suppressed"),
                ("bob@example.com", "-"),
                ("cy@example.com", "-"),
            ]),
            "{header}"
        );
    }
}

#[test]
fn a_refusal_of_a_second_address_holds_for_its_contact() {
    // `ann@corp.com` is also a contact of its own that said no.
    let csv = "Email,Work Email,First Name,Accepts Email Marketing\n\
               ann@example.com,ann@corp.com,Ann,yes\n\
               ann@corp.com,,Ann at work,no\n\
               bob@example.com,bob@corp.com,Bob,yes\n";
    let ws = Ws::new();
    ws.import_csv("people.csv", csv, &[]);
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("ann@corp.com", "no_consent"),
            ("ann@example.com", "no_consent"),
            ("bob@example.com", "-"),
        ])
    );
    // `explain` names the contact whose refusal it is.
    let explained = ws.stdout(&["explain", "news", "ann@example.com"]);
    assert!(explained.contains("ann@corp.com"), "{explained}");
}

#[test]
fn an_erased_address_in_a_second_field_suppresses_a_new_contact() {
    let ws = Ws::new();
    ws.import_csv("people.csv", &people("Work Email"), &[]);
    ws.ok(&["contact", "erase", "ann@example.com"]);
    // Zed's work address is the erased contact's own: the same person's inbox.
    let later = "Email,Work Email,First Name,Accepts Email Marketing\n\
                 zed@example.com,Ann@Example.com,Zed,yes\n";
    ws.import_csv("later.csv", later, &[]);
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("bob@example.com", "-"),
            ("cy@example.com", "-"),
            ("zed@example.com", "suppressed"),
        ])
    );
}
