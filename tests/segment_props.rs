//! Property tests of the rule language:
//! - round trip: printing a rule and parsing the text gives the same rule;
//! - differential: the compiled SQL selects exactly the contacts the independent
//!   evaluator accepts, over generated contacts (blanks, case variants with non-ASCII
//!   letters, tags, dates at ±1 day of window edges) and generated rules.

mod segment_fixture;

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use rusqlite::types::Value as Sql;
use segment_fixture::*;
use tactful::fields::{FieldType, PrivacyClass};
use tactful::segment::ast::{Cmp, Condition, Literal, Op, Rule, Span};
use tactful::segment::{Scope, check, compile, eval, parse, store};

fn as_of() -> NaiveDate {
    day(2026, 3, 1)
}

const TEXTS: &[&str] = &[
    "berlin",
    "BERLIN",
    " Berlin ",
    "Berl",
    "ärger",
    "ÄRGER",
    "Ärger x",
    "ΟΔΟΣ",
    "οδοσ",
    "straße",
    "STRASSE",
    "İstanbul",
    "\u{212a}elvin",
    "kelvin",
    "a,b",
    "  ",
];
const TAGS: &[&str] = &[
    "vip", "VIP", "gold", "Gold", "ärger", "ÄRGER", "vipers", "v",
];
/// Day offsets from the as-of date around the edges of 0, 30, 60 and 90 day windows.
const OFFSETS: &[i64] = &[-91, -90, -89, -61, -60, -59, -31, -30, -29, -1, 0, 1, -400];
const WINDOWS: &[u32] = &[0, 30, 60, 90];

fn date_at(offset: i64) -> NaiveDate {
    if offset < 0 {
        as_of() - Days::new(offset.unsigned_abs())
    } else {
        as_of() + Days::new(offset as u64)
    }
}

fn text_value() -> impl Strategy<Value = Sql> {
    prop_oneof![
        1 => Just(Sql::Null),
        4 => prop::sample::select(TEXTS).prop_map(|s| Sql::Text(s.into())),
    ]
}

fn row() -> impl Strategy<Value = Vec<Sql>> {
    (
        text_value(),
        prop_oneof![1 => Just(Sql::Null), 3 => (-3i64..=5).prop_map(Sql::Integer)],
        prop_oneof![
            1 => Just(Sql::Null),
            3 => prop::sample::select(&[-1.5, 0.0, 2.25, 3.0, 100.0][..]).prop_map(Sql::Real)
        ],
        prop_oneof![1 => Just(Sql::Null), 3 => any::<bool>().prop_map(|b| Sql::Integer(b.into()))],
        prop_oneof![
            1 => Just(Sql::Null),
            3 => prop::sample::select(OFFSETS).prop_map(|o| Sql::Text(date_at(o).to_string()))
        ],
        prop_oneof![
            1 => Just(Sql::Null),
            3 => (prop::sample::select(OFFSETS), prop::bool::ANY).prop_map(|(o, late)| {
                let time = if late { "23:59:59" } else { "00:00:00" };
                Sql::Text(format!("{}T{time}Z", date_at(o)))
            })
        ],
        prop_oneof![
            1 => Just(Sql::Null),
            3 => prop::sample::subsequence(TAGS, 0..4).prop_map(|t| Sql::Text(t.join(", ")))
        ],
    )
        .prop_map(|(a, b, c, d, e, f, g)| vec![a, b, c, d, e, f, g])
}

fn cond(field: &str, op: Op) -> Rule {
    Rule::Condition(Condition {
        field: field.into(),
        op,
        field_span: Span::default(),
        op_span: Span::default(),
    })
}

fn cmp() -> impl Strategy<Value = Cmp> {
    prop::sample::select(&[Cmp::Gt, Cmp::Ge, Cmp::Lt, Cmp::Le][..])
}

fn word() -> impl Strategy<Value = String> {
    prop::sample::select(&TEXTS[..15]).prop_map(|s| s.trim().to_string())
}

fn tag() -> impl Strategy<Value = String> {
    prop::sample::select(TAGS).prop_map(str::to_string)
}

