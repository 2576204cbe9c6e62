//! Upgrading a workspace that stored plain SHA-256 hashes (schema version 3, before
//! keyed hashing): migration 0009 gives it a secret, re-keys what it can and wraps
//! what it cannot (erased entries keep no value), and the erased contact stays erased.

mod common;

use common::{plan, run};
use hmac::{Hmac, Mac};
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use tactful::rights;
use tactful::workspace::{Workspace, audit};

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn hmac_hex(secret: &[u8], text: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).unwrap();
    mac.update(text.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

// `printf 'kind:value' | sha256sum`: what version 3 stored for Ana, erased.
const ANA_KEY: &str = "9c5e7c5f5f0b98a4e35be65e2395125994399676b6cd9d188ffa4d11fb0891ce";
const ANA_EMAIL: &str = "f8c3c203b618ed9eaf039e298b665216b3a0d3bd974458615de998e9a14f7c62";
const ANA_PHONE: &str = "091bf090b61a536e8c986f5940656f3d72f5e1c24c6162dfc01abecefdd52213";

/// A version-3 workspace, written as tactful 3 did: Ana erased (hashes only, an audit
/// record and an export that included her), Bo on a suppression list with his address,
/// Cy stored and exported.
fn version_3_workspace(path: &std::path::Path) {
    let conn = Connection::open(path).unwrap();
    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
        .unwrap();
    for sql in [
        include_str!("../src/workspace/migrations/0001_init.sql"),
        include_str!("../src/workspace/migrations/0002_review_export.sql"),
        include_str!("../src/workspace/migrations/0003_settings.sql"),
    ] {
        conn.execute_batch(sql).unwrap();
    }
    conn.execute_batch("PRAGMA user_version = 3").unwrap();
    let at = "2026-10-01T08:00:00Z";
    let bo = sha256_hex("email:bo@example.com");
    let suppression = [
        ("email", Some("bo@example.com"), bo.as_str(), "list"),
        ("key", None, ANA_KEY, "erased"),
        ("email", None, ANA_EMAIL, "erased"),
        ("phone", None, ANA_PHONE, "erased"),
    ];
    for (kind, value, hash, reason) in suppression {
        conn.execute(
            "INSERT INTO suppression (kind, value, value_hash, reason, source, added_at)
             VALUES (?1, ?2, ?3, ?4, 'test', ?5)",
            rusqlite::params![kind, value, hash, reason, at],
        )
        .unwrap();
    }
    conn.execute(
        "INSERT INTO contacts (_key, _batch) VALUES ('cy@example.com', 1)",
        [],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO exports (id, campaign, dir, at, as_of, profile, recipients,
             recipients_sha256, manifest_sha256)
         VALUES (1, 'spring', 'out', ?1, '2026-10-01', 'spreadsheet', 2, 'aa', 'bb')",
        [at],
    )
    .unwrap();
    for hash in [ANA_KEY.to_string(), sha256_hex("key:cy@example.com")] {
        conn.execute(
            "INSERT INTO export_recipients (export_id, key_hash) VALUES (1, ?1)",
            [hash],
        )
        .unwrap();
    }
    let detail = serde_json::json!({
        "key_sha256": ANA_KEY,
        "suppression_kinds": ["key", "email", "phone"],
        "before_images_purged": 0,
        "exports_including": [1],
    });
    conn.execute(
        "INSERT INTO audit_log (at, actor, action, subject, detail)
         VALUES (?1, 'test', 'contact.erase', ?2, ?3)",
        rusqlite::params![at, ANA_KEY, detail.to_string()],
    )
    .unwrap();
}

fn column(ws: &Workspace, sql: &str) -> Vec<String> {
    let mut stmt = ws.conn().prepare(sql).unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn upgrade_rekeys_what_it_can_and_wraps_what_erasure_left() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.tactful");
    version_3_workspace(&path);
    let ws = Workspace::open(&path).unwrap();
    let secret: Vec<u8> = ws
        .conn()
        .query_row("SELECT hash_key FROM workspace_secret", [], |r| r.get(0))
        .unwrap();
    assert_eq!(secret.len(), 32);
    let wrapped = |plain: &str| hmac_hex(&secret, &format!("sha256:{plain}"));

    let rows = column(
        &ws,
        "SELECT kind || ' ' || value_hash || ' ' || hash_form FROM suppression ORDER BY id",
    );
    assert_eq!(
        rows,
        [
            format!("email {} keyed", hmac_hex(&secret, "email:bo@example.com")),
            format!("key {} wrapped", wrapped(ANA_KEY)),
            format!("email {} wrapped", wrapped(ANA_EMAIL)),
            format!("phone {} wrapped", wrapped(ANA_PHONE)),
        ]
    );
    let mut recipients = column(&ws, "SELECT key_hash FROM export_recipients");
    recipients.sort();
    let mut expected = vec![hmac_hex(&secret, "key:cy@example.com"), wrapped(ANA_KEY)];
    expected.sort();
    assert_eq!(recipients, expected);

    let log = audit::entries(ws.conn()).unwrap();
    let erasure = log.iter().find(|e| e.action == "contact.erase").unwrap();
    assert_eq!(erasure.subject, wrapped(ANA_KEY));
    assert_eq!(erasure.detail["key_hash"], wrapped(ANA_KEY));
    assert!(erasure.detail.get("key_sha256").is_none());
    assert_eq!(erasure.detail["exports_including"], serde_json::json!([1]));
    let rekey = log.iter().find(|e| e.action == "workspace.rekey").unwrap();
    assert_eq!(
        rekey.detail,
        serde_json::json!({
            "suppression_rekeyed": 1,
            "suppression_wrapped": 3,
            "export_recipients_rekeyed": 1,
            "export_recipients_wrapped": 1,
            "erasure_records_wrapped": 1,
        })
    );
    // The rewrite put the append-only trigger back.
    assert!(
        ws.conn()
            .execute("UPDATE audit_log SET actor = 'eve'", [])
            .is_err()
    );
    drop(ws);
    // No plain hash is left in the file or its write-ahead log.
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend(std::fs::read(dir.path().join("old.tactful-wal")).unwrap_or_default());
    for plain in [
        ANA_KEY.to_string(),
        ANA_EMAIL.to_string(),
        ANA_PHONE.to_string(),
        sha256_hex("key:cy@example.com"),
    ] {
        assert!(
            !bytes.windows(64).any(|w| w == plain.as_bytes()),
            "{plain} is still in the workspace files"
        );
    }
}

#[test]
fn a_contact_erased_before_the_upgrade_stays_erased() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.tactful");
    version_3_workspace(&path);
    let mut ws = Workspace::open(&path).unwrap();
    // rights_first.csv holds Ana, Bo and Cy: Ana is skipped by her wrapped hashes.
    let report = run(&mut ws, &plan("rights_first.csv")).unwrap();
    assert_eq!(report.rows_skipped_erased, 1);
    let keys = column(&ws, "SELECT _key FROM contacts ORDER BY _key");
    assert_eq!(keys, ["bo@example.com", "cy@example.com"]);

    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let ana = rights::show(&ws, "ana@example.com", as_of).unwrap();
    assert!(ana.erased);
    let kinds: Vec<&str> = ana.suppression.iter().map(|s| s.kind.as_str()).collect();
    assert_eq!(kinds, ["key", "email"]);
    assert_eq!(ana.exports.len(), 1);
    let cy = rights::show(&ws, "cy@example.com", as_of).unwrap();
    assert_eq!(cy.exports.len(), 1);
    let bo = rights::show(&ws, "bo@example.com", as_of).unwrap();
    assert_eq!(bo.suppression.len(), 1);
    assert_eq!(bo.suppression[0].value.as_deref(), Some("bo@example.com"));

    let again = rights::erase(&mut ws, "ana@example.com", "test").unwrap();
    assert!(again.already_erased);
    assert_eq!(again.exports_including.len(), 1);
}
