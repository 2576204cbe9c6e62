//! The editing verbs end to end: `segment rename` (every campaign entry follows),
//! `segment rm` naming the campaigns that use it, `campaign rm-entry|move|rename|set`
//! seen by `campaign show`, export by the new name, and `segment add --campaign` using
//! the campaign's unlocks. Expected values are worked out by hand from the fixtures.

mod campaign_support;
mod review_support;

use predicates::prelude::*;
use review_support::Ws;
use tactful::fields::{Channel, ConsentState};

fn show(ws: &Ws, campaign: &str) -> serde_json::Value {
    ws.json(&["campaign", "show", campaign], 0)
}

fn segments_of(shown: &serde_json::Value) -> Vec<String> {
    shown["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["segment"].as_str().unwrap().to_string())
        .collect()
}

/// BR-15 (ana Lyon gold, bo Lyon silver, cy Porto gold, dee Porto bronze), segments
/// Gold (ana, cy) and Lyon (ana, bo); campaign `spring` = [Gold, Lyon] and `autumn` =
/// [Gold].
fn setup() -> Ws {
    let ws = Ws::undated();
    campaign_support::import_at(
        &ws.path,
        "br15_overlap.csv",
        Some((Channel::Email, ConsentState::Granted)),
    );
    ws.ok(&["segment", "add", "Gold", r#"tier is "gold""#]);
    ws.ok(&["segment", "add", "Lyon", r#"city is "Lyon""#]);
    for (campaign, segments) in [("spring", &["Gold", "Lyon"][..]), ("autumn", &["Gold"][..])] {
        ws.ok(&[
            "--as-of",
            "2026-11-01",
            "campaign",
            "new",
            campaign,
            "--channel",
            "email",
        ]);
        for s in segments {
            ws.ok(&[
                "campaign",
                "add",
                campaign,
                s,
                "--subject",
                "Hi",
                "--body",
                "Hello",
            ]);
        }
    }
    ws
}

#[test]
fn renaming_a_segment_used_by_two_campaigns_updates_both() {
    let ws = setup();
    ws.cmd()
        .args(["segment", "rename", "Gold", "Premium"])
        .assert()
        .success()
        .stdout(predicate::str::contains("`autumn`, `spring`"));
    let spring = show(&ws, "spring");
    assert_eq!(segments_of(&spring), ["Premium", "Lyon"]);
    // The rule is the same, so the reach is too: ana and cy are gold.
    assert_eq!(spring["entries"][0]["reach"], 2);
    assert_eq!(spring["entries"][0]["rule"], r#"tier is "gold""#);
    let autumn = show(&ws, "autumn");
    assert_eq!(segments_of(&autumn), ["Premium"]);
    assert_eq!(autumn["entries"][0]["reach"], 2);
    ws.cmd().args(["segment", "show", "Gold"]).assert().code(1);
    // A taken name is refused and nothing changes.
    ws.cmd()
        .args(["segment", "rename", "Premium", "Lyon"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(segments_of(&show(&ws, "spring")), ["Premium", "Lyon"]);
    ws.cmd()
        .arg("audit")
        .assert()
        .stdout(predicate::str::contains("segment renamed"));
}

#[test]
fn deleting_a_used_segment_names_every_campaign() {
    let ws = setup();
    ws.cmd()
        .args(["segment", "rm", "Gold"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("campaigns `autumn`, `spring`"));
    ws.ok(&["campaign", "rm-entry", "autumn", "1"]);
    ws.ok(&["campaign", "rm-entry", "spring", "1"]);
    ws.ok(&["segment", "rm", "Gold"]);
    ws.cmd().args(["segment", "show", "Gold"]).assert().code(1);
}

/// The scripting contract (PRODUCT.md) names an entry by its segment:
/// `campaign rm-entry NAME SEGMENT`, `campaign move NAME SEGMENT up|down`.
#[test]
fn entries_are_named_by_their_segment() {
    let ws = setup();
    ws.ok(&["campaign", "move", "spring", "Lyon", "up"]);
    assert_eq!(segments_of(&show(&ws, "spring")), ["Lyon", "Gold"]);
    // Surrounding spaces do not matter, as when the segment was added.
    ws.ok(&["campaign", "rm-entry", "spring", " Gold "]);
    assert_eq!(segments_of(&show(&ws, "spring")), ["Lyon"]);
    ws.cmd()
        .args(["campaign", "rm-entry", "spring", "Paris"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "campaign `spring` has no entry for segment `Paris`; its entries: 1 `Lyon`",
        ));
    // A number still names the entry as `campaign show` numbers it.
    ws.ok(&["campaign", "rm-entry", "autumn", "1"]);
    assert!(segments_of(&show(&ws, "autumn")).is_empty());
}

#[test]
fn rm_entry_and_move_are_seen_by_campaign_show() {
    let ws = setup();
    ws.ok(&["campaign", "move", "spring", "2", "up"]);
    assert_eq!(segments_of(&show(&ws, "spring")), ["Lyon", "Gold"]);
    ws.cmd()
        .args(["campaign", "move", "spring", "1", "up"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("entry 1 is already first"));
    ws.cmd()
        .args(["campaign", "move", "spring", "2", "down"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("entry 2 is already last"));
    ws.ok(&["campaign", "move", "spring", "1", "down"]);
    assert_eq!(segments_of(&show(&ws, "spring")), ["Gold", "Lyon"]);
    ws.cmd()
        .args(["campaign", "rm-entry", "spring", "3"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "has 2 entries; there is no entry 3",
        ));
    ws.ok(&["campaign", "rm-entry", "spring", "1"]);
    assert_eq!(segments_of(&show(&ws, "spring")), ["Lyon"]);
    // The other campaign is untouched.
    assert_eq!(segments_of(&show(&ws, "autumn")), ["Gold"]);
    let audit = ws.cmd().arg("audit").output().unwrap();
    let audit = String::from_utf8(audit.stdout).unwrap();
    assert!(audit.contains("campaign entry moved"), "{audit}");
    assert!(audit.contains("campaign entry removed"), "{audit}");
}

#[test]
fn a_renamed_campaign_is_found_by_export_and_the_old_name_is_gone() {
    let ws = setup();
    ws.ok(&["campaign", "rename", "spring", "summer"]);
    ws.cmd()
        .args(["campaign", "rename", "summer", "autumn"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`autumn` already exists"));
    assert_eq!(segments_of(&show(&ws, "summer")), ["Gold", "Lyon"]);
    ws.cmd()
        .args(["campaign", "show", "spring"])
        .assert()
        .code(1);
    let out = ws.out("out");
    ws.ok(&[
        "--as-of",
        "2026-11-01",
        "export",
        "summer",
        "--out",
        out.to_str().unwrap(),
    ]);
    // Gold wins ana and cy, Lyon gets bo; dee is in neither: three recipients.
    let csv = std::fs::read_to_string(out.join("recipients.csv")).unwrap();
    assert_eq!(csv.lines().count(), 4, "{csv}");
    ws.cmd()
        .args(["export", "spring", "--out", ws.out("x").to_str().unwrap()])
        .assert()
        .code(1);
}

#[test]
fn set_changes_settings_and_refuses_bad_values() {
    let ws = setup();
    ws.ok(&[
        "--as-of",
        "2026-01-15",
        "campaign",
        "set",
        "spring",
        "--category",
        "housing",
        "--holdout",
        "10",
        "--k",
        "11",
    ]);
    let s = show(&ws, "spring");
    assert_eq!(s["category"], "housing");
    assert_eq!(s["holdout"], 10.0);
    assert_eq!(s["k"], 11);
    assert_eq!(s["as_of"], "2026-01-15");
    ws.cmd()
        .args(["campaign", "set", "spring", "--holdout", "60"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("between 0 and 50"));
    // E-mail entries have subjects: SMS is refused and nothing changes.
    ws.cmd()
        .args(["campaign", "set", "spring", "--channel", "sms"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("SMS messages have no subject"));
    ws.ok(&["campaign", "set", "spring", "--clear-as-of"]);
    let s = show(&ws, "spring");
    assert_eq!(s["holdout"], 10.0);
    assert_eq!(s["channel"], "email");
    assert_eq!(s["as_of"], serde_json::Value::Null);
    ws.cmd()
        .args(["campaign", "set", "spring"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nothing to change"));
}

#[test]
fn a_segment_added_in_a_campaign_scope_may_use_its_unlocks() {
    let ws = Ws::undated();
    campaign_support::import_at(&ws.path, "campaign_guards.csv", None);
    ws.ok(&["campaign", "new", "birthday", "--channel", "email"]);
    let rule = "date_of_birth before 1975-01-01";
    // Blocked outside any campaign, and inside one that has not unlocked it.
    ws.cmd()
        .args(["segment", "add", "older", rule])
        .assert()
        .code(1);
    ws.cmd()
        .args(["segment", "add", "older", rule, "--campaign", "birthday"])
        .assert()
        .code(1);
    ws.ok(&[
        "unlock",
        "birthday",
        "date_of_birth",
        "--reason",
        "a product range for customers over fifty",
    ]);
    ws.ok(&["segment", "add", "older", rule, "--campaign", "birthday"]);
    ws.ok(&[
        "campaign",
        "add",
        "birthday",
        "older",
        "--subject",
        "Hi",
        "--body",
        "Hello",
    ]);
    // The unlock follows a rename; the entry still checks under the new name.
    ws.ok(&["campaign", "rename", "birthday", "over-fifty"]);
    let s = show(&ws, "over-fifty");
    assert_eq!(s["unlocks"][0]["field"], "date_of_birth");
    assert_eq!(segments_of(&s), ["older"]);
    assert!(s["entries"][0]["reach"].is_u64(), "{s}");
}

/// The global `--json` promises JSON on stdout: `campaign dump --json` gives the TOML
/// document's content as JSON.
#[test]
fn dump_with_json_prints_json() {
    let ws = setup();
    let dumped = ws.json(&["campaign", "dump", "spring"], 0);
    assert_eq!(dumped["name"], "spring");
    assert_eq!(dumped["channel"], "email");
    assert_eq!(dumped["as_of"], "2026-11-01");
    let entries = dumped["entry"].as_array().unwrap();
    let segments: Vec<&str> = entries
        .iter()
        .map(|e| e["segment"].as_str().unwrap())
        .collect();
    assert_eq!(segments, ["Gold", "Lyon"]);
    assert_eq!(entries[1]["rule"], r#"city is "Lyon""#);
    assert_eq!(entries[0]["subject"], "Hi");
}
