//! Age groups, ranges and birth years through the binary (new-user trial, session 9):
//! `Customer type: Child`, `Age group: under 18`, `DOB: 2010` were "age unknown" (a
//! review blocker) or not read at all, so a child could be sent to. README, "The minor
//! check". Expected values worked out by hand: on 2026-11-01 (the as-of date and today
//! of these tests) with the default minor age 16, a contact is a known minor when the
//! youngest age its value allows is below 16 (below 18 for the `minor_age = 18`
//! campaigns); the ages of each word are those of `assets/age-groups.toml`.

mod review_support;

use review_support::*;

/// `campaign` on e-mail to everyone with a name, with minor age `minor_age` when given.
fn hi_everyone(name: &str, minor_age: Option<u32>) -> String {
    format!(
        "name = \"{name}\"\nchannel = \"email\"\nas_of = \"2026-11-01\"\n{}\n\
         [[entry]]\nsegment = \"named\"\nrule = \"name is not blank\"\n\
         subject = \"Hi\"\nbody = \"Hi {{{{ name }}}}\"\n",
        minor_age.map_or(String::new(), |a| format!("minor_age = {a}\n"))
    )
}

/// A file keyed by `customer_id` with one column `header` holding `values` in turn
/// (contact `i + 1`), each with its own e-mail address and a name.
fn one_column(header: &str, values: &[&str]) -> String {
    let mut csv = format!("customer_id,email,name,{header}\n");
    for (i, v) in values.iter().enumerate() {
        csv += &format!("{n},c{n}@example.com,C{n},{v}\n", n = i + 1);
    }
    csv
}

/// Import `csv` keyed by `customer_id` with e-mail consent granted.
fn import(ws: &Ws, csv: &str) -> serde_json::Value {
    ws.import_csv(
        "f.csv",
        csv,
        &["--key", "customer_id", "--consent", "email=granted"],
    )
}

/// The expected preview of contacts 1.. : `minor` where `minors[i]`, else sent.
fn expected(minors: &[bool]) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = (minors.iter().enumerate())
        .map(|(i, &m)| ((i + 1).to_string(), if m { "minor" } else { "-" }.into()))
        .collect();
    rows.sort();
    rows
}

/// The trial's words in a `Customer type` column: every child word (the youngest age
/// each allows is below 16: Teen 13, Youth 12, Jugendlicher 14, Adolescent 10, the
/// others 0) is a known minor; Adult (18), Senior (60) and Erwachsener (18) are sent;
/// `Retail` says nothing about age and is sent with no "age unknown" blocker, and so is
/// a blank.
#[test]
fn customer_type_words_are_known_minors_or_adults() {
    let values = [
        "Child",
        "Teen",
        "Teenager",
        "Kid",
        "Junior",
        "Youth",
        "Jugendlicher",
        "Kind",
        "Enfant",
        "Adolescent",
        "Niño",
        "Menor",
        "Adult",
        "Senior",
        "Erwachsener",
        "Retail",
        "",
    ];
    let minors = [
        true, true, true, true, true, true, true, true, true, true, true, true, false, false,
        false, false, false,
    ];
    for header in [
        "Customer type",
        "Kundengruppe",
        "Type de client",
        "Tipo de cliente",
    ] {
        let ws = Ws::new();
        import(&ws, &one_column(header, &values));
        let name = ws.field_names()[3].clone();
        let field = ws.field(&name);
        assert_eq!(
            (field["role"].as_str(), field["class"].as_str()),
            (Some("age"), Some("protected")),
            "{header}"
        );
        let outcome = ws.outcome(&hi_everyone("c", None), "c");
        assert_eq!(outcome, expected(&minors), "{header}");
        let review = ws.json(&["review", "c"], 0);
        assert!(!has_code(&review, "age_unknown"), "{header}: {review:#}");
    }
}

/// Only a header that sorts people into categories reads `Junior` as an age: a `Job
/// title` of `Junior` and a `Type` holding only `Junior` and `Senior` (job levels) stay
/// ordinary fields and their contacts are sent, while the same file's `Customer type`
/// `Child` (contact 1) is a known minor. A bare `Category` of child and adult words is
/// read (contact 4, `Kids`).
#[test]
fn junior_as_a_job_title_marks_no_minor() {
    let ws = Ws::new();
    import(
        &ws,
        "customer_id,email,name,Job title,Type,Customer type,Category\n\
         1,c1@example.com,C1,Engineer,Senior,Child,Adult\n\
         2,c2@example.com,C2,Junior,Junior,Retail,Adult\n\
         3,c3@example.com,C3,Junior Developer,Senior,,Adult\n\
         4,c4@example.com,C4,Intern,Junior,Business,Kids\n",
    );
    assert_eq!(ws.field("job_title")["role"], "none");
    assert_eq!(ws.field("type")["role"], "none");
    assert_eq!(ws.field("customer_type")["role"], "age");
    assert_eq!(ws.field("category")["role"], "age");
    let outcome = ws.outcome(&hi_everyone("c", None), "c");
    assert_eq!(outcome, expected(&[true, false, false, true]));
}

