//! Case BR-16 through the `tactful` binary (../shared/cases/BR-16/expected.md): "No
//! output ever contains `Hi ,` or `{{`". Without a default, the preview shows where
//! the value is missing (`Hi [first_name missing],`) for Bo (empty), Cy
//! (whitespace-only) and Dee (no cell), flags the three and review blocks before export;
//! with the default they get `Hi there,`. Expected values worked out by hand from
//! `customers_names.csv` (ana Ana; bo empty; cy "   "; dee missing: a short row on line
//! 5, imported without `--allow-ragged` since session 11).

mod common;
mod review_support;

use review_support::Ws;

fn workspace() -> Option<(Ws, std::path::PathBuf)> {
    let case = common::shared("cases/BR-16")?;
    let ws = Ws::new();
    // Dee's row (line 5) has no cell for the name: imported by default, the name blank,
    // and the report names the line.
    let report = ws.json(
        &[
            "import",
            case.join("customers_names.csv").to_str().unwrap(),
            "--consent",
            "email=granted",
        ],
        0,
    );
    assert_eq!(report["rows_imported"], 4, "{report:#}");
    assert_eq!(report["rows_rejected"], serde_json::json!([]), "{report:#}");
    assert!(
        review_support::warnings(&report).contains(
            &"line 5: 1 field where the header has 2; missing cells read as blank".to_string()
        ),
        "{report:#}"
    );
    ws.ok(&["segment", "add", "all", "email is not blank"]);
    ws.ok(&["campaign", "new", "welcome", "--channel", "email"]);
    Some((ws, case))
}

fn add(ws: &Ws, body: &str) -> assert_cmd::assert::Assert {
    ws.cmd()
        .args([
            "campaign",
            "add",
            "welcome",
            "all",
            "--subject",
            "Welcome",
            "--body",
            body,
        ])
        .assert()
}

fn template(case: &std::path::Path, name: &str) -> String {
    std::fs::read_to_string(case.join(name))
        .unwrap()
        .trim_end()
        .to_string()
}

fn output(ws: &Ws, args: &[&str]) -> String {
    let out = ws.cmd().args(args).output().unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn without_a_default_no_preview_shows_hi_comma() {
    let Some((ws, case)) = workspace() else {
        return;
    };
    add(&ws, &template(&case, "template_no_default.txt")).success();
    let p = ws.json(&["preview", "welcome", "--format", "json"], 0);
    let bodies: Vec<(&str, &str)> = p["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["key"].as_str().unwrap(), r["body"].as_str().unwrap()))
        .collect();
    assert_eq!(
        bodies,
        [
            ("ana@example.com", "Hi Ana,"),
            ("bo@example.com", "Hi [first_name missing],"),
            ("cy@example.com", "Hi [first_name missing],"),
            ("dee@example.com", "Hi [first_name missing],"),
        ]
    );
    for format in ["table", "csv", "json"] {
        let text = output(&ws, &["preview", "welcome", "--format", format]);
        assert!(!text.contains("Hi ,"), "{format}: {text}");
    }
    // No raw tag in a rendered message (the summary's advice quotes one on purpose).
    for format in ["csv", "json"] {
        let out = ws
            .cmd()
            .args(["preview", "welcome", "--format", format])
            .output()
            .unwrap();
        let rows = String::from_utf8_lossy(&out.stdout);
        assert!(!rows.contains("{{"), "{format}: {rows}");
    }
    let table = output(&ws, &["preview", "welcome"]);
    assert!(
        table.contains("3 recipients get no value for first_name"),
        "{table}"
    );
    // Review blocks, so export refuses.
    let review = ws.json(&["review", "welcome"], 3);
    assert!(
        review_support::codes(&review, "blocker")
            .iter()
            .any(|c| c.contains("merge")),
        "{review:#}"
    );
}

/// The case's template writes the default the Liquid way (`default: 'there'`): refused
/// with the form to use, never silently printing `Hi ,`; that form gives `Hi there,`.
#[test]
fn with_the_default_everyone_without_a_name_gets_hi_there() {
    let Some((ws, case)) = workspace() else {
        return;
    };
    add(&ws, &template(&case, "template_with_default.txt"))
        .code(1)
        .stderr(predicates::str::contains(
            "write filter arguments in parentheses: `{{ first_name | default('there') }}`",
        ));
    add(&ws, "Hi {{ first_name | default('there') }},").success();
    let p = ws.json(&["preview", "welcome", "--format", "json"], 0);
    let bodies: Vec<&str> = p["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies, ["Hi Ana,", "Hi there,", "Hi there,", "Hi there,"]);
}

/// The misspelled field fails when written, naming it and the field meant.
#[test]
fn a_misspelled_field_is_refused_naming_it() {
    let Some((ws, case)) = workspace() else {
        return;
    };
    add(&ws, &template(&case, "template_typo_field.txt"))
        .code(1)
        .stderr(predicates::str::contains("frist_name"))
        .stderr(predicates::str::contains("first_name"));
}
