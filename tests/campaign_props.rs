//! Reconciliation property: for generated small workspaces (random consent, refusals
//! and minors shared by an address, suppression, dates of birth, addresses with duplicates and
//! blanks) and campaigns (1 to 3 entries with simple rules, holdout 0 to 50 %), the
//! preview gives exactly the outcome of a reference model written here from PRODUCT.md's seven steps, its counts
//! reconcile per reason and per segment, no key appears twice and no address gets two
//! messages.

use std::collections::{BTreeSet, HashSet};

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use rusqlite::types::Value;
use tactful::campaign::assign::{Exclusion, holdout_bucket};
use tactful::campaign::preview;
use tactful::campaign::store as campaigns;
use tactful::campaign::{BodyFormat, Campaign, Entry};
use tactful::fields::{Channel, Field, FieldType, PrivacyClass, Role};
use tactful::import::suppress::entry_hash;
use tactful::segment::{Scope, store};
use tactful::workspace::keyed_hash::HashKey;
use tactful::workspace::{Workspace, WorkspaceError, fields, suppression};

/// Rule text and the same rule as a plain predicate over (tier, spend).
const RULES: [&str; 5] = [
    r#"tier is "a""#,
    r#"tier is "b""#,
    "spend > 50",
    r#"tier is not "c""#,
    r#"spend <= 20 or tier is "c""#,
];

fn rule_holds(i: usize, tier: Option<&str>, spend: i64) -> bool {
    match i {
        0 => tier == Some("a"),
        1 => tier == Some("b"),
        2 => spend > 50,
        3 => tier != Some("c"),
        _ => spend <= 20 || tier == Some("c"),
    }
}

/// Raw e-mail cells and their normal form (`None`: not a valid address).
const EMAILS: [(&str, Option<&str>); 7] = [
    ("a@x.com", Some("a@x.com")),
    (" A@X.com ", Some("a@x.com")),
    ("b@x.com", Some("b@x.com")),
    ("c@x.com", Some("c@x.com")),
    ("not-an-email", None),
    ("c@x", None),
    ("d@x.com", Some("d@x.com")),
];

#[derive(Debug, Clone)]
struct Person {
    consent: &'static str,
    /// Index into EMAILS, or `None` for a blank cell.
    email: Option<usize>,
    suppressed: bool,
    dob: Option<NaiveDate>,
    tier: Option<&'static str>,
    spend: i64,
}

fn person() -> impl Strategy<Value = Person> {
    (
        prop_oneof![
            3 => Just("granted"),
            1 => Just("not_asked"),
            1 => Just("declined"),
            1 => Just("withdrawn"),
            1 => Just("bounced"),
        ],
        proptest::option::weighted(0.85, 0..EMAILS.len()),
        proptest::bool::weighted(0.15),
        proptest::option::weighted(0.5, (1995i32..2020, 1u32..13, 1u32..29)),
        proptest::option::weighted(0.8, prop_oneof![Just("a"), Just("b"), Just("c")]),
        0i64..100,
    )
        .prop_map(|(consent, email, suppressed, dob, tier, spend)| Person {
            consent,
            email,
            suppressed,
            dob: dob.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            tier,
            spend,
        })
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
}

fn field(name: &str, ty: FieldType, role: Role, class: PrivacyClass) -> Field {
    Field {
        name: name.into(),
        header: name.into(),
        ty,
        role,
        class,
        reason: "test".into(),
        kind: None,
    }
}

fn build(people: &[Person], rules: &[usize], holdout: f64) -> (Workspace, Campaign) {
    let mut ws = Workspace::open_in_memory().unwrap();
    ws.write(|tx| {
        for f in [
            field("email", FieldType::Text, Role::Email, PrivacyClass::DirectIdentifier),
            field("tier", FieldType::Text, Role::None, PrivacyClass::Ordinary),
            field("spend", FieldType::Integer, Role::None, PrivacyClass::Ordinary),
            field("dob", FieldType::Date, Role::DateOfBirth, PrivacyClass::Protected),
        ] {
            fields::add(tx, &f, "test", Some(1))?;
        }
        for (i, p) in people.iter().enumerate() {
            let key = format!("c{i}");
            tx.execute(
                "INSERT INTO contacts (_key, _batch, _consent_email, email, tier, spend, dob) VALUES (?, 1, ?, ?, ?, ?, ?)",
                rusqlite::params_from_iter([
                    Value::Text(key.clone()),
                    Value::Text(p.consent.into()),
                    p.email.map_or(Value::Null, |e| Value::Text(EMAILS[e].0.into())),
                    p.tier.map_or(Value::Null, |t| Value::Text(t.into())),
                    Value::Integer(p.spend),
                    p.dob.map_or(Value::Null, |d| Value::Text(d.format("%Y-%m-%d").to_string())),
                ]),
            )?;
            if p.suppressed {
                let (kind, value) = match p.email.and_then(|e| EMAILS[e].1) {
                    Some(normal) => ("email", normal.to_string()),
                    None => ("key", key),
                };
                suppression::add(tx, kind, Some(&value), &entry_hash(&HashKey::load(tx).unwrap(), kind, &value), "list", "test")?;
            }
        }
        Ok::<_, WorkspaceError>(())
    })
    .unwrap();
    let defs = fields::list(ws.conn()).unwrap();
    let none = BTreeSet::new();
    let scope = Scope {
        fields: &defs,
        category: None,
        unlocked: &none,
        as_of: as_of(),
        held: &tactful::fields::held::HeldValues::load(ws.conn(), &defs).unwrap(),
    };
    let mut c = Campaign::new("prop", Channel::Email);
    c.holdout_pct = holdout;
    c.as_of = Some(as_of());
    for &r in rules {
        let name = format!("r{r}");
        store::add(&mut ws, &name, RULES[r], "", &scope).unwrap();
        c.entries.push(Entry {
            segment: name,
            subject: Some("S".into()),
            body: "B {{ tier | default(\"-\") }}".into(),
            format: BodyFormat::Plain,
        });
    }
    ws.write(|tx| campaigns::save(tx, &c)).unwrap();
    (ws, c)
}

