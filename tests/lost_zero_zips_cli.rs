//! US ZIP codes that lost their leading zero in a spreadsheet (`6824` for `06824`)
//! are reported as spreadsheet damage at import, like `'92591` and `#N/A` (new-user
//! trial 5, F2), only where the row is in the US: 4-digit postcodes of Australia,
//! Denmark, Switzerland, Belgium, Austria and Norway are real. Expected counts and
//! lines worked out by hand from the files written here (line 1 is the header); the
//! superstore figures with `awk -F, 'NR>1 && length($12)==4'` (449 rows, the first at
//! lines 187, 199, 269; no 3-digit ones).

mod common;

use std::path::Path;

use assert_cmd::Command;

/// Import `csv` (written to a fresh directory) with `extra` arguments; the report's
/// warnings.
fn warnings_of(csv: &str, extra: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("z.csv");
    std::fs::write(&file, csv).unwrap();
    import_warnings(&dir.path().join("z.tactful"), &file, extra)
}

fn import_warnings(ws: &Path, file: &Path, extra: &[&str]) -> Vec<String> {
    let out = Command::cargo_bin("tactful")
        .unwrap()
        .arg("--workspace")
        .arg(ws)
        .arg("--json")
        .arg("import")
        .arg(file)
        .args(["--consent", "email=granted"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap().to_string())
        .collect()
}

fn lost_zero(warnings: &[String]) -> Vec<&String> {
    warnings
        .iter()
        .filter(|w| w.contains("lost a leading zero"))
        .collect()
}

#[test]
fn us_rows_with_short_zips_are_reported_and_other_countries_are_not() {
    let csv = "email,zip,country\n\
               a@example.com,6824,United States\n\
               b@example.com,501,US\n\
               c@example.com,'92591,US\n\
               d@example.com,2000,Australia\n\
               e@example.com,8001,CH\n\
               f@example.com,1000,Belgium\n\
               g@example.com,2100,DK\n\
               h@example.com,1010,AT\n\
               i@example.com,0150,NO\n\
               j@example.com,7090,USA\n\
               k@example.com,601,Puerto Rico\n\
               l@example.com,06824,US\n";
    let w = warnings_of(csv, &[]);
    // Lines 2 (United States), 3 (US), 11 (USA), 12 (Puerto Rico): 4 values.
    assert_eq!(
        lost_zero(&w),
        vec![
            "column zip: 4 values are US ZIP codes of only 3 or 4 digits: they probably lost a leading zero in a spreadsheet (06824 read as the number 6824) (e.g. lines 2, 3, 11); kept as they are"
        ],
        "{w:#?}"
    );
    // The apostrophe warning is still there, on its own.
    assert!(
        w.iter()
            .any(|x| x.contains("apostrophe") && x.contains("line 4"))
    );
}

#[test]
fn without_a_country_a_zero_zip_state_or_region_us_says_the_row_is_us() {
    // No country column: the state says Connecticut / NJ (ZIPs 06…, 07…) on lines 2
    // and 4; Texas (line 3) and an Australian `WA` 6000 (line 5) are not counted.
    let csv = "email,zip,state\n\
               a@example.com,6824,Connecticut\n\
               b@example.com,7501,Texas\n\
               c@example.com,7030,NJ\n\
               d@example.com,6000,WA\n";
    let w = warnings_of(csv, &[]);
    assert_eq!(lost_zero(&w).len(), 1, "{w:#?}");
    assert!(lost_zero(&w)[0].starts_with("column zip: 2 values are US ZIP codes"));
    assert!(lost_zero(&w)[0].contains("(e.g. lines 2, 4)"));
    // --region US: the user says the file is American; every short ZIP counts.
    let plain = "email,Postal Code\na@example.com,6824\nb@example.com,2134\n";
    let w = warnings_of(plain, &["--region", "US"]);
    assert_eq!(lost_zero(&w).len(), 1, "{w:#?}");
    assert!(lost_zero(&w)[0].starts_with("column Postal Code: 2 values"));
    // No country, no state, no region: 4-digit postcodes may be real ones.
    assert!(lost_zero(&warnings_of(plain, &[])).is_empty());
    assert!(lost_zero(&warnings_of(plain, &["--region", "AU"])).is_empty());
}

#[test]
fn each_zip_column_reads_its_own_country_column() {
    // Shopify orders: billing in the US, shipping to Denmark (2100 is Copenhagen Ø).
    let csv = "email,Billing Zip,Billing Country,Shipping Zip,Shipping Country\n\
               a@example.com,6824,US,2100,DK\n";
    let w = warnings_of(csv, &[]);
    assert_eq!(lost_zero(&w).len(), 1, "{w:#?}");
    assert!(lost_zero(&w)[0].starts_with("column Billing Zip: 1 value is a US ZIP code"));
    assert!(lost_zero(&w)[0].contains("(e.g. line 2)"));
}

#[test]
fn a_number_column_beside_a_us_country_is_no_zip() {
    // `quantity` holds 4-digit numbers on US rows: not a postcode, no warning.
    let csv = "email,quantity,country\na@example.com,1234,US\n";
    assert!(lost_zero(&warnings_of(csv, &[])).is_empty());
}

#[test]
fn superstore_reports_its_449_short_zips() {
    let Some(file) = common::shared("real-data/superstore/Sample - Superstore.csv") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("tactful")
        .unwrap()
        .arg("--workspace")
        .arg(dir.path().join("s.tactful"))
        .args(["--json", "import"])
        .arg(&file)
        .args(["--key", "Customer ID"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let w: Vec<String> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        lost_zero(&w),
        vec![
            "column Postal Code: 449 values are US ZIP codes of only 3 or 4 digits: they probably lost a leading zero in a spreadsheet (06824 read as the number 6824) (e.g. lines 187, 199, 269); kept as they are"
        ]
    );
}
