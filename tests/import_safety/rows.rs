//! What rows may bring and what stays out: erased contacts are never imported again,
//! a suppression list adds normalised addresses once, placeholder e-mails are rejected,
//! a file with more columns than the workspace has room for is refused early, and an
//! integer field widens to decimal.

use crate::common::{count, fixture, plan, run};
use tactful::import::{ImportError, suppress};
use tactful::workspace::keyed_hash::HashKey;
use tactful::workspace::{Workspace, suppression};

#[test]
fn erased_contacts_are_never_reimported() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let key = HashKey::load(ws.conn()).unwrap();
    let hash = suppress::entry_hash(&key, "email", "bo@example.com");
    ws.write(|tx| suppression::add(tx, "email", None, &hash, suppression::ERASED, "erase"))
        .unwrap();
    let report = run(&mut ws, &plan("consent_stale.csv")).unwrap();
    assert_eq!(report.rows_skipped_erased, 1);
    assert_eq!(report.contacts_added, 2);
    assert_eq!(
        count(
            &ws,
            "SELECT count(*) FROM contacts WHERE _key = 'bo@example.com'"
        ),
        0
    );
}

#[test]
fn suppress_adds_normalised_addresses_once() {
    let mut ws = Workspace::open_in_memory().unwrap();
    // The secret 0x00, 0x01, …, 0x1f, so the stored hash can be worked out by hand.
    let secret: Vec<u8> = (0u8..32).collect();
    ws.conn()
        .execute("UPDATE workspace_secret SET hash_key = ?1", [secret])
        .unwrap();
    let report = suppress::suppress_file(&mut ws, &fixture("suppress_list.txt"), "test").unwrap();
    // Ana twice (different case) and one phone; "not an address" is skipped.
    assert_eq!(report.added, 2);
    assert_eq!(report.already_present, 1);
    assert_eq!(report.skipped.len(), 1);
    let rows: Vec<(String, String, String)> = ws
        .conn()
        .prepare("SELECT kind, value, value_hash FROM suppression ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows[0].0, "email");
    assert_eq!(rows[0].1, "ana@example.com");
    // printf 'email:ana@example.com' | openssl dgst -sha256 -mac HMAC \
    //   -macopt hexkey:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
    assert_eq!(
        rows[0].2,
        "991ba5397fc8c8c849dcff73cce37809b170b9bb0254500b521e022c9316f4ba"
    );
    assert_eq!(
        (rows[1].0.as_str(), rows[1].1.as_str()),
        ("phone", "+447700900125")
    );
    let again = suppress::suppress_file(&mut ws, &fixture("suppress_list.txt"), "test").unwrap();
    assert_eq!((again.added, again.already_present), (0, 3));
}

/// Review P1-3: 20 real addresses (lines 2-21) and four placeholders (`n/a` on lines
/// 22-23, `-` on lines 24-25). The placeholders are rejected, never merged into one
/// contact that the last row overwrites.
#[test]
fn placeholder_emails_are_rejected_not_merged() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let report = run(&mut ws, &plan("placeholder_emails.csv")).unwrap();
    assert_eq!(report.rows_imported, 20);
    assert_eq!(report.duplicates_merged, 0);
    let lines: Vec<u64> = report.rows_rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, [22, 23, 24, 25]);
    assert_eq!(
        report.rows_rejected[0].reason,
        "`n/a` is not an e-mail address; pass --key FIELD to key contacts by another column"
    );
    assert!(report.rows_rejected[2].reason.starts_with("`-` is not"));
    assert_eq!(count(&ws, "SELECT count(*) FROM contacts"), 20);
}

/// Review P2-4: SQLite allows 2000 columns and `contacts` has 11 fixed ones (8, plus
/// `_age_unknown` of migration 0007 and the consent evidence of each channel of
/// migration 0004), so an empty workspace has room for 1989 fields. A file of `email`
/// plus 1989 more columns brings 1990: refused before any ALTER TABLE, with both
/// numbers, and nothing written.
#[test]
fn too_many_columns_fail_early_with_the_room_left() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wide.csv");
    let header: Vec<String> = (0..1989).map(|i| format!("c{i}")).collect();
    let row: Vec<String> = (0..1989).map(|i| i.to_string()).collect();
    std::fs::write(
        &path,
        format!(
            "email,{}\nana@example.com,{}\n",
            header.join(","),
            row.join(",")
        ),
    )
    .unwrap();
    let mut ws = Workspace::open_in_memory().unwrap();
    let err = run(&mut ws, &tactful::import::ImportPlan::new(&path, "test")).unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with(
            "this file brings 1990 new fields, but the workspace has room for 1989 more"
        ),
        "{message}"
    );
    assert_eq!(count(&ws, "SELECT count(*) FROM fields"), 0);
}

/// Review P2-5: `spend` is first typed integer (10, 20); a later file with 12.5 widens
/// the field to decimal instead of failing, and both the old integers and the new
/// decimal read back as decimals. A text value still fails with the type conflict.
#[test]
fn an_integer_field_widens_to_decimal() {
    use tactful::fields::{FieldType, value::Value};
    let mut ws = Workspace::open_in_memory().unwrap();
    run(&mut ws, &plan("spend_integer.csv")).unwrap();
    let report = run(&mut ws, &plan("spend_decimal.csv")).unwrap();
    assert!(
        report.warnings.iter().any(|w| w
            == "field spend widened from integer to decimal: column spend holds decimal values"),
        "{:?}",
        report.warnings
    );
    let field = tactful::workspace::fields::get(ws.conn(), "spend")
        .unwrap()
        .unwrap();
    assert_eq!(field.ty, FieldType::Decimal);
    let read = |key: &str| -> Value {
        ws.conn()
            .query_row("SELECT spend FROM contacts WHERE _key = ?1", [key], |r| {
                Ok(Value::from_sql(FieldType::Decimal, r.get_ref(0)?))
            })
            .unwrap()
    };
    assert_eq!(read("a@example.com"), Value::Decimal(10.0));
    assert_eq!(read("c@example.com"), Value::Decimal(12.5));
    let err = run(&mut ws, &plan("spend_text.csv")).unwrap_err();
    assert!(matches!(err, ImportError::TypeConflict { .. }), "{err}");
}
