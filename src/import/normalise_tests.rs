//! Tests of header names and value cleaning: snake_case names, edge junk, spreadsheet damage.

use super::*;

#[test]
fn damage_descriptions_agree_with_the_count() {
    assert_eq!(
        Damage::ErrorValue.describe(1),
        "is a spreadsheet error value such as #N/A"
    );
    assert_eq!(
        Damage::ErrorValue.describe(2),
        "are spreadsheet error values such as #N/A"
    );
    assert!(
        Damage::ScientificNotation
            .describe(1)
            .starts_with("looks like a long number")
    );
    assert!(
        Damage::LeadingApostrophe
            .describe(3)
            .starts_with("start with")
    );
}

fn names(headers: &[&str]) -> Vec<String> {
    field_names(&headers.iter().map(|h| h.to_string()).collect::<Vec<_>>())
}

/// Review P2-8, P3-2, P3-3. Hashes worked out with Python's hashlib:
/// sha256("電話") starts 5154b7cf, sha256("年齢") 18a91230.
#[test]
fn unspellable_reserved_and_repeated_headers() {
    assert_eq!(
        names(&["電話", "年齢", ""]),
        ["column_5154b7cf", "column_18a91230", "column_3"]
    );
    assert_eq!(
        names(&["rowid", "OID", "_rowid_"]),
        ["rowid_field", "oid_field", "rowid_field_2"]
    );
    assert_eq!(
        names(&["Name", "name", "NAME", "name_2"]),
        ["name", "name_3", "name_4", "name_2"]
    );
}

#[test]
fn headers_become_snake_case_ascii() {
    assert_eq!(
        names(&[
            "Accepts Email Marketing",
            "emp.var.rate",
            "customerID",
            "Código Postal",
            "Straße",
            "#",
            "2nd phone",
            "_private",
            "Name",
            "name",
            "",
            "FirstName",
            "HTTPServer"
        ]),
        vec![
            "accepts_email_marketing",
            "emp_var_rate",
            "customer_id",
            "codigo_postal",
            "strasse",
            "column_334359b9", // sha256("#") per hashlib
            "f_2nd_phone",
            "private",
            "name",
            "name_2",
            "column_11",
            "first_name",
            "http_server"
        ]
    );
}

#[test]
fn bom_never_reaches_a_name() {
    // Case BR-01: a BOM that slipped through decoding is still not part of the name.
    assert_eq!(names(&["\u{feff}email"]), vec!["email"]);
}

#[test]
fn values_are_trimmed_and_controls_neutralised() {
    let (v, c) = clean_value("\u{200b} 01067\u{00a0}\u{feff}");
    assert_eq!(v, "01067");
    assert_eq!(c, Cleaning::default());
    // The escape sequence goes whole (trial 4): no `[31m` tail is left.
    let (v, c) = clean_value("a\tb\u{1b}[31m\u{85}c\r\nd\re");
    assert_eq!(v, "a bc\nd\ne");
    assert_eq!(c.controls_removed, 1);
    assert_eq!(c.sequences_removed, 1);
    assert_eq!(c.whitespace_replaced, 2);
}

/// Found by `tests/import_props.rs`: the export's quote in front of a space and a
/// formula sign hid the space from the trim, so cleaning twice changed the value.
#[test]
fn a_quoted_formula_is_trimmed_once_unquoted() {
    assert_eq!(clean_value("'\u{2000}=").0, "=");
    assert_eq!(clean_value("' =1+1").0, "=1+1");
    assert_eq!(clean_value("'tis").0, "'tis");
}

#[test]
fn spreadsheet_damage_is_spotted() {
    assert_eq!(damage("7.02255E+12"), Some(Damage::ScientificNotation));
    assert_eq!(
        damage("4.47700900124E+11"),
        Some(Damage::ScientificNotation)
    );
    assert_eq!(damage("1.5E+3"), None);
    assert_eq!(damage("'92591"), Some(Damage::LeadingApostrophe));
    // The export's own quote comes off; an Excel zip apostrophe stays.
    assert_eq!(clean_value("'-12.5").0, "-12.5");
    assert_eq!(clean_value("'+44 7700 900125").0, "+44 7700 900125");
    assert_eq!(clean_value("'=1+1").0, "=1+1");
    assert_eq!(clean_value("'92591").0, "'92591");
    assert_eq!(clean_value("''=1").0, "''=1");
    assert_eq!(damage("'tis"), None);
    assert_eq!(damage("#N/A"), Some(Damage::ErrorValue));
    assert_eq!(damage("#DIV/0!"), Some(Damage::ErrorValue));
    assert_eq!(damage("#hashtag"), None);
    assert_eq!(damage("447700900123"), None);
}
