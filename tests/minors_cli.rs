//! The minor age through the CLI (issue 10, item 10): `campaign new --country`,
//! `campaign set --minor-age`, campaign as code, review's `age_unknown` count, and the
//! export manifest. Fixture `minors.csv` as in `campaign_minors.rs`: on 2026-11-01 Ada
//! is 12 (`12 years`), Ben 10 (his birth date is in the future), Cal 14, Gus 15, Eve
//! 41, Fay has no age, and Dan's age says `unknown`.

mod review_support;

use predicates::prelude::*;
use review_support::*;

fn ws() -> Ws {
    let ws = Ws::new();
    ws.import("minors.csv", &["--consent", "email=granted"]);
    ws
}

#[test]
fn country_and_minor_age_are_campaign_settings() {
    let ws = ws();
    ws.cmd()
        .args([
            "campaign",
            "new",
            "fr",
            "--channel",
            "email",
            "--country",
            "fr",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("minor age 15 (France"));
    let shown = ws.json(&["campaign", "show", "fr"], 0);
    assert_eq!(shown["country"], "FR");
    assert_eq!(shown["minor_age"]["years"], 15);
    assert_eq!(shown["minor_age"]["source"]["kind"], "country");

    // Never below 13, and nothing changes when refused.
    ws.cmd()
        .args(["campaign", "set", "fr", "--minor-age", "12"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("below 13"));
    assert_eq!(
        ws.json(&["campaign", "show", "fr"], 0)["minor_age"]["years"],
        15
    );

    ws.ok(&["campaign", "set", "fr", "--minor-age", "14"]);
    let shown = ws.json(&["campaign", "show", "fr"], 0);
    assert_eq!(shown["minor_age"]["years"], 14);
    assert_eq!(shown["minor_age"]["source"]["kind"], "campaign");
    let dump = ws.cmd().args(["campaign", "dump", "fr"]).output().unwrap();
    let toml = String::from_utf8(dump.stdout).unwrap();
    assert!(
        toml.contains("country = \"FR\"\nminor_age = 14\n"),
        "{toml}"
    );

    // `default` clears the campaign's own age: the country's applies again.
    ws.ok(&["campaign", "set", "fr", "--minor-age", "default"]);
    assert_eq!(
        ws.json(&["campaign", "show", "fr"], 0)["minor_age"]["years"],
        15
    );
    ws.cmd()
        .args(["campaign", "set", "fr", "--country", "xx"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no minor age is known for country `xx`",
        ));
    let audit = ws.json(&["audit"], 0);
    let sets = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "campaign settings changed")
        .count();
    assert_eq!(sets, 2);
}

#[test]
fn review_blocks_on_unjudged_recipients_and_the_manifest_records_the_check() {
    let ws = ws();
    ws.apply(
        r#"
name = "fr"
channel = "email"
country = "FR"

[[entry]]
segment = "gold"
rule = 'tier is "gold"'
subject = "Hi"
body = "Hello"
"#,
    );
    // Dan's `unknown` age: one recipient the check could not judge.
    let review = ws.json(&["review", "fr"], 3);
    let f = finding(&review, "age_unknown");
    assert_eq!(f["severity"], "blocker");
    assert_eq!(f["acceptable"], true);
    assert_eq!(f["items"][0], "field `age`: 1 recipient");

    // Leave Dan out: nothing blocks, and the manifest says which age applied.
    ws.apply(
        r#"
name = "fr"
channel = "email"
country = "FR"

[[entry]]
segment = "gold"
rule = 'tier is "gold" and first_name is not "Dan"'
subject = "Hi"
body = "Hello"
"#,
    );
    // France's 15 is below 16: the blocker `minor_age_lowered` (session 10), accepted
    // here with the country's law as the reason.
    ws.ok(&[
        "review",
        "fr",
        "--accept",
        "minor_age_lowered",
        "--reason",
        "Every recipient lives in France, whose digital age of consent is 15.",
    ]);
    let out = ws.out("export");
    ws.ok(&["export", "fr", "--out", out.to_str().unwrap()]);
    let manifest: serde_json::Value = manifest_in(&out);
    let m = &manifest["minor_check"];
    assert_eq!(m["minor_age"]["years"], 15);
    assert_eq!(m["minor_age"]["source"]["code"], "FR");
    assert_eq!(m["fields"], serde_json::json!(["date_of_birth", "age"]));
    assert_eq!(m["age_unknown"], 0);
    // Under 15: Ada (12), Ben (10), Cal (14).
    assert_eq!(manifest["counts"]["by_exclusion"]["minor"], 3);
    assert!(
        manifest["campaign"]["definition_toml"]
            .as_str()
            .unwrap()
            .contains("country = \"FR\"")
    );
}
