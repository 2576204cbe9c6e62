//! The `tactful import`, `import undo` and `suppress` commands end to end: JSON shape,
//! human report, exit codes.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::str::contains;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn tactful(ws: &Path) -> Command {
    let mut c = Command::cargo_bin("tactful").unwrap();
    c.arg("--workspace").arg(ws).env("TACTFUL_ACTOR", "tester");
    c
}

#[test]
fn json_report_has_the_documented_keys() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    let out = tactful(&ws)
        .args(["--json", "import"])
        .arg(fixture("br08_ragged.csv"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["encoding"], "UTF-8");
    assert_eq!(r["delimiter"], ",");
    assert_eq!(r["rows_read"], 5);
    // Lines 3 and 6 are short rows, padded (case BR-16); line 5 has extra data.
    assert_eq!(r["rows_imported"], 4);
    assert_eq!(r["rows_rejected"][0]["line"], 5);
    assert_eq!(r["contacts_added"], 4);
    assert_eq!(r["contacts_updated"], 0);
    assert_eq!(r["contacts_total"], 4);
    assert_eq!(r["batch"], 1);
    assert!(r["warnings"].is_array());
    assert!(r["file"].as_str().unwrap().ends_with("br08_ragged.csv"));
}

#[test]
fn several_files_give_an_array_and_undo_takes_the_last_back() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    let out = tactful(&ws)
        .args(["--json", "import"])
        .arg(fixture("br03_first.csv"))
        .arg(fixture("br03_second.csv"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r.as_array().unwrap().len(), 2);
    assert_eq!(r[1]["contacts_total"], 2);
    assert_eq!(r[1]["batch"], 2);
    tactful(&ws)
        .args(["import", "undo", "1"])
        .assert()
        .failure()
        .code(1)
        .stderr(contains("tactful import undo 2"));
    tactful(&ws)
        .args(["import", "undo"])
        .assert()
        .success()
        .stdout(contains("Undid batch 2"));
    tactful(&ws)
        .args(["--json", "audit"])
        .assert()
        .success()
        .stdout(contains("import.undo"));
}

#[test]
fn human_report_names_what_was_detected() {
    let dir = tempfile::tempdir().unwrap();
    tactful(&dir.path().join("ws.tactful"))
        .arg("import")
        .arg(fixture("br02_semicolon.csv"))
        .arg("--dry-run")
        .assert()
        .success()
        .stdout(contains("dry run: nothing was changed"))
        .stdout(contains("delimiter \";\","))
        .stdout(contains("total_spend (total_spend): text"));
}

#[test]
fn bad_options_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    for bad in [
        ["--consent", "fax=granted"],
        ["--delimiter", "ab"],
        ["--encoding", "klingon"],
        ["--date-order", "ydm"],
    ] {
        tactful(&ws)
            .arg("import")
            .arg(fixture("br01_bom.csv"))
            .args(bad)
            .assert()
            .code(2);
    }
}

#[test]
fn suppress_reports_added_and_present() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    // Line 4, `not an address`, is accepted with a reason (without one the list is
    // refused: tests/suppress_partial_cli.rs).
    tactful(&ws)
        .arg("suppress")
        .arg(fixture("suppress_list.txt"))
        .args([
            "--accept-unread",
            "--reason",
            "line 4 is a test value of the fixture",
        ])
        .assert()
        .success()
        .stdout(contains("2 addresses added"))
        .stdout(contains("1 already on it"));
}

