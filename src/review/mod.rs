//! Review: what a privacy reviewer checks before a campaign leaves the machine, as
//! findings with a stable code, a severity, a message and the items they concern, and
//! the reviewer's sign-off.
//!
//! Findings come from several places: the campaign definition ([`definition`]: which
//! fields rules and messages use, unlocks, consent sources; [`policy`]: whether the
//! policy allows each use and each field an export adds), the sensitive values it uses
//! ([`values`]: tags such as `muslim` in rules and messages, or stored in fields that
//! leave), the fields' provenance ([`lowered`]: protections a person lowered, and
//! safeguard roles taken away with the contacts that lets through), segment names the
//! export writes as platform tags ([`names`]: `muslim-customers`), message text that
//! names sensitive data ([`text`]: `Eid Mubarak to our Muslim customers`), the dates
//! ([`dates`]: an as-of date far from today), the minor check ([`minors`]; [`minor_age_lowered`]: a minor age below 16) and one
//! preview pass over the audience ([`data`]: coverage, small cells, quasi-identifier
//! groups, overlaps, spreadsheet damage, exclusion counts). A campaign that cannot be
//! previewed (a blocked field, a broken rule) still gets its review: the problem becomes
//! a blocker, never a crash. [`accept`] applies the findings a campaign accepted with a
//! written reason; [`signoff`] hashes the definition, every preview row, the data and
//! the export so a sign-off goes stale when any of them changes. Called by `tactful
//! review`, by export (which refuses while a blocker is open) and by the TUI's review
//! screen. Codes are listed in the README; never rename one.
//!
//! ## Making a finding acceptable
//!
//! Some findings are risks a campaign may knowingly take, on record: build them with
//! `Finding::new(..).acceptable()`. `tactful review CAMPAIGN --accept CODE --reason TEXT`
//! then stores the SHA-256 of the campaign definition and of every finding with that
//! code as they are (code, severity, message, items), with the reason (a justification:
//! [`crate::written`]), in the audit log (`review.accept`). While both stay the same the
//! finding shows as accepted (a blocker counts as a warning, with `accepted` set), in
//! review and in the export manifest; any change to the campaign or to what the
//! finding says (a count, a field, a date) undoes it, and review says so
//! (`acceptance_outdated`). So an acceptable finding must put everything the reviewer
//! accepts into its message and items, and nothing that changes without a reason to
//! look again (no clock times). Never make acceptable what needs another remedy: a
//! blocked field needs an unlock, and nothing accepts a special ad category breach.

pub mod accept;
pub mod data;
pub mod dates;
pub mod definition;
pub mod kept;
pub mod lowered;
pub mod minor_age_lowered;
pub mod minors;
pub mod names;
pub mod policy;
pub mod signoff;
pub mod text;
pub mod values;

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

pub use accept::{Accepted, accept};
pub use kept::Kept;
pub use signoff::{SignOffState, SignOffStatus, sign_off};

use crate::campaign::preview::{self, DetailedSink, Prepared, PreviewError, Summary};
use crate::campaign::{Campaign, CampaignError};
use crate::workspace::{Workspace, WorkspaceError, snapshot};

/// How much a finding matters. Blockers stop sign-off and export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Blocker,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Blocker => "blocker",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One review result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable snake_case code (`blocked_field`, `small_cell`, ...).
    pub code: &'static str,
    /// An accepted blocker shows as a warning (`accepted.was` keeps what it was).
    pub severity: Severity,
    /// A sentence for the reviewer, saying what to do where something must be done.
    pub message: String,
    /// What the finding concerns: fields, segments, pairs, counts; one line each.
    pub items: Vec<String>,
    /// Whether a reviewer may accept this finding with a written reason (`review
    /// --accept CODE --reason TEXT`) instead of resolving it (module docs). Blocked
    /// fields (they need an unlock) and special ad category breaches never may.
    pub acceptable: bool,
    /// The acceptance in force, if any.
    pub accepted: Option<Accepted>,
}

impl Finding {
    /// A finding that cannot be accepted, only resolved.
    pub fn new(
        code: &'static str,
        severity: Severity,
        message: String,
        items: Vec<String>,
    ) -> Self {
        Finding {
            code,
            severity,
            message,
            items,
            acceptable: false,
            accepted: None,
        }
    }

    /// The same finding, marked as one a reviewer may accept with a written reason
    /// (see the module docs).
    pub fn acceptable(mut self) -> Self {
        self.acceptable = true;
        self
    }

    /// The severity before any acceptance.
    pub fn original_severity(&self) -> Severity {
        self.accepted.as_ref().map_or(self.severity, |a| a.was)
    }
}

/// The export a review is for: the profile and the fields added, in column order. What a
/// sign-off approves (see [`signoff`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportScope {
    /// The export profile's name (`spreadsheet`, `upload`, ...).
    pub profile: String,
    pub fields: Vec<ExtraField>,
}

