//! The refusal a row the reader rejected may carry: such a row stops the import.
//!
//! The reader rejects a row it cannot line up with the header (more or fewer fields: an
//! unquoted comma in a name), a row with a NUL byte, or text after a closing quote; the
//! import used to go on and list it, so an opt-out on that row was lost and the person
//! messaged (new-user trial, session 8). Its fields cannot be trusted to sit under
//! their headers, so every field is read by every consent column's vocabulary: any
//! that reads as a refusal (declined, withdrawn, bounced) is one the row may state.
//! A file whose every row refuses (a platform's unsubscribed file, `--consent
//! sms=withdrawn`) refuses for each of its rows. When the row also names someone
//! (another field holds a value), the import stops with
//! [`ImportError::RefusalLost`] naming the file, line and column, as a row refusing
//! with no readable address does ([`super::key_cell::refusal_lost`]); stopping rolls
//! the import back, so the workspace stays as it was. Reading too much as a refusal
//! stops an import the user fixes and runs again; reading too little messages someone
//! who said no. Called by [`super::prepare`] for each rejected row.

use std::collections::BTreeMap;

use super::ImportError;
use super::analyse::Analysis;
use super::key::KeySource;
use super::key_cell;
use crate::fields::{Channel, ConsentState};

/// What to do, appended to the reader's reason.
const FIX: &str = "fix the line (quote a value that holds the delimiter, remove the stray quote or NUL byte) and import again";

/// The error that stops the import when rejected row `line` (`reason`: why the reader
/// rejected it; `cells`: every field it has) may state a refusal and names someone;
/// `None` when it states none. `options` are the `--consent` states given, `file` the
/// file's name as errors show it.
pub fn check(
    analysis: &Analysis,
    options: &BTreeMap<Channel, ConsentState>,
    file: String,
    (line, reason, cells): (u64, &str, &[String]),
) -> Option<ImportError> {
    let filled = |except: Option<usize>| {
        cells
            .iter()
            .enumerate()
            .any(|(k, c)| Some(k) != except && !c.trim().is_empty())
    };
    // The whole file refuses: its layout's status, else `--consent`.
    let whole = analysis
        .file_status
        .iter()
        .flat_map(|f| f.states.iter())
        .chain(options.iter())
        .find(|(_, s)| s.is_refusal());
    if let Some((&channel, &state)) = whole
        && filled(None)
    {
        let column = match analysis.key {
            KeySource::Column { index, .. } => analysis.columns[index].header.clone(),
            _ => "field 1".to_string(),
        };
        let reason = format!("line rejected: {reason}; every row of the file refuses; {FIX}");
        return Some(key_cell::refusal_lost(
            file,
            line,
            &column,
            (channel, state),
            reason,
        ));
    }
    for (k, cell) in cells.iter().enumerate() {
        for c in &analysis.consent {
            let Some(state) = c.state(cell).filter(|s| s.is_refusal()) else {
                continue;
            };
            if !filled(Some(k)) {
                continue;
            }
            let header = &analysis.columns[c.index].header;
            let reason = format!(
                "line rejected: {reason}; field {} holds `{cell}`, which column `{header}` reads as {channel} {state}; {FIX}",
                k + 1,
                channel = c.channel,
            );
            return Some(key_cell::refusal_lost(
                file,
                line,
                header,
                (c.channel, state),
                reason,
            ));
        }
    }
    None
}
