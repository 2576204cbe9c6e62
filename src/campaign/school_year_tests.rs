//! Unit tests of [`super`]: expected ages worked out from the module header's table.

use super::*;

fn ages(kind: SchoolHeader, value: &str) -> Option<(i64, i64)> {
    read(kind, value, 2026).map(|g| (g.youngest, g.oldest))
}

#[test]
fn headers_are_known_by_kind() {
    assert_eq!(
        school_header("Grade"),
        Some(SchoolHeader::Grades(System::Us))
    );
    assert_eq!(
        school_header("School year"),
        Some(SchoolHeader::Grades(System::Uk))
    );
    assert_eq!(
        school_header("Schulklasse"),
        Some(SchoolHeader::Grades(System::De))
    );
    assert_eq!(school_header("Classe"), Some(SchoolHeader::Classes));
    assert_eq!(school_header("Curso"), Some(SchoolHeader::Classes));
    assert_eq!(school_header("Class of"), Some(SchoolHeader::Graduation));
    assert_eq!(school_header("class_of"), Some(SchoolHeader::Graduation));
    for no in [
        "Year of birth",
        "Grade point average",
        "Order year",
        "Email",
    ] {
        assert_eq!(school_header(no), None, "{no}");
    }
}

#[test]
fn grades_read_in_their_school_system() {
    let us = SchoolHeader::Grades(System::Us);
    let classes = SchoolHeader::Classes;
    // US grade 7: 12 to 14; UK Year 8: 12 to 14; Klasse 7: 12 to 14.
    assert_eq!(ages(us, "7th grade"), Some((12, 14)));
    assert_eq!(ages(us, "7"), Some((12, 14)));
    assert_eq!(ages(us, "Grade 12"), Some((17, 19)));
    assert_eq!(ages(classes, "Year 8"), Some((12, 14)));
    assert_eq!(ages(SchoolHeader::Grades(System::De), "7"), Some((12, 14)));
    assert_eq!(ages(classes, "7. Klasse"), Some((12, 14)));
    // French: 5e 11 to 13, CM2 9 to 11, CP 5 to 7, terminale 16 to 18.
    assert_eq!(ages(classes, "5e"), Some((11, 13)));
    assert_eq!(ages(classes, "6ème"), Some((10, 12)));
    assert_eq!(ages(classes, "CM2"), Some((9, 11)));
    assert_eq!(ages(classes, "CP"), Some((5, 7)));
    assert_eq!(ages(classes, "Terminale"), Some((16, 18)));
    // Spanish 1º ESO 11 to 13, 3º Primaria 7 to 9; Italian terza media 12 to 14;
    // Dutch groep 5 8 to 10; Portuguese 5.º ano 9 to 11.
    assert_eq!(ages(classes, "1º ESO"), Some((11, 13)));
    assert_eq!(ages(classes, "3º de Primaria"), Some((7, 9)));
    assert_eq!(ages(classes, "terza media"), Some((12, 14)));
    assert_eq!(ages(classes, "Groep 5"), Some((8, 10)));
    assert_eq!(ages(classes, "5º ano"), Some((9, 11)));
    // A class's bare number, a mark, a score, a travel class: no school year.
    for no in ["7", "Business", "Economy", "First", "2019"] {
        assert_eq!(ages(classes, no), None, "{no}");
    }
    for no in ["A", "B+", "85", "0", "13.5"] {
        assert_eq!(ages(us, no), None, "{no}");
    }
    // A train's class is a school year only ambiguously.
    assert!(!read(classes, "2. Klasse", 2026).unwrap().clear);
    assert!(!read(classes, "1ère", 2026).unwrap().clear);
}

#[test]
fn a_school_leaving_year_is_a_school_leavers_age() {
    // Class of 2030 on a date in 2026: 2026 − 2030 + 17 = 13 to 15.
    assert_eq!(ages(SchoolHeader::Graduation, "2030"), Some((13, 15)));
    assert_eq!(
        ages(SchoolHeader::Graduation, "Class of 2027"),
        Some((16, 18))
    );
    assert_eq!(ages(SchoolHeader::Graduation, "1990"), Some((53, 55)));
    assert_eq!(ages(SchoolHeader::Graduation, "soon"), None);
    assert_eq!(ages(SchoolHeader::Graduation, "2050"), None);
}

#[test]
fn stages_key_stages_and_scottish_years_read_under_a_school_header() {
    // Trial 6, G7; ages from `stage_of`'s table: freshman grade 9 (14 to 16), KS3 11
    // to 14, S2 12 to 14, P7 10 to 12, Form 3 13 to 15, middle school 11 to 14.
    let uk = SchoolHeader::Grades(System::Uk);
    for (value, want) in [
        ("Freshman", (14, 16)),
        ("Sophomore", (15, 17)),
        ("KS3", (11, 14)),
        ("Key Stage 4", (14, 16)),
        ("S2", (12, 14)),
        ("P7", (10, 12)),
        ("Primary 6", (9, 11)),
        ("Form 3", (13, 15)),
        ("Middle school", (11, 14)),
        ("high school student", (14, 18)),
        ("Grundschule", (5, 11)),
    ] {
        assert_eq!(ages(uk, value), Some(want), "{value}");
    }
    assert_eq!(ages(uk, "KS6"), None);
    assert_eq!(ages(uk, "S9"), None);
}

#[test]
fn only_school_years_that_name_themselves_are_pupil_years_anywhere() {
    let youngest = |v: &str| pupil_year(v).map(|g| g.youngest);
    assert_eq!(youngest("Year 9"), Some(13));
    assert_eq!(youngest("KS3"), Some(11));
    assert_eq!(youngest("Freshman"), Some(14));
    // Ambiguous outside a school column: a level, a size, a reception, an edition, the
    // school an adult left (trial 7, N6).
    for no in [
        "Middle school",
        "high.school",
        "Secondary school",
        "Junior",
        "Senior",
        "S2",
        "P7",
        "Form 3",
        "Reception",
        "CP",
        "5e",
        "Year 1",
    ] {
        assert_eq!(youngest(no), None, "{no}");
    }
}
