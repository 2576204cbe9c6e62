//! What an export leaves on record: `manifest.json`, built from the review, the pass
//! and the staged files, and, in one workspace transaction, the export's row (with
//! the keyed hashes of its recipients' keys, for `contact show`) and the audit entry,
//! before the files get their names ([`Target::commit`]).

use std::io::Write;

use serde_json::json;

use crate::campaign::Campaign;
use crate::campaign::assign::Exclusion;
use crate::campaign::code::CampaignFile;
use crate::campaign::preview::Summary;
use crate::export::columns::Layout;
use crate::export::consent::ConsentTally;
use crate::export::files::Target;
use crate::export::manifest::{
    self, BatchRef, CampaignSection, Counts, Files, Manifest, ProfileSection, Tool,
};
use crate::export::profile::{Platform, Profile};
use crate::export::{ExportError, ExportPlan, MANIFEST};
use crate::fields::Channel;
use crate::review::{Finding, Review, ReviewError};
use crate::text::{SafeWriter, StreamSafety};
use crate::workspace::exports::{self as store, ExportRecord};
use crate::workspace::{SCHEMA_VERSION, Workspace, audit, batches, now_rfc3339};

/// What the manifest says besides its files, gathered by the export.
pub(super) struct Facts<'a> {
    pub campaign: &'a Campaign,
    pub plan: &'a ExportPlan,
    pub review: &'a Review,
    /// The summary of the review's preview pass.
    pub summary: &'a Summary,
    pub layout: &'a Layout,
    pub consent: ConsentTally,
    /// The review's findings, then the export's own (`phone_not_e164`).
    pub findings: Vec<Finding>,
    /// Recipients left out: no E.164 form of their phone.
    pub left_out: u64,
    /// Cells written with a `'` in front (`export::formulas`).
    pub formulas_neutralised: u64,
    /// The data file holds merge values (template profiles), not rendered messages.
    pub merge_values: bool,
}

/// The manifest of an export of `facts.campaign` by `actor` that wrote `files`
/// (manifest not included). Errors: the workspace's, or a stored definition that no
/// longer parses.
pub(super) fn manifest(
    ws: &Workspace,
    actor: &str,
    facts: Facts<'_>,
    files: Files,
) -> Result<Manifest, ExportError> {
    let Facts {
        campaign,
        plan,
        review,
        summary,
        layout,
        consent,
        findings,
        left_out,
        formulas_neutralised,
        merge_values,
    } = facts;
    let profile = plan.profile;
    Ok(Manifest {
        schema_version: manifest::SCHEMA_VERSION,
        tool: Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        created_at: now_rfc3339(),
        created_by: actor.to_string(),
        campaign: CampaignSection {
            name: campaign.name.clone(),
            channel: campaign.channel,
            category: campaign.category,
            definition: CampaignFile::parse(&review.definition_toml).map_err(ReviewError::from)?,
            definition_toml: review.definition_toml.clone(),
            definition_sha256: review.definition_sha256.clone(),
        },
        as_of: plan.as_of,
        workspace: manifest::WorkspaceSection {
            path: ws.path().display().to_string(),
            schema_version: SCHEMA_VERSION,
            import_batches: batches::list(ws.conn())?
                .into_iter()
                .filter(|b| b.undone_at.is_none())
                .map(|b| BatchRef {
                    id: b.id,
                    file_name: b.file_name,
                    sha256: b.sha256,
                    imported_at: b.finished_at,
                })
                .collect(),
        },
        preview_sha256: review.preview_sha256.clone().unwrap_or_default(),
        counts: Counts {
            audience: summary.audience,
            recipients: summary.recipients,
            excluded: summary.audience - summary.recipients,
            by_exclusion: Exclusion::ALL
                .iter()
                .map(|&r| (r.code(), summary.excluded(r).unwrap_or(0)))
                .collect(),
            by_segment: summary.per_segment.clone(),
            left_out,
        },
        minor_check: summary.minor_check.clone(),
        files,
        profile: ProfileSection {
            name: profile.as_str(),
            neutralisation: profile.rule(plan.neutralise_formulas),
            formulas_neutralised,
            e164_phones_intact: profile != Profile::Spreadsheet,
            phones_e164: campaign.channel == Channel::Sms,
            platform_doc: profile.platform().map(Platform::doc),
            escaping: profile.platform().map(Platform::escaping),
            markers: layout.markers.clone(),
            personal_data_leaves_as: if merge_values {
                "merge_values"
            } else {
                "rendered_text"
            },
        },
        columns: layout.columns.clone(),
        policy: manifest::PolicySection::of(campaign.category),
        accepted: manifest::AcceptedFinding::of(&findings),
        consent_evidence: consent.finish(),
        findings,
        // Every justification in force, a field unlocked twice with both of them.
        unlocks: crate::campaign::store::unlock_history(ws.conn(), &campaign.name)?,
        sign_off: review.sign_off.clone(),
    })
}

