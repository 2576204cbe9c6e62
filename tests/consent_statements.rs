//! Consent statements stored once and referenced by contacts (migration 0012, issue
//! 13): what a contact shows and what `import undo` and `contact erase` leave must be
//! what they were when every contact stored its own source and evidence text. The
//! expected values follow the source format `column FIELD, batch N` and the evidence
//! fields (file, column, batch, time, IP) the files below state.

mod common;

use common::{consent_of, plan, run};
use rusqlite::Connection;
use tactful::fields::ConsentEvidence;
use tactful::import::{ImportPlan, undo::undo};
use tactful::rights;
use tactful::workspace::Workspace;

fn count(ws: &Workspace, sql: &str) -> i64 {
    ws.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn statements(ws: &Workspace) -> i64 {
    count(ws, "SELECT count(*) FROM consent_statements")
}

fn evidence(json: Option<String>) -> ConsentEvidence {
    ConsentEvidence::from_json(json.as_deref()).expect("evidence stored")
}

/// consent_first.csv: Ana yes, Bo no (one consent column, no time or IP): both rows
/// are stated by the same column in the same batch, so they share one statement.
/// consent_stale.csv then says yes for Ana (restated by batch 2), Bo (an upgrade from
/// declined, refused without --accept-consent-upgrades: Bo keeps batch 1's statement)
/// and Cy (new). Undo puts Ana's batch-1 statement back and removes Cy's; erasing
/// both remaining contacts leaves no statement behind.
#[test]
fn statements_are_shared_restored_by_undo_and_erased_with_their_contacts() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let first = run(&mut ws, &plan("consent_first.csv")).unwrap();
    assert_eq!(first.batch, Some(1));
    let batch1 = Some("column accepts_email_marketing, batch 1".to_string());
    let batch2 = Some("column accepts_email_marketing, batch 2".to_string());
    let (state, source, ev) = consent_of(&ws, "ana@example.com", "email");
    assert_eq!((state.as_str(), &source), ("granted", &batch1));
    let ev = evidence(ev);
    assert_eq!(
        (ev.file.as_str(), ev.column.as_deref(), ev.batch),
        ("consent_first.csv", Some("accepts_email_marketing"), 1)
    );
    let (state, source, _) = consent_of(&ws, "bo@example.com", "email");
    assert_eq!((state.as_str(), &source), ("declined", &batch1));
    assert_eq!(
        consent_of(&ws, "bo@example.com", "sms"),
        ("not_asked".into(), None, None)
    );
    assert_eq!(statements(&ws), 1);

    let second = run(&mut ws, &plan("consent_stale.csv")).unwrap();
    assert_eq!(second.batch, Some(2));
    let (state, source, ev) = consent_of(&ws, "ana@example.com", "email");
    assert_eq!((state.as_str(), &source), ("granted", &batch2));
    assert_eq!(evidence(ev).file, "consent_stale.csv");
    let (state, source, ev) = consent_of(&ws, "bo@example.com", "email");
    assert_eq!((state.as_str(), &source), ("declined", &batch1));
    assert_eq!(evidence(ev).file, "consent_first.csv");
    assert_eq!(consent_of(&ws, "cy@example.com", "email").1, batch2.clone());
    // Batch 1's (Bo, and Ana's before-image) and batch 2's (Ana, Cy).
    assert_eq!(statements(&ws), 2);
    // `contact show` reads Ana's before-image with the text it always had.
    let today = chrono::Utc::now().date_naive();
    let shown = rights::show(&ws, "ana@example.com", today).unwrap();
    let image = &shown.before_images[0].values;
    assert_eq!(image["_consent_email"], "granted");
    assert_eq!(image["_consent_email_source"], batch1.clone().unwrap());
    assert!(
        image["_consent_email_evidence"]
            .as_str()
            .unwrap()
            .contains("\"file\":\"consent_first.csv\"")
    );

    undo(&mut ws, None, "test").unwrap();
    let (state, source, ev) = consent_of(&ws, "ana@example.com", "email");
    assert_eq!((state.as_str(), &source), ("granted", &batch1));
    assert_eq!(evidence(ev).file, "consent_first.csv");
    assert_eq!(count(&ws, "SELECT count(*) FROM contacts"), 2);
    assert_eq!(statements(&ws), 1);

    rights::erase(&mut ws, "ana@example.com", "test").unwrap();
    assert_eq!(statements(&ws), 1, "Bo still holds the shared statement");
    rights::erase(&mut ws, "bo@example.com", "test").unwrap();
    assert_eq!(statements(&ws), 0);
}

