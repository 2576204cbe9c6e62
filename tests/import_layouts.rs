//! Issue 9: each platform layout, on a fixture written from the platform's published
//! header list (tests/fixtures/layouts/, sources in assets/platform-layouts.toml). Every
//! expected value is worked out by hand from the fixture and the layout's rules: the
//! consent state, its evidence, the channel address and the tags of every contact.

mod common;

use std::collections::BTreeMap;

use common::{consent_of, count, run, value};
use tactful::fields::{Channel, ConsentEvidence, ConsentState};
use tactful::import::{ImportPlan, ImportReport};
use tactful::workspace::Workspace;

fn layout_plan(name: &str, consent: &[(Channel, ConsentState)]) -> ImportPlan {
    let mut plan = ImportPlan::new(common::fixture(&format!("layouts/{name}")), "test");
    plan.consent = consent.iter().copied().collect();
    plan
}

fn import(ws: &mut Workspace, name: &str, consent: &[(Channel, ConsentState)]) -> ImportReport {
    run(ws, &layout_plan(name, consent)).unwrap()
}

fn state(ws: &Workspace, key: &str, channel: &str) -> String {
    consent_of(ws, key, channel).0
}

fn evidence(ws: &Workspace, key: &str, channel: &str) -> ConsentEvidence {
    ConsentEvidence::from_json(consent_of(ws, key, channel).2.as_deref()).unwrap()
}

fn text(ws: &Workspace, key: &str, column: &str) -> String {
    value(ws, key, column).1
}

const GRANT_EMAIL: [(Channel, ConsentState); 1] = [(Channel::Email, ConsentState::Granted)];

/// Mailchimp's audience export: one file per status and no status column. Imported
/// with `--consent email=granted` (the one-liner), the file decides: subscribed
/// granted, unsubscribed withdrawn, cleaned bounced, non-subscribed not asked, and the
/// option applies to none of the rows.
#[test]
fn mailchimp_files_decide_by_name_whatever_consent_says() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let expected = [
        (
            "subscribed_members_export_5c1f0a.csv",
            "mailchimp_subscribed",
            2,
        ),
        (
            "unsubscribed_members_export_5c1f0a.csv",
            "mailchimp_unsubscribed",
            1,
        ),
        ("cleaned_members_export_5c1f0a.csv", "mailchimp_cleaned", 1),
        (
            "nonsubscribed_members_export_5c1f0a.csv",
            "mailchimp_nonsubscribed",
            1,
        ),
    ];
    for (file, layout, rows) in expected {
        let r = import(&mut ws, file, &GRANT_EMAIL);
        assert_eq!(r.layout.as_ref().unwrap().id, layout);
        assert_eq!(
            r.consent_not_applied,
            BTreeMap::from([(Channel::Email, rows)]),
            "{file}"
        );
        assert!(r.consent_upgrades.is_empty());
    }
    for (key, want) in [
        ("ana@example.com", "granted"),
        ("bo@example.com", "granted"),
        ("cy@example.com", "withdrawn"),
        ("dee@example.com", "bounced"),
        ("eve@example.com", "not_asked"),
    ] {
        assert_eq!(state(&ws, key, "email"), want, "{key}");
    }
    // Evidence: Ana's confirmation time and IP (CONFIRM_* before OPTIN_*), Bo's
    // confirmation without IP, Cy's unsubscribe time (never her opt-in IP), Dee's
    // cleaning time.
    let ana = evidence(&ws, "ana@example.com", "email");
    assert_eq!(
        (ana.at.as_deref(), ana.ip.as_deref(), ana.layout.as_deref()),
        (
            Some("2023-03-01T09:05:12Z"),
            Some("198.51.100.4"),
            Some("mailchimp_subscribed")
        )
    );
    assert_eq!(ana.file, "subscribed_members_export_5c1f0a.csv");
    assert_eq!(ana.evidence_columns, ["confirm_time", "confirm_ip"]);
    let bo = evidence(&ws, "bo@example.com", "email");
    assert_eq!(
        (bo.at.as_deref(), bo.ip),
        (Some("2022-11-20T18:30:00Z"), None)
    );
    let cy = evidence(&ws, "cy@example.com", "email");
    assert_eq!(
        (cy.at.as_deref(), cy.ip),
        (Some("2024-02-14T08:30:00Z"), None)
    );
    let dee = evidence(&ws, "dee@example.com", "email");
    assert_eq!(dee.at.as_deref(), Some("2024-03-03T03:03:03Z"));
    assert_eq!(
        consent_of(&ws, "cy@example.com", "email").1.as_deref(),
        Some("file status of layout mailchimp_unsubscribed, batch 2")
    );
    // Common fields: `Email Address` fills `email`, `Phone Number` fills `phone`.
    assert_eq!(text(&ws, "ana@example.com", "email"), "ana@example.com");
    assert_eq!(text(&ws, "ana@example.com", "phone"), "+351 912 345 678");
    // TAGS `"VIP","Newsletter"` is a list of two tags, matched whole and without case.
    assert_eq!(text(&ws, "ana@example.com", "tags"), "VIP, Newsletter");
    assert_eq!(text(&ws, "cy@example.com", "tags"), "Newsletter");
    assert_eq!(text(&ws, "eve@example.com", "tags"), "Store");
    assert_eq!(
        count(
            &ws,
            "SELECT count(*) FROM contacts WHERE tactful_has_tag(tags, 'vip')"
        ),
        1
    );
    // OPTIN_IP and the times are evidence, never consent columns.
    let roles: Vec<(String, String, String)> = ws
        .conn()
        .prepare(
            "SELECT name, role, class FROM fields WHERE name IN ('optin_ip', 'optin_time', 'unsub_time', 'email') ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let role = |n: &str| {
        roles
            .iter()
            .find(|r| r.0 == n)
            .map(|r| (r.1.as_str(), r.2.as_str()))
    };
    assert_eq!(role("optin_ip"), Some(("none", "consent")));
    assert_eq!(role("optin_time"), Some(("none", "consent")));
    assert_eq!(role("unsub_time"), Some(("none", "consent")));
    assert_eq!(role("email"), Some(("email", "direct_identifier")));
    assert_eq!(
        count(
            &ws,
            "SELECT count(*) FROM fields WHERE name = 'email_address'"
        ),
        0
    );
}

