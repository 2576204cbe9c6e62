//! Issue 10, what a person types: written reasons count only visible text, names
//! with path separators or controls are refused, a `fields set` that changes nothing
//! keeps the recorded reason, and a far as-of date warns (and never makes today's
//! minors adults). Through the `tactful` binary; counts by hand from
//! tests/fixtures/policy_people.csv: see `policy_support`.

mod policy_support;

use policy_support::*;
use predicates::prelude::*;
use serde_json::Value;

#[test]
fn invisible_reasons_are_no_reasons_and_visible_ones_are_stored_as_typed() {
    let ws = people();
    ws.apply(EVERYONE);
    let zero_width = "\u{200b}".repeat(20);
    let soft_hyphens = "\u{ad}".repeat(20);
    ws.cmd()
        .args(["unlock", "everyone", "gender", "--reason", &zero_width])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no visible text"));
    ws.cmd()
        .args(["fields", "set", "gender", "--class", "ordinary", "--reason"])
        .arg(&soft_hyphens)
        .assert()
        .failure()
        .stderr(predicate::str::contains("no visible text"));
    // Twenty-two letters are one word, not a reason.
    ws.cmd()
        .args(["fields", "set", "gender", "--class", "ordinary", "--reason"])
        .arg("aaaaaaaaaaaaaaaaaaaaaa")
        .assert()
        .failure()
        .stderr(predicate::str::contains("in 1 word;"));
    ws.cmd()
        .args([
            "review",
            "everyone",
            "--sign-off",
            &zero_width,
            "--note",
            "ok",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "the reviewer's name has no visible text",
        ));
    ws.cmd()
        .args([
            "review",
            "everyone",
            "--sign-off",
            "Ana",
            "--note",
            &soft_hyphens,
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("the note has no visible text"));
    // A zero-width space inside real words is kept exactly as typed.
    let typed = "greeting by\u{200b} salutation, asked for by customers";
    ws.ok(&["unlock", "everyone", "gender", "--reason", typed]);
    let log = ws.json(&["audit"], 0);
    let unlock = audit_entry(&log, "unlock");
    assert_eq!(unlock["detail"]["reason"], typed);
    assert!(
        !log.as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "review.sign_off" || e["action"] == "field.set")
    );
}

#[test]
fn an_as_of_ten_years_ahead_is_a_warning_naming_the_date() {
    let ws = people();
    ws.apply(EVERYONE);
    // The global --as-of wins over the campaign's; today is 2026-11-01.
    let review = assert_cmd::Command::cargo_bin("tactful")
        .unwrap()
        .env("TACTFUL_TODAY", "2026-11-01")
        .arg("--workspace")
        .arg(&ws.path)
        .args(["--as-of", "2036-11-01", "--json", "review", "everyone"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let review: Value = serde_json::from_slice(&review).unwrap();
    let f = finding(&review, "as_of_far");
    assert_eq!(f["severity"], "warning");
    // 10 × 365 days + the leap days 2028-02-29, 2032-02-29, 2036-02-29.
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("2036-11-01 is 3653 days after today (2026-11-01)"),
        "{f}"
    );
    // Ten years on cy, dee and gus would be adults, but they are minors today
    // (2026-11-01: 14, 15 and 14), and the minor check reads ages on the earlier of
    // the as-of date and today: still fay for consent and the three minors.
    assert_eq!(
        finding(&review, "exclusion_counts")["items"],
        serde_json::json!(["no_consent: 1", "minor: 3"])
    );
    // The export writes ana, bo and eve only, with just the warning.
    let out = ws.out("far");
    assert_cmd::Command::cargo_bin("tactful")
        .unwrap()
        .env("TACTFUL_TODAY", "2026-11-01")
        .arg("--workspace")
        .arg(&ws.path)
        .args(["--as-of", "2036-11-01", "export", "everyone", "--out"])
        .arg(&out)
        .assert()
        .success();
    let csv = String::from_utf8(read(&out.join("recipients.csv"))).unwrap();
    for (key, written) in [
        ("ana@", true),
        ("bo@", true),
        ("eve@", true),
        ("cy@", false),
        ("dee@", false),
        ("gus@", false),
        ("fay@", false),
    ] {
        assert_eq!(csv.contains(key), written, "{key}: {csv}");
    }
    // Within a month: no warning.
    let near = ws.json(&["review", "everyone"], 0);
    assert!(!has_code(&near, "as_of_far"));
}

#[test]
fn names_with_path_separators_or_controls_are_refused() {
    let ws = people();
    for name in ["../../etc", "a/b", "a\\b", "x\u{1b}[2Jy"] {
        ws.cmd()
            .args(["campaign", "new", name, "--channel", "email"])
            .assert()
            .failure()
            .stderr(predicate::str::contains("path separators"));
        ws.cmd()
            .args(["segment", "add", name, "email is not blank"])
            .assert()
            .failure()
            .stderr(predicate::str::contains("path separators"));
    }
}

/// A `fields set` that changes nothing must not replace the justification of an
/// earlier downgrade with text nobody checked (the second trial replaced it with a row
/// of dots): it is refused, and the field keeps the reason it had.
#[test]
fn setting_a_field_to_what_it_already_is_keeps_its_justification() {
    let ws = people();
    let why = "the stylist campaign needs it, approved by the privacy lead";
    ws.ok(&[
        "fields", "set", "gender", "--class", "ordinary", "--reason", why,
    ]);
    ws.cmd()
        .args(["fields", "set", "gender", "--class", "ordinary", "--reason"])
        .arg(". . . . . . . . . . . . . . . . . . . . . .")
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "field `gender` is already ordinary with role none: nothing changed, and its recorded reason stays",
        ));
    let gender = ws.field("gender");
    assert_eq!(
        gender["reason"],
        format!("set by tester: {why}"),
        "{gender}"
    );
}
