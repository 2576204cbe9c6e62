//! Every route to a minor age below 16 is the review blocker `minor_age_lowered`, with
//! the recipients it lets through (session 10: `--country US`, BE or DK, whose digital
//! age of consent is 13, lowered the age with no finding while `--minor-age 13` was a
//! blocker). Routes: `campaign new --country`, `campaign set --country`, `campaign
//! apply` with `country = ...`; a campaign's own `--minor-age 16` overrides its country.
//! README, "The minor check" and "Review".
//!
//! Expected values by hand: the as-of date is 2026-11-01 (`Ws::new`); the audience is
//! one contact of each age 12 to 16. Under 16 the campaign excludes a12 to a15; under
//! 13 only a12 (always a minor); so a minor age of 13 lets a13, a14, a15 through (3),
//! 14 lets a14, a15 (2), 15 lets a15 (1), 16 lets nobody through.

mod review_support;

use review_support::*;

const AGES: &str = "email,age\n\
    a12@example.com,12\n\
    a13@example.com,13\n\
    a14@example.com,14\n\
    a15@example.com,15\n\
    a16@example.com,16\n";

/// A workspace with the ages, a segment of everyone and campaign `e` created with
/// `settings`.
fn campaign(settings: &[&str]) -> Ws {
    let ws = Ws::new();
    ws.import_csv("ages.csv", AGES, &["--consent", "email=granted"]);
    ws.ok(&["segment", "add", "all", "email is not blank"]);
    let mut args = vec!["campaign", "new", "e", "--channel", "email"];
    args.extend_from_slice(settings);
    ws.ok(&args);
    ws.ok(&[
        "campaign",
        "add",
        "e",
        "all",
        "--subject",
        "Hi",
        "--body",
        "Hi",
    ]);
    ws
}

#[test]
fn a_country_whose_age_is_13_is_a_blocker_counting_the_13_to_15_year_olds() {
    for (code, name) in [
        ("US", "United States"),
        ("BE", "Belgium"),
        ("DK", "Denmark"),
    ] {
        let ws = campaign(&["--country", code]);
        let review = ws.json(&["review", "e"], 3);
        assert_eq!(codes(&review, "blocker"), ["minor_age_lowered"], "{code}");
        let f = finding(&review, "minor_age_lowered");
        assert_eq!(
            f["items"],
            serde_json::json!([
                format!("minor age 13 from country {code}, default 16"),
                "recipients aged 13 to 15: 3"
            ]),
            "{code}"
        );
        let message = f["message"].as_str().unwrap();
        for part in [
            format!("the minor age of the campaign's country, {name} ("),
            "3 recipients aged 13 to 15 would be excluded as minors under the default".into(),
            "--country none".into(),
        ] {
            assert!(message.contains(&part), "{code}: {message}");
        }
        // The exclusions themselves are the country's law: only a12 is a minor.
        assert_eq!(
            ws.sorted_exclusions("e"),
            pairs(&[
                ("a12@example.com", "minor"),
                ("a13@example.com", "-"),
                ("a14@example.com", "-"),
                ("a15@example.com", "-"),
                ("a16@example.com", "-"),
            ]),
            "{code}"
        );
    }
}

#[test]
fn countries_at_14_and_15_count_fewer_and_a_country_at_16_is_no_finding() {
    for (code, items) in [
        (
            "ES",
            [
                "minor age 14 from country ES, default 16",
                "recipients aged 14 to 15: 2",
            ],
        ),
        (
            "FR",
            [
                "minor age 15 from country FR, default 16",
                "recipients aged 15 to 15: 1",
            ],
        ),
    ] {
        let ws = campaign(&["--country", code]);
        let review = ws.json(&["review", "e"], 3);
        assert_eq!(
            finding(&review, "minor_age_lowered")["items"],
            serde_json::json!(items)
        );
    }
    for code in ["DE", "IE"] {
        let ws = campaign(&["--country", code]);
        let review = ws.json(&["review", "e"], 0);
        assert!(
            !has_code(&review, "minor_age_lowered"),
            "{code}: {review:#}"
        );
    }
}

#[test]
fn campaign_set_and_campaign_apply_are_routes_too() {
    let ws = campaign(&[]);
    let review = ws.json(&["review", "e"], 0);
    assert!(!has_code(&review, "minor_age_lowered"));
    ws.ok(&["campaign", "set", "e", "--country", "dk"]);
    let review = ws.json(&["review", "e"], 3);
    assert_eq!(
        finding(&review, "minor_age_lowered")["items"][1],
        "recipients aged 13 to 15: 3"
    );
    // Its own minor age of 16 overrides the country's: nothing lowered.
    ws.ok(&["campaign", "set", "e", "--minor-age", "16"]);
    let review = ws.json(&["review", "e"], 0);
    assert!(!has_code(&review, "minor_age_lowered"), "{review:#}");

    let ws = campaign(&[]);
    ws.apply(
        "name = \"e\"\nchannel = \"email\"\ncountry = \"US\"\n\n[[entry]]\nsegment = \"all\"\nsubject = \"Hi\"\nbody = \"Hi\"\n",
    );
    let review = ws.json(&["review", "e"], 3);
    assert_eq!(
        finding(&review, "minor_age_lowered")["items"],
        serde_json::json!([
            "minor age 13 from country US, default 16",
            "recipients aged 13 to 15: 3"
        ])
    );
}

#[test]
fn a_country_minor_age_may_be_accepted_with_a_written_reason() {
    let ws = campaign(&["--country", "US"]);
    ws.ok(&[
        "review",
        "e",
        "--accept",
        "minor_age_lowered",
        "--reason",
        "Every recipient lives in the US, where COPPA protects children under 13.",
    ]);
    let review = ws.json(&["review", "e"], 0);
    assert!(codes(&review, "blocker").is_empty(), "{review:#}");
    assert_eq!(
        finding(&review, "minor_age_lowered")["accepted"]["was"],
        "blocker"
    );
}
