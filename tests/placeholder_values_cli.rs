//! New-user trial 6, G16: a merge field whose cell holds a placeholder (`n/a`, `-`,
//! `null`, `0`, an unreplaced `*|FNAME|*`) printed it as a name ("Hi n/a"), the
//! fallback unused and review silent. Such values now read as blank in messages, on
//! preview, review and every export profile, while the workspace keeps them. Every
//! expected value is worked out by hand from the rows below.

mod review_support;

use review_support::*;

/// Ann's real name, then one contact per placeholder; the first three met are `-`,
/// `n/a` and `.`, so review quotes them sorted: `-`, `.`, `n/a`.
const PLACEHOLDERS: [&str; 15] = [
    "-",
    "n/a",
    ".",
    "*|FNAME|*",
    "{{ first_name }}",
    "?",
    "null",
    "NULL",
    "N/A",
    "none",
    "0",
    "unknown",
    "xxx",
    "[Name]",
    "%FIRSTNAME%",
];

fn people() -> String {
    let mut csv = String::from("Email,First Name\na@example.com,Ann\n");
    for (i, p) in PLACEHOLDERS.iter().enumerate() {
        csv.push_str(&format!("p{i}@example.com,{p}\n"));
    }
    csv
}

/// A workspace of [`people`] with campaign `c` sending `subject` to everyone.
fn campaign(subject: &str) -> Ws {
    let ws = Ws::new();
    ws.import_csv("people.csv", &people(), &["--consent", "email=granted"]);
    ws.ok(&["segment", "add", "all", "email is not blank"]);
    ws.ok(&["campaign", "new", "c", "--channel", "email", "--k", "2"]);
    ws.ok(&[
        "campaign",
        "add",
        "c",
        "all",
        "--subject",
        subject,
        "--body",
        "Thanks for shopping with us.",
    ]);
    ws
}

/// Ann's subject, then `other` for each of the 15 placeholder contacts.
fn expected_subjects(ann: &str, other: &str) -> Vec<String> {
    let mut want = vec![ann.to_string()];
    want.extend(PLACEHOLDERS.iter().map(|_| other.to_string()));
    want
}

#[test]
fn placeholder_names_take_the_fallback_in_preview_and_review() {
    let ws = campaign("Hi {{ first_name | default(\"there\") }}");
    let subjects: Vec<String> = ws
        .preview_column("c", "subject")
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    assert_eq!(subjects, expected_subjects("Hi Ann", "Hi there"));

    let review = ws.json(&["review", "c"], 0);
    assert!(!has_code(&review, "merge_field_blank"), "{review}");
    let found = finding(&review, "merge_field_placeholder");
    assert_eq!(found["severity"], "warning");
    assert_eq!(
        found["items"],
        serde_json::json!([
            "segment `all`: 15 recipients hold a placeholder in first_name (`-`, `.`, `n/a`)"
        ])
    );
    // The workspace keeps what was imported: a rule still finds the value (`is`
    // ignores case, so `n/a` and `N/A`).
    let reach = ws.json(&["reach", "first_name is \"n/a\""], 0);
    assert_eq!(reach["reach"], 2);
}

#[test]
fn placeholder_names_without_a_fallback_block_as_blanks_do() {
    let ws = campaign("Hi {{ first_name }}");
    // Exit 3: review found a blocker.
    let review = ws.json(&["review", "c"], 3);
    assert_eq!(
        finding(&review, "merge_field_blank")["items"],
        serde_json::json!(["segment `all`: 15 recipients get nothing for first_name"])
    );
    assert_eq!(finding(&review, "merge_field_blank")["severity"], "blocker");
}

#[test]
fn every_export_profile_writes_the_fallback() {
    let ws = campaign("Hi {{ first_name | default(\"there\") }}");
    let csv_rows = |dir: &str, file: &str| -> Vec<Vec<String>> {
        let text = String::from_utf8(read(&ws.out(dir).join(file))).unwrap();
        let mut r =
            csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
        r.records()
            .map(|x| x.unwrap().iter().map(str::to_string).collect())
            .collect()
    };
    for (profile, file, column, ann, other) in [
        ("spreadsheet", "recipients.csv", 2, "Hi Ann", "Hi there"),
        ("upload", "recipients.csv", 2, "Hi Ann", "Hi there"),
        ("mailchimp", "audience.csv", 2, "Ann", "there"),
        ("klaviyo", "audience.csv", 2, "Ann", "there"),
        ("brevo", "audience.csv", 2, "Ann", "there"),
        // listmonk: `email,attributes`, the merge value inside the JSON.
        ("listmonk", "audience.csv", 1, "Ann", "there"),
    ] {
        let dir = format!("out-{profile}");
        let out = ws.out(&dir);
        ws.ok(&[
            "export",
            "c",
            "--profile",
            profile,
            "--out",
            out.to_str().unwrap(),
        ]);
        let got: Vec<String> = csv_rows(&dir, file)
            .into_iter()
            .map(
                |row| match serde_json::from_str::<serde_json::Value>(&row[column]) {
                    Ok(attributes) => attributes["tf_first_name"].as_str().unwrap().to_string(),
                    Err(_) => row[column].clone(),
                },
            )
            .collect();
        assert_eq!(got, expected_subjects(ann, other), "{profile}");
    }
}
