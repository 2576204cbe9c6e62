//! Template profiles end to end (issue 12): the exported templates, substituted with
//! the exported audience file by a small renderer written here from each platform's
//! documentation, give every recipient exactly tactful's preview. The renderers know
//! nothing of tactful's code:
//! - Mailchimp ("Merge Fields", Marketing API docs): `*|TAG|*` is replaced by the
//!   contact's value of field TAG; the audience's e-mail column is `Email Address`.
//! - Klaviyo ("Django filter glossary", list upload guide): `{{ person|lookup:'P' }}`
//!   prints custom property P (from the CSV column P); `|safe` prints it unescaped,
//!   without it Django escapes `& < > ' "`. First column `Email`.
//! - Brevo (Brevo Template Language): `{{ contact.ATTR }}` prints attribute ATTR
//!   (upper-case CSV header); e-mail column `EMAIL`.
//! - listmonk (importer.go and "Templating"): the CSV has `email` and `attributes`
//!   (JSON); `{{ .Subscriber.Attribs.k | Safe }}` prints attribute k as is, without
//!   `Safe` Go's html/template escapes it.
//!
//! Also: a Mailchimp limit refusal, golden header rows and manifest keys, SMS E.164.
//! The real-data test reads ../shared/real-data (fails under CI=true when absent).

mod review_support;

use std::collections::HashMap;
use std::path::Path;

use review_support::*;

/// Preview of every recipient: address → (subject, body).
fn preview(ws: &Ws, campaign: &str) -> HashMap<String, (Option<String>, String)> {
    let out = ws
        .cmd()
        .args(["preview", campaign, "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["excluded"].is_null())
        .map(|r| {
            (
                r["address"].as_str().unwrap().trim().to_lowercase(),
                (
                    r["subject"].as_str().map(str::to_string),
                    r["body"].as_str().unwrap().to_string(),
                ),
            )
        })
        .collect()
}

/// The audience file as header → value maps (BOM removed).
fn audience(path: &Path) -> Vec<HashMap<String, String>> {
    let bytes = read(path);
    let text = String::from_utf8(bytes).unwrap();
    let text = text.trim_start_matches('\u{FEFF}');
    let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

fn django_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\'', "&#x27;")
        .replace('"', "&quot;")
}

/// Replace every `open NAME close` in `template` by `value(NAME)`; anything else that
/// looks like the platform's syntax (`leftover`) is an error.
fn substitute(
    template: &str,
    open: &str,
    close: &str,
    leftover: &[&str],
    value: &dyn Fn(&str) -> String,
) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(at) = rest.find(open) {
        out.push_str(&rest[..at]);
        let after = &rest[at + open.len()..];
        let end = after.find(close).expect("unclosed tag");
        out.push_str(&value(&after[..end]));
        rest = &after[end + close.len()..];
    }
    out.push_str(rest);
    for l in leftover {
        assert!(
            !out.contains(l) || !template.contains(l),
            "unsubstituted `{l}` in {template:?}"
        );
    }
    out
}

/// Render `template` for one audience row as `platform` would.
fn render(platform: &str, template: &str, row: &HashMap<String, String>) -> String {
    let get = |k: &str| {
        row.get(k)
            .cloned()
            .unwrap_or_else(|| panic!("no column {k}"))
    };
    match platform {
        "mailchimp" => substitute(template, "*|", "|*", &[], &|tag| get(tag)),
        "klaviyo" => substitute(
            template,
            "{{ person|lookup:'",
            " }}",
            &["{%"],
            &|inner| match inner.strip_suffix("'|safe") {
                Some(p) => get(p),
                None => django_escape(&get(inner.trim_end_matches('\''))),
            },
        ),
        "brevo" => substitute(template, "{{ contact.", " }}", &["{%"], &|a| get(a)),
        "listmonk" => {
            let attrs: serde_json::Value = serde_json::from_str(&get("attributes")).unwrap();
            substitute(template, "{{ .Subscriber.Attribs.", " }}", &[], &|inner| {
                let (key, safe) = match inner.strip_suffix(" | Safe") {
                    Some(k) => (k, true),
                    None => (inner, false),
                };
                let v = attrs[key].as_str().unwrap().to_string();
                if safe {
                    v
                } else {
                    django_escape(&v).replace('+', "&#43;")
                }
            })
        }
        other => panic!("{other}"),
    }
}

