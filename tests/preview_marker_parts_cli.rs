//! The preview's `[FIELD missing]` marker (case BR-16) is per template part and is
//! never changed by filters (new-user trial 5, F9): a subject with its own
//! `default("there")` reads `Hi there` while the body, with no fallback, shows the
//! marker; `{{ first_name | upper }}` or `| title` without a fallback shows
//! `[first_name missing]`, not `[FIRST_NAME MISSING]` or `[First_Name Missing]`.
//! Expected texts worked out by hand: Ann has a first name, Bob's cell is three spaces
//! (blank).

mod review_support;

use review_support::Ws;

fn workspace() -> Ws {
    let ws = Ws::new();
    ws.import_csv(
        "m9.csv",
        "email,first_name,Accepts Email Marketing\na@example.com,Ann,yes\nb@example.com,   ,yes\n",
        &[],
    );
    ws.ok(&["segment", "add", "all", "email is not blank"]);
    ws.ok(&["campaign", "new", "c", "--channel", "email", "--k", "2"]);
    ws
}

/// `(subject, body)` of each preview row, by key.
fn texts(ws: &Ws) -> Vec<(String, String, String)> {
    let p = ws.json(&["preview", "c", "--format", "json"], 0);
    p["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |v: &serde_json::Value| v.as_str().unwrap_or("-").to_string();
            (s(&r["key"]), s(&r["subject"]), s(&r["body"]))
        })
        .collect()
}

fn add(ws: &Ws, subject: &str, body: &str) {
    ws.ok(&[
        "campaign",
        "add",
        "c",
        "all",
        "--subject",
        subject,
        "--body",
        body,
    ]);
}

#[test]
fn the_subject_keeps_its_own_fallback_when_the_body_has_none() {
    let ws = workspace();
    add(
        &ws,
        r#"Hi {{ first_name | upper | default("there") }}"#,
        "Hi {{ first_name }},",
    );
    assert_eq!(
        texts(&ws),
        vec![
            ("a@example.com".into(), "Hi ANN".into(), "Hi Ann,".into()),
            (
                "b@example.com".into(),
                "Hi there".into(),
                "Hi [first_name missing],".into()
            ),
        ]
    );
    // The csv format shows the same texts.
    let csv = ws.stdout(&["preview", "c", "--format", "csv"]);
    assert!(
        csv.contains("Hi there,\"Hi [first_name missing],\""),
        "{csv}"
    );
}

#[test]
fn the_body_keeps_its_own_fallback_when_the_subject_has_none() {
    let ws = workspace();
    add(
        &ws,
        "Hi {{ first_name }}!",
        r#"Dear {{ first_name | default("customer") }},"#,
    );
    assert_eq!(
        texts(&ws)[1],
        (
            "b@example.com".into(),
            "Hi [first_name missing]!".into(),
            "Dear customer,".into()
        )
    );
}

#[test]
fn filters_never_change_the_marker() {
    let ws = workspace();
    add(
        &ws,
        "For {{ first_name | upper }}",
        "Hi {{ first_name | title }}, {{ first_name | lower }}.",
    );
    assert_eq!(
        texts(&ws)[1],
        (
            "b@example.com".into(),
            "For [first_name missing]".into(),
            "Hi [first_name missing], [first_name missing].".into()
        )
    );
}
