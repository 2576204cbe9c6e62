//! Which screen answers a [`Request`], on which [`Lane`] and of which kind: the table
//! the runner schedules by. The answers themselves are the screens' own
//! (`screens/<screen>/jobs.rs`).

use super::{Context, Lane, Schedule};
use crate::tui::message::{Job, Message, Request};
use crate::tui::screens::audit::jobs as audit;
use crate::tui::screens::campaign_picker::jobs as picker;
use crate::tui::screens::campaign_settings::jobs as settings;
use crate::tui::screens::contact::jobs as contact;
use crate::tui::screens::export::jobs as export;
use crate::tui::screens::fields::jobs as fields;
use crate::tui::screens::import::jobs as import;
use crate::tui::screens::messages::jobs as messages;
use crate::tui::screens::preview::jobs as preview;
use crate::tui::screens::review::jobs::{self as review, ReviewJob};
use crate::tui::screens::segments::jobs as segments;
use crate::tui::screens::segments::message::SegmentJob;
use crate::tui::screens::suppression::jobs as suppression;
use crate::workspace::Workspace;

impl Schedule for Request {
    fn generation(&self) -> u64 {
        Request::generation(self)
    }

    fn lane(&self) -> Lane {
        match self {
            Request::LoadFields { .. }
            | Request::LoadPage { .. }
            | Request::CompletePath { .. }
            | Request::LoadCampaigns { .. }
            | Request::LoadCampaign { .. }
            | Request::LoadSample { .. }
            | Request::Suppression(_)
            | Request::Audit(_)
            | Request::Contact(_) => Lane::Quick,
            Request::CountContacts { .. } => Lane::Count,
            Request::Coverage { .. } => Lane::Coverage,
            Request::RunPreview { .. }
            | Request::LoadPreviewPage { .. }
            | Request::CountPreview { .. }
            | Request::Explain { .. } => Lane::Preview,
            Request::Segments(job) if !job.writes() => Lane::Segments,
            Request::Review(ReviewJob::Run { .. }) => Lane::Review,
            // What an import would detect and the batches follow the imports and undos
            // sent before them.
            Request::DetectImport { .. }
            | Request::LoadBatches { .. }
            | Request::Write { .. }
            | Request::Segments(_)
            | Request::Review(_)
            | Request::Export(_) => Lane::Writer,
        }
    }

    fn kind(&self) -> Option<&'static str> {
        Some(match self {
            Request::LoadFields { .. } => "fields",
            Request::LoadPage { .. } => "contacts page",
            Request::CountContacts { .. } => "contacts count",
            Request::CompletePath { .. } => "path completion",
            Request::DetectImport { .. } => "import detection",
            Request::LoadBatches { .. } => "import batches",
            Request::LoadCampaigns { .. } => "campaign names",
            Request::LoadCampaign { .. } => "campaign",
            Request::LoadSample { .. } => "sample contact",
            Request::Suppression(_) => "suppression page",
            Request::Audit(_) => "audit page",
            Request::Contact(_) => "contact record",
            Request::Coverage { .. } => "coverage",
            Request::RunPreview { .. } => "preview",
            Request::LoadPreviewPage { .. } => "preview page",
            Request::CountPreview { .. } => "preview count",
            Request::Explain { .. } => "explanation",
            Request::Segments(job) => match job {
                SegmentJob::List { .. } => "segment list",
                SegmentJob::CountReaches { .. } => "segment reaches",
                SegmentJob::Reach { .. } => "rule reach",
                SegmentJob::Overlap { .. } => "segment overlap",
                SegmentJob::Values { .. } => "field values",
                SegmentJob::Save { .. } | SegmentJob::Delete { .. } | SegmentJob::Rename { .. } => {
                    return None;
                }
            },
            Request::Review(ReviewJob::Run { .. }) => "review",
            Request::Write { .. } | Request::Review(_) | Request::Export(_) => return None,
        })
    }
}

