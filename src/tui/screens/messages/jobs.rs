//! The Messages screen's jobs, run by the job runner (`tui::jobs`): the sample contact
//! messages are rendered for and the coverage counts (reads), and the campaign's
//! changes through the core's use cases (`campaign::edit`: save, create, rename,
//! delete), each audited with the user running the app as the actor.

use std::io;

use chrono::NaiveDate;

use super::Sample;
use crate::campaign::Campaign;
use crate::campaign::edit;
use crate::campaign::preview;
use crate::campaign::recipients;
use crate::fields::Field;
use crate::segment::store::load_record;
use crate::tui::message::{Message, Request, SampleStep};
use crate::workspace::{Workspace, actor};

/// Answer [`Request::LoadSample`]: the would-be recipient of the entry that the step
/// leads to, with its values (`None` for any other request).
pub fn sample(ws: &Workspace, request: &Request) -> Option<Message> {
    let Request::LoadSample {
        generation,
        fields,
        campaign,
        entry,
        as_of,
        step,
    } = request
    else {
        return None;
    };
    Some(Message::SampleLoaded {
        generation: *generation,
        result: load_sample(ws, fields, (campaign, *entry, *as_of), *step),
    })
}

fn load_sample(
    ws: &Workspace,
    fields: &[Field],
    wanted: (&Campaign, usize, NaiveDate),
    step: SampleStep,
) -> Result<Option<Sample>, String> {
    let (campaign, entry, as_of) = wanted;
    let Some(found) =
        recipients::step(ws, campaign, as_of, entry, step).map_err(|e| e.to_string())?
    else {
        return Ok(None);
    };
    let record = load_record(ws.conn(), fields, &found.key)
        .map_err(|e| e.to_string())?
        .unwrap_or_default();
    Ok(Some(Sample {
        id: found.id,
        key: found.key,
        record,
    }))
}

/// Answer [`Request::Coverage`]: preview the edited campaign without storing rows, for
/// its summary (coverage, SMS lengths). `None` when `current` turned false (a newer
/// request came), and for any other request.
pub fn coverage(ws: &Workspace, request: &Request, current: &dyn Fn() -> bool) -> Option<Message> {
    let Request::Coverage {
        generation,
        campaign,
        as_of,
    } = request
    else {
        return None;
    };
    let mut stopped = false;
    let result = preview::run(ws, campaign, *as_of, &mut |_| {
        if current() {
            Ok(())
        } else {
            stopped = true;
            Err(io::Error::other(
                "a newer coverage request replaced this one",
            ))
        }
    });
    (!stopped).then(|| Message::CoverageFinished {
        generation: *generation,
        result: result.map(Box::new).map_err(|e| e.to_string()),
    })
}

/// Save `campaign` through the core's use case (every entry's rule and message checked
/// at `as_of`): the screen's Ctrl+S and its entry changes.
pub fn save(ws: &mut Workspace, generation: u64, campaign: &Campaign, as_of: NaiveDate) -> Message {
    let result = edit::save(ws, campaign, as_of, &actor());
    Message::CampaignSaved {
        generation,
        result: result
            .map(|()| Box::new(campaign.clone()))
            .map_err(|e| e.to_string()),
    }
}

/// Create `campaign` through the core's use case (the name checked inside the write).
pub fn create(ws: &mut Workspace, generation: u64, campaign: &Campaign) -> Message {
    let result = edit::create(ws, campaign, &actor());
    Message::CampaignSaved {
        generation,
        result: result
            .map(|()| Box::new(campaign.clone()))
            .map_err(|e| e.to_string()),
    }
}

/// `campaign::edit::rename`; the reply carries the new name.
pub fn rename(ws: &mut Workspace, generation: u64, old: &str, new: &str) -> Message {
    Message::CampaignChanged {
        generation,
        result: edit::rename(ws, old, new, &actor())
            .map(|c| Some(c.name))
            .map_err(|e| e.to_string()),
    }
}

/// `campaign::edit::delete`; the reply carries no name.
pub fn delete(ws: &mut Workspace, generation: u64, name: &str) -> Message {
    Message::CampaignChanged {
        generation,
        result: edit::delete(ws, name, &actor())
            .map(|_| None)
            .map_err(|e| e.to_string()),
    }
}