/// Age-group ranges in an `Age group` column. By hand, the youngest age each allows:
/// under 16 → 0, Under 18 → 0, <18 → 0, 0-17 → 0, 13-17 → 13, 12–15 → 12, 16-24 → 16,
/// 18-24 → 18, 65+ → 65, unter 18 → 0, moins de 18 ans → 0, menor de 18 → 0, Child → 0,
/// Adult → 18. Under minor age 16, `16-24` is not a minor (every age it allows is 16 or
/// more); under 18 it is (it may be 16 or 17), as are the others below 18. No value is
/// "age unknown".
#[test]
fn age_group_ranges_are_read() {
    let values = [
        "under 16",
        "Under 18",
        "<18",
        "0-17",
        "13-17",
        "12–15",
        "16-24",
        "18-24",
        "65+",
        "unter 18",
        "moins de 18 ans",
        "menor de 18",
        "Child",
        "Adult",
    ];
    let ws = Ws::new();
    import(&ws, &one_column("Age group", &values));
    assert_eq!(ws.field("age_group")["role"], "age");
    let minor = |m16: bool| {
        [
            true, true, true, true, true, true, m16, false, false, true, true, true, true, false,
        ]
    };
    let outcome = ws.outcome(&hi_everyone("c", None), "c");
    assert_eq!(outcome, expected(&minor(false)));
    let outcome = ws.outcome(&hi_everyone("c18", Some(18)), "c18");
    assert_eq!(outcome, expected(&minor(true)));
    let review = ws.json(&["review", "c"], 0);
    assert!(!has_code(&review, "age_unknown"), "{review:#}");
    let detail = ws.explain_step("c", "2", 2);
    assert!(detail.contains("`Under 18`: 0 to 17 years old"), "{detail}");
}

/// A bare year in a date-of-birth column is a birth year. By hand on 2026-11-01: born
/// in 2010 → 15 or 16, 2009 → 16 or 17, 2008 → 17 or 18, 2007 → 18 or 19, 1990 → 35 or
/// 36; `2014-06-05` → 12. Under minor age 16 only 2010 and 2014 are minors; under 18
/// 2009 and 2008 are too (2008 may still be 17: the youngest age decides), 2007 is not.
/// The same years in birth-year columns read the same.
#[test]
fn a_year_of_birth_gives_its_two_ages() {
    let years = ["2010", "2009", "2008", "2007", "1990", "2014-06-05"];
    let at_16 = [true, false, false, false, false, true];
    let at_18 = [true, true, true, false, false, true];
    for header in [
        "DOB",
        "Birth date",
        "Geburtsdatum",
        "Birth year",
        "Year of birth",
        "Geburtsjahr",
    ] {
        let ws = Ws::new();
        import(&ws, &one_column(header, &years));
        let name = ws.field_names()[3].clone();
        let role = ws.field(&name)["role"].clone();
        assert!(
            role == "date_of_birth" || role == "birth_year",
            "{header}: {role}"
        );
        let outcome = ws.outcome(&hi_everyone("c", None), "c");
        assert_eq!(outcome, expected(&at_16), "{header}");
        let outcome = ws.outcome(&hi_everyone("c18", Some(18)), "c18");
        assert_eq!(outcome, expected(&at_18), "{header}");
        let review = ws.json(&["review", "c"], 0);
        assert!(!has_code(&review, "age_unknown"), "{header}: {review:#}");
    }
    // Years alone: a number column, read as birth years too.
    let ws = Ws::new();
    import(&ws, &one_column("DOB", &years[..5]));
    let outcome = ws.outcome(&hi_everyone("c", None), "c");
    assert_eq!(outcome, expected(&at_16[..5]));
}

/// The import warning says what each age column is: a flag's yes/no, an age group, a
/// category holding age groups; none of them speaks of dates.
#[test]
fn the_import_warning_names_the_kind_of_age_column() {
    let ws = Ws::new();
    let report = import(
        &ws,
        "customer_id,email,name,Minor,Adult,Age group,Customer type\n\
         1,c1@example.com,C1,yes,no,Child,Child\n\
         2,c2@example.com,C2,no,yes,18-24,Retail\n",
    );
    let warnings = warnings(&report);
    let about = |header: &str| {
        warnings
            .iter()
            .find(|w| w.starts_with(&format!("column {header} ")))
            .unwrap_or_else(|| panic!("no warning on {header}: {warnings:?}"))
            .clone()
    };
    for (header, says) in [
        ("Minor", "is a minor flag"),
        ("Adult", "is an adult flag"),
        ("Age group", "is an age group"),
        (
            "Customer type",
            "sorts people into groups and holds age groups (`Child` on line 2)",
        ),
    ] {
        let w = about(header);
        assert!(w.contains(says), "{w}");
        assert!(!w.contains("date"), "{w}");
    }
}

