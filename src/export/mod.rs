//! Export: the recipients file and its manifest, written only when review finds no
//! blocker (PRODUCT.md, "Export").
//!
//! The flow: review the campaign (refuse with the blockers if any), check the target
//! directory ([`files`]: never overwrite without `force`), stream the preview into
//! `recipients.csv` ([`recipients`], cells through the [`Profile`] of [`cells`]), write
//! `manifest.json` ([`manifest`]), then in one workspace transaction record the export
//! (with the key hashes of its recipients, for `contact show`) and the audit entry,
//! and give the files their names. A failure anywhere leaves no file behind.
//! Called by `tactful export` and the TUI's export screen.

pub mod cells;
pub mod files;
pub mod manifest;
pub mod recipients;

use std::collections::BTreeMap;
use std::io;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;

pub use cells::Profile;
pub use files::FileError;

use self::manifest::{
    BatchRef, CampaignSection, ColumnInfo, ColumnSource, ConsentSource, Counts, FileInfo, Files,
    Manifest, ProfileSection, Tool,
};
use crate::campaign::Campaign;
use crate::campaign::assign::Exclusion;
use crate::campaign::code::CampaignFile;
use crate::campaign::preview::{self, PreviewError};
use crate::fields::{Channel, ConsentEvidence, Field, Role};
use crate::import::suppress::entry_hash;
use crate::review::signoff::PreviewHasher;
use crate::review::{self, ExtraField, Finding, ReviewError, SignOffState};
use crate::workspace::consent::EvidenceLookup;
use crate::workspace::exports::{self as store, ExportRecord};
use crate::workspace::records::ValueLookup;
use crate::workspace::{SCHEMA_VERSION, Workspace, WorkspaceError, audit, batches, now_rfc3339};

/// The recipients file's name.
pub const RECIPIENTS: &str = "recipients.csv";
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
}

/// What an export wrote.
#[derive(Debug, Clone, Serialize)]
pub struct ExportReport {
    pub export_id: i64,
    pub dir: String,
    pub recipients: u64,
    pub recipients_sha256: String,
    pub manifest_sha256: String,
    pub profile: Profile,
    /// `current`, `stale`, or `null` when nobody signed off.
    pub sign_off: Option<SignOffState>,
    /// Warnings of the review, for the user to read.
    pub warnings: Vec<Finding>,
}

