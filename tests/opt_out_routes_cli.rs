//! Issue 9's first promise end to end: nobody who opted out gets a message, whichever
//! platform file said so and whatever `--consent` says, through the `tactful` binary as a
//! user runs it (README, "Import" and "Platform layouts"). Each test ends with an e-mail
//! preview; the recipients and exclusions were worked out by hand from the fixtures in
//! `tests/fixtures/layouts/` (each file's rows are quoted in the test's comment).

mod review_support;

use review_support::{EMAIL_EVERYONE, Ws, fixture, pairs};

/// `(key, excluded or "-")` of every preview row of an e-mail to everyone, sorted by key.
fn outcome(ws: &Ws) -> Vec<(String, String)> {
    ws.apply(EMAIL_EVERYONE);
    let mut rows = ws.exclusions("news");
    rows.sort();
    rows
}

fn path(name: &str) -> String {
    fixture(&format!("layouts/{name}"))
        .to_str()
        .unwrap()
        .to_string()
}

/// The one-liner: subscribed (ana, Bo@Example.com), unsubscribed (cy) and
/// cleaned (dee) members with `--consent email=granted`. The file names decide: cy
/// stays withdrawn and dee bounced, so only ana and bo get the message.
#[test]
fn mailchimp_unsubscribed_and_cleaned_stay_out_whatever_consent_says() {
    let ws = Ws::new();
    ws.ok(&[
        "import",
        &path("subscribed_members_export_5c1f0a.csv"),
        &path("unsubscribed_members_export_5c1f0a.csv"),
        &path("cleaned_members_export_5c1f0a.csv"),
        "--consent",
        "email=granted",
    ]);
    assert_eq!(
        outcome(&ws),
        pairs(&[
            ("ana@example.com", "-"),
            ("bo@example.com", "-"),
            ("cy@example.com", "no_consent"),
            ("dee@example.com", "no_consent"),
        ])
    );
}

/// Ana's unsubscribe (unsubscribed_members_export_ana.csv), `import undo` of that batch
/// (which removes the contact it created), then customers_yes.csv (ana yes, bo yes):
/// Ana's withdrawal outlives the undo, the "yes" does not re-grant it.
#[test]
fn unsubscribes_undo_and_reimport_keep_the_opt_out() {
    let ws = Ws::new();
    ws.ok(&["import", &path("unsubscribed_members_export_ana.csv")]);
    ws.ok(&["import", "undo"]);
    let r = ws.json(&["import", &path("customers_yes.csv")], 0);
    let upgrades = r["consent_upgrades"].as_array().unwrap();
    assert_eq!(upgrades.len(), 1, "{r}");
    assert_eq!(
        (
            upgrades[0]["key"].as_str(),
            upgrades[0]["from"].as_str(),
            upgrades[0]["applied"].as_bool()
        ),
        (Some("ana@example.com"), Some("withdrawn"), Some(false))
    );
    assert_eq!(
        outcome(&ws),
        pairs(&[("ana@example.com", "no_consent"), ("bo@example.com", "-")])
    );
}

/// Klaviyo profiles with `--consent email=granted`: ana SUBSCRIBED; bo SUBSCRIBED with
/// `HARD_BOUNCE` (bounced); cy UNSUBSCRIBED with `UNSUBSCRIBE`; dee NEVER_SUBSCRIBED (the
/// file states it: not asked, `--consent` does not apply); eve SUBSCRIBED with
/// `SPAM_COMPLAINT` (withdrawn). Only ana gets the message.
#[test]
fn klaviyo_suppressions_exclude() {
    let ws = Ws::new();
    ws.ok(&[
        "import",
        &path("klaviyo_profiles_export.csv"),
        "--consent",
        "email=granted",
    ]);
    assert_eq!(
        outcome(&ws),
        pairs(&[
            ("ana@example.com", "-"),
            ("bo@example.com", "no_consent"),
            ("cy@example.com", "no_consent"),
            ("dee@example.com", "no_consent"),
            ("eve@example.com", "no_consent"),
        ])
    );
}

/// HubSpot contacts with `--consent email=granted`: ana (marketing contact, unsubscribed
/// false: as a blank, so `--consent` applies), bo (unsubscribed true: withdrawn), cy
/// (Non-marketing contact: not asked), dee (marketing contact, blank: `--consent`).
#[test]
fn hubspot_non_marketing_and_unsubscribed_contacts_are_excluded() {
    let ws = Ws::new();
    ws.ok(&[
        "import",
        &path("hubspot_contacts_export.csv"),
        "--consent",
        "email=granted",
    ]);
    assert_eq!(
        outcome(&ws),
        pairs(&[
            ("ana@example.com", "-"),
            ("bo@example.com", "no_consent"),
            ("cy@example.com", "no_consent"),
            ("dee@example.com", "-"),
        ])
    );
}

/// A workspace keyed by `customer_id` cannot take Mailchimp's unsubscribed export as an
/// import (the file has no such column, and a second key would split Ana in two): the
/// refusal says where the opt-outs go instead, and `tactful suppress` of the same file
/// keeps Ana (customer 1) out.
#[test]
fn unsubscribes_for_an_id_keyed_workspace_point_to_the_suppression_list() {
    let ws = Ws::new();
    let customers = ws.dir.path().join("customers.csv");
    std::fs::write(
        &customers,
        "customer_id,email,first_name\n1,ana@example.com,Ana\n2,bo@example.com,Bo\n",
    )
    .unwrap();
    let customers = customers.to_str().unwrap();
    ws.ok(&[
        "import",
        customers,
        "--key",
        "customer_id",
        "--consent",
        "email=granted",
    ]);
    let unsubscribed = path("unsubscribed_members_export_ana.csv");
    ws.cmd()
        .args(["import", &unsubscribed])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "goes on the suppression list: `tactful suppress FILE`",
        ));
    ws.ok(&["suppress", &unsubscribed]);
    assert_eq!(outcome(&ws), pairs(&[("1", "suppressed"), ("2", "-")]));
}