/// Klaviyo: the consent columns in Klaviyo's words, a suppression of any kind excludes
/// (a hard bounce is bounced, a complaint or unsubscribe a withdrawal), consent
/// timestamps are evidence, `Shopify Tags` is a JSON list of tags.
#[test]
fn klaviyo_consent_suppressions_and_tags() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let both = [
        (Channel::Email, ConsentState::Granted),
        (Channel::Sms, ConsentState::Granted),
    ];
    let r = import(&mut ws, "klaviyo_profiles_export.csv", &both);
    assert_eq!(r.layout.unwrap().id, "klaviyo_profiles");
    // E-mail: every row states it; SMS: Ana, Bo and Eve state it.
    assert_eq!(
        r.consent_not_applied,
        BTreeMap::from([(Channel::Email, 5), (Channel::Sms, 3)])
    );
    let expected = [
        ("ana@example.com", "granted", "granted"),
        ("bo@example.com", "bounced", "not_asked"),
        ("cy@example.com", "withdrawn", "granted"),
        ("dee@example.com", "not_asked", "granted"),
        ("eve@example.com", "withdrawn", "withdrawn"),
    ];
    for (key, email, sms) in expected {
        assert_eq!(
            (state(&ws, key, "email"), state(&ws, key, "sms")),
            (email.to_string(), sms.to_string()),
            "{key}"
        );
    }
    assert_eq!(
        evidence(&ws, "ana@example.com", "email").at.as_deref(),
        Some("2024-01-10T08:00:00Z")
    );
    assert_eq!(
        evidence(&ws, "ana@example.com", "sms").at.as_deref(),
        Some("2024-01-11T09:00:00Z")
    );
    let bo = evidence(&ws, "bo@example.com", "email");
    assert_eq!(bo.column.as_deref(), Some("email_suppressions"));
    // Cy's SMS came from the option: no time, the option named.
    let cy = evidence(&ws, "cy@example.com", "sms");
    assert_eq!(
        (cy.option.as_deref(), cy.at),
        (Some("--consent sms=granted"), None)
    );
    assert_eq!(text(&ws, "ana@example.com", "tags"), "vip, swim");
    assert_eq!(text(&ws, "cy@example.com", "tags"), "lapsed");
    assert_eq!(text(&ws, "bo@example.com", "tags"), "NULL");
    assert_eq!(text(&ws, "ana@example.com", "phone"), "+14155550101");
    assert_eq!(
        count(
            &ws,
            "SELECT count(*) FROM fields WHERE name = 'phone' AND role = 'phone'"
        ),
        1
    );
}

