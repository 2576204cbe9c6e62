//! Rendering: values are data (never evaluated, never HTML-escaped in plain text),
//! control characters are removed, filters format as documented, and runaway templates
//! stop with an error instead of hanging.

mod support;

use chrono::NaiveDate;
use support::{field, record, text, with};
use tactful::fields::value::{Record, Value};
use tactful::fields::{Channel, FieldType, PrivacyClass};
use tactful::message::{
    BodyFormat, CheckedTemplate, Message, MessageDraft, MessageError, Part, PolicyScope,
    SmsEncoding, TemplateError, check,
};

fn fields() -> Vec<tactful::fields::Field> {
    vec![
        text("first_name"),
        text("company"),
        field("joined", FieldType::Date, PrivacyClass::Ordinary),
        field("seen", FieldType::Datetime, PrivacyClass::Ordinary),
        field("spend", FieldType::Decimal, PrivacyClass::Ordinary),
        field("orders", FieldType::Integer, PrivacyClass::Ordinary),
        field("tags", FieldType::List, PrivacyClass::Ordinary),
    ]
}

fn tpl(src: &str, format: BodyFormat) -> CheckedTemplate {
    check(src, format, &fields(), &PolicyScope::outside_campaign()).unwrap()
}

fn render(src: &str, rec: &Record) -> String {
    tpl(src, BodyFormat::Plain).render(rec).unwrap().text
}

#[test]
fn plain_text_is_never_html_escaped() {
    let rec = record(&[("company", "Ben & Jerry's <Shop>")]);
    assert_eq!(
        render("Ben & Jerry's: {{ company }}", &rec),
        "Ben & Jerry's: Ben & Jerry's <Shop>"
    );
}

#[test]
fn html_bodies_escape_merge_values_only() {
    let rec = record(&[("company", "Ben & Jerry's <Shop>")]);
    let out = tpl("<p>{{ company }}</p>", BodyFormat::Html)
        .render(&rec)
        .unwrap()
        .text;
    // OWASP XSS prevention rule #1 entities, as minijinja writes them.
    assert_eq!(out, "<p>Ben &amp; Jerry&#x27;s &lt;Shop&gt;</p>");
}

#[test]
fn template_syntax_in_values_renders_literally() {
    for name in [
        "{{ 7*7 }}",
        "{% if true %}x{% endif %}",
        "{% raw %}{{ a }}{% endraw %}",
        "{# c #}",
    ] {
        let rec = record(&[("first_name", name)]);
        assert_eq!(render("Hi {{ first_name }}!", &rec), format!("Hi {name}!"));
    }
}

#[test]
fn control_characters_in_values_are_removed() {
    // ESC and BEL are removed, CR/LF/TAB become one space each, RLO (U+202E) is removed.
    let rec = record(&[("first_name", "An\u{1b}[2Ja\u{7}\r\nB\tC\u{202e}D")]);
    assert_eq!(render("Hi {{ first_name }}", &rec), "Hi An[2Ja  B CD");
    // A value of nothing but control characters is blank.
    let rec = record(&[("first_name", "\u{1b}\u{7}")]);
    let r = tpl("Hi {{ first_name | default('there') }}", BodyFormat::Plain)
        .render(&rec)
        .unwrap();
    assert_eq!(r.text, "Hi there");
    assert_eq!(r.fallbacks_used, ["first_name"]);
}

#[test]
fn never_prints_none_or_undefined() {
    let out = render(
        "[{{ none }}][{{ first_name }}][{{ first_name | upper }}]",
        &Record::default(),
    );
    assert_eq!(out, "[][][]");
}

#[test]
fn case_filters_are_unicode_aware() {
    let rec = record(&[("first_name", "zoë o'brien")]);
    assert_eq!(render("{{ first_name | upper }}", &rec), "ZOË O'BRIEN");
    assert_eq!(render("{{ first_name | title }}", &rec), "Zoë O'Brien");
    let rec = record(&[("first_name", "ZOË")]);
    assert_eq!(render("{{ first_name | lower }}", &rec), "zoë");
}

#[test]
fn date_filter_formats_dates_and_datetimes() {
    let d = NaiveDate::from_ymd_opt(2024, 4, 30).unwrap();
    let rec = with(Record::default(), "joined", Value::Date(d));
    assert_eq!(render("{{ joined }}", &rec), "2024-04-30");
    assert_eq!(
        render("{{ joined | date(\"%d %B %Y\") }}", &rec),
        "30 April 2024"
    );
    let dt = d.and_hms_opt(9, 5, 0).unwrap().and_utc();
    let rec = with(Record::default(), "seen", Value::Datetime(dt));
    assert_eq!(
        render("{{ seen | date(\"%d/%m/%Y %H:%M\") }}", &rec),
        "30/04/2024 09:05"
    );
}

#[test]
fn date_format_asking_for_a_time_of_a_date_is_a_render_error() {
    let rec = with(
        Record::default(),
        "joined",
        Value::Date(NaiveDate::from_ymd_opt(2024, 4, 30).unwrap()),
    );
    let err = tpl("{{ joined | date(\"%H:%M\") }}", BodyFormat::Plain)
        .render(&rec)
        .unwrap_err();
    assert!(matches!(err, TemplateError::Render { .. }), "{err}");
}

