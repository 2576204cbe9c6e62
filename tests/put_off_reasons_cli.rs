//! New-user trial 11, F4 and F8, through the binary: a message `Your next physio
//! session` to `Dear Nigerian customers` raised no finding, and a justification that
//! only says the reason will come later (`justification pending from marketing team`,
//! `to be confirmed by the legal team`) passed for an unlock or an acceptance.
//!
//! Expected by hand: `physio` is a `[tag_values]` health term and counts in message
//! text (no veto word in its phrase); `nigerian` is an ethnicity share word before
//! `customers`, a `[context] people` word (src/fields/classify/names_groups.rs). Both
//! justifications hold a deferral (`pending` before `from`; `to be confirmed`) with
//! nothing left once who-or-when words are left out (src/written_deferred.rs), so
//! both routes exit 1 and store nothing; a real reason is taken, and an unlock of
//! `tags:health` for a rule on the `physio` tag covers the text.

mod review_support;

use predicates::str::contains;
use review_support::*;

const PEOPLE: &str = "email,first_name,tags
a@example.com,A,physio
b@example.com,B,physio
c@example.com,C,vip
";

fn refused(ws: &Ws, args: &[&str]) {
    ws.cmd()
        .args(args)
        .assert()
        .code(1)
        .stderr(contains("a reason left for later"));
}

#[test]
fn treatments_and_origin_groups_block_until_a_real_reason() {
    let ws = Ws::new();
    ws.import_csv("people.csv", PEOPLE, &["--consent", "email=granted"]);
    ws.ok(&["segment", "add", "promo", "first_name is not blank"]);
    ws.ok(&["campaign", "new", "c", "--channel", "email", "--k", "2"]);
    ws.ok(&[
        "campaign",
        "add",
        "c",
        "promo",
        "--subject",
        "Your next physio session",
        "--body",
        "Dear Nigerian customers, see you soon.",
    ]);
    let review = ws.json(&["review", "c"], 3);
    assert_eq!(codes(&review, "blocker"), ["sensitive_text"]);
    let items: Vec<String> = finding(&review, "sensitive_text")["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap().to_string())
        .collect();
    assert_eq!(items.len(), 2, "{items:#?}");
    assert!(
        items[0].starts_with("segment `promo`, subject: `physio` is health data"),
        "{}",
        items[0]
    );
    assert!(
        items[1].starts_with("segment `promo`, body: `nigerian` is ethnicity data"),
        "{}",
        items[1]
    );
    let accept = |reason: &str| {
        vec![
            "review".to_string(),
            "c".into(),
            "--accept".into(),
            "sensitive_text".into(),
            "--reason".into(),
            reason.into(),
        ]
    };
    let args = accept("justification pending from marketing team");
    refused(&ws, &args.iter().map(String::as_str).collect::<Vec<_>>());
    let audit = ws.stdout(&["audit"]);
    assert!(!audit.contains("marketing team"), "{audit}");
    let reason = "Clinic patients asked for session reminders in their own community language";
    let args = accept(reason);
    let review = ws.json(&args.iter().map(String::as_str).collect::<Vec<_>>(), 0);
    assert_eq!(
        finding(&review, "sensitive_text")["accepted"]["reason"],
        reason
    );
}

#[test]
fn an_unlock_needs_a_reason_that_is_there() {
    let ws = Ws::new();
    ws.import_csv("people.csv", PEOPLE, &["--consent", "email=granted"]);
    ws.ok(&["campaign", "new", "c", "--channel", "email", "--k", "2"]);
    refused(
        &ws,
        &[
            "unlock",
            "c",
            "tags:health",
            "--reason",
            "to be confirmed by the legal team",
        ],
    );
    let justification = "Patients of the practice asked for reminders of their sessions";
    ws.ok(&["unlock", "c", "tags:health", "--reason", justification]);
    ws.ok(&[
        "segment",
        "add",
        "patients",
        "tags has \"physio\"",
        "--campaign",
        "c",
    ]);
    ws.ok(&[
        "campaign",
        "add",
        "c",
        "patients",
        "--subject",
        "Your physio session",
        "--body",
        "See you on Monday, {{ first_name }}.",
    ]);
    let review = ws.json(&["review", "c"], 0);
    let f = finding(&review, "sensitive_text_unlocked");
    let item = f["items"][0].as_str().unwrap();
    assert!(
        item.starts_with("segment `patients`, subject: `physio` is health data"),
        "{item}"
    );
    assert!(item.contains(justification), "{item}");
}
