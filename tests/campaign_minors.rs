//! The minor check end to end (issue 10, item 10; issue 9, item 6): ages written as
//! text, conflicting signals, the campaign's minor age and country, and contacts whose
//! age cannot be read. Fixture `minors.csv`, as-of 2026-11-01; every age below is worked
//! out by hand from the fixture:
//!
//! | contact | date_of_birth | age      | youngest plausible age       |
//! |---------|---------------|----------|------------------------------|
//! | ada     |               | 12 years | 12 (age)                     |
//! | ben     | 2030-05-01    | 10       | 10 (age; the date is future) |
//! | cal     | 2012-06-01    |          | 14 (date_of_birth)           |
//! | dan     | 1990-01-01    | unknown  | 36, but `unknown`: age unknown|
//! | eve     | 1985-03-03    | 41 ans   | 41 (age and date agree)      |
//! | fay     |               |          | none: nothing to read        |
//! | gus     | 2011-06-01    |          | 15 (date_of_birth)           |

mod campaign_support;

use campaign_support::{as_of, campaign, import, preview, segment};
use tactful::campaign::Campaign;
use tactful::campaign::assign::Exclusion;
use tactful::campaign::explain::{StepStatus, explain};
use tactful::campaign::store as campaigns;
use tactful::fields::{Channel, ConsentState, Role};
use tactful::review::{self, Severity};
use tactful::workspace::{Workspace, fields};

