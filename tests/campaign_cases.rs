//! Campaign preview and explanation on the cases of ../shared/cases, reproduced by own
//! fixtures under tests/fixtures/ and imported with the library importer. Expected
//! values are worked out by hand from each case's expected.md.

mod campaign_support;

use campaign_support::{as_of, campaign, import, preview, segment};
use tactful::campaign::assign::Exclusion;
use tactful::campaign::explain::{StepStatus, Verdict, explain};
use tactful::campaign::prepare::PreviewError;
use tactful::campaign::preview as run_preview;
use tactful::fields::{Channel, ConsentState};
use tactful::import::ImportPlan;
use tactful::import::suppress::{entry_hash, suppress_file};
use tactful::workspace::keyed_hash::HashKey;
use tactful::workspace::{Workspace, suppression};

const GRANTED_EMAIL: Option<(Channel, ConsentState)> =
    Some((Channel::Email, ConsentState::Granted));

/// BR-15: overlapping segments must not send twice. Gold (tier = gold) has priority over
/// Lyon (city = Lyon): Ana matches both and gets M1, Bo gets M2, Cy gets M1, Dee
/// matches neither. Three recipients, not four.
#[test]
fn br15_each_contact_once_and_priority_decides() {
    let mut ws = Workspace::open_in_memory().unwrap();
    import(&mut ws, "br15_overlap.csv", GRANTED_EMAIL);
    segment(&mut ws, "Gold", r#"tier is "gold""#);
    segment(&mut ws, "Lyon", r#"city is "Lyon""#);
    let c = campaign(
        &mut ws,
        "br15",
        Channel::Email,
        &[("Gold", Some("S1"), "M1"), ("Lyon", Some("S2"), "M2")],
    );
    let (rows, summary) = preview(&ws, &c);
    type Seen<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<Exclusion>);
    let got: Vec<Seen<'_>> = rows
        .iter()
        .map(|r| {
            (
                r.key.as_str(),
                r.segment.as_deref(),
                r.body.as_deref(),
                r.excluded,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("ana@example.com", Some("Gold"), Some("M1"), None),
            ("bo@example.com", Some("Lyon"), Some("M2"), None),
            ("cy@example.com", Some("Gold"), Some("M1"), None),
            ("dee@example.com", None, None, Some(Exclusion::NoSegment)),
        ]
    );
    assert_eq!(summary.audience, 4);
    assert_eq!(summary.recipients, 3);
    assert_eq!(summary.per_segment[0].recipients, 2);
    assert_eq!(summary.per_segment[1].recipients, 1);
    assert_eq!(summary.per_segment[1].matched, 2);
    assert_eq!(summary.excluded(Exclusion::NoSegment), Some(1));
    assert_eq!(summary.overlaps.len(), 1);
    assert_eq!(
        (
            summary.overlaps[0].winner.as_str(),
            summary.overlaps[0].other.as_str(),
            summary.overlaps[0].contacts
        ),
        ("Gold", "Lyon", 1)
    );
    assert!(summary.reconciles());

    // "The preview says why Ana got M1."
    let e = explain(&ws, &c, as_of(), "ANA@example.com").unwrap();
    assert_eq!(e.segment.as_deref(), Some("Gold"));
    assert_eq!(e.excluded, None);
    assert_eq!(e.segments[0].verdict, Verdict::Won);
    assert_eq!(e.segments[1].verdict, Verdict::LostToPriority);
    assert_eq!(e.segments[1].conditions[0].condition, r#"city is "Lyon""#);
    assert!(e.segments[1].conditions[0].held);
    assert_eq!(e.steps[5].status, StepStatus::Decided);
    assert!(
        e.steps[5]
            .detail
            .contains("also matches `Lyon` (entry 2), which lost to priority"),
        "{}",
        e.steps[5].detail
    );
    assert_eq!(e.message.unwrap().body, "M1");
    let dee = explain(&ws, &c, as_of(), "dee@example.com").unwrap();
    assert_eq!(dee.excluded, Some(Exclusion::NoSegment));
    assert!(matches!(
        explain(&ws, &c, as_of(), "nobody@example.com"),
        Err(PreviewError::NoContact(_))
    ));
}

fn br16(body: &str) -> (Vec<run_preview::PreviewRow>, run_preview::Summary) {
    let mut ws = Workspace::open_in_memory().unwrap();
    import(&mut ws, "br16_names.csv", GRANTED_EMAIL);
    segment(&mut ws, "all", "email is not blank");
    let c = campaign(
        &mut ws,
        "br16",
        Channel::Email,
        &[("all", Some("Hello"), body)],
    );
    preview(&ws, &c)
}

/// BR-16: a blank, a whitespace-only and a missing first name all get the fallback.
#[test]
fn br16_blank_names_get_the_fallback() {
    let (rows, summary) = br16(r#"Hi {{ first_name | default("there") }},"#);
    let bodies: Vec<&str> = rows.iter().filter_map(|r| r.body.as_deref()).collect();
    assert_eq!(bodies, ["Hi Ana,", "Hi there,", "Hi there,", "Hi there,"]);
    assert_eq!(rows[1].fallbacks_used, ["first_name"]);
    let cov = &summary.coverage[0].fields[0];
    assert_eq!(
        (cov.field.as_str(), cov.own, cov.fallback, cov.nothing),
        ("first_name", 1, 3, 0)
    );
    assert!(summary.warnings().is_empty());
}

/// BR-16 without a fallback: the preview reports the three contacts with nothing.
#[test]
fn br16_without_fallback_reports_three_with_nothing() {
    let (rows, summary) = br16("Hi {{ first_name }},");
    let missing: Vec<&str> = rows
        .iter()
        .filter(|r| r.missing == ["first_name"])
        .map(|r| r.key.as_str())
        .collect();
    assert_eq!(
        missing,
        ["bo@example.com", "cy@example.com", "dee@example.com"]
    );
    let cov = &summary.coverage[0].fields[0];
    assert_eq!((cov.own, cov.fallback, cov.nothing), (1, 0, 3));
    assert_eq!(summary.warnings().len(), 1);
    assert!(
        summary.warnings()[0].starts_with("3 recipients get no value for first_name"),
        "{}",
        summary.warnings()[0]
    );
    assert!(
        rows.iter()
            .all(|r| !r.body.as_deref().unwrap_or("").contains("{{"))
    );
}

/// BR-16: a misspelled merge field is an error naming it, not a silent fallback.
#[test]
fn br16_typo_field_fails_before_preview() {
    let mut ws = Workspace::open_in_memory().unwrap();
    import(&mut ws, "br16_names.csv", GRANTED_EMAIL);
    segment(&mut ws, "all", "email is not blank");
    let c = campaign(
        &mut ws,
        "typo",
        Channel::Email,
        &[(
            "all",
            Some("Hello"),
            r#"Hi {{ frist_name | default("there") }},"#,
        )],
    );
    let err = run_preview::run(&ws, &c, as_of(), &mut |_| Ok(())).unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with("entry 1 (segment `all`)"), "{text}");
    assert!(text.contains("frist_name"), "{text}");
}

/// BR-23: names in the preview are byte-identical to the stored text.
#[test]
fn br23_international_names_are_kept_exactly() {
    let mut ws = Workspace::open_in_memory().unwrap();
    import(&mut ws, "br23_intl.csv", GRANTED_EMAIL);
    segment(&mut ws, "all", "email is not blank");
    let c = campaign(
        &mut ws,
        "intl",
        Channel::Email,
        &[(
            "all",
            Some("{{ last_name }}"),
            "Hi {{ first_name }} {{ last_name }}",
        )],
    );
    let (rows, _) = preview(&ws, &c);
    let bodies: Vec<&str> = rows.iter().filter_map(|r| r.body.as_deref()).collect();
    assert_eq!(
        bodies,
        [
            "Hi Zoë Exemple",
            "Hi José Ejemplo",
            "Hi Łukasz Przykład",
            "Hi 花子 山田"
        ]
    );
    assert_eq!(rows[3].subject.as_deref(), Some("山田"));
}

/// BR-24 on the SMS channel: phones are shown as stored and sent to in E.164 (read in
/// the UK: `44…` and `07…` are UK numbers); the spreadsheet-damaged one is not a valid
/// address and is never repaired.
#[test]
fn br24_phones_as_stored() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let mut plan = ImportPlan::new(campaign_support::fixture("br24_phones.csv"), "test");
    plan.consent.insert(Channel::Sms, ConsentState::Granted);
    plan.region = Some("GB".parse().unwrap());
    tactful::import::run(&mut ws, &plan, &mut |_| {}).unwrap();
    segment(&mut ws, "all", "email is not blank");
    let c = campaign(
        &mut ws,
        "sms",
        Channel::Sms,
        &[("all", None, "Hi {{ first_name }}")],
    );
    let (rows, summary) = preview(&ws, &c);
    let got: Vec<(Option<&str>, Option<&str>, Option<Exclusion>)> = rows
        .iter()
        .map(|r| {
            (
                r.address.as_deref(),
                r.channel_address.as_deref(),
                r.excluded,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("447700900123"), Some("+447700900123"), None),
            (Some("4.47700900124E+11"), None, Some(Exclusion::NoAddress)),
            (Some("+44 7700 900125"), Some("+447700900125"), None),
            (Some("07700900126"), Some("+447700900126"), None),
        ]
    );
    // "Hi Ana" is 6 GSM-7 septets: one part.
    assert_eq!(summary.sms[0].max_parts, 1);
    assert_eq!(summary.sms[0].max_units, 6);
}

/// Withdrawn consent, the suppression list (plain and hash-only) and minors are never
/// recipients, though every contact matches the segment.
#[test]
fn withdrawn_suppressed_and_minors_never_receive() {
    let mut ws = Workspace::open_in_memory().unwrap();
    import(&mut ws, "campaign_guards.csv", None);
    // Wes opts out explicitly in a later file (a "no" alone means never subscribed).
    import(&mut ws, "campaign_guards_optout.csv", None);
    suppress_file(
        &mut ws,
        &campaign_support::fixture("campaign_guards_suppress.txt"),
        "test",
    )
    .unwrap();
    let hash = entry_hash(&HashKey::load(ws.conn()).unwrap(), "key", "eve@example.com");
    ws.write(|tx| suppression::add(tx, "key", None, &hash, suppression::ERASED, "test"))
        .unwrap();
    segment(&mut ws, "gold", r#"tier is "gold""#);
    let c = campaign(
        &mut ws,
        "guards",
        Channel::Email,
        &[("gold", Some("Hi"), "Hello")],
    );
    let (rows, summary) = preview(&ws, &c);
    let got: Vec<(&str, Option<Exclusion>)> =
        rows.iter().map(|r| (r.key.as_str(), r.excluded)).collect();
    assert_eq!(
        got,
        vec![
            ("ana@example.com", None),
            ("wes@example.com", Some(Exclusion::NoConsent)),
            ("sue@example.com", Some(Exclusion::Suppressed)),
            ("kim@example.com", Some(Exclusion::Minor)),
            // Born 2010-11-02: 15 on 2026-11-01.
            ("teo@example.com", Some(Exclusion::Minor)),
            ("eve@example.com", Some(Exclusion::Suppressed)),
        ]
    );
    assert_eq!(summary.recipients, 1);
    assert!(summary.reconciles());
    let sue = explain(&ws, &c, as_of(), "sue@example.com").unwrap();
    assert_eq!(sue.steps[0].status, StepStatus::Decided);
    assert_eq!(
        sue.steps[0].detail,
        "email `sue@example.com` is on the suppression list (reason: list)"
    );
    assert_eq!(sue.steps[1].status, StepStatus::NotReached);
    let teo = explain(&ws, &c, as_of(), "teo@example.com").unwrap();
    // Born 2010-11-02: one day short of 16 on 2026-11-01.
    assert_eq!(
        teo.steps[2].detail,
        "field `date_of_birth` (date of birth) `2010-11-02`: 15 years old; the youngest plausible age on 2026-11-01, 15 (field `date_of_birth`), is under the minor age 16 (the default, GDPR Art. 8(1)): a known minor"
    );
    assert_eq!(teo.minor_check.decided_by.as_deref(), Some("date_of_birth"));
    assert_eq!(teo.minor_check.youngest, Some(15));
    let wes = explain(&ws, &c, as_of(), "wes@example.com").unwrap();
    assert!(
        wes.steps[1].detail.starts_with("e-mail consent: withdrawn"),
        "{}",
        wes.steps[1].detail
    );
}

/// A merge value that looks like template syntax is printed as it is, never run.
#[test]
fn template_syntax_in_values_renders_literally() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("inject.csv");
    std::fs::write(
        &csv,
        "email,first_name\nx@example.com,{{ 7*7 }}\ny@example.com,{% raw %}\n",
    )
    .unwrap();
    let mut plan = tactful::import::ImportPlan::new(&csv, "test");
    plan.consent.insert(Channel::Email, ConsentState::Granted);
    tactful::import::run(&mut ws, &plan, &mut |_| {}).unwrap();
    segment(&mut ws, "all", "email is not blank");
    let c = campaign(
        &mut ws,
        "inject",
        Channel::Email,
        &[("all", Some("{{ first_name }}"), "Hi {{ first_name }}!")],
    );
    let (rows, _) = preview(&ws, &c);
    assert_eq!(rows[0].body.as_deref(), Some("Hi {{ 7*7 }}!"));
    assert_eq!(rows[0].subject.as_deref(), Some("{{ 7*7 }}"));
    assert_eq!(rows[1].body.as_deref(), Some("Hi {% raw %}!"));
}
