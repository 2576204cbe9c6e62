//! An e-mail column whose values are written in typographic quotes, guillemets or
//! brackets (`«ann@corp.com»`, `“ann@corp.com”`) holds e-mail addresses: the
//! classifier counts its share on the address inside the marks, as every normal form
//! reads it (new-user trial 7, N4; README, "Contacts, phone numbers and suppression
//! lists"). A second column (`Work Email`) keeps its e-mail role, so its suppressed
//! address excludes the contact; a primary `Email` column keys each contact by the
//! address inside, so the list and a later plain file meet it. Driven through the
//! `tactful` binary; expected outcomes by hand from PRODUCT.md's assignment order
//! (suppressed before consent) and the files below. On main 92ee044 each test fails:
//! such a column got role none ("0% of values look like e-mail addresses").

mod review_support;

use review_support::{EMAIL_EVERYONE, Ws, pairs};

/// The wrappings tried, each around the address inside.
const WRAPS: [(&str, &str); 4] = [("«", "»"), ("“", "”"), ("„", "“"), ("「", "」")];

/// Ann, Bob and Cy, all saying yes.
const FIRST: &str = "Email,First Name,Accepts Email Marketing\n\
                     ann@example.com,Ann,yes\nbob@example.com,Bob,yes\ncy@example.com,Cy,yes\n";

/// The trial's route: ann@corp.com is suppressed; a later file gives Ann that work
/// address in quotes. The column is an e-mail field and Ann is suppressed.
#[test]
fn a_quoted_second_address_on_the_list_suppresses_its_contact() {
    for (open, close) in WRAPS {
        let ws = Ws::new();
        let list = ws.write("list.txt", "ann@corp.com\n");
        ws.ok(&["suppress", &list]);
        ws.import_csv("first.csv", FIRST, &[]);
        let second =
            format!("Email,Work Email,First Name\nann@example.com,{open}ann@corp.com{close},Ann\n");
        ws.import_csv("second.csv", &second, &[]);
        assert_eq!(ws.field("work_email")["role"], "email", "{open}");
        ws.apply(EMAIL_EVERYONE);
        assert_eq!(
            ws.exclusions("news"),
            pairs(&[
                ("ann@example.com", "suppressed"),
                ("bob@example.com", "-"),
                ("cy@example.com", "-"),
            ]),
            "{open}"
        );
    }
}

/// One file whose every `Work Email` is quoted: the column is e-mail, and Bob's
/// listed work address suppresses him.
#[test]
fn an_all_quoted_second_column_keeps_its_email_role() {
    let ws = Ws::new();
    let file = "Email,Work Email,First Name,Accepts Email Marketing\n\
                ann@example.com,«ann@corp.com»,Ann,yes\n\
                bob@example.com,«bob@corp.com»,Bob,yes\n\
                cy@example.com,«cy@corp.com»,Cy,yes\n";
    ws.import_csv("people.csv", file, &[]);
    assert_eq!(ws.field("work_email")["role"], "email");
    let list = ws.write("list.txt", "bob@corp.com\n");
    ws.ok(&["suppress", &list]);
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[
            ("ann@example.com", "-"),
            ("bob@example.com", "suppressed"),
            ("cy@example.com", "-"),
        ])
    );
}

/// A primary `Email` column all in guillemets: each contact is keyed by the address
/// inside (on main: generated keys), the listed one is suppressed, the others are
/// `no_address` (a wrapped value is not sent as written), and a later plain file
/// updates the same contact (0 added) instead of making a new one.
#[test]
fn an_all_quoted_primary_column_keys_by_the_address_inside() {
    let ws = Ws::new();
    let file = "Email,First Name,Accepts Email Marketing\n\
                «ann@example.com»,Ann,yes\n«bob@example.com»,Bob,yes\n«cy@example.com»,Cy,yes\n";
    ws.import_csv("people.csv", file, &[]);
    assert_eq!(ws.field("email")["role"], "email");
    let list = ws.write("list.txt", "ann@example.com\n");
    ws.ok(&["suppress", &list]);
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[
            ("ann@example.com", "suppressed"),
            ("bob@example.com", "no_address"),
            ("cy@example.com", "no_address"),
        ])
    );
    let again = ws.import_csv(
        "again.csv",
        "Email,First Name,Accepts Email Marketing\nbob@example.com,Bob,yes\n",
        &[],
    );
    assert_eq!(again["contacts_added"], 0);
    assert_eq!(again["contacts_total"], 3);
    // Bob's stored spelling stays the first one (README: the key's e-mail keeps the
    // spelling first stored), so he is still not sent to as written.
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[
            ("ann@example.com", "suppressed"),
            ("bob@example.com", "no_address"),
            ("cy@example.com", "no_address"),
        ])
    );
}