/// A later file failing leaves the earlier ones imported: JSON prints their reports (the
/// array so far), the error names them and the files not attempted.
#[test]
fn a_failing_file_keeps_the_earlier_batches_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    let bad = dir.path().join("no_keys.csv");
    std::fs::write(&bad, "email,name\n,Ana\n,Bo\n").unwrap();
    let out = tactful(&ws)
        .args(["--json", "import"])
        .arg(fixture("br03_first.csv"))
        .arg(&bad)
        .arg(fixture("br03_second.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let reports = r.as_array().unwrap();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0]["batch"], 1);
    assert!(
        reports[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("br03_first.csv")
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no_keys.csv failed"), "{err}");
    assert!(
        err.contains("the 1 file before it stays imported, each as its own batch"),
        "{err}"
    );
    assert!(err.contains("br03_first.csv (batch 1)"), "{err}");
    assert!(
        err.contains("the 1 file after it was not imported"),
        "{err}"
    );
    let batches: i64 = tactful::workspace::Workspace::open(&ws)
        .unwrap()
        .conn()
        .query_row("SELECT count(*) FROM import_batches", [], |r| r.get(0))
        .unwrap();
    assert_eq!(batches, 1);
    // Human mode says the same after printing the first file's report.
    let ws2 = dir.path().join("ws2.tactful");
    tactful(&ws2)
        .arg("import")
        .arg(fixture("br03_first.csv"))
        .arg(&bad)
        .assert()
        .code(1)
        .stdout(contains("batch: 1"))
        .stderr(contains("stays imported, each as its own batch"));
}

/// Review P3-1: the I/O cause is printed once, not twice.
#[test]
fn a_missing_file_names_its_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    let out = tactful(&ws)
        .arg("import")
        .arg(dir.path().join("nowhere.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("nowhere.csv"), "{stderr}");
    assert_eq!(
        stderr.matches("No such file or directory").count(),
        1,
        "{stderr}"
    );
}

/// Issue 9: the one-liner on Mailchimp's files. The JSON report names the
/// layout and counts the rows `--consent` did not fill; the human report says which
/// layout decided; the upgrade a stale file asks for is listed with `applied: false`.
#[test]
fn layouts_and_consent_upgrades_in_both_reports() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    let out = tactful(&ws)
        .args(["--json", "import", "--consent", "email=granted"])
        .arg(fixture("layouts/subscribed_members_export_5c1f0a.csv"))
        .arg(fixture("layouts/unsubscribed_members_export_ana.csv"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r[0]["layout"]["id"], "mailchimp_subscribed");
    assert_eq!(
        r[0]["layout"]["recognised_by"],
        "file name subscribed_members_export…"
    );
    assert_eq!(r[0]["consent_not_applied"]["email"], 2);
    assert_eq!(r[0]["mapping"][0]["header"], "Email Address");
    assert_eq!(r[0]["mapping"][0]["field"], "email");
    // Ana was granted by the subscribed file, then unsubscribed: a withdrawal, no upgrade.
    assert_eq!(r[1]["consent_upgrades"], serde_json::json!([]));
    tactful(&ws)
        .args(["import", "--consent", "email=granted"])
        .arg(fixture("layouts/customers_yes.csv"))
        .assert()
        .success()
        .stdout(contains("consent upgrades: 0 applied, 1 refused"))
        .stdout(contains(
            "ana@example.com email: withdrawn -> granted refused (an opt-out (withdrawn) is never turned back on by an import)",
        ));
    tactful(&ws)
        .args(["contact", "show", "ana@example.com"])
        .assert()
        .success()
        .stdout(contains("consent upgrade email withdrawn -> granted in batch 3: refused"))
        .stdout(contains(
            "evidence: file unsubscribed_members_export_ana.csv, layout mailchimp_unsubscribed, batch 2, at 2024-02-14T08:30:00Z",
        ));
}

#[test]
fn map_and_skip_mistakes_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    tactful(&ws)
        .args(["import", "--map", "phone"])
        .arg(fixture("br08_ragged.csv"))
        .assert()
        .code(2)
        .stderr(contains("--map `phone` must look like 'Header=field'"));
    tactful(&ws)
        .args(["import", "--skip", "nope"])
        .arg(fixture("br03_first.csv"))
        .assert()
        .code(1)
        .stderr(contains("--skip `nope`: the file has no such column"));
}

/// The field named `name` in an import report's `fields`.
fn field<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    report["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no field {name} in {report}"))
}

/// The key the report names is the only field with the contact-key role. A telco-like
/// file (`customerID`, no e-mail, no phone) is keyed by generated row keys, so
/// `customer_id` is no key (role none, still a direct identifier) and the warning says
/// how to key by it; with `--key customer_id` it is the key. A Shopify export is keyed
/// by its e-mail column, so its `Customer ID` is no key either.
#[test]
fn the_report_and_the_fields_name_one_contact_key() {
    let dir = tempfile::tempdir().unwrap();
    let telco = dir.path().join("telco.csv");
    std::fs::write(
        &telco,
        "customerID,gender,Contract\n7590-VHVEG,Female,Month-to-month\n5575-GNVDE,Male,One year\n",
    )
    .unwrap();
    let import = |ws: &str, file: &Path, extra: &[&str]| -> serde_json::Value {
        let out = tactful(&dir.path().join(ws))
            .args(["--json", "import"])
            .arg(file)
            .args(extra)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let r = import("a.tactful", &telco, &[]);
    assert_eq!(r["key"], "generated");
    let id = field(&r, "customer_id");
    assert_eq!(
        (id["role"].as_str(), id["class"].as_str()),
        (Some("none"), Some("direct_identifier"))
    );
    assert!(
        id["reason"]
            .as_str()
            .unwrap()
            .ends_with("not the contact key: contacts are keyed by generated row keys, one contact per row (import with --key customer_id to key them by this field)"),
        "{id}"
    );
    assert!(
        r["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().ends_with(
                "`customer_id` looks like a customer ID: pass --key customer_id to merge by it"
            )),
        "{r}"
    );
    let r = import("b.tactful", &telco, &["--key", "customer_id"]);
    assert_eq!(r["key"], "customer_id");
    assert_eq!(field(&r, "customer_id")["role"], "contact_key");
    let r = import("c.tactful", &fixture("layouts/customers_export.csv"), &[]);
    assert_eq!(r["key"], "email");
    let roles: Vec<(&str, &str)> = r["fields"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["role"] == "contact_key" || f["role"] == "email")
        .map(|f| (f["name"].as_str().unwrap(), f["role"].as_str().unwrap()))
        .collect();
    assert_eq!(roles, [("email", "email")]);
    tactful(&dir.path().join("d.tactful"))
        .arg("import")
        .arg(&telco)
        .assert()
        .success()
        .stdout(contains(
            "contact key: generated (one contact per row: nothing merges; see warnings)",
        ));
}

/// A bank file's `default` (has credit in default?) and `loan` columns are ordinary by
/// the product's class table (PRODUCT.md: financial data is neither special category,
/// GDPR Art. 9(1), nor a protected trait), and the reason records that decision instead
/// of "nothing matched".
#[test]
fn credit_default_is_ordinary_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("bank.csv");
    std::fs::write(
        &bank,
        "\"email\";\"default\";\"loan\"\n\"a@example.com\";\"no\";\"yes\"\n\"b@example.com\";\"unknown\";\"no\"\n",
    )
    .unwrap();
    let out = tactful(&dir.path().join("ws.tactful"))
        .args(["--json", "import"])
        .arg(&bank)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for name in ["default", "loan"] {
        let f = field(&r, name);
        assert_eq!(
            (f["class"].as_str(), f["role"].as_str()),
            (Some("ordinary"), Some("none"))
        );
        assert!(
            f["reason"].as_str().unwrap().starts_with(&format!(
                "whole header `{name}`: credit history (in default, loans): financial data, neither special category data nor a protected trait"
            )),
            "{f}"
        );
    }
}
