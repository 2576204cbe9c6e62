//! Import safety: consent is never re-granted, failures and dry runs change nothing,
//! undo restores the previous state, erased contacts stay erased, suppression lists.

mod common;

use common::{count, dump, fixture, plan, run, value};
use tactful::fields::{Channel, ConsentState};
use tactful::import::{ImportError, suppress, undo};
use tactful::workspace::keyed_hash::HashKey;
use tactful::workspace::{Workspace, suppression};

fn consent(ws: &Workspace, key: &str) -> (String, Option<String>) {
    ws.conn()
        .query_row(
            "SELECT _consent_email, s.source FROM contacts c
             LEFT JOIN consent_statements s ON s.id = c._consent_email_ref WHERE _key = ?1",
            [key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

/// Ana says yes, then no (she unsubscribed); Bo said no (declined), then unsubscribes
/// explicitly in a HubSpot-style file. A stale export saying yes for both keeps both
/// withdrawn, with the source of the withdrawal and the consent column's "no", and
/// lists both refused upgrades.
#[test]
fn stale_reimport_keeps_withdrawn_consent_withdrawn() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let first = run(&mut ws, &plan("consent_first.csv")).unwrap();
    let batch1 = first.batch.unwrap();
    let column1 = format!("column accepts_email_marketing, batch {batch1}");
    assert_eq!(
        consent(&ws, "ana@example.com"),
        ("granted".into(), Some(column1.clone()))
    );
    // "no" for a contact we did not hold: declined (issue 9), not a withdrawal.
    assert_eq!(
        consent(&ws, "bo@example.com"),
        ("declined".into(), Some(column1))
    );
    let declined = run(&mut ws, &plan("consent_declined.csv")).unwrap();
    let batch2 = declined.batch.unwrap();
    assert_eq!(
        consent(&ws, "ana@example.com"),
        (
            "withdrawn".into(),
            Some(format!("column accepts_email_marketing, batch {batch2}"))
        )
    );
    let hubspot = run(&mut ws, &plan("consent_hubspot.csv")).unwrap();
    let batch3 = hubspot.batch.unwrap();
    let bo_withdrawn = (
        "withdrawn".to_string(),
        Some(format!(
            "column unsubscribed_from_all_email, batch {batch3}"
        )),
    );
    assert_eq!(consent(&ws, "bo@example.com"), bo_withdrawn);
    // HubSpot "false" says nothing: Ana's withdrawal and its source stay.
    assert_eq!(consent(&ws, "ana@example.com").0, "withdrawn");

    let stale = run(&mut ws, &plan("consent_stale.csv")).unwrap();
    assert_eq!(stale.consent_kept_withdrawn, 2);
    let upgrades: Vec<(&str, &str, bool)> = stale
        .consent_upgrades
        .iter()
        .map(|u| (u.key.as_str(), u.from.as_str(), u.applied))
        .collect();
    assert_eq!(
        upgrades,
        [
            ("ana@example.com", "withdrawn", false),
            ("bo@example.com", "withdrawn", false)
        ]
    );
    assert_eq!(
        consent(&ws, "ana@example.com"),
        (
            "withdrawn".into(),
            Some(format!("column accepts_email_marketing, batch {batch2}"))
        )
    );
    assert_eq!(consent(&ws, "bo@example.com"), bo_withdrawn);
    for key in ["ana@example.com", "bo@example.com"] {
        assert_eq!(
            value(&ws, key, "accepts_email_marketing"),
            ("integer".into(), "0".into()),
            "{key}"
        );
    }
    // Other fields update.
    assert_eq!(
        value(&ws, "bo@example.com", "total_spent"),
        ("real".into(), "21.0".into())
    );
    assert_eq!(consent(&ws, "cy@example.com").0, "granted");
    assert_eq!(stale.contacts_added, 1);
    assert_eq!(stale.contacts_updated, 2);
}

/// Issue 9: Bo said "no" (declined); a later export says "yes" with no consent time,
/// so nothing shows the consent came after the refusal: the upgrade is refused and
/// listed, his column keeps its "no". Confirmed with `--accept-consent-upgrades`, the
/// same file grants him.
#[test]
fn a_stale_yes_does_not_overturn_a_no() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let first = run(&mut ws, &plan("consent_first.csv")).unwrap();
    let later = run(&mut ws, &plan("consent_stale.csv")).unwrap();
    assert_eq!(later.consent_kept_withdrawn, 0);
    let bo = &later.consent_upgrades[0];
    assert_eq!(
        (bo.key.as_str(), bo.from, bo.to, bo.applied),
        (
            "bo@example.com",
            ConsentState::Declined,
            ConsentState::Granted,
            false
        )
    );
    assert_eq!(later.consent_upgrades.len(), 1);
    assert_eq!(
        consent(&ws, "bo@example.com"),
        (
            "declined".into(),
            Some(format!(
                "column accepts_email_marketing, batch {}",
                first.batch.unwrap()
            ))
        )
    );
    assert_eq!(
        value(&ws, "bo@example.com", "accepts_email_marketing"),
        ("integer".into(), "0".into())
    );
    undo::undo(&mut ws, None, "test").unwrap();
    let mut confirmed = plan("consent_stale.csv");
    confirmed.accept_consent_upgrades = true;
    confirmed.upgrade_reason = Some("Bo signed up again at the shop counter".into());
    let again = run(&mut ws, &confirmed).unwrap();
    assert!(again.consent_upgrades[0].applied);
    assert_eq!(
        consent(&ws, "bo@example.com"),
        (
            "granted".into(),
            Some(format!(
                "column accepts_email_marketing, batch {}",
                again.batch.unwrap()
            ))
        )
    );
    assert_eq!(
        value(&ws, "bo@example.com", "accepts_email_marketing"),
        ("integer".into(), "1".into())
    );
}

#[test]
fn file_level_consent_is_recorded_and_never_overrides_a_row() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let mut p = plan("consent_first.csv");
    p.consent.insert(Channel::Email, ConsentState::Granted);
    p.consent.insert(Channel::Sms, ConsentState::Granted);
    let report = run(&mut ws, &p).unwrap();
    // Bo's row says "no": the file-level grant does not override it.
    assert_eq!(consent(&ws, "bo@example.com").0, "declined");
    // Both rows state e-mail consent, so the option filled neither; SMS it filled.
    assert_eq!(
        report.consent_not_applied,
        std::collections::BTreeMap::from([(Channel::Email, 2), (Channel::Sms, 0)])
    );
    let sms: (String, String) = ws
        .conn()
        .query_row(
            "SELECT _consent_sms, s.source FROM contacts c
             LEFT JOIN consent_statements s ON s.id = c._consent_sms_ref
             WHERE _key = 'bo@example.com'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        sms,
        (
            "granted".into(),
            format!("--consent sms=granted, batch {}", report.batch.unwrap())
        )
    );
    let options: String = ws
        .conn()
        .query_row("SELECT options FROM import_batches", [], |r| r.get(0))
        .unwrap();
    let options: serde_json::Value = serde_json::from_str(&options).unwrap();
    assert_eq!(options["consent"]["email"], "granted");
    assert_eq!(options["consent"]["sms"], "granted");
}

