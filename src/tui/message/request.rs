//! The requests `update` returns for the job runner (`tui::jobs`): [`Request`], the
//! workspace changes it carries ([`Job`]) and the sample step. Kept apart from the
//! messages so each file holds one direction of traffic.

use chrono::NaiveDate;

use super::PageAnchor;
use crate::campaign::Campaign;
use crate::fields::{Field, PrivacyClass, Role};
use crate::import::ImportPlan;
use crate::tui::screens::audit::message::AuditJob;
use crate::tui::screens::contact::message::ContactJob;
use crate::tui::screens::export::jobs::ExportJob;
use crate::tui::screens::review::jobs::ReviewJob;
use crate::tui::screens::segments::message::SegmentJob;
use crate::tui::screens::suppression::message::SuppressionJob;
use crate::workspace::preview_rows::PreviewFilter;

/// Work for the job runner (`tui::jobs`). Each carries a generation; only the newest
/// of each kind matters (`Schedule` in `tui::jobs::route` names the kinds).
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Read the field list.
    LoadFields { generation: u64 },
    /// Read a window of contacts with the values of `fields`: up to `before` rows before
    /// the anchor and `after` rows from it.
    LoadPage {
        generation: u64,
        fields: Vec<Field>,
        anchor: PageAnchor,
        before: usize,
        after: usize,
    },
    /// Count the contacts (slow on large workspaces; runs in the background and is
    /// cancelled when a newer count is asked for).
    CountContacts { generation: u64 },
    /// Work for the Segments screen (rules, reach, overlap, saves).
    Segments(SegmentJob),
    /// Work for the Review screen (reviews, unlocks, sign-offs).
    Review(ReviewJob),
    /// Write an export (the Export screen's).
    Export(ExportJob),
    /// Read a page of the suppression list.
    Suppression(SuppressionJob),
    /// Read a page of the audit log.
    Audit(AuditJob),
    /// Read everything held about one contact.
    Contact(ContactJob),
    /// Complete a typed path from the file system.
    CompletePath { generation: u64, typed: String },
    /// Read a file and say what an import would detect; writes nothing. (Boxed: a plan
    /// with its column maps is far larger than the other requests.)
    DetectImport {
        generation: u64,
        plan: Box<ImportPlan>,
    },
    /// Read the import batches.
    LoadBatches { generation: u64 },
    /// Read the campaign names.
    LoadCampaigns { generation: u64 },
    /// Read one campaign.
    LoadCampaign { generation: u64, name: String },
    /// Find a would-be recipient of entry `entry` (0-based) of `campaign` as of `as_of`
    /// by [`SampleStep`], and read its values of `fields`.
    LoadSample {
        generation: u64,
        fields: Vec<Field>,
        campaign: Box<Campaign>,
        entry: usize,
        as_of: NaiveDate,
        step: SampleStep,
    },
    /// Preview `campaign` without storing rows, for its coverage counts (background;
    /// a newer one stops it).
    Coverage {
        generation: u64,
        campaign: Box<Campaign>,
        as_of: NaiveDate,
    },
    /// Preview `campaign` into the preview thread's temporary table (a newer one stops
    /// it).
    RunPreview {
        generation: u64,
        campaign: Box<Campaign>,
        as_of: NaiveDate,
    },
    /// Read a window of the stored preview: up to `before` rows before the anchor and
    /// `after` from it.
    LoadPreviewPage {
        generation: u64,
        filter: PreviewFilter,
        anchor: PageAnchor,
        before: usize,
        after: usize,
    },
    /// Count the stored preview rows the filter keeps.
    CountPreview {
        generation: u64,
        filter: PreviewFilter,
    },
    /// Explain one contact's assignment in `campaign`.
    Explain {
        generation: u64,
        campaign: Box<Campaign>,
        as_of: NaiveDate,
        key: String,
    },
    /// Change the workspace. Writes are never dropped for a newer one, and run one at a
    /// time in the order sent.
    Write { generation: u64, job: Job },
}

/// A change to the workspace, run by the job runner's writer.
#[derive(Debug, Clone, PartialEq)]
pub enum Job {
    /// Import one file as one batch, sending progress as it goes.
    Import(Box<ImportPlan>),
    /// Undo the newest import batch still in effect.
    UndoLatest,
    /// `fields::change::set`: a new class and/or role, with the reason on record.
    SetField {
        name: String,
        class: Option<PrivacyClass>,
        role: Option<Role>,
        reason: String,
    },
    /// Check every entry (rule and message) at `as_of` and save a campaign that exists
    /// (`campaign::edit::save`).
    SaveCampaign {
        campaign: Box<Campaign>,
        as_of: NaiveDate,
    },
    /// Create a campaign; refused when the name is taken (`campaign::edit::create`).
    CreateCampaign(Box<Campaign>),
    /// `campaign::edit::rename`.
    RenameCampaign { old: String, new: String },
    /// `campaign::edit::delete`.
    DeleteCampaign(String),
    /// `import::suppress::suppress_list_in`: add the addresses of a suppression file.
    Suppress(std::path::PathBuf),
    /// `rights::erase`: erase the contact with this key for good (GDPR Art. 17).
    EraseContact(String),
    /// `campaign::edit::set`: every setting of `settings` given; entries are checked
    /// again at the campaign's as-of date (`as_of`, the global `--as-of`, wins).
    SetCampaign {
        name: String,
        settings: Box<crate::campaign::edit::Settings>,
        as_of: Option<NaiveDate>,
    },
}

/// Which of the entry's would-be recipients a [`Request::LoadSample`] reads, in `_id`
/// order.
pub use crate::campaign::recipients::Step as SampleStep;

impl Request {
    /// The generation this request was made in.
    pub fn generation(&self) -> u64 {
        match self {
            Request::LoadFields { generation }
            | Request::LoadPage { generation, .. }
            | Request::CountContacts { generation }
            | Request::CompletePath { generation, .. }
            | Request::DetectImport { generation, .. }
            | Request::LoadBatches { generation }
            | Request::Write { generation, .. }
            | Request::LoadCampaigns { generation }
            | Request::LoadCampaign { generation, .. }
            | Request::LoadSample { generation, .. }
            | Request::Coverage { generation, .. }
            | Request::RunPreview { generation, .. }
            | Request::LoadPreviewPage { generation, .. }
            | Request::CountPreview { generation, .. }
            | Request::Explain { generation, .. } => *generation,
            Request::Segments(job) => job.generation(),
            Request::Review(job) => job.generation(),
            Request::Export(job) => job.generation,
            Request::Suppression(job) => job.generation,
            Request::Audit(job) => job.generation,
            Request::Contact(job) => job.generation,
        }
    }
}
