//! `sensitive_name` (blocker, acceptable): a segment whose name names special category
//! data or a protected trait, when the export writes segment names.
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
//! Names are read like free-text values ([`crate::fields::classify::sensitive_values_in`]):
//! the whole name (`female`, `religion:catholic`) or special category words inside it
//! (`muslim-customers`, `pregnant_2026`). Campaign names and the message text are not
//! read: they are the same for every recipient, and a message may well mention halal or
//! gluten-free food to everyone.

use super::{ExportScope, Finding, Severity};
use crate::campaign::Campaign;
use crate::fields::classify::sensitive_values_in;

/// The export profile that writes no segment name.
const NO_SEGMENT_PROFILE: &str = "sms";

/// `sensitive_name` for `campaign`'s segments whose names hold sensitive values, unless
/// `export` is an `sms` export (which writes no segment). A review without an export
/// scope is judged for the profiles that write it.
pub fn findings(campaign: &Campaign, export: Option<&ExportScope>) -> Option<Finding> {
    if export.is_some_and(|e| e.profile == NO_SEGMENT_PROFILE) {
        return None;
    }
    let mut items: Vec<String> = Vec::new();
    for entry in &campaign.entries {
        for v in sensitive_values_in(&entry.segment) {
            let item = format!(
                "segment `{}`: `{}` is {} data ({}; {})",
                entry.segment,
                v.term,
                v.kind.replace('_', " "),
                v.label,
                v.source
            );
            if !items.contains(&item) {
                items.push(item);
            }
        }
    }
    if items.is_empty() {
        return None;
    }
    Some(
        Finding::new(
            "sensitive_name",
            Severity::Blocker,
            "a segment name names special category data or a protected trait, and the export writes each recipient's segment (the platform's tag or list: Mailchimp `Tags`, Klaviyo and listmonk `tactful_segment`, Brevo `TACTFUL_SEGMENT`, the spreadsheet's `segment` column), labelling every recipient with it; rename the segment (tactful segment rename OLD NEW), or accept with a written reason (tactful review CAMPAIGN --accept sensitive_name --reason \"...\")".into(),
            items,
        )
        .acceptable(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::Entry;

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

    #[test]
    fn sensitive_segment_names_are_named_with_their_kind() {
        let f = findings(&campaign(&["muslim-customers", "vip", "female"]), None).unwrap();
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

    #[test]
    fn ordinary_names_and_sms_exports_raise_nothing() {
        let ordinary = campaign(&["leeds", "christchurch-buyers", "vip_women", "all"]);
        assert_eq!(findings(&ordinary, None), None);
        let sensitive = campaign(&["pregnant-2026"]);
        assert_eq!(findings(&sensitive, Some(&scope("sms"))), None);
        assert!(findings(&sensitive, Some(&scope("mailchimp"))).is_some());
    }
}
