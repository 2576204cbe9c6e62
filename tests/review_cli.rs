//! `tactful review` end to end: the JSON shape, exit code 3 while a blocker is open,
//! an unlocked sensitive field with its justification in review and manifest, a
//! housing campaign on age refused outright, blank merge fields, missing consent,
//! quasi-identifier groups, and a sign-off that goes stale when the data changes.
//! Counts are worked out by hand from tests/fixtures/people.csv:
//! ana 1960 10115, bo 1990 10115, cy 1955 80331, dee 1950 80331, eve 1985 20095 and
//! fay 1958 20095 (fay has not consented).

mod review_support;

use predicates::prelude::*;
use review_support::*;
use tactful::campaign::store as campaigns;
use tactful::campaign::unlock::load;
use tactful::fields::policy::Category;
use tactful::workspace::Workspace;

fn people() -> Ws {
    let ws = Ws::new();
    ws.import("people.csv", &[]);
    ws
}

#[test]
fn unlocked_field_shows_its_justification_in_review_and_manifest() {
    let ws = people();
    ws.apply(OVER60);
    let review = ws.json(&["review", "over60"], 0);
    let keys: Vec<&str> = review
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for key in ["findings", "blockers", "warnings", "sign_off"] {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }
    assert_eq!(review["blockers"], 0);
    assert_eq!(review["sign_off"], serde_json::Value::Null);
    let unlocked = finding(&review, "unlocked_field");
    assert_eq!(unlocked["severity"], "warning");
    let item = unlocked["items"][0].as_str().unwrap();
    assert!(
        item.contains("age-appropriate product range for customers over sixty"),
        "{item}"
    );
    // Born before 1966-11-02 with consent: ana, cy, dee (fay has none) = 3 < k = 5.
    assert_eq!(
        finding(&review, "small_cell")["items"],
        serde_json::json!(["segment `older`: 3 recipients"])
    );
    assert_eq!(
        finding(&review, "exclusion_counts")["items"],
        serde_json::json!(["no_consent: 1", "no_segment: 2"])
    );
    let f = finding(&review, "fields_used");
    assert_eq!(
        f["items"],
        serde_json::json!(["segment `older`: rule uses birth_date; message uses first_name"])
    );
    let out = ws.out("x");
    ws.ok(&["export", "over60", "--out", out.to_str().unwrap()]);
    let manifest: serde_json::Value = manifest_in(&out);
    assert_eq!(manifest["unlocks"][0]["field"], "birth_date");
    assert_eq!(
        manifest["unlocks"][0]["reason"],
        "age-appropriate product range for customers over sixty"
    );
    assert_eq!(manifest["sign_off"], serde_json::Value::Null);
    let columns: Vec<&str> = manifest["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(columns, ["email", "segment", "subject", "body"]);
}

#[test]
fn a_housing_campaign_on_age_is_a_blocker_that_no_unlock_lifts() {
    let ws = people();
    ws.apply(OVER60);
    // The category changes after the fact (as a stored campaign can be edited).
    {
        let mut db = Workspace::open(&ws.path).unwrap();
        let mut c = load(&db, "over60").unwrap();
        c.category = Category::Housing;
        db.write(|tx| campaigns::save(tx, &c)).unwrap();
    }
    let review = ws.json(&["review", "over60"], 3);
    assert_eq!(codes(&review, "blocker"), ["special_ad_category"]);
    assert_eq!(review["blockers"], 1);
    ws.cmd()
        .args(["unlock", "over60", "birth_date", "--reason"])
        .arg("tenants over sixty get the ground-floor flats first")
        .assert()
        .failure()
        .stderr(predicates::str::contains("not even with an unlock"));
    let out = ws.out("x");
    ws.cmd()
        .args(["export", "over60", "--out", out.to_str().unwrap()])
        .assert()
        .code(3)
        .stderr(predicates::str::contains("special_ad_category"));
    assert!(!out.exists());
    ws.cmd()
        .args(["review", "over60", "--sign-off", "Ana", "--note", "fine"])
        .assert()
        .code(3)
        .stderr(predicates::str::contains("sign-off refused"));
}

#[test]
fn blank_merge_fields_missing_consent_and_quasi_identifier_groups() {
    let ws = Ws::new();
    // No consent column and no --consent: nobody can be e-mailed.
    ws.import("br23_intl.csv", &[]);
    ws.apply(
        r#"
name = "c"
channel = "email"
as_of = "2026-11-01"
[[entry]]
segment = "all"
rule = "email is not blank"
subject = "Hello"
body = "Hi {{ first_name }}"
"#,
    );
    let review = ws.json(&["review", "c"], 3);
    assert_eq!(codes(&review, "blocker"), ["no_consent_source"]);

    let ws = people();
    ws.apply(
        r#"
name = "post"
channel = "email"
as_of = "2026-11-01"
[[entry]]
segment = "everyone"
rule = "email is not blank"
subject = "Hello"
body = "Hi {{ first_name }}, your area {{ postcode }}"
"#,
    );
    let review = ws.json(&["review", "post"], 0);
    // Recipients by postcode: 10115 ana+bo = 2, 80331 cy+dee = 2, 20095 eve = 1
    // (fay has no consent): three groups under k = 5, five recipients.
    let q = finding(&review, "quasi_identifier_cells");
    assert_eq!(
        q["items"],
        serde_json::json!([
            "fields: postcode",
            "groups under k: 3",
            "recipients in them: 5"
        ])
    );
    // A blank value printed without fallback is a blocker (case BR-16's "Hi ,").
    ws.import("people_blank.csv", &[]);
    let review = ws.json(&["review", "post"], 3);
    assert_eq!(
        finding(&review, "merge_field_blank")["items"],
        serde_json::json!(["segment `everyone`: 1 recipient gets nothing for postcode"])
    );
}

#[test]
fn sign_off_is_recorded_and_goes_stale_when_the_data_changes() {
    let ws = people();
    ws.apply(OVER60);
    let signed = ws.json(
        &[
            "review",
            "over60",
            "--sign-off",
            "Ana Reviewer",
            "--note",
            "ok",
        ],
        0,
    );
    assert_eq!(signed["sign_off"]["name"], "Ana Reviewer");
    assert_eq!(signed["sign_off"]["note"], "ok");
    assert_eq!(signed["sign_off"]["state"], "current");
    let hash = signed["sign_off"]["hash"].as_str().unwrap().to_string();
    let log = ws.json(&["audit"], 0);
    let entry = audit_entry(&log, "review.sign_off");
    assert_eq!(entry["detail"]["hash"], hash.as_str());
    assert_eq!(entry["actor"], "tester");

    // Gus, born 1952 with consent, joins the segment: the preview changed.
    ws.import("people_more.csv", &[]);
    let review = ws.json(&["review", "over60"], 0);
    assert_eq!(review["sign_off"]["state"], "stale");
    assert_eq!(finding(&review, "sign_off_stale")["severity"], "warning");
    // The text outputs spell the state as the JSON does.
    ws.cmd()
        .args(["review", "over60"])
        .assert()
        .success()
        .stdout(
            predicates::str::contains("Signed off by Ana Reviewer at ")
                .and(predicates::str::contains(" (stale): ok")),
        );
    let out = ws.out("x");
    ws.cmd()
        .args(["export", "over60", "--out", out.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicates::str::contains("  sign-off: stale\n"));
    let manifest: serde_json::Value = manifest_in(&out);
    assert_eq!(manifest["sign_off"]["state"], "stale");
    assert_eq!(manifest["sign_off"]["hash"], hash.as_str());
}

#[test]
fn a_protected_trait_used_to_exclude_is_a_warning() {
    let ws = people();
    ws.apply(&OVER60.replace(
        "rule = \"birth_date before 1966-11-02\"",
        "rule = \"email is not blank and not (birth_date before 1966-11-02)\"",
    ));
    let review = ws.json(&["review", "over60"], 0);
    let f = finding(&review, "protected_exclusion");
    assert_eq!(f["severity"], "warning");
    assert_eq!(
        f["items"],
        serde_json::json!(["segment `older` excludes by birth_date"])
    );
}

/// Session-8 trial: after `fields set newsletter --role none` the contacts keep the
/// e-mail consent read from the column at import (`fields set` says so), and the
/// preview sends to the granted one; review said `no_consent_source` ("nobody can be
/// contacted") at the same time. By hand: ana said yes (granted), bo said no
/// (declined), so one recipient and a consent source on record.
#[test]
fn a_grant_kept_after_its_column_loses_the_consent_role_is_a_consent_source() {
    let ws = Ws::new();
    ws.import_csv(
        "news.csv",
        "email,first_name,newsletter\nana@example.com,Ana,yes\nbo@example.com,Bo,no\n",
        &[],
    );
    assert_eq!(ws.field("newsletter")["role"], "consent_email");
    ws.ok(&[
        "fields",
        "set",
        "newsletter",
        "--role",
        "none",
        "--reason",
        "the column is a history, the grants stay as imported",
    ]);
    ws.apply(EMAIL_EVERYONE);
    assert_eq!(
        ws.sorted_exclusions("news"),
        [
            ("ana@example.com".to_string(), "-".to_string()),
            ("bo@example.com".to_string(), "no_consent".to_string()),
        ]
    );
    let review = ws.json(&["review", "news"], 3);
    assert!(
        !codes(&review, "blocker").contains(&"no_consent_source".to_string()),
        "{review}"
    );
}