/// A Mailchimp export whose rows give a confirmation time and IP: evidence of its own
/// per row, shared only by rows stating the same time and IP (Ana and Cy here).
#[test]
fn rows_with_their_own_evidence_keep_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("subscribed_members_export_x.csv");
    std::fs::write(
        &path,
        "\"Email Address\",MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LEID,EUID\n\
         ana@example.com,3,,,\"2024-05-01 10:00:00\",192.0.2.44,1,a\n\
         bo@example.com,3,,,\"2024-05-01 10:00:00\",192.0.2.45,2,b\n\
         cy@example.com,3,,,\"2024-05-01 10:00:00\",192.0.2.44,3,c\n",
    )
    .unwrap();
    let mut ws = Workspace::open_in_memory().unwrap();
    run(&mut ws, &ImportPlan::new(path, "t")).unwrap();
    for (key, ip) in [
        ("ana@example.com", "192.0.2.44"),
        ("bo@example.com", "192.0.2.45"),
        ("cy@example.com", "192.0.2.44"),
    ] {
        let (state, _, ev) = consent_of(&ws, key, "email");
        assert_eq!(state, "granted", "{key}");
        let ev = evidence(ev);
        assert_eq!(ev.ip.as_deref(), Some(ip), "{key}");
        assert_eq!(ev.at.as_deref(), Some("2024-05-01T10:00:00Z"), "{key}");
    }
    assert_eq!(statements(&ws), 2);
}

const E1: &str =
    r#"{"file":"a.csv","column":"accepts","batch":1,"recorded_at":"2026-01-02T03:04:05Z"}"#;
const E2: &str =
    r#"{"file":"b.csv","column":"accepts","batch":2,"recorded_at":"2026-02-02T03:04:05Z"}"#;
const E3: &str = r#"{"file":"a.csv","column":"sms_ok","batch":1,"at":"2025-12-24T18:00:00Z","ip":"192.0.2.7","recorded_at":"2026-01-02T03:04:05Z"}"#;

/// One contact as schema 10 stored it: key, e-mail state, source and evidence, SMS
/// state, source and evidence, the batch that last updated it.
type OldContact<'a> = (
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    Option<i64>,
);

/// A workspace at schema version 10 (migrations 0001 to 0011), as tactful wrote it
/// before consent statements: Ana granted by batch 2, which saved her before-image
/// (declined by batch 1), Bo declined by batch 1, Cy's SMS withdrawn with a time and
/// IP, Dee with no consent stated.
fn version_10_workspace(path: &std::path::Path) {
    let conn = Connection::open(path).unwrap();
    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
        .unwrap();
    for sql in [
        include_str!("../src/workspace/migrations/0001_init.sql"),
        include_str!("../src/workspace/migrations/0002_review_export.sql"),
        include_str!("../src/workspace/migrations/0003_settings.sql"),
        include_str!("../src/workspace/migrations/0004_consent_evidence.sql"),
        include_str!("../src/workspace/migrations/0006_policy.sql"),
        include_str!("../src/workspace/migrations/0007_orders_age_unknown.sql"),
        include_str!("../src/workspace/migrations/0008_campaign_minor_age.sql"),
        include_str!("../src/workspace/migrations/0009_keyed_hashes.sql"),
        include_str!("../src/workspace/migrations/0010_campaign_locale.sql"),
        include_str!("../src/workspace/migrations/0011_holdout_seed.sql"),
    ] {
        conn.execute_batch(sql).unwrap();
    }
    conn.execute_batch(
        "PRAGMA user_version = 10;
         INSERT INTO workspace_secret (id, hash_key) VALUES (1, zeroblob(32));
         INSERT INTO import_batches (id, file_name, sha256, format, options, counts, started_at, finished_at)
         VALUES (1, 'a.csv', 'aa', '{}', '{}', '{}', '2026-01-02T03:04:05Z', '2026-01-02T03:04:06Z'),
                (2, 'b.csv', 'bb', '{}', '{}', '{}', '2026-02-02T03:04:05Z', '2026-02-02T03:04:06Z');",
    )
    .unwrap();
    let s1 = "column accepts, batch 1";
    let rows: [OldContact; 4] = [
        (
            "ana@example.com",
            "granted",
            Some("column accepts, batch 2"),
            Some(E2),
            "not_asked",
            None,
            None,
            Some(2),
        ),
        (
            "bo@example.com",
            "declined",
            Some(s1),
            Some(E1),
            "not_asked",
            None,
            None,
            None,
        ),
        (
            "cy@example.com",
            "not_asked",
            None,
            None,
            "withdrawn",
            Some("column sms_ok, batch 1"),
            Some(E3),
            None,
        ),
        (
            "dee@example.com",
            "not_asked",
            None,
            None,
            "not_asked",
            None,
            None,
            None,
        ),
    ];
    for (key, email, es, ee, sms, ss, se, updated) in rows {
        conn.execute(
            "INSERT INTO contacts (_key, _batch, _updated_batch, _consent_email, _consent_email_source,
                 _consent_email_evidence, _consent_sms, _consent_sms_source, _consent_sms_evidence)
             VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![key, updated, email, es, ee, sms, ss, se],
        )
        .unwrap();
    }
    let image = serde_json::json!({
        "_key": "ana@example.com",
        "_consent_email": "declined",
        "_consent_email_source": s1,
        "_consent_email_evidence": E1,
        "_consent_sms": "not_asked",
        "_consent_sms_source": null,
        "_consent_sms_evidence": null,
        "_updated_batch": null,
        "_age_unknown": null,
    });
    conn.execute(
        "INSERT INTO batch_changes (batch_id, contact_id, before)
         SELECT 2, _id, ?1 FROM contacts WHERE _key = 'ana@example.com'",
        [image.to_string()],
    )
    .unwrap();
}

