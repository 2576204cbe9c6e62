//! Checks that run before any message renders: size, syntax, Liquid form, unknown
//! filters, blocked and consent fields, sandbox (no include, no functions).

mod support;

use std::collections::BTreeSet;

use support::{field, text};
use tactful::fields::policy::Category;
use tactful::fields::{FieldType, PrivacyClass};
use tactful::message::{BodyFormat, IssueKind, PolicyScope, TemplateError, check};

fn plain(src: &str, fields: &[tactful::fields::Field]) -> Result<(), TemplateError> {
    check(
        src,
        BodyFormat::Plain,
        fields,
        &PolicyScope::outside_campaign(),
    )
    .map(|_| ())
}

#[test]
fn syntax_error_points_at_line_and_column() {
    // Line 2 is "Your order {{ order_id }": "Your order " is 11 characters, `{{` 12-13,
    // a space, `order_id` 15-22, a space, and the lone `}` at column 24.
    let src = "Hi {{ first_name }},\nYour order {{ order_id }\nThanks";
    let err = plain(src, &[text("first_name"), text("order_id")]).unwrap_err();
    let TemplateError::Syntax {
        line,
        column,
        excerpt,
        ..
    } = &err
    else {
        panic!("expected a syntax error, got {err}");
    };
    assert_eq!((*line, *column), (2, 24));
    assert_eq!(
        excerpt,
        "2 | Your order {{ order_id }\n  |                        ^"
    );
    assert!(
        err.to_string()
            .starts_with("syntax error at line 2, column 24")
    );
}

#[test]
fn oversized_template_is_refused_before_parsing() {
    let huge = "{{ first_name }}".repeat(65_536); // 16 bytes × 65,536 = 1 MiB
    let err = plain(&huge, &[text("first_name")]).unwrap_err();
    assert_eq!(
        err,
        TemplateError::TooLarge {
            bytes: 1_048_576,
            limit: 65_536
        }
    );
    assert!(err.to_string().contains("64 KiB"));
    // Exactly at the limit is accepted.
    assert!(plain(&"a".repeat(65_536), &[]).is_ok());
}

#[test]
fn liquid_default_shows_the_accepted_form() {
    let err = plain(
        "Hi {{ first_name | default: \"there\" }}!",
        &[text("first_name")],
    )
    .unwrap_err();
    assert_eq!(
        err.issues()[0].kind,
        IssueKind::LiquidFilter {
            found: "{{ first_name | default: \"there\" }}".into(),
            accepted: "{{ first_name | default(\"there\") }}".into(),
        }
    );
    assert!(
        err.to_string()
            .contains("`{{ first_name | default(\"there\") }}`"),
        "{err}"
    );
}

