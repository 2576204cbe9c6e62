//! Breaks a new-user trial found in the second promise ("sensitive data is never used
//! unless someone justified it, on record"), end to end through the `tactful` binary:
//! a rule on an ordinary field that holds sensitive values, blank-looking written
//! reasons, and formula-like cells in exports that write cells exactly.
//!
//! Fixtures, worked out by hand:
//! - `trial_notes_1.csv`: `notes` holds `likes tea`, `straight`, `vip` and a blank;
//!   `straight` is a weak term, so nothing sensitive is stored. `trial_notes_2.csv`
//!   then sets Ana's notes to `lesbian` (one contact, sexual orientation).
//! - `trial_formulas.csv`: first names `=HYPERLINK("http://x","y")` (ana), `@SUM(A1)`
//!   (bo), `＝1+1` (cy, full-width), ZWSP + `=1+1` (dee), `Eve` (eve), `-Fay` (fay).
//!   A body starting with the first name is formula-like for ana, bo, cy, dee and fay:
//!   5 cells of the `body` column; Eve's is not.

mod review_support;

use predicates::prelude::*;
use review_support::*;
use serde_json::Value;

const STRAIGHT: &str = r#"
name = "straight"
channel = "email"
as_of = "2026-11-01"
[[entry]]
segment = "straight"
rule = 'notes is "straight"'
subject = "Hello"
body = "Hi {{ first_name }}, our new range is in."
"#;

