//! Type inference on columns of values worked out by hand.

use super::*;
use rusqlite::types::Value as Sql;

fn infer_named(name: &str, values: &[&str], opts: TypeOptions) -> (Inferred, Vec<String>) {
    let mut s = ColumnStats::default();
    for (i, v) in values.iter().enumerate() {
        s.observe(v, i as u64 + 2, opts);
    }
    s.infer(name, opts)
}

fn infer(values: &[&str], opts: TypeOptions) -> (Inferred, Vec<String>) {
    infer_named("col", values, opts)
}

fn ty(values: &[&str]) -> FieldType {
    infer(values, TypeOptions::default()).0.ty
}

#[test]
fn leading_zeros_and_phones_are_text() {
    // Case BR-05 and BR-24.
    assert_eq!(ty(&["01067", "04109", "08001"]), FieldType::Text);
    assert_eq!(ty(&["000123", "000124"]), FieldType::Text);
    assert_eq!(
        ty(&[
            "447700900123",
            "4.47700900124E+11",
            "+44 7700 900125",
            "07700900126"
        ]),
        FieldType::Text
    );
    assert_eq!(ty(&["0", "1", "10"]), FieldType::Integer);
    assert_eq!(ty(&["99999999999999999999"]), FieldType::Text);
}

#[test]
fn decimal_comma_needs_the_option() {
    // Case BR-02: 12,50 is never 1250.
    assert_eq!(ty(&["12,50", "0,99", "100"]), FieldType::Text);
    let opts = TypeOptions {
        decimal_comma: true,
        date_order: None,
    };
    let (inferred, _) = infer(&["12,50", "0,99", "100"], opts);
    assert_eq!(inferred.ty, FieldType::Decimal);
    assert_eq!(to_sql("12,50", inferred, opts), Some(Sql::Real(12.5)));
    assert_eq!(ty(&["29.85", "1889.5", "-3"]), FieldType::Decimal);
}

#[test]
fn dates_need_one_order() {
    let (i, w) = infer(&["11/08/2016", "6/16/2016"], TypeOptions::default());
    assert_eq!(
        (i.ty, i.order, w),
        (FieldType::Date, Some(DateOrder::Mdy), vec![])
    );
    assert_eq!(
        to_sql("6/16/2016", i, TypeOptions::default()),
        Some(Sql::Text("2016-06-16".into()))
    );
    let (i, w) = infer(&["01/02/2024", "3/4/2024"], TypeOptions::default());
    assert_eq!(i.ty, FieldType::Text);
    assert_eq!(
        w,
        ["ambiguous day/month order in column col; kept as text; pass --date-order dmy|mdy"]
    );
    let opts = TypeOptions {
        decimal_comma: false,
        date_order: Some(DateOrder::Dmy),
    };
    let (i, _) = infer(&["01/02/2024", "3/4/2024"], opts);
    assert_eq!(
        to_sql("01/02/2024", i, opts),
        Some(Sql::Text("2024-02-01".into()))
    );
    assert_eq!(ty(&["2024-04-30", "31.12.2023"]), FieldType::Date);
    assert_eq!(ty(&["13/13/2024"]), FieldType::Text);
}

#[test]
fn datetimes_are_utc_without_shifting_naive_ones() {
    let (i, _) = infer(
        &["1991-10-02T20:30:31.000Z", "2024-01-01 10:00:00"],
        TypeOptions::default(),
    );
    assert_eq!(i.ty, FieldType::Datetime);
    let o = TypeOptions::default();
    assert_eq!(
        to_sql("1991-10-02T22:30:31+02:00", i, o),
        Some(Sql::Text("1991-10-02T20:30:31Z".into()))
    );
    assert_eq!(
        to_sql("2024-01-01 10:00:00", i, o),
        Some(Sql::Text("2024-01-01T10:00:00Z".into()))
    );
}

#[test]
fn booleans_and_lists() {
    assert_eq!(ty(&["Yes", "no", "TRUE"]), FieldType::Boolean);
    let mut s = ColumnStats::default();
    s.observe("vip, gold", 2, TypeOptions::default());
    let (i, _) = s.infer("tags", TypeOptions::default());
    assert_eq!(i.ty, FieldType::List);
    assert_eq!(
        to_sql(" vip ,gold,, ", i, TypeOptions::default()),
        Some(Sql::Text("vip, gold".into()))
    );
}

fn comma() -> TypeOptions {
    TypeOptions {
        decimal_comma: true,
        date_order: None,
    }
}

/// Case BR-31 (../shared/cases/BR-31/expected.md): `1.234,50`, `12,50`, `7` under
/// `--decimal-comma` are 1234.5, 12.5 and 7; with a stray `31.24` on line 4 the column
/// stays text and the warning names the column, the value and the line.
#[test]
fn br31_grouped_thousands_and_a_stray_point() {
    let (i, w) = infer_named("total_spend", &["1.234,50", "12,50", "7"], comma());
    assert_eq!((i.ty, w), (FieldType::Decimal, vec![]));
    assert_eq!(to_sql("1.234,50", i, comma()), Some(Sql::Real(1234.5)));
    assert_eq!(to_sql("7", i, comma()), Some(Sql::Real(7.0)));
    let (i, w) = infer_named("total_spend", &["1.234,50", "12,50", "31.24", "7"], comma());
    assert_eq!(i.ty, FieldType::Text);
    assert_eq!(
        w,
        [
            "column total_spend kept as text although --decimal-comma was given: 1 value does not read as a number with a decimal comma and `.` thousands groups: `31.24` (line 4)"
        ]
    );
}

