//! Failing imports and dry runs leave the workspace as it was, undo restores the state
//! before a batch (never turning an opt-out back on), and a workspace keeps the contact
//! key of its first import until every import is undone.

use crate::common::{count, dump, plan, run};
use crate::consent;
use tactful::import::{ImportError, undo};
use tactful::workspace::Workspace;

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
