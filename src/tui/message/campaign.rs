//! The campaign screens' intents: the Messages screen (its editors, entries and the
//! campaign itself), the Preview screen (filters, search, explanation) and the picker
//! and dialogs they open. Nested in [`super::Message::Campaign`], as the Segments,
//! Review and Export screens' intents are in theirs, so `tui::update` names them once.

use crate::tui::widgets::text_area::AreaEdit;

/// An intent of the campaign screens (see the module doc).
#[derive(Debug, Clone, PartialEq)]
pub enum CampaignMsg {
    /// Choose the campaign the Messages and Preview screens work on (opens the picker).
    OpenCampaignPicker,
    /// Leave the screen's text editor or search, keeping what was typed.
    LeaveEditor,
    /// Edit the selected campaign entry's subject.
    EditSubject,
    /// Edit the selected campaign entry's body.
    EditBody,
    /// A line break or a move up or down in the body editor.
    EditLines(AreaEdit),
    /// Check the campaign's messages and save them.
    SaveMessages,
    /// Drop the message edits not yet saved.
    DiscardEdits,
    /// Open the list of merge fields to insert one.
    OpenMergeFields,
    /// Open the dialog creating a campaign (name and channel).
    NewCampaign,
    /// Open the list of saved segments to add an entry for.
    AddEntry,
    /// Remove the selected entry from the campaign and save.
    RemoveEntry,
    /// Move the selected entry one place up (`true`: higher priority) or down, and save.
    MoveEntry { up: bool },
    /// Open the dialog renaming the current campaign.
    RenameCampaign,
    /// Open the current campaign's settings (channel, category, holdout, k, as-of,
    /// minor age).
    OpenSettings,
    /// Ask whether to delete the current campaign.
    AskDeleteCampaign,
    /// Delete the current campaign (after the question).
    ConfirmDeleteCampaign,
    /// New-campaign dialog: switch between e-mail and SMS.
    ToggleChannel,
    /// Render the message for the next contact in `_id` order.
    NextContact,
    /// Render the message for the previous contact in `_id` order.
    PreviousContact,
    /// Preview: show the next segment only (then all again).
    CycleSegmentFilter,
    /// Preview: show recipients, then each exclusion reason, then all again.
    CycleReasonFilter,
    /// Preview: type a search over keys and addresses.
    StartSearch,
    /// Preview: explain the selected contact's assignment.
    ExplainContact,
    /// Preview: show every contact again (no filter, no search).
    ClearFilters,
}
