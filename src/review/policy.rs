//! The policy's findings on what a campaign uses: `blocked_field` and
//! `special_ad_category` for rules and messages, `export_extra_field` and
//! `export_field_added` for the fields an export adds (PRODUCT.md, "Privacy classes and
//! the default policy").
//!
//! In a housing, employment, credit or politics campaign a field counts by the stricter
//! of its class and the classifier's: a protected trait or special category data a
//! person lowered to ordinary is still barred there (issue 10, item 3), and the item
//! names who lowered it, when and why.

use super::definition::Uses;
use super::{ExtraField, Finding, Severity};
use crate::campaign::Campaign;
use crate::fields::policy::{Usage, check_use};
use crate::fields::{Field, PrivacyClass};
use crate::written;

/// `blocked_field` and `special_ad_category`: every use the policy refuses.
pub fn uses_allowed(campaign: &Campaign, uses: &Uses, out: &mut Vec<Finding>) {
    let unlocked = campaign.unlocked();
    let mut blocked = Vec::new();
    let mut never = Vec::new();
    for e in &uses.entries {
        let all = e
            .rule_fields
            .iter()
            .map(|n| (n, Usage::Rule))
            .chain(e.message_fields.iter().map(|n| (n, Usage::MessageText)));
        for (name, usage) in all {
            let Some(field) = uses.field(name) else {
                continue;
            };
            let open = unlocked.contains(&field.name);
            if let Err(b) = check_use(field, usage, Some(campaign.category), open) {
                let item = format!("segment `{}`: {}", e.segment, b.message);
                if b.unlockable {
                    blocked.push(item);
                } else {
                    never.push(item);
                }
            } else if let Some(why) = lowered_in_special_category(campaign, uses, field) {
                never.push(format!("segment `{}`: {why}", e.segment));
            }
        }
    }
    if !blocked.is_empty() {
        out.push(Finding::new(
            "blocked_field",
            Severity::Blocker,
            "special category data or protected traits are used without an unlock; remove them or unlock each with a written justification".into(),
            blocked,
        ));
    }
    if !never.is_empty() {
        out.push(Finding::new(
            "special_ad_category",
            Severity::Blocker,
            format!(
                "{} campaign may not use protected traits or special category data at all, not even with an unlock or a lowered class (special ad category); remove them from rules, messages and the export",
                campaign.category.with_article()
            ),
            never,
        ));
    }
}

/// Why `field` is barred from `campaign` although its current class allows it: the
/// campaign is in a special ad category and the classifier found the field protected
/// or special category data before a person lowered it.
fn lowered_in_special_category(campaign: &Campaign, uses: &Uses, field: &Field) -> Option<String> {
    let p = uses.provenance(&field.name)?;
    if !campaign.category.is_special_ad_category()
        || !p.class_lowered(field)
        || !p.classifier_class.is_blocked_by_default()
    {
        return None;
    }
    let kind = field
        .kind
        .as_ref()
        .map(|k| format!(" ({k})"))
        .unwrap_or_default();
    Some(format!(
        "field `{}` was classified {}{kind} and lowered to {} {}; {} campaign may not use it whatever its current class (special ad category)",
        field.name,
        p.classifier_class.label(),
        field.class.label(),
        p.who_when_why(),
        campaign.category.with_article()
    ))
}

/// `export_extra_field` (blocker) and `export_field_added` (info): fields an export adds
/// beyond contact key, address, segment and message. The blocker's headline names the
/// causes its items have ([`ExtraRefused::headline`]).
pub fn extra_fields(
    campaign: &Campaign,
    uses: &Uses,
    extra: &[ExtraField],
    out: &mut Vec<Finding>,
) {
    let mut refused = Vec::new();
    let mut why = ExtraRefused::default();
    let mut added = Vec::new();
    for x in extra {
        let reason = x.reason.trim();
        let Some(f) = uses.field(&x.field) else {
            refused.push(format!("{}: no such field", x.field));
            why.unknown += 1;
            continue;
        };
        if f.class.is_blocked_by_default() {
            refused.push(format!(
                "{}: a {} is never exported as a column (only an unlocked merge field's rendered text)",
                f.name,
                f.class.label()
            ));
            why.barred(f.class);
        } else if let Some(item) = lowered_in_special_category(campaign, uses, f) {
            refused.push(item);
            if let Some(p) = uses.provenance(&f.name) {
                why.barred(p.classifier_class);
            }
        } else if let Err(e) = written::check_justification("the reason", reason) {
            refused.push(format!(
                "{}: {e}; say why it must leave the machine",
                f.name
            ));
            why.no_reason += 1;
        } else {
            added.push(format!("{} ({}): \"{reason}\"", f.name, f.class.label()));
        }
    }
    if !refused.is_empty() {
        out.push(Finding::new(
            "export_extra_field",
            Severity::Blocker,
            why.headline(),
            refused,
        ));
    }
    if !added.is_empty() {
        out.push(Finding::new(
            "export_field_added",
            Severity::Info,
            "fields added to the export knowingly, with the reason given".into(),
            added,
        ));
    }
}

/// Why `export_extra_field` refuses the fields it lists, counted by cause.
#[derive(Debug, Default)]
struct ExtraRefused {
    /// Names that are no field of the workspace.
    unknown: u64,
    /// Protected traits among the barred fields (anti-discrimination law; PRODUCT.md,
    /// "Privacy classes and the default policy").
    protected: u64,
    /// Special category data among the barred fields (GDPR Art. 9(1)).
    special: u64,
    /// Allowed fields whose reason is too short or empty.
    no_reason: u64,
}

impl ExtraRefused {
    fn barred(&mut self, class: PrivacyClass) {
        match class {
            PrivacyClass::Protected => self.protected += 1,
            _ => self.special += 1,
        }
    }

    /// The finding's headline: each cause its items have, with what to do about it,
    /// so a protected trait is not blamed on a missing reason.
    fn headline(&self) -> String {
        let mut causes = Vec::new();
        let barred = self.protected + self.special;
        if barred > 0 {
            let what = match (self.protected, self.special) {
                (1, 0) => "a protected trait".to_string(),
                (n, 0) => format!("{n} protected traits"),
                (0, _) => "special category data".to_string(),
                _ => "protected traits and special category data".to_string(),
            };
            let them = if barred == 1 { "it" } else { "them" };
            causes.push(format!(
                "{what}, which an export never carries as a column (drop {them})"
            ));
        }
        if self.no_reason > 0 {
            let (fields, them) = if self.no_reason == 1 {
                ("a field".to_string(), "it")
            } else {
                (format!("{} fields", self.no_reason), "each")
            };
            causes.push(format!(
                "{fields} no message uses without a valid reason (give {them} a reason or drop {})",
                if self.no_reason == 1 { "it" } else { "them" }
            ));
        }
        if self.unknown > 0 {
            causes.push(if self.unknown == 1 {
                "a field that does not exist (check the name: tactful fields)".to_string()
            } else {
                format!(
                    "{} fields that do not exist (check the names: tactful fields)",
                    self.unknown
                )
            });
        }
        format!("the export would carry {}", causes.join("; and "))
    }
}
