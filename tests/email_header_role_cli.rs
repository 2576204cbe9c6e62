//! A column headed `email` keeps the e-mail role when most of its values are no
//! address (new-user trial 5, F1): as an ordinary field its real addresses were no
//! addresses, every row got a generated key, and a later opt-out or suppression keyed
//! by such an address could miss the contact. Now the valid values key their contacts
//! and the others are rejected by line, as at 60% valid. README, "Fields and privacy
//! classes".

mod review_support;

use review_support::*;

/// The trial's file: 2 addresses of 5 values (40%): `cy(at)example.com` is read as
/// `cy@example.com` (it was 1 of 5, 20%, before `(at)` markers were read: new-user
/// trial, `ann(at)example.com`; tests/address_obfuscated_cli.rs).
const MIXED: &str = "email,first_name\nann@example.com,Ann\nbob at example.com,Bob\n\
    cy(at)example.com,Cy\nn/a,Dee\nunknown,Ed\n";

#[test]
fn an_email_header_over_mostly_other_values_keeps_the_email_role() {
    let ws = Ws::new();
    let report = ws.import_csv("mix.csv", MIXED, &["--consent", "email=granted"]);
    let field = ws.field("email");
    let reason = field["reason"].as_str().unwrap();
    assert_eq!(field["role"], "email", "{reason}");
    assert!(
        reason.contains("the header `email` names e-mail addresses, so the column keeps that role though only 40% of values look like e-mail addresses"),
        "{reason}"
    );
    // By hand: lines 3, 5 and 6 hold no address and no phone: rejected, each by line
    // (the bare words of `bob at example.com` are no marker). Line 4 keys Cy.
    let rejected: Vec<(u64, String)> = report["rows_rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["line"].as_u64().unwrap(),
                r["reason"].as_str().unwrap().into(),
            )
        })
        .collect();
    let lines: Vec<u64> = rejected.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [3, 5, 6], "{report}");
    assert!(
        rejected[1].1.contains("`n/a` is not an e-mail address"),
        "{}",
        rejected[1].1
    );
    // Cy's value as written is no address to send to.
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("ann@example.com", "-"), ("cy@example.com", "no_address")])
    );
}

#[test]
fn an_opt_out_and_a_suppression_by_that_address_match_the_contact() {
    let ws = Ws::new();
    ws.import_csv("mix.csv", MIXED, &["--consent", "email=granted"]);
    // Ann opts out in a later file (another spelling of her address): no_consent,
    // and undoing that file keeps the opt-out.
    ws.import_csv(
        "optout.csv",
        "email,Accepts Email Marketing\nAnn@Example.COM,no\n",
        &[],
    );
    let cy = ("cy@example.com", "no_address");
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("ann@example.com", "no_consent"), cy])
    );
    ws.ok(&["import", "undo"]);
    assert_eq!(
        ws.sorted_exclusions("news"),
        pairs(&[("ann@example.com", "no_consent"), cy])
    );
    // A suppression list naming her suppresses her.
    let list = ws.write("stop.txt", "ANN@example.com\n");
    ws.ok(&["suppress", &list]);
    assert_eq!(
        ws.sorted_exclusions("news"),
        pairs(&[("ann@example.com", "suppressed"), cy])
    );
}