/// What the export's record holds besides the manifest.
pub(super) struct Written<'a> {
    /// Recipient records in the data file or parts.
    pub records: u64,
    /// The data file's SHA-256 (of its parts' lines when split).
    pub data_sha256: String,
    /// Keyed hashes of the recipients' keys, in file order.
    pub key_hashes: &'a [String],
}

/// The export as recorded.
pub(super) struct Recorded {
    pub export_id: i64,
    pub record: ExportRecord,
    /// Every file written, manifest last.
    pub files: Vec<String>,
}

/// Stage `manifest` in `target`, then in one workspace transaction record the export
/// and its audit entry and give the files their names: a failure leaves no file and
/// no record.
pub(super) fn record(
    ws: &mut Workspace,
    mut target: Target,
    actor: &str,
    plan: &ExportPlan,
    manifest: &Manifest,
    written: Written<'_>,
) -> Result<Recorded, ExportError> {
    // Text from the data and from people (reasons, notes, file names) keeps its
    // value, but C1 controls, DEL and bidi overrides are written as `\uXXXX` escapes,
    // so the file shown in a terminal or an editor neither runs nor disguises them.
    let ((), manifest_sha256, _) = target.stage(MANIFEST, |w| {
        let mut w = SafeWriter::new(w, StreamSafety::Json);
        serde_json::to_writer_pretty(&mut w, &manifest)?;
        w.write_all(b"\n")
    })?;
    let mut files: Vec<String> = manifest.files.data.iter().map(|f| f.name.clone()).collect();
    files.extend(manifest.files.templates.iter().map(|f| f.name.clone()));
    files.extend(manifest.files.proofs.iter().map(|f| f.name.clone()));
    files.push(MANIFEST.to_string());
    let record = ExportRecord {
        campaign: manifest.campaign.name.clone(),
        // Recorded absolute: `--out exports` means nothing in an audit log read from
        // another directory (`contact show` lists the exports that held a person).
        dir: std::path::absolute(&plan.out)
            .unwrap_or_else(|_| plan.out.clone())
            .display()
            .to_string(),
        at: manifest.created_at.clone(),
        as_of: plan.as_of.format("%Y-%m-%d").to_string(),
        profile: plan.profile.as_str().to_string(),
        recipients: written.records,
        recipients_sha256: written.data_sha256.clone(),
        manifest_sha256: manifest_sha256.clone(),
    };
    let sign_off = manifest.sign_off.as_ref().map(|s| s.state);
    let export_id = ws.write(|tx| {
        let id = store::add_export(tx, &record, written.key_hashes.iter().map(String::as_str))?;
        audit::append(
            tx,
            actor,
            "export",
            &manifest.campaign.name,
            &json!({
                "export": id,
                "dir": record.dir,
                "as_of": record.as_of,
                "profile": record.profile,
                "recipients": written.records,
                "left_out": manifest.counts.left_out,
                "by_exclusion": manifest.counts.by_exclusion,
                "files": files,
                "recipients_sha256": written.data_sha256,
                "manifest_sha256": manifest_sha256,
                "sign_off": sign_off,
            }),
        )?;
        target.commit()?;
        Ok::<_, ExportError>(id)
    })?;
    Ok(Recorded {
        export_id,
        record,
        files,
    })
}