#[test]
fn failing_imports_leave_the_workspace_unchanged() {
    let mut ws = Workspace::open_in_memory().unwrap();
    run(&mut ws, &plan("consent_first.csv")).unwrap();
    let before = dump(&ws);
    // An unknown --key fails after the first pass.
    let mut p = plan("consent_stale.csv");
    p.key = Some("nope".into());
    assert!(matches!(
        run(&mut ws, &p).unwrap_err(),
        ImportError::UnknownKey { .. }
    ));
    assert_eq!(dump(&ws), before);
    // A file whose values conflict with an existing field's type.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "email,total_spent\nzed@example.com,lots\n").unwrap();
    let err = run(&mut ws, &tactful::import::ImportPlan::new(&bad, "t")).unwrap_err();
    assert!(matches!(err, ImportError::TypeConflict { .. }), "{err:?}");
    assert_eq!(dump(&ws), before);
    // A file where every row is rejected: never "success, 0 imported".
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "email,name\n,Ana\n,Bo\n").unwrap();
    let err = run(&mut ws, &tactful::import::ImportPlan::new(&empty, "t")).unwrap_err();
    assert!(
        matches!(err, ImportError::NothingImported { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("delimiter `,`"), "{err}");
    assert_eq!(dump(&ws), before);
}

#[test]
fn dry_run_changes_nothing() {
    let mut ws = Workspace::open_in_memory().unwrap();
    run(&mut ws, &plan("consent_first.csv")).unwrap();
    let before = dump(&ws);
    let mut p = plan("consent_stale.csv");
    p.dry_run = true;
    let report = run(&mut ws, &p).unwrap();
    assert!(report.dry_run && report.batch.is_none());
    assert_eq!(report.contacts_added, 1);
    assert_eq!(dump(&ws), before);
}

#[test]
fn undo_restores_the_previous_state() {
    let mut ws = Workspace::open_in_memory().unwrap();
    run(&mut ws, &plan("br03_first.csv")).unwrap();
    let contacts_and_fields = |ws: &Workspace| -> Vec<String> {
        dump(ws)
            .into_iter()
            .skip_while(|l| !l.starts_with("table contacts"))
            .take_while(|l| !l.starts_with("table import_batches"))
            .collect()
    };
    let before = contacts_and_fields(&ws);
    let fields_before = count(&ws, "SELECT count(*) FROM fields");
    run(&mut ws, &plan("consent_stale.csv")).unwrap();
    assert_eq!(count(&ws, "SELECT count(*) FROM contacts"), 4);
    let report = undo::undo(&mut ws, None, "test").unwrap();
    assert_eq!(report.contacts_removed, 3);
    assert_eq!(
        report.fields_removed,
        ["total_spent", "accepts_email_marketing"]
    );
    assert_eq!(contacts_and_fields(&ws), before);
    assert_eq!(count(&ws, "SELECT count(*) FROM fields"), fields_before);
    assert_eq!(
        count(
            &ws,
            "SELECT count(*) FROM audit_log WHERE action = 'import.undo'"
        ),
        1
    );
}

#[test]
fn undo_restores_updated_contacts_and_refuses_out_of_order() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let first = run(&mut ws, &plan("consent_first.csv")).unwrap();
    let before = dump(&ws)
        .into_iter()
        .filter(|l| !l.contains("import_batches") && !l.contains("audit"))
        .collect::<Vec<_>>();
    let contacts_before: Vec<String> = before
        .iter()
        .skip_while(|l| !l.starts_with("table contacts"))
        .skip(1)
        .take_while(|l| !l.starts_with("table "))
        .cloned()
        .collect();
    let second = run(&mut ws, &plan("consent_stale.csv")).unwrap();
    let err = undo::undo(&mut ws, first.batch, "test").unwrap_err();
    let message = err.to_string();
    let later = second.batch.unwrap();
    assert!(
        message.contains(&format!("undo it first: tactful import undo {later}")),
        "{message}"
    );
    undo::undo(&mut ws, None, "test").unwrap();
    let contacts_after: Vec<String> = dump(&ws)
        .into_iter()
        .skip_while(|l| !l.starts_with("table contacts"))
        .skip(1)
        .take_while(|l| !l.starts_with("table "))
        .collect();
    assert_eq!(contacts_after, contacts_before);
    assert!(undo::undo(&mut ws, second.batch, "test").is_err());
}

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

