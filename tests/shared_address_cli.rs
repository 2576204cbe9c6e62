//! A refusal belongs to the address as well as to the contact, on both channels
//! (README, "Campaigns"): a declined, withdrawn or bounced consent on one contact
//! keeps every other contact holding the same e-mail address or number out, whatever
//! that contact's own consent says. Driven through the `tactful` binary, as the
//! new-user trial did; every expected value is worked out by hand from the files
//! written below.
//!
//! Numbers: the UK drama range; `+44 (0)7700 900200` and `07700-900-200` read in
//! region GB are both `+447700900200` (Ofcom: +44, the national number without its
//! trunk 0).

mod review_support;

use review_support::{EMAIL_EVERYONE, SMS_EVERYONE, Ws, pairs};

/// The trial's file, keyed by customer ID: 1003 unsubscribed bo@example.com, 1004
/// said yes with `BO@example.com`, the same inbox. 1002 said yes with the same address
/// before the refusal in the file, so file order does not matter; 1005 (cy) is the
/// only other address and the only recipient.
#[test]
fn an_e_mail_refusal_holds_for_every_contact_with_the_address() {
    let ws = Ws::new();
    let file = ws.write(
        "customers.csv",
        "customer_id,email,accepts_email_marketing\n\
         1002,bo@example.com,yes\n\
         1003,bo@example.com,unsubscribed\n\
         1004,BO@example.com,yes\n\
         1005,cy@example.com,yes\n",
    );
    ws.ok(&["import", &file, "--key", "customer_id"]);
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[
            ("1002", "no_consent"),
            ("1003", "no_consent"),
            ("1004", "no_consent"),
            ("1005", "-"),
        ])
    );
    assert_eq!(
        ws.explain_step("news", "1004", 1),
        "e-mail consent: withdrawn (source: e-mail consent withdrawn on contact 1003, which holds the same address); only granted consent receives messages"
    );
}

/// A `no` in a positive column is declined (the person said no): it holds for the
/// address like a withdrawal, on e-mail and on SMS.
#[test]
fn a_declined_e_mail_consent_holds_for_the_address() {
    let ws = Ws::new();
    let file = ws.write(
        "customers.csv",
        "customer_id,email,accepts_email_marketing\n\
         1003,bo@example.com,no\n\
         1004,bo@example.com,yes\n",
    );
    ws.ok(&["import", &file, "--key", "customer_id"]);
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.exclusions("news"),
        pairs(&[("1003", "no_consent"), ("1004", "no_consent")])
    );
    assert_eq!(
        ws.explain_step("news", "1004", 1),
        "e-mail consent: declined (source: e-mail consent declined on contact 1003, which holds the same address); only granted consent receives messages"
    );
}

/// The trial's SMS file: a said no (Shopify "Accepts SMS Marketing: no") to the
/// handset b holds too, written another way; c's own number still gets the SMS.
#[test]
fn a_declined_sms_consent_holds_for_the_number() {
    let ws = Ws::new();
    let file = ws.write(
        "customers.csv",
        "email,phone,accepts_sms_marketing\n\
         a@example.com,+44 (0)7700 900200,no\n\
         b@example.com,07700-900-200,yes\n\
         c@example.com,07700 900201,yes\n",
    );
    ws.ok(&["import", &file, "--region", "GB"]);
    ws.apply(SMS_EVERYONE);
    assert_eq!(
        ws.exclusions("text"),
        pairs(&[
            ("a@example.com", "no_consent"),
            ("b@example.com", "no_consent"),
            ("c@example.com", "-"),
        ])
    );
    assert_eq!(
        ws.explain_step("text", "b@example.com", 1),
        "SMS consent: declined (source: SMS consent declined on contact a@example.com, which holds the same number); only granted consent receives messages"
    );
}

/// The trial's wrapped spellings of one opted-out address (1 said no to
/// bob@example.com): `MAILTO:`, a `mailto:` link with a query, angle brackets and quotes
/// are not plain addresses, so nothing is sent to them (`no_address`) whatever their own
/// consent says; angle brackets (5) and quotes (6) are taken off before addresses are
/// compared (new-user trial 6, G3), so 1's "no" reaches them first (`no_consent`);
/// trailing space and capitals are the same inbox as 1 and are refused
/// by 1's "no". The other way round, a refusal written wrapped (11, `<dan@…>`) or in
/// full-width letters (13, `ｅｖｅ@…`, NFKC `eve@…`) holds for the plain address (12,
/// 14). 10 (carol) is the only recipient.
#[test]
fn wrapped_or_full_width_spellings_never_slip_past_a_refusal() {
    let ws = Ws::new();
    let file = ws.write(
        "bobs.csv",
        "customer_id,email,first_name,accepts_email_marketing\n\
         1,bob@example.com,Bob,no\n\
         2,MAILTO:bob@example.com,Bob2,yes\n\
         4,mailto:bob@example.com?subject=hi,Bob4,yes\n\
         5,<bob@example.com>,Bob5,yes\n\
         6,\"\"\"bob@example.com\"\"\",Bob6,yes\n\
         7,bob@example.com ,Bob7,yes\n\
         9,Bob@Example.Com,Bob9,yes\n\
         10,carol@example.com,Carol,yes\n\
         11,<dan@example.com>,Dan,no\n\
         12,dan@example.com,Dan2,yes\n\
         13,ｅｖｅ@example.com,Eve,no\n\
         14,eve@example.com,Eve2,yes\n",
    );
    ws.ok(&["import", &file, "--key", "customer_id"]);
    ws.apply(EMAIL_EVERYONE);
    let mut got = ws.exclusions("news");
    got.sort_by_key(|(k, _)| k.parse::<u32>().unwrap());
    assert_eq!(
        got,
        pairs(&[
            ("1", "no_consent"),
            ("2", "no_address"),
            ("4", "no_address"),
            ("5", "no_consent"),
            ("6", "no_consent"),
            ("7", "no_consent"),
            ("9", "no_consent"),
            ("10", "-"),
            ("11", "no_consent"),
            ("12", "no_consent"),
            ("13", "no_consent"),
            ("14", "no_consent"),
        ])
    );
}
