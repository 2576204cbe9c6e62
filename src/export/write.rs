//! The export itself: one pass over the preview, then the files, then the record.

use std::collections::BTreeMap;
use std::io;

use serde_json::json;

use super::columns::Layout;
use super::files::{self, Target};
use super::manifest::{
    self, BatchRef, CampaignSection, Counts, FileInfo, Files, Manifest, ProfileSection, ProofFile,
    TemplateFile, Tool,
};
use super::merge::TemplatePlan;
use super::pass::{Gathered, Harvest, Shape};
use super::profile::{KLAVIYO_FILE_BYTES, MAILCHIMP_TAG_CHARS, Platform};
use super::recipients::Rows;
use super::{
    AUDIENCE, ExportError, ExportPlan, ExportReport, MANIFEST, Profile, RECIPIENTS, proofs,
};
use crate::campaign::Campaign;
use crate::campaign::assign::Exclusion;
use crate::campaign::code::CampaignFile;
use crate::campaign::preview::{self, PreviewError};
use crate::fields::{Channel, Field, Role};
use crate::message::Part;
use crate::review::{self, ExportScope, Finding, Review, ReviewError, Severity, Tap};
use crate::workspace::consent::EvidenceLookup;
use crate::workspace::exports::{self as store, ExportRecord};
use crate::workspace::keyed_hash::HashKey;
use crate::workspace::records::ValueLookup;
use crate::workspace::{SCHEMA_VERSION, Workspace, audit, batches, now_rfc3339, settings};

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
    let mut reasons: Vec<String> = profile.refuses(campaign.channel).into_iter().collect();
    if campaign.channel == Channel::Sms {
        reasons.extend(sms_privacy(ws, plan, &extra_fields)?);
    }
    if let Some(Platform::Mailchimp) = profile.platform() {
        reasons.extend(mailchimp_tags(campaign));
    }
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
    let prepared = match preview::prepare(ws.conn(), campaign, plan.as_of, ws.today()) {
        Ok(p) => p,
        Err(e) => return Err(blocked_or(ws, e.into())),
    };
    let template = match profile.platform() {
        Some(p) => match TemplatePlan::build(p, campaign, &prepared) {
            Ok(t) => Some(t),
            Err(r) => return Err(blocked_or(ws, refused(vec![r.message]))),
        },
        None => None,
    };
    let layout = Layout::new(
        profile,
        campaign.channel,
        &fields,
        &plan.extra,
        plan.with_key,
        template.as_ref(),
    );
    let data_name = if template.is_some() {
        AUDIENCE
    } else {
        RECIPIENTS
    };
    let shape = Shape {
        layout: &layout,
        template: template.as_ref(),
        e164: profile.e164(),
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
            sink: &mut |row, record, entry| {
                gathered.row(&shape, campaign.channel, (row, record, entry))
            },
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
    let mut target = Target::open(&plan.out, &[data_name, MANIFEST], plan.force)?;

    // Data file or parts.
    let records = rows.len();
    let parts = rows.part_count(plan.split_rows);
    let mut data: Vec<FileInfo> = Vec::new();
    let stem = data_name.trim_end_matches(".csv");
    let mut staged: Result<(), ExportError> = Ok(());
    let header = layout.header.clone();
    let staging = rows.parts(plan.split_rows, plan.bom, &header, |i, n, write| {
        let name = if parts == 1 {
            data_name.to_string()
        } else {
            format!("{stem}-{:03}.csv", i + 1)
        };
        match target.stage(&name, |w| write(w)) {
            Ok((_, sha256, bytes)) => {
                data.push(FileInfo {
                    name,
                    sha256,
                    bytes,
                    records: n,
                    encoding: "UTF-8",
                    bom: plan.bom,
                    record_terminator: "CRLF",
                    quoting: "RFC 4180",
                });
                Ok(())
            }
            Err(e) => {
                staged = Err(e.into());
                Err(io::Error::other("staging"))
            }
        }
    });
    staged?;
    staging.map_err(|e| io_failed(plan, e))?;
    if profile == Profile::Klaviyo
        && let Some(big) = data.iter().find(|f| f.bytes > KLAVIYO_FILE_BYTES)
    {
        return Err(refused(vec![format!(
            "{} is {} bytes and Klaviyo uploads take at most 50 MB; add --split-rows N (for example --split-rows {}) to write parts that fit",
            big.name,
            big.bytes,
            (records * KLAVIYO_FILE_BYTES / big.bytes.max(1)).max(1) * 9 / 10
        )]));
    }
    let recipients_sha256 = if data.len() == 1 {
        data[0].sha256.clone()
    } else {
        let lines: String = data
            .iter()
            .map(|f| format!("{} {}\n", f.name, f.sha256))
            .collect();
        files::hex(&<sha2::Sha256 as sha2::Digest>::digest(lines.as_bytes()))
    };

    let templates = match &template {
        Some(t) => stage_templates(&mut target, t)?,
        None => Vec::new(),
    };
    let mut proof_files = Vec::new();
    let mut numbers: BTreeMap<usize, usize> = BTreeMap::new();
    for (entry, row) in &proof_rows {
        let n = numbers.entry(*entry).or_insert(0);
        *n += 1;
        let segment = &campaign.entries[*entry].segment;
        let sms = campaign.channel == Channel::Sms;
        let name = proofs::file_name(entry + 1, segment, *n, sms);
        let text = if sms {
            proofs::sms(row)
        } else {
            let stem = name.trim_end_matches(".eml");
            proofs::email(row, campaign.entries[*entry].format, plan.as_of, stem)
        };
        let ((), sha256, _) = target.stage(&name, |w| w.write_all(text.as_bytes()))?;
        proof_files.push(ProofFile {
            name,
            entry: entry + 1,
            segment: segment.clone(),
            sha256,
        });
    }

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
                .collect(),
            by_segment: summary.per_segment.clone(),
            left_out: left_out.len() as u64,
        },
        minor_check: summary.minor_check.clone(),
        files: Files {
            data,
            templates,
            proofs: proof_files,
        },
        profile: ProfileSection {
            name: profile.as_str(),
            neutralisation: profile.rule(plan.neutralise_formulas),
            formulas_neutralised: formulas.len() as u64,
            e164_phones_intact: true,
            phones_e164: profile.e164() && campaign.channel == Channel::Sms,
            platform_doc: profile.platform().map(Platform::doc),
            escaping: profile.platform().map(Platform::escaping),
            personal_data_leaves_as: if template.is_some() {
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
        unlocks: campaign.unlocks.clone(),
        sign_off: review.sign_off.clone(),
    };
    let ((), manifest_sha256, _) = target.stage(MANIFEST, |w| {
        serde_json::to_writer_pretty(&mut *w, &manifest)?;
        w.write_all(b"\n")
    })?;
    let mut written: Vec<String> = manifest.files.data.iter().map(|f| f.name.clone()).collect();
    written.extend(manifest.files.templates.iter().map(|f| f.name.clone()));
    written.extend(manifest.files.proofs.iter().map(|f| f.name.clone()));
    written.push(MANIFEST.to_string());
    let record = ExportRecord {
        campaign: campaign.name.clone(),
        // Recorded absolute: `--out exports` means nothing in an audit log read from
        // another directory (`contact show` lists the exports that held a person).
        dir: std::path::absolute(&plan.out)
            .unwrap_or_else(|_| plan.out.clone())
            .display()
            .to_string(),
        at: manifest.created_at.clone(),
        as_of: plan.as_of.format("%Y-%m-%d").to_string(),
        profile: profile.as_str().to_string(),
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
                "left_out": left_out.len(),
                "by_exclusion": manifest.counts.by_exclusion,
                "files": written,
                "recipients_sha256": recipients_sha256,
                "manifest_sha256": manifest_sha256,
                "sign_off": sign_off,
            }),
        )?;
        target.commit()?;
        Ok::<_, ExportError>(id)
    })?;
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
        files: written,
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

