//! Case BR-16: a missing first name gives "Hi ," or a raw tag. Blank names use the
//! fallback; without a fallback the blanks are reported, never silently shipped; a
//! misspelled merge field is an error that names it.

mod shared_folder;
mod support;

use support::{record, text};
use tactful::fields::Channel;
use tactful::fields::value::{Record, Value};
use tactful::message::{
    BodyFormat, Coverage, IssueKind, Message, MessageDraft, PlaceholderValues, PolicyScope,
    TemplateError, check, coverage,
};

/// The four contacts of `customers_names.csv`, built by hand: a name, an empty cell,
/// a whitespace-only cell, and a row without the column.
fn contacts() -> Vec<(&'static str, Record)> {
    vec![
        (
            "Ana",
            record(&[("email", "ana@example.com"), ("first_name", "Ana")]),
        ),
        (
            "Bo",
            record(&[("email", "bo@example.com"), ("first_name", "")]),
        ),
        (
            "Cy",
            record(&[("email", "cy@example.com"), ("first_name", "   ")]),
        ),
        ("Dee", record(&[("email", "dee@example.com")])),
    ]
}

fn fields() -> Vec<tactful::fields::Field> {
    vec![text("email"), text("first_name")]
}

#[test]
fn blank_names_use_the_fallback() {
    let t = check(
        "Hi {{ first_name | default(\"there\") }},",
        BodyFormat::Plain,
        &fields(),
        &PolicyScope::outside_campaign(),
    )
    .unwrap();
    let expected = [
        ("Ana", "Hi Ana,", false),
        ("Bo", "Hi there,", true),
        ("Cy", "Hi there,", true),
        ("Dee", "Hi there,", true),
    ];
    for ((who, rec), (want_who, want_text, fell_back)) in contacts().iter().zip(expected) {
        assert_eq!(*who, want_who);
        let r = t.render(rec).unwrap();
        assert_eq!(r.text, want_text, "{who}");
        assert!(r.missing.is_empty(), "{who}");
        let want: Vec<String> = if fell_back {
            vec!["first_name".into()]
        } else {
            vec![]
        };
        assert_eq!(r.fallbacks_used, want, "{who}");
        assert!(!r.text.contains("{{"));
    }
}

#[test]
fn null_counts_as_blank_too() {
    let t = check(
        "Hi {{ first_name | default('there') }},",
        BodyFormat::Plain,
        &fields(),
        &PolicyScope::outside_campaign(),
    )
    .unwrap();
    let mut rec = Record::default();
    rec.insert("first_name".into(), Value::Null);
    assert_eq!(t.render(&rec).unwrap().text, "Hi there,");
}

#[test]
fn without_fallback_blanks_are_reported_missing() {
    let t = check(
        "Hi {{ first_name }},",
        BodyFormat::Plain,
        &fields(),
        &PolicyScope::outside_campaign(),
    )
    .unwrap();
    let mut holes = 0;
    for (who, rec) in contacts() {
        let r = t.render(&rec).unwrap();
        assert!(!r.text.contains("{{"), "{who}");
        if r.text.contains("Hi ,") {
            // Never silently: the render says which merge field left the hole.
            assert_eq!(r.missing, vec!["first_name".to_string()], "{who}");
            holes += 1;
        } else {
            assert_eq!(r.text, "Hi Ana,");
            assert!(r.missing.is_empty());
        }
    }
    assert_eq!(holes, 3);
}

#[test]
fn coverage_counts_own_fallback_and_nothing() {
    let scope = PolicyScope::outside_campaign();
    let records: Vec<Record> = contacts().into_iter().map(|(_, r)| r).collect();
    let draft = |body: &str| MessageDraft {
        channel: Channel::Sms,
        subject: None,
        body: body.into(),
        format: BodyFormat::Plain,
    };
    let bare = Message::check(&draft("Hi {{ first_name }},"), &fields(), &scope).unwrap();
    assert_eq!(
        coverage(&bare, &records).unwrap(),
        vec![Coverage {
            field: "first_name".into(),
            own: 1,
            fallback: 0,
            nothing: 3,
            placeholder: 0,
            placeholder_values: None,
        }]
    );
    let with_default = Message::check(
        &draft("Hi {{ first_name | default('there') }},"),
        &fields(),
        &scope,
    )
    .unwrap();
    assert_eq!(
        coverage(&with_default, &records).unwrap(),
        vec![Coverage {
            field: "first_name".into(),
            own: 1,
            fallback: 3,
            nothing: 0,
            placeholder: 0,
            placeholder_values: None,
        }]
    );
    // Issue 10, item 8: a placeholder fallback is no fallback. The three contacts with
    // a blank first name count as getting nothing, and the text shows what would ship.
    for placeholder in [
        "...",
        "…",
        "TODO",
        "xxx",
        "[name]",
        "FNAME",
        "first_name",
        "\u{200b}",
    ] {
        let body = format!("Hi {{{{ first_name | default('{placeholder}') }}}},");
        let m = Message::check(&draft(&body), &fields(), &scope).unwrap();
        assert_eq!(
            coverage(&m, &records).unwrap(),
            vec![Coverage {
                field: "first_name".into(),
                own: 1,
                fallback: 0,
                nothing: 3,
                placeholder: 3,
                placeholder_values: None,
            }],
            "{placeholder:?}"
        );
        let blank = records
            .iter()
            .find(|r| {
                m.render(r)
                    .unwrap()
                    .missing
                    .contains(&"first_name".to_string())
            })
            .unwrap();
        let rendered = m.render(blank).unwrap();
        assert_eq!(rendered.body, format!("Hi {placeholder},"));
        assert_eq!(rendered.placeholders, vec!["first_name".to_string()]);
    }
}