/// HubSpot: `Unsubscribed from all email` true is withdrawn; false states nothing, so
/// it ends as a blank does (granted under `--consent email=granted`, not asked
/// without); a non-marketing contact is not asked, with that column as the source,
/// whatever the option says.
#[test]
fn hubspot_false_is_a_blank_and_non_marketing_is_not_asked() {
    let expected_with = [
        ("ana@example.com", "granted"),
        ("bo@example.com", "withdrawn"),
        ("cy@example.com", "not_asked"),
        ("dee@example.com", "granted"),
    ];
    let expected_without = [
        ("ana@example.com", "not_asked"),
        ("bo@example.com", "withdrawn"),
        ("cy@example.com", "not_asked"),
        ("dee@example.com", "not_asked"),
    ];
    for (option, expected, not_applied) in [
        (&GRANT_EMAIL[..], expected_with, Some(2)),
        (&[][..], expected_without, None),
    ] {
        let mut ws = Workspace::open_in_memory().unwrap();
        let r = import(&mut ws, "hubspot_contacts_export.csv", option);
        assert_eq!(r.layout.as_ref().unwrap().id, "hubspot_contacts");
        assert_eq!(
            r.consent_not_applied.get(&Channel::Email).copied(),
            not_applied
        );
        for (key, want) in expected {
            assert_eq!(state(&ws, key, "email"), want, "{key} with {option:?}");
        }
        assert_eq!(
            consent_of(&ws, "cy@example.com", "email").1.as_deref(),
            Some("column marketing_contact_status, batch 1")
        );
        assert_eq!(text(&ws, "ana@example.com", "phone"), "+44 7700 900123");
    }
}

/// Shopify's 2024+ customers export: the deliberate apostrophe on IDs, zips and phones
/// is removed and reported as Shopify's convention (never as spreadsheet damage);
/// `Phone` and `Default Address Phone` are phones; yes/no is granted/declined.
#[test]
fn shopify_apostrophes_phones_and_consent() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let r = import(&mut ws, "customers_export.csv", &[]);
    assert_eq!(r.layout.as_ref().unwrap().id, "shopify_customers");
    let expected = [
        (
            "ana@example.com",
            "granted",
            "granted",
            "+351912345678",
            "+351912345678",
            "1100-053",
        ),
        (
            "bo@example.com",
            "declined",
            "declined",
            "NULL",
            "NULL",
            "111 22",
        ),
        (
            "cy@example.com",
            "granted",
            "declined",
            "NULL",
            "+351 913 000 111",
            "NULL",
        ),
    ];
    for (key, email, sms, phone, default_phone, zip) in expected {
        assert_eq!(state(&ws, key, "email"), email, "{key}");
        assert_eq!(state(&ws, key, "sms"), sms, "{key}");
        assert_eq!(text(&ws, key, "phone"), phone, "{key}");
        assert_eq!(
            text(&ws, key, "default_address_phone"),
            default_phone,
            "{key}"
        );
        assert_eq!(text(&ws, key, "default_address_zip"), zip, "{key}");
    }
    assert_eq!(text(&ws, "ana@example.com", "customer_id"), "8779761975521");
    assert_eq!(text(&ws, "ana@example.com", "tags"), "vip, returning");
    let roles = |name: &str| -> String {
        ws.conn()
            .query_row("SELECT role FROM fields WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .unwrap()
    };
    assert_eq!(roles("phone"), "phone");
    assert_eq!(roles("default_address_phone"), "phone");
    assert_eq!(roles("accepts_sms_marketing"), "consent_sms");
    let convention: Vec<&String> = r
        .warnings
        .iter()
        .filter(|w| w.contains("Shopify's export writes it on purpose"))
        .collect();
    // Customer ID 3 values, Default Address Zip 2. The phones' apostrophes stand before
    // `+`, which the reader removes from every file (the quote spreadsheets put before a
    // formula trigger), so they are never counted as damage either.
    assert_eq!(convention.len(), 2, "{:?}", r.warnings);
    assert!(
        convention[1].starts_with("column Default Address Zip: the leading apostrophe of 2 values")
    );
    assert!(convention[0].starts_with("column Customer ID: the leading apostrophe of 3 values"));
    assert!(
        !r.warnings
            .iter()
            .any(|w| w.contains("a spreadsheet left behind"))
    );
}

/// WooCommerce's customers report has no consent column: the option applies to every
/// row, and the layout is named in the report.
#[test]
fn woocommerce_takes_the_option() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let r = import(&mut ws, "wc-customers-report-export.csv", &GRANT_EMAIL);
    assert_eq!(r.layout.as_ref().unwrap().id, "woocommerce_customers");
    assert_eq!(r.consent_not_applied, BTreeMap::from([(Channel::Email, 0)]));
    assert_eq!(state(&ws, "ana@example.com", "email"), "granted");
    assert_eq!(state(&ws, "bo@example.com", "email"), "granted");
    let role: String = ws
        .conn()
        .query_row(
            "SELECT role FROM fields WHERE name = 'postal_code'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(role, "postcode");
}