/// Review P1-1: consent_first.csv grants Ana (yes), consent_declined.csv withdraws it
/// (no). Undoing the second batch restores her other values (total_spent 10.5 in both
/// files) but keeps the withdrawal, its source and the consent column's "no" (false,
/// stored 0): an opt-out is a fact about Ana, not about the file.
#[test]
fn undo_never_turns_an_opt_out_back_on() {
    let mut ws = Workspace::open_in_memory().unwrap();
    run(&mut ws, &plan("consent_first.csv")).unwrap();
    let declined = run(&mut ws, &plan("consent_declined.csv")).unwrap();
    let batch2 = declined.batch.unwrap();
    let report = undo::undo(&mut ws, None, "test").unwrap();
    assert_eq!(report.opt_outs_kept, 1);
    assert_eq!(report.contacts_restored, 1);
    assert_eq!(report.contacts_removed, 0);
    assert_eq!(
        consent(&ws, "ana@example.com"),
        (
            "withdrawn".into(),
            Some(format!("column accepts_email_marketing, batch {batch2}"))
        )
    );
    assert_eq!(
        count(
            &ws,
            "SELECT accepts_email_marketing FROM contacts WHERE _key = 'ana@example.com'"
        ),
        0
    );
    let audit: String = ws
        .conn()
        .query_row(
            "SELECT detail FROM audit_log WHERE action = 'import.undo'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(audit.contains("\"opt_outs_kept\":1"), "{audit}");
}

/// Review P1-2: the first import keys Ana by e-mail; a second file keyed by
/// `--key customer_id` would make her a second contact with granted consent. It is
/// refused, naming both keys, and changes nothing; the same file keyed by e-mail (no
/// --key, or --key email) merges into her one contact.
#[test]
fn a_workspace_keeps_the_contact_key_of_its_first_import() {
    let mut ws = Workspace::open_in_memory().unwrap();
    run(&mut ws, &plan("key_first.csv")).unwrap();
    let before = dump(&ws);
    let mut by_id = plan("key_second.csv");
    by_id.key = Some("customer_id".into());
    let err = run(&mut ws, &by_id).unwrap_err();
    assert!(matches!(err, ImportError::KeyChanged { .. }), "{err}");
    let message = err.to_string();
    assert!(
        message.contains("keys its contacts by e-mail address"),
        "{message}"
    );
    assert!(message.contains("by field `customer_id`"), "{message}");
    assert!(message.contains("drop --key"), "{message}");
    assert_eq!(dump(&ws), before);

    let mut by_email = plan("key_second.csv");
    by_email.key = Some("email".into());
    let report = run(&mut ws, &by_email).unwrap();
    assert_eq!(report.contacts_added, 0);
    assert_eq!(count(&ws, "SELECT count(*) FROM contacts"), 1);
}

/// After every batch is undone the workspace holds no contacts, so a new first import
/// may choose another key.
#[test]
fn undoing_every_import_frees_the_contact_key() {
    let mut ws = Workspace::open_in_memory().unwrap();
    run(&mut ws, &plan("key_first.csv")).unwrap();
    undo::undo(&mut ws, None, "test").unwrap();
    let mut by_id = plan("key_second.csv");
    by_id.key = Some("customer_id".into());
    let report = run(&mut ws, &by_id).unwrap();
    assert_eq!(report.key, "customer_id");
    let mut again = plan("key_first.csv");
    again.key = Some("customer_id".into());
    assert_eq!(run(&mut ws, &again).unwrap().contacts_added, 0);
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
