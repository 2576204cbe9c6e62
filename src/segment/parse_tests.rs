use chrono::NaiveDate;

use super::*;
use crate::segment::ast::{Cmp, Literal, Op, Rule};

fn cond(source: &str) -> (String, Op) {
    match parse(source).unwrap() {
        Rule::Condition(c) => (c.field, c.op),
        other => panic!("not a condition: {other:?}"),
    }
}

fn text(s: &str) -> Literal {
    Literal::Text(s.into())
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn every_operator_from_the_issue_parses() {
    let cases: Vec<(&str, Op)> = vec![
        (r#"city is "Berlin""#, Op::Eq(text("Berlin"))),
        (r#"city = "Berlin""#, Op::Eq(text("Berlin"))),
        (r#"country is not "DE""#, Op::NotEq(text("DE"))),
        (r#"country != "DE""#, Op::NotEq(text("DE"))),
        (
            "total_spent >= 100",
            Op::Cmp(Cmp::Ge, Literal::Integer(100)),
        ),
        (
            "total_spent > 99.5",
            Op::Cmp(Cmp::Gt, Literal::Decimal(99.5)),
        ),
        ("total_spent < -3", Op::Cmp(Cmp::Lt, Literal::Integer(-3))),
        (
            "total_spent <= -0.25",
            Op::Cmp(Cmp::Le, Literal::Decimal(-0.25)),
        ),
        (
            "total_orders between 2 and 5",
            Op::Between(Literal::Integer(2), Literal::Integer(5)),
        ),
        (
            r#"city in ("Berlin", "Hamburg")"#,
            Op::In(vec![text("Berlin"), text("Hamburg")]),
        ),
        (r#"city not in ("Berlin")"#, Op::NotIn(vec![text("Berlin")])),
        (
            r#"email ends with "@example.com""#,
            Op::EndsWith("@example.com".into()),
        ),
        (
            r#"note contains "wholesale""#,
            Op::Contains("wholesale".into()),
        ),
        (r#"first_name starts with "A""#, Op::StartsWith("A".into())),
        ("phone is blank", Op::Blank),
        ("phone is not blank", Op::NotBlank),
        ("accepts_sms is true", Op::Eq(Literal::Boolean(true))),
        ("accepts_sms is false", Op::Eq(Literal::Boolean(false))),
        (r#"tags has "vip""#, Op::Has("vip".into())),
        (
            r#"tags has any ("vip", "gold")"#,
            Op::HasAny(vec!["vip".into(), "gold".into()]),
        ),
        (r#"tags has all ("vip")"#, Op::HasAll(vec!["vip".into()])),
        ("last_order_date within last 90 days", Op::WithinLast(90)),
        ("last_order_date more than 60 days ago", Op::MoreThanAgo(60)),
        (
            "signup_date before 2026-01-01",
            Op::Before(date(2026, 1, 1)),
        ),
        ("signup_date after 2025-06-30", Op::After(date(2025, 6, 30))),
        ("signup_date on 2025-06-30", Op::On(date(2025, 6, 30))),
        (
            "signup_date between 2024-04-01 and 2024-04-30",
            Op::Between(
                Literal::Date(date(2024, 4, 1)),
                Literal::Date(date(2024, 4, 30)),
            ),
        ),
        (
            r#"note is "say \"hi\" \\ bye""#,
            Op::Eq(text(r#"say "hi" \ bye"#)),
        ),
    ];
    for (source, op) in cases {
        assert_eq!(cond(source).1, op, "{source}");
    }
}

#[test]
fn and_binds_tighter_than_or_and_keywords_ignore_case() {
    let rule = parse("a is 1 OR b is 2 And NOT c is 3").unwrap();
    let Rule::Or(parts) = rule else {
        panic!("expected or")
    };
    assert_eq!(parts.len(), 2);
    let Rule::And(right) = &parts[1] else {
        panic!("expected and on the right")
    };
    assert!(matches!(right[1], Rule::Not(_)));
    let grouped = parse("(a is 1 or b is 2) and c is 3").unwrap();
    assert!(matches!(grouped, Rule::And(_)));
}

#[test]
fn multi_line_rules_with_comments_locate_conditions() {
    let source = "# VIPs in Berlin\ncity is \"Berlin\"\n  and tags has \"vip\"";
    let rule = parse(source).unwrap();
    let conds = rule.conditions();
    assert_eq!(
        (conds[0].field_span.line, conds[0].field_span.column),
        (2, 1)
    );
    assert_eq!(
        (conds[1].field_span.line, conds[1].field_span.column),
        (3, 7)
    );
}

#[test]
fn errors_say_where_and_what_was_expected() {
    let e = parse("city \"Berlin\"").unwrap_err();
    assert_eq!((e.line, e.column), (1, 6));
    assert_eq!(
        e.message,
        "expected an operator like `is`, `=`, `contains`, `>`, `in`, `has` after field `city`"
    );
    assert_eq!(e.caret(), format!("{e}\n  city \"Berlin\"\n       ^"));

    let e = parse("city is \"Berlin").unwrap_err();
    assert_eq!((e.line, e.column), (1, 9));
    assert!(e.message.contains("no closing"), "{}", e.message);

    let e = parse("a is 1 and\n  (b is 2").unwrap_err();
    assert_eq!((e.line, e.column), (2, 3));

    let e = parse("a is 1 b").unwrap_err();
    assert_eq!(e.message, "expected `and`, `or` or the end of the rule");
    assert_eq!(
        parse("a is 1)").unwrap_err().message,
        "this `)` has no matching `(`"
    );
    assert!(
        parse("d on 2026-02-30")
            .unwrap_err()
            .message
            .contains("not a calendar date")
    );
    assert!(
        parse("a is")
            .unwrap_err()
            .message
            .starts_with("expected a value")
    );
    assert!(parse("").unwrap_err().message.contains("ends too early"));
}

#[test]
fn hostile_input_is_refused_without_overflowing() {
    let deep = format!("{}a is 1{}", "(".repeat(10_000), ")".repeat(10_000));
    let e = parse(&deep).unwrap_err();
    assert!(e.message.contains("more than 64 deep"), "{}", e.message);
    let nots = format!("{}a is 1", "not ".repeat(10_000));
    assert!(parse(&nots).unwrap_err().message.contains("deep"));
    let ok = format!("{}a is 1{}", "(".repeat(64), ")".repeat(64));
    assert!(parse(&ok).is_ok());

    let big = format!("a is \"{}\"", "x".repeat(1 << 20));
    assert!(
        parse(&big)
            .unwrap_err()
            .message
            .contains("limited to 65536 bytes")
    );

    let e = parse("city is \"Ber\0lin\"").unwrap_err();
    assert_eq!((e.line, e.column), (1, 13));
    assert!(e.message.contains("U+0000"));
    let wide = format!("a is 1{}", " or a is 1".repeat(6000));
    assert!(parse(&wide).is_ok());
}
