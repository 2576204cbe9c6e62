//! What the screens share: the terminal size, the global as-of date, the status line
//! (notice and error, with their age), the unsaved edits and the request generations.
//!
//! A screen's update code takes its own state and a `&mut Context` instead of the whole
//! [`App`](super::app::App), so it can neither read nor change another screen. What a
//! screen needs from elsewhere (the field list, the current campaign) is passed in by
//! `tui::update`, which also acts on what a screen asks of the others.

use chrono::NaiveDate;
use ratatui::layout::Rect;

use super::status::StatusAge;
use crate::campaign::Campaign;

/// The state every screen may read and change (see the module doc).
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The terminal area, origin at 0,0.
    pub size: Rect,
    /// The global `--as-of`: the date relative rules and campaigns count from instead of
    /// today (and instead of a campaign's own as-of date). `None`: not given.
    pub as_of: Option<NaiveDate>,
    /// What the last change did ("field `dob`: class protected -> ordinary"), shown in
    /// the status line.
    pub notice: Option<String>,
    /// The last error from a job, shown in the status line until the next success.
    pub error: Option<String>,
    /// How long [`Self::notice`] and [`Self::error`] have stood (they expire).
    pub status_age: StatusAge,
    /// Descriptions of edits not yet written to the workspace ("rule of segment
    /// `vip`"). Editing screens add and remove entries; `Quit` asks first while any exist.
    pub unsaved: Vec<String>,
    generation: u64,
}

impl Context {
    /// A context for a terminal of `width` x `height` cells and the global `as_of`.
    pub fn new(width: u16, height: u16, as_of: Option<NaiveDate>) -> Context {
        Context {
            size: Rect::new(0, 0, width, height),
            as_of,
            ..Context::default()
        }
    }

    /// A fresh generation number for a request; replies carrying an older one than the
    /// state waits for are dropped (the newest request wins).
    pub fn next_generation(&mut self) -> u64 {
        self.generation += 1;
        self.generation
    }

    /// The as-of date campaign `c` runs at in the TUI: the global `--as-of` when given
    /// (it wins, as in the CLI), else the campaign's own, else today.
    pub fn as_of_for(&self, c: &Campaign) -> NaiveDate {
        self.as_of
            .unwrap_or_else(|| c.as_of_or(chrono::Local::now().date_naive()))
    }

    /// True while any screen holds edits not yet written to the workspace.
    pub fn has_unsaved_work(&self) -> bool {
        !self.unsaved.is_empty()
    }
}
