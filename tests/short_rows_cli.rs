//! Short rows (fewer fields than the header, case BR-16) through the `tactful` binary:
//! imported with the missing cells blank and named in the report, unless a missing
//! cell is a consent, opt-out or age column, where a blank would decide a safeguard;
//! such a row is rejected, naming the column, as every short row was before
//! (`--allow-ragged` pads it too). Long rows stay rejected. Lines counted by hand:
//! header = line 1.

mod review_support;

use review_support::{Ws, warnings};

/// The `(line, reason)` of every rejected row of an import report.
fn rejected(report: &serde_json::Value) -> Vec<(u64, String)> {
    report["rows_rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["line"].as_u64().unwrap(),
                r["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Line 3 lacks its `Accepts Email Marketing` cell: a blank there must not decide
/// consent, so the row is rejected naming the column; `--allow-ragged` pads it, and
/// the blank reads as "not asked" (no grant).
#[test]
fn a_short_row_missing_its_consent_cell_is_rejected_naming_the_column() {
    let csv =
        "email,first_name,Accepts Email Marketing\nana@example.com,Ana,yes\nkid@example.com,Kid\n";
    let ws = Ws::new();
    let report = ws.import_csv("c.csv", csv, &[]);
    assert_eq!(report["rows_imported"], 1, "{report:#}");
    assert_eq!(
        rejected(&report),
        [(
            3,
            "2 fields where the header has 3; the missing cells include `Accepts Email Marketing` (a consent column), which a blank must not decide: fix the line, or pass --allow-ragged to read them as blank"
                .to_string()
        )]
    );
    let ws = Ws::new();
    let report = ws.import_csv("c.csv", csv, &["--allow-ragged"]);
    assert_eq!(report["rows_imported"], 2, "{report:#}");
    assert_eq!(rejected(&report), []);
    assert!(
        warnings(&report).contains(
            &"line 3: 2 fields where the header has 3; missing cells read as blank".into()
        ),
        "{report:#}"
    );
    assert_ne!(ws.email_consent("kid@example.com")["state"], "granted");
}

/// With the whole file granted (`--consent email=granted`), a blank `unsubscribed`
/// would let the row through as granted: the short row missing it is rejected.
#[test]
fn a_short_row_missing_its_opt_out_cell_is_rejected() {
    let ws = Ws::new();
    let report = ws.import_csv(
        "u.csv",
        "email,first_name,unsubscribed\na@example.com,A,no\nu@example.com,U\n",
        &["--consent", "email=granted"],
    );
    assert_eq!(report["rows_imported"], 1, "{report:#}");
    let rejected = rejected(&report);
    assert_eq!(rejected.len(), 1, "{report:#}");
    assert_eq!(rejected[0].0, 3);
    assert!(
        rejected[0].1.starts_with(
            "2 fields where the header has 3; the missing cells include `unsubscribed`"
        ),
        "{report:#}"
    );
}

/// A missing date of birth is rejected (an age column); a short row whose date of birth
/// slid into `city` (a value left out in the middle) is a rejected row holding a
/// child's date, which stops the import as before (trial F13).
#[test]
fn a_short_row_missing_its_age_cell_is_rejected_and_a_shifted_one_stops_the_import() {
    let ws = Ws::new();
    let report = ws.import_csv(
        "d.csv",
        "email,first_name,date_of_birth\nad@example.com,Ad,1980-01-01\nno@example.com,No\n",
        &["--consent", "email=granted"],
    );
    assert_eq!(report["rows_imported"], 1, "{report:#}");
    assert_eq!(
        rejected(&report),
        [(
            3,
            "2 fields where the header has 3; the missing cells include `date_of_birth` (an age column), which a blank must not decide: fix the line, or pass --allow-ragged to read them as blank"
                .to_string()
        )]
    );
    // Its consent cell present, Dev's row lacks `orders` and the date of birth after it.
    let ws = Ws::new();
    let report = ws.import_csv(
        "e.csv",
        "email,first_name,Accepts Email Marketing,orders,date_of_birth\nana@example.com,Ana,yes,3,1990-04-01\ndev@example.com,Dev,yes\n",
        &[],
    );
    assert_eq!(report["rows_imported"], 1, "{report:#}");
    assert_eq!(
        rejected(&report),
        [(
            3,
            "3 fields where the header has 5; the missing cells include `date_of_birth` (an age column), which a blank must not decide: fix the line, or pass --allow-ragged to read them as blank"
                .to_string()
        )]
    );
    let ws = Ws::new();
    let file = ws.write(
        "s.csv",
        "email,city,date_of_birth\nad@example.com,Oslo,1980-01-01\nkid@example.com,2015-03-01\n",
    );
    let out = ws
        .cmd()
        .args(["import", &file, "--consent", "email=granted"])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("line 3"), "{err}");
    assert!(err.contains("`2015-03-01`"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
}

/// Only the missing cells count: a row missing `first_name` after a consent column it
/// has is imported, with the name blank and the line named; a long row is rejected.
#[test]
fn a_short_row_missing_only_ordinary_cells_is_imported() {
    let ws = Ws::new();
    let report = ws.import_csv(
        "o.csv",
        "email,Accepts Email Marketing,first_name\nx@example.com,yes\ny@example.com,yes,Y,extra\n",
        &[],
    );
    assert_eq!(report["rows_imported"], 1, "{report:#}");
    assert_eq!(
        rejected(&report),
        [(
            3,
            "4 fields where the header has 3; the extra fields hold data".to_string()
        )]
    );
    assert!(
        warnings(&report).contains(
            &"line 2: 2 fields where the header has 3; missing cells read as blank".into()
        ),
        "{report:#}"
    );
    assert_eq!(ws.email_consent("x@example.com")["state"], "granted");
}