/// An SMS file never carries an e-mail address: not as the contact key, not as an
/// added field.
fn sms_privacy(
    ws: &Workspace,
    plan: &ExportPlan,
    extra: &[Field],
) -> Result<Vec<String>, ExportError> {
    let mut reasons = Vec::new();
    let key = settings::get(ws.conn(), settings::CONTACT_KEY)?;
    if plan.with_key && key.as_deref().is_none_or(|k| k == "_email") {
        reasons.push(
            "--with-key: this workspace keys contacts by e-mail address, and an SMS file never carries one".into(),
        );
    }
    for f in extra.iter().filter(|f| f.role == Role::Email) {
        reasons.push(format!(
            "--field {}: it holds e-mail addresses, and an SMS file never carries one",
            f.name
        ));
    }
    Ok(reasons)
}

/// Segment names that cannot be Mailchimp tags (format guidelines: at most 100
/// characters, no emoji).
fn mailchimp_tags(campaign: &Campaign) -> Vec<String> {
    campaign
        .entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let emoji = e.segment.chars().any(is_emoji);
            let long = e.segment.chars().count() > MAILCHIMP_TAG_CHARS;
            (emoji || long).then(|| {
                format!(
                    "entry {} (`{}`): Mailchimp tags hold at most {MAILCHIMP_TAG_CHARS} characters and no emoji; rename the segment (tactful segment rename) or use --profile klaviyo, brevo or listmonk",
                    i + 1,
                    e.segment
                )
            })
        })
        .collect()
}

/// Emoji and pictographs (Unicode blocks Miscellaneous Symbols and Dingbats, and the
/// supplementary symbol planes from U+1F000).
fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x2600..=0x27BF | 0x1F000..=0x1FAFF)
}

fn stage_templates(
    target: &mut Target,
    plan: &TemplatePlan,
) -> Result<Vec<TemplateFile>, ExportError> {
    let mut out = Vec::new();
    for (i, entry) in plan.entries.iter().enumerate() {
        let html = entry.format == crate::message::BodyFormat::Html;
        let parts = entry.subject.iter().chain(std::iter::once(&entry.body));
        for part in parts {
            let (label, ext) = match part.part {
                Part::Subject => ("subject", "txt"),
                Part::Body => ("body", plan.platform.body_extension(html)),
            };
            let name = format!(
                "template-{:02}-{}-{label}.{ext}",
                i + 1,
                proofs::slug(&entry.segment)
            );
            let text = plan.template_text(part);
            let ((), sha256, bytes) = target.stage(&name, |w| w.write_all(text.as_bytes()))?;
            out.push(TemplateFile {
                name,
                entry: i + 1,
                segment: entry.segment.clone(),
                part: label,
                format: if part.part == Part::Body {
                    entry.format.as_str()
                } else {
                    "plain"
                },
                sha256,
                bytes,
                kept_whole: part.whole_because.clone(),
            });
        }
    }
    Ok(out)
}
