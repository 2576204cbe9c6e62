use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::*;
use crate::fields::policy::Category;
use crate::fields::{Field, FieldType, PrivacyClass, Role};

fn field(name: &str, ty: FieldType, class: PrivacyClass) -> Field {
    Field {
        name: name.into(),
        header: name.into(),
        ty,
        role: Role::None,
        class,
        reason: "test".into(),
        kind: None,
    }
}

fn fields() -> Vec<Field> {
    use FieldType::*;
    use PrivacyClass::*;
    vec![
        field("first_name", Text, DirectIdentifier),
        field("city", Text, QuasiIdentifier),
        field("total_spent", Decimal, Ordinary),
        field("tags", List, Ordinary),
        field("signup_date", Date, Ordinary),
        field("accepts_sms", Boolean, Consent),
        field("religion", Text, SpecialCategory),
        field("gender", Text, Protected),
    ]
}

fn run(
    source: &str,
    category: Option<Category>,
    unlocked: &[&str],
) -> Result<CheckedRule, RuleError> {
    let fields = fields();
    let unlocked: BTreeSet<String> = unlocked.iter().map(|s| s.to_string()).collect();
    let scope = Scope {
        fields: &fields,
        category,
        unlocked: &unlocked,
        as_of: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        held: &crate::fields::held::HeldValues::none(),
    };
    prepare(source, &scope)
}

fn err(source: &str) -> RuleError {
    run(source, None, &[]).unwrap_err()
}

#[test]
fn unknown_field_suggests_the_closest_with_position() {
    let e = err("city is \"x\" and\nfrist_name is \"A\"");
    assert_eq!(
        e.message,
        "no field `frist_name`; did you mean `first_name`?"
    );
    assert_eq!((e.line, e.column, e.len), (2, 1, 10));
}

#[test]
fn type_mismatches_are_errors() {
    assert_eq!(
        err("total_spent contains \"x\"").message,
        "`contains` works on text fields; `total_spent` is a decimal field"
    );
    assert!(
        err("city > 5")
            .message
            .contains("compare numbers and dates")
    );
    assert!(
        err("tags is \"x\"")
            .message
            .contains("use `tags has \"tag\"`")
    );
    assert!(
        err("city within last 3 days")
            .message
            .contains("works on date fields")
    );
    assert!(
        err("city is true")
            .message
            .contains("works on boolean fields")
    );
    assert!(
        err("total_spent is \"5\"")
            .message
            .contains("compare it with a number")
    );
    assert!(
        err("city has \"x\"")
            .message
            .contains("for text use `is` or `contains`")
    );
    assert!(
        err("total_spent between 5 and 2")
            .message
            .contains("smaller value first")
    );
    let e = err("total_spent contains \"x\"");
    assert_eq!((e.line, e.column), (1, 13));
}

#[test]
fn field_names_resolve_case_insensitively() {
    let checked = run("CITY is \"x\"", None, &[]).unwrap();
    assert_eq!(checked.rule.conditions()[0].field, "city");
}

#[test]
fn blocked_fields_are_refused_in_every_position() {
    for field in ["religion", "gender"] {
        let positions = [
            format!("{field} is \"x\""),
            format!("not {field} is \"x\""),
            format!("city is \"a\" or {field} is \"x\""),
            format!("city is \"a\" and not (city is \"b\" or {field} in (\"x\", \"y\"))"),
            format!("{field} not in (\"x\")"),
            format!("{field} is blank"),
        ];
        for source in positions {
            let e = run(&source, None, &[]).unwrap_err();
            assert!(
                e.message
                    .starts_with(&format!("field `{field}` is blocked in segment rules")),
                "{source}: {}",
                e.message
            );
            let e = run(&source, Some(Category::General), &[]).unwrap_err();
            assert!(
                e.message.contains("tactful unlock CAMPAIGN"),
                "{}",
                e.message
            );
            // Unlocked for a general campaign, the rule is allowed.
            assert!(
                run(&source, Some(Category::General), &[field]).is_ok(),
                "{source}"
            );
        }
    }
    // Protected traits and special category data never, even unlocked, in a housing
    // campaign (issue 10, item 4).
    for field in ["gender", "religion"] {
        let e = run(
            &format!("{field} is \"x\""),
            Some(Category::Housing),
            &[field],
        )
        .unwrap_err();
        assert!(
            e.message.contains("not even with an unlock"),
            "{}",
            e.message
        );
    }
}

/// Issue 10: a sensitive tag or text value is a rule on its class, wherever it is written.
#[test]
fn sensitive_values_are_refused_like_their_class() {
    for source in [
        "tags has \"muslim\"",
        "not tags has \"Muslim\"",
        "tags has any (\"vip\", \"mus\u{200B}lim\")",
        "tags has all (\"vip\", \"religion:catholic\")",
        "city is \"x\" or city is \"halal\"",
        "city in (\"Berlin\", \"kosher\")",
        "city contains \"muslim\"",
    ] {
        let e = run(source, Some(Category::General), &[]).unwrap_err();
        assert!(
            e.message.contains("is religion data") && e.message.contains("tactful unlock CAMPAIGN"),
            "{source}: {}",
            e.message
        );
        assert!(e.message.contains(":religion --reason"), "{}", e.message);
    }
    // Unlocked as the kind on the field, the rule passes; another field's unlock does not.
    assert!(
        run(
            "tags has \"muslim\"",
            Some(Category::General),
            &["tags:religion"]
        )
        .is_ok()
    );
    assert!(
        run(
            "tags has \"muslim\"",
            Some(Category::General),
            &["city:religion"]
        )
        .is_err()
    );
    // Health and orientation tags; outside a campaign the message says where to unlock.
    let e = run("tags has \"pregnant\"", None, &[]).unwrap_err();
    assert!(e.message.contains("is health data"), "{}", e.message);
    assert!(
        e.message
            .contains("campaign that unlocked health values of `tags`"),
        "{}",
        e.message
    );
    assert!(run("tags has \"lgbtq\"", None, &[]).is_err());
    // A protected value in a housing campaign: never, even unlocked.
    let e = run(
        "tags has \"female\"",
        Some(Category::Housing),
        &["tags:gender"],
    )
    .unwrap_err();
    assert!(
        e.message.contains("not even with an unlock"),
        "{}",
        e.message
    );
    // Ordinary tags and values pass.
    assert!(run("tags has any (\"vip\", \"single\", \"vegan\")", None, &[]).is_ok());
    assert!(run("city is \"Berlin\"", None, &[]).is_ok());
}

