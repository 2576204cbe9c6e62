//! Breaks of promise 2 ("sensitive data is never used unless someone justified it, on
//! record") that a second new-user trial found, end to end through the `tactful`
//! binary: sensitive words inside longer notes and tags, and sensitive headers that
//! were classed ordinary.
//!
//! Expected values worked out by hand from `assets/privacy-dictionary.toml`:
//! - `NOTES`: Pregnant (due May), diabetes type 2, on chemo are health (3 contacts);
//!   practising Catholic and halal meals are religion (2 contacts). Examples are listed
//!   most frequent first, then in byte order (`P` sorts before lower case).
//! - `SHOP`: tags `pregnant-2026` (A) and `diabetes-type-2` (C) are health, 2 contacts;
//!   `halal-only` (B) and `jewish-holidays` (D) religion, 2 contacts; `Note` of A
//!   `diabetic, prefers sugar-free` is health, 1 contact. The city column holds
//!   `Christchurch` (one word, no `church`) and `Jewish Museum Berlin` (a place name in
//!   a quasi-identifier column, read whole): neither is religion.

mod review_support;

use predicates::prelude::*;
use review_support::*;
use serde_json::Value;

const NOTES: &str = "email,first_name,notes
a@example.com,A,Pregnant (due May)
b@example.com,B,diabetes type 2
c@example.com,C,practising Catholic
d@example.com,D,halal meals
e@example.com,E,on chemo
";

const SHOP: &str = "Email,First Name,Tags,Note,City
a@example.com,A,\"vip, pregnant-2026\",\"diabetic, prefers sugar-free\",Christchurch
b@example.com,B,halal-only,likes tea,Jewish Museum Berlin
c@example.com,C,\"diabetes-type-2, vip\",,Leeds
d@example.com,D,jewish-holidays,,Leeds
e@example.com,E,vip,,Leeds
";

const HEALTH: &str =
    "`notes` holds health values for 3 contacts (Pregnant (due May), diabetes type 2, on chemo)";
const RELIGION: &str =
    "`notes` holds religion values for 2 contacts (halal meals, practising Catholic)";

const CAMPAIGN: &str = r#"
name = "notes"
channel = "email"
as_of = "2026-11-01"
[[entry]]
segment = "all"
rule = 'first_name is not blank'
subject = "About: {{ notes }}"
body = "Hi {{first_name}}, re {{ notes }}"
"#;

fn import_text(ws: &Ws, name: &str, csv: &str) {
    ws.import_csv(name, csv, &["--consent", "email=granted"]);
}

