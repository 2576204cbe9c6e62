use super::*;
use crate::fields::FieldType;

fn classification(role: Role, class: PrivacyClass) -> Classification {
    Classification {
        role,
        class,
        kind: None,
        reason: "header token".into(),
    }
}

fn facts<'a>(name: &'a str, not_a_word: Option<&str>) -> Facts<'a> {
    Facts {
        index: 0,
        name,
        spec: None,
        layout: None,
        non_blank: 2,
        all_status: false,
        words: if not_a_word.is_some() { 0 } else { 2 },
        status_words: 0,
        dates: 0,
        not_a_word: not_a_word.map(String::from),
        not_a_word_line: not_a_word.map(|_| 3),
        stating: 0,
        first_stating: None,
        refusal_words: 0,
        first_refusal: None,
        first_yes_no: None,
        evidence_values: not_a_word.is_some_and(|v| v.parse::<std::net::IpAddr>().is_ok()),
        field_consent: None,
    }
}

/// Issue 9: `OPTIN_IP` classified as consent from its header, over IP addresses,
/// is no consent column; `email_opt_in` over yes/no is one.
#[test]
fn consent_needs_consent_words() {
    let mut c = classification(Role::ConsentEmail, PrivacyClass::Consent);
    let mut ty = Inferred::plain(FieldType::Text);
    let kind = decide(&facts("optin_ip", Some("203.0.113.7")), &mut c, &mut ty);
    assert_eq!(kind, Kind::Plain);
    assert_eq!((c.role, c.class), (Role::None, PrivacyClass::Ordinary));
    assert!(c.reason.contains("`203.0.113.7`"), "{}", c.reason);
    let mut c = classification(Role::None, PrivacyClass::Ordinary);
    let kind = decide(&facts("email_opt_in", None), &mut c, &mut ty);
    assert!(matches!(kind, Kind::Consent(ref k) if k.channel == Channel::Email));
    assert_eq!(c.role, Role::ConsentEmail);
    // One stray value among yes/no keeps the column a consent column.
    let mut stray = facts("accepts_email_marketing", Some("maybe"));
    stray.words = 9;
    stray.non_blank = 10;
    let mut c = classification(Role::ConsentEmail, PrivacyClass::Consent);
    assert!(matches!(decide(&stray, &mut c, &mut ty), Kind::Consent(_)));
}

/// The safe rule: a consent-sounding column left plain over yes/no-like values is
/// named with its first unread value; IP addresses, and headers with no consent
/// word, are not.
#[test]
fn unread_consent_columns_are_named() {
    let mut ty = Inferred::plain(FieldType::Text);
    let mut f = facts("email_opt_in", Some("Opted-In (web form)"));
    f.words = 1;
    f.non_blank = 3;
    let mut c = classification(Role::ConsentEmail, PrivacyClass::Consent);
    let kind = decide(&f, &mut c, &mut ty);
    assert_eq!(kind, Kind::Plain);
    let unread = unread_consent(&f, &kind, true, None).unwrap();
    assert_eq!(
        (unread.why.as_str(), unread.value.as_str(), unread.line),
        (
            "the header sounds like consent (`opt`)",
            "Opted-In (web form)",
            3
        )
    );
    assert!(!unread.word);
    let ip = facts("optin_ip", Some("203.0.113.7"));
    assert_eq!(unread_consent(&ip, &Kind::Plain, true, None), None);
    // Every value a consent word, but nothing recognised the header: the first value.
    let permission = facts("permission_given", None);
    let first = ("no".to_string(), 2);
    let unread = unread_consent(&permission, &Kind::Plain, false, Some(&first)).unwrap();
    assert_eq!((unread.value.as_str(), unread.line), ("no", 2));
    assert!(unread.word);
    assert_eq!(
        unread_consent(
            &facts("favourite_colour", None),
            &Kind::Plain,
            false,
            Some(&first)
        ),
        None
    );
}

#[test]
fn a_layout_role_never_lowers_a_class() {
    let all = layouts();
    let shopify = all
        .layouts
        .iter()
        .find(|l| l.id == "shopify_customers")
        .unwrap();
    let spec = all
        .columns(shopify)
        .iter()
        .find(|c| c.header == "Phone")
        .unwrap();
    let mut f = facts("phone", Some("+351912345678"));
    f.spec = Some(spec);
    f.layout = Some("shopify_customers");
    let mut ty = Inferred::plain(FieldType::Text);
    let mut c = classification(Role::None, PrivacyClass::Ordinary);
    assert_eq!(decide(&f, &mut c, &mut ty), Kind::Plain);
    assert_eq!(
        (c.role, c.class),
        (Role::Phone, PrivacyClass::DirectIdentifier)
    );
    let mut c = classification(Role::None, PrivacyClass::SpecialCategory);
    decide(&f, &mut c, &mut ty);
    assert_eq!(c.class, PrivacyClass::SpecialCategory);
}
