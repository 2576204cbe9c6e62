//! `sensitive_name` (blocker, acceptable): a segment whose name names special category
//! data or a protected trait, when the export writes segment names, unless the
//! campaign unlocked that kind for the segment's own rule (`sensitive_name_unlocked`,
//! a warning).
//!
//! Every export profile but `sms` writes each recipient's segment: as the platform's tag
//! or list (Mailchimp `Tags`, Klaviyo and listmonk `tactful_segment`, Brevo
//! `TACTFUL_SEGMENT`) or the spreadsheet's `segment` column. A segment called
//! `muslim-customers` therefore labels every recipient as Muslim on the sending
//! platform, whatever its rule selects (`city is "Leeds"`): a statement of religion
//! about each of them (GDPR Art. 9(1)) that leaves the machine. A blocker, because the
//! remedy is a rename (`tactful segment rename`); acceptable with a written reason for
//! a name the reviewer judges harmless, on record.
//!
//! **A name an unlock covers.** A segment `female` whose rule is `gender is "Female"`,
//! in a campaign that unlocked `gender` with a written justification, labels each
//! recipient with exactly what the reviewer already justified selecting them by: the
//! name says no more than the rule. So the name is covered, and shown as the warning
//! `sensitive_name_unlocked` with the unlock and its justification, when the segment's
//! rule selects by data of the name's kind through an unlock of that kind (GDPR Art.
//! 9(2)(a) and Art. 5(2): the justification is on record for that very use): an
//! unlocked field of the kind the rule names (`gender` of kind gender), or a value
//! unlock of the kind (`tags:health`) on a field the rule compares with a value of that
//! kind (`tags has "pregnant-2026"`) or selects by whatever it holds (`notes is not
//! blank`, when `notes` holds health values). A name of a kind nothing unlocked, an
//! unlock of the kind used by another segment, or any unlock in a housing, employment,
//! credit or politics campaign (where no unlock is possible) leaves the blocker.
//!
//! Names are read as labels ([`crate::fields::classify::sensitive_values_in_name`]):
//! the whole name (`female`, `religion:catholic`); special category words inside it
//! (`muslim-customers`, `pregnant_2026`); since session 10 protected-trait words
//! anywhere in it too (`women over 50`, `vip_women`, `trans-allies`, `kids-club`), in
//! compounds joined by `-`, `_` or camelCase (`KidsClub`), and ages written as phrases
//! (`over 40`, `u18`, `50plus`, `over-50s`), but for the words a name mostly uses for
//! something else (`man` in `Man City fans`, `miss` in `we miss you`, `trans` in
//! `Trans-Atlantic`, a count in `orders over 50`); each also in the plural and other
//! inflected forms (`muslims`, `women`, `Frauen`, `seniors`). Campaign names are not read
//! (they do not leave); message text is read by [`super::text`].

use rusqlite::Connection;

use super::definition::Uses;
use super::{ExportScope, Finding, ReviewError, Severity};
use crate::campaign::{Campaign, Unlock};
use crate::fields::classify::{SensitiveValue, sensitive_values_in_name};
use crate::fields::held::{held_values, sensitive_in};
use crate::fields::policy::value_unlock_key;
use crate::segment::check::{selects_by_held_values, text_values};
use crate::segment::parse::parse;
use crate::segment::store;

/// The export profile that writes no segment name.
const NO_SEGMENT_PROFILE: &str = "sms";

/// `sensitive_name` for `campaign`'s segments whose names hold sensitive values no
/// unlock covers, and `sensitive_name_unlocked` for those an unlock covers, unless
/// `export` is an `sms` export (which writes no segment). A review without an export
/// scope is judged for the profiles that write it.
///
/// Errors: workspace errors only (reading a segment's rule and a field's values).
pub fn findings(
    conn: &Connection,
    campaign: &Campaign,
    uses: &Uses,
    export: Option<&ExportScope>,
) -> Result<Vec<Finding>, ReviewError> {
    if export.is_some_and(|e| e.profile == NO_SEGMENT_PROFILE) {
        return Ok(Vec::new());
    }
    let mut sorted = ByUnlock::default();
    for entry in &campaign.entries {
        for v in sensitive_values_in_name(&entry.segment) {
            let item = format!(
                "segment `{}`: `{}` is {} data ({}; {})",
                entry.segment,
                v.term,
                v.kind.replace('_', " "),
                v.label,
                v.source
            );
            sorted.add(conn, campaign, uses, &entry.segment, &v, item)?;
        }
    }
    Ok(sorted.findings(
        ("sensitive_name", "a segment name names special category data or a protected trait, and the export writes each recipient's segment (the platform's tag or list: Mailchimp `Tags`, Klaviyo and listmonk `tactful_segment`, Brevo `TACTFUL_SEGMENT`, the spreadsheet's `segment` column), labelling every recipient with it; rename the segment (tactful segment rename OLD NEW), unlock the kind for the data its rule selects by (tactful unlock CAMPAIGN FIELD --reason \"...\"), or accept with a written reason (tactful review CAMPAIGN --accept sensitive_name --reason \"...\")"),
        ("sensitive_name_unlocked", "a segment name names special category data or a protected trait that its rule selects by through an unlock; the export labels every recipient of the segment with it, as the unlock's justification allows"),
    ))
}

