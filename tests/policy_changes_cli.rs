//! Issue 10, later changes meeting earlier decisions: re-imports raise a field's class
//! but never lower it (nor raise it over a person who lowered it), and a sign-off goes
//! stale when the export or the data changes. Through the `tactful` binary; counts by
//! hand from tests/fixtures/policy_people.csv and policy_notes_*.csv.

mod policy_support;

use policy_support::*;

/// A campaign whose message merges `note`.
const NOTES_CAMPAIGN: &str = r#"
name = "notes"
channel = "email"
as_of = "2026-11-01"
[[entry]]
segment = "noted"
rule = "email is not blank"
subject = "Hello"
body = "Hi, we noted: {{ note }}"
"#;

#[test]
fn reimports_raise_a_field_but_never_over_a_person_who_lowered_it() {
    let ws = Ws::new();
    ws.import("policy_notes_1.csv", &[]);
    let class = |ws: &Ws| ws.field("note")["class"].clone();
    assert_eq!(class(&ws), "ordinary");
    // A campaign merging it, written while it held no religion values.
    ws.apply(NOTES_CAMPAIGN);
    // Religion terms arrive in the ordinary `note` field.
    let warning = ws.import_warning("policy_notes_2.csv", "field note reclassified");
    assert!(
        warning.contains("from ordinary to special category (religion)"),
        "{warning}"
    );
    for value in ["christian", "jewish", "muslim"] {
        assert!(warning.contains(value), "{warning}");
    }
    assert_eq!(class(&ws), "special_category");
    let log = ws.json(&["audit"], 0);
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "field.reclassified" && e["subject"] == "note")
    );
    // A person lowers it again; the next religious values do not raise it silently.
    let why = "free-text notes, beliefs are never recorded here";
    ws.ok(&[
        "fields", "set", "note", "--class", "ordinary", "--reason", why,
    ]);
    let warning = ws.import_warning("policy_notes_3.csv", "field note was lowered");
    assert!(
        warning.contains("would have raised it to special category (religion)"),
        "{warning}"
    );
    assert!(warning.contains(why), "{warning}");
    assert_eq!(class(&ws), "ordinary");
    // Any rule on it selects by the religion values it holds, whatever its class.
    ws.cmd()
        .args(["reach", "note is not blank"])
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "`note` holds religion values for 3 contacts",
        ));
    // Written now, a message merging it is refused: the values it holds are religion
    // data whatever its class (held_merge_cli.rs).
    let file = ws.dir.path().join("notes_again.toml");
    std::fs::write(
        &file,
        NOTES_CAMPAIGN.replace("\"notes\"", "\"notes-again\""),
    )
    .unwrap();
    ws.cmd()
        .args(["campaign", "apply", file.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("note:religion"));
    // The campaign written before the values arrived shows the lowered protection with
    // the reason.
    // Its religious values still block the message on their own (`sensitive_value`,
    // the classifier's value check); the lowered class shows beside them.
    let review = ws.json(&["review", "notes"], 3);
    assert_eq!(codes(&review, "blocker"), ["sensitive_value"]);
    let item = finding(&review, "protection_lowered")["items"][0]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        item.starts_with("note: classified special category (religion)"),
        "{item}"
    );
    assert!(item.contains(why), "{item}");
}

#[test]
fn a_sign_off_goes_stale_when_the_export_adds_a_field_or_the_data_changes() {
    let ws = people();
    ws.apply(EVERYONE);
    let signed = ws.json(
        &[
            "review",
            "everyone",
            "--sign-off",
            "Ana Reviewer",
            "--note",
            "ok",
        ],
        0,
    );
    assert_eq!(signed["sign_off"]["state"], "current");
    assert_eq!(signed["sign_off"]["export"]["profile"], "spreadsheet");
    // The export it approved: still current.
    let m = ws.export_manifest("everyone", &[]);
    assert_eq!(m["sign_off"]["state"], "current");
    // A field added after sign-off makes it stale, naming the change.
    let m = ws.export_manifest(
        "everyone",
        &[
            "--field",
            "first_name",
            "--reason",
            "the mail merge tool needs the name",
        ],
    );
    assert_eq!(m["sign_off"]["state"], "stale");
    let changed = m["sign_off"]["changed"][0].as_str().unwrap();
    assert!(changed.starts_with("the export differs"), "{changed}");
    assert!(changed.contains("added fields first_name"), "{changed}");
    // So does another profile.
    let m = ws.export_manifest("everyone", &["--profile", "upload"]);
    assert_eq!(m["sign_off"]["state"], "stale");
    // Signed off for that export, it is current for it.
    ws.ok(&[
        "review",
        "everyone",
        "--profile",
        "upload",
        "--sign-off",
        "Ana",
        "--note",
        "upload ok",
    ]);
    let m = ws.export_manifest("everyone", &["--profile", "upload"]);
    assert_eq!(m["sign_off"]["state"], "current");
    // A class changed after sign-off, though nobody's message changes: stale.
    ws.ok(&[
        "fields",
        "set",
        "gender",
        "--class",
        "special_category",
        "--reason",
        "raised",
    ]);
    let review = ws.json(&["review", "everyone"], 0);
    assert_eq!(review["sign_off"]["state"], "stale");
    assert!(
        finding(&review, "sign_off_stale")["message"]
            .as_str()
            .unwrap()
            .contains("the data changed"),
    );
}
