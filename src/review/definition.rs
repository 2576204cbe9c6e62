//! Findings from the campaign definition alone: which fields each entry's rule and
//! message use and whether the policy allows them there (PRODUCT.md, "Privacy classes
//! and the default policy"), unlocks and their justifications, protected traits used to
//! exclude, the consent source for the channel, and fields an export would add.
//!
//! What the policy allows where lives in [`super::policy`]; this module reads what each
//! entry uses and adds the other definition findings.
//!
//! Rules are parsed and templates checked with the policy switched off, so a blocked
//! field becomes a finding about that field instead of one refusal that hides the rest.

use std::collections::BTreeSet;

use rusqlite::Connection;

use super::{ExtraField, Finding, ReviewError, Severity, policy};
use crate::campaign::Campaign;
use crate::fields::classify::{sensitive_kind, sensitive_kinds};
use crate::fields::policy::value_unlock_key;
use crate::fields::provenance::Provenance;
use crate::fields::{Channel, Field};
use crate::message::{Message, MessageDraft, PolicyScope};
use crate::segment::ast::{Op, Rule};
use crate::segment::parse::parse;
use crate::segment::store;
use crate::workspace::{batches, contacts, fields as field_store};

/// What one entry uses.
#[derive(Debug, Clone, Default)]
pub struct EntryUse {
    pub segment: String,
    /// Fields named in the segment's rule, in the workspace's spelling, sorted.
    pub rule_fields: Vec<String>,
    /// Merge fields of the subject and body, sorted.
    pub message_fields: Vec<String>,
    /// Fields that appear where they exclude (under `not`, `is not`, `!=`, `not in`).
    pub excluding_fields: Vec<String>,
    /// Why the rule or message could not be read, if it could not.
    pub problem: Option<String>,
}

/// Everything the campaign's entries use, and the workspace's fields.
#[derive(Debug, Clone)]
pub struct Uses {
    pub fields: Vec<Field>,
    /// What the classifier gave each field, and who changed it since.
    pub provenance: Vec<Provenance>,
    pub entries: Vec<EntryUse>,
}

impl Uses {
    /// The field named `name`.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The provenance of field `name`.
    pub fn provenance(&self, name: &str) -> Option<&Provenance> {
        self.provenance.iter().find(|p| p.field == name)
    }

    /// The field as the classifier would have it protected: its class raised back to the
    /// classifier's when a person lowered it.
    pub fn strictest(&self, f: &Field) -> Field {
        let mut out = f.clone();
        if let Some(p) = self.provenance(&f.name) {
            out.class = p.strictest_class(f);
        }
        out
    }

    /// Every merge field of every message, sorted, once each.
    pub fn message_fields(&self) -> BTreeSet<String> {
        self.entries
            .iter()
            .flat_map(|e| e.message_fields.iter().cloned())
            .collect()
    }

    /// Every field a rule or message uses, sorted, once each.
    pub fn all_fields(&self) -> BTreeSet<String> {
        let mut all = self.message_fields();
        for e in &self.entries {
            all.extend(e.rule_fields.iter().cloned());
        }
        all
    }
}

/// Read what each entry of `campaign` uses.
pub fn uses(conn: &Connection, campaign: &Campaign) -> Result<Uses, ReviewError> {
    let fields = field_store::list(conn)?;
    // Every field and every kind of sensitive value on it (`tags:religion`): the
    // policy's refusals are findings ([`super::values`]), not unreadable entries.
    let kinds = sensitive_kinds();
    let everything: BTreeSet<String> = fields
        .iter()
        .flat_map(|f| {
            std::iter::once(f.name.clone())
                .chain(kinds.iter().map(|k| value_unlock_key(&f.name, k)))
        })
        .collect();
    let permissive = PolicyScope {
        category: None,
        unlocked: &everything,
    };
    let mut entries = Vec::with_capacity(campaign.entries.len());
    for entry in &campaign.entries {
        let mut out = EntryUse {
            segment: entry.segment.clone(),
            ..EntryUse::default()
        };
        match store::get(conn, &entry.segment) {
            Ok(segment) => match parse(&segment.rule) {
                Ok(rule) => {
                    let spell = |name: &str| {
                        fields
                            .iter()
                            .find(|f| f.name.eq_ignore_ascii_case(name))
                            .map_or_else(|| name.to_string(), |f| f.name.clone())
                    };
                    let names: BTreeSet<String> =
                        rule.conditions().iter().map(|c| spell(&c.field)).collect();
                    out.rule_fields = names.into_iter().collect();
                    let mut excluding = BTreeSet::new();
                    excluding_fields(&rule, false, &mut excluding);
                    out.excluding_fields = excluding.iter().map(|n| spell(n)).collect();
                }
                Err(e) => out.problem = Some(format!("rule: {e}")),
            },
            Err(e) => out.problem = Some(e.to_string()),
        }
        let draft = MessageDraft {
            channel: campaign.channel,
            subject: entry.subject.clone(),
            body: entry.body.clone(),
            format: entry.format,
        };
        match Message::check(&draft, &fields, &permissive) {
            Ok(message) => out.message_fields = message.merge_fields(),
            Err(e) => {
                let text = format!("message: {e}");
                out.problem = Some(match out.problem.take() {
                    Some(p) => format!("{p}; {text}"),
                    None => text,
                });
            }
        }
        entries.push(out);
    }
    let provenance = field_store::provenance(conn)?;
    Ok(Uses {
        fields,
        provenance,
        entries,
    })
}

