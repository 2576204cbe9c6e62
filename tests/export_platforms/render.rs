//! The platforms' renderers, written from each platform's documentation (see the
//! test binary's header), and the check that an export substituted by them gives every
//! recipient exactly tactful's preview. They know nothing of tactful's code.

use std::collections::HashMap;
use std::path::Path;

use crate::review_support::{Ws, manifest_in, read};

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
pub(crate) fn check_every_platform(ws: &Ws, campaign: &str) -> Vec<(&'static str, usize)> {
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
pub(crate) fn check_platform(
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
    let manifest: serde_json::Value = manifest_in(&out);
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
