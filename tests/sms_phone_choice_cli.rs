//! Which phone field an SMS goes to (README, "Platform layouts"): the contact's first
//! phone field with a value, the contact's own numbers before a postal address's. A
//! Shopify customer who gave only `Phone` (the number `Accepts SMS Marketing` refers
//! to) is an SMS recipient, not `no_address` because `Default Address Phone` (the
//! shipping address's, earlier in the file) is blank. Driven through the `tactful`
//! binary; expected values worked out by hand. Numbers are the UK drama range
//! (`+447700900xxx`, Ofcom), which stay possible mobiles.

mod review_support;

use review_support::{SMS_EVERYONE, Ws, pairs};

/// Shopify's customers export (2024+) headers, in Shopify's order: `Default Address
/// Phone` before `Phone`.
const SHOPIFY: &str = "Customer ID,First Name,Email,Accepts Email Marketing,Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing\n\
     '1001,Ana,ana@example.com,yes,'LS1 1AA,,'+447700900111,yes\n\
     '1002,Bo,bo@example.com,yes,'LS1 1AA,'+447700900222,'+447700900333,yes\n\
     '1003,Cy,cy@example.com,yes,'LS1 1AA,'+447700900444,,yes\n";

/// Ana has only `Phone`: a recipient (on main `no_address`, "field
/// `default_address_phone` is blank"). Bo has both: the SMS goes to his own `Phone`
/// (on main to the shipping address's number). Cy has only the address's number: it
/// is the first phone field with a value, so Cy is still a recipient.
#[test]
fn a_shopify_customer_phone_is_the_sms_address() {
    let ws = Ws::new();
    let file = ws.write("customers_export.csv", SHOPIFY);
    ws.ok(&["import", &file]);
    ws.apply(SMS_EVERYONE);
    assert_eq!(
        ws.exclusions("text"),
        pairs(&[
            ("ana@example.com", "-"),
            ("bo@example.com", "-"),
            ("cy@example.com", "-"),
        ])
    );
    let address = |key: &str| ws.explain_step("text", key, 3);
    assert_eq!(
        address("ana@example.com"),
        "SMS address +447700900111 (E.164, line type unknown) from `+447700900111` in field `phone`"
    );
    assert_eq!(
        address("bo@example.com"),
        "SMS address +447700900333 (E.164, line type unknown) from `+447700900333` in field `phone`"
    );
    assert_eq!(
        address("cy@example.com"),
        "SMS address +447700900444 (E.164, line type unknown) from `+447700900444` in field `default_address_phone`"
    );
}

/// Any file: a contact whose first phone field is blank is sent to the next one with
/// a value (on main `no_address`); a contact with neither is still `no_address`, and
/// the reason names the first phone field.
#[test]
fn the_first_phone_field_with_a_value_is_the_sms_address() {
    let ws = Ws::new();
    let file = ws.write(
        "people.csv",
        "email,mobile,phone\n\
         dee@example.com,,+447700900555\n\
         eve@example.com,+447700900666,+447700900777\n\
         fay@example.com,,\n",
    );
    ws.ok(&["import", &file, "--consent", "sms=granted"]);
    ws.apply(SMS_EVERYONE);
    assert_eq!(
        ws.exclusions("text"),
        pairs(&[
            ("dee@example.com", "-"),
            ("eve@example.com", "-"),
            ("fay@example.com", "no_address"),
        ])
    );
    assert_eq!(
        ws.explain_step("text", "eve@example.com", 3),
        "SMS address +447700900666 (E.164, line type unknown) from `+447700900666` in field `mobile`"
    );
    assert_eq!(
        ws.explain_step("text", "fay@example.com", 3),
        "field `mobile` is blank"
    );
}
