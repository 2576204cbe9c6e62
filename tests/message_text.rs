//! Issue 10, item 7: template text is clean. Subjects and SMS bodies are one line (a
//! CRLF in a subject would let `Bcc:` become a header for the sending tool); every
//! template refuses control, C1 and bidi override characters in its own text, with line
//! and column; merge values and filter output are cleaned when rendered. Positions are
//! counted by hand in each template.

mod support;

use support::{field, record, text, with};
use tactful::fields::value::Value;
use tactful::fields::{Channel, FieldType, PrivacyClass};
use tactful::message::{
    BodyFormat, IssueKind, Message, MessageDraft, MessageError, Part, PolicyScope, TemplateError,
};

fn draft(channel: Channel, subject: Option<&str>, body: &str) -> MessageDraft {
    MessageDraft {
        channel,
        subject: subject.map(str::to_string),
        body: body.into(),
        format: BodyFormat::Plain,
    }
}

fn fields() -> Vec<tactful::fields::Field> {
    vec![
        text("first_name"),
        field("joined", FieldType::Date, PrivacyClass::Ordinary),
    ]
}

/// The part and the (line, column, issue) list of a refused draft.
fn refused(d: &MessageDraft) -> (Part, Vec<(usize, usize, IssueKind)>) {
    let err = Message::check(d, &fields(), &PolicyScope::outside_campaign()).unwrap_err();
    let MessageError::Template {
        part,
        error: TemplateError::Invalid(issues),
    } = err
    else {
        panic!("expected template issues, got {err}");
    };
    let issues = issues
        .into_iter()
        .map(|i| (i.line, i.column, i.kind))
        .collect();
    (part, issues)
}

#[test]
fn a_subject_with_crlf_and_a_bcc_header_is_refused() {
    // "Hello " is 6 characters: the CR is column 7.
    let d = draft(
        Channel::Email,
        Some("Hello \r\nBcc: everyone@example.com"),
        "Hi",
    );
    let (part, issues) = refused(&d);
    assert_eq!(part, Part::Subject);
    assert_eq!(issues.len(), 1, "one issue for the CRLF pair: {issues:?}");
    assert_eq!((issues[0].0, issues[0].1), (1, 7));
    assert!(matches!(&issues[0].2, IssueKind::LineBreak { part, .. } if *part == "a subject"));
    // A lone LF and a Unicode line separator are line breaks too.
    for subject in ["a\nb", "a\u{2028}b", "a\u{85}b"] {
        let (_, issues) = refused(&draft(Channel::Email, Some(subject), "Hi"));
        assert_eq!((issues[0].0, issues[0].1), (1, 2), "{subject:?}");
    }
}

#[test]
fn sms_bodies_are_one_line_and_email_bodies_are_not() {
    let (part, issues) = refused(&draft(Channel::Sms, None, "Hi {{ first_name }}\nsee you"));
    assert_eq!(part, Part::Body);
    // "Hi {{ first_name }}" is 19 characters: the LF is column 20.
    assert_eq!((issues[0].0, issues[0].1), (1, 20));
    assert!(issues[0].2.to_string().contains("an SMS body"));
    let ok = Message::check(
        &draft(Channel::Email, Some("Hi"), "Hi\r\n\tsee you\n"),
        &fields(),
        &PolicyScope::outside_campaign(),
    );
    assert!(ok.is_ok());
}

#[test]
fn esc_osc52_c1_and_bidi_are_refused_with_line_and_column() {
    // Line 2: ESC at column 1, the 14 characters `]52;c;aGVsbG8=`, BEL at column 16;
    // line 3: C1 CSI at column 3, RLO at column 6.
    let body =
        "Hi {{ first_name | default(\"there\") }},\n\u{1b}]52;c;aGVsbG8=\u{7}\nab\u{9b}2J\u{202e}x";
    let (part, issues) = refused(&draft(Channel::Email, Some("Hi"), body));
    assert_eq!(part, Part::Body);
    let at: Vec<(usize, usize)> = issues.iter().map(|i| (i.0, i.1)).collect();
    assert_eq!(at, [(2, 1), (2, 16), (3, 3), (3, 6)]);
    let said: Vec<String> = issues.iter().map(|i| i.2.to_string()).collect();
    assert!(
        said[0].starts_with("ESC (U+001B) is not allowed in a body"),
        "{}",
        said[0]
    );
    assert!(said[1].starts_with("BEL (U+0007)"), "{}", said[1]);
    assert!(
        said[2].starts_with("C1 control CSI (U+009B)"),
        "{}",
        said[2]
    );
    assert!(
        said[3].starts_with("bidi override RLO (U+202E)"),
        "{}",
        said[3]
    );
    // The same characters written as escapes in a fallback.
    let (_, issues) = refused(&draft(
        Channel::Email,
        Some("Hi {{ first_name | default(\"\\u009b\") }}"),
        "x",
    ));
    // `Hi {{ first_name | default("` is 28 characters: the backslash is column 29.
    assert_eq!((issues[0].0, issues[0].1), (1, 29));
    assert!(
        matches!(&issues[0].2, IssueKind::EscapedCharacter { escape, .. } if escape == "\\u009b")
    );
}

#[test]
fn merge_values_and_filter_output_render_clean() {
    let m = Message::check(
        &draft(
            Channel::Email,
            Some("Hi {{ first_name }} {{ joined | date(\"%Y%n%d\") }}"),
            "Dear {{ first_name }}",
        ),
        &fields(),
        &PolicyScope::outside_campaign(),
    )
    .unwrap();
    let rec = with(
        record(&[(
            "first_name",
            "An\u{1b}]52;c;aGk=\u{7}a\r\nBcc: x@example.com",
        )]),
        "joined",
        Value::Date(chrono::NaiveDate::from_ymd_opt(2024, 3, 5).unwrap()),
    );
    let r = m.render(&rec).unwrap();
    // The value loses ESC and BEL, its CRLF becomes two spaces; chrono's `%n` (a line
    // feed) becomes a space in a subject.
    assert_eq!(
        r.subject.as_deref(),
        Some("Hi An]52;c;aGk=a  Bcc: x@example.com 2024 05")
    );
    assert_eq!(r.body, "Dear An]52;c;aGk=a  Bcc: x@example.com");
}
