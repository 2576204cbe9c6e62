//! Each screen's share of the app: `tui::update` runs a screen's update code on the
//! screen's own state, the shared [`Context`], and what it reads from elsewhere (passed
//! explicitly), and then acts on what the screen asked of the rest (a popup, a reload).
//! This is the only place that hands one screen's data to another.

use crate::review::{ExportScope, ExtraField};
use crate::tui::app::{App, Popup};
use crate::tui::context::Context;
use crate::tui::message::Request;
use crate::tui::screens::export::update as export_update;
use crate::tui::screens::fields::browse;
use crate::tui::screens::fields::update as field_edit;
use crate::tui::screens::import::update as import;
use crate::tui::screens::review::update as review_update;
use crate::tui::screens::segments::update as segments_update;

/// Run `f` on the Segments screen with the shared context and what it reads from
/// elsewhere (the fields, the current campaign); then act on what it asked of the
/// others (a rename changed campaign entries: read the campaigns again).
pub(crate) fn segments(
    app: &mut App,
    f: impl FnOnce(&mut segments_update::Update<'_>) -> Vec<Request>,
) -> Vec<Request> {
    let mut u = segments_update::Update {
        segments: &mut app.segments,
        ctx: &mut app.ctx,
        fields: &app.fields.fields,
        campaign: app.campaigns.current_name(),
        campaigns_changed: false,
    };
    let mut requests = f(&mut u);
    if u.campaigns_changed && app.campaigns.loaded {
        let generation = app.ctx.next_generation();
        app.campaigns.pending_names = Some(generation);
        requests.push(Request::LoadCampaigns { generation });
    }
    requests
}

/// Run `f` on the Review screen with the shared context and what it reads from
/// elsewhere (the fields, the current campaign, the export set up on the Export
/// screen); then act on what it asked of the others (a review of another campaign
/// drops the Export screen's outcome).
pub(crate) fn in_review<R>(
    app: &mut App,
    f: impl FnOnce(&mut review_update::Update<'_>) -> R,
) -> R {
    let export = ExportScope {
        profile: app.export.profile.as_str().to_string(),
        fields: app
            .export
            .extra()
            .map(|(field, reason)| ExtraField { field, reason })
            .into_iter()
            .collect(),
    };
    let mut u = review_update::Update {
        review: &mut app.review,
        ctx: &mut app.ctx,
        fields: &app.fields.fields,
        campaign: app.campaigns.current_name(),
        category: app.campaigns.current.as_ref().map(|c| c.category),
        export,
        campaign_switched: false,
    };
    let result = f(&mut u);
    if u.campaign_switched {
        app.export.outcome = None;
    }
    result
}

/// Run `f` on the Export screen with the shared context and what it reads of the
/// Review screen: the campaign reviewed and its review.
pub(crate) fn in_export<R>(
    app: &mut App,
    f: impl FnOnce(&mut export_update::Update<'_>) -> R,
) -> R {
    f(&mut export_update::Update {
        export: &mut app.export,
        ctx: &mut app.ctx,
        campaign: app.review.campaign.as_deref(),
        review: app.review.review.as_ref(),
        reviewing: app.review.pending.is_some(),
    })
}

/// Run `f` on the Fields screen's tables with the shared context; it may show the
/// Fields screen (opening the contacts browser).
pub(crate) fn in_browse<R>(app: &mut App, f: impl FnOnce(&mut browse::Browse<'_>) -> R) -> R {
    let mut b = browse::Browse {
        fields: &mut app.fields,
        contacts: &mut app.contacts,
        ctx: &mut app.ctx,
        screen: app.screen,
    };
    let result = f(&mut b);
    app.screen = b.screen;
    result
}

/// Run `f` on the Import screen with the shared context and a way to reload the
/// fields; then show or close the popup it asked for.
pub(crate) fn in_import<R>(app: &mut App, f: impl FnOnce(&mut import::Update<'_>) -> R) -> R {
    let empty_workspace = app.is_empty_workspace();
    let (fields, contacts) = (&mut app.fields, &mut app.contacts);
    let mut refresh = |ctx: &mut Context| field_edit::refresh(fields, contacts, ctx);
    let mut u = import::Update {
        import: &mut app.import,
        ctx: &mut app.ctx,
        empty_workspace,
        refresh: &mut refresh,
        popup: None,
        data_changed: false,
    };
    let result = f(&mut u);
    let data_changed = u.data_changed;
    match u.popup {
        Some(import::PopupChange::OpenOptions) => app.popup = Some(Popup::ImportOptions),
        Some(import::PopupChange::OpenConfirmUndo) => app.popup = Some(Popup::ConfirmUndo),
        Some(import::PopupChange::Close) => app.popup = None,
        None => {}
    }
    if data_changed {
        // Worked out on the contacts before: the preview runs again when next shown, the
        // Messages screen checks and counts again (`messages::entered`).
        app.preview.computed_for = None;
        app.messages.stale = true;
    }
    result
}