/// PRODUCT.md's seven steps, written directly: `Ok(entry)` or the exclusion.
fn model(people: &[Person], rules: &[usize], holdout: f64) -> Vec<Result<usize, Exclusion>> {
    let mut bad_emails = HashSet::new();
    let mut bad_keys = HashSet::new();
    for (i, p) in people.iter().enumerate().filter(|(_, p)| p.suppressed) {
        match p.email.and_then(|e| EMAILS[e].1) {
            Some(n) => bad_emails.insert(n),
            None => bad_keys.insert(i),
        };
    }
    // A refusal holds for the address, for every contact holding it (README,
    // "Campaigns"): a granted contact sharing a refused address gets nothing.
    let refused: HashSet<&str> = people
        .iter()
        .filter(|p| matches!(p.consent, "declined" | "withdrawn" | "bounced"))
        .filter_map(|p| p.email.and_then(|e| EMAILS[e].1))
        .collect();
    let today = as_of();
    let minor = |p: &Person| {
        p.dob.is_some_and(|d| {
            let before_birthday = (d.month(), d.day()) > (today.month(), today.day());
            today.year() - d.year() - i32::from(before_birthday) < 16
        })
    };
    // A known minor's address is a minor's address (README, "The minor check"): every
    // contact holding it is excluded as a minor, whatever its own consent.
    let minors: HashSet<&str> = people
        .iter()
        .filter(|p| minor(p))
        .filter_map(|p| p.email.and_then(|e| EMAILS[e].1))
        .collect();
    let mut assigned = HashSet::new();
    people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let normal = p.email.and_then(|e| EMAILS[e].1);
            if bad_keys.contains(&i) || normal.is_some_and(|n| bad_emails.contains(n)) {
                return Err(Exclusion::Suppressed);
            }
            if p.consent != "granted" || normal.is_some_and(|n| refused.contains(n)) {
                return Err(Exclusion::NoConsent);
            }
            if minor(p) || normal.is_some_and(|n| minors.contains(n)) {
                return Err(Exclusion::Minor);
            }
            let Some(address) = normal else {
                return Err(Exclusion::NoAddress);
            };
            if assigned.contains(address) {
                return Err(Exclusion::DuplicateAddress);
            }
            let Some(entry) = rules.iter().position(|&r| rule_holds(r, p.tier, p.spend)) else {
                return Err(Exclusion::NoSegment);
            };
            assigned.insert(address);
            if holdout_bucket("prop", &format!("c{i}")) < (holdout * 100.0) as u64 {
                return Err(Exclusion::Holdout);
            }
            Ok(entry)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn preview_matches_the_seven_steps_and_reconciles(
        people in proptest::collection::vec(person(), 0..40),
        rules in proptest::sample::subsequence(vec![0usize, 1, 2, 3, 4], 1..=3),
        holdout in 0u32..=50,
    ) {
        let holdout = f64::from(holdout);
        let (ws, c) = build(&people, &rules, holdout);
        let mut rows = Vec::new();
        let summary = preview::run(&ws, &c, as_of(), &mut |r| {
            rows.push(r.clone());
            Ok(())
        })
        .unwrap();
        let expected = model(&people, &rules, holdout);
        prop_assert_eq!(rows.len(), people.len());
        for (i, (row, want)) in rows.iter().zip(&expected).enumerate() {
            prop_assert_eq!(&row.key, &format!("c{i}"));
            match want {
                Ok(entry) => {
                    prop_assert_eq!(row.excluded, None);
                    prop_assert_eq!(row.segment.clone(), Some(format!("r{}", rules[*entry])));
                }
                Err(reason) => prop_assert_eq!(row.excluded, Some(*reason)),
            }
        }
        // Counts per reason and per segment, from the model.
        prop_assert_eq!(summary.audience, people.len() as u64);
        for r in &summary.per_reason {
            let n = expected.iter().filter(|e| **e == Err(r.reason)).count() as u64;
            prop_assert_eq!(r.contacts, n, "{:?}", r.reason);
        }
        for (j, s) in summary.per_segment.iter().enumerate() {
            let n = expected.iter().filter(|e| **e == Ok(j)).count() as u64;
            prop_assert_eq!(s.recipients, n);
        }
        prop_assert!(summary.reconciles());
        // No key twice; no address gets two messages.
        let keys: HashSet<&str> = rows.iter().map(|r| r.key.as_str()).collect();
        prop_assert_eq!(keys.len(), rows.len());
        let mut addresses = HashSet::new();
        for r in rows.iter().filter(|r| r.excluded.is_none()) {
            let a = r.address.clone().unwrap_or_default().trim().to_lowercase();
            prop_assert!(addresses.insert(a), "address twice: {:?}", r.address);
        }
    }
}
