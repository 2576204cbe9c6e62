//! The Export screen's job, run by the job runner's writer (`tui::jobs`): writing the
//! recipients file and its manifest through the core (`export::export`), refused while
//! the review has blockers open. Dates count from the global `--as-of` when given, else
//! the campaign's own as-of date, else today (`campaign::edit::effective_as_of`).

use std::path::Path;

use super::message::{ExportFailure, ExportMsg, ExportRequest, Exported};
use crate::campaign::edit::effective_as_of;
use crate::campaign::unlock::load;
use crate::export::{self, ExportError, ExportPlan, FileError};
use crate::review::ExtraField;
use crate::tui::message::Message;
use crate::workspace::{Workspace, actor};

/// Work for the job runner, sent by the Export screen: a change, run by the writer in
/// the order sent, never superseded.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportJob {
    pub generation: u64,
    pub request: ExportRequest,
}

/// Write the export `job` asks for and make its reply.
pub fn answer(ws: &mut Workspace, job: &ExportJob) -> Message {
    Message::Export(ExportMsg::Exported {
        generation: job.generation,
        result: run_export(ws, &job.request).map(Box::new),
    })
}

fn run_export(ws: &mut Workspace, request: &ExportRequest) -> Result<Exported, ExportFailure> {
    let other = |e: &dyn std::fmt::Display| ExportFailure::Other(e.to_string());
    let campaign = load(ws, &request.campaign).map_err(|e| other(&e))?;
    let mut plan = ExportPlan::new(
        request.out.clone().into(),
        request.profile,
        effective_as_of(&campaign, request.as_of, chrono::Local::now().date_naive()),
    );
    plan.bom = request.bom;
    plan.force = request.force;
    plan.extra = request
        .extra
        .iter()
        .map(|(field, reason)| ExtraField {
            field: field.clone(),
            reason: reason.clone(),
        })
        .collect();
    let report = match export::export(ws, &campaign, &plan, &actor()) {
        Ok(r) => r,
        Err(ExportError::Blocked { blockers, .. }) => {
            return Err(ExportFailure::Blocked(blockers));
        }
        Err(ExportError::Files(FileError::Exists { path })) => {
            return Err(ExportFailure::Exists(path.display().to_string()));
        }
        Err(e) => return Err(other(&e)),
    };
    let files = report
        .files
        .iter()
        .map(|name| {
            let path = plan.out.join(name);
            (path.display().to_string(), mode(&path))
        })
        .collect();
    Ok(Exported {
        dir: report.dir,
        recipients: report.recipients,
        recipients_sha256: report.recipients_sha256,
        profile: report.profile,
        sign_off: report.sign_off,
        files,
        warnings: report.warnings.len(),
    })
}

/// The permission bits of the file at `path` (`0o600` for owner-only), where the
/// platform has them.
#[cfg(unix)]
fn mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .ok()
        .map(|m| m.permissions().mode() & 0o777)
}

#[cfg(not(unix))]
fn mode(_path: &Path) -> Option<u32> {
    None
}
