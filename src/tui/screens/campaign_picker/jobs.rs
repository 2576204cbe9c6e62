//! The campaign picker's jobs, run by the job runner (`tui::jobs`): the campaign names
//! and one campaign as stored, which the campaign screens share.

use crate::campaign::store as campaigns;
use crate::tui::message::{Message, Request};
use crate::workspace::Workspace;

/// Answer [`Request::LoadCampaigns`] or [`Request::LoadCampaign`] (`None` for any other
/// request).
pub fn read(ws: &Workspace, request: &Request) -> Option<Message> {
    Some(match request {
        Request::LoadCampaigns { generation } => Message::CampaignsLoaded {
            generation: *generation,
            result: campaigns::names(ws.conn()).map_err(|e| e.to_string()),
        },
        Request::LoadCampaign { generation, name } => Message::CampaignLoaded {
            generation: *generation,
            result: match campaigns::load(ws.conn(), name) {
                Ok(Some(c)) => Ok(Box::new(c)),
                Ok(None) => Err(format!("no campaign `{name}` (it may have been removed)")),
                Err(e) => Err(e.to_string()),
            },
        },
        _ => return None,
    })
}
