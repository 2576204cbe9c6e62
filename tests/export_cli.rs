//! `tactful export` end to end: cases BR-23 (BOM, CRLF, accents byte for byte, round
//! trip through our own importer) and BR-24 (phones in E.164 since session 9; the
//! spreadsheet profile quotes `+44…`, the upload profile does not), formula injection with every
//! trigger, reproducible output, owner-only files, and failures that leave nothing
//! behind (a path under a file, a full disk, an existing file without --force).

mod review_support;

use review_support::*;

const EVERYONE_EMAIL: &str = r#"
name = "hello"
channel = "email"
as_of = "2026-11-01"

[[entry]]
segment = "everyone"
rule = "email is not blank"
subject = "Hello {{ first_name }}"
body = "Hi {{ first_name }} {{ last_name }}"
"#;

fn br23() -> Ws {
    let ws = Ws::new();
    ws.import("br23_intl.csv", &["--consent", "email=granted"]);
    ws.apply(EVERYONE_EMAIL);
    ws
}

#[test]
fn br23_bom_crlf_and_values_byte_for_byte() {
    let ws = br23();
    let out = ws.out("export");
    let first = out.to_str().unwrap();
    ws.ok(&[
        "export",
        "hello",
        "--out",
        first,
        "--field",
        "first_name",
        "--reason",
        "the mail tool personalises the greeting itself",
    ]);
    let expected = "\u{FEFF}email,segment,subject,body,first_name\r\n\
        zoe@example.com,everyone,Hello Zoë,Hi Zoë Exemple,Zoë\r\n\
        jose@example.com,everyone,Hello José,Hi José Ejemplo,José\r\n\
        lukasz@example.com,everyone,Hello Łukasz,Hi Łukasz Przykład,Łukasz\r\n\
        hanako@example.com,everyone,Hello 花子,Hi 花子 山田,花子\r\n";
    let bytes = read(&out.join("recipients.csv"));
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    assert_eq!(String::from_utf8(bytes.clone()).unwrap(), expected);

    // Round trip: our importer reads it back with the same values.
    let back = Ws::new();
    back.cmd()
        .arg("import")
        .arg(out.join("recipients.csv"))
        .args(["--consent", "email=granted"])
        .assert()
        .success();
    let fields = back.json(&["fields"], 0);
    let email = fields
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "email")
        .unwrap();
    assert_eq!(email["role"], "email");
    let zoe = back.json(&["contact", "show", "zoe@example.com"], 0);
    let value = |name: &str| {
        zoe["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .unwrap()["value"]
            .clone()
    };
    assert_eq!(value("first_name"), "Zoë");
    assert_eq!(value("body"), "Hi Zoë Exemple");
    let hanako = back.json(&["contact", "show", "hanako@example.com"], 0);
    let body = hanako["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "body")
        .unwrap();
    assert_eq!(body["value"], "Hi 花子 山田");

    // --no-bom: the same bytes without the mark.
    let plain = ws.out("plain");
    ws.ok(&[
        "export",
        "hello",
        "--out",
        plain.to_str().unwrap(),
        "--no-bom",
        "--field",
        "first_name",
        "--reason",
        "the mail tool personalises the greeting itself",
    ]);
    let plain_bytes = read(&plain.join("recipients.csv"));
    assert_eq!(plain_bytes, bytes[3..]);
}

#[test]
fn same_workspace_campaign_and_date_give_identical_bytes_and_owner_only_files() {
    let ws = br23();
    let (a, b) = (ws.out("a"), ws.out("b"));
    ws.ok(&["export", "hello", "--out", a.to_str().unwrap()]);
    ws.ok(&["export", "hello", "--out", b.to_str().unwrap()]);
    assert_eq!(
        read(&a.join("recipients.csv")),
        read(&b.join("recipients.csv"))
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&a), 0o700);
        assert_eq!(mode(&a.join("recipients.csv")), 0o600);
        assert_eq!(mode(&a.join("manifest.json")), 0o600);
    }
    // Never overwritten without --force; nothing else is touched.
    let before = read(&a.join("manifest.json"));
    ws.cmd()
        .args(["export", "hello", "--out", a.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("already exists; pass --force"));
    assert_eq!(read(&a.join("manifest.json")), before);
    ws.ok(&["export", "hello", "--out", a.to_str().unwrap(), "--force"]);
}

const SMS: &str = r#"
name = "text"
channel = "sms"
as_of = "2026-11-01"

[[entry]]
segment = "named"
rule = "first_name is not blank"
body = "Hi {{ first_name }}"
"#;

