//! Export: the recipients or audience file, platform templates, proofs and the
//! manifest, written only when review finds no blocker (PRODUCT.md, "Export").
//!
//! The flow: check that the [`Profile`] fits the campaign, prepare the campaign as
//! preview does and, for the template profiles, split its messages into merge columns
//! ([`merge`]); review the campaign, its one preview pass also turning each recipient
//! into cells ([`columns`]) held in a temporary file, checking every reassembled
//! message against the preview and every value against the platform's limits (so the
//! reviewed preview hash, the counts and the file come from the same rows); refuse
//! with the review's blockers if any; then write the data file or its parts ([`recipients`]), the
//! templates, the proofs ([`proofs`]) and `manifest.json` ([`manifest`]) through
//! [`files`], and in one workspace transaction record the export (with the key hashes
//! of its recipients, for `contact show`) and the audit entry before the files get
//! their names. A failure anywhere leaves no file behind. Called by `tactful export`
//! and the TUI's export screen.

pub mod cells;
pub mod columns;
pub mod consent;
pub mod files;
pub mod formulas;
pub mod manifest;
pub mod marker;
pub mod merge;
mod pass;
pub mod profile;
pub mod proofs;
pub mod recipients;
mod write;

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

pub use files::FileError;
pub use profile::{Platform, Profile};
pub use write::export;

use crate::campaign::preview::PreviewError;
use crate::review::{ExtraField, Finding, ReviewError, SignOffState};
use crate::workspace::WorkspaceError;

/// The recipients file's name (rendered messages: spreadsheet, upload, sms).
pub const RECIPIENTS: &str = "recipients.csv";
/// The audience file's name (merge values: the template profiles).
pub const AUDIENCE: &str = "audience.csv";
/// The manifest's name.
pub const MANIFEST: &str = "manifest.json";

/// A validated export request.
#[derive(Debug, Clone)]
pub struct ExportPlan {
    pub out: PathBuf,
    pub profile: Profile,
    /// Write the UTF-8 byte order mark (default true: spreadsheets need it, BR-23).
    pub bom: bool,
    /// Replace existing files.
    pub force: bool,
    /// Fields added knowingly, with reasons.
    pub extra: Vec<ExtraField>,
    pub as_of: NaiveDate,
    /// Add the contact key column (`--with-key`).
    pub with_key: bool,
    /// Write the data file in parts of this many records (`--split-rows`).
    pub split_rows: Option<u64>,
    /// Proofs per entry (`--proofs`); 0 for none.
    pub proofs: usize,
    /// Write formula-like text cells with a `'` in front instead of refusing them
    /// (`--neutralise-formulas`; see [`formulas`]).
    pub neutralise_formulas: bool,
}

impl ExportPlan {
    /// A plan with the defaults: BOM, no key, one file, no proofs.
    pub fn new(out: PathBuf, profile: Profile, as_of: NaiveDate) -> ExportPlan {
        ExportPlan {
            out,
            profile,
            bom: true,
            force: false,
            extra: Vec::new(),
            as_of,
            with_key: false,
            split_rows: None,
            proofs: 0,
            neutralise_formulas: false,
        }
    }

    /// Whether formula cells are written with a `'` in front rather than refusing the
    /// export: always for the spreadsheet profile, for the others with
    /// `--neutralise-formulas`. The one setting both the cells and the refusal follow.
    pub fn neutralises(&self) -> bool {
        self.neutralise_formulas || self.profile.neutralises()
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Serialize)]
pub struct ExportReport {
    pub export_id: i64,
    pub dir: String,
    /// Recipients written to the data file (left-out rows not counted).
    pub recipients: u64,
    /// SHA-256 of the data file, or of its parts' `NAME SHA256` lines when split.
    pub recipients_sha256: String,
    pub manifest_sha256: String,
    pub profile: Profile,
    /// Every file written, manifest last.
    pub files: Vec<String>,
    /// Contact keys left out because their phone cannot be written in E.164.
    pub left_out: Vec<String>,
    /// `current`, `stale`, or `null` when nobody signed off.
    pub sign_off: Option<SignOffState>,
    /// Warnings of the review and of the export, for the user to read.
    pub warnings: Vec<Finding>,
}

/// Why an export was not written. Nothing is left behind in any case.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("export refused: {} open in the review of `{campaign}`", crate::text::count(blockers.len() as u64, "blocker"))]
    Blocked {
        campaign: String,
        blockers: Vec<Finding>,
    },
    #[error("the {profile} profile cannot export this campaign:\n  {}", reasons.join("\n  "))]
    Refused {
        profile: Profile,
        reasons: Vec<String>,
    },
    #[error(
        "entry {entry}: the {part} would not come out of the platform's substitution exactly as previewed; export it with --profile upload and report this template"
    )]
    Mismatch {
        entry: usize,
        part: crate::message::Part,
    },
    /// Nobody would be in the file: every contact is excluded (or every recipient left
    /// out). An export of nobody is refused, as an import of nothing is ("never
    /// success, 0 imported", PRODUCT.md; trial 4: `Exported 0 recipients`, exit 0).
    #[error(
        "nothing exported: campaign `{campaign}` has no recipients, so no file was written: {}. See `tactful preview {campaign} --excluded`",
        why.join("; ")
    )]
    NoRecipients {
        campaign: String,
        /// Why, per exclusion reason (`3 excluded as no_address: ...`) and for
        /// recipients left out.
        why: Vec<String>,
    },
    #[error(transparent)]
    Files(#[from] FileError),
    #[error(transparent)]
    Preview(#[from] PreviewError),
    #[error(transparent)]
    Review(#[from] ReviewError),
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
}
