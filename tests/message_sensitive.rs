//! Issue 10: a sensitive value compared inside a template tag (`{% if "muslim" in tags %}`)
//! is message text that selects by its class, refused unless the campaign unlocked that
//! kind of value on the field (`tactful unlock CAMPAIGN tags:religion`).

mod support;

use std::collections::BTreeSet;

use support::field;
use tactful::fields::policy::Category;
use tactful::fields::{Field, FieldType, PrivacyClass};
use tactful::message::{BodyFormat, IssueKind, PolicyScope, TemplateError, check};

fn fields() -> Vec<Field> {
    vec![
        field("tags", FieldType::List, PrivacyClass::Ordinary),
        field(
            "first_name",
            FieldType::Text,
            PrivacyClass::DirectIdentifier,
        ),
        field("diet", FieldType::Text, PrivacyClass::Ordinary),
    ]
}

fn in_campaign(src: &str, unlocked: &[&str]) -> Result<(), TemplateError> {
    let unlocked: BTreeSet<String> = unlocked.iter().map(|s| s.to_string()).collect();
    let scope = PolicyScope {
        category: Some(Category::General),
        unlocked: &unlocked,
    };
    check(src, BodyFormat::Plain, &fields(), &scope).map(|_| ())
}

#[test]
fn a_sensitive_tag_compared_in_a_tag_is_refused_with_its_position() {
    let src = "Hi {{ first_name | default(\"there\") }}\n{% if \"muslim\" in tags %}Eid Mubarak{% endif %}";
    let err = in_campaign(src, &[]).unwrap_err();
    let issue = &err.issues()[0];
    let IssueKind::Blocked(b) = &issue.kind else {
        panic!("expected a blocked value, got {err}");
    };
    // Line 2, column 7: the literal after `{% if `.
    assert_eq!((issue.line, issue.column), (2, 7));
    assert!(b.unlockable);
    assert!(
        b.message
            .starts_with("value `muslim` of field `tags` is religion data"),
        "{}",
        b.message
    );
    assert!(
        b.message.contains("tactful unlock CAMPAIGN tags:religion"),
        "{}",
        b.message
    );
    assert!(in_campaign(src, &["tags:religion"]).is_ok());
}

#[test]
fn comparisons_with_text_fields_and_values_carried_by_set_are_refused() {
    assert!(in_campaign("{% if diet == \"halal\" %}x{% endif %}", &[]).is_err());
    assert!(in_campaign("{% if diet in [\"vegan\", \"kosher\"] %}x{% endif %}", &[]).is_err());
    // The literal reaches `tags` through a variable: compared with the list fields read.
    let carried = "{% set faith = \"muslim\" %}{% if faith in tags %}x{% endif %}";
    assert!(in_campaign(carried, &[]).is_err());
    assert!(in_campaign(carried, &["tags:religion"]).is_ok());
}

#[test]
fn fallbacks_ordinary_values_and_plain_text_are_not_values_looked_up() {
    // A filter's argument is text the author writes; plain text is not a tag at all.
    assert!(in_campaign("{{ first_name | default(\"muslim\") }}", &[]).is_ok());
    assert!(
        in_campaign(
            "Halal and kosher menus for {{ first_name | default(\"you\") }}",
            &[]
        )
        .is_ok()
    );
    assert!(in_campaign("{% if \"vip\" in tags %}VIP{% endif %}", &[]).is_ok());
    assert!(in_campaign("{% if \"vegan\" in tags %}x{% endif %}", &[]).is_ok());
}
