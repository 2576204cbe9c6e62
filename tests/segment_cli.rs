//! The segment commands end to end: `segment add/list/show/edit/rm/overlap`, `reach`,
//! `explain-rule`, hostile rules, and case BR-14 under three time zones.

mod segment_fixture;

use assert_cmd::Command;
use predicates::prelude::*;
use segment_fixture::*;
use tactful::fields::{FieldType, PrivacyClass};
use tactful::workspace::Workspace;

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.tactful");
    let defs = [
        field(
            "first_name",
            FieldType::Text,
            PrivacyClass::DirectIdentifier,
        ),
        field("city", FieldType::Text, PrivacyClass::QuasiIdentifier),
        field("tags", FieldType::List, PrivacyClass::Ordinary),
        field("last_purchase", FieldType::Date, PrivacyClass::Ordinary),
        field("religion", FieldType::Text, PrivacyClass::SpecialCategory),
    ];
    open_with(
        Some(&path),
        &defs,
        &[
            (
                "ana@example.com",
                vec![t("Ana"), t("Lyon"), t("vip, gold"), t("2024-03-31"), t("")],
            ),
            (
                "bo@example.com",
                vec![t("Bo"), t("Lyon"), t("gold"), t("2024-04-01"), t("")],
            ),
            (
                "cy@example.com",
                vec![t("Cy"), t("Porto"), t(""), t("2024-04-30"), t("")],
            ),
            (
                "dee@example.com",
                vec![t("Dee"), t(""), t("VIP"), t("2024-05-01"), t("")],
            ),
        ],
    );
    (dir, path)
}

fn tactful(path: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("tactful").unwrap();
    cmd.arg("--workspace")
        .arg(path)
        .arg("--as-of")
        .arg("2024-05-01");
    cmd
}