impl Default for ExportScope {
    /// The export `tactful export` writes without options: the spreadsheet profile
    /// (`export::Profile`'s default) and no added field.
    fn default() -> Self {
        ExportScope {
            profile: "spreadsheet".into(),
            fields: Vec::new(),
        }
    }
}

/// A field the user adds to an export knowingly, with the reason it must go out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExtraField {
    pub field: String,
    pub reason: String,
}

/// The review of one campaign on one as-of date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub campaign: String,
    pub as_of: NaiveDate,
    /// Blockers first, then warnings, then information; in a fixed order within each.
    pub findings: Vec<Finding>,
    pub blockers: usize,
    pub warnings: usize,
    /// The latest sign-off and whether it still matches (`null` when never signed off).
    pub sign_off: Option<SignOffStatus>,
    /// Hex SHA-256 of the campaign definition (canonical TOML).
    pub definition_sha256: String,
    /// Hex SHA-256 over every preview row; `null` when the preview could not run.
    pub preview_sha256: Option<String>,
    /// Hex SHA-256 of the data reviewed (see [`signoff::data_sha256`]).
    #[serde(skip)]
    pub data_sha256: String,
    /// The export reviewed, if one was named.
    #[serde(skip)]
    pub export: Option<ExportScope>,
    /// The preview's summary, when it ran.
    #[serde(skip)]
    pub summary: Option<Summary>,
    /// The canonical TOML the definition hash covers.
    #[serde(skip)]
    pub definition_toml: String,
}

impl Review {
    /// The findings that block sign-off and export.
    pub fn open_blockers(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Blocker)
    }
}

/// `1 blocker is open`, `3 blockers are open`: the count of the sign-off refusal.
fn blockers_open(n: usize) -> String {
    let verb = if n == 1 { "is" } else { "are" };
    format!("{} {verb} open", crate::text::count(n as u64, "blocker"))
}

/// Errors of review and sign-off, as sentences a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error(
        "cannot sign off campaign `{campaign}`: {}; run `tactful review {campaign}` and resolve them first",
        blockers_open(*.blockers)
    )]
    Blocked { campaign: String, blockers: usize },
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Campaign(#[from] CampaignError),
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    /// The [`Tap`] given to [`run_tapped`] failed; the pass stopped there. The cause
    /// is part of the message and deliberately not a `#[source]`, so a printed error
    /// chain shows it once.
    #[error("the preview pass was stopped by what it fed: {0}")]
    Tap(std::io::Error),
}

/// What else a review's preview pass feeds, row by row: export writes its file from the
/// review's own pass instead of walking the audience again.
pub struct Tap<'p, 's, 'c> {
    /// The campaign prepared as the review would prepare it
    /// ([`preview::prepare`] with the review's campaign and as-of date).
    pub prepared: &'p Prepared,
    /// Called once per contact after the review has looked at the row.
    pub sink: &'s mut DetailedSink<'c>,
}

/// Review `campaign` as of `as_of`, naming no export (sign-off then covers the default
/// one).
///
/// Errors: workspace errors only; everything wrong with the campaign is a finding.
pub fn run(ws: &Workspace, campaign: &Campaign, as_of: NaiveDate) -> Result<Review, ReviewError> {
    run_for(ws, campaign, as_of, None)
}

/// Review `campaign` as of `as_of` for `export` (the profile and added fields), or for
/// no particular export.
///
/// Errors: workspace errors only.
pub fn run_for(
    ws: &Workspace,
    campaign: &Campaign,
    as_of: NaiveDate,
    export: Option<&ExportScope>,
) -> Result<Review, ReviewError> {
    run_tapped(ws, campaign, as_of, export, None)
}

/// [`run_for`], its one preview pass also feeding `tap` when given (`tap.prepared`
/// must be `campaign` prepared as of `as_of`; the review then does not prepare it
/// again).
///
/// Errors: workspace errors; [`ReviewError::Tap`] when the tap fails.
pub fn run_tapped(
    ws: &Workspace,
    campaign: &Campaign,
    as_of: NaiveDate,
    export: Option<&ExportScope>,
    tap: Option<Tap<'_, '_, '_>>,
) -> Result<Review, ReviewError> {
    let pass = match tap {
        Some(tap) => PassFrom::Tap(tap),
        None => PassFrom::Walk,
    };
    run_from(ws, campaign, as_of, export, pass).map(|(review, _)| review)
}

