//! The export itself: the checks up front ([`refusals`]), the one pass over the
//! preview (`export::pass`), the refusals it can lead to, then the files ([`stage`])
//! and the manifest and record ([`record`]).

mod record;
mod refusals;
mod stage;

use std::io;

use super::columns::Layout;
use super::files::Target;
use super::manifest::Files;
use super::merge::TemplatePlan;
use super::pass::{Gathered, Harvest, Shape};
use super::recipients::Rows;
use super::{AUDIENCE, ExportError, ExportPlan, ExportReport, MANIFEST, RECIPIENTS};
use crate::campaign::Campaign;
use crate::campaign::preview::{self, PreviewError};
use crate::fields::Field;
use crate::review::{self, ExportScope, Finding, Review, Severity, Tap};
use crate::workspace::consent::EvidenceLookup;
use crate::workspace::keyed_hash::HashKey;
use crate::workspace::records::ValueLookup;
use crate::workspace::{Workspace, snapshot};
use record::{Facts, Recorded, Written};

/// Export `campaign` as `plan` says, as `actor`.
///
/// Errors: [`ExportError::Blocked`] with the open blockers; [`ExportError::Refused`]
/// when the profile does not fit the campaign or a platform limit cannot hold a value
/// (naming the entry, the recipient count, the limit and the profile that fits);
/// [`FileError`](super::FileError)s for the directory (exists without `force`, not a
/// directory, read-only, full); preview and workspace errors.
pub fn export(
    ws: &mut Workspace,
    campaign: &Campaign,
    plan: &ExportPlan,
    actor: &str,
) -> Result<ExportReport, ExportError> {
    let scope = ExportScope {
        profile: plan.profile.as_str().to_string(),
        fields: plan.extra.clone(),
    };
    let profile = plan.profile;
    let refused = |reasons: Vec<String>| ExportError::Refused { profile, reasons };
    let fields = crate::workspace::fields::list(ws.conn())?;
    let extra_fields: Vec<Field> = plan
        .extra
        .iter()
        .filter_map(|x| fields.iter().find(|f| f.name == x.field).cloned())
        .collect();
    let reasons = refusals::up_front(ws, campaign, plan, &extra_fields)?;
    // A review's blockers are reported before anything else: when the campaign cannot
    // be prepared, or the export is refused before any row is written, the review runs
    // alone to say whether it blocks.
    let blocked_or = |ws: &Workspace, other: ExportError| -> ExportError {
        match review::run_for(ws, campaign, plan.as_of, Some(&scope)) {
            Ok(r) if r.blockers > 0 => blocked(campaign, &r),
            Ok(_) => other,
            Err(e) => e.into(),
        }
    };
    if !reasons.is_empty() {
        return Err(blocked_or(ws, refused(reasons)));
    }
    // The review's pass and the rows written read one commit (see
    // `workspace::snapshot`); it ends before the export is recorded.
    let snapshot = snapshot::begin(ws.conn())?;
    let prepared = match preview::prepare(ws.conn(), campaign, plan.as_of, ws.today()) {
        Ok(p) => p,
        Err(e) => return Err(blocked_or(ws, e.into())),
    };
    let merged = refusals::merged_addresses(&prepared);
    if !merged.is_empty() {
        return Err(blocked_or(ws, refused(merged)));
    }
    let template = match profile.platform() {
        Some(p) => match TemplatePlan::build(p, campaign, &prepared) {
            Ok(t) => Some(t),
            Err(r) => return Err(blocked_or(ws, refused(vec![r.message]))),
        },
        None => None,
    };
    let mut layout = Layout::new(
        profile,
        campaign.channel,
        &fields,
        &plan.extra,
        plan.with_key,
        template.as_ref(),
    );
    if template.is_some() {
        // This export's own send marker per entry (trial 8, H3: a reused marker reaches
        // the people earlier exports marked).
        let segments: Vec<&str> = campaign
            .entries
            .iter()
            .map(|e| e.segment.as_str())
            .collect();
        let token = super::marker::token().map_err(|e| io_failed(plan, e))?;
        layout.markers = super::marker::markers(&segments, &token);
    }
    let data_name = if template.is_some() {
        AUDIENCE
    } else {
        RECIPIENTS
    };
    let shape = Shape {
        layout: &layout,
        template: template.as_ref(),
        proofs: plan.proofs,
        neutralise_formulas: plan.neutralises(),
    };
    let mut gathered = Gathered::new(
        Rows::new().map_err(|e| io_failed(plan, e))?,
        (
            ValueLookup::new(ws.conn(), &extra_fields)?,
            EvidenceLookup::new(ws.conn(), campaign.channel)?,
        ),
        HashKey::load(ws.conn())?,
        campaign.entries.len(),
    );
    // The review's one preview pass also writes the rows: the preview hash it reports
    // is the hash of exactly the rows in the file.
    let reviewed = review::run_tapped(
        ws,
        campaign,
        plan.as_of,
        Some(&scope),
        Some(Tap {
            prepared: &prepared,
            sink: &mut |row, record, entry| gathered.row(&shape, (row, record, entry)),
        }),
    );
    let review = match (reviewed, gathered.failure.take()) {
        (Ok(r), _) if r.blockers > 0 => return Err(blocked(campaign, &r)),
        (Ok(r), _) => r,
        // The export stopped the pass (a template mismatch, a failed write): the
        // review's blockers, if any, still come first.
        (Err(_), Some(e)) => return Err(blocked_or(ws, e)),
        (Err(e), None) => return Err(e.into()),
    };
    let Harvest {
        rows,
        consent,
        key_hashes,
        left_out,
        limits,
        proof_rows,
        formulas,
    } = gathered.finish();
    drop(snapshot);
    let summary = review.summary.clone().ok_or_else(|| {
        ExportError::Preview(PreviewError::Output(io::Error::other(
            "the review's preview did not run",
        )))
    })?;
    if !formulas.is_empty() && !plan.neutralises() {
        return Err(refused(vec![super::formulas::refusal(&formulas)]));
    }
    if let Some(t) = &template {
        let over = limits.refusals(t);
        if !over.is_empty() {
            return Err(refused(over.into_iter().map(|r| r.message).collect()));
        }
    }
    if rows.is_empty() {
        return Err(refusals::no_recipients(campaign, &summary, left_out.len()));
    }
    let mut target = Target::open(&plan.out, &[data_name, MANIFEST], plan.force)?;

    let records = rows.len();
    let data = stage::data(&mut target, rows, plan, &layout.header, data_name)?;
    let templates = match &template {
        Some(t) => stage::templates(&mut target, t)?,
        None => Vec::new(),
    };
    let proof_files = stage::proofs(&mut target, campaign, plan, &proof_rows)?;

    let mut findings = review.findings.clone();
    let mut warnings: Vec<Finding> = Vec::new();
    if !left_out.is_empty() {
        let f = Finding::new(
            "phone_not_e164",
            Severity::Warning,
            format!(
                "{} left out: their phone number cannot be written in E.164 (+ and country code); fix the numbers and export again",
                crate::text::count(left_out.len() as u64, "recipient")
            ),
            left_out.clone(),
        );
        findings.push(f.clone());
        warnings.push(f);
    }
    let files = Files {
        data: data.files,
        templates,
        proofs: proof_files,
    };
    let facts = Facts {
        campaign,
        plan,
        review: &review,
        summary: &summary,
        layout: &layout,
        consent,
        findings,
        left_out: left_out.len() as u64,
        formulas_neutralised: formulas.len() as u64,
        merge_values: template.is_some(),
    };
    let manifest = record::manifest(ws, actor, facts, files)?;
    let written = Written {
        records,
        data_sha256: data.sha256,
        key_hashes: &key_hashes,
    };
    let Recorded {
        export_id,
        record,
        files,
    } = record::record(ws, target, actor, plan, &manifest, written)?;
    let sign_off = review.sign_off.as_ref().map(|s| s.state);
    warnings.splice(
        0..0,
        review
            .findings
            .into_iter()
            .filter(|f| f.severity == Severity::Warning),
    );
    Ok(ExportReport {
        export_id,
        dir: record.dir,
        recipients: records,
        recipients_sha256: record.recipients_sha256,
        manifest_sha256: record.manifest_sha256,
        profile,
        files,
        left_out,
        sign_off,
        warnings,
    })
}

/// The refusal of an export whose review has blockers open.
fn blocked(campaign: &Campaign, review: &Review) -> ExportError {
    ExportError::Blocked {
        campaign: campaign.name.clone(),
        blockers: review.open_blockers().cloned().collect(),
    }
}

fn io_failed(plan: &ExportPlan, e: io::Error) -> ExportError {
    ExportError::Files(super::FileError::Io {
        path: plan.out.clone(),
        cause: e,
    })
}