/// A trial's break: with `orientation` (lesbian/straight/bi) left ordinary, partial
/// text operators and the other values got round the literal check. Any condition on
/// a field that holds sensitive values uses their kind.
#[test]
fn any_condition_on_a_field_holding_sensitive_values_uses_their_kind() {
    use crate::fields::classify::sensitive_value;
    use crate::fields::held::{Held, HeldValues};
    let mut fields = fields();
    fields.push(field(
        "orientation",
        FieldType::Text,
        PrivacyClass::Ordinary,
    ));
    let mut held = HeldValues::none();
    held.insert(
        "orientation",
        vec![Held {
            value: sensitive_value("lesbian").unwrap(),
            contacts: 2,
            examples: vec!["lesbian".into(), "bi".into()],
            prose_only: false,
        }],
    );
    let check = |source: &str, category: Option<Category>, unlocked: &[&str]| {
        let unlocked: BTreeSet<String> = unlocked.iter().map(|s| s.to_string()).collect();
        let scope = Scope {
            fields: &fields,
            category,
            unlocked: &unlocked,
            as_of: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            held: &held,
        };
        prepare(source, &scope)
    };
    // A sensitive literal is refused as before, by the value it names.
    let e = check("orientation is \"lesbian\"", None, &[]).unwrap_err();
    assert!(
        e.message
            .starts_with("value `lesbian` of field `orientation`"),
        "{}",
        e.message
    );
    for source in [
        "orientation contains \"lesb\"",
        "orientation starts with \"l\"",
        "orientation ends with \"ian\"",
        "orientation is \"straight\"",
        "orientation is not \"straight\"",
        "orientation in (\"straight\", \"x\")",
        "orientation is blank",
        "not orientation is not blank",
        "city is \"Lyon\" or ORIENTATION is \"bi\"",
    ] {
        for category in [None, Some(Category::General)] {
            let e = check(source, category, &[]).unwrap_err();
            assert!(
                e.message.starts_with(
                    "`orientation` holds sexual orientation values for 2 contacts (lesbian, bi), so any condition on it selects by them"
                ),
                "{source}: {}",
                e.message
            );
            assert!(
                e.message.contains("orientation:sexual_orientation"),
                "{}",
                e.message
            );
        }
    }
    // The caret points at the field: `orientation` starts at column 19 (after
    // `city is "Lyon" or `, 18 characters) and is 11 long.
    let e = check("city is \"Lyon\" or orientation is \"bi\"", None, &[]).unwrap_err();
    assert_eq!((e.line, e.column, e.len), (1, 19, 11));
    // The campaign's unlock of the kind on the field opens it; another kind does not;
    // a special ad category never does.
    let rule = "orientation starts with \"l\"";
    let general = Some(Category::General);
    assert!(check(rule, general, &["orientation:sexual_orientation"]).is_ok());
    assert!(check(rule, general, &["orientation:religion"]).is_err());
    let e = check(
        rule,
        Some(Category::Housing),
        &["orientation:sexual_orientation"],
    )
    .unwrap_err();
    assert!(
        e.message.contains("not even with an unlock"),
        "{}",
        e.message
    );
    // Fields holding nothing sensitive are untouched.
    assert!(check("city starts with \"L\"", None, &[]).is_ok());
}

/// An exact tag test selects by the tags it names, so a tags field holding `pregnant`
/// for one contact does not block `tags has "vip"`; a substring or blank test on the
/// same field still selects by every tag and is refused.
#[test]
fn exact_tag_tests_select_only_by_the_tags_they_name() {
    use crate::fields::classify::sensitive_value;
    use crate::fields::held::{Held, HeldValues};
    let fields = fields();
    let mut held = HeldValues::none();
    held.insert(
        "tags",
        vec![Held {
            value: sensitive_value("pregnant").unwrap(),
            contacts: 1,
            examples: vec!["pregnant".into()],
            prose_only: false,
        }],
    );
    let unlocked = BTreeSet::new();
    let scope = Scope {
        fields: &fields,
        category: None,
        unlocked: &unlocked,
        as_of: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        held: &held,
    };
    for source in [
        "tags has \"vip\"",
        "not tags has \"vip\"",
        "tags has any (\"vip\", \"gold\")",
        "tags has all (\"vip\", \"gold\")",
    ] {
        assert!(prepare(source, &scope).is_ok(), "{source}");
    }
    for source in ["tags has \"pregnant\"", "tags is blank"] {
        assert!(prepare(source, &scope).is_err(), "{source}");
    }
}