fn date_lit() -> impl Strategy<Value = NaiveDate> {
    prop::sample::select(OFFSETS).prop_map(date_at)
}

fn number() -> impl Strategy<Value = Literal> {
    prop_oneof![
        (-3i64..=5).prop_map(Literal::Integer),
        prop::sample::select(&[-1.5, 0.0, 2.25, 3.0, 100.0][..]).prop_map(Literal::Decimal),
    ]
}

fn text_lit() -> impl Strategy<Value = Literal> {
    word().prop_map(Literal::Text)
}

fn date_ops(field: &'static str) -> BoxedStrategy<Rule> {
    let d = || date_lit().prop_map(Literal::Date);
    prop_oneof![
        d().prop_map(move |l| cond(field, Op::Eq(l))),
        d().prop_map(move |l| cond(field, Op::NotEq(l))),
        (cmp(), d()).prop_map(move |(c, l)| cond(field, Op::Cmp(c, l))),
        (date_lit(), date_lit()).prop_map(move |(a, b)| cond(
            field,
            Op::Between(Literal::Date(a.min(b)), Literal::Date(a.max(b)))
        )),
        prop::collection::vec(d(), 1..3).prop_map(move |l| cond(field, Op::In(l))),
        prop::collection::vec(d(), 1..3).prop_map(move |l| cond(field, Op::NotIn(l))),
        prop::sample::select(WINDOWS).prop_map(move |n| cond(field, Op::WithinLast(n))),
        prop::sample::select(WINDOWS).prop_map(move |n| cond(field, Op::MoreThanAgo(n))),
        date_lit().prop_map(move |x| cond(field, Op::Before(x))),
        date_lit().prop_map(move |x| cond(field, Op::After(x))),
        date_lit().prop_map(move |x| cond(field, Op::On(x))),
        Just(cond(field, Op::Blank)),
        Just(cond(field, Op::NotBlank)),
    ]
    .boxed()
}

fn number_ops(field: &'static str) -> BoxedStrategy<Rule> {
    prop_oneof![
        number().prop_map(move |l| cond(field, Op::Eq(l))),
        number().prop_map(move |l| cond(field, Op::NotEq(l))),
        (cmp(), number()).prop_map(move |(c, l)| cond(field, Op::Cmp(c, l))),
        (-3i64..=5, 0i64..4).prop_map(move |(a, w)| cond(
            field,
            Op::Between(Literal::Integer(a), Literal::Integer(a + w))
        )),
        prop::collection::vec(number(), 1..3).prop_map(move |l| cond(field, Op::In(l))),
        prop::collection::vec(number(), 1..3).prop_map(move |l| cond(field, Op::NotIn(l))),
        Just(cond(field, Op::Blank)),
        Just(cond(field, Op::NotBlank)),
    ]
    .boxed()
}

fn condition() -> BoxedStrategy<Rule> {
    prop_oneof![
        text_lit().prop_map(|l| cond("name", Op::Eq(l))),
        text_lit().prop_map(|l| cond("name", Op::NotEq(l))),
        prop::collection::vec(text_lit(), 1..3).prop_map(|l| cond("name", Op::In(l))),
        prop::collection::vec(text_lit(), 1..3).prop_map(|l| cond("name", Op::NotIn(l))),
        word().prop_map(|s| cond("name", Op::Contains(s))),
        word().prop_map(|s| cond("name", Op::StartsWith(s))),
        word().prop_map(|s| cond("name", Op::EndsWith(s))),
        Just(cond("name", Op::Blank)),
        Just(cond("name", Op::NotBlank)),
        number_ops("orders"),
        number_ops("spent"),
        any::<bool>().prop_map(|b| cond("sms", Op::Eq(Literal::Boolean(b)))),
        any::<bool>().prop_map(|b| cond("sms", Op::NotEq(Literal::Boolean(b)))),
        Just(cond("sms", Op::Blank)),
        date_ops("last_order"),
        date_ops("seen_at"),
        tag().prop_map(|t| cond("tags", Op::Has(t))),
        prop::collection::vec(tag(), 1..3).prop_map(|t| cond("tags", Op::HasAny(t))),
        prop::collection::vec(tag(), 1..3).prop_map(|t| cond("tags", Op::HasAll(t))),
        Just(cond("tags", Op::Blank)),
        Just(cond("tags", Op::NotBlank)),
    ]
    .boxed()
}

