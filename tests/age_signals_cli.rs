//! Age signals of the third new-user trial (H1 cont., H3, H9, H13), through the binary:
//! age checks (`Age verified` = yes) and age-group flags (`Senior` = yes) no longer
//! make every contact "age unknown"; a `Birthday Month` of month names is a birthday,
//! no age; school years (`Grade` = `7th grade`, `Class of` = 2030) are ages, without
//! reading marks, travel classes or purchase years as ones; age headers in more
//! languages; a `baby` tag names the child a parent buys for. README, "The minor check".
//!
//! Expected values by hand: the as-of date and today are 2026-11-01 (`Ws::new`), the
//! minor age 16 (the default). p1 holds the first value, p2 the second.

mod review_support;

use review_support::*;

fn csv(header: &str, first: &str, second: &str) -> String {
    format!(
        "email,first_name,\"{header}\"\n\
         p1@example.com,P1,{first}\n\
         p2@example.com,P2,{second}\n"
    )
}

/// The outcome of a campaign to everyone over a file with `header`, and its review
/// (exit code 0 expected: no blocker).
fn run(header: &str, first: &str, second: &str) -> (Ws, Outcome, serde_json::Value) {
    let ws = Ws::new();
    ws.import_csv(
        "people.csv",
        &csv(header, first, second),
        &["--consent", "email=granted"],
    );
    let outcome = ws.outcome(EMAIL_EVERYONE, "news");
    let review = ws.json(&["review", "news"], 0);
    (ws, outcome, review)
}

const BOTH_SENT: [(&str, &str); 2] = [("p1@example.com", "-"), ("p2@example.com", "-")];
const P1_MINOR: [(&str, &str); 2] = [("p1@example.com", "minor"), ("p2@example.com", "-")];

/// A passed age check is 18 or more; a no, `false`, `0`, `nein` says nothing (as a
/// blank), so nobody is "age unknown" and both are sent. A senior (yes) is 60 or more.
/// A younger age beside a passed check still decides.
#[test]
fn an_age_check_or_group_flag_blocks_nobody() {
    for (header, yes, no) in [
        ("Age verified", "yes", "no"),
        ("Age gate passed", "true", "false"),
        ("Over 18 verified", "yes", "no"),
        ("Age confirmed", "yes", "no"),
        ("Is age verified?", "Yes", "No"),
        ("Âge vérifié", "oui", "non"),
        ("Altersprüfung", "ja", "nein"),
        ("Edad verificada", "1", "0"),
        ("Leeftijd geverifieerd", "verified", "pending"),
        ("Senior", "yes", "no"),
        ("Over 65", "true", "false"),
    ] {
        let (ws, outcome, review) = run(header, yes, no);
        assert_eq!(outcome, pairs(&BOTH_SENT), "{header}");
        assert!(!has_code(&review, "age_unknown"), "{header}: {review:#}");
        let name = ws.field_names()[2].clone();
        let field = ws.field(&name);
        assert_eq!(field["role"], "age", "{header}: {field:#}");
        assert_eq!(field["class"], "protected", "{header}: {field:#}");
        assert!(
            field["reason"]
                .as_str()
                .unwrap()
                .contains("a no says nothing"),
            "{header}: {field:#}"
        );
    }
    // The youngest plausible age still decides: a passed check beside `Age` = 14 is a
    // minor; a number under an age-check header is the age it checked (12: a minor).
    let ws = Ws::new();
    ws.import_csv(
        "people.csv",
        "email,Age,Age verified\n\
         p1@example.com,14,yes\n\
         p2@example.com,40,no\n",
        &["--consent", "email=granted"],
    );
    assert_eq!(ws.outcome(EMAIL_EVERYONE, "news"), pairs(&P1_MINOR));
    let (_, outcome, _) = run("Age verified", "12", "40");
    assert_eq!(outcome, pairs(&P1_MINOR));
    // The date of an age check is no age: nobody age unknown.
    for header in ["Age verified at", "Age check date"] {
        let (ws, outcome, review) = run(header, "2024-05-01", "2025-01-31");
        assert_eq!(outcome, pairs(&BOTH_SENT), "{header}");
        assert!(!has_code(&review, "age_unknown"), "{header}: {review:#}");
        let name = ws.field_names()[2].clone();
        assert_eq!(ws.field(&name)["role"], "none", "{header}");
    }
    // A checked date of birth is a date of birth: born 2013-01-01 is 13, a minor.
    let (_, outcome, _) = run("DOB verified", "2013-01-01", "1980-01-01");
    assert_eq!(outcome, pairs(&P1_MINOR));
}