#[test]
fn br24_phones_as_stored_quoted_only_in_the_spreadsheet_profile() {
    let ws = Ws::new();
    ws.import(
        "br24_phones.csv",
        &["--consent", "sms=granted", "--region", "GB"],
    );
    ws.apply(SMS);
    let (sheet, upload) = (ws.out("sheet"), ws.out("upload"));
    ws.ok(&["export", "text", "--out", sheet.to_str().unwrap()]);
    ws.ok(&[
        "export",
        "text",
        "--out",
        upload.to_str().unwrap(),
        "--profile",
        "upload",
    ]);
    // Bo's 4.47700900124E+11 lost digits: no valid phone, so no_address, not exported.
    // Since session 9 every profile writes the number sent to, in E.164 (a cell as
    // stored may hold a second, refused number); the spreadsheet quotes its `+`.
    assert_eq!(
        String::from_utf8(read(&sheet.join("recipients.csv"))).unwrap(),
        "\u{FEFF}phone,segment,body\r\n\
         '+447700900123,named,Hi Ana\r\n\
         '+447700900125,named,Hi Cy\r\n\
         '+447700900126,named,Hi Dee\r\n"
    );
    // The upload profile sends to the E.164 form stored at import (UK numbers:
    // +44 and the national number without its trunk 0).
    assert_eq!(
        String::from_utf8(read(&upload.join("recipients.csv"))).unwrap(),
        "\u{FEFF}phone,segment,body\r\n\
         +447700900123,named,Hi Ana\r\n\
         +447700900125,named,Hi Cy\r\n\
         +447700900126,named,Hi Dee\r\n"
    );
    let manifest: serde_json::Value = manifest_in(&upload);
    assert_eq!(manifest["profile"]["name"], "upload");
    assert_eq!(manifest["profile"]["e164_phones_intact"], true);
    // The E.164 phone column is the address, not a formula: nothing quoted.
    assert_eq!(manifest["profile"]["formulas_neutralised"], 0);
    assert_eq!(manifest["profile"]["phones_e164"], true);
    assert_eq!(manifest["counts"]["by_exclusion"]["no_address"], 1);
    assert_eq!(manifest["counts"]["recipients"], 3);
    // Issue 9: the three recipients' SMS consent all comes from the file's option.
    assert_eq!(
        manifest["consent_evidence"],
        serde_json::json!([{
            "source": "--consent sms=granted, batch 1",
            "file": "br24_phones.csv",
            "batch": 1,
            "recipients": 3,
            "with_time": 0,
            "with_ip": 0
        }])
    );
    let sheet_manifest: serde_json::Value = manifest_in(&sheet);
    assert_eq!(sheet_manifest["profile"]["e164_phones_intact"], false);
    // The three quoted cells, `'+447700900123` ... (BR-22's trade-off), are counted.
    assert_eq!(sheet_manifest["profile"]["formulas_neutralised"], 3);
    // The damaged phone is a review warning, carried into the manifest.
    let damage = sheet_manifest["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "excel_damage")
        .unwrap();
    assert_eq!(damage["items"], serde_json::json!(["phone: 1 contact"]));
}

const INJECTION: &str = "
name = \"inject\"
channel = \"email\"
as_of = \"2026-11-01\"

[[entry]]
segment = \"all\"
rule = \"email is not blank\"
subject = \"  {{ first_name }}\"
body = \"\\t{{ first_name }}\"
";

#[test]
fn formula_triggers_are_neutralised_in_names_subjects_and_bodies() {
    let ws = Ws::new();
    ws.import("injection.csv", &["--consent", "email=granted"]);
    ws.apply(INJECTION);
    let out = ws.out("x");
    let reason = "checking how the names look in the spreadsheet";
    ws.ok(&[
        "export",
        "inject",
        "--out",
        out.to_str().unwrap(),
        "--field",
        "first_name",
        "--reason",
        reason,
    ]);
    // Subjects start with two spaces then the name, bodies with a TAB: quoted whenever
    // the first non-blank character is a trigger. "a=b" starts with a letter. A body's
    // TAB is also where a spreadsheet splits pasted text (trial 8, M6), so a sign right
    // after it gets a quote there too: `'\t'=1+1` (one cell counted).
    let expected = "\u{FEFF}email,segment,subject,body,first_name\r\n\
        a@example.com,all,'  =1+1,'\t'=1+1,'=1+1\r\n\
        b@example.com,all,'  +44 cmd,'\t'+44 cmd,'+44 cmd\r\n\
        c@example.com,all,'  -2,'\t'-2,'-2\r\n\
        d@example.com,all,'  @SUM(A1),'\t'@SUM(A1),'@SUM(A1)\r\n\
        e@example.com,all,  a=b,'\ta=b,a=b\r\n";
    assert_eq!(
        String::from_utf8(read(&out.join("recipients.csv"))).unwrap(),
        expected
    );
    // The upload profile writes cells exactly, so it refuses them: 3 cells each for a
    // to d (subject, body, first_name) and e's TAB-led body, 13 in all.
    let raw = ws.out("raw");
    let upload = [
        "export",
        "inject",
        "--out",
        raw.to_str().unwrap(),
        "--profile",
        "upload",
        "--no-bom",
        "--field",
        "first_name",
        "--reason",
        reason,
    ];
    ws.cmd()
        .args(upload)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "formula_value: 13 cells start with = + - @ TAB or CR",
        ))
        .stderr(predicates::str::contains(
            "columns body, first_name, subject;",
        ))
        .stderr(predicates::str::contains(
            "contacts a@example.com, b@example.com, c@example.com, d@example.com, e@example.com.",
        ));
    assert!(!raw.join("recipients.csv").exists());
    // Neutralised on request: the same quoting as the spreadsheet profile, recorded.
    ws.cmd()
        .args(upload)
        .arg("--neutralise-formulas")
        .assert()
        .success();
    let text = String::from_utf8(read(&raw.join("recipients.csv"))).unwrap();
    assert!(text.starts_with("email,"));
    assert!(
        text.contains("a@example.com,all,'  =1+1,'\t'=1+1,'=1+1\r\n"),
        "{text}"
    );
    assert!(
        text.contains("e@example.com,all,  a=b,'\ta=b,a=b\r\n"),
        "{text}"
    );
    let manifest: serde_json::Value = manifest_in(&raw);
    assert_eq!(manifest["profile"]["formulas_neutralised"], 13);
}