fn rule() -> impl Strategy<Value = Rule> {
    condition().prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4).prop_map(Rule::And),
            prop::collection::vec(inner.clone(), 2..4).prop_map(Rule::Or),
            inner.prop_map(|r| Rule::Not(Box::new(r))),
        ]
    })
}

fn defs() -> Vec<tactful::fields::Field> {
    use FieldType::*;
    let o = PrivacyClass::Ordinary;
    vec![
        field("name", Text, o),
        field("orders", Integer, o),
        field("spent", Decimal, o),
        field("sms", Boolean, o),
        field("last_order", Date, o),
        field("seen_at", Datetime, o),
        field("tags", List, o),
    ]
}

/// Text literals for round trips: quotes, backslashes, non-ASCII.
fn any_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 \"\\\\äΣ,()#]{0,8}"
}

fn wild_condition() -> impl Strategy<Value = Rule> {
    prop_oneof![
        condition(),
        any_text().prop_map(|s| cond("name", Op::Eq(Literal::Text(s)))),
        any_text().prop_map(|s| cond("tags", Op::Has(s))),
        (-1_000_000i64..1_000_000, 1u32..4).prop_map(|(n, p)| {
            cond(
                "spent",
                Op::Cmp(Cmp::Ge, Literal::Decimal(n as f64 / 10f64.powi(p as i32))),
            )
        }),
        any::<i64>().prop_map(|n| cond("orders", Op::Eq(Literal::Integer(n)))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn printed_rules_parse_back_to_the_same_rule(
        r in wild_condition().prop_recursive(4, 24, 3, |inner| prop_oneof![
            prop::collection::vec(inner.clone(), 2..4).prop_map(Rule::And),
            prop::collection::vec(inner.clone(), 2..4).prop_map(Rule::Or),
            inner.prop_map(|r| Rule::Not(Box::new(r))),
        ])
    ) {
        let text = r.to_string();
        let back = parse::parse(&text).map_err(|e| TestCaseError::fail(e.caret()))?;
        prop_assert_eq!(back, r, "{}", text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn compiled_sql_agrees_with_the_evaluator(
        rows in prop::collection::vec(row(), 1..14),
        rules in prop::collection::vec(rule(), 10),
    ) {
        let defs = defs();
        let keyed: Vec<(String, Vec<Sql>)> =
            rows.into_iter().enumerate().map(|(i, r)| (format!("c{i}"), r)).collect();
        let borrowed: Vec<(&str, Vec<Sql>)> =
            keyed.iter().map(|(k, r)| (k.as_str(), r.clone())).collect();
        let ws = open_with(None, &defs, &borrowed);
        let records: Vec<_> = keyed
            .iter()
            .map(|(k, _)| (k.clone(), store::load_record(ws.conn(), &defs, k).unwrap().unwrap()))
            .collect();
        let none = BTreeSet::new();
        let held = tactful::fields::held::HeldValues::load(ws.conn(), &defs).unwrap();
        let scope = Scope { fields: &defs, category: None, unlocked: &none, as_of: as_of(), held: &held };
        for r in rules {
            let text = r.to_string();
            let checked = check::prepare(&text, &scope).map_err(|e| TestCaseError::fail(e.caret()))?;
            let compiled = compile::compile(&checked);
            let sql = format!("SELECT _key FROM contacts WHERE {}", compiled.sql);
            let mut stmt = ws.conn().prepare(&sql).unwrap();
            let by_sql: BTreeSet<String> = stmt
                .query_map(rusqlite::params_from_iter(&compiled.params), |row| row.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let by_eval: BTreeSet<String> = records
                .iter()
                .filter(|(_, rec)| eval::matches(&checked, rec))
                .map(|(k, _)| k.clone())
                .collect();
            prop_assert_eq!(&by_sql, &by_eval, "rule: {}\nsql: {}", text, compiled.sql);
        }
    }
}