/// Why an export was not written. Nothing is left behind in any case.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("export refused: {} blocker(s) open in the review of `{campaign}`", blockers.len())]
    Blocked {
        campaign: String,
        blockers: Vec<Finding>,
    },
    #[error(
        "the workspace changed while the export was written (the preview differs from the one reviewed); run the export again"
    )]
    Changed,
    #[error(transparent)]
    Files(#[from] FileError),
    #[error(transparent)]
    Preview(#[from] PreviewError),
    #[error(transparent)]
    Review(#[from] ReviewError),
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
}

/// Export `campaign` as `plan` says, as `actor`.
///
/// Errors: [`ExportError::Blocked`] with the open blockers; [`FileError`]s for the
/// directory (exists without `force`, not a directory, read-only, full); preview and
/// workspace errors.
pub fn export(
    ws: &mut Workspace,
    campaign: &Campaign,
    plan: &ExportPlan,
    actor: &str,
) -> Result<ExportReport, ExportError> {
    let review = review::run_with(ws, campaign, plan.as_of, &plan.extra)?;
    if review.blockers > 0 {
        return Err(ExportError::Blocked {
            campaign: campaign.name.clone(),
            blockers: review.open_blockers().cloned().collect(),
        });
    }
    let mut target = files::Target::open(&plan.out, &[RECIPIENTS, MANIFEST], plan.force)?;
    let fields = crate::workspace::fields::list(ws.conn())?;
    let extra_fields: Vec<Field> = plan
        .extra
        .iter()
        .filter_map(|x| fields.iter().find(|f| f.name == x.field).cloned())
        .collect();
    let columns = columns(campaign.channel, &fields, &plan.extra);
    let header: Vec<String> = columns.iter().map(|c| c.name.clone()).collect();
    let mut key_hashes: Vec<String> = Vec::new();
    let mut consent_sources: BTreeMap<String, ConsentSource> = BTreeMap::new();
    let mut inner: Option<ExportError> = None;
    let staged = target.stage(RECIPIENTS, |w| {
        let mut csv = recipients::RecipientsWriter::new(w, plan.bom, plan.profile, &header)?;
        let mut lookup = ValueLookup::new(ws.conn(), &extra_fields).map_err(|e| {
            inner = Some(e.into());
            io::Error::other("lookup")
        })?;
        let mut evidence = EvidenceLookup::new(ws.conn(), campaign.channel).map_err(|e| {
            inner = Some(e.into());
            io::Error::other("lookup")
        })?;
        let mut hasher = PreviewHasher::new(plan.as_of);
        let result = preview::run(ws, campaign, plan.as_of, &mut |row| {
            hasher.add(row);
            if row.excluded.is_some() {
                return Ok(());
            }
            let extras = lookup
                .get(&row.key)
                .map_err(|e| io::Error::other(e.to_string()))?
                .unwrap_or_default();
            let extras: Vec<String> = extras.iter().map(|v| v.display()).collect();
            let mut cells: Vec<&str> = vec![
                &row.key,
                row.address.as_deref().unwrap_or(""),
                row.segment.as_deref().unwrap_or(""),
            ];
            if campaign.channel == Channel::Email {
                cells.push(row.subject.as_deref().unwrap_or(""));
            }
            cells.push(row.body.as_deref().unwrap_or(""));
            cells.extend(extras.iter().map(String::as_str));
            csv.write(cells)?;
            key_hashes.push(entry_hash("key", &row.key));
            let (source, ev) = evidence
                .get(&row.key)
                .map_err(|e| io::Error::other(e.to_string()))?
                .unwrap_or_default();
            count_source(
                &mut consent_sources,
                source,
                ConsentEvidence::from_json(ev.as_deref()),
            );
            Ok(())
        });
        if let Err(e) = result {
            let message = e.to_string();
            inner = Some(e.into());
            return Err(io::Error::other(message));
        }
        if Some(hasher.finish()) != review.preview_sha256 {
            inner = Some(ExportError::Changed);
            return Err(io::Error::other("changed"));
        }
        csv.finish()
    });
    let (records, recipients_sha256, bytes) = match (staged, inner) {
        (Ok(v), _) => v,
        (Err(_), Some(e)) => return Err(e),
        (Err(e), None) => return Err(e.into()),
    };
    let summary = review.summary.clone().ok_or(ExportError::Changed)?;
    let manifest = Manifest {
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
                .collect::<BTreeMap<_, _>>(),
            by_segment: summary.per_segment.clone(),
        },
        files: Files {
            recipients: FileInfo {
                name: RECIPIENTS,
                sha256: recipients_sha256.clone(),
                bytes,
                records,
                encoding: "UTF-8",
                bom: plan.bom,
                record_terminator: "CRLF",
                quoting: "RFC 4180",
            },
        },
        profile: ProfileSection {
            name: plan.profile.as_str(),
            neutralisation: plan.profile.rule(),
            e164_phones_intact: plan.profile == Profile::Upload,
        },
        columns,
        consent_evidence: consent_sources.into_values().collect(),
        findings: review.findings.clone(),
        unlocks: campaign.unlocks.clone(),
        sign_off: review.sign_off.clone(),
    };
    let ((), manifest_sha256, _) = target.stage(MANIFEST, |w| {
        serde_json::to_writer_pretty(&mut *w, &manifest)?;
        w.write_all(b"\n")
    })?;
    let record = ExportRecord {
        campaign: campaign.name.clone(),
        dir: plan.out.display().to_string(),
        at: manifest.created_at.clone(),
        as_of: plan.as_of.format("%Y-%m-%d").to_string(),
        profile: plan.profile.as_str().to_string(),
        recipients: records,
        recipients_sha256: recipients_sha256.clone(),
        manifest_sha256: manifest_sha256.clone(),
    };
    let sign_off = review.sign_off.as_ref().map(|s| s.state);
    let export_id = ws.write(|tx| {
        let id = store::add_export(tx, &record, key_hashes.iter().map(String::as_str))?;
        audit::append(
            tx,
            actor,
            "export",
            &campaign.name,
            &json!({
                "export": id,
                "dir": record.dir,
                "as_of": record.as_of,
                "profile": record.profile,
                "recipients": records,
                "by_exclusion": manifest.counts.by_exclusion,
                "recipients_sha256": recipients_sha256,
                "manifest_sha256": manifest_sha256,
                "sign_off": sign_off,
            }),
        )?;
        target.commit()?;
        Ok::<_, ExportError>(id)
    })?;
    Ok(ExportReport {
        export_id,
        dir: record.dir,
        recipients: records,
        recipients_sha256: record.recipients_sha256,
        manifest_sha256: record.manifest_sha256,
        profile: plan.profile,
        sign_off,
        warnings: review
            .findings
            .into_iter()
            .filter(|f| f.severity == review::Severity::Warning)
            .collect(),
    })
}

/// Count one recipient under its consent source.
fn count_source(
    sources: &mut BTreeMap<String, ConsentSource>,
    source: Option<String>,
    evidence: Option<ConsentEvidence>,
) {
    let source = source.unwrap_or_else(|| "no source recorded".to_string());
    let entry = sources
        .entry(source.clone())
        .or_insert_with(|| ConsentSource {
            source,
            file: evidence.as_ref().map(|e| e.file.clone()),
            batch: evidence.as_ref().map(|e| e.batch),
            recipients: 0,
            with_time: 0,
            with_ip: 0,
        });
    entry.recipients += 1;
    entry.with_time += u64::from(evidence.as_ref().is_some_and(|e| e.at.is_some()));
    entry.with_ip += u64::from(evidence.as_ref().is_some_and(|e| e.ip.is_some()));
}

/// The columns of the recipients file: contact key, channel address, segment, subject
/// (e-mail only), body, then the fields the user added, in the order given.
pub fn columns(channel: Channel, fields: &[Field], extra: &[ExtraField]) -> Vec<ColumnInfo> {
    let role = match channel {
        Channel::Email => Role::Email,
        Channel::Sms => Role::Phone,
    };
    let address = fields.iter().find(|f| f.role == role);
    let mut out = vec![
        ColumnInfo {
            name: "key".into(),
            source: ColumnSource::ContactKey,
            why: "identifies the contact, to match replies and opt-outs back".into(),
            field: None,
            class: None,
        },
        ColumnInfo {
            name: match channel {
                Channel::Email => "email".into(),
                Channel::Sms => "phone".into(),
            },
            source: ColumnSource::ChannelAddress,
            why: format!("the {channel} address the message is sent to, exactly as stored"),
            field: address.map(|f| f.name.clone()),
            class: address.map(|f| f.class),
        },
        ColumnInfo {
            name: "segment".into(),
            source: ColumnSource::Segment,
            why: "which entry of the campaign the contact gets".into(),
            field: None,
            class: None,
        },
    ];
    if channel == Channel::Email {
        out.push(ColumnInfo {
            name: "subject".into(),
            source: ColumnSource::MessageSubject,
            why: "the rendered subject of the contact's message".into(),
            field: None,
            class: None,
        });
    }
    out.push(ColumnInfo {
        name: "body".into(),
        source: ColumnSource::MessageBody,
        why: "the rendered body of the contact's message".into(),
        field: None,
        class: None,
    });
    for x in extra {
        let f = fields.iter().find(|f| f.name == x.field);
        out.push(ColumnInfo {
            name: x.field.clone(),
            source: ColumnSource::UserAdded,
            why: x.reason.trim().to_string(),
            field: Some(x.field.clone()),
            class: f.map(|f| f.class),
        });
    }
    out
}
