//! The import report's advice about consent is true (README, "Consent rules"): `pass
//! --accept-consent-upgrades` is advised only where that option would confirm
//! something. Driven through the
//! `tactful` binary; expected values worked out by hand from the files written below.

mod review_support;

use review_support::Ws;

const EMAIL_EVERYONE: &str = r#"
name = "news"
channel = "email"
as_of = "2026-11-01"

[[entry]]
segment = "everyone"
rule = "email is not blank"
subject = "News"
body = "Hello"
"#;

fn write(ws: &Ws, name: &str, text: &str) -> String {
    let path = ws.dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

/// `(key, excluded or "-")` of every preview row, in workspace order.
fn exclusions(ws: &Ws) -> Vec<(String, String)> {
    ws.apply(EMAIL_EVERYONE);
    let p = ws.json(&["preview", "news", "--format", "json"], 0);
    p["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |v: &serde_json::Value| v.as_str().unwrap_or("-").to_string();
            (s(&r["key"]), s(&r["excluded"]))
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn warnings(report: &serde_json::Value) -> Vec<String> {
    report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap().to_string())
        .collect()
}

/// Bo unsubscribed and Cy declined; a later file says `yes` for both. Without the
/// option: Bo's opt-out stands (never turned back on, whatever the option), Cy's
/// upgrade is refused and is the one upgrade the advice counts. With it: Cy is
/// granted, Bo's opt-out still stands, and the report no longer advises the option.
#[test]
fn the_upgrade_advice_is_given_only_where_the_option_would_help() {
    let ws = Ws::new();
    let first = write(
        &ws,
        "first.csv",
        "email,accepts_email_marketing\nbo@example.com,unsubscribed\ncy@example.com,no\n",
    );
    let later = write(
        &ws,
        "later.csv",
        "email,accepts_email_marketing\nbo@example.com,yes\ncy@example.com,yes\n",
    );
    ws.ok(&["import", &first]);
    let kept = "1 row said consent was granted where it had been withdrawn or had bounced; the opt-out was kept";
    let advice = "1 consent upgrade refused (see consent_upgrades); pass --accept-consent-upgrades to confirm upgrades of declined or not-asked contacts";
    let r = ws.json(&["import", &later], 0);
    let w = warnings(&r);
    assert!(w.iter().any(|w| w == kept), "{w:#?}");
    assert!(w.iter().any(|w| w == advice), "{w:#?}");
    let r = ws.json(&["import", &later, "--accept-consent-upgrades"], 0);
    let w = warnings(&r);
    assert!(w.iter().any(|w| w == kept), "{w:#?}");
    assert!(
        !w.iter().any(|w| w.contains("--accept-consent-upgrades")),
        "{w:#?}"
    );
    assert_eq!(
        exclusions(&ws),
        pairs(&[("bo@example.com", "no_consent"), ("cy@example.com", "-")])
    );
}
