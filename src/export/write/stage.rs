//! The export's files staged in the target directory ([`Target`]): the data file or its
//! parts, the platform templates and the proofs, each hashed as it is written. None
//! gets its name until the export's record is written (`record`).

use std::collections::BTreeMap;
use std::io;

use crate::campaign::Campaign;
use crate::campaign::preview::PreviewRow;
use crate::export::files::{self, Target};
use crate::export::manifest::{FileInfo, ProofFile, TemplateFile};
use crate::export::merge::TemplatePlan;
use crate::export::profile::KLAVIYO_FILE_BYTES;
use crate::export::recipients::Rows;
use crate::export::{ExportError, ExportPlan, Profile, proofs};
use crate::fields::Channel;
use crate::message::Part;

/// The staged data file or parts.
pub(super) struct DataFiles {
    /// One per file, in order.
    pub files: Vec<FileInfo>,
    /// SHA-256 of the data file, or of its parts' `NAME SHA256` lines when split.
    pub sha256: String,
}

/// Stage `rows` as `data_name` (`recipients.csv`, `audience.csv`) or, with
/// `--split-rows`, as numbered parts (`recipients-001.csv`, ...), each with the BOM (as
/// `plan` says) and `header`. Refused when a Klaviyo file is over its upload limit.
pub(super) fn data(
    target: &mut Target,
    rows: Rows,
    plan: &ExportPlan,
    header: &[String],
    data_name: &str,
) -> Result<DataFiles, ExportError> {
    let records = rows.len();
    let parts = rows.part_count(plan.split_rows);
    let mut data: Vec<FileInfo> = Vec::new();
    let stem = data_name.trim_end_matches(".csv");
    let mut staged: Result<(), ExportError> = Ok(());
    let staging = rows.parts(plan.split_rows, plan.bom, header, |i, n, write| {
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
    staging.map_err(|e| super::io_failed(plan, e))?;
    if plan.profile == Profile::Klaviyo
        && let Some(big) = data.iter().find(|f| f.bytes > KLAVIYO_FILE_BYTES)
    {
        return Err(ExportError::Refused {
            profile: plan.profile,
            reasons: vec![format!(
                "{} is {} bytes and Klaviyo uploads take at most 50 MB; add --split-rows N (for example --split-rows {}) to write parts that fit",
                big.name,
                big.bytes,
                (records * KLAVIYO_FILE_BYTES / big.bytes.max(1)).max(1) * 9 / 10
            )],
        });
    }
    let sha256 = if data.len() == 1 {
        data[0].sha256.clone()
    } else {
        let lines: String = data
            .iter()
            .map(|f| format!("{} {}\n", f.name, f.sha256))
            .collect();
        files::hex(&<sha2::Sha256 as sha2::Digest>::digest(lines.as_bytes()))
    };
    Ok(DataFiles {
        files: data,
        sha256,
    })
}

/// Stage the proofs of `proof_rows` ((entry, row), in preview order): an `.eml` per
/// e-mail recipient, a `.txt` per SMS one, numbered within each entry.
pub(super) fn proofs(
    target: &mut Target,
    campaign: &Campaign,
    plan: &ExportPlan,
    proof_rows: &[(usize, PreviewRow)],
) -> Result<Vec<ProofFile>, ExportError> {
    let mut proof_files = Vec::new();
    let mut numbers: BTreeMap<usize, usize> = BTreeMap::new();
    for (entry, row) in proof_rows {
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
    Ok(proof_files)
}

/// Stage one template file per entry and part (subject, body) in the platform's merge
/// syntax: `template-NN-SEGMENT-subject.txt`, `template-NN-SEGMENT-body.EXT`.
pub(super) fn templates(
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
