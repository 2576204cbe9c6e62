//! Issue 13 item 1: the import's end state on the bench's generated customer file, pinned
//! so that speeding the import up cannot change what it stores.
//!
//! The file comes from the bench generator (`benches/common`), 2,000 rows. Every
//! expected figure is worked out here from the file itself, read with the `csv` crate
//! and plain string handling, not from tactful: Shopify's `yes`/`no` marketing columns
//! are consent granted/declined, the generator's `+49 ddd ddddddd` numbers are E.164
//! once their spaces are gone, amounts are cents, postcodes keep their leading zeros.
//! A second import of the same file merges every row into the contact it made; undoing
//! both batches leaves an empty audience.

#[path = "../benches/common/mod.rs"]
#[allow(dead_code)]
mod generator;

use std::collections::HashMap;
use std::fs::File;
use std::io::BufWriter;

use tactful::import::{self, ImportPlan, undo};
use tactful::workspace::Workspace;

const ROWS: u64 = 2_000;

/// What the file says of one customer, read without tactful.
struct Expected {
    email_consent: &'static str,
    sms_consent: &'static str,
    e164: Option<String>,
    cents: i64,
    zip: String,
    customer_id: i64,
}

fn state(word: &str) -> &'static str {
    match word {
        "yes" => "granted",
        "no" => "declined",
        other => panic!("the generator writes yes or no, not {other}"),
    }
}

fn expected(path: &std::path::Path) -> HashMap<String, Expected> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (email, accepts_email, accepts_sms) = (
        at("Email"),
        at("Accepts Email Marketing"),
        at("Accepts SMS Marketing"),
    );
    let (phone, spent, zip, id) = (at("Phone"), at("Total Spent"), at("Zip"), at("Customer ID"));
    let mut out = HashMap::new();
    for record in reader.records() {
        let r = record.unwrap();
        let (whole, cents) = r[spent].split_once('.').unwrap();
        // Every number is written `+49 NNN NNNNNNN`: its E.164 form is the same
        // without spaces, whatever the row's country (a US row once lost the `1` of
        // `+49 157 9734003` to the US national prefix).
        let e164 = (!r[phone].is_empty()).then(|| r[phone].replace(' ', ""));
        out.insert(
            r[email].to_lowercase(),
            Expected {
                email_consent: state(&r[accepts_email]),
                sms_consent: state(&r[accepts_sms]),
                e164,
                cents: whole.parse::<i64>().unwrap() * 100 + cents.parse::<i64>().unwrap(),
                zip: r[zip].to_string(),
                customer_id: r[id].parse().unwrap(),
            },
        );
    }
    out
}

/// Every contact as stored: key → (email consent, SMS consent, E.164, cents, zip, id),
/// with the SQLite types of the typed columns.
type Stored = (String, String, Option<String>, i64, String, i64);

fn stored(ws: &Workspace) -> HashMap<String, Stored> {
    let mut stmt = ws
        .conn()
        .prepare(
            "SELECT _key, _consent_email, _consent_sms,
                    nullif(_e164_phone, ''),
                    CAST(round(total_spent * 100) AS INTEGER), zip, customer_id,
                    typeof(total_spent), typeof(zip), typeof(customer_id)
             FROM contacts",
        )
        .unwrap();
    stmt.query_map([], |r| {
        let types: (String, String, String) = (r.get(7)?, r.get(8)?, r.get(9)?);
        assert_eq!(
            (types.0.as_str(), types.1.as_str(), types.2.as_str()),
            ("real", "text", "integer")
        );
        Ok((
            r.get::<_, String>(0)?,
            (
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ),
        ))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn check(ws: &Workspace, want: &HashMap<String, Expected>) {
    let got = stored(ws);
    assert_eq!(got.len(), want.len());
    for (key, w) in want {
        let g = got.get(key).unwrap_or_else(|| panic!("no contact {key}"));
        assert_eq!(
            g,
            &(
                w.email_consent.to_string(),
                w.sms_consent.to_string(),
                w.e164.clone(),
                w.cents,
                w.zip.clone(),
                w.customer_id
            ),
            "{key}"
        );
    }
}

#[test]
fn the_bench_file_imports_merges_and_undoes_as_worked_out_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("customers.csv");
    let mut out = BufWriter::new(File::create(&path).unwrap());
    generator::write_customers(&mut out, ROWS, 0x7AC7_F011).unwrap();
    drop(out);
    let want = expected(&path);
    assert_eq!(
        want.len() as u64,
        ROWS,
        "the generator's e-mails are unique"
    );
    // The file reaches every case: both words in both columns, blank phones,
    // postcodes with a leading zero.
    let count = |f: &dyn Fn(&Expected) -> bool| want.values().filter(|e| f(e)).count();
    assert!(count(&|e| e.email_consent == "declined") > 0);
    assert!(count(&|e| e.sms_consent == "granted") > 0);
    assert!(count(&|e| e.e164.is_none()) > 0);
    assert!(count(&|e| e.zip.starts_with('0')) > 0);

    let mut ws = Workspace::open(&dir.path().join("ws.tactful")).unwrap();
    let plan = ImportPlan::new(path.clone(), "test");
    let first = import::run(&mut ws, &plan, &mut |_| {}).unwrap();
    assert_eq!(
        (
            first.rows_imported,
            first.contacts_added,
            first.contacts_total
        ),
        (ROWS, ROWS, ROWS)
    );
    assert!(first.rows_rejected.is_empty(), "{:?}", first.rows_rejected);
    let numbers = {
        let mut reader = csv::Reader::from_path(&path).unwrap();
        let at = reader.headers().unwrap().iter().position(|h| h == "Phone");
        reader
            .records()
            .filter(|r| !r.as_ref().unwrap()[at.unwrap()].is_empty())
            .count() as u64
    };
    assert_eq!(first.phones.as_ref().unwrap().parsed, numbers);
    check(&ws, &want);

    // The same file again: every row meets its contact; nothing changes.
    let second = import::run(&mut ws, &plan, &mut |_| {}).unwrap();
    assert_eq!(
        (
            second.contacts_added,
            second.duplicates_merged,
            second.contacts_total
        ),
        (0, ROWS, ROWS)
    );
    check(&ws, &want);

    // Undo the second batch: the contacts stay as the first batch left them.
    let report = undo::undo(&mut ws, None, "test").unwrap();
    assert_eq!(
        (report.contacts_restored, report.contacts_removed),
        (ROWS, 0)
    );
    check(&ws, &want);
    // Undo the first: the audience is empty.
    let report = undo::undo(&mut ws, None, "test").unwrap();
    assert_eq!(report.contacts_removed, ROWS);
    let left: i64 = ws
        .conn()
        .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
}
