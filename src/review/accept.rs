//! Accepting a finding: a campaign takes a risk knowingly, with a written reason on
//! record, for as long as nothing it accepted changes (see the module docs of
//! [`super`] for how a finding becomes acceptable).
//!
//! `tactful review CAMPAIGN --accept CODE --reason TEXT` calls [`accept`]; every review
//! calls [`apply`]. The hash an acceptance keeps covers the campaign definition and every
//! finding with the code (code, severity before acceptance, message, items), so a change
//! to the campaign, or to what the finding says, undoes it. Storage:
//! `workspace::acceptances`; audit action `review.accept`.

use rusqlite::Connection;
use serde::Serialize;
use serde_json::json;

use super::signoff::sha256_hex;
use super::{Finding, Review, ReviewError, Severity};
use crate::workspace::acceptances::{self, AcceptanceRecord};
use crate::workspace::{Workspace, audit, now_rfc3339};
use crate::written;

/// An acceptance in force, as shown on the finding it accepts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Accepted {
    pub reason: String,
    pub by: String,
    /// RFC 3339 UTC.
    pub at: String,
    /// The severity the finding had before it was accepted.
    pub was: Severity,
    /// Hex SHA-256 of what was accepted.
    pub finding_sha256: String,
}

/// Hex SHA-256 of the campaign definition and the findings with one code: a JSON array
/// of the definition hash, then `[code, severity, message, items]` per finding.
pub fn finding_sha256(definition_sha256: &str, findings: &[&Finding]) -> String {
    let mut parts = vec![json!(definition_sha256)];
    for f in findings {
        parts.push(json!([
            f.code,
            f.original_severity().as_str(),
            f.message,
            f.items
        ]));
    }
    sha256_hex(serde_json::Value::Array(parts).to_string().as_bytes())
}

fn with_code<'a>(findings: &'a [Finding], code: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.code == code).collect()
}

/// Mark the findings the campaign accepted, while what was accepted is unchanged: an
/// accepted finding becomes a warning with `accepted` set. An acceptance that no
/// longer matches adds `acceptance_outdated` (warning) naming it.
///
/// Errors: workspace errors.
pub fn apply(
    conn: &Connection,
    campaign: &str,
    definition_sha256: &str,
    findings: &mut Vec<Finding>,
) -> Result<(), ReviewError> {
    let mut outdated = Vec::new();
    for a in acceptances::in_force(conn, campaign)? {
        let group = with_code(findings, &a.code);
        if group.is_empty() {
            // Nothing left to accept: the finding went away on its own.
            continue;
        }
        if !group.iter().all(|f| f.acceptable)
            || finding_sha256(definition_sha256, &group) != a.finding_sha256
        {
            outdated.push(format!(
                "{} accepted by {} at {}: \"{}\"",
                a.code, a.actor, a.at, a.reason
            ));
            continue;
        }
        for f in findings.iter_mut().filter(|f| f.code == a.code) {
            f.accepted = Some(Accepted {
                reason: a.reason.clone(),
                by: a.actor.clone(),
                at: a.at.clone(),
                was: f.severity,
                finding_sha256: a.finding_sha256.clone(),
            });
            if f.severity == Severity::Blocker {
                f.severity = Severity::Warning;
            }
        }
    }
    if !outdated.is_empty() {
        findings.push(Finding::new(
            "acceptance_outdated",
            Severity::Warning,
            "an acceptance no longer applies: the campaign, or what the finding says, changed since it was accepted; review the finding again and accept it anew if it still holds (tactful review CAMPAIGN --accept CODE --reason TEXT)".into(),
            outdated,
        ));
    }
    Ok(())
}

