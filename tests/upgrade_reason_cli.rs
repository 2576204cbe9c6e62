//! Confirmed consent upgrades need a written reason, on record (README, "Consent
//! rules"; PRODUCT.md: a re-import never turns a refusal into consent silently). Cy
//! declined in `first.csv`; `later.csv` says `yes`. Only `--accept-consent-upgrades`
//! can turn that into granted, and only with `--upgrade-reason TEXT`; the reason then
//! appears in the upgrade, on Cy's consent evidence and in the audit log. Driven
//! through the `tactful` binary on the files written below.

mod review_support;

use predicates::str::contains;
use review_support::Ws;

const FIRST: &str = "email,accepts_email_marketing\nana@example.com,yes\ncy@example.com,no\n";
const LATER: &str = "email,accepts_email_marketing\ncy@example.com,yes\n";
const REASON: &str = "Cy re-subscribed in person at the fair";

#[test]
fn confirming_upgrades_without_a_reason_is_refused_and_changes_nothing() {
    let ws = Ws::new();
    let first = ws.write("first.csv", FIRST);
    let later = ws.write("later.csv", LATER);
    ws.ok(&["import", &first]);
    ws.cmd()
        .args(["import", &later, "--accept-consent-upgrades"])
        .assert()
        .code(2)
        .stderr(contains("needs a written reason"))
        .stderr(contains("--upgrade-reason"));
    // Cy is still declined, and only one batch exists.
    assert_eq!(ws.email_consent("cy@example.com")["state"], "declined");
    let audit = ws.json(&["audit"], 0);
    let imports = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e.to_string().contains("later.csv"))
        .count();
    assert_eq!(imports, 0, "{audit:#}");
}

#[test]
fn a_reason_that_says_nothing_is_refused_and_a_reason_alone_too() {
    let ws = Ws::new();
    let first = ws.write("first.csv", FIRST);
    // Refused before the workspace is created.
    ws.cmd()
        .args([
            "import",
            &first,
            "--accept-consent-upgrades",
            "--upgrade-reason",
            "ok",
        ])
        .assert()
        .code(2)
        .stderr(contains("--upgrade-reason"))
        .stderr(contains("at least 20 characters"));
    assert!(!ws.path.exists());
    ws.cmd()
        .args(["import", &first, "--upgrade-reason", REASON])
        .assert()
        .code(2)
        .stderr(contains("only with --accept-consent-upgrades"));
    assert!(!ws.path.exists());
}

#[test]
fn the_reason_is_kept_on_the_upgrade_the_evidence_and_the_audit_log() {
    let ws = Ws::new();
    let first = ws.write("first.csv", FIRST);
    let later = ws.write("later.csv", LATER);
    ws.ok(&["import", &first]);
    let report = ws.json(
        &[
            "import",
            &later,
            "--accept-consent-upgrades",
            "--upgrade-reason",
            REASON,
        ],
        0,
    );
    let upgrades = report["consent_upgrades"].as_array().unwrap();
    assert_eq!(upgrades.len(), 1, "{report:#}");
    assert_eq!(upgrades[0]["from"], "declined");
    assert_eq!(upgrades[0]["applied"], true);
    assert_eq!(
        upgrades[0]["reason"],
        format!("confirmed with --accept-consent-upgrades: \"{REASON}\"")
    );
    let consent = ws.email_consent("cy@example.com");
    assert_eq!(consent["state"], "granted");
    assert_eq!(consent["evidence"]["upgrade_reason"], REASON, "{consent:#}");
    // Ana was granted by the first file and not upgraded: no reason on her evidence.
    let ana = ws.json(&["contact", "show", "ana@example.com"], 0);
    let ana_email = ana["consent"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["channel"] == "email")
        .unwrap()
        .clone();
    assert!(
        ana_email["evidence"].get("upgrade_reason").is_none(),
        "{ana_email:#}"
    );
    let audit = ws.json(&["audit"], 0);
    assert!(audit.to_string().contains(REASON), "{audit:#}");
}
