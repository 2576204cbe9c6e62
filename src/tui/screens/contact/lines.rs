//! The contact screen's text: everything `tactful contact show` prints about one
//! contact, and what `tactful contact erase` says it did, as plain lines (sanitised
//! when drawn).

use crate::rights::ContactReport;
use crate::rights::erase::ErasureReport;

/// Everything held about a contact, in the order `tactful contact show` prints it.
pub fn shown(report: &ContactReport) -> Vec<String> {
    let mut out = Vec::new();
    if report.erased {
        out.push(format!(
            "Contact {} was erased; only hashes are kept.",
            report.key
        ));
    } else if report.fields.is_empty() && report.consent.is_empty() {
        out.push(format!(
            "Contact {} is not stored (an import undo removed it); only hashes are kept.",
            report.key
        ));
    } else {
        held(report, &mut out);
    }
    for u in &report.consent_upgrades {
        out.push(format!(
            "consent upgrade {} {} -> {} in batch {}: {} ({})",
            u.channel,
            u.from,
            u.to,
            u.batch,
            if u.applied { "applied" } else { "refused" },
            u.reason
        ));
    }
    for r in &report.refusals_on_record {
        out.push(format!(
            "refusal on record: {} {} ({}, batch {}), kept for any later import",
            r.channel, r.state, r.source, r.batch
        ));
    }
    for s in &report.suppression {
        out.push(format!(
            "suppressed by {} {} ({}, {}, since {})",
            s.kind,
            s.value.as_deref().unwrap_or("(hash only)"),
            s.reason,
            s.source,
            s.added_at
        ));
    }
    for e in &report.exports {
        out.push(format!(
            "included in export {} of campaign {} to {} at {}",
            e.id, e.campaign, e.dir, e.at
        ));
    }
    if report.exports.is_empty() {
        out.push("included in no export".into());
    }
    out
}

/// The stored contact's fields, consent, batches, older values, segments and campaigns.
fn held(report: &ContactReport, out: &mut Vec<String>) {
    out.push(format!("Contact {}", report.key));
    out.push(String::new());
    for f in &report.fields {
        out.push(format!(
            "  {} = {}   ({}, role {})",
            f.name,
            f.value.display(),
            f.class.label(),
            f.role.as_str()
        ));
    }
    out.push(String::new());
    for c in &report.consent {
        out.push(format!(
            "consent {}: {} ({})",
            c.channel,
            c.state,
            c.source.as_deref().unwrap_or("no source")
        ));
        if let Some(e) = &c.evidence {
            out.push(format!("  evidence: {e}"));
        }
    }
    for b in &report.batches {
        out.push(format!(
            "batch {} {} {} at {} (sha256 {})",
            b.batch, b.how, b.file_name, b.imported_at, b.sha256
        ));
    }
    for image in &report.before_images {
        let values: Vec<String> = image
            .values
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(column, v)| match v {
                serde_json::Value::String(s) => format!("{column} = {s}"),
                other => format!("{column} = {other}"),
            })
            .collect();
        out.push(format!("{}: {}", image.heading(), values.join(", ")));
    }
    out.push(format!(
        "segments matched: {}",
        if report.segments.is_empty() {
            "none".to_string()
        } else {
            report.segments.join(", ")
        }
    ));
    for c in &report.campaigns {
        let place = match (&c.segment, c.excluded, &c.problem) {
            (_, _, Some(p)) => format!("not evaluated: {p}"),
            (_, Some(e), _) => format!("excluded: {}", e.code()),
            (Some(s), None, _) => format!("segment {s}"),
            (None, None, None) => "not in it".to_string(),
        };
        out.push(format!("campaign {}: {place}", c.campaign));
    }
}

/// What an erasure did, as `tactful contact erase` says it.
pub fn erased(key: &str, report: &ErasureReport) -> Vec<String> {
    if report.already_erased {
        return vec![format!(
            "Contact {key} was already erased earlier; its old copies are now wiped from the workspace's files too."
        )];
    }
    let mut out = vec![format!(
        "Contact {key} erased. {} suppression entr{} (hashes only) keep the contact out of later imports; {} undo record{} purged.",
        report.suppression_entries,
        if report.suppression_entries == 1 {
            "y"
        } else {
            "ies"
        },
        report.before_images_purged,
        if report.before_images_purged == 1 {
            ""
        } else {
            "s"
        },
    )];
    if !report.exports_including.is_empty() {
        out.push(format!(
            "The contact was in {} earlier export(s); those files are outside the workspace, tell their recipients (GDPR Art. 19):",
            report.exports_including.len()
        ));
        for e in &report.exports_including {
            out.push(format!(
                "  export {} of {} to {} at {}",
                e.id, e.campaign, e.dir, e.at
            ));
        }
    }
    out
}
