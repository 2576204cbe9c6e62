//! `sensitive_value` (blocker): sensitive values the campaign uses without an unlock of
//! their kind on the field: a tag or text value written in a rule (`tags has "muslim"`),
//! a rule of any kind on a field that holds sensitive values (`orientation is
//! "straight"` when `orientation` holds `lesbian`: [`crate::fields::held`]), or compared
//! in a message (`{% if "pregnant" in tags %}`), and the stored values of a
//! field a message merges or the export adds (`{{ tags }}` prints `muslim` for the
//! contacts who hold it). Each use is decided by
//! [`crate::fields::policy::check_value_use`], the same decision the segment and message
//! checks make; the finding says how to unlock the kind (`tags:religion`) or that no
//! unlock can help in a special ad category.

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::definition::Uses;
use super::{ExtraField, Finding, ReviewError, Severity};
use crate::campaign::Campaign;
use crate::fields::Field;
use crate::fields::held::{held_values, sensitive_in};
use crate::fields::policy::{Blocked, Usage, check_value_use};
use crate::message::{PolicyScope, blocked_values};
use crate::segment::check::{selects_by_held_values, text_values};
use crate::segment::parse::parse;
use crate::segment::store;

/// The findings about sensitive values in `campaign`, from the entries' rules and
/// messages and the stored values of fields that leave in messages or `extra` fields.
///
/// Errors: workspace errors only.
pub fn findings(
    conn: &Connection,
    campaign: &Campaign,
    uses: &Uses,
    extra: &[ExtraField],
) -> Result<Vec<Finding>, ReviewError> {
    let unlocked = campaign.unlocked();
    let category = Some(campaign.category);
    let scope = PolicyScope {
        category,
        unlocked: &unlocked,
    };
    let mut refused: Vec<(Blocked, String)> = Vec::new();
    for entry in &campaign.entries {
        let at = format!("segment `{}`", entry.segment);
        if let Ok(segment) = store::get(conn, &entry.segment)
            && let Ok(rule) = parse(&segment.rule)
        {
            for cond in rule.conditions() {
                let Some(field) = field(uses, &cond.field) else {
                    continue;
                };
                for value in text_values(&cond.op)
                    .into_iter()
                    .flat_map(|v| sensitive_in(field, v))
                {
                    if let Err(b) = check_value_use(field, &value, Usage::Rule, category, &unlocked)
                    {
                        refused.push((b, format!("{at}, rule")));
                    }
                }
                if field.class.is_blocked_by_default() || !selects_by_held_values(field, &cond.op) {
                    continue; // The field's own finding, or the named tags, cover it.
                }
                for held in held_values(conn, field)?.iter().filter(|h| h.selects()) {
                    if let Err(b) =
                        check_value_use(field, &held.value, Usage::Rule, category, &unlocked)
                    {
                        let item = format!(
                            "{at}, rule on {}: any comparison with it selects by them",
                            held.describe(&field.name)
                        );
                        refused.push((b, item));
                    }
                }
            }
        }
        for text in entry.subject.iter().chain(std::iter::once(&entry.body)) {
            for b in blocked_values(text, &uses.fields, &scope) {
                refused.push((b, format!("{at}, message")));
            }
        }
    }
    let mut leaving: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in &uses.entries {
        for name in &e.message_fields {
            leaving
                .entry(name.clone())
                .or_default()
                .push(format!("segment `{}`, message merges it", e.segment));
        }
    }
    for x in extra {
        leaving
            .entry(x.field.clone())
            .or_default()
            .push("the export adds it".to_string());
    }
    for (name, whos) in &leaving {
        let Some(field) = field(uses, name) else {
            continue;
        };
        if field.class.is_blocked_by_default() {
            continue; // The field's own finding covers it.
        }
        for held in held_values(conn, field)? {
            let usage = Usage::MessageText;
            if let Err(b) = check_value_use(field, &held.value, usage, category, &unlocked) {
                let item = format!("{}: {}", whos.join("; "), held.describe(&field.name));
                refused.push((b, item));
            }
        }
    }
    let (open, never): (Vec<_>, Vec<_>) = refused.into_iter().partition(|(b, _)| b.unlockable);
    let mut out = Vec::new();
    if !open.is_empty() {
        out.push(Finding::new(
            "sensitive_value",
            Severity::Blocker,
            "sensitive values (tags or text such as `muslim`, `pregnant`, `lgbtq`) are used without an unlock of their kind; remove them, or unlock the kind on the field with a written justification (tactful unlock CAMPAIGN FIELD:KIND --reason \"...\")".into(),
            open.into_iter().map(|(b, at)| format!("{at}: {}", b.message)).collect(),
        ));
    }
    if !never.is_empty() {
        out.push(Finding::new(
            "sensitive_value_special_ad_category",
            Severity::Blocker,
            format!(
                "{} campaign may not use protected traits, not even as tag values and not even with an unlock (special ad category); remove them",
                campaign.category.with_article()
            ),
            never.into_iter().map(|(b, at)| format!("{at}: {}", b.message)).collect(),
        ));
    }
    Ok(out)
}

fn field<'u>(uses: &'u Uses, name: &str) -> Option<&'u Field> {
    uses.fields
        .iter()
        .find(|f| f.name.eq_ignore_ascii_case(name))
}