/// Where a review's preview pass comes from.
enum PassFrom<'k, 'p, 's, 'c> {
    /// A walk of its own.
    Walk,
    /// A walk of its own that also feeds a tap.
    Tap(Tap<'p, 's, 'c>),
    /// A pass kept from an earlier walk when it still holds ([`kept`]), else a walk.
    Kept(&'k kept::Reuse<'k>),
}

/// The review, and the pass its data findings came from (`None` when the preview
/// could not run).
fn run_from(
    ws: &Workspace,
    campaign: &Campaign,
    as_of: NaiveDate,
    export: Option<&ExportScope>,
    from: PassFrom<'_, '_, '_, '_>,
) -> Result<(Review, Option<Arc<data::Pass>>), ReviewError> {
    let conn = ws.conn();
    // The definition's hash and the data pass read one commit of the workspace.
    let _snapshot = snapshot::begin(conn)?;
    // Taken now, so a kept pass is checked against the commit this review reads.
    snapshot::pin(conn)?;
    let extra = export.map_or(&[][..], |e| &e.fields[..]);
    let uses = definition::uses(conn, campaign)?;
    let mut findings = definition::findings(conn, campaign, &uses, extra)?;
    findings.extend(values::findings(conn, campaign, &uses, extra)?);
    findings.extend(names::findings(conn, campaign, &uses, export)?);
    findings.extend(text::findings(conn, campaign, &uses)?);
    findings.extend(minors::definition_findings(campaign));
    findings.extend(dates::as_of_far(as_of, ws.today()));
    let definition_toml = signoff::definition_toml(conn, campaign)?;
    let definition_sha256 = signoff::sha256_hex(definition_toml.as_bytes());
    let policy_blocked = findings.iter().any(|f| f.severity == Severity::Blocker);
    let mut summary = None;
    let mut preview_sha256 = None;
    let kept = match &from {
        PassFrom::Kept(reuse) => reuse.pass_for(ws, campaign, as_of, extra)?,
        _ => None,
    };
    let walk = |ws: &Workspace| {
        preview::prepare(conn, campaign, as_of, ws.today())
            .and_then(|mut p| {
                data::read_also(&mut p, &uses, extra);
                data::pass(ws, &p, &uses, extra, &mut |_, _, _| Ok(()))
            })
            .map(Arc::new)
    };
    let passed = match (kept, from) {
        (Some(pass), _) => Ok(pass),
        (None, PassFrom::Tap(tap)) => {
            data::pass(ws, tap.prepared, &uses, extra, tap.sink).map(Arc::new)
        }
        (None, _) => walk(ws),
    };
    let mut kept_pass = None;
    match passed {
        Ok(pass) => {
            findings.extend(data::findings(campaign, &pass));
            findings.extend(minors::data_findings(campaign, &pass.summary));
            preview_sha256 = Some(pass.preview_sha256.clone());
            summary = Some(pass.summary.clone());
            kept_pass = Some(pass);
        }
        Err(PreviewError::Workspace(e)) => return Err(e.into()),
        Err(PreviewError::Output(e)) => return Err(ReviewError::Tap(e)),
        Err(e) if policy_blocked => findings.push(Finding::new(
            "preview_skipped",
            Severity::Info,
            format!(
                "the preview cannot run until the blockers above are resolved, so coverage, small cells and overlaps are not checked yet ({e})"
            ),
            Vec::new(),
        )),
        Err(e) => findings.push(Finding::new(
            "campaign_invalid",
            Severity::Blocker,
            format!("the campaign cannot be previewed: {e}"),
            Vec::new(),
        )),
    }
    findings.extend(lowered::findings(ws, campaign, as_of, &uses, extra)?);
    findings.extend(minor_age_lowered::findings(
        ws,
        campaign,
        as_of,
        &uses.fields,
    )?);
    accept::apply(conn, &campaign.name, &definition_sha256, &mut findings)?;
    let data_sha256 = signoff::data_sha256(conn, &campaign.name)?;
    let status = signoff::status(
        conn,
        &campaign.name,
        signoff::Reviewed {
            definition_sha256: &definition_sha256,
            preview_sha256: preview_sha256.as_deref(),
            data_sha256: &data_sha256,
            export,
        },
    )?;
    if let Some(s) = status.as_ref().filter(|s| s.state == SignOffState::Stale) {
        findings.push(Finding::new(
            "sign_off_stale",
            Severity::Warning,
            format!(
                "the sign-off by {} at {} no longer matches what is reviewed now: {}; review again and sign off anew",
                s.record.name,
                s.record.at,
                s.changed.join("; ")
            ),
            vec![format!("signed hash {}", s.record.hash)],
        ));
    }
    findings.sort_by_key(|f| f.severity);
    let review = Review {
        campaign: campaign.name.clone(),
        as_of,
        blockers: count(&findings, Severity::Blocker),
        warnings: count(&findings, Severity::Warning),
        findings,
        sign_off: status,
        definition_sha256,
        preview_sha256,
        data_sha256,
        export: export.cloned(),
        summary,
        definition_toml,
    };
    Ok((review, kept_pass))
}

fn count(findings: &[Finding], severity: Severity) -> usize {
    findings.iter().filter(|f| f.severity == severity).count()
}
