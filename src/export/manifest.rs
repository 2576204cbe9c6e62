//! The export manifest (`manifest.json`): what was exported, from what, under which
//! rules, and who signed off. Every key is documented in the README ("Export
//! manifest"); `schema_version` changes when a key changes meaning or goes away.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::campaign::Unlock;
use crate::campaign::code::CampaignFile;
use crate::campaign::preview::{MinorCheck, SegmentCount};
use crate::fields::policy::Category;
use crate::fields::{Channel, PrivacyClass};
use crate::review::{Finding, Severity, SignOffStatus};

/// Version of the manifest's shape.
///
/// 2: `files.data` (one entry per file or split part), `files.templates`,
/// `files.proofs` replace `files.recipients`; `profile` names the platform's
/// documentation and how personal data leaves; columns carry their expression;
/// `counts.left_out`.
pub const SCHEMA_VERSION: u32 = 2;

/// The whole manifest.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    pub schema_version: u32,
    pub tool: Tool,
    /// RFC 3339 UTC time the export was written.
    pub created_at: String,
    /// Who ran it (`$TACTFUL_ACTOR`, else the login name).
    pub created_by: String,
    pub campaign: CampaignSection,
    pub as_of: NaiveDate,
    pub workspace: WorkspaceSection,
    /// Hex SHA-256 over every preview row (the hash a sign-off covers).
    pub preview_sha256: String,
    pub counts: Counts,
    /// The minor check: the minor age and where it comes from (default, campaign or
    /// country with its law), the fields read, and the recipients it could not judge.
    pub minor_check: MinorCheck,
    pub files: Files,
    pub profile: ProfileSection,
    /// The columns of `recipients.csv`, in order, each with why it is there.
    pub columns: Vec<ColumnInfo>,
    /// What the privacy policy allowed in this campaign's category.
    pub policy: PolicySection,
    /// Where the recipients' consent for the channel comes from: one entry per source
    /// (file and column or option, batch), with how many recipients it covers and how
    /// many of them the file gave a consent time and an IP for (GDPR Art. 7(1)).
    pub consent_evidence: Vec<ConsentSource>,
    /// Every review finding at export time (none is a blocker, or there would be no
    /// export; an accepted blocker shows as a warning with `accepted` set).
    pub findings: Vec<Finding>,
    /// The findings the campaign accepted with a written reason, one per finding.
    pub accepted: Vec<AcceptedFinding>,
    /// Every unlock in force, each with its justification, who and when: one per
    /// `tactful unlock` given, so a field unlocked twice is listed twice with both
    /// justifications (by field, oldest first). The audit log has the same, and the
    /// unlocks removed since.
    pub unlocks: Vec<Unlock>,
    /// The latest sign-off and whether it matches this export (`current`) or predates
    /// a change (`stale`); `null` when nobody signed off.
    pub sign_off: Option<SignOffStatus>,
}

/// The program that wrote the export.
#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

/// The campaign as exported.
#[derive(Debug, Clone, Serialize)]
pub struct CampaignSection {
    pub name: String,
    pub channel: Channel,
    pub category: Category,
    /// Campaign as code: the canonical TOML text, rules included.
    pub definition_toml: String,
    /// The same, parsed.
    pub definition: CampaignFile,
    /// Hex SHA-256 of `definition_toml`.
    pub definition_sha256: String,
}

/// Where the data came from.
#[derive(Debug, Clone, Serialize)]
pub struct WorkspaceSection {
    pub path: String,
    pub schema_version: i64,
    /// Import batches in effect (not undone), oldest first.
    pub import_batches: Vec<BatchRef>,
}

/// One import batch in effect.
#[derive(Debug, Clone, Serialize)]
pub struct BatchRef {
    pub id: i64,
    pub file_name: String,
    /// Hex SHA-256 of the imported file's bytes.
    pub sha256: String,
    /// RFC 3339 UTC.
    pub imported_at: String,
}

/// Counts that reconcile: audience = recipients + excluded.
#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    pub audience: u64,
    pub recipients: u64,
    pub excluded: u64,
    /// One per entry, in priority order.
    pub by_segment: Vec<SegmentCount>,
    /// Contacts per exclusion reason code, every reason listed.
    pub by_exclusion: BTreeMap<&'static str, u64>,
    /// Recipients left out of the file because their phone number cannot be written
    /// in E.164 (SMS profiles); listed in the `phone_not_e164` finding.
    pub left_out: u64,
}

/// The files written.
#[derive(Debug, Clone, Serialize)]
pub struct Files {
    /// The recipients or audience file, or its numbered parts (`--split-rows`), each
    /// with its own header.
    pub data: Vec<FileInfo>,
    /// Template profiles: one file per entry and part, in the platform's syntax.
    pub templates: Vec<TemplateFile>,
    /// `--proofs`: finished messages of the first recipients of each entry.
    pub proofs: Vec<ProofFile>,
}

/// One template file.
#[derive(Debug, Clone, Serialize)]
pub struct TemplateFile {
    pub name: String,
    /// 1-based entry.
    pub entry: usize,
    pub segment: String,
    /// `subject` or `body`.
    pub part: &'static str,
    /// `plain` or `html`.
    pub format: &'static str,
    pub sha256: String,
    pub bytes: u64,
    /// Why the part is one merge value instead of pieces, when it is.
    pub kept_whole: Option<String>,
}

