//! Every file in /work/shared/real-data imports through the CLI without error. Expected
//! counts were worked out by hand with Python's csv module (rows = records after the
//! header; contacts = distinct key values, e-mails lower-cased), e.g.
//! `len({r[2].strip().lower() for r in rows[1:]})` = 8320 for the support tickets.
//! Skips with a message when the shared folder is absent.

use std::path::PathBuf;

use assert_cmd::Command;

fn real(path: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/real-data")
        .join(path);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: {} is absent", p.display());
        None
    }
}

fn import(file: PathBuf, extra: &[&str]) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("tactful")
        .unwrap()
        .arg("--workspace")
        .arg(dir.path().join("ws.tactful"))
        .arg("--json")
        .arg("import")
        .arg(&file)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn check(report: &serde_json::Value, rows: u64, contacts: u64) {
    assert_eq!(report["rows_read"], rows);
    assert_eq!(report["rows_imported"], rows);
    assert_eq!(report["rows_rejected"].as_array().unwrap().len(), 0);
    assert_eq!(report["contacts_added"], contacts);
    assert_eq!(report["contacts_total"], contacts);
}

#[test]
fn telco_churn() {
    let Some(f) = real("telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv") else {
        return;
    };
    let r = import(f.clone(), &[]);
    check(&r, 7043, 7043);
    assert_eq!(r["key"], "generated");
    let r = import(f, &["--key", "customer_id"]);
    check(&r, 7043, 7043);
    let names: Vec<&str> = r["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    // `#` has no letters: named after its hash (Python hashlib: sha256("#") starts
    // 334359b9); `customerID` splits at the case change.
    assert_eq!(&names[..3], ["column_334359b9", "customer_id", "gender"]);
    let total = r["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "total_charges")
        .unwrap();
    // 11 values are a single space: blank, so the rest decide (decimal).
    assert_eq!(total["type"], "decimal");
}

#[test]
fn bank_marketing() {
    let Some(f) = real("bank-marketing-uci/bank-additional-full.csv") else {
        return;
    };
    let r = import(f, &[]);
    check(&r, 41188, 41188);
    assert_eq!(r["delimiter"], ";");
    assert!(
        r["fields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["name"] == "emp_var_rate" && f["header"] == "emp.var.rate")
    );
}

#[test]
fn superstore_merges_order_lines_by_customer() {
    let Some(f) = real("superstore/Sample - Superstore.csv") else {
        return;
    };
    let r = import(f, &["--key", "customer_id"]);
    check(&r, 9994, 793);
    assert_eq!(r["duplicates_merged"], 9994 - 793);
    assert_eq!(r["encoding_source"], "byte order mark");
    let order_date = r["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "order_date")
        .unwrap();
    // 6/16/2016-style values only read month first.
    assert_eq!(order_date["type"], "date");
    assert_eq!(r["fields"][0]["name"], "row_id");
}

#[test]
fn support_tickets() {
    let Some(f) = real("support-tickets/customer_support_tickets.csv") else {
        return;
    };
    let r = import(f, &[]);
    check(&r, 8469, 8320);
    assert_eq!(r["key"], "customer_email");
}

#[test]
fn mall_customers() {
    let Some(f) = real("mall-customers/Mall_Customers.csv") else {
        return;
    };
    check(&import(f, &["--key", "customerid"]), 200, 200);
}

#[test]
fn ghost_members() {
    let Some(f) = real("ghost-members/valid-members-import.csv") else {
        return;
    };
    let r = import(f, &[]);
    check(&r, 2, 2);
    let consent = r["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "subscribed_to_emails")
        .unwrap();
    assert_eq!(consent["role"], "consent_email");
    assert!(r["warnings"].as_array().unwrap().is_empty());
}