/// Re-import and undo keep an age-group minor a minor. By hand: a later file calling
/// the kid (`Child`, 0 to 17) an `Adult` (18 or more) keeps `Child`, the youngest, and
/// says so in the report; a `Teenager` it brings (13) is a minor; undoing that import
/// removes the teenager and leaves the kid a minor; importing the file again changes
/// nothing; nor does a later `Retail`, which says nothing about age.
#[test]
fn re_import_and_undo_keep_an_age_group_minor() {
    let ws = Ws::new();
    let first = "customer_id,email,name,Customer type\n\
        1,kid@example.com,Kid,Child\n2,mom@example.com,Mom,Adult\n";
    let second = "customer_id,email,name,Customer type\n\
        1,kid@example.com,Kid,Adult\n3,teen@example.com,Teen,Teenager\n";
    import(&ws, first);
    let report = import(&ws, second);
    assert_eq!(report["age_conflicts"][0]["given"], "Adult", "{report:#}");
    assert_eq!(report["age_conflicts"][0]["kept"], "held", "{report:#}");
    let both = pairs(&[("1", "minor"), ("2", "-"), ("3", "minor")]);
    assert_eq!(ws.outcome(&hi_everyone("c", None), "c"), both);
    ws.ok(&["import", "undo"]);
    assert_eq!(
        ws.sorted_exclusions("c"),
        pairs(&[("1", "minor"), ("2", "-")])
    );
    import(&ws, second);
    import(&ws, second);
    assert_eq!(ws.sorted_exclusions("c"), both);
    // A later customer type that says nothing about age (`Retail`) leaves `Child`.
    let retail = import(
        &ws,
        "customer_id,email,name,Customer type
1,kid@example.com,Kid,Retail
",
    );
    assert_eq!(retail["age_conflicts"][0]["kept"], "held", "{retail:#}");
    assert_eq!(ws.sorted_exclusions("c"), both);
}

/// A customer-type field an earlier file made ordinary (`Retail`, `Business`) is no
/// place for a later file's age groups: the import is refused (nothing imported, the
/// minor check would not read the field), and once a person gives the field the age
/// role, the same file imports and its child is a known minor while `Retail` says
/// nothing.
#[test]
fn age_groups_into_an_ordinary_customer_type_are_refused() {
    let ws = Ws::new();
    import(
        &ws,
        "customer_id,email,name,Customer type\n\
         1,a@example.com,A,Retail\n2,b@example.com,B,Business\n",
    );
    assert_eq!(ws.field("customer_type")["role"], "none");
    let file = ws.write(
        "kids.csv",
        "customer_id,email,name,Customer type\n3,kid@example.com,Kid,Kind\n",
    );
    let args = ["--key", "customer_id", "--consent", "email=granted"];
    let refused = ws
        .cmd()
        .arg("import")
        .arg(&file)
        .args(args)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&refused.get_output().stderr).into_owned();
    assert!(stderr.contains("field `customer_type`"), "{stderr}");
    assert_eq!(
        ws.outcome(&hi_everyone("c", None), "c"),
        pairs(&[("1", "-"), ("2", "-")])
    );
    ws.ok(&[
        "fields",
        "set",
        "customer_type",
        "--role",
        "age",
        "--reason",
        "customer types hold age groups",
    ]);
    ws.cmd()
        .arg("import")
        .arg(&file)
        .args(args)
        .assert()
        .success();
    assert_eq!(
        ws.sorted_exclusions("c"),
        pairs(&[("1", "-"), ("2", "-"), ("3", "minor")])
    );
}

/// Reclassification: taking the age role away from a customer type (a downgrade with
/// a written reason) sends the kid, but review blocks on the removed safeguard and
/// counts the one contact (Kid, `Child`) the role would exclude.
#[test]
fn removing_a_customer_types_age_role_is_a_review_blocker() {
    let ws = Ws::new();
    import(
        &ws,
        "customer_id,email,name,Customer type\n\
         1,kid@example.com,Kid,Child\n2,mom@example.com,Mom,Retail\n",
    );
    let campaign = hi_everyone("c", None);
    assert_eq!(
        ws.outcome(&campaign, "c"),
        pairs(&[("1", "minor"), ("2", "-")])
    );
    ws.ok(&[
        "fields",
        "set",
        "customer_type",
        "--role",
        "none",
        "--reason",
        "customer types are no ages in this shop",
    ]);
    let review = ws.json(&["review", "c"], 3);
    let item = finding(&review, "safeguard_removed")["items"][0].clone();
    assert!(
        item.as_str().unwrap().starts_with(
            "minor check off: 1 contact would be excluded as a minor; field `customer_type`"
        ),
        "{item}"
    );
}
