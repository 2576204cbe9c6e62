//! The contact screen's text: everything `tactful contact show` prints about one
//! contact, as plain lines (sanitised when drawn). The sentences both faces share are
//! the core's (`ContactReport::trace_lines` and its neighbours; an erasure's are
//! `ErasureReport::lines`); the fields, consent and segments lines are the screen's own.

use crate::rights::ContactReport;

/// Everything held about a contact, in the order `tactful contact show` prints it.
pub fn shown(report: &ContactReport) -> Vec<String> {
    let mut out = Vec::new();
    match report.absent_line() {
        Some(line) => out.push(line),
        None => held(report, &mut out),
    }
    out.extend(report.trace_lines());
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
    out.extend(report.import_lines());
    out.push(format!(
        "segments matched: {}",
        if report.segments.is_empty() {
            "none".to_string()
        } else {
            report.segments.join(", ")
        }
    ));
    out.extend(report.campaign_lines());
}