#[test]
fn currency_has_two_decimals_and_a_symbol() {
    let rec = with(Record::default(), "spend", Value::Decimal(12.5));
    assert_eq!(render("{{ spend | currency(\"EUR\") }}", &rec), "€12.50");
    assert_eq!(render("{{ spend | currency(\"CHF\") }}", &rec), "CHF 12.50");
    let rec = with(Record::default(), "spend", Value::Decimal(1234.005));
    // Half away from zero on the decimal as written: .005 rounds up to .01.
    assert_eq!(render("{{ spend | currency(\"USD\") }}", &rec), "$1,234.01");
    let rec = with(Record::default(), "orders", Value::Integer(-3));
    assert_eq!(render("{{ orders | currency(\"GBP\") }}", &rec), "-£3.00");
    // Decimals print as Value::display does: no trailing ".0".
    let rec = with(Record::default(), "spend", Value::Decimal(12.0));
    assert_eq!(render("{{ spend }}", &rec), "12");
}

#[test]
fn lists_print_joined_and_loop_item_by_item() {
    let rec = with(
        Record::default(),
        "tags",
        Value::List(vec!["vip".into(), "gold".into()]),
    );
    assert_eq!(render("{{ tags }}", &rec), "vip, gold");
    assert_eq!(
        render("{% for t in tags %}[{{ t | upper }}]{% endfor %}", &rec),
        "[VIP][GOLD]"
    );
    assert_eq!(render("{% if 'vip' in tags %}VIP{% endif %}", &rec), "VIP");
}

#[test]
fn conditionals_see_blank_values_as_false() {
    let src = "{% if first_name %}Hi {{ first_name }}{% else %}Hello{% endif %}";
    let r = tpl(src, BodyFormat::Plain)
        .render(&record(&[("first_name", "  ")]))
        .unwrap();
    assert_eq!(r.text, "Hello");
    assert!(r.missing.is_empty());
}

#[test]
fn fallback_can_be_another_field() {
    let src = "Hi {{ company | default(first_name) | default(\"there\") }}";
    let t = tpl(src, BodyFormat::Plain);
    assert_eq!(
        t.render(&record(&[("first_name", "Ana")])).unwrap().text,
        "Hi Ana"
    );
    let r = t.render(&Record::default()).unwrap();
    assert_eq!(r.text, "Hi there");
    assert_eq!(r.fallbacks_used, ["company", "first_name"]);
}

#[test]
fn runaway_loops_run_out_of_fuel() {
    // 10^5 iterations of the innermost loop: more steps than the 50,000 fuel allows.
    let ten = "[0,1,2,3,4,5,6,7,8,9]";
    let src = format!(
        "{{% for a in {ten} %}}{{% for b in {ten} %}}{{% for c in {ten} %}}{{% for d in {ten} %}}{{% for e in {ten} %}}x{{% endfor %}}{{% endfor %}}{{% endfor %}}{{% endfor %}}{{% endfor %}}"
    );
    let err = tpl(&src, BodyFormat::Plain)
        .render(&Record::default())
        .unwrap_err();
    let TemplateError::Render { message } = &err else {
        panic!("expected a render error, got {err}");
    };
    assert!(message.contains("50000 steps"), "{message}");
}

#[test]
fn recursive_macros_stop() {
    let src = "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}";
    let err = tpl(src, BodyFormat::Plain)
        .render(&Record::default())
        .unwrap_err();
    assert!(matches!(err, TemplateError::Render { .. }));
}

fn draft(channel: Channel, subject: Option<&str>, body: &str) -> MessageDraft {
    MessageDraft {
        channel,
        subject: subject.map(str::to_string),
        body: body.into(),
        format: BodyFormat::Plain,
    }
}

#[test]
fn email_has_subject_and_body_sms_body_only() {
    let scope = PolicyScope::outside_campaign();
    let email = Message::check(
        &draft(
            Channel::Email,
            Some("News for {{ company }}"),
            "Hi {{ first_name | default('there') }}",
        ),
        &fields(),
        &scope,
    )
    .unwrap();
    assert_eq!(email.merge_fields(), ["company", "first_name"]);
    let r = email
        .render(&record(&[("company", "Ben & Jerry's")]))
        .unwrap();
    assert_eq!(r.subject.as_deref(), Some("News for Ben & Jerry's"));
    assert_eq!(r.body, "Hi there");
    assert_eq!(r.fallbacks_used, ["first_name"]);
    assert_eq!(r.sms_length(), None);

    assert_eq!(
        Message::check(&draft(Channel::Email, None, "x"), &fields(), &scope).unwrap_err(),
        MessageError::MissingSubject
    );
    assert_eq!(
        Message::check(&draft(Channel::Sms, Some("x"), "x"), &fields(), &scope).unwrap_err(),
        MessageError::SubjectOnSms
    );
    let err = Message::check(
        &draft(Channel::Email, Some("{{ nope }}"), "x"),
        &fields(),
        &scope,
    )
    .unwrap_err();
    assert!(matches!(
        err,
        MessageError::Template {
            part: Part::Subject,
            ..
        }
    ));

    let sms = Message::check(
        &draft(Channel::Sms, None, "Hi {{ first_name }} €"),
        &fields(),
        &scope,
    )
    .unwrap();
    let r = sms.render(&record(&[("first_name", "Ana")])).unwrap();
    let len = r.sms_length().unwrap();
    // "Hi Ana €": 7 basic characters + € from the extension table (2 septets).
    assert_eq!(
        (len.encoding, len.units, len.parts, len.chars),
        (SmsEncoding::Gsm7, 9, 1, 8)
    );
}