fn workspace() -> Workspace {
    let mut ws = Workspace::open_in_memory().unwrap();
    import(
        &mut ws,
        "minors.csv",
        Some((Channel::Email, ConsentState::Granted)),
    );
    segment(&mut ws, "gold", r#"tier is "gold""#);
    ws
}

fn gold(ws: &mut Workspace, name: &str) -> Campaign {
    campaign(ws, name, Channel::Email, &[("gold", Some("Hi"), "Hello")])
}

fn save(ws: &mut Workspace, c: &Campaign) {
    c.validate().unwrap();
    ws.write(|tx| campaigns::save(tx, c)).unwrap();
}

/// Keys excluded as minors, in workspace order.
fn minors(ws: &Workspace, c: &Campaign) -> Vec<String> {
    let (rows, summary) = preview(ws, c);
    assert!(summary.reconciles());
    rows.iter()
        .filter(|r| r.excluded == Some(Exclusion::Minor))
        .map(|r| r.key.split('@').next().unwrap().to_string())
        .collect()
}

#[test]
fn both_age_fields_are_read_even_when_the_age_is_text() {
    let ws = workspace();
    let age = fields::get(ws.conn(), "age").unwrap().unwrap();
    assert_eq!(age.role, Role::Age, "{}", age.reason);
    let dob = fields::get(ws.conn(), "date_of_birth").unwrap().unwrap();
    assert_eq!(dob.role, Role::DateOfBirth);
}

#[test]
fn text_ages_conflicts_and_the_default_minor_age_of_16() {
    let mut ws = workspace();
    let c = gold(&mut ws, "default");
    assert_eq!(c.minor_age().years, 16);
    // `12 years` is 12; Ben's future birth date does not override `10`; Cal is 14 and
    // Gus 15, both under 16.
    assert_eq!(minors(&ws, &c), ["ada", "ben", "cal", "gus"]);
    let (_, summary) = preview(&ws, &c);
    assert_eq!(summary.recipients, 3);
    assert_eq!(summary.minor_check.fields, ["date_of_birth", "age"]);
    // Dan is a recipient whose age field says `unknown`.
    assert_eq!(summary.minor_check.age_unknown, 1);
    assert_eq!(summary.minor_check.age_unknown_by_field.len(), 1);
    assert_eq!(summary.minor_check.age_unknown_by_field[0].field, "age");
    assert_eq!(summary.minor_check.age_unknown_by_field[0].recipients, 1);
}

#[test]
fn explain_names_the_field_that_decided() {
    let mut ws = workspace();
    let c = gold(&mut ws, "default");
    let ben = explain(&ws, &c, as_of(), "ben@example.com").unwrap();
    assert_eq!(ben.excluded, Some(Exclusion::Minor));
    assert_eq!(ben.steps[2].status, StepStatus::Decided);
    assert_eq!(ben.minor_check.decided_by.as_deref(), Some("age"));
    assert_eq!(ben.minor_check.youngest, Some(10));
    assert_eq!(
        ben.steps[2].detail,
        "field `date_of_birth` (date of birth) `2030-05-01` is after the as-of date, so it is not plausible; \
         field `age` (age) `10`: 10 years old; \
         the youngest plausible age on 2026-11-01, 10 (field `age`), is under the minor age 16 (the default, GDPR Art. 8(1)): a known minor"
    );
    let ada = explain(&ws, &c, as_of(), "ada@example.com").unwrap();
    assert_eq!(ada.minor_check.decided_by.as_deref(), Some("age"));
    assert_eq!(ada.minor_check.youngest, Some(12));
    let dan = explain(&ws, &c, as_of(), "dan@example.com").unwrap();
    assert_eq!(dan.excluded, None);
    assert!(dan.minor_check.age_unknown);
    assert!(
        dan.steps[2].detail.contains("age unknown"),
        "{}",
        dan.steps[2].detail
    );
}

#[test]
fn the_minor_age_is_a_campaign_setting_never_below_13() {
    let mut ws = workspace();
    let mut c = gold(&mut ws, "thirteen");
    c.minor_age = Some(13);
    save(&mut ws, &c);
    // Cal (14) and Gus (15) are no longer minors at 13; Ada (12) and Ben (10) are.
    assert_eq!(minors(&ws, &c), ["ada", "ben"]);
    c.minor_age = Some(12);
    assert!(c.validate().unwrap_err().to_string().contains("below 13"));
}

#[test]
fn a_named_country_sets_its_digital_age_of_consent() {
    let mut ws = workspace();
    let mut c = gold(&mut ws, "france");
    c.set_country(Some("fr")).unwrap();
    assert_eq!(c.country.as_deref(), Some("FR"));
    save(&mut ws, &c);
    // France: 15 (Loi Informatique et Libertés). Cal (14) is a minor, Gus (15) is not.
    assert_eq!(c.minor_age().years, 15);
    assert_eq!(minors(&ws, &c), ["ada", "ben", "cal"]);
    // The stored campaign keeps its country.
    let stored = campaigns::load(ws.conn(), "france").unwrap().unwrap();
    assert_eq!(stored.country.as_deref(), Some("FR"));
    assert_eq!(stored.minor_age().years, 15);
}

#[test]
fn review_counts_recipients_the_minor_check_could_not_judge() {
    let mut ws = workspace();
    let c = gold(&mut ws, "default");
    let r = review::run(&ws, &c, as_of()).unwrap();
    let unknown = r
        .findings
        .iter()
        .find(|f| f.code == "age_unknown")
        .expect("age_unknown finding");
    assert_eq!(unknown.severity, Severity::Blocker);
    assert!(unknown.acceptable);
    assert!(
        unknown.message.contains("could not judge 1 recipient"),
        "{}",
        unknown.message
    );
    assert_eq!(unknown.items, ["field `age`: 1 recipient"]);
    let info = r.findings.iter().find(|f| f.code == "minor_check").unwrap();
    assert!(
        info.items.contains(&"excluded as minors: 4".to_string()),
        "{:?}",
        info.items
    );
}

#[test]
fn a_minor_age_below_the_country_is_a_warning() {
    let mut ws = workspace();
    let mut c = gold(&mut ws, "de13");
    c.set_country(Some("DE")).unwrap();
    c.minor_age = Some(13);
    save(&mut ws, &c);
    let r = review::run(&ws, &c, as_of()).unwrap();
    let w = r
        .findings
        .iter()
        .find(|f| f.code == "minor_age_below_country")
        .unwrap();
    assert_eq!(w.severity, Severity::Warning);
    // Germany keeps GDPR Art. 8(1)'s 16: contacts aged 13 to 15 get through.
    assert!(w.message.contains("aged 13 to 15"), "{}", w.message);
}

#[test]
fn a_far_as_of_date_does_not_age_todays_children() {
    // Today is 2026-11-01; the campaign runs as of 2040-01-01. On 2040-01-01 Cal
    // (born 2012-06-01) would be 27 and Gus (2011-06-01) 28, but both are minors today
    // (14 and 15), so the minor check reads ages on the earlier date, today. Ada's
    // `12 years` and Ben's `10` do not depend on the date.
    let mut ws = workspace();
    ws.set_today(as_of());
    let c = gold(&mut ws, "far");
    let far = chrono::NaiveDate::from_ymd_opt(2040, 1, 1).unwrap();
    let mut rows = Vec::new();
    tactful::campaign::preview::run(&ws, &c, far, &mut |r| {
        rows.push(r.clone());
        Ok(())
    })
    .unwrap();
    let minors: Vec<String> = rows
        .iter()
        .filter(|r| r.excluded == Some(Exclusion::Minor))
        .map(|r| r.key.split('@').next().unwrap().to_string())
        .collect();
    assert_eq!(minors, ["ada", "ben", "cal", "gus"]);
    // Explain says which date the ages were read on: Cal is 14 on 2026-11-01 (born
    // 2012-06-01, birthday passed).
    let cal = explain(&ws, &c, far, "cal@example.com").unwrap();
    assert_eq!(cal.excluded, Some(Exclusion::Minor));
    assert_eq!(cal.minor_check.youngest, Some(14));
    assert!(
        cal.steps[2]
            .detail
            .contains("the youngest plausible age on 2026-11-01, 14"),
        "{}",
        cal.steps[2].detail
    );
}