/// Month names in the seven languages, abbreviated too, are birthdays: no age role, a
/// quasi-identifier, no `age_unknown`, both sent (as `5` and `6` already were).
#[test]
fn a_birthday_month_name_is_no_age() {
    for (header, first, second) in [
        ("Birthday Month", "May", "June"),
        ("Birthday Month", "Mai", "Juni"),
        ("Birthday Month", "Jan", "févr."),
        ("Geburtstag Monat", "März", "Dez."),
        ("Mes de nacimiento", "mayo", "dic"),
        ("Birth month", "Sept.", "ottobre"),
    ] {
        let (ws, outcome, review) = run(header, first, second);
        assert_eq!(outcome, pairs(&BOTH_SENT), "{header} {first}");
        assert!(!has_code(&review, "age_unknown"), "{header}: {review:#}");
        let name = ws.field_names()[2].clone();
        let field = ws.field(&name);
        assert_eq!(field["role"], "none", "{header}: {field:#}");
        assert_eq!(field["class"], "quasi_identifier", "{header}: {field:#}");
    }
}

/// School years by hand (src/campaign/school_year.rs): US grade 7 is 12 to 14 (a
/// minor), grade 11 16 to 18 (not under 16); UK Year 8 12 to 14, Year 13 17 to 19;
/// Klasse 7 12 to 14, Klasse 12 17 to 19; French 5e 11 to 13, CM2 9 to 11, terminale
/// 16 to 18; Spanish 1º ESO 11 to 13, 2º Bachillerato 16 to 18; Italian terza media 12
/// to 14, quinta superiore 17 to 19; Dutch groep 5 8 to 10, klas 6 16 to 18; Portuguese
/// 5.º ano 9 to 11, 12.º ano 16 to 18; Class of 2030 on 2026-11-01 13 to 15, Class of
/// 1990 53 to 55. Marks, scores, travel and purchase classes are no school years.
#[test]
fn school_years_are_the_ages_of_the_children_in_them() {
    for (header, child, older) in [
        ("Class of", "2030", "1990"),
        ("Grade", "7th grade", "11th grade"),
        ("Grade", "7", "11"),
        ("School year", "Year 8", "Year 13"),
        ("Schulklasse", "7", "12"),
        ("Classe", "5e", "Terminale"),
        ("Classe", "CM2", "Terminale"),
        ("Curso", "1º ESO", "2º Bachillerato"),
        ("Classe", "terza media", "quinta superiore"),
        ("Klas", "Groep 5", "Klas 6"),
        ("Ano escolar", "5º ano", "12º ano"),
    ] {
        let (ws, outcome, _) = run(header, child, older);
        assert_eq!(outcome, pairs(&P1_MINOR), "{header} {child}");
        let name = ws.field_names()[2].clone();
        assert_eq!(ws.field(&name)["role"], "age", "{header} {child}");
    }
    // A grades column holding a school child cannot be skipped away (README, "An age
    // column cannot be skipped away"): refused, nothing imported.
    let ws = Ws::new();
    let file = ws.write("people.csv", &csv("Grade", "7th grade", "11th grade"));
    ws.cmd()
        .args([
            "import",
            &file,
            "--skip",
            "Grade",
            "--consent",
            "email=granted",
        ])
        .assert()
        .failure();
    // The refused import created the workspace and leaves none behind.
    assert!(!ws.path.exists());
    // Marks, scores, travel classes, purchase years and school years written as dates
    // are no ages: both sent, the column stays ordinary.
    for (header, first, second) in [
        ("Grade", "A", "B+"),
        ("Grade", "85", "92"),
        ("Class", "Business", "Economy"),
        ("Klasse", "1. Klasse", "2. Klasse"),
        ("Year", "2019", "2020"),
        ("School year", "2025/26", "2024/25"),
    ] {
        let (ws, outcome, review) = run(header, first, second);
        assert_eq!(outcome, pairs(&BOTH_SENT), "{header} {first}");
        assert!(!has_code(&review, "age_unknown"), "{header}");
        let name = ws.field_names()[2].clone();
        assert_eq!(ws.field(&name)["role"], "none", "{header} {first}");
    }
}

/// The age header in more languages: 12 is a minor, 40 is sent.
#[test]
fn age_headers_in_more_languages() {
    for header in [
        "Yrs",
        "Ikä",
        "Věk",
        "Yaş",
        "Возраст",
        "ВОЗРАСТ",
        "Ηλικία",
        "年龄",
        "年齢",
        "나이",
        "Vârstă",
        "Életkor",
    ] {
        let (_, outcome, _) = run(header, "12", "40");
        assert_eq!(outcome, pairs(&P1_MINOR), "{header}");
    }
}

/// A tag naming a baby or a toddler says the contact buys for one (sent); `kids`,
/// `teen`, `u16`, `age:14` still make a contact a known minor.
#[test]
fn a_baby_tag_names_the_child_bought_for() {
    for tag in ["baby", "Toddler", "newborn", "infant", "babies"] {
        let (_, outcome, _) = run("Tags", &format!("\"vip,{tag}\""), "vip");
        assert_eq!(outcome, pairs(&BOTH_SENT), "{tag}");
    }
    for tag in ["kids", "teen", "u16", "age:14"] {
        let (_, outcome, _) = run("Tags", &format!("\"vip,{tag}\""), "vip");
        assert_eq!(outcome, pairs(&P1_MINOR), "{tag}");
    }
}
