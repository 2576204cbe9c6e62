//! The profiles' own rules, apart from rendering: Mailchimp's 255-byte merge value
//! limit, the golden header row and manifest keys of every profile, SMS numbers in
//! E.164 with bad numbers listed, and split files with proofs.

use std::path::Path;

use crate::render::check_platform;
use crate::review_support::*;
use crate::{TRICKY, demo};

#[test]
fn a_300_byte_merge_value_is_refused_for_mailchimp_with_the_count_and_limit() {
    let ws = Ws::new();
    let note = "n".repeat(300);
    let csv =
        format!("email,first_name,note\nana@example.com,Ana,{note}\nbo@example.com,Bo,short\n");
    ws.import_csv("notes.csv", &csv, &["--consent", "email=granted"]);
    ws.apply(
        r#"
name = "notes"
channel = "email"
as_of = "2026-11-01"
[[entry]]
segment = "all"
rule = "email is not blank"
subject = "Hi {{ first_name }}"
body = "Your note: {{ note }}"
"#,
    );
    let out = ws.out("mc");
    let failed = ws
        .cmd()
        .args([
            "export",
            "notes",
            "--out",
            out.to_str().unwrap(),
            "--profile",
            "mailchimp",
        ])
        .output()
        .unwrap();
    assert_eq!(failed.status.code(), Some(1));
    let err = String::from_utf8(failed.stderr).unwrap();
    assert!(
        err.contains("mailchimp cannot take entry 1 (`all`): 1 recipient has a merge value longer than Mailchimp's 255-byte text field (longest 300 bytes) in TF_NOTE (`{{ note }}`)"),
        "{err}"
    );
    assert!(
        err.contains("use --profile klaviyo, brevo or listmonk"),
        "{err}"
    );
    assert!(!out.join("audience.csv").exists(), "nothing left behind");
    // The profile it suggests takes the same campaign.
    assert_eq!(check_platform(&ws, "notes", "klaviyo", &mut None), 2);
}

/// Golden header row and manifest keys of each profile, written by hand from the
/// platforms' documentation (tests/golden/export/*.txt).
#[test]
fn golden_headers_and_manifest_keys() {
    let ws = Ws::new();
    ws.import("br23_intl.csv", &["--consent", "email=granted"]);
    ws.apply(TRICKY);
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/export");
    for profile in [
        "spreadsheet",
        "upload",
        "mailchimp",
        "klaviyo",
        "brevo",
        "listmonk",
    ] {
        let out = ws.out(&format!("g-{profile}"));
        ws.ok(&[
            "export",
            "tricky",
            "--out",
            out.to_str().unwrap(),
            "--profile",
            profile,
            "--no-bom",
        ]);
        let manifest: serde_json::Value = manifest_in(&out);
        let data = manifest["files"]["data"][0]["name"]
            .as_str()
            .unwrap()
            .to_string();
        let text = String::from_utf8(read(&out.join(&data))).unwrap();
        let header = text.split("\r\n").next().unwrap();
        let mut keys: Vec<String> = manifest.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        let mut profile_keys: Vec<String> = manifest["profile"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        profile_keys.sort();
        let got = format!(
            "{header}\n{}\nprofile: {}\n",
            keys.join(" "),
            profile_keys.join(" ")
        );
        let want = std::fs::read_to_string(golden.join(format!("{profile}.txt"))).unwrap();
        assert_eq!(got, want, "{profile}");
    }
}

#[test]
fn sms_five_formats_of_one_number_give_one_e164_row_and_bad_numbers_are_listed() {
    let ws = Ws::new();
    let csv = "email,phone,first_name\n\
         a@example.com,+44 7700 900123,Ann\n\
         b@example.com,+447700900123,Ben\n\
         c@example.com,0044 7700 900123,Cem\n\
         d@example.com,+44-7700-900-123,Dia\n\
         e@example.com,+44 (7700) 900 123,Eve\n\
         f@example.com,07700 900999,Fay\n";
    ws.import_csv("phones.csv", csv, &["--consent", "sms=granted"]);
    ws.apply(
        r#"
name = "text"
channel = "sms"
as_of = "2026-11-01"
[[entry]]
segment = "all"
rule = "phone is not blank"
body = "Hi {{ first_name }}"
"#,
    );
    let out = ws.out("sms");
    let report = ws.json(
        &[
            "export",
            "text",
            "--out",
            out.to_str().unwrap(),
            "--profile",
            "sms",
        ],
        0,
    );
    // The five spellings are one address: the first contact gets it, the other four
    // are duplicate_address. Fay's national number has no country code and the import
    // had no region: it is no phone number, so Fay is no_address (the import report
    // listed her line), and nobody is left out of the file.
    assert_eq!(
        String::from_utf8(read(&out.join("recipients.csv"))).unwrap(),
        "\u{FEFF}phone,body\r\n+447700900123,Hi Ann\r\n"
    );
    assert_eq!(report["left_out"], serde_json::json!([]));
    let manifest: serde_json::Value = manifest_in(&out);
    assert_eq!(manifest["counts"]["left_out"], 0);
    assert_eq!(manifest["counts"]["by_exclusion"]["duplicate_address"], 4);
    assert_eq!(manifest["counts"]["by_exclusion"]["no_address"], 1);
    assert_eq!(manifest["profile"]["phones_e164"], true);
    // Never an e-mail address in an SMS file: --with-key is refused here.
    let refused = ws
        .cmd()
        .args([
            "export",
            "text",
            "--out",
            ws.out("k").to_str().unwrap(),
            "--profile",
            "sms",
            "--with-key",
        ])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        String::from_utf8(refused.stderr)
            .unwrap()
            .contains("never carries one")
    );
}

#[test]
fn split_rows_and_proofs() {
    let ws = demo();
    let out = ws.out("split");
    ws.ok(&[
        "export",
        "winter-thanks",
        "--out",
        out.to_str().unwrap(),
        "--profile",
        "upload",
        "--split-rows",
        "400",
        "--proofs",
        "2",
    ]);
    let manifest: serde_json::Value = manifest_in(&out);
    let parts = manifest["files"]["data"].as_array().unwrap();
    let total = manifest["counts"]["recipients"].as_u64().unwrap();
    // ceil(total / 400) parts, each with the header, records adding up.
    assert_eq!(parts.len() as u64, total.div_ceil(400));
    let mut sum = 0;
    for (i, p) in parts.iter().enumerate() {
        assert_eq!(p["name"], format!("recipients-{:03}.csv", i + 1));
        let text = String::from_utf8(read(&out.join(p["name"].as_str().unwrap()))).unwrap();
        assert!(text.starts_with("\u{FEFF}email,segment,subject,body\r\n"));
        sum += p["records"].as_u64().unwrap();
    }
    assert_eq!(sum, total);
    // Two proofs per entry, three entries.
    let proofs = manifest["files"]["proofs"].as_array().unwrap();
    assert_eq!(proofs.len(), 6);
    let eml = String::from_utf8(read(&out.join(proofs[0]["name"].as_str().unwrap()))).unwrap();
    assert!(eml.contains("\r\nSubject: "), "{eml}");
    assert!(
        eml.contains("To: \"Proof reader\" <proof@tactful.invalid>"),
        "{eml}"
    );
}
