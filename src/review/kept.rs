//! A review's preview pass kept for the next review of the same campaign, while
//! nothing in the workspace has changed (issue 13: the app never makes you wait for a
//! full walk).
//!
//! The terminal app's Preview screen walks the whole audience in the background; with
//! [`Kept::preview_marked`] that one walk also gives the review's pass (preview hash,
//! counts, coverage, small cells, quasi-identifier groups, damaged values), so entering
//! Review or Export afterwards shows the review without walking again. A review that
//! had to walk keeps its pass the same way.
//!
//! A kept pass is used only when it is for the same campaign (every setting, entry and
//! unlock equal), the same as-of date, the same today (the minor check reads it), the
//! same fields added to the export, and **no commit of any kind reached the workspace
//! since the walk began** ([`crate::workspace::changes`]): a suppression, an opt-out,
//! an import, an erasure, a field's new class, a campaign, segment or setting saved,
//! by this process or another. Anything else walks again. So the promise that nobody
//! who opted out gets a message holds: a refusal recorded after the walk always
//! discards it. Export writes its file from a walk of its own (the rows are not kept);
//! only its review may be reused.

use std::io;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;

use super::{ExportScope, ExtraField, PassFrom, Review, ReviewError, data, definition, run_from};
use crate::campaign::Campaign;
use crate::campaign::preview::{self, PreviewError, PreviewRow, Summary};
use crate::workspace::changes::{Changes, Mark};
use crate::workspace::{Workspace, WorkspaceError, snapshot};

/// The latest pass of one workspace file and the watch that says whether it still
/// holds. Shared by the threads (connections) of one app; `Sync`.
#[derive(Debug)]
pub struct Kept {
    changes: Changes,
    latest: Mutex<Option<Arc<Walked>>>,
}

/// One kept pass and what it was computed for.
#[derive(Debug)]
struct Walked {
    campaign: Campaign,
    as_of: NaiveDate,
    today: NaiveDate,
    extra: Vec<ExtraField>,
    /// Taken before the walk's snapshot (see `workspace::changes`).
    mark: Mark,
    pass: Arc<data::Pass>,
}

/// The kept pass a review may use, as it was when the review began.
pub(super) struct Reuse<'k> {
    changes: &'k Changes,
    latest: Option<Arc<Walked>>,
}

impl Reuse<'_> {
    /// The kept pass when it was computed for exactly this review and nothing was
    /// committed since; `None` otherwise. Call with the review's snapshot pinned
    /// (`snapshot::pin`), so "nothing since" covers what the review reads.
    ///
    /// Errors: the change watch failing to look.
    pub(super) fn pass_for(
        &self,
        ws: &Workspace,
        campaign: &Campaign,
        as_of: NaiveDate,
        extra: &[ExtraField],
    ) -> Result<Option<Arc<data::Pass>>, WorkspaceError> {
        let Some(w) = &self.latest else {
            return Ok(None);
        };
        let fits = w.campaign == *campaign
            && w.as_of == as_of
            && w.today == ws.today()
            && w.extra == extra;
        if fits && self.changes.unchanged_since(w.mark)? {
            return Ok(Some(Arc::clone(&w.pass)));
        }
        Ok(None)
    }
}

impl Kept {
    /// Keep passes of the workspace file at `path` (an in-memory workspace keeps none
    /// that is ever used: see [`Changes::watch`]).
    ///
    /// Errors: opening the watch's read-only connection.
    pub fn watch(path: &Path) -> Result<Kept, WorkspaceError> {
        Ok(Kept {
            changes: Changes::watch(path)?,
            latest: Mutex::new(None),
        })
    }

    fn latest(&self) -> Option<Arc<Walked>> {
        self.latest
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn keep(&self, walked: Walked) {
        *self.latest.lock().unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(walked));
    }

    /// [`preview::run_marked`], its walk also making the review's pass, which is kept
    /// for [`Kept::review`]. `sink` gets the rows as people read them; the pass hashes
    /// the plain ones, as a review's own walk does. A run that fails or is stopped by
    /// `sink` keeps nothing.
    ///
    /// Errors: as [`preview::run_marked`].
    pub fn preview_marked(
        &self,
        ws: &Workspace,
        campaign: &Campaign,
        as_of: NaiveDate,
        sink: &mut dyn FnMut(&PreviewRow) -> io::Result<()>,
    ) -> Result<Summary, PreviewError> {
        let mark = self.changes.mark()?;
        let conn = ws.conn();
        let _snapshot = snapshot::begin(conn)?;
        let mut prepared = preview::prepare(conn, campaign, as_of, ws.today())?;
        let uses = match definition::uses(conn, campaign) {
            Ok(u) => u,
            Err(ReviewError::Workspace(e)) => return Err(e.into()),
            // Nothing a review could reuse: show the preview alone.
            Err(_) => {
                return preview::run_prepared(ws, &prepared, &mut preview::marked(&prepared, sink));
            }
        };
        data::read_also(&mut prepared, &uses, &[]);
        let pass = data::pass(
            ws,
            &prepared,
            &uses,
            &[],
            &mut preview::marked(&prepared, sink),
        )?;
        let summary = pass.summary.clone();
        self.keep(Walked {
            campaign: campaign.clone(),
            as_of,
            today: ws.today(),
            extra: Vec::new(),
            mark,
            pass: Arc::new(pass),
        });
        Ok(summary)
    }

    /// [`super::run_for`], using the kept pass when it still holds (see the module
    /// docs), else walking and keeping the new pass.
    ///
    /// Errors: as [`super::run_for`].
    pub fn review(
        &self,
        ws: &Workspace,
        campaign: &Campaign,
        as_of: NaiveDate,
        export: Option<&ExportScope>,
    ) -> Result<Review, ReviewError> {
        // Before the review's snapshot: a pass it walks is marked as of then.
        let mark = self.changes.mark()?;
        let latest = self.latest();
        let reuse = Reuse {
            changes: &self.changes,
            latest: latest.clone(),
        };
        let (review, pass) = run_from(ws, campaign, as_of, export, PassFrom::Kept(&reuse))?;
        let reused = matches!((&pass, &latest), (Some(p), Some(l)) if Arc::ptr_eq(p, &l.pass));
        if let Some(pass) = pass.filter(|_| !reused) {
            self.keep(Walked {
                campaign: campaign.clone(),
                as_of,
                today: ws.today(),
                extra: export.map(|e| e.fields.clone()).unwrap_or_default(),
                mark,
                pass,
            });
        }
        Ok(review)
    }
}