fn address_column(platform: &str) -> &'static str {
    match platform {
        "mailchimp" => "Email Address",
        "klaviyo" => "Email",
        "brevo" => "EMAIL",
        _ => "email",
    }
}

/// Export `campaign` with each platform in turn and check every recipient against the
/// preview, read once after the first export (an export changes no one's message, and
/// reading the preview per platform was a quarter of the real-data test's time); the
/// audience rows of each platform.
fn check_every_platform(ws: &Ws, campaign: &str) -> Vec<(&'static str, usize)> {
    let mut expected = None;
    ["mailchimp", "klaviyo", "brevo", "listmonk"]
        .into_iter()
        .map(|platform| {
            (
                platform,
                check_platform(ws, campaign, platform, &mut expected),
            )
        })
        .collect()
}

/// Export `campaign` with `platform` and check every recipient against the preview
/// (`expected`, read here when it is `None`).
fn check_platform(
    ws: &Ws,
    campaign: &str,
    platform: &str,
    expected: &mut Option<HashMap<String, (Option<String>, String)>>,
) -> usize {
    let out = ws.out(platform);
    ws.ok(&[
        "export",
        campaign,
        "--out",
        out.to_str().unwrap(),
        "--profile",
        platform,
    ]);
    let manifest: serde_json::Value =
        serde_json::from_slice(&read(&out.join("manifest.json"))).unwrap();
    let mut templates: HashMap<(String, String), String> = HashMap::new();
    for t in manifest["files"]["templates"].as_array().unwrap() {
        let text = String::from_utf8(read(&out.join(t["name"].as_str().unwrap()))).unwrap();
        templates.insert(
            (
                t["segment"].as_str().unwrap().to_string(),
                t["part"].as_str().unwrap().to_string(),
            ),
            text,
        );
    }
    let expected = expected.get_or_insert_with(|| preview(ws, campaign));
    let rows = audience(&out.join("audience.csv"));
    assert_eq!(
        rows.len(),
        expected.len(),
        "{platform}: one row per recipient"
    );
    // The segment column holds this export's marker of the entry (H3), which the
    // manifest maps back to the segment the templates are filed under.
    let by_marker: HashMap<String, String> = manifest["profile"]["markers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["marker"].as_str().unwrap().to_string(),
                m["segment"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for row in &rows {
        let marker = match platform {
            "mailchimp" => row["Tags"].clone(),
            "klaviyo" => row["tactful_segment"].clone(),
            "brevo" => row["TACTFUL_SEGMENT"].clone(),
            _ => {
                let a: serde_json::Value = serde_json::from_str(&row["attributes"]).unwrap();
                a["tactful_segment"].as_str().unwrap().to_string()
            }
        };
        let segment = by_marker[&marker].clone();
        let address = row[address_column(platform)].trim().to_lowercase();
        let (subject, body) = &expected[&address];
        let key = |part: &str| (segment.clone(), part.to_string());
        assert_eq!(
            &render(platform, &templates[&key("body")], row),
            body,
            "{platform}: body of {address}"
        );
        if let Some(subject) = subject {
            assert_eq!(
                &render(platform, &templates[&key("subject")], row),
                subject,
                "{platform}: subject of {address}"
            );
        }
    }
    rows.len()
}

fn demo() -> Ws {
    let ws = Ws::new();
    ws.ok(&["demo", "--no-tui"]);
    ws
}

#[test]
fn every_platform_reproduces_the_preview_on_the_sample_data() {
    let ws = demo();
    for (_, rows) in check_every_platform(&ws, "winter-thanks") {
        assert!(rows > 100);
    }
}

const TRICKY: &str = r#"
name = "tricky"
channel = "email"
as_of = "2026-11-01"
locale = "de-DE"

[[entry]]
segment = "everyone"
rule = "email is not blank"
subject = "Hallo {{ first_name | default('Freund') | title }} & *|FNAME|* {{ '{{' }}x}}"
body = """
Hi {{- ' ' -}} {{ first_name }}!
{% if last_name %}Family: {{ last_name | upper }}{% else %}No family name{% endif %}
Literal Mailchimp tag *|FNAME|* and {% raw %}{{ contact.X }}{% endraw %} stay text.
Ben & Jerry's <b>"quoted"</b> +44
"""
"#;

#[test]
fn literal_tag_syntax_escaping_and_conditions_survive_every_platform() {
    let ws = Ws::new();
    ws.import("br23_intl.csv", &["--consent", "email=granted"]);
    ws.apply(TRICKY);
    for (platform, rows) in check_every_platform(&ws, "tricky") {
        assert_eq!(rows, 4, "{platform}");
    }
}

fn real_data() -> Option<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real-data/support-tickets");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{} is absent and CI=true",
        dir.display()
    );
    eprintln!("skipped: {} is absent", dir.display());
    None
}