#[test]
fn a_version_10_workspace_keeps_its_consent_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.tactful");
    version_10_workspace(&path);
    let mut ws = Workspace::open(&path).unwrap();
    let old_columns = count(
        &ws,
        "SELECT count(*) FROM pragma_table_info('contacts') WHERE name LIKE '%_source' OR name LIKE '%_evidence'",
    );
    assert_eq!(old_columns, 0);
    // Ana's and Bo's e-mail statements and Cy's SMS one; nothing for Dee.
    assert_eq!(statements(&ws), 3);
    let text = |s: &str| Some(s.to_string());
    assert_eq!(
        consent_of(&ws, "ana@example.com", "email"),
        ("granted".into(), text("column accepts, batch 2"), text(E2))
    );
    assert_eq!(
        consent_of(&ws, "bo@example.com", "email"),
        ("declined".into(), text("column accepts, batch 1"), text(E1))
    );
    assert_eq!(
        consent_of(&ws, "cy@example.com", "sms"),
        ("withdrawn".into(), text("column sms_ok, batch 1"), text(E3))
    );
    assert_eq!(
        consent_of(&ws, "dee@example.com", "email"),
        ("not_asked".into(), None, None)
    );
    let today = chrono::Utc::now().date_naive();
    let cy = rights::show(&ws, "cy@example.com", today).unwrap();
    let sms = &cy.consent[1];
    assert_eq!(sms.source.as_deref(), Some("column sms_ok, batch 1"));
    let ev = sms.evidence.as_ref().unwrap();
    assert_eq!(
        (ev.ip.as_deref(), ev.at.as_deref()),
        (Some("192.0.2.7"), Some("2025-12-24T18:00:00Z"))
    );
    let ana = rights::show(&ws, "ana@example.com", today).unwrap();
    assert_eq!(
        ana.before_images[0].values["_consent_email_source"],
        "column accepts, batch 1"
    );

    // The before-image saved as text before the migration still undoes batch 2.
    let report = undo(&mut ws, Some(2), "test").unwrap();
    assert_eq!(report.contacts_restored, 1);
    assert_eq!(
        consent_of(&ws, "ana@example.com", "email"),
        ("declined".into(), text("column accepts, batch 1"), text(E1))
    );
    // Batch 2's statement went with the change it backed.
    let left = count(
        &ws,
        "SELECT count(*) FROM consent_statements WHERE evidence LIKE '%\"batch\":2%'",
    );
    assert_eq!(left, 0);
}