fn json(cmd: &mut Command) -> serde_json::Value {
    let out = cmd
        .arg("--json")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

/// Everything that matters for "unchanged": the contacts and the schema.
fn snapshot(path: &std::path::Path) -> (Vec<String>, String) {
    let ws = Workspace::open(path).unwrap();
    let mut stmt = ws
        .conn()
        .prepare("SELECT _key || '|' || coalesce(city, '') FROM contacts ORDER BY _id")
        .unwrap();
    let rows = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let schema = ws
        .conn()
        .query_row(
            "SELECT group_concat(sql, ';') FROM sqlite_schema",
            [],
            |r| r.get(0),
        )
        .unwrap();
    (rows, schema)
}

#[test]
fn reach_json_counts_reach_and_audience() {
    let (_d, path) = setup();
    let v = json(tactful(&path).args(["reach", r#"tags has "vip""#]));
    assert_eq!(
        v,
        serde_json::json!({"reach": 2, "audience": 4, "as_of": "2024-05-01"})
    );
    let v = json(tactful(&path).args(["reach", r#"city is not "lyon""#]));
    assert_eq!(v["reach"], 2);
}

#[test]
fn br14_same_result_in_three_time_zones() {
    let (_d, path) = setup();
    for tz in ["UTC", "Pacific/Auckland", "America/Los_Angeles"] {
        let v = json(
            tactful(&path)
                .env("TZ", tz)
                .args(["reach", "last_purchase between 2024-04-01 and 2024-04-30"]),
        );
        assert_eq!(v["reach"], 2, "TZ={tz}");
        // as-of 2024-05-01: 30 days back is 2024-04-01, included; 2024-03-31 is not.
        let v = json(
            tactful(&path)
                .env("TZ", tz)
                .args(["reach", "last_purchase within last 30 days"]),
        );
        assert_eq!(v["reach"], 3, "TZ={tz}");
    }
}

#[test]
fn segment_lifecycle_and_overlap() {
    let (_d, path) = setup();
    tactful(&path)
        .args([
            "segment",
            "add",
            "Gold",
            r#"tags has "gold""#,
            "--description",
            "gold tier",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("reach 2"));
    tactful(&path)
        .args(["segment", "add", "Lyon", r#"city = "Lyon""#])
        .assert()
        .success();
    tactful(&path)
        .args(["segment", "add", "Lyon", r#"city = "Lyon""#])
        .assert()
        .failure()
        .stderr(predicate::str::contains("already exists"));
    let list = json(tactful(&path).args(["segment", "list"]));
    assert_eq!(list[0]["name"], "Gold");
    assert_eq!(list[0]["reach"], 2);
    assert_eq!(list[0]["description"], "gold tier");
    assert_eq!(list[1]["rule"], r#"city = "Lyon""#);
    let shown = json(tactful(&path).args(["segment", "show", "Lyon", "--sql"]));
    assert_eq!(shown["sql"], r#"(tactful_eq_ci("city", ?))"#);
    assert_eq!(shown["params"], serde_json::json!(["Lyon"]));
    let overlap = json(tactful(&path).args(["segment", "overlap"]));
    assert_eq!(overlap["segments"], serde_json::json!(["Gold", "Lyon"]));
    assert_eq!(overlap["matrix"], serde_json::json!([[2, 2], [2, 2]]));
    tactful(&path)
        .args(["segment", "edit", "Lyon", r#"city = "Porto""#])
        .assert()
        .success()
        .stdout(predicate::str::contains("reach 1"));
    tactful(&path)
        .args(["segment", "rm", "Lyon"])
        .assert()
        .success();
    tactful(&path)
        .args(["segment", "show", "Lyn"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no segment `Lyn`"));
}

#[test]
fn explain_rule_shows_each_condition_value_and_result() {
    let (_d, path) = setup();
    let v = json(tactful(&path).args([
        "explain-rule",
        r#"tags has "vip" and city is not "Lyon""#,
        "DEE@example.com",
    ]));
    assert_eq!(v["matched"], true);
    assert_eq!(v["conditions"][0]["value"], serde_json::json!(["VIP"]));
    assert_eq!(v["conditions"][0]["held"], true);
    assert_eq!(v["conditions"][1]["value"], serde_json::Value::Null);
    assert_eq!(v["conditions"][1]["held"], true);
    tactful(&path)
        .args(["explain-rule", r#"city is "Lyon""#, "ana@example.com"])
        .assert()
        .success()
        .stdout(predicate::str::contains("matches the rule"));
}

#[test]
fn rule_errors_print_a_caret_and_a_suggestion() {
    let (_d, path) = setup();
    tactful(&path)
        .args(["reach", "city is \"Lyon\" and\n  frist_name is \"A\""])
        .assert()
        .code(1)
        .stderr(predicate::str::diff(
            "line 2, column 3: no field `frist_name`; did you mean `first_name`?\n    frist_name is \"A\"\n    ^^^^^^^^^^\n",
        ));
    tactful(&path)
        .args(["segment", "add", "r", r#"religion is "x""#])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "field `religion` is blocked in segment rules",
        ));
    let list = json(tactful(&path).args(["segment", "list"]));
    assert_eq!(list, serde_json::json!([]));
}

#[test]
fn hostile_rules_fail_clearly_and_change_nothing() {
    let (_d, path) = setup();
    let before = snapshot(&path);
    // An injection attempt inside a string is just text: it matches no city.
    let v = json(tactful(&path).args(["reach", r#"city is "\"; DROP TABLE contacts; --""#]));
    assert_eq!(v["reach"], 0);
    let v = json(tactful(&path).args(["reach", r#"city is "x'); DROP TABLE contacts; --""#]));
    assert_eq!(v["reach"], 0);
    let hostile = [
        (
            r#""; DROP TABLE contacts; --"#.to_string(),
            "expected a field name",
        ),
        (
            r#"city is "Lyon"; DROP TABLE contacts"#.to_string(),
            "expected `and`, `or`",
        ),
        (
            format!(
                "{}city is \"Lyon\"{}",
                "(".repeat(10_000),
                ")".repeat(10_000)
            ),
            "deep",
        ),
        // Past the 64 KiB cap but under the OS limit on one argument (128 KiB).
        (format!("city is \"{}\"", "x".repeat(100_000)), "limited to"),
        ("city is \"Ly\u{1}on\"".to_string(), "control character"),
        ("city is 'Lyon'".to_string(), "expected a value"),
    ];
    for (rule, message) in &hostile {
        tactful(&path)
            .args(["reach", rule])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(*message));
        tactful(&path)
            .args(["segment", "add", "evil", rule])
            .assert()
            .code(1);
    }
    assert_eq!(snapshot(&path), before);
}

/// 1 MB of rule (too large for a command-line argument) through the library, as the TUI
/// would pass it: refused, nothing saved.
#[test]
fn a_megabyte_rule_is_refused_by_the_store() {
    let (_d, path) = setup();
    let before = snapshot(&path);
    let mut ws = Workspace::open(&path).unwrap();
    let fields = tactful::workspace::fields::list(ws.conn()).unwrap();
    let none = Default::default();
    let scope = tactful::segment::Scope {
        fields: &fields,
        category: None,
        unlocked: &none,
        as_of: day(2024, 5, 1),
        held: &tactful::fields::held::HeldValues::load(ws.conn(), &fields).unwrap(),
    };
    let rule = format!("city is \"{}\"", "x".repeat(1 << 20));
    let err = tactful::segment::store::add(&mut ws, "big", &rule, "", &scope).unwrap_err();
    assert!(err.to_string().contains("limited to 65536 bytes"));
    drop(ws);
    assert_eq!(snapshot(&path), before);
}

/// New-user report: a rule of ~1,200 conditions passed the checker, failed in SQLite
/// ("Expression tree is too large") after being saved, and broke `segment list` for every
/// segment. Now 400 terms run, 401 are refused before anything is saved, and a stored
/// rule SQLite cannot run shows as an error on its own line.
#[test]
fn rules_too_large_for_sqlite_are_refused_before_saving() {
    let (_dir, path) = setup();
    let rule = |n: usize| {
        (0..n)
            .map(|i| format!("city is not \"x{i}\""))
            .collect::<Vec<_>>()
            .join(" and ")
    };
    // All four contacts' cities differ from every x{i}: reach 4.
    let out = json(tactful(&path).args(["--json", "reach", &rule(400)]));
    assert_eq!(out["reach"], 4);
    tactful(&path)
        .args(["segment", "add", "wide", &rule(401)])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "401 conditions and list values; at most 400",
        ));
    let values: Vec<String> = (0..401).map(|i| format!("\"x{i}\"")).collect();
    tactful(&path)
        .args(["reach", &format!("city in ({})", values.join(", "))])
        .assert()
        .failure()
        .stderr(predicate::str::contains("at most 400"));

    // A rule stored behind the checker's back (as an older version could have).
    tactful(&path)
        .args(["segment", "add", "lyon", r#"city is "Lyon""#])
        .assert()
        .success();
    let ws = Workspace::open(&path).unwrap();
    ws.conn()
        .execute(
            "INSERT INTO segments (name, rule, description, created_at, updated_at) VALUES ('wide', ?1, '', 'x', 'x')",
            [rule(1200)],
        )
        .unwrap();
    drop(ws);
    let list = json(tactful(&path).args(["--json", "segment", "list"]));
    let lyon = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "lyon")
        .unwrap();
    assert_eq!(lyon["reach"], 2);
    let wide = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "wide")
        .unwrap();
    assert!(wide["reach"].is_null());
    assert!(
        wide["error"].as_str().unwrap().contains("at most 400"),
        "{wide}"
    );
}
