//! Fourth new-user trial, messages and exports (N1, N11): every expected value worked
//! out by hand from the input rows.
//! - N1: Mailchimp merge tags are kept to 10 characters; two fields that shorten to
//!   the same tag (`customer_name`, `customer_city` → `TF_CUSTOME`) printed one
//!   recipient value in place of the other. Each column now gets a name of its own.
//! - N11: a blank first name guarded by `{% if %}`, `or ""` or an inline if/else
//!   printed "Hi ," and passed review (case BR-16: no output ever contains `Hi ,`).

mod review_support;

use std::collections::BTreeSet;

use review_support::*;

fn setup(csv: &str) -> Ws {
    let ws = Ws::new();
    ws.import_csv("people.csv", csv, &["--consent", "email=granted"]);
    ws.ok(&["segment", "add", "all", "email is not blank"]);
    ws
}

/// The audience file's header and rows (BOM removed).
fn audience(ws: &Ws, dir: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let text = String::from_utf8(read(&ws.out(dir).join("audience.csv"))).unwrap();
    let text = text.trim_start_matches('\u{FEFF}');
    let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// Mailchimp's substitution: `*|TAG|*` becomes the row's value in column TAG.
fn mailchimp(template: &str, header: &[String], row: &[String]) -> String {
    let mut out = template.to_string();
    for (h, v) in header.iter().zip(row) {
        out = out.replace(&format!("*|{h}|*"), v);
    }
    out
}

/// Export campaign `c` (one entry, `subject` and `body`) of the people in `csv` for
/// Mailchimp, check the header and substitute the templates per row as Mailchimp does:
/// `(subject, body)` per recipient, sorted.
fn mailchimp_messages(
    csv: &str,
    subject: &str,
    body: &str,
    extra: &[&str],
) -> Vec<(String, String)> {
    let ws = setup(csv);
    ws.ok(&["campaign", "new", "c", "--channel", "email"]);
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
    let out = ws.out("mc");
    let mut args = vec![
        "export",
        "c",
        "--out",
        out.to_str().unwrap(),
        "--profile",
        "mailchimp",
    ];
    args.extend(extra);
    ws.ok(&args);
    let (header, rows) = audience(&ws, "mc");
    let unique: BTreeSet<&String> = header.iter().collect();
    assert_eq!(unique.len(), header.len(), "duplicate columns: {header:?}");
    for name in &header[2..] {
        assert!(name.len() <= 10, "{name}");
        assert!(
            name.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'),
            "{name}"
        );
    }
    let body = std::fs::read_to_string(out.join("template-01-all-body.txt")).unwrap();
    let subject = std::fs::read_to_string(out.join("template-01-all-subject.txt")).unwrap();
    let mut got: Vec<(String, String)> = rows
        .iter()
        .map(|r| {
            (
                mailchimp(&subject, &header, r),
                mailchimp(&body, &header, r),
            )
        })
        .collect();
    got.sort();
    got
}

fn pair(subject: &str, body: &str) -> (String, String) {
    (subject.to_string(), body.to_string())
}

#[test]
fn n1_mailchimp_fields_sharing_ten_characters_get_tags_of_their_own() {
    let why = "the shop's CRM needs this column as well";
    let got = mailchimp_messages(
        "email,customer_name,customer_city\na@example.com,Ann,Leeds\nb@example.com,Bob,York\n",
        "Hello {{ customer_name }}",
        "Hi {{ customer_name }}, news from {{ customer_city }}.",
        &[
            "--field",
            "customer_city",
            "--reason",
            why,
            "--field",
            "customer_name",
            "--reason",
            why,
        ],
    );
    assert_eq!(
        got,
        [
            pair("Hello Ann", "Hi Ann, news from Leeds."),
            pair("Hello Bob", "Hi Bob, news from York."),
        ]
    );
}

/// Headers tactful cannot transliterate become `column_<hash>` fields (the names
/// below are what `fields` lists for `名前` and `都市`), all `TF_COLUMN_` once shortened.
#[test]
fn n1_mailchimp_untransliterated_headers_get_tags_of_their_own() {
    let got = mailchimp_messages(
        "email,名前,都市\na@example.com,Ann,Leeds\nb@example.com,Bob,York\n",
        "Hello {{ column_7ec26292 }}",
        "{{ column_7ec26292 }} in {{ column_d7eef720 }}",
        &[],
    );
    assert_eq!(
        got,
        [
            pair("Hello Ann", "Ann in Leeds"),
            pair("Hello Bob", "Bob in York")
        ]
    );
}

/// Six contacts without a first name, six with one: k = 5 is met by both halves.
fn names() -> String {
    let mut csv = String::from("email,first_name,last_name\n");
    for i in 0..6 {
        csv.push_str(&format!("u{i}@example.com,,X\nv{i}@example.com,Name{i},\n"));
    }
    csv
}

/// A new e-mail campaign `c` sending subject `News` and `body` to segment `all`.
fn news_to_all(ws: &Ws, c: &str, body: &str) {
    ws.ok(&["campaign", "new", c, "--channel", "email"]);
    ws.ok(&[
        "campaign",
        "add",
        c,
        "all",
        "--subject",
        "News",
        "--body",
        body,
    ]);
}

#[test]
fn n11_a_blank_name_behind_a_condition_blocks_review_and_export() {
    let ws = setup(&names());
    let holes = [
        r#"Hi {{ first_name or "" }},"#,
        "Hi {% if first_name %}{{ first_name }}{% endif %},",
        r#"Hi {{ first_name if first_name else "" }},"#,
        r#"Hi {{ "" if not first_name else first_name }}!"#,
        "Dear {% if first_name %}{{ first_name }}{% endif %} {{ last_name }}",
    ];
    for (i, body) in holes.iter().enumerate() {
        let c = format!("h{i}");
        news_to_all(&ws, &c, body);
        let review = ws.json(&["review", &c], 3);
        assert_eq!(
            finding(&review, "merge_field_blank")["items"][0],
            "segment `all`: 6 recipients get nothing for first_name",
            "{body}"
        );
        let out = ws.out(&c);
        ws.cmd()
            .args(["export", &c, "--out", out.to_str().unwrap()])
            .assert()
            .code(3);
    }
}

#[test]
fn n11_a_condition_that_drops_a_whole_clause_or_word_is_no_hole() {
    let ws = setup(&names());
    let fine = [
        "Hi{% if first_name %} {{ first_name }}{% endif %},",
        "Hi {% if first_name %}{{ first_name }}{% else %}there{% endif %},",
        "Thanks.{% if first_name %} Hello {{ first_name }}.{% endif %} Bye",
        "Thanks.\n{% if first_name %}{{ first_name }}{% endif %}\nBye",
    ];
    for (i, body) in fine.iter().enumerate() {
        let c = format!("f{i}");
        news_to_all(&ws, &c, body);
        let review = ws.json(&["review", &c], 0);
        assert!(!has_code(&review, "merge_field_blank"), "{body}: {review}");
    }
}