#[test]
fn an_erased_contact_stays_out_of_preview_and_export() {
    let ws = br23();
    let first = ws.out("first");
    ws.ok(&["export", "hello", "--out", first.to_str().unwrap()]);
    let shown = ws.json(&["contact", "show", "jose@example.com"], 0);
    assert_eq!(
        shown["campaigns"],
        serde_json::json!([{"campaign": "hello", "segment": "everyone", "excluded": null, "problem": null}])
    );
    assert_eq!(shown["exports"][0]["id"], 1);
    assert_eq!(shown["exports"][0]["campaign"], "hello");
    ws.ok(&["contact", "erase", "jose@example.com"]);
    // After erasure the export that included jose is still answerable (Art. 15, 19).
    let shown = ws.json(&["contact", "show", "jose@example.com"], 0);
    assert_eq!(shown["erased"], true);
    assert_eq!(shown["exports"].as_array().unwrap().len(), 1);
    ws.import("br23_intl.csv", &["--consent", "email=granted"]);
    let preview = ws.json(&["preview", "hello"], 0);
    assert!(!preview.to_string().contains("jose@"), "{preview:#}");
    let out = ws.out("e");
    ws.ok(&["export", "hello", "--out", out.to_str().unwrap()]);
    let text = String::from_utf8(read(&out.join("recipients.csv"))).unwrap();
    assert!(!text.contains("jose"), "{text}");
    assert_eq!(
        text.matches("\r\n").count(),
        4,
        "header and three recipients"
    );
}

#[test]
fn a_path_under_a_file_fails_cleanly() {
    let ws = br23();
    let file = ws.out("plain-file");
    std::fs::write(&file, "x").unwrap();
    let under = file.join("export");
    ws.cmd()
        .args(["export", "hello", "--out", under.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("cannot write"));
    ws.cmd()
        .args(["export", "hello", "--out", file.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("is not a directory"));
    assert_eq!(read(&file), b"x");
    let log = ws.json(&["audit"], 0);
    assert!(
        !log.to_string().contains("\"export\""),
        "no export recorded"
    );
}

/// A 16 KiB tmpfs fills up half way through the recipients file. Needs root and mount
/// permission; skipped with a message otherwise.
#[test]
fn a_full_disk_leaves_nothing_behind() {
    let ws = Ws::new();
    ws.import("br23_intl.csv", &["--consent", "email=granted"]);
    let long = "x".repeat(6000);
    ws.apply(&EVERYONE_EMAIL.replace(
        "Hi {{ first_name }}",
        &format!("{long} {{{{ first_name }}}}"),
    ));
    let mnt = ws.out("tiny");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=16k", "tmpfs"])
        .arg(&mnt)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a small tmpfs here (needs root)");
        return;
    }
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(mnt.clone());
    ws.cmd()
        .args(["export", "hello", "--out", mnt.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("disk is full"));
    assert_eq!(std::fs::read_dir(&mnt).unwrap().count(), 0);
}
