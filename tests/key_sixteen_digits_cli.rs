//! A 16-digit ID a spreadsheet cut to 15 significant digits never merges contacts
//! (session 12, promise 1): Excel keeps 15 digits, so `1234567890123456` saved as a
//! number is `1234567890123450`, and `1234567890123451` is the same key: two people,
//! one contact, one consent. One genuine 16-digit ID in ten ends in `0`, so a single
//! value proves nothing; the column does: every 16-digit key ending in `0` (three or
//! more, or two beside shorter IDs ending in other digits) rejects those rows, while a
//! column whose 16-digit IDs end in other digits too imports them all. README,
//! "Contacts, phone numbers and suppression lists".

mod review_support;

use review_support::*;

/// Rejected rows of an import report: `(line, reason)`.
fn rejected(report: &serde_json::Value) -> Vec<(u64, String)> {
    report["rows_rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let line = r["line"].as_u64().unwrap();
            (line, r["reason"].as_str().unwrap().to_string())
        })
        .collect()
}

#[test]
fn sixteen_digit_keys_that_all_end_in_zero_are_rejected() {
    let ws = Ws::new();
    // By hand: lines 2-4 hold 16-digit IDs, all ending in 0 (Ann's and Bo's were
    // ...451 and ...452 before Excel: one key now); line 5's 13-digit ID ends in 7.
    let csv = "customer_id,email\n\
        1234567890123450,ann@example.com\n\
        1234567890123450,bo@example.com\n\
        9876543210987650,cy@example.com\n\
        7022550000017,dee@example.com\n";
    let report = ws.import_csv(
        "cut.csv",
        csv,
        &["--key", "customer_id", "--consent", "email=granted"],
    );
    let rows = rejected(&report);
    let lines: Vec<u64> = rows.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [2, 3, 4], "{report}");
    for (_, reason) in &rows {
        assert!(reason.contains("cut to 15 significant digits"), "{reason}");
        assert!(reason.contains("(column customer_id)"), "{reason}");
    }
    assert_eq!(report["rows_imported"], 1);
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[("7022550000017", "-")])
    );
    genuine_sixteen_digit_keys_ending_in_zero_are_kept();
}

/// The other side, run by the test above (so the pair fails on a binary without the
/// rule).
fn genuine_sixteen_digit_keys_ending_in_zero_are_kept() {
    let ws = Ws::new();
    // By hand: the 16-digit IDs end in 0, 1 and 8: not Excel's cut, so Ann's ID
    // ending in 0 is as genuine as the others. A lone 16-digit ID ending in 0 (second
    // file) proves nothing either.
    let csv = "customer_id,email\n\
        1234567890123450,ann@example.com\n\
        1234567890123451,bo@example.com\n\
        9876543210987658,cy@example.com\n";
    let report = ws.import_csv(
        "ids.csv",
        csv,
        &["--key", "customer_id", "--consent", "email=granted"],
    );
    assert_eq!(report["rows_imported"], 3, "{report}");
    let one = ws.import_csv(
        "one.csv",
        "customer_id,email\n5555666677778880,eve@example.com\n",
        &["--key", "customer_id", "--consent", "email=granted"],
    );
    assert_eq!(one["rows_imported"], 1, "{one}");
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("1234567890123450", "-"),
            ("1234567890123451", "-"),
            ("5555666677778880", "-"),
            ("9876543210987658", "-"),
        ])
    );
}
