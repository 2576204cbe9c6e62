//! New-user trial 8, H5, through the binary: `import --map 'Date 2=date_of_birth'` (or
//! `'Value A=age'`) made a field of that name with role `none` and class `ordinary`, so
//! the minor check did not read it (the 14-year-old was a recipient, review clean) and
//! `date_of_birth < 1985-01-01` needed no unlock; `--map 'Col B=religion'` and `'Col
//! C=ethnicity'` gave ordinary fields. The field name is now read as a header would be
//! and the stricter reading wins (README, "Column mapping").
//!
//! Expected by hand: `date_of_birth`, `age` name a date of birth and an age, protected
//! traits that the minor check reads; `religion` and `ethnicity` are special category
//! data (GDPR Art. 9(1)). Kid (born 2012-05-01, or 14) is under the default minor age
//! 16 on 2026-11-01, the two adults (1980/1981, 45/44) are not; the header alone (`Date
//! 2`, `Value A`, `Col B`) says nothing, as on main.

mod review_support;

use review_support::{EMAIL_EVERYONE, Ws, pairs};

const DATES: &str = "Email,First Name,Date 2,Accepts Email Marketing
kid@example.com,Kid,2012-05-01,yes
ad@example.com,Ad,1980-01-01,yes
ad2@example.com,Ad2,1981-01-01,yes
";

const AGES: &str = "Email,First Name,Value A,Accepts Email Marketing
kid@example.com,Kid,14,yes
ad@example.com,Ad,45,yes
ad2@example.com,Ad2,44,yes
";

fn kid_is_a_minor() -> Vec<(String, String)> {
    pairs(&[
        ("ad2@example.com", "-"),
        ("ad@example.com", "-"),
        ("kid@example.com", "minor"),
    ])
}

/// The exit code and standard error of `reach RULE`.
fn reach(ws: &Ws, rule: &str) -> (Option<i32>, String) {
    let out = ws.cmd().args(["reach", rule]).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_column_mapped_to_an_age_name_is_an_age() {
    for (csv, map, field, role, rule) in [
        (
            DATES,
            "Date 2=date_of_birth",
            "date_of_birth",
            "date_of_birth",
            "date_of_birth < 1985-01-01",
        ),
        (AGES, "Value A=age", "age", "age", "age >= 40"),
    ] {
        let ws = Ws::new();
        ws.import_csv("a.csv", csv, &["--map", map]);
        let f = ws.field(field);
        assert_eq!(
            (f["role"].as_str(), f["class"].as_str()),
            (Some(role), Some("protected")),
            "{map}: {f}"
        );
        assert!(
            f["reason"]
                .as_str()
                .unwrap()
                .starts_with(&format!("field name `{field}`: ")),
            "{f}"
        );
        assert_eq!(
            ws.outcome(EMAIL_EVERYONE, "news"),
            kid_is_a_minor(),
            "{map}"
        );
        let (code, stderr) = reach(&ws, rule);
        assert_eq!(code, Some(1), "{rule}: {stderr}");
        assert!(stderr.contains("protected"), "{rule}: {stderr}");
    }
    // What stays as it was: an opaque header under its own name is ordinary, and a
    // telling header mapped to an opaque name keeps the header's reading.
    let ws = Ws::new();
    ws.import_csv("a.csv", DATES, &[]);
    let f = ws.field("date_2");
    assert_eq!(
        (f["role"].as_str(), f["class"].as_str()),
        (Some("none"), Some("ordinary"))
    );
    let ws = Ws::new();
    let telling = DATES.replace("Date 2", "Date of Birth");
    ws.import_csv("a.csv", &telling, &["--map", "Date of Birth=d2"]);
    let f = ws.field("d2");
    assert_eq!(
        (f["role"].as_str(), f["class"].as_str()),
        (Some("date_of_birth"), Some("protected"))
    );
}

#[test]
fn a_column_mapped_to_a_special_category_name_is_special_category() {
    let ws = Ws::new();
    ws.import_csv(
        "mg.csv",
        "Email,First Name,Col B,Col C,Accepts Email Marketing\n\
         a@example.com,A,RC,W1,yes\n\
         b@example.com,B,CofE,B2,yes\n\
         c@example.com,C,RC,A3,yes\n",
        &["--map", "Col B=religion", "--map", "Col C=ethnicity"],
    );
    for (field, kind) in [("religion", "religion"), ("ethnicity", "ethnicity")] {
        let f = ws.field(field);
        assert_eq!(
            (f["class"].as_str(), f["kind"].as_str()),
            (Some("special_category"), Some(kind)),
            "{f}"
        );
    }
    for rule in ["religion is \"RC\"", "ethnicity is \"W1\""] {
        let (code, stderr) = reach(&ws, rule);
        assert_eq!(code, Some(1), "{rule}: {stderr}");
        assert!(stderr.contains("special category"), "{rule}: {stderr}");
    }
}

/// Re-import route: a second file mapped into the same field by name is read by the
/// minor check too (kid2, born 2013-02-02, is 13).
#[test]
fn a_second_file_mapped_into_the_age_field_is_read_by_the_minor_check() {
    let ws = Ws::new();
    ws.import_csv("a.csv", DATES, &["--map", "Date 2=date_of_birth"]);
    ws.import_csv(
        "b.csv",
        "Email,First Name,Date 3,Accepts Email Marketing\nkid2@example.com,Kid2,2013-02-02,yes\n",
        &["--map", "Date 3=date_of_birth"],
    );
    assert_eq!(
        ws.outcome(EMAIL_EVERYONE, "news"),
        pairs(&[
            ("ad2@example.com", "-"),
            ("ad@example.com", "-"),
            ("kid2@example.com", "minor"),
            ("kid@example.com", "minor"),
        ])
    );
}