#[test]
fn any_rule_on_a_field_holding_sensitive_values_is_a_rule_on_their_kind() {
    let ws = Ws::new();
    ws.import("trial_notes_1.csv", &[]);
    ws.apply(STRAIGHT);
    // Nothing sensitive is stored yet: the rule reaches Bo.
    ws.ok(&["reach", r#"notes is "straight""#]);
    ws.import("trial_notes_2.csv", &[]);
    let held = "`notes` holds sexual orientation values for 1 contact (lesbian), so any condition on it selects by them";
    ws.cmd()
        .args(["reach", r#"notes is "lesbian""#])
        .assert()
        .failure()
        .stderr(predicate::str::contains("value `lesbian` of field `notes`"));
    for rule in [
        r#"notes contains "lesb""#,
        r#"notes starts with "l""#,
        r#"notes ends with "an""#,
        r#"notes is "straight""#,
        r#"notes is not "straight""#,
        r#"notes in ("straight", "vip")"#,
        "notes is blank",
    ] {
        ws.cmd()
            .args(["reach", rule])
            .assert()
            .failure()
            .stderr(predicate::str::contains(held))
            .stderr(predicate::str::contains("notes:sexual_orientation"));
    }
    ws.ok(&["reach", r#"first_name is "Ana""#]);
    // The campaign saved before Ana's value arrived: review blocks it, export refuses.
    let review = ws.json(&["review", "straight"], 3);
    let f = finding(&review, "sensitive_value");
    assert_eq!(f["severity"], "blocker");
    let item = f["items"][0].as_str().unwrap();
    assert!(
        item.starts_with(
            "segment `straight`, rule on `notes` holds sexual orientation values for 1 contact (lesbian): any comparison with it selects by them"
        ),
        "{item}"
    );
    let out = ws.out("refused");
    ws.cmd()
        .args(["export", "straight", "--out", out.to_str().unwrap()])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("sensitive_value"));
    // An unlock of the kind on the field, on record, opens it.
    ws.ok(&[
        "unlock",
        "straight",
        "notes:sexual_orientation",
        "--reason",
        "the LGBT+ night invitation is opt-in and asked for",
    ]);
    let review = ws.json(&["review", "straight"], 0);
    assert!(!has_code(&review, "sensitive_value"), "{review:#}");
}

const EVERYONE: &str = r#"
name = "everyone"
channel = "email"
as_of = "2026-11-01"
[[entry]]
segment = "all"
rule = "email is not blank"
subject = "News"
body = "{{ first_name }}, our new range is in."
"#;

#[test]
fn blank_rendering_reasons_and_stacked_accents_are_no_reasons() {
    let ws = Ws::new();
    ws.import("policy_people.csv", &[]);
    ws.apply(EVERYONE);
    // 21 Braille blanks + "a 1": 3 visible characters in 2 words.
    let braille = format!("{}a 1", "\u{2800}".repeat(21));
    // "a" + 20 combining acute accents + " b": 3 visible characters in 2 words.
    let accents = format!("a{} b", "\u{301}".repeat(20));
    for reason in [&braille, &accents] {
        ws.cmd()
            .args(["unlock", "everyone", "gender", "--reason", reason])
            .assert()
            .failure()
            .stderr(predicate::str::contains("3 visible characters in 2 words"));
        ws.cmd()
            .args([
                "fields", "set", "gender", "--class", "ordinary", "--reason", reason,
            ])
            .assert()
            .failure()
            .stderr(predicate::str::contains("3 visible characters in 2 words"));
    }
    // Names and notes of blank-rendering characters are blank (checked while the
    // review has no blocker, so only the name or note can be what is refused).
    for blank in ["\u{2800}", "\u{3164}", "\u{115f}", "\u{1160}", "\u{ffa0}"] {
        ws.cmd()
            .args(["review", "everyone", "--sign-off", blank, "--note", "fine"])
            .assert()
            .failure()
            .stderr(predicate::str::contains(
                "the reviewer's name has no visible text",
            ));
        ws.cmd()
            .args(["review", "everyone", "--sign-off", "Ana", "--note", blank])
            .assert()
            .failure()
            .stderr(predicate::str::contains("the note has no visible text"));
    }
    ws.ok(&[
        "fields",
        "set",
        "date_of_birth",
        "--role",
        "none",
        "--reason",
        "the column holds the signup date, not a birth date",
    ]);
    ws.cmd()
        .args([
            "review",
            "everyone",
            "--accept",
            "safeguard_removed",
            "--reason",
        ])
        .arg(&braille)
        .assert()
        .failure()
        .stderr(predicate::str::contains("3 visible characters in 2 words"));
    let log = ws.json(&["audit"], 0);
    assert!(
        !log.as_array().unwrap().iter().any(|e| {
            e["action"] == "unlock"
                || e["action"] == "review.sign_off"
                || e["action"] == "review.accept"
        }),
        "{log:#}"
    );
}

fn formulas() -> Ws {
    let ws = Ws::new();
    ws.import("trial_formulas.csv", &[]);
    ws.apply(EVERYONE);
    ws
}

#[test]
fn formula_like_cells_refuse_exact_exports_unless_neutralised_on_record() {
    let ws = formulas();
    let refusal = "formula_value: 5 cells start with = + - @ TAB or CR";
    let contacts = "contacts ana@example.com, bo@example.com, cy@example.com, dee@example.com, fay@example.com.";
    for profile in ["upload", "mailchimp", "klaviyo", "brevo", "listmonk"] {
        let out = ws.out(&format!("refused-{profile}"));
        ws.cmd()
            .args(["export", "everyone", "--profile", profile, "--out"])
            .arg(&out)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(refusal))
            .stderr(predicate::str::contains(contacts));
        assert!(!out.join("recipients.csv").exists() && !out.join("audience.csv").exists());
    }
    // The upload profile names the column the cells are in.
    let out = ws.out("refused");
    ws.cmd()
        .args(["export", "everyone", "--profile", "upload", "--out"])
        .arg(&out)
        .assert()
        .stderr(predicate::str::contains("columns body;"));
    // With --neutralise-formulas: a quote in front of those 5, recorded.
    let out = ws.out("neutralised");
    ws.cmd()
        .args([
            "export",
            "everyone",
            "--profile",
            "upload",
            "--neutralise-formulas",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let csv = String::from_utf8(read(&out.join("recipients.csv"))).unwrap();
    assert!(csv.contains("'@SUM(A1), our new range is in."), "{csv}");
    assert!(csv.contains("'＝1+1, our new range is in."), "{csv}");
    assert!(csv.contains("'-Fay, our new range is in."), "{csv}");
    assert!(
        csv.contains(",\"Eve, our new range is in.\"") || csv.contains(",Eve, our"),
        "{csv}"
    );
    let manifest: Value = manifest_in(&out);
    assert_eq!(manifest["profile"]["formulas_neutralised"], 5);
    // The spreadsheet profile neutralises the same 5 cells itself, needs no flag, and
    // counts them too (second new-user trial: it said 0).
    let out = ws.out("sheet");
    ws.cmd()
        .args(["export", "everyone", "--out"])
        .arg(&out)
        .assert()
        .success();
    let manifest: Value = manifest_in(&out);
    assert_eq!(manifest["profile"]["formulas_neutralised"], 5);
}