/// One proof file.
#[derive(Debug, Clone, Serialize)]
pub struct ProofFile {
    pub name: String,
    pub entry: usize,
    pub segment: String,
    pub sha256: String,
}

/// One written data file.
#[derive(Debug, Clone, Serialize)]
pub struct FileInfo {
    pub name: String,
    /// Hex SHA-256 of the file's bytes, BOM included.
    pub sha256: String,
    pub bytes: u64,
    /// Recipient records, header not counted.
    pub records: u64,
    pub encoding: &'static str,
    pub bom: bool,
    pub record_terminator: &'static str,
    pub quoting: &'static str,
}

/// The profile and the cell rule it applied.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileSection {
    pub name: &'static str,
    pub neutralisation: String,
    /// Formula-like cells written with a `'` in front, in all the data files
    /// together: by the spreadsheet profile always (phone numbers starting with `+`
    /// included), by the others with `--neutralise-formulas` (without it such cells
    /// refuse the export). Counted as the cells are changed (`export::formulas`), so
    /// it is the number of quoted cells.
    pub formulas_neutralised: u64,
    /// True when phone numbers starting with `+` are written exactly (every profile
    /// but spreadsheet, which writes them `'+447700900123`, one of the cells
    /// `formulas_neutralised` counts).
    pub e164_phones_intact: bool,
    /// True when the phone column holds E.164 numbers: every SMS export (the
    /// spreadsheet profile writes them `'+447700900123`, see `e164_phones_intact`).
    pub phones_e164: bool,
    /// The platform documentation headers, syntax and limits come from (template
    /// profiles), else `null`.
    pub platform_doc: Option<&'static str>,
    /// How the platform treats substituted values (template profiles), else `null`.
    pub escaping: Option<&'static str>,
    /// Template profiles: per entry, the value the segment column (`Tags`,
    /// `tactful_segment`, `TACTFUL_SEGMENT`) holds for this export's recipients,
    /// unique to this export (`export::marker`); send only to contacts carrying it.
    /// Empty for the other profiles.
    pub markers: Vec<crate::export::marker::Marker>,
    /// `rendered_text` (the file holds finished messages) or `merge_values` (the file
    /// holds per-recipient merge values, the templates the rest).
    pub personal_data_leaves_as: &'static str,
}

/// One source of the recipients' consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsentSource {
    /// As stored with the state: `column accepts_email_marketing, batch 1`.
    pub source: String,
    /// The imported file, when the state's evidence was kept.
    pub file: Option<String>,
    pub batch: Option<i64>,
    pub recipients: u64,
    pub with_time: u64,
    pub with_ip: u64,
}

/// Why a column is in the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnSource {
    ContactKey,
    ChannelAddress,
    Segment,
    MessageSubject,
    MessageBody,
    /// A merge value: what one template expression rendered to for the recipient.
    MergeValue,
    UserAdded,
}

/// One column of `recipients.csv`.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnInfo {
    pub name: String,
    pub source: ColumnSource,
    pub why: String,
    /// The field a column copies, for the address and user-added columns.
    pub field: Option<String>,
    pub class: Option<PrivacyClass>,
    /// Merge values: the template text whose rendering the column holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
    /// Merge values: the 1-based entries that use the column.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<usize>,
}

/// The policy the campaign ran under.
#[derive(Debug, Clone, Serialize)]
pub struct PolicySection {
    pub category: Category,
    /// True for housing, employment, credit and politics.
    pub special_ad_category: bool,
    /// Classes no rule, message or column of this campaign used, whatever an unlock
    /// or a lowered class says; empty outside special ad categories.
    pub never_used: Vec<PrivacyClass>,
    /// The rule in words, with its sources.
    pub rule: &'static str,
}

impl PolicySection {
    /// The section for a campaign of `category`.
    pub fn of(category: Category) -> Self {
        let special = category.is_special_ad_category();
        PolicySection {
            category,
            special_ad_category: special,
            never_used: if special {
                vec![PrivacyClass::SpecialCategory, PrivacyClass::Protected]
            } else {
                Vec::new()
            },
            rule: if special {
                "special ad category (housing, employment, credit, politics): special category data (GDPR Art. 9(1)) and protected traits are barred from rules, messages and the export, not even an unlock or a lowered class lifts it (Meta Special Ad Categories, Google personalized advertising policy, anti-discrimination law)"
            } else {
                "special category data and protected traits only where the campaign unlocked them with a written justification (see unlocks)"
            },
        }
    }
}

/// A finding the campaign accepted.
#[derive(Debug, Clone, Serialize)]
pub struct AcceptedFinding {
    pub code: &'static str,
    pub reason: String,
    pub by: String,
    /// RFC 3339 UTC.
    pub at: String,
    /// The severity before acceptance.
    pub was: Severity,
    /// Hex SHA-256 of the campaign definition and the finding as accepted.
    pub finding_sha256: String,
}

impl AcceptedFinding {
    /// The accepted ones among `findings`, in their order.
    pub fn of(findings: &[Finding]) -> Vec<AcceptedFinding> {
        findings
            .iter()
            .filter_map(|f| {
                f.accepted.as_ref().map(|a| AcceptedFinding {
                    code: f.code,
                    reason: a.reason.clone(),
                    by: a.by.clone(),
                    at: a.at.clone(),
                    was: a.was,
                    finding_sha256: a.finding_sha256.clone(),
                })
            })
            .collect()
    }
}
