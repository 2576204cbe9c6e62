//! Tests of [`super`]: the column plan of a file.

use super::*;

fn headers(hs: &[&str]) -> Vec<String> {
    hs.iter().map(|h| h.to_string()).collect()
}

fn names(m: &ColumnMap) -> Vec<&str> {
    m.columns.iter().map(|c| c.name.as_str()).collect()
}

#[test]
fn a_plain_file_keeps_its_names() {
    let plan = ImportPlan::default();
    let m = ColumnMap::build(&plan, "x.csv", &headers(&["E-mail", "Vorname"]), &[]).unwrap();
    assert_eq!(names(&m), ["e_mail", "vorname"]);
    assert!(m.applied.is_empty() && m.recognised.is_none());
}

/// Mailchimp's `Email Address` and `TAGS` fill the common fields `email` and `tags`.
#[test]
fn a_layout_renames_into_common_fields() {
    let plan = ImportPlan::default();
    let h = headers(&["Email Address", "First Name", "TAGS", "MEMBER_RATING"]);
    let m = ColumnMap::build(&plan, "subscribed_members_export_1.csv", &h, &[]).unwrap();
    assert_eq!(names(&m), ["email", "first_name", "tags", "member_rating"]);
    assert_eq!(
        m.applied,
        vec![MappingEntry {
            header: "Email Address".into(),
            field: "email".into(),
            by: "layout mailchimp_subscribed".into()
        }]
    );
}

#[test]
fn the_user_maps_and_skips_and_wins_over_the_layout() {
    let plan = ImportPlan {
        map: vec![
            ("Email Address".into(), "mail".into()),
            ("member_rating".into(), "stars".into()),
        ],
        skip: vec!["first name".into()],
        ..ImportPlan::default()
    };
    let h = headers(&["Email Address", "First Name", "MEMBER_RATING"]);
    let m = ColumnMap::build(&plan, "subscribed_members_export_1.csv", &h, &[]).unwrap();
    assert_eq!(names(&m), ["mail", "stars"]);
    assert_eq!(m.skipped[0].header, "First Name");
    let row = m.project(headers(&["a@b.c", "Ana", "3"]), None);
    assert_eq!(row, ["a@b.c", "3"]);
}

#[test]
fn mistakes_in_the_options_are_named() {
    let h = headers(&["email", "name"]);
    let plan = ImportPlan {
        map: vec![("phone".into(), "mobile".into())],
        ..ImportPlan::default()
    };
    let e = ColumnMap::build(&plan, "x.csv", &h, &[])
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "--map `phone=mobile`: the file has no such column; its columns are: email, name"
    );
    let plan = ImportPlan {
        map: vec![("name".into(), "email".into())],
        ..ImportPlan::default()
    };
    let e = ColumnMap::build(&plan, "x.csv", &h, &[])
        .unwrap_err()
        .to_string();
    assert!(e.contains("which column `email` fills already"), "{e}");
    let plan = ImportPlan {
        skip: vec!["email".into(), "name".into()],
        ..ImportPlan::default()
    };
    assert!(ColumnMap::build(&plan, "x.csv", &h, &[]).is_err());
}

/// A Klaviyo file with both `Phone Number` and its own `phone` column: the layout's
/// rename gives way instead of merging two columns into one field.
#[test]
fn a_layout_rename_never_collides() {
    let plan = ImportPlan::default();
    let h = headers(&["Email", "Klaviyo ID", "Phone Number", "phone"]);
    let m = ColumnMap::build(&plan, "x.csv", &h, &[]).unwrap();
    assert_eq!(names(&m), ["email", "klaviyo_id", "phone_number", "phone"]);
    assert_eq!(m.warnings.len(), 1);
}

#[test]
fn shopify_apostrophes_are_removed_and_counted() {
    let plan = ImportPlan::default();
    let h = headers(&[
        "Customer ID",
        "Email",
        "Accepts Email Marketing",
        "Default Address Zip",
        "Note",
    ]);
    let m = ColumnMap::build(&plan, "customers_export.csv", &h, &[]).unwrap();
    let mut counts = vec![0; 5];
    let row = m.project(
        headers(&["'8779761975521", "a@b.c", "no", "'01067", "'tis"]),
        Some(&mut counts),
    );
    assert_eq!(row, ["8779761975521", "a@b.c", "no", "01067", "'tis"]);
    assert_eq!(counts, [1, 0, 0, 1, 0]);
}
