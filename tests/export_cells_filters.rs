//! Spreadsheet number cells and tactful's importer reading its own export back (issue
//! 12), and BR-37: `title` keeps possessives lower case (../shared/cases/BR-37, which
//! must be present under CI=true). Expected values are worked out by hand.

mod review_support;
mod shared_folder;

use review_support::*;

#[test]
fn number_cells_stay_numbers_and_the_importer_removes_its_own_quote() {
    let ws = Ws::new();
    let csv = "email,first_name,spend\nana@example.com,=cmd,-12.5\nbo@example.com,Bo,3\n";
    ws.import_csv("spend.csv", csv, &["--consent", "email=granted"]);
    ws.apply(
        r#"
name = "n"
channel = "email"
as_of = "2026-11-01"
[[entry]]
segment = "all"
rule = "email is not blank"
subject = "Hi"
body = "Hello"
"#,
    );
    let out = ws.out("sheet");
    ws.ok(&[
        "export",
        "n",
        "--out",
        out.to_str().unwrap(),
        "--field",
        "spend",
        "--reason",
        "the shop checks the spend column by hand",
        "--field",
        "first_name",
        "--reason",
        "the shop checks the names column by hand",
    ]);
    let text = String::from_utf8(read(&out.join("recipients.csv"))).unwrap();
    assert_eq!(
        text,
        "\u{FEFF}email,segment,subject,body,spend,first_name\r\n\
         ana@example.com,all,Hi,Hello,-12.5,'=cmd\r\n\
         bo@example.com,all,Hi,Hello,3,Bo\r\n"
    );
    let back = Ws::new();
    back.cmd()
        .arg("import")
        .arg(out.join("recipients.csv"))
        .args(["--consent", "email=granted"])
        .assert()
        .success();
    let ana = back.json(&["contact", "show", "ana@example.com"], 0);
    let value = |name: &str| {
        ana["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .unwrap()["value"]
            .clone()
    };
    assert_eq!(value("first_name"), "=cmd");
    assert_eq!(value("spend"), -12.5);
}

#[test]
fn br37_title_keeps_possessives_lower_case() {
    let Some(dir) = shared_folder::shared("cases/BR-37") else {
        return;
    };
    let ws = Ws::new();
    ws.cmd()
        .arg("import")
        .arg(dir.join("customers_apostrophes.csv"))
        .args(["--consent", "email=granted"])
        .assert()
        .success();
    let subject = std::fs::read_to_string(dir.join("template_subject.txt")).unwrap();
    let body = std::fs::read_to_string(dir.join("template_body.txt")).unwrap();
    let toml = format!(
        "name = \"br37\"\nchannel = \"email\"\nas_of = \"2026-11-01\"\n[[entry]]\nsegment = \"all\"\nrule = \"email is not blank\"\nsubject = {}\nbody = {}\n",
        toml_string(subject.trim_end()),
        toml_string(&body)
    );
    ws.apply(&toml);
    let out = ws
        .cmd()
        .args(["preview", "br37", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<(String, String)> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["subject"].as_str().unwrap().to_string(),
                r["body"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // expected.md (the subject file holds the company, the body the greeting):
    // O'Brien, Anne-Marie, Zoë; Ben & Jerry's, Steiner's Garage, Mcdonald's.
    assert_eq!(
        got,
        vec![
            (
                "Ben & Jerry's".into(),
                "Hi O'Brien, thanks from Ben & Jerry's".into()
            ),
            (
                "Steiner's Garage".into(),
                "Hi Anne-Marie, thanks from Steiner's Garage".into()
            ),
            ("Mcdonald's".into(), "Hi Zoë, thanks from Mcdonald's".into()),
        ]
    );
    for (s, b) in &got {
        assert!(!s.contains("'S") && !b.contains("'S"));
    }
}

fn toml_string(s: &str) -> String {
    format!(
        "\"{}\"",
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    )
}
