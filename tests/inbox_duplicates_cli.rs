//! Nobody gets a message twice: one inbox written several ways gets one message
//! (brief, "Campaign assignment" step 5; README, "Contacts, phone numbers and
//! suppression lists"). New-user trial 8 (M3): `ann@gmail.com`, `ann+shop@gmail.com`,
//! `a.nn@gmail.com` and `ann@googlemail.com` were four recipients, though Google
//! delivers all four to one inbox and refusals, the suppression list and erasure
//! already compare that inbox form. Driven through the `tactful` binary; expected values
//! worked out by hand from the README's inbox rules (sub-address removed on every
//! domain; for Gmail dots removed and `googlemail.com` read as `gmail.com`).

mod review_support;

use review_support::{EMAIL_EVERYONE, Ws, pairs};

/// In workspace (file) order the first spelling of each inbox is the recipient and
/// every later one is `duplicate_address`: A1 gets `ann@gmail.com`'s message, A2-A4
/// are its inbox; B1 gets `bob@example.com`'s, B2 (`+x`) is its inbox; Cy's
/// `cy.d@example.com` keeps its dot (not Gmail) and is a recipient. Main sent to all
/// seven. `explain` names the inbox and the earlier contact.
#[test]
fn one_inbox_written_several_ways_gets_one_message() {
    let ws = Ws::new();
    let file = ws.write(
        "dup.csv",
        "Email,First Name,Accepts Email Marketing\n\
         ann@gmail.com,A1,yes\n\
         ann+shop@gmail.com,A2,yes\n\
         a.nn@gmail.com,A3,yes\n\
         ann@googlemail.com,A4,yes\n\
         bob@example.com,B1,yes\n\
         bob+x@example.com,B2,yes\n\
         cy.d@example.com,Cy,yes\n",
    );
    ws.ok(&["import", &file]);
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[
            ("ann@gmail.com", "-"),
            ("ann+shop@gmail.com", "duplicate_address"),
            ("a.nn@gmail.com", "duplicate_address"),
            ("ann@googlemail.com", "duplicate_address"),
            ("bob@example.com", "-"),
            ("bob+x@example.com", "duplicate_address"),
            ("cy.d@example.com", "-"),
        ])
    );
    let e = ws.json(&["explain", "news", "a.nn@gmail.com"], 0);
    let text = e.to_string();
    assert!(
        text.contains(
            "address `a.nn@gmail.com` delivers to the inbox `ann@gmail.com`, which already went to contact `ann@gmail.com`"
        ),
        "{e:#}"
    );
}

/// The first spelling in workspace order wins even when it is the decorated one:
/// `a.nn+x@googlemail.com` first is the recipient, the plain `ann@gmail.com` after it
/// is `duplicate_address`.
#[test]
fn the_first_spelling_in_workspace_order_wins() {
    let ws = Ws::new();
    let file = ws.write(
        "dup.csv",
        "Email,First Name,Accepts Email Marketing\n\
         a.nn+x@googlemail.com,A1,yes\n\
         ann@gmail.com,A2,yes\n",
    );
    ws.ok(&["import", &file]);
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[
            ("a.nn+x@googlemail.com", "-"),
            ("ann@gmail.com", "duplicate_address"),
        ])
    );
}