/// Run `request` on `ws` through the screen it belongs to, and make its reply (`None`
/// for an interrupted or stopped read). The runner's [`super::Execute`] for the app.
pub fn execute(
    ws: &mut Workspace,
    request: &Request,
    context: &mut Context<'_, Request>,
) -> Option<Message> {
    match request {
        Request::Write { generation, job } => Some(write(ws, *generation, job, context)),
        Request::Segments(job) => segments::answer(ws, job),
        Request::Review(job) => review::answer(ws, job, context.kept()),
        Request::Export(job) => Some(export::answer(ws, job)),
        Request::RunPreview { .. } => preview::run(ws, request, context),
        Request::Coverage { .. } => messages::coverage(ws, request, &|| !context.superseded()),
        read => self::read(ws, read),
    }
}

/// Answer a request that only reads (`None` for changes, which need [`answer`], and
/// for an interrupted read). A preview run here sends no progress.
pub fn read(ws: &Workspace, request: &Request) -> Option<Message> {
    match request {
        Request::LoadFields { .. } | Request::LoadPage { .. } | Request::CountContacts { .. } => {
            fields::read(ws, request)
        }
        Request::CompletePath { .. }
        | Request::DetectImport { .. }
        | Request::LoadBatches { .. } => import::read(ws, request),
        Request::LoadCampaigns { .. } | Request::LoadCampaign { .. } => picker::read(ws, request),
        Request::LoadSample { .. } => messages::sample(ws, request),
        Request::Coverage { .. } => messages::coverage(ws, request, &|| true),
        Request::RunPreview { .. }
        | Request::LoadPreviewPage { .. }
        | Request::CountPreview { .. }
        | Request::Explain { .. } => preview::read(ws, request),
        Request::Segments(job) => segments::read(ws, job),
        Request::Review(job) => review::read(ws, job, None),
        Request::Suppression(job) => Some(suppression::read(ws, job)),
        Request::Audit(job) => Some(audit::read(ws, job)),
        Request::Contact(job) => Some(contact::read(ws, job)),
        Request::Write { .. } | Request::Export(_) => None,
    }
}

/// Run any request on `ws` at once, outside the runner (never superseded): changes as
/// the writer would, with their progress to `emit`, reads through [`read`]. The tests'
/// synchronous stand-in for the lanes.
pub fn answer(
    ws: &mut Workspace,
    request: &Request,
    emit: &mut dyn FnMut(Message),
) -> Option<Message> {
    match request {
        Request::Write { .. } | Request::Segments(_) | Request::Review(_) | Request::Export(_) => {
            execute(ws, request, &mut Context::detached(emit))
        }
        other => read(ws, other),
    }
}

/// Run one change against `ws` through the screen it belongs to and make its reply;
/// progress goes out through `context` on the way.
fn write(
    ws: &mut Workspace,
    generation: u64,
    job: &Job,
    context: &mut Context<'_, Request>,
) -> Message {
    match job {
        Job::Import(plan) => import::import(ws, generation, plan, &mut |m| context.emit(m)),
        Job::UndoLatest => import::undo(ws, generation),
        Job::SetField {
            name,
            class,
            role,
            reason,
        } => fields::set(ws, generation, name, (*class, *role), reason),
        Job::SaveCampaign { campaign, as_of } => messages::save(ws, generation, campaign, *as_of),
        Job::CreateCampaign(campaign) => messages::create(ws, generation, campaign),
        Job::RenameCampaign { old, new } => messages::rename(ws, generation, old, new),
        Job::DeleteCampaign(name) => messages::delete(ws, generation, name),
        Job::SetCampaign {
            name,
            settings: values,
            as_of,
        } => settings::set(ws, generation, name, values, *as_of),
        Job::Suppress(path) => suppression::import(ws, generation, path),
        Job::EraseContact(key) => contact::erase(ws, generation, key),
    }
}
