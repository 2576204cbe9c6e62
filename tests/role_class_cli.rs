//! New-user trial 8, H4, through the binary: `fields set value_a --role age` (or
//! `birth_year`, `date_of_birth`) on a column the classifier missed left the class
//! `ordinary`. The minor check read the field, but rules and message text on it needed
//! no unlock, and an employment campaign selecting people aged 40 and over passed
//! review. A role that implies a class now raises the class to it, never lowers it
//! (README, "Fields"), in the audit log like any other change.
//!
//! Expected by hand: an age, a birth year and a date of birth are protected traits
//! (PRODUCT.md, "Privacy classes"), as the classifier classes `Age`, `YOB` and `Date
//! of Birth`; so each field becomes `protected`, and a rule on it is refused without an
//! unlock. `--class ordinary` beside `--role age` asks for a class below the role's,
//! refused with nothing changed; a special category field given `--role age` stays
//! special category (the stricter class).

mod review_support;

use review_support::Ws;

const AGES: &str = "Email,First Name,Value A,Value B,Date 2,Accepts Email Marketing
kid@example.com,Kid,14,2012,2012-05-01,yes
ad@example.com,Ad,45,1980,1980-01-01,yes
ad2@example.com,Ad2,44,1981,1981-01-01,yes
";

fn workspace() -> Ws {
    let ws = Ws::new();
    ws.import_csv("d4.csv", AGES, &[]);
    for f in ["value_a", "value_b", "date_2"] {
        assert_eq!(ws.field(f)["class"], "ordinary", "{f}");
    }
    ws
}

/// The exit code and standard error of `args`.
fn refused(ws: &Ws, args: &[&str]) -> (Option<i32>, String) {
    let out = ws.cmd().args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code(), stderr)
}

/// `args` exits 1 with `said` in its standard error.
fn assert_refused(ws: &Ws, args: &[&str], said: &str) {
    let (code, stderr) = refused(ws, args);
    let what = args.join(" ");
    assert_eq!(code, Some(1), "{what}: {stderr}");
    assert!(stderr.contains(said), "{what}: {stderr}");
}

/// The reason given with `--role age` on `value_a`.
const AGE_REASON: &str = "Value A is the customer age in years";

/// `fields set value_a --role age`, with [`AGE_REASON`], expecting success.
fn set_age_role(ws: &Ws) {
    ws.ok(&[
        "fields", "set", "value_a", "--role", "age", "--reason", AGE_REASON,
    ]);
}

/// `(class, role)` of `field` (`fields --json`).
fn class_and_role(ws: &Ws, field: &str) -> (String, String) {
    let f = ws.field(field);
    let s = |k: &str| f[k].as_str().unwrap().to_string();
    (s("class"), s("role"))
}

/// The error of a class below the role's.
const BELOW_THE_ROLE: &str = "role age makes `value_a` at least protected trait";

#[test]
fn an_age_role_given_by_hand_makes_the_field_protected() {
    let ws = workspace();
    let said = ws.stdout(&[
        "fields", "set", "value_a", "--role", "age", "--reason", AGE_REASON,
    ]);
    assert_eq!(
        said,
        "value_a: class ordinary -> protected, role none -> age\n\
         Note: role age raised the class to protected trait, as for a column the classifier \
         recognises; rules and message text need an unlock to use it\n"
    );
    for (field, role) in [("value_b", "birth_year"), ("date_2", "date_of_birth")] {
        ws.ok(&[
            "fields",
            "set",
            field,
            "--role",
            role,
            "--reason",
            "this column is the contact's birth",
        ]);
        assert_eq!(
            class_and_role(&ws, field),
            ("protected".into(), role.into())
        );
    }
    // The audit log has the raise, with the reason.
    let log = ws.json(&["audit"], 0);
    let set = log
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "field.set" && e["subject"] == "value_a")
        .unwrap();
    assert_eq!(set["detail"]["class"]["after"], "protected");
    assert_eq!(set["detail"]["raised_by_role"], "protected");
    // Rules on the three fields are refused without an unlock (main: reach 2 each).
    for rule in ["value_a >= 40", "value_b < 1985", "date_2 < 1985-01-01"] {
        assert_refused(&ws, &["reach", rule], "protected");
    }
}

#[test]
fn an_employment_campaign_cannot_select_by_an_age_given_by_hand() {
    let ws = workspace();
    set_age_role(&ws);
    ws.ok(&[
        "campaign",
        "new",
        "h",
        "--channel",
        "email",
        "--k",
        "2",
        "--category",
        "employment",
    ]);
    let (code, stderr) = refused(
        &ws,
        &[
            "unlock",
            "h",
            "value_a",
            "--reason",
            "we recruit experienced staff for senior roles",
        ],
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert_refused(&ws, &["segment", "add", "o", "value_a >= 40"], "protected");
}

#[test]
fn a_class_below_the_roles_is_refused_and_a_stricter_one_is_kept() {
    let ws = workspace();
    let one_step = [
        "fields", "set", "value_a", "--role", "age", "--class", "ordinary", "--reason", AGE_REASON,
    ];
    assert_refused(&ws, &one_step, BELOW_THE_ROLE);
    assert_eq!(
        class_and_role(&ws, "value_a"),
        ("ordinary".into(), "none".into())
    );
    // Never lowers: a person's special category stays.
    ws.ok(&[
        "fields",
        "set",
        "value_a",
        "--class",
        "special_category",
        "--reason",
        "ages of patients in our clinic",
    ]);
    let said = ws.stdout(&[
        "fields",
        "set",
        "value_a",
        "--role",
        "age",
        "--reason",
        "Value A is the patient age in years",
    ]);
    assert_eq!(
        said,
        "value_a: class special_category -> special_category, role none -> age\n"
    );
}

/// Trial 9, F-H4b: the two-step route. `--role age` first, then `--class ordinary` on
/// its own, asks for the same class below the role's as the one-step form above, so it
/// is refused the same way and the field stays protected. Lowering it takes taking the
/// role away, which is a recorded downgrade (`safeguard_removed`).
#[test]
fn a_later_class_below_the_roles_is_refused_too() {
    let ws = workspace();
    set_age_role(&ws);
    let reason = "we only use it to count customers by decade";
    let later = [
        "fields", "set", "value_a", "--class", "ordinary", "--reason", reason,
    ];
    assert_refused(&ws, &later, BELOW_THE_ROLE);
    assert_eq!(
        class_and_role(&ws, "value_a"),
        ("protected".into(), "age".into())
    );
}