/// The items of a finding about sensitive wording (a segment's name, a message's
/// text), sorted by whether an unlock covers them ([`covering_unlock`]): the open ones
/// make an acceptable blocker, the covered ones a warning quoting the unlock.
#[derive(Debug, Default)]
pub(super) struct ByUnlock {
    open: Vec<String>,
    covered: Vec<String>,
}

impl ByUnlock {
    /// File `item`, which says that `segment`'s wording names `v`, once.
    ///
    /// Errors: workspace errors (reading the segment's rule).
    pub(super) fn add(
        &mut self,
        conn: &Connection,
        campaign: &Campaign,
        uses: &Uses,
        segment: &str,
        v: &SensitiveValue,
        item: String,
    ) -> Result<(), ReviewError> {
        let (list, item) = match covering_unlock(conn, campaign, uses, segment, v)? {
            Some(u) => (
                &mut self.covered,
                format!(
                    "{item}; its rule selects by it through the unlock of `{}`: \"{}\" (unlocked by {} at {})",
                    u.field, u.reason, u.actor, u.at
                ),
            ),
            None => (&mut self.open, item),
        };
        if !list.contains(&item) {
            list.push(item);
        }
        Ok(())
    }

    /// The blocker `(code, message)` for the open items and the warning for the
    /// covered ones, each only when it has items.
    pub(super) fn findings(
        self,
        blocker: (&'static str, &str),
        warning: (&'static str, &str),
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        if !self.open.is_empty() {
            out.push(
                Finding::new(blocker.0, Severity::Blocker, blocker.1.into(), self.open)
                    .acceptable(),
            );
        }
        if !self.covered.is_empty() {
            out.push(Finding::new(
                warning.0,
                Severity::Warning,
                warning.1.into(),
                self.covered,
            ));
        }
        out
    }
}

/// The unlock of `campaign` that covers the sensitive value `named` in the name of
/// `segment`: an unlocked field of the value's kind that the segment's rule uses, or
/// a value unlock of the kind on a field the rule compares with a value of that kind
/// or selects by all it holds. `None` in a special ad category campaign, where no
/// unlock counts.
pub(super) fn covering_unlock<'c>(
    conn: &Connection,
    campaign: &'c Campaign,
    uses: &Uses,
    segment: &str,
    named: &SensitiveValue,
) -> Result<Option<&'c Unlock>, ReviewError> {
    if campaign.category.is_special_ad_category() || campaign.unlocks.is_empty() {
        return Ok(None);
    }
    let unlock = |key: &str| campaign.unlocks.iter().find(|u| u.field == key);
    let kind = named.kind.as_str();
    let Some(used) = uses.entries.iter().find(|e| e.segment == segment) else {
        return Ok(None);
    };
    for name in &used.rule_fields {
        if let Some(f) = uses.field(name)
            && f.class.is_blocked_by_default()
            && f.kind.as_deref() == Some(kind)
            && let Some(u) = unlock(&f.name)
        {
            return Ok(Some(u));
        }
    }
    let Some(rule) = store::get(conn, segment)
        .ok()
        .and_then(|s| parse(&s.rule).ok())
    else {
        return Ok(None); // An unreadable rule is `campaign_invalid`'s.
    };
    for cond in rule.conditions() {
        let Some(field) = uses
            .fields
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(&cond.field))
        else {
            continue;
        };
        let Some(u) = unlock(&value_unlock_key(&field.name, kind)) else {
            continue;
        };
        let compared = text_values(&cond.op)
            .into_iter()
            .flat_map(|v| sensitive_in(field, v))
            .any(|v| v.kind == kind);
        let held = selects_by_held_values(field, &cond.op)
            && held_values(conn, field)?
                .iter()
                .any(|h| h.selects() && h.value.kind == kind);
        if compared || held {
            return Ok(Some(u));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::Entry;
    use crate::fields::{Field, FieldType, PrivacyClass, Role};
    use crate::review::definition::EntryUse;

    fn campaign(segments: &[&str]) -> Campaign {
        let mut c = Campaign::new("c", crate::fields::Channel::Email);
        c.entries = segments
            .iter()
            .map(|s| Entry {
                segment: s.to_string(),
                subject: Some("Hi".into()),
                body: "Hello".into(),
                format: crate::message::BodyFormat::default(),
            })
            .collect();
        c
    }

    fn scope(profile: &str) -> ExportScope {
        ExportScope {
            profile: profile.into(),
            fields: Vec::new(),
        }
    }

    /// A workspace with a protected `gender` field (kind gender) that the rule of each
    /// of `segments` uses.
    fn gender_uses(segments: &[&str]) -> Uses {
        Uses {
            fields: vec![Field {
                name: "gender".into(),
                header: "Gender".into(),
                ty: FieldType::Text,
                role: Role::None,
                class: PrivacyClass::Protected,
                reason: "header token `gender`".into(),
                kind: Some("gender".into()),
            }],
            provenance: Vec::new(),
            entries: segments
                .iter()
                .map(|s| EntryUse {
                    segment: s.to_string(),
                    rule_fields: vec!["gender".into()],
                    ..EntryUse::default()
                })
                .collect(),
        }
    }

    /// `findings` with no workspace data behind the names (no segment rules stored).
    fn judge(c: &Campaign, uses: &Uses, export: Option<&ExportScope>) -> Vec<Finding> {
        let conn = Connection::open_in_memory().unwrap();
        findings(&conn, c, uses, export).unwrap()
    }

    fn unlock(field: &str) -> Unlock {
        Unlock {
            field: field.into(),
            reason: "a product line for women the brand asked for".into(),
            actor: "ana".into(),
            at: "2026-11-01T10:00:00Z".into(),
        }
    }

    #[test]
    fn sensitive_segment_names_are_named_with_their_kind() {
        let c = campaign(&["muslim-customers", "vip", "female"]);
        let found = judge(&c, &gender_uses(&[]), None);
        assert_eq!(found.len(), 1);
        let f = &found[0];
        assert_eq!(f.severity, Severity::Blocker);
        assert!(f.acceptable);
        assert_eq!(f.items.len(), 2, "{:?}", f.items);
        assert!(f.items[0].starts_with("segment `muslim-customers`: `muslim` is religion data (religious or philosophical beliefs; GDPR Art. 9(1)"), "{}", f.items[0]);
        assert!(
            f.items[1].starts_with("segment `female`: `female` is gender data (sex/gender;"),
            "{}",
            f.items[1]
        );
    }

    /// Late trial: each of these segment names raised nothing. By hand: `german`,
    /// `nigerian`, `turkish` are origin words before a people word (`nationals`,
    /// `customers`, `community`); `physio`, `hrt`, `ozempic` are treatments.
    #[test]
    fn underscore_segment_names_are_read_word_by_word() {
        let names = [
            "german_nationals",
            "physio_clients",
            "nigerian_customers",
            "turkish_community",
            "hrt_users",
            "ozempic_buyers",
        ];
        let c = campaign(&names);
        let found = judge(&c, &gender_uses(&[]), None);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].items.len(), names.len(), "{:?}", found[0].items);
        let c = campaign(&["italian_leather", "thai-cooking-class"]);
        assert_eq!(judge(&c, &gender_uses(&[]), None), Vec::new());
    }

    #[test]
    fn an_unlock_of_the_kind_the_rule_uses_covers_the_name_and_nothing_else() {
        let mut c = campaign(&["muslim-customers", "female"]);
        c.unlocks.push(unlock("gender"));
        // Both rules use the unlocked gender field: `female` names gender (covered, a
        // warning with the justification); `muslim` names religion, which nothing
        // unlocked (still the blocker).
        let found = judge(&c, &gender_uses(&["muslim-customers", "female"]), None);
        let codes: Vec<&str> = found.iter().map(|f| f.code).collect();
        assert_eq!(codes, ["sensitive_name", "sensitive_name_unlocked"]);
        assert_eq!(found[0].items.len(), 1);
        assert!(found[0].items[0].starts_with("segment `muslim-customers`"));
        assert_eq!(found[1].severity, Severity::Warning);
        assert!(
            found[1].items[0].ends_with("its rule selects by it through the unlock of `gender`: \"a product line for women the brand asked for\" (unlocked by ana at 2026-11-01T10:00:00Z)"),
            "{}",
            found[1].items[0]
        );
        // The same unlock, but `female`'s rule does not use gender: still a blocker.
        let found = judge(&c, &gender_uses(&["muslim-customers"]), None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].items.len(), 2);
        // No unlock counts in a special ad category.
        c.category = crate::fields::policy::Category::Employment;
        let found = judge(&c, &gender_uses(&["female"]), None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "sensitive_name");
    }

    #[test]
    fn ordinary_names_and_sms_exports_raise_nothing() {
        let none = gender_uses(&[]);
        // `vip_women` was here until session 10: a name labels every recipient, so
        // `women` in it is gender data; a count over 50 is no age.
        let ordinary = campaign(&["leeds", "christchurch-buyers", "orders-over-50", "all"]);
        assert_eq!(judge(&ordinary, &none, None), Vec::new());
        let sensitive = campaign(&["pregnant-2026"]);
        assert_eq!(judge(&sensitive, &none, Some(&scope("sms"))), Vec::new());
        assert_eq!(judge(&sensitive, &none, Some(&scope("mailchimp"))).len(), 1);
    }
}
