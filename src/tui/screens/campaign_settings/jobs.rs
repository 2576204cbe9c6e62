//! The campaign settings dialog's job, run by the job runner's writer (`tui::jobs`).

use chrono::NaiveDate;

use crate::campaign::edit::{self, Settings};
use crate::tui::message::Message;
use crate::workspace::{Workspace, actor};

/// `campaign::edit::set`: every setting of `settings` for campaign `name`; its entries
/// are checked again at its as-of date (`as_of`, the global `--as-of`, wins over the
/// campaign's own, as in the CLI; else today).
pub fn set(
    ws: &mut Workspace,
    generation: u64,
    name: &str,
    settings: &Settings,
    as_of: Option<NaiveDate>,
) -> Message {
    let today = chrono::Local::now().date_naive();
    Message::SettingsSaved {
        generation,
        result: edit::set(
            ws,
            name,
            settings,
            |c| edit::effective_as_of(c, as_of, today),
            &actor(),
        )
        .map(Box::new)
        .map_err(|e| e.to_string()),
    }
}