/// New-user trial 6, G16: a placeholder value (`n/a`, `-`) is blank, so the fallback
/// prints, and coverage counts it with the values met, sorted.
#[test]
fn placeholder_values_count_as_blank_with_examples() {
    let records = [
        record(&[("first_name", "Ana")]),
        record(&[("first_name", "n/a")]),
        record(&[("first_name", "-")]),
        record(&[("first_name", "N/A")]),
    ];
    let draft = MessageDraft {
        channel: Channel::Sms,
        subject: None,
        body: "Hi {{ first_name | default('there') }},".into(),
        format: BodyFormat::Plain,
    };
    let m = Message::check(&draft, &fields(), &PolicyScope::outside_campaign()).unwrap();
    let bodies: Vec<String> = records.iter().map(|r| m.render(r).unwrap().body).collect();
    assert_eq!(bodies, ["Hi Ana,", "Hi there,", "Hi there,", "Hi there,"]);
    assert_eq!(
        coverage(&m, &records).unwrap(),
        vec![Coverage {
            field: "first_name".into(),
            own: 1,
            fallback: 3,
            nothing: 0,
            placeholder: 0,
            placeholder_values: Some(PlaceholderValues {
                recipients: 3,
                examples: vec!["-".into(), "N/A".into(), "n/a".into()],
            }),
        }]
    );
}

#[test]
fn misspelled_field_is_an_error_naming_it() {
    let err = check(
        "Hi {{ frist_name | default(\"there\") }},",
        BodyFormat::Plain,
        &fields(),
        &PolicyScope::outside_campaign(),
    )
    .unwrap_err();
    assert_eq!(
        err.issues().iter().map(|i| &i.kind).collect::<Vec<_>>(),
        vec![&IssueKind::UnknownField {
            name: "frist_name".into(),
            suggestion: Some("first_name".into()),
        }]
    );
    // "Hi {{ " is 6 characters, so the name starts at column 7.
    assert_eq!((err.issues()[0].line, err.issues()[0].column), (1, 7));
    assert!(
        err.to_string()
            .contains("unknown merge field `frist_name`; did you mean `first_name`?"),
        "{err}"
    );
}

/// The case's own template files use Liquid's `default: 'there'`: each is refused with
/// the accepted spelling, and the typo file also names the unknown field.
#[test]
fn shared_case_templates() {
    let Some(dir) = shared_folder::shared("cases/BR-16") else {
        return;
    };
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let scope = PolicyScope::outside_campaign();

    let err = check(
        &read("template_with_default.txt"),
        BodyFormat::Plain,
        &fields(),
        &scope,
    )
    .unwrap_err();
    let [issue] = err.issues() else {
        panic!("expected one issue: {err}");
    };
    assert_eq!(
        issue.kind,
        IssueKind::LiquidFilter {
            found: "{{ first_name | default: 'there' }}".into(),
            accepted: "{{ first_name | default('there') }}".into(),
        }
    );

    let err = check(
        &read("template_typo_field.txt"),
        BodyFormat::Plain,
        &fields(),
        &scope,
    )
    .unwrap_err();
    assert!(matches!(err, TemplateError::Invalid(_)));
    assert!(err.issues().iter().any(|i| i.kind
        == IssueKind::UnknownField {
            name: "frist_name".into(),
            suggestion: Some("first_name".into()),
        }));

    let bare = check(
        &read("template_no_default.txt"),
        BodyFormat::Plain,
        &fields(),
        &scope,
    )
    .unwrap();
    let missing = contacts()
        .iter()
        .filter(|(_, rec)| !bare.render(rec).unwrap().missing.is_empty())
        .count();
    assert_eq!(missing, 3);
}