#[test]
fn notes_holding_sensitive_words_are_noted_at_import_and_refused_in_rules_and_messages() {
    let ws = Ws::new();
    import_text(&ws, "notes.csv", NOTES);
    let notes = ws.field("notes");
    assert_eq!(notes["class"], "ordinary");
    let reason = notes["reason"].as_str().unwrap();
    assert!(
        reason.contains("holds sensitive values: catholic (religion, 1), chemo (health, 1), diabetes (health, 1), halal (religion, 1), pregnant (health, 1)"),
        "{reason}"
    );
    // The trial's segment is a rule on health values now.
    ws.cmd()
        .args(["segment", "add", "all", "notes is not blank"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(HEALTH))
        .stderr(predicate::str::contains("notes:health"));
    // Merging the notes into the subject or body is refused when the entry is added.
    ws.ok(&["segment", "add", "all", "first_name is not blank"]);
    ws.ok(&["campaign", "new", "trial", "--channel", "email"]);
    ws.cmd()
        .args([
            "campaign",
            "add",
            "trial",
            "all",
            "--subject",
            "About: {{ notes }}",
        ])
        .args(["--body", "Hi {{first_name}}, re {{ notes }}"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(HEALTH))
        .stderr(predicate::str::contains(RELIGION));
}

#[test]
fn a_campaign_saved_before_the_notes_arrived_is_blocked_in_review_preview_and_export() {
    let ws = Ws::new();
    let plain = NOTES
        .lines()
        .map(|l| match l.rsplit_once(',') {
            Some((head, _)) if l.contains('@') => format!("{head},likes tea"),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    import_text(&ws, "plain.csv", &plain);
    ws.apply(CAMPAIGN);
    import_text(&ws, "notes.csv", NOTES);
    let review = ws.json(&["review", "notes"], 3);
    let f = finding(&review, "sensitive_value");
    assert_eq!(f["severity"], "blocker");
    let items: Vec<&str> = f["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap())
        .collect();
    let merged = "segment `all`, message merges it: ";
    assert!(
        items
            .iter()
            .any(|i| i.starts_with(&format!("{merged}{HEALTH}"))),
        "{items:?}"
    );
    assert!(
        items
            .iter()
            .any(|i| i.starts_with(&format!("{merged}{RELIGION}"))),
        "{items:?}"
    );
    ws.cmd()
        .args(["preview", "notes"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(HEALTH));
    let out = ws.out("mailchimp");
    ws.cmd()
        .args(["export", "notes", "--profile", "mailchimp", "--out"])
        .arg(&out)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("sensitive_value"));
    assert!(!out.exists(), "nothing is written while a blocker is open");
    // Unlocking both kinds on the field, on record, opens it.
    for kind in ["notes:health", "notes:religion"] {
        ws.ok(&[
            "unlock",
            "notes",
            kind,
            "--reason",
            "care follow-up these customers asked for in writing",
        ]);
    }
    let review = ws.json(&["review", "notes"], 0);
    assert!(!has_code(&review, "sensitive_value"), "{review}");
}

#[test]
fn shop_tags_and_notes_with_sensitive_words_are_refused_but_city_names_are_not() {
    let ws = Ws::new();
    import_text(&ws, "shop.csv", SHOP);
    let tags = ws.field("tags");
    let reason = tags["reason"].as_str().unwrap();
    assert!(
        reason.contains("holds sensitive values: diabetes (health, 1), halal (religion, 1), jewish (religion, 1), pregnant (health, 1)"),
        "{reason}"
    );
    ws.cmd()
        .args(["segment", "add", "preg", r#"tags has "pregnant-2026""#])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "value `pregnant-2026` of field `tags` is health data",
        ));
    ws.ok(&["segment", "add", "everyone", "first_name is not blank"]);
    ws.ok(&["campaign", "new", "shop", "--channel", "email"]);
    for (body, refusal) in [
        (
            "Hi {{ first_name }}: {{ tags }}",
            "`tags` holds health values for 2 contacts (diabetes-type-2, pregnant-2026)",
        ),
        (
            "Hi {{ first_name }}: {{ note }}",
            "`note` holds health values for 1 contact (diabetic, prefers sugar-free)",
        ),
        (
            r#"{% if "halal-only" in tags %}Eid offers{% endif %}"#,
            "value `halal-only` of field `tags` is religion data",
        ),
    ] {
        ws.cmd()
            .args(["campaign", "add", "shop", "everyone", "--subject", "Hi"])
            .args(["--body", body])
            .assert()
            .failure()
            .stderr(predicate::str::contains(refusal));
    }
    // Place names in the city column are read whole: no refusal, no finding.
    assert_eq!(ws.field("city")["class"], "quasi_identifier");
    ws.ok(&[
        "segment",
        "add",
        "places",
        r#"city is "Christchurch" or city is "Jewish Museum Berlin""#,
    ]);
    ws.ok(&["campaign", "new", "places", "--channel", "email"]);
    ws.ok(&[
        "campaign",
        "add",
        "places",
        "places",
        "--subject",
        "Hi",
        "--body",
        "News from {{ city }}",
    ]);
    let review = ws
        .cmd()
        .args(["--json", "review", "places"])
        .output()
        .unwrap();
    let review: Value = serde_json::from_slice(&review.stdout).unwrap();
    assert!(!has_code(&review, "sensitive_value"), "{review}");
}

#[test]
fn the_trial_headers_are_special_category_data() {
    let ws = Ws::new();
    let csv = "email,Skin colour,Caste,Tribe,Mood,Clinic,Relig,ethn
a@example.com,n1,n1,n1,n1,n1,n1,n1
b@example.com,n2,n2,n2,n2,n2,n2,n2
";
    import_text(&ws, "headers.csv", csv);
    let fields = ws.json(&["fields"], 0);
    let got: Vec<(String, String, String)> = fields
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["name"] != "email")
        .map(|f| {
            (
                f["header"].as_str().unwrap().to_string(),
                f["class"].as_str().unwrap().to_string(),
                f["kind"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String, String)> = [
        ("Skin colour", "ethnicity"),
        ("Caste", "ethnicity"),
        ("Tribe", "ethnicity"),
        ("Mood", "health"),
        ("Clinic", "health"),
        ("Relig", "religion"),
        ("ethn", "ethnicity"),
    ]
    .iter()
    .map(|(h, k)| (h.to_string(), "special_category".to_string(), k.to_string()))
    .collect();
    assert_eq!(got, want);
}

/// Segment names leave the machine as the platform's tags (Mailchimp `Tags`): a name
/// that says `muslim` labels every recipient, whatever the rule selected (Leeds: C, D
/// and E in `SHOP`).
#[test]
fn a_segment_named_after_a_religion_blocks_export_until_accepted_with_a_reason() {
    let ws = Ws::new();
    import_text(&ws, "shop.csv", SHOP);
    ws.ok(&["segment", "add", "muslim-customers", r#"city is "Leeds""#]);
    ws.ok(&["campaign", "new", "eid", "--channel", "email"]);
    ws.ok(&[
        "campaign",
        "add",
        "eid",
        "muslim-customers",
        "--subject",
        "Hi",
        "--body",
        "Hello {{ first_name }}",
    ]);
    let review = ws.json(&["review", "eid"], 3);
    let f = finding(&review, "sensitive_name");
    assert_eq!(f["severity"], "blocker");
    assert_eq!(f["items"].as_array().unwrap().len(), 1);
    let item = f["items"][0].as_str().unwrap();
    assert!(
        item.starts_with("segment `muslim-customers`: `muslim` is religion data"),
        "{item}"
    );
    let out = ws.out("mailchimp");
    ws.cmd()
        .args(["export", "eid", "--profile", "mailchimp", "--out"])
        .arg(&out)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("sensitive_name"));
    ws.ok(&[
        "review",
        "eid",
        "--accept",
        "sensitive_name",
        "--reason",
        "customers joined the Eid mailing list themselves",
    ]);
    let review = ws.json(&["review", "eid"], 0);
    assert!(
        finding(&review, "sensitive_name")["accepted"].is_object(),
        "{review}"
    );
}