const TICKETS: &str = r#"
name = "tickets"
channel = "email"
as_of = "2026-11-01"

[[entry]]
segment = "customers"
rule = "customer_email is not blank"
subject = "Your {{ product_purchased }}, {{ customer_name | title }}"
body = """
Dear {{ customer_name | default("customer") }},
{% if time_to_resolution %}We closed your ticket.{% else %}We are still on it.{% endif %} *|NOT_A_TAG|*
"""
"#;

#[test]
fn every_platform_reproduces_the_preview_on_real_support_tickets() {
    let Some(dir) = real_data() else { return };
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "csv"))
        .unwrap();
    let ws = Ws::new();
    ws.cmd()
        .arg("import")
        .arg(&file)
        .args(["--consent", "email=granted"])
        .assert()
        .success();
    ws.apply(TICKETS);
    for (platform, rows) in check_every_platform(&ws, "tickets") {
        assert!(rows > 1000, "{platform}");
    }
}

#[test]
fn a_300_byte_merge_value_is_refused_for_mailchimp_with_the_count_and_limit() {
    let ws = Ws::new();
    let csv = ws.dir.path().join("notes.csv");
    let note = "n".repeat(300);
    std::fs::write(
        &csv,
        format!("email,first_name,note\nana@example.com,Ana,{note}\nbo@example.com,Bo,short\n"),
    )
    .unwrap();
    ws.cmd()
        .arg("import")
        .arg(&csv)
        .args(["--consent", "email=granted"])
        .assert()
        .success();
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
        let manifest: serde_json::Value =
            serde_json::from_slice(&read(&out.join("manifest.json"))).unwrap();
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
    let csv = ws.dir.path().join("phones.csv");
    std::fs::write(
        &csv,
        "email,phone,first_name\n\
         a@example.com,+44 7700 900123,Ann\n\
         b@example.com,+447700900123,Ben\n\
         c@example.com,0044 7700 900123,Cem\n\
         d@example.com,+44-7700-900-123,Dia\n\
         e@example.com,+44 (7700) 900 123,Eve\n\
         f@example.com,07700 900999,Fay\n",
    )
    .unwrap();
    ws.cmd()
        .arg("import")
        .arg(&csv)
        .args(["--consent", "sms=granted"])
        .assert()
        .success();
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
    let manifest: serde_json::Value =
        serde_json::from_slice(&read(&out.join("manifest.json"))).unwrap();
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
    let manifest: serde_json::Value =
        serde_json::from_slice(&read(&out.join("manifest.json"))).unwrap();
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