/// Accept the findings with `code` in `review` for its campaign, with `reason`, as
/// `actor`: stored and audited in one transaction. Run a new review to see it applied.
///
/// Errors: [`ReviewError::Invalid`] when the review has no finding `code`, when it says
/// it cannot be accepted (a blocked field needs an unlock; nothing accepts a special
/// ad category breach), or for a reason [`written::check_justification`] refuses.
pub fn accept(
    ws: &mut Workspace,
    review: &Review,
    code: &str,
    reason: &str,
    actor: &str,
) -> Result<AcceptanceRecord, ReviewError> {
    let code = code.trim();
    let group = with_code(&review.findings, code);
    let Some(first) = group.first() else {
        let codes: Vec<&str> = review
            .findings
            .iter()
            .filter(|f| f.acceptable)
            .map(|f| f.code)
            .collect();
        return Err(ReviewError::Invalid(format!(
            "the review of `{}` has no finding `{code}`; findings that can be accepted now: {}",
            review.campaign,
            if codes.is_empty() {
                "none".to_string()
            } else {
                codes.join(", ")
            }
        )));
    };
    if !first.acceptable {
        let remedy = match code {
            "blocked_field" => {
                "a blocked field needs an unlock for the campaign (tactful unlock CAMPAIGN FIELD --reason TEXT), not an acceptance"
            }
            "special_ad_category" => {
                "nothing accepts a special ad category breach; remove the field from rules, messages and the export"
            }
            _ => "resolve it instead",
        };
        return Err(ReviewError::Invalid(format!(
            "finding `{code}` cannot be accepted: {remedy}"
        )));
    }
    let reason = reason.trim();
    written::check_justification("the reason", reason).map_err(|e| {
        ReviewError::Invalid(format!(
            "{e}: say why the campaign may go ahead with `{code}`; the reason is audited and shown in review and in the export manifest"
        ))
    })?;
    let record = AcceptanceRecord {
        campaign: review.campaign.clone(),
        code: code.to_string(),
        finding_sha256: finding_sha256(&review.definition_sha256, &group),
        reason: reason.to_string(),
        actor: actor.to_string(),
        at: now_rfc3339(),
    };
    let detail = json!({
        "code": record.code,
        "finding_sha256": record.finding_sha256,
        "definition_sha256": review.definition_sha256,
        "reason": record.reason,
        "findings": group.iter().map(|f| json!({
            "severity": f.original_severity(),
            "message": f.message,
            "items": f.items,
        })).collect::<Vec<_>>(),
    });
    ws.write(|tx| {
        acceptances::add(tx, &record)?;
        audit::append(tx, actor, "review.accept", &record.campaign, &detail)?;
        Ok::<_, ReviewError>(())
    })?;
    Ok(record)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn risky() -> Finding {
        Finding::new(
            "risky",
            Severity::Blocker,
            "something".into(),
            vec!["3 contacts".into()],
        )
        .acceptable()
    }

    #[test]
    fn the_hash_covers_definition_and_what_the_finding_says() {
        let f = risky();
        let base = finding_sha256("d1", &[&f]);
        // `printf '%s' '["d1",["risky","blocker","something",["3 contacts"]]]' | sha256sum`
        assert_eq!(
            base,
            "81622a17d725a31f1c6911a12ff59286b1aa2734f63d28c18639a1d1bfa819fd"
        );
        assert_ne!(base, finding_sha256("d2", &[&f]));
        let mut more = f.clone();
        more.items = vec!["4 contacts".into()];
        assert_ne!(base, finding_sha256("d1", &[&more]));
        // Accepting keeps the hash: it is taken over the severity before acceptance.
        let mut accepted = f.clone();
        accepted.severity = Severity::Warning;
        accepted.accepted = Some(Accepted {
            reason: "r".into(),
            by: "ana".into(),
            at: "t".into(),
            was: Severity::Blocker,
            finding_sha256: base.clone(),
        });
        assert_eq!(base, finding_sha256("d1", &[&accepted]));
    }

    #[test]
    fn applied_while_unchanged_outdated_after_a_change() {
        let mut ws = Workspace::open_in_memory().unwrap();
        let f = risky();
        let record = AcceptanceRecord {
            campaign: "c".into(),
            code: "risky".into(),
            finding_sha256: finding_sha256("d1", &[&f]),
            reason: "the shop sells to adults only, by contract".into(),
            actor: "ana".into(),
            at: "2026-11-01T10:00:00Z".into(),
        };
        ws.write(|tx| acceptances::add(tx, &record)).unwrap();
        let mut findings = vec![f.clone()];
        apply(ws.conn(), "c", "d1", &mut findings).unwrap();
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Warning);
        assert_eq!(
            findings[0].accepted.as_ref().unwrap().was,
            Severity::Blocker
        );
        // The campaign changed: the definition hash differs, the blocker is back.
        let mut findings = vec![f.clone()];
        apply(ws.conn(), "c", "d2", &mut findings).unwrap();
        assert_eq!(findings[0].severity, Severity::Blocker);
        assert!(findings[0].accepted.is_none());
        assert_eq!(findings[1].code, "acceptance_outdated");
        assert!(findings[1].items[0].contains("by contract"));
        // Another campaign accepted nothing.
        let mut findings = vec![f];
        apply(ws.conn(), "other", "d1", &mut findings).unwrap();
        assert_eq!(findings.len(), 1);
        assert!(findings[0].accepted.is_none());
    }
}