#[test]
fn unknown_filter_lists_the_accepted_ones() {
    let err = plain("{{ first_name | upcase }}", &[text("first_name")]).unwrap_err();
    assert_eq!(
        err.issues()[0].kind,
        IssueKind::UnknownFilter {
            name: "upcase".into(),
            suggestion: Some("upper".into())
        }
    );
    assert!(
        err.to_string()
            .contains("the filters are: default, upper, lower, title, date, currency"),
        "{err}"
    );
    // The engine's own filters are not offered either.
    let err = plain("{{ first_name | safe }}", &[text("first_name")]).unwrap_err();
    assert!(
        matches!(&err.issues()[0].kind, IssueKind::UnknownFilter { name, .. } if name == "safe")
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let err = plain(
        "{{ frist_name }} {{ joined | date(\"%Q\") }} {{ spend | currency(\"euro\") }}",
        &[
            text("first_name"),
            field("joined", FieldType::Date, PrivacyClass::Ordinary),
            field("spend", FieldType::Decimal, PrivacyClass::Ordinary),
        ],
    )
    .unwrap_err();
    let kinds: Vec<&str> = err
        .issues()
        .iter()
        .map(|i| match i.kind {
            IssueKind::UnknownField { .. } => "unknown field",
            IssueKind::BadDateFormat { .. } => "date format",
            IssueKind::BadCurrency { .. } => "currency",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, ["unknown field", "date format", "currency"]);
}

#[test]
fn special_category_field_needs_an_unlock() {
    let religion = field("religion", FieldType::Text, PrivacyClass::SpecialCategory);
    let src = "Happy holidays, {{ religion }}";
    let err = plain(src, std::slice::from_ref(&religion)).unwrap_err();
    let IssueKind::Blocked(blocked) = &err.issues()[0].kind else {
        panic!("expected a blocked field, got {err}");
    };
    assert!(blocked.unlockable);
    assert!(err.to_string().contains("GDPR Art. 9(1)"), "{err}");

    let unlocked: BTreeSet<String> = ["religion".to_string()].into();
    let scope = PolicyScope {
        category: Some(Category::General),
        unlocked: &unlocked,
    };
    assert!(check(src, BodyFormat::Plain, &[religion], &scope).is_ok());
}

#[test]
fn protected_trait_stays_blocked_in_a_housing_campaign() {
    let gender = field("gender", FieldType::Text, PrivacyClass::Protected);
    let unlocked: BTreeSet<String> = ["gender".to_string()].into();
    let scope = PolicyScope {
        category: Some(Category::Housing),
        unlocked: &unlocked,
    };
    let err = check("{{ gender }}", BodyFormat::Plain, &[gender], &scope).unwrap_err();
    assert!(matches!(&err.issues()[0].kind, IssueKind::Blocked(b) if !b.unlockable));
}

#[test]
fn consent_fields_are_not_message_text() {
    let consent = field("accepts_sms", FieldType::Boolean, PrivacyClass::Consent);
    let err = plain("{{ accepts_sms }}", &[consent]).unwrap_err();
    assert_eq!(
        err.issues()[0].kind,
        IssueKind::ConsentField {
            name: "accepts_sms".into()
        }
    );
}

#[test]
fn no_include_import_or_extends() {
    for src in [
        "{% include 'x.txt' %}",
        "{% import 'm' as m %}",
        "{% extends 'base' %}",
    ] {
        assert!(
            matches!(plain(src, &[]), Err(TemplateError::Syntax { .. })),
            "{src}"
        );
    }
}

#[test]
fn functions_tests_and_methods_are_refused() {
    let err = plain("{% for i in range(1000000) %}x{% endfor %}", &[]).unwrap_err();
    assert_eq!(
        err.issues()[0].kind,
        IssueKind::Function {
            name: "range".into()
        }
    );
    let err = plain(
        "{% if first_name is defined %}y{% endif %}",
        &[text("first_name")],
    )
    .unwrap_err();
    assert_eq!(
        err.issues()[0].kind,
        IssueKind::Test {
            name: "defined".into()
        }
    );
    let err = plain("{{ first_name.upper() }}", &[text("first_name")]).unwrap_err();
    assert_eq!(
        err.issues()[0].kind,
        IssueKind::Method {
            name: "upper".into()
        }
    );
}

#[test]
fn empty_fallback_is_refused() {
    let err = plain(
        "Hi {{ first_name | default(\"  \") }},",
        &[text("first_name")],
    )
    .unwrap_err();
    assert_eq!(
        err.issues()[0].kind,
        IssueKind::EmptyFallback {
            field: "first_name".into()
        }
    );
}

#[test]
fn date_filter_on_a_text_field_is_refused() {
    let err = plain("{{ first_name | date(\"%d\") }}", &[text("first_name")]).unwrap_err();
    assert_eq!(
        err.issues()[0].kind,
        IssueKind::DateOfNonDate {
            field: "first_name".into(),
            ty: "text".into()
        }
    );
}

#[test]
fn conditionals_are_allowed_and_merge_fields_listed() {
    let t = check(
        "{% if vip %}Dear {{ first_name | title }}{% else %}Hello{% endif %}",
        BodyFormat::Plain,
        &[
            text("first_name"),
            field("vip", FieldType::Boolean, PrivacyClass::Ordinary),
        ],
        &PolicyScope::outside_campaign(),
    )
    .unwrap();
    assert_eq!(t.merge_fields().collect::<Vec<_>>(), ["first_name", "vip"]);
}

/// Names minijinja binds itself never read a contact's value: `{{ self }}` would print
/// the engine's block object to every recipient. Position: `Hi ` is 3 characters, so
/// `{{` is column 4 and `self` column 7.
#[test]
fn reserved_names_are_refused() {
    let fields = [text("first_name")];
    let err = plain("Hi {{ self }}", &fields).unwrap_err();
    assert_eq!(err.issues().len(), 1, "{err}");
    let issue = &err.issues()[0];
    assert_eq!((issue.line, issue.column), (1, 7));
    assert!(
        matches!(&issue.kind, IssueKind::ReservedName { name, field: false, .. } if name == "self")
    );
    assert!(err.to_string().contains("`self` is the template language's name for the template's own blocks, not a merge field"), "{err}");
    for src in [
        "{{ super }}",
        "{{ varargs }}",
        "{{ kwargs | upper }}",
        "{% for t in first_name %}{{ loop }}{% endfor %}",
        "{% if self %}x{% endif %}",
    ] {
        let err = plain(src, &fields).unwrap_err();
        assert!(
            matches!(err.issues()[0].kind, IssueKind::ReservedName { .. }),
            "{src}: {err}"
        );
    }
    // The loop's attributes are what `loop` is for, and `none` with no such field is a
    // literal.
    plain(
        "{% for t in first_name %}{{ loop.index }}{% endfor %}{% if first_name != none %}x{% endif %}",
        &fields,
    )
    .unwrap();
}

/// A field named like a literal or an engine name is hidden by it: `{{ none }}` reads
/// the literal none, never the field `none`, so the check says to rename the field.
#[test]
fn a_field_named_like_a_reserved_word_is_refused_with_a_rename_hint() {
    for name in ["none", "loop", "self", "true"] {
        let err = plain(&format!("x {{{{ {name} }}}}"), &[text(name)]).unwrap_err();
        assert_eq!(err.issues().len(), 1, "{err}");
        assert!(
            matches!(&err.issues()[0].kind, IssueKind::ReservedName { name: n, field: true, .. } if n == name),
            "{err}"
        );
        assert!(
            err.to_string()
                .contains(&format!("the field `{name}` cannot be used in a message")),
            "{err}"
        );
        assert!(err.to_string().contains("--map"), "{err}");
    }
}
