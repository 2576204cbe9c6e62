//! Platform layouts: `assets/platform-layouts.toml`, parsed once, and the recognition
//! of a file's layout from its name and headers.
//!
//! Owns the shape of the asset (see its header comment for every key) and the matching
//! rule: a file-name prefix of any layout wins over header sets, so a Mailchimp
//! `cleaned_members_export_…` file is the cleaned layout whatever its columns; then the
//! first layout (in asset order) with a header set the file holds. Headers compare by
//! their field-name spelling ([`super::normalise::snake_case`]), so case and spacing do
//! not matter. What a layout decides for the columns is applied by [`super::mapping`].
//! The asset is compiled in: a parse failure is a build defect the unit tests catch.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::consent::{Polarity, Reads};
use super::normalise::snake_case;
use crate::fields::{Channel, ConsentState, FieldType, Role};

const SOURCE: &str = include_str!("../../assets/platform-layouts.toml");

/// One platform's file kind.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    /// Stable name, in the report and the batch's options (`mailchimp_unsubscribed`).
    pub id: String,
    pub platform: String,
    /// The file kind, for people (`audience export, unsubscribed contacts`).
    pub kind: String,
    /// Where the header list and the rules come from.
    pub sources: Vec<String>,
    /// Lower-case file-name prefixes that recognise the layout on their own.
    #[serde(default)]
    pub file_names: Vec<String>,
    /// Alternative header sets; a file holding every header of one is recognised.
    #[serde(default)]
    pub headers: Vec<Vec<String>>,
    /// Consent the file states for every row, per channel.
    #[serde(default)]
    pub status: BTreeMap<Channel, ConsentState>,
    /// Name of the column set in `[columns]`.
    columns: String,
}

/// What a layout says about one of its columns.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayoutColumn {
    pub header: String,
    /// The common field the column fills, when it differs from the header's own name.
    #[serde(default)]
    pub field: Option<String>,
    #[serde(default)]
    pub role: Option<Role>,
    #[serde(default, rename = "type")]
    pub ty: Option<FieldType>,
    /// The channel whose consent the column states.
    #[serde(default)]
    pub consent: Option<Channel>,
    #[serde(default)]
    pub polarity: Option<Polarity>,
    /// Name of a `[vocabulary]` entry, instead of a polarity.
    #[serde(default)]
    pub vocabulary: Option<String>,
    /// The column is consent evidence of this kind.
    #[serde(default)]
    pub evidence: Option<EvidenceKind>,
    /// The channel of the evidence.
    #[serde(default)]
    pub channel: Option<Channel>,
    /// The states the evidence is for (`any` for all).
    #[serde(default, rename = "for")]
    pub evidence_for: Vec<EvidenceFor>,
    #[serde(default)]
    pub strip_apostrophe: bool,
    /// The header the column is classified by instead of its own, when the platform's
    /// header is an abbreviation the classifier would misread (Mailchimp's `CC` is the
    /// country code, not a card).
    #[serde(default)]
    pub reads_as: Option<String>,
}

/// What an evidence column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// When the person gave (or refused, or lost) consent.
    Time,
    /// The IP address the consent was given from.
    Ip,
}

/// A state an evidence column documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum EvidenceFor {
    State(ConsentState),
    Any(AnyState),
}

/// The word `any` in an evidence column's `for`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnyState {
    Any,
}

impl LayoutColumn {
    /// True when the column is evidence for `state`.
    pub fn evidences(&self, state: ConsentState) -> bool {
        self.evidence_for.iter().any(|f| match f {
            EvidenceFor::Any(_) => true,
            EvidenceFor::State(s) => *s == state,
        })
    }
}

/// Consent words of one platform's column, outside the built-in polarities.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    /// Match the words anywhere in the value (a cell listing several reasons) instead
    /// of as the whole value.
    #[serde(default)]
    pub contains: bool,
    #[serde(default)]
    pub granted: Vec<String>,
    #[serde(default)]
    pub not_asked: Vec<String>,
    #[serde(default)]
    pub declined: Vec<String>,
    #[serde(default)]
    pub withdrawn: Vec<String>,
    #[serde(default)]
    pub bounced: Vec<String>,
    /// Words that state nothing (HubSpot's `Marketing contact`): like a blank cell.
    #[serde(default)]
    pub nothing: Vec<String>,
    /// The state of any other non-blank value; `None` makes such values unknown.
    #[serde(default)]
    pub other: Option<ConsentState>,
}

