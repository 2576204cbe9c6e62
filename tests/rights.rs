//! Rights of the people in the data (PRODUCT.md): `contact show` (GDPR Art. 15) and
//! `contact erase` (Art. 17), through the library and the CLI. The erased contact must
//! stay out after a re-import of the same file, after an import that finds it under a
//! new ID but the same e-mail, and after undoing the batches that touched it.

mod common;

use assert_cmd::Command;
use common::{fixture, plan, run};
use tactful::import::undo::undo;
use tactful::rights;
use tactful::workspace::{Workspace, audit};

fn keys(ws: &Workspace) -> Vec<String> {
    let mut stmt = ws
        .conn()
        .prepare("SELECT _key FROM contacts ORDER BY _key")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn two_batches() -> Workspace {
    let mut ws = Workspace::open_in_memory().unwrap();
    run(&mut ws, &plan("rights_first.csv")).unwrap();
    run(&mut ws, &plan("rights_second.csv")).unwrap();
    ws
}

#[test]
fn erase_then_reimport_the_same_file_keeps_the_contact_out() {
    let mut ws = two_batches();
    let report = rights::erase(&mut ws, "ana@example.com", "test").unwrap();
    // key, email and phone: ana has all three.
    assert_eq!(report.suppression_entries, 3);
    // rights_second.csv updated ana, so batch 2 held one before-image of her.
    assert_eq!(report.before_images_purged, 1);
    assert_eq!(
        keys(&ws),
        ["bo@example.com", "cy@example.com", "dee@example.com"]
    );

    let again = run(&mut ws, &plan("rights_first.csv")).unwrap();
    assert_eq!(again.rows_skipped_erased, 1);
    assert_eq!(again.rows_imported, 2);
    assert_eq!(
        keys(&ws),
        ["bo@example.com", "cy@example.com", "dee@example.com"]
    );
}

#[test]
fn erase_then_undo_every_batch_never_restores_the_contact() {
    let mut ws = two_batches();
    rights::erase(&mut ws, "ANA@example.com ", "test").unwrap();
    let removed = undo(&mut ws, Some(2), "test").unwrap();
    // Batch 2 added dee only; ana's before-image was purged, so nothing is restored.
    assert_eq!(removed.contacts_restored, 0);
    assert_eq!(removed.contacts_removed, 1);
    assert_eq!(keys(&ws), ["bo@example.com", "cy@example.com"]);
    undo(&mut ws, Some(1), "test").unwrap();
    assert!(keys(&ws).is_empty());
    let n: i64 = ws
        .conn()
        .query_row("SELECT count(*) FROM batch_changes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

/// Give the workspace the secret 0x00, 0x01, …, 0x1f, so its hashes can be worked out
/// by hand with `openssl dgst -sha256 -mac HMAC -macopt hexkey:000102…1f`.
fn use_counting_secret(ws: &Workspace) {
    let secret: Vec<u8> = (0u8..32).collect();
    let n = ws
        .conn()
        .execute(
            "UPDATE workspace_secret SET hash_key = ?1 WHERE id = 1",
            [secret],
        )
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn suppression_keeps_keyed_hashes_only_and_the_audit_names_only_the_key_hash() {
    let mut ws = two_batches();
    use_counting_secret(&ws);
    rights::erase(&mut ws, "ana@example.com", "test").unwrap();
    let mut stmt = ws
        .conn()
        .prepare("SELECT kind, value, value_hash, reason FROM suppression ORDER BY kind")
        .unwrap();
    let rows: Vec<(String, Option<String>, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    // HMAC-SHA-256 computed with `printf 'kind:value' | openssl dgst -sha256 -mac HMAC
    // -macopt hexkey:000102…1f`; the phone is stored as "+44 7700 900123" and
    // normalised to "+447700900123" as the importer does.
    let expected = [
        (
            "email",
            "991ba5397fc8c8c849dcff73cce37809b170b9bb0254500b521e022c9316f4ba",
        ),
        (
            "key",
            "41c1f8f708ca44e514f91a993c2cff1b49697381571eb46dff334cc08d4d3493",
        ),
        (
            "phone",
            "7ae62fb79d78aa3002aba55c92eecb1b7ddeeb974b639e25e6631b31a9a14348",
        ),
    ];
    assert_eq!(rows.len(), 3);
    for (row, (kind, hash)) in rows.iter().zip(expected) {
        assert_eq!(row.0, kind);
        assert_eq!(row.1, None);
        assert_eq!(row.2, hash);
        assert_eq!(row.3, "erased");
    }
    let log = audit::entries(ws.conn()).unwrap();
    let entry = log.iter().find(|e| e.action == "contact.erase").unwrap();
    assert_eq!(
        entry.subject,
        "41c1f8f708ca44e514f91a993c2cff1b49697381571eb46dff334cc08d4d3493"
    );
    assert_eq!(entry.detail["key_hash"], entry.subject);
    let text = serde_json::to_string(entry).unwrap();
    assert!(!text.contains("ana@"), "{text}");
    assert!(!text.contains("7700"), "{text}");
}

#[test]
fn erasure_by_id_follows_the_email_to_a_new_id() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let mut first = plan("rights_id_first.csv");
    first.key = Some("customer_id".into());
    run(&mut ws, &first).unwrap();
    rights::erase(&mut ws, "C-001", "test").unwrap();
    let mut moved = plan("rights_id_moved.csv");
    moved.key = Some("customer_id".into());
    let report = run(&mut ws, &moved).unwrap();
    // C-101 carries ana's e-mail (in capitals): skipped; C-102 is new.
    assert_eq!(report.rows_skipped_erased, 1);
    assert_eq!(keys(&ws), ["C-002", "C-102"]);
}

#[test]
fn erasing_an_unknown_contact_changes_nothing() {
    let mut ws = two_batches();
    let err = rights::erase(&mut ws, "zed@example.com", "test").unwrap_err();
    assert!(
        err.to_string()
            .contains("no contact with key `zed@example.com`")
    );
    let n: i64 = ws
        .conn()
        .query_row("SELECT count(*) FROM suppression", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

fn tactful(ws: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("tactful").unwrap();
    cmd.arg("--workspace")
        .arg(ws)
        .arg("--as-of")
        .arg("2026-11-01");
    cmd
}

fn json(cmd: &mut Command) -> serde_json::Value {
    let out = cmd
        .arg("--json")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn contact_show_json_lists_fields_consent_batches_and_segments() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.tactful");
    for f in ["rights_first.csv", "rights_second.csv"] {
        tactful(&ws)
            .arg("import")
            .arg(fixture(f))
            .assert()
            .success();
    }
    tactful(&ws)
        .args(["segment", "add", "renamed", r#"first_name is "Anna""#])
        .assert()
        .success();
    tactful(&ws)
        .args(["segment", "add", "bo_only", r#"first_name is "Bo""#])
        .assert()
        .success();
    let v = json(tactful(&ws).args(["contact", "show", "Ana@Example.com"]));
    assert_eq!(v["key"], "ana@example.com");
    assert_eq!(v["erased"], false);
    let fields = v["fields"].as_array().unwrap();
    let first_name = fields.iter().find(|f| f["name"] == "first_name").unwrap();
    // rights_second.csv renamed Ana to Anna.
    assert_eq!(first_name["value"], "Anna");
    assert_eq!(first_name["class"], "direct_identifier");
    let phone = fields.iter().find(|f| f["name"] == "phone").unwrap();
    assert_eq!(phone["value"], "+44 7700 900123");
    assert_eq!(v["consent"][0]["channel"], "email");
    assert_eq!(v["consent"][0]["state"], "granted");
    assert_eq!(
        v["consent"][0]["source"],
        "column accepts_email_marketing, batch 1"
    );
    assert_eq!(v["consent"][1]["state"], "not_asked");
    let batches: Vec<(i64, String)> = v["batches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["batch"].as_i64().unwrap(),
                b["how"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(batches, [(1, "added".into()), (2, "updated".into())]);
    assert_eq!(v["segments"], serde_json::json!(["renamed"]));
    assert_eq!(v["exports"], serde_json::json!([]));

    // By hand: entries for her key, her e-mail address and her phone (kinds `key`,
    // `email`, `phone`); batch 2 updated her, so one undo record kept her old values.
    tactful(&ws)
        .args(["contact", "erase", "ana@example.com"])
        .assert()
        .success()
        .stdout(
            "Erased. 3 suppression entries (hashes only) keep the contact out of later imports; 1 undo record purged.\n",
        );
    let v = json(tactful(&ws).args(["contact", "show", "ana@example.com"]));
    assert_eq!(v["erased"], true);
    assert_eq!(v["fields"], serde_json::json!([]));
    let kinds: Vec<&str> = v["suppression"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["key", "email"]);
    tactful(&ws)
        .args(["contact", "show", "nobody@example.com"])
        .assert()
        .code(1);
}