/// Fields of conditions that exclude: `negated` says whether an odd number of `not`s
/// surrounds the rule; `is not`, `!=` and `not in` negate once more.
fn excluding_fields(rule: &Rule, negated: bool, out: &mut BTreeSet<String>) {
    match rule {
        Rule::Or(parts) | Rule::And(parts) => {
            for p in parts {
                excluding_fields(p, negated, out);
            }
        }
        Rule::Not(inner) => excluding_fields(inner, !negated, out),
        Rule::Condition(c) => {
            let op_negates = matches!(c.op, Op::NotEq(_) | Op::NotIn(_));
            if negated != op_negates {
                out.insert(c.field.clone());
            }
        }
    }
}

/// The definition's findings, in a fixed order.
pub fn findings(
    conn: &Connection,
    campaign: &Campaign,
    uses: &Uses,
    extra: &[ExtraField],
) -> Result<Vec<Finding>, ReviewError> {
    let mut out = Vec::new();
    policy::uses_allowed(campaign, uses, &mut out);
    let problems: Vec<String> = uses
        .entries
        .iter()
        .filter_map(|e| {
            e.problem
                .as_ref()
                .map(|p| format!("segment `{}`: {p}", e.segment))
        })
        .collect();
    if !problems.is_empty() {
        out.push(Finding::new(
            "campaign_invalid",
            Severity::Blocker,
            "some entries cannot be read; fix their rules or messages".into(),
            problems,
        ));
    }
    consent_source(conn, campaign, uses, &mut out)?;
    policy::extra_fields(campaign, uses, extra, &mut out);
    if !campaign.unlocks.is_empty() {
        out.push(Finding::new(
            "unlocked_field",
            Severity::Warning,
            format!(
                "{} unlocked for this campaign; check each justification",
                crate::text::count(campaign.unlocks.len() as u64, "sensitive field")
            ),
            campaign
                .unlocks
                .iter()
                .map(|u| {
                    let value_class = u
                        .field
                        .split_once(':')
                        .and_then(|(_, kind)| sensitive_kind(kind))
                        .map(|c| c.label());
                    let class = uses
                        .field(&u.field)
                        .map(|f| f.class.label())
                        .or(value_class)
                        .unwrap_or("unknown field");
                    format!(
                        "{} ({class}): \"{}\" (unlocked by {} at {})",
                        u.field, u.reason, u.actor, u.at
                    )
                })
                .collect(),
        ));
    }
    let excluding: Vec<String> = uses
        .entries
        .iter()
        .flat_map(|e| {
            e.excluding_fields
                .iter()
                .filter(|n| {
                    uses.field(n)
                        .is_some_and(|f| uses.strictest(f).class.is_blocked_by_default())
                })
                .map(move |n| format!("segment `{}` excludes by {n}", e.segment))
        })
        .collect();
    if !excluding.is_empty() {
        out.push(Finding::new(
            "protected_exclusion",
            Severity::Warning,
            "a protected trait or special category field is used to exclude contacts; leaving people out because of such a trait can be discrimination too".into(),
            excluding,
        ));
    }
    out.push(Finding::new(
        "fields_used",
        Severity::Info,
        "fields each entry uses".into(),
        uses.entries
            .iter()
            .map(|e| {
                let list = |v: &[String]| {
                    if v.is_empty() {
                        "nothing".to_string()
                    } else {
                        v.join(", ")
                    }
                };
                format!(
                    "segment `{}`: rule uses {}; message uses {}",
                    e.segment,
                    list(&e.rule_fields),
                    list(&e.message_fields)
                )
            })
            .collect(),
    ));
    Ok(out)
}

/// `no_consent_source`: neither a consent field for the channel nor an import that
/// stated consent for it, so every contact is "not asked" and excluded.
fn consent_source(
    conn: &Connection,
    campaign: &Campaign,
    uses: &Uses,
    out: &mut Vec<Finding>,
) -> Result<(), ReviewError> {
    let channel = campaign.channel;
    if uses
        .fields
        .iter()
        .any(|f| f.role.consent_channel() == Some(channel))
    {
        return Ok(());
    }
    let stated = batches::list(conn)?
        .iter()
        .any(|b| b.undone_at.is_none() && !b.options["consent"][channel.as_str()].is_null());
    // A grant stays with its contact when the field it was read from loses its consent
    // role (`fields set newsletter --role none`): the preview still sends on it, so a
    // review saying "nobody can be contacted" would contradict it (session-8 trial).
    if !stated && !contacts::any_granted(conn, channel)? {
        let flag = match channel {
            Channel::Email => "--consent email=granted",
            Channel::Sms => "--consent sms=granted",
        };
        out.push(Finding::new(
            "no_consent_source",
            Severity::Blocker,
            format!(
                "no field holds {channel} consent and no import stated it, so nobody can be contacted lawfully on this channel; import a consent column, or re-import stating the file's consent ({flag}) if it was collected"
            ),
            vec![format!("channel {channel}")],
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excluding(rule: &str) -> Vec<String> {
        let mut out = BTreeSet::new();
        excluding_fields(&parse(rule).unwrap(), false, &mut out);
        out.into_iter().collect()
    }

    #[test]
    fn exclusion_is_found_under_every_negation_and_cancels_when_doubled() {
        assert_eq!(excluding(r#"age is not 30"#), ["age"]);
        assert_eq!(excluding(r#"gender != "f""#), ["gender"]);
        assert_eq!(excluding(r#"religion not in ("a", "b")"#), ["religion"]);
        assert_eq!(excluding(r#"city is "x" and not (age > 60)"#), ["age"]);
        assert_eq!(excluding(r#"not (age is not 30)"#), Vec::<String>::new());
        assert_eq!(
            excluding(r#"age > 60 or gender is "f""#),
            Vec::<String>::new()
        );
    }
}