impl Vocabulary {
    /// What `value` states, strongest refusal first when several words occur. Values
    /// without a letter or digit (`[]`, `-`) are blank.
    pub fn read(&self, value: &str) -> Reads {
        if !value.chars().any(char::is_alphanumeric) {
            return Reads::Nothing;
        }
        let v = value.to_lowercase();
        let hit = |words: &[String]| {
            words.iter().any(|w| {
                let w = w.to_lowercase();
                if self.contains {
                    v.contains(&w)
                } else {
                    v == w
                }
            })
        };
        [
            (&self.withdrawn, ConsentState::Withdrawn),
            (&self.bounced, ConsentState::Bounced),
            (&self.declined, ConsentState::Declined),
            (&self.not_asked, ConsentState::NotAsked),
            (&self.granted, ConsentState::Granted),
        ]
        .into_iter()
        .find(|(words, _)| hit(words))
        .map(|(_, state)| state)
        .map_or_else(
            || match self.other {
                _ if hit(&self.nothing) => Reads::Nothing,
                Some(state) => Reads::State(state),
                None => Reads::Unknown,
            },
            Reads::State,
        )
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLayouts {
    layout: Vec<Layout>,
    columns: BTreeMap<String, Vec<LayoutColumn>>,
    #[serde(default)]
    vocabulary: BTreeMap<String, Vocabulary>,
}

/// The parsed asset.
#[derive(Debug)]
pub struct Layouts {
    pub layouts: Vec<Layout>,
    columns: BTreeMap<String, Vec<LayoutColumn>>,
    vocabularies: BTreeMap<String, Vocabulary>,
}

impl Layouts {
    /// The columns `layout` describes.
    pub fn columns(&self, layout: &Layout) -> &[LayoutColumn] {
        self.columns.get(&layout.columns).map_or(&[], Vec::as_slice)
    }

    /// The vocabulary called `name`.
    pub fn vocabulary(&self, name: &str) -> Option<&Vocabulary> {
        self.vocabularies.get(name)
    }
}

/// The layouts, parsed on first use.
pub fn layouts() -> &'static Layouts {
    static LAYOUTS: LazyLock<Layouts> = LazyLock::new(|| {
        // The asset is part of the binary; the tests below parse it on every build.
        parse(SOURCE).expect("assets/platform-layouts.toml is valid (unit-tested)")
    });
    &LAYOUTS
}

fn parse(source: &str) -> Result<Layouts, String> {
    let raw: RawLayouts = toml::from_str(source).map_err(|e| e.to_string())?;
    for layout in &raw.layout {
        let columns = raw
            .columns
            .get(&layout.columns)
            .ok_or_else(|| format!("layout {}: no column set {}", layout.id, layout.columns))?;
        for c in columns {
            if let Some(v) = &c.vocabulary
                && !raw.vocabulary.contains_key(v)
            {
                return Err(format!("column {}: no vocabulary {v}", c.header));
            }
            let reads = c.polarity.is_some() || c.vocabulary.is_some();
            if c.consent.is_some() != reads {
                return Err(format!(
                    "column {}: a consent column needs a polarity or a vocabulary, and only it",
                    c.header
                ));
            }
            if c.evidence.is_some() != (c.channel.is_some() && !c.evidence_for.is_empty()) {
                return Err(format!(
                    "column {}: an evidence column needs a channel and `for`, and only it",
                    c.header
                ));
            }
        }
        if layout.file_names.iter().any(|n| *n != n.to_lowercase()) {
            return Err(format!(
                "layout {}: file names must be lower case",
                layout.id
            ));
        }
    }
    Ok(Layouts {
        layouts: raw.layout,
        columns: raw.columns,
        vocabularies: raw.vocabulary,
    })
}

/// A recognised layout and what recognised it.
#[derive(Debug, Clone, PartialEq)]
pub struct Recognised {
    pub layout: &'static Layout,
    /// `file name subscribed_members_export…` or `headers Email Address, UNSUB_TIME`.
    pub by: String,
}

/// The layout of a file called `file_name` (its own name, without directories) with
/// these headers, if any.
///
/// File names are compared in lower case with spaces and hyphens read as underscores:
/// a browser or a person may show Mailchimp's `subscribed_email_audience_export_1a2b.csv`
/// as `Subscribed Email Audience Export 1a2b.csv`, and its status must not be lost.
pub fn recognise(file_name: &str, headers: &[String]) -> Option<Recognised> {
    let all = layouts();
    let name: String = file_name
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    for layout in &all.layouts {
        if let Some(prefix) = layout.file_names.iter().find(|p| name.starts_with(*p)) {
            return Some(Recognised {
                layout,
                by: format!("file name {prefix}…"),
            });
        }
    }
    let present: Vec<String> = headers.iter().map(|h| snake_case(h)).collect();
    for layout in &all.layouts {
        let set = layout.headers.iter().find(|set| {
            set.iter()
                .all(|h| present.iter().any(|p| *p == snake_case(h)))
        });
        if let Some(set) = set {
            return Some(Recognised {
                layout,
                by: format!("headers {}", set.join(", ")),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(hs: &[&str]) -> Vec<String> {
        hs.iter().map(|h| h.to_string()).collect()
    }

    #[test]
    fn the_asset_parses_and_every_layout_has_columns() {
        let all = parse(SOURCE).unwrap();
        assert!(all.layouts.len() >= 9);
        for l in &all.layouts {
            assert!(!all.columns(l).is_empty(), "{}", l.id);
            assert!(!l.sources.is_empty(), "{}", l.id);
        }
    }

    /// File names decide the Mailchimp status, before any header set; the bare name
    /// `subscribed_members_export` is not a prefix of the unsubscribed one.
    #[test]
    fn mailchimp_files_are_told_apart_by_name() {
        let h = headers(&["Email Address", "MEMBER_RATING", "OPTIN_TIME"]);
        let id = |name: &str| recognise(name, &h).map(|r| r.layout.id.as_str());
        assert_eq!(
            id("subscribed_members_export_3f2a.csv"),
            Some("mailchimp_subscribed")
        );
        assert_eq!(
            id("Unsubscribed_Members_Export_3f2a.csv"),
            Some("mailchimp_unsubscribed")
        );
        assert_eq!(
            id("cleaned_members_export_3f2a.csv"),
            Some("mailchimp_cleaned")
        );
        assert_eq!(
            id("nonsubscribed_members_export_3f2a.csv"),
            Some("mailchimp_nonsubscribed")
        );
        // Renamed: the headers still say Mailchimp, but not which status.
        assert_eq!(id("subscribed.csv"), Some("mailchimp"));
        // Renamed unsubscribed file: UNSUB_TIME gives it away (case BR-26's file).
        let unsub = headers(&["Email Address", "MEMBER_RATING", "UNSUB_TIME"]);
        assert_eq!(
            recognise("mailchimp_unsubscribed.csv", &unsub).map(|r| r.layout.id.as_str()),
            Some("mailchimp_unsubscribed")
        );
    }

    #[test]
    fn other_platforms_by_headers_and_plain_files_by_nothing() {
        let id = |hs: &[&str]| recognise("export.csv", &headers(hs)).map(|r| r.layout.id.clone());
        assert_eq!(
            id(&["Email", "Klaviyo ID", "First Name"]).as_deref(),
            Some("klaviyo_profiles")
        );
        assert_eq!(
            id(&[
                "Record ID",
                "First Name",
                "Email",
                "Marketing contact status"
            ])
            .as_deref(),
            Some("hubspot_contacts")
        );
        assert_eq!(
            id(&[
                "Customer ID",
                "Email",
                "Accepts Email Marketing",
                "Default Address Zip"
            ])
            .as_deref(),
            Some("shopify_customers")
        );
        assert_eq!(
            id(&["Name", "Username", "Email", "Orders", "Total Spend", "AOV"]).as_deref(),
            Some("woocommerce_customers")
        );
        // The sample data's older Shopify layout and a plain file are no layout.
        assert_eq!(
            id(&["Customer ID", "Email", "Accepts Email Marketing", "Zip"]),
            None
        );
        assert_eq!(id(&["email", "first_name"]), None);
    }

    #[test]
    fn vocabularies_read_whole_words_or_words_inside() {
        let all = layouts();
        let state = Reads::State;
        let consent = all.vocabulary("klaviyo_consent").unwrap();
        assert_eq!(consent.read("subscribed"), state(ConsentState::Granted));
        assert_eq!(
            consent.read("NEVER_SUBSCRIBED"),
            state(ConsentState::NotAsked)
        );
        assert_eq!(consent.read("UNSUBSCRIBED"), state(ConsentState::Withdrawn));
        assert_eq!(consent.read("maybe"), Reads::Unknown);
        let suppression = all.vocabulary("klaviyo_suppression").unwrap();
        assert_eq!(
            suppression.read("HARD_BOUNCE"),
            state(ConsentState::Bounced)
        );
        assert_eq!(
            suppression.read(r#"[{"reason": "SPAM_COMPLAINT"}, {"reason": "HARD_BOUNCE"}]"#),
            state(ConsentState::Withdrawn)
        );
        assert_eq!(
            suppression.read("SOMETHING_NEW"),
            state(ConsentState::Withdrawn)
        );
        assert_eq!(suppression.read("[]"), Reads::Nothing);
        assert_eq!(suppression.read(""), Reads::Nothing);
        let hubspot = all.vocabulary("hubspot_marketing_status").unwrap();
        assert_eq!(
            hubspot.read("Non-marketing contact"),
            state(ConsentState::NotAsked)
        );
        assert_eq!(hubspot.read("Marketing contact"), Reads::Nothing);
    }
}
