//! The campaign commands end to end: `campaign new/add/show/apply/dump`, `unlock`,
//! `preview` in its three formats and `explain`, on a temporary workspace per test.

mod campaign_support;
mod review_support;

use predicates::prelude::*;
use review_support::Ws;
use tactful::fields::{Channel, ConsentState};
use tactful::workspace::Workspace;

/// A workspace (commands without `--as-of`) holding the BR-15 contacts, everyone
/// granted e-mail consent.
fn br15() -> Ws {
    let ws = Ws::undated();
    campaign_support::import_at(
        &ws.path,
        "br15_overlap.csv",
        Some((Channel::Email, ConsentState::Granted)),
    );
    ws
}

/// A workspace with the BR-15 contacts, segments Gold and Lyon and campaign `spring`.
fn setup() -> Ws {
    let ws = br15();
    ws.ok(&["segment", "add", "Gold", r#"tier is "gold""#]);
    ws.ok(&["segment", "add", "Lyon", r#"city is "Lyon""#]);
    ws.ok(&[
        "--as-of",
        "2026-11-01",
        "campaign",
        "new",
        "spring",
        "--channel",
        "email",
    ]);
    ws.ok(&[
        "campaign",
        "add",
        "spring",
        "Gold",
        "--subject",
        "S1 {{ first_name }}",
        "--body",
        "M1",
    ]);
    ws.ok(&[
        "campaign",
        "add",
        "spring",
        "Lyon",
        "--subject",
        "S2",
        "--body",
        "M2\nsecond line",
    ]);
    ws
}

#[test]
fn add_checks_segment_and_message_before_saving() {
    let ws = setup();
    ws.cmd()
        .args([
            "campaign",
            "add",
            "spring",
            "Gld",
            "--subject",
            "x",
            "--body",
            "y",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no segment `Gld`; did you mean `Gold`?",
        ));
    ws.cmd()
        .args([
            "campaign",
            "add",
            "spring",
            "Gold",
            "--subject",
            "x",
            "--body",
            "Hi {{ frist_name }}",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("frist_name"));
    let out = ws
        .cmd()
        .args(["--json", "campaign", "show", "spring"])
        .output()
        .unwrap();
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["entries"].as_array().unwrap().len(), 2);
    assert_eq!(shown["entries"][0]["reach"], 2);
    assert_eq!(shown["entries"][1]["reach"], 2);
}

#[test]
fn preview_json_has_the_documented_shape() {
    let ws = setup();
    let out = ws
        .cmd()
        .args(["preview", "spring", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 4);
    let keys: Vec<&str> = rows[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "address",
            "body",
            "channel_address",
            "excluded",
            "key",
            "segment",
            "subject"
        ]
    );
    assert_eq!(rows[0]["subject"], "S1 Ana");
    assert_eq!(rows[1]["body"], "M2\nsecond line");
    assert_eq!(rows[3]["excluded"], "no_segment");
    assert_eq!(rows[0]["excluded"], serde_json::Value::Null);
    assert_eq!(v["summary"]["audience"], 4);
    assert_eq!(v["summary"]["recipients"], 3);
    assert_eq!(v["summary"]["per_reason"][5]["reason"], "no_segment");
    assert_eq!(v["summary"]["per_reason"][5]["contacts"], 1);
}

#[test]
fn limit_and_excluded_filter_rows_but_the_summary_counts_everyone() {
    let ws = setup();
    ws.cmd()
        .args(["preview", "spring", "--format", "csv", "--limit", "1"])
        .assert()
        .success()
        .stdout("key,address,segment,subject,body,excluded\nana@example.com,ana@example.com,Gold,S1 Ana,M1,\n")
        .stderr(predicate::str::contains("audience 4 = 3 recipients + 1 excluded"));
    ws.cmd()
        .args(["preview", "spring", "--excluded"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("dee@example.com")
                .and(predicate::str::contains("ana@example.com").not()),
        );
}

#[test]
fn explain_json_says_why_ana_got_m1() {
    let ws = setup();
    let out = ws
        .cmd()
        .args(["--json", "explain", "spring", "ana@example.com"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["segment"], "Gold");
    assert_eq!(v["excluded"], serde_json::Value::Null);
    assert_eq!(v["steps"].as_array().unwrap().len(), 7);
    assert_eq!(v["segments"][1]["verdict"], "lost_to_priority");
    assert_eq!(v["message"]["body"], "M1");
    // The text says in words what each step did: step 6 chose Ana's segment (it is
    // no `no_segment` exclusion); step 7, the holdout, let her through.
    ws.cmd()
        .args(["explain", "spring", "ana@example.com"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("which lost to priority")
                .and(predicate::str::contains(
                    "  6. segment           assigned    matches `Gold` (entry 1)",
                ))
                .and(predicate::str::contains("  7. holdout           passed "))
                .and(predicate::str::contains("DECIDED").not())
                .and(predicate::str::contains("no_segment").not()),
        );
}

#[test]
fn dump_apply_dump_is_byte_identical_and_apply_creates_segments() {
    let ws = setup();
    let first = ws
        .cmd()
        .args(["campaign", "dump", "spring"])
        .output()
        .unwrap()
        .stdout;
    let file = ws.out("spring.toml");
    std::fs::write(&file, &first).unwrap();
    ws.cmd()
        .args(["campaign", "apply"])
        .arg(&file)
        .assert()
        .success();
    let again = ws
        .cmd()
        .args(["campaign", "dump", "spring"])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(
        String::from_utf8(again).unwrap(),
        String::from_utf8(first.clone()).unwrap()
    );

    // A fresh workspace with the same contacts: apply creates the segments from the file.
    let other = br15();
    other
        .cmd()
        .args(["campaign", "apply"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("segments created: Gold, Lyon"));
    let dumped = other
        .cmd()
        .args(["campaign", "dump", "spring"])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(dumped, first);
}

#[test]
fn apply_unlocks_fields_for_its_own_segments_only() {
    let ws = Ws::undated();
    campaign_support::import_at(&ws.path, "campaign_guards.csv", None);
    let toml = r#"name = "birthday"
channel = "email"
as_of = "2026-11-01"

[[entry]]
segment = "older"
rule = "date_of_birth before 1975-01-01"
subject = "Hello"
body = "Hi {{ first_name }}"

[[unlock]]
field = "date_of_birth"
reason = "a product range for customers over fifty"
"#;
    let file = ws.write("birthday.toml", toml);
    // Without the unlock the rule is refused and nothing is written.
    let locked = ws.write("locked.toml", toml.split("[[unlock]]").next().unwrap());
    ws.cmd()
        .args(["campaign", "apply"])
        .arg(&locked)
        .assert()
        .code(1);
    ws.cmd()
        .args(["segment", "list"])
        .assert()
        .stdout(predicate::str::contains("No segments yet"));
    ws.cmd()
        .args(["campaign", "apply"])
        .arg(&file)
        .assert()
        .success();
    // Outside the campaign the same rule stays refused.
    ws.cmd()
        .args([
            "segment",
            "add",
            "older2",
            "date_of_birth before 1975-01-01",
        ])
        .assert()
        .code(1);
    // Eve (born 1970-12-12) is the only one matching and eligible.
    let out = ws
        .cmd()
        .args(["--json", "preview", "birthday"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["recipients"], 1);
    assert_eq!(v["rows"][5]["key"], "eve@example.com");
    assert_eq!(v["rows"][5]["body"], "Hi Eve");
    ws.cmd()
        .arg("audit")
        .assert()
        .stdout(predicate::str::contains("unlock").and(predicate::str::contains("campaign apply")));
}

#[test]
fn control_characters_never_reach_the_table() {
    let ws = setup();
    let opened = Workspace::open(&ws.path).unwrap();
    opened
        .conn()
        .execute(
            "INSERT INTO contacts (_key, _batch, _consent_email, email, first_name, city, tier) VALUES (?1, 1, 'granted', ?2, ?3, 'Lyon', 'gold')",
            ["evil\u{1b}[2J@example.com", "evil\u{1b}[2J@example.com", "Ev\u{1b}]0;pwned\u{7}il"],
        )
        .unwrap();
    drop(opened);
    let out = ws.cmd().args(["preview", "spring"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("evil␛[2J@example.com"), "{text}");
    assert!(
        !text.chars().any(|c| c == '\u{1b}' || c == '\u{7}'),
        "{text}"
    );
}

#[test]
fn unlock_command_records_the_justification() {
    let ws = Ws::undated();
    campaign_support::import_at(&ws.path, "campaign_guards.csv", None);
    ws.cmd()
        .args(["campaign", "new", "b", "--channel", "email"])
        .assert()
        .success();
    ws.cmd()
        .args(["unlock", "b", "date_of_birth", "--reason", "short"])
        .assert()
        .code(1);
    ws.cmd()
        .args([
            "unlock",
            "b",
            "date_of_birth",
            "--reason",
            "birthday greeting needs the day and month",
        ])
        .assert()
        .success();
    ws.cmd()
        .args(["campaign", "show", "b"])
        .assert()
        .stdout(predicate::str::contains(
            "date_of_birth: birthday greeting needs the day and month (tester",
        ));
}

/// `{{ self }}` is minijinja's own block object, not a field: it must be refused when
/// the message is added, with where it is and why, and nothing saved.
#[test]
fn add_refuses_a_reserved_template_name() {
    let ws = setup();
    ws.cmd()
        .args([
            "campaign", "add", "spring", "Gold", "--subject", "x", "--body",
            "Hi {{ self }}",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "line 1, column 7: `self` is the template language's name for the template's own blocks, not a merge field",
        ));
    let out = ws
        .cmd()
        .args(["--json", "campaign", "show", "spring"])
        .output()
        .unwrap();
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["entries"].as_array().unwrap().len(), 2);
}
