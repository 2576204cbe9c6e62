//! Mailchimp's `CC` column is the member's country code, not a card number (session
//! 10), end to end through the `tactful` binary: the platform layout reads `CC` as
//! `Country code`, a short abbreviation of a blocked class is not taken on a blank
//! column, and a column of two-letter ISO 3166-1 codes is a country whatever its
//! header.
//!
//! Worked out by hand from `assets/platform-layouts.toml`, `assets/privacy-dictionary.toml`
//! and `assets/countries.tsv`:
//! - a `subscribed_members_export_…` file is the `mailchimp_subscribed` layout; its `CC`
//!   is read as the whole header `country code` of the place-of-residence entry:
//!   `quasi_identifier`, blank or not (on main a blank `CC` was the whole header `cc`
//!   of the card entry, `special_category`, and a rule on it was refused);
//! - a file with a `cc` column of `US`, `de`, `GB`: 3 of 3 values are alpha-2 codes,
//!   100% ≥ 90%, so the `country_code` validator classes it `quasi_identifier` (the
//!   `cc` card header needs the Luhn check: 0% pass);
//! - a blank `cc` column: `cc` is three letters or fewer and the card class is
//!   blocked, so no values confirm it: `ordinary`;
//! - a `cc` column of the published test card numbers 4111 1111 1111 1111 and 5500 0000
//!   0000 0004 (both pass Luhn): still `special_category`.

mod review_support;

use review_support::*;

const MAILCHIMP: &str = "Email Address,First Name,Last Name,MEMBER_RATING,CC,REGION,LEID,EUID
ana@example.com,Ana,Silva,4,,,101,a1
bo@example.com,Bo,Berg,2,,,102,b1
";

const MAILCHIMP_CODES: &str = "Email Address,First Name,Last Name,MEMBER_RATING,CC,REGION,LEID,EUID
ana@example.com,Ana,Silva,4,PT,,101,a1
bo@example.com,Bo,Berg,2,SE,,102,b1
";

fn class(ws: &Ws, field: &str) -> (String, String) {
    let f = ws.field(field);
    (
        f["class"].as_str().unwrap().to_string(),
        f["reason"].as_str().unwrap().to_string(),
    )
}

#[test]
fn mailchimp_cc_is_a_country_blank_or_not() {
    for csv in [MAILCHIMP, MAILCHIMP_CODES] {
        let ws = Ws::new();
        ws.import_csv("subscribed_members_export_5c1f0a.csv", csv, &[]);
        let (class, reason) = class(&ws, "cc");
        assert_eq!(class, "quasi_identifier", "{reason}");
        assert!(
            reason.starts_with("whole header `country code`: place of residence"),
            "{reason}"
        );
        assert!(
            reason.ends_with("(layout mailchimp_subscribed: header `CC` read as `Country code`)"),
            "{reason}"
        );
        // A rule on the country is an ordinary rule, not a card number's.
        ws.ok(&["reach", r#"cc is "PT""#]);
    }
}

#[test]
fn a_column_of_country_codes_is_a_country_and_a_blank_cc_no_card() {
    let ws = Ws::new();
    ws.import_csv(
        "codes.csv",
        "email,cc\na@example.com,US\nb@example.com,de\nc@example.com,GB\n",
        &["--consent", "email=granted"],
    );
    let (class_of, reason) = class(&ws, "cc");
    assert_eq!(class_of, "quasi_identifier", "{reason}");
    assert!(
        reason.starts_with("100% of values are two-letter ISO 3166-1 country codes"),
        "{reason}"
    );

    let ws = Ws::new();
    ws.import_csv(
        "blank.csv",
        "email,cc\na@example.com,\nb@example.com,\n",
        &["--consent", "email=granted"],
    );
    let (class_of, reason) = class(&ws, "cc");
    assert_eq!(class_of, "ordinary", "{reason}");
    assert!(
        reason.contains("header `cc` not taken as payment card number: a short abbreviation"),
        "{reason}"
    );

    let ws = Ws::new();
    ws.import_csv(
        "cards.csv",
        "email,cc\na@example.com,4111 1111 1111 1111\nb@example.com,5500 0000 0000 0004\n",
        &["--consent", "email=granted"],
    );
    assert_eq!(class(&ws, "cc").0, "special_category");
}