#[test]
fn currency_amounts_are_decimals_with_their_currency() {
    let (i, w) = infer(&["€1,088.00", "€12.50", "0"], TypeOptions::default());
    assert_eq!(
        (i.ty, i.currency, w),
        (FieldType::Decimal, Some("€"), vec![])
    );
    assert_eq!(
        to_sql("€1,088.00", i, TypeOptions::default()),
        Some(Sql::Real(1088.0))
    );
    let (i, _) = infer(&["1.234,50 €", "3,99 €"], TypeOptions::default());
    assert_eq!((i.ty, i.currency), (FieldType::Decimal, Some("€")));
    assert_eq!(
        to_sql("1.234,50 €", i, TypeOptions::default()),
        Some(Sql::Real(1234.5))
    );
    let (i, _) = infer(&["$1,234.56", "$7"], TypeOptions::default());
    assert_eq!((i.ty, i.currency), (FieldType::Decimal, Some("$")));
    let (i, w) = infer_named("price", &["$5.00", "€5.00"], TypeOptions::default());
    assert_eq!(i.ty, FieldType::Text);
    assert_eq!(
        w,
        [
            "column price kept as text: its amounts are in several currencies ($, €), which cannot be added or compared"
        ]
    );
    // Grouped whole numbers without a currency are integers.
    let (i, _) = infer(&["1,088", "12"], TypeOptions::default());
    assert_eq!(i.ty, FieldType::Integer);
    assert_eq!(
        to_sql("1,088", i, TypeOptions::default()),
        Some(Sql::Integer(1088))
    );
}

#[test]
fn a_decimal_comma_column_without_the_option_says_so() {
    let (i, w) = infer_named("spend", &["12,50", "0,99", "100"], TypeOptions::default());
    assert_eq!(i.ty, FieldType::Text);
    assert_eq!(
        w,
        [
            "column spend kept as text: values such as `12,50` (line 2), `0,99` (line 3) read as numbers only with a decimal comma; pass --decimal-comma if the comma is the decimal separator"
        ]
    );
    // A text column of names gets no number warning.
    assert_eq!(infer(&["Ana", "Bo"], comma()).1, Vec::<String>::new());
}

#[test]
fn tag_cells_in_every_form_make_list_columns() {
    let (i, _) = infer_named("tags", &["\"VIP\",\"Newsletter\""], TypeOptions::default());
    assert_eq!(
        to_sql("\"VIP\",\"Newsletter\"", i, TypeOptions::default()),
        Some(Sql::Text("VIP, Newsletter".into()))
    );
    assert_eq!(
        to_sql("vip; gold", i, TypeOptions::default()),
        Some(Sql::Text("vip, gold".into()))
    );
    let (i, _) = infer_named(
        "interests",
        &["[\"a\",\"b c\"]", "[]"],
        TypeOptions::default(),
    );
    assert_eq!(i.ty, FieldType::List);
    assert_eq!(
        to_sql("[\"a\",\"b c\"]", i, TypeOptions::default()),
        Some(Sql::Text("a, b c".into()))
    );
    assert_eq!(
        infer_named("shopify_tags", &["x"], TypeOptions::default())
            .0
            .ty,
        FieldType::List
    );
}

#[test]
fn new_date_forms_and_their_columns() {
    let o = TypeOptions::default();
    let (i, _) = infer(&["2024-11-20T10:11:12.123", "2024-11-20 10:11:12 +0100"], o);
    assert_eq!(i.ty, FieldType::Datetime);
    assert_eq!(
        to_sql("2024-11-20 10:11:12 +0100", i, o),
        Some(Sql::Text("2024-11-20T09:11:12Z".into()))
    );
    // 11/20 reads only month first; a date alone in a datetime column is midnight.
    let (i, _) = infer(&["11/20/2024 3:45 PM", "12/01/2024"], o);
    assert_eq!((i.ty, i.order), (FieldType::Datetime, Some(DateOrder::Mdy)));
    assert_eq!(
        to_sql("12/01/2024", i, o),
        Some(Sql::Text("2024-12-01T00:00:00Z".into()))
    );
    let (i, _) = infer(&["Nov 20, 2024", "20 Nov 2024"], o);
    assert_eq!(i.ty, FieldType::Date);
    assert_eq!(
        to_sql("Nov 20, 2024", i, o),
        Some(Sql::Text("2024-11-20".into()))
    );
    // Compact dates need a date-like name; elsewhere they are integers.
    let (i, _) = infer_named("order_date", &["20241120", "20240101"], o);
    assert_eq!(i.ty, FieldType::Date);
    assert_eq!(
        to_sql("20241120", i, o),
        Some(Sql::Text("2024-11-20".into()))
    );
    assert_eq!(
        infer_named("code", &["20241120"], o).0.ty,
        FieldType::Integer
    );
}
