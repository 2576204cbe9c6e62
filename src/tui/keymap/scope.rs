//! The scopes of the keymap: the places a binding can apply (a screen, a mode of it, a
//! popup, any text input), their headings in the help popup, and which of them apply in
//! the app's current state, most specific first. Split from [`super`], whose [`super::map`]
//! tries the bindings of the active scopes in order.

use crate::tui::app::{App, Popup};
use crate::tui::message::Screen;
use crate::tui::screens::audit::AuditMode;
use crate::tui::screens::contact::ContactMode;
use crate::tui::screens::export::ExportMode;
use crate::tui::screens::fields::FieldsView;
use crate::tui::screens::fields::dialog::Step;
use crate::tui::screens::messages::Focus;
use crate::tui::screens::review::ReviewMode;
use crate::tui::screens::segments::SegmentsMode;
use crate::tui::screens::suppression::SuppressionMode;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every screen, when no popup is open.
    Global,
    /// Screens showing a table (the field list, the contacts browser).
    Table,
    /// The field list.
    FieldList,
    /// The contacts browser.
    Contacts,
    /// The Import screen, when the path input does not have the keyboard.
    Import,
    /// The Import screen's path input.
    PathInput,
    /// Any text input (the path, a reason).
    TextInput,
    /// The import options form.
    ImportOptions,
    /// The undo question.
    ConfirmUndo,
    /// The class and role dialog, picking.
    FieldDialog,
    /// The class and role dialog, typing the reason.
    FieldReason,
    /// The help popup.
    Help,
    /// The quit question.
    ConfirmQuit,
    /// The campaign picker.
    CampaignPicker,
    /// The Messages screen's entry list.
    MessageEntries,
    /// The Messages screen's subject editor.
    SubjectEditor,
    /// The Messages screen's body editor.
    BodyEditor,
    /// The merge-field list.
    MergeFields,
    /// The merge-field list, typing the chosen field's fallback.
    MergeFallback,
    /// The new-campaign dialog.
    NewCampaign,
    /// The list of segments to add an entry for.
    AddEntry,
    ConfirmDeleteCampaign,
    /// The campaign settings dialog.
    CampaignSettings,
    /// The Preview screen.
    Preview,
    /// The Preview screen's search input.
    PreviewSearch,
    /// The explanation popup.
    Explanation,
    /// The segment list.
    SegmentList,
    /// The delete question on the segment list.
    DeleteSegment,
    /// The segment rename dialog.
    RenameSegment,
    /// The overlap matrix.
    SegmentOverlap,
    /// The segment editor.
    SegmentEditor,
    /// "Drop the unsaved changes?" in the segment editor.
    DiscardSegment,
    /// The condition builder.
    ConditionBuilder,
    /// The segment editor's inputs and the builder's value.
    SegmentText,
    /// The Review screen's findings.
    Review,
    /// The unlock dialog, picking the field.
    UnlockField,
    /// The unlock dialog's justification and the sign-off dialog.
    ReviewDialog,
    /// The Export screen's form.
    Export,
    /// The Export screen, typing into a row.
    ExportText,
    /// The export and overwrite questions.
    ExportConfirm,
    /// The screens that open a path input with the path's first character (Import,
    /// the suppression list), while the input is closed.
    PathStart,
    /// The suppression list screen.
    Suppression,
    /// The suppression list screen, typing the path of a file.
    SuppressionPath,
    /// The suppression list screen, reading an import's report.
    SuppressionReport,
    /// The audit log screen.
    Audit,
    /// The audit log screen, one entry shown whole.
    AuditEntry,
    /// The contact screen.
    Contact,
    /// The contact screen, typing a key.
    ContactKey,
    /// "Erase this contact?"
    ConfirmErase,
}

impl Scope {
    /// Heading in the help popup.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Table => "Tables",
            Scope::FieldList => "Field list",
            Scope::Contacts => "Contacts",
            Scope::Import => "Import screen",
            Scope::PathInput => "Import: typing a path",
            Scope::TextInput => "Typing text",
            Scope::ImportOptions => "Import options",
            Scope::ConfirmUndo => "Undo question",
            Scope::FieldDialog => "Change a field",
            Scope::FieldReason => "Change a field: reason",
            Scope::Help => "This help",
            Scope::ConfirmQuit => "Quit question",
            Scope::CampaignPicker => "Campaign picker",
            Scope::MessageEntries => "Messages screen",
            Scope::SubjectEditor => "Messages: editing the subject",
            Scope::BodyEditor => "Messages: editing the body",
            Scope::MergeFields => "Merge fields",
            Scope::MergeFallback => "Merge fields: typing the fallback",
            Scope::NewCampaign => "New campaign",
            Scope::AddEntry => "Add a segment",
            Scope::ConfirmDeleteCampaign => "Delete campaign?",
            Scope::CampaignSettings => "Campaign settings",
            Scope::Preview => "Preview screen",
            Scope::PreviewSearch => "Preview: typing a search",
            Scope::Explanation => "Explanation",
            Scope::SegmentList => "Segment list",
            Scope::DeleteSegment => "Delete question",
            Scope::RenameSegment => "Rename segment",
            Scope::SegmentOverlap => "Overlap matrix",
            Scope::SegmentEditor => "Segment editor",
            Scope::DiscardSegment => "Drop changes?",
            Scope::ConditionBuilder => "Condition builder",
            Scope::SegmentText => "Segments: typing",
            Scope::Review => "Review screen",
            Scope::UnlockField => "Unlock: pick a field",
            Scope::ReviewDialog => "Unlock / sign-off dialog",
            Scope::Export => "Export screen",
            Scope::ExportText => "Export: typing",
            Scope::ExportConfirm => "Export questions",
            Scope::PathStart => "Typing a path straight away",
            Scope::Suppression => "Suppression list screen",
            Scope::SuppressionPath => "Suppression list: typing a path",
            Scope::SuppressionReport => "Suppression list: import report",
            Scope::Audit => "Audit log screen",
            Scope::AuditEntry => "Audit log: one entry",
            Scope::Contact => "Contact screen",
            Scope::ContactKey => "Contact: typing a key",
            Scope::ConfirmErase => "Erase question",
        }
    }
}

/// The scopes that apply now, most specific first.
pub fn active_scopes(app: &App) -> Vec<Scope> {
    match app.popup {
        Some(Popup::Help) => vec![Scope::Help],
        Some(Popup::ConfirmQuit) => vec![Scope::ConfirmQuit],
        Some(Popup::ImportOptions) => vec![Scope::ImportOptions],
        Some(Popup::ConfirmUndo) => vec![Scope::ConfirmUndo],
        Some(Popup::FieldEdit) => match app.fields.edit.as_ref().map(|e| e.step) {
            Some(Step::Reason) => vec![Scope::FieldReason, Scope::TextInput],
            _ => vec![Scope::FieldDialog],
        },
        Some(Popup::CampaignPicker) => vec![Scope::CampaignPicker],
        Some(Popup::MergeFields) if app.messages.merge_fallback.is_some() => {
            vec![Scope::MergeFallback, Scope::TextInput]
        }
        Some(Popup::MergeFields) => vec![Scope::MergeFields],
        Some(Popup::Explanation) => vec![Scope::Explanation],
        Some(Popup::NewCampaign) => vec![Scope::NewCampaign, Scope::TextInput],
        Some(Popup::AddEntry) => vec![Scope::AddEntry],
        Some(Popup::ConfirmDeleteCampaign) => vec![Scope::ConfirmDeleteCampaign],
        Some(Popup::CampaignSettings) => vec![Scope::CampaignSettings, Scope::TextInput],
        None => screen_scopes(app),
    }
}

/// The scopes of the screen showing, most specific first, as if no popup were open
/// (the help popup lists their keys first).
pub fn screen_scopes(app: &App) -> Vec<Scope> {
    match app.screen {
        Screen::Messages => match app.messages.focus {
            Focus::Entries => vec![Scope::MessageEntries, Scope::Global],
            Focus::Subject => vec![Scope::SubjectEditor, Scope::TextInput],
            Focus::Body => vec![Scope::BodyEditor, Scope::TextInput],
        },
        Screen::Preview => {
            if app.preview.searching {
                vec![Scope::PreviewSearch, Scope::TextInput]
            } else {
                vec![Scope::Preview, Scope::Table, Scope::Global]
            }
        }
        Screen::Import => {
            if app.import.editing {
                vec![Scope::PathInput, Scope::TextInput]
            } else {
                vec![Scope::Import, Scope::PathStart, Scope::Table, Scope::Global]
            }
        }
        Screen::Fields => match app.fields.view {
            FieldsView::List => vec![Scope::FieldList, Scope::Table, Scope::Global],
            FieldsView::Contacts => vec![Scope::Contacts, Scope::Table, Scope::Global],
        },
        Screen::Segments => match app.segments.mode() {
            SegmentsMode::List => vec![Scope::SegmentList, Scope::Table, Scope::Global],
            SegmentsMode::ConfirmDelete => vec![Scope::DeleteSegment],
            SegmentsMode::Rename => vec![Scope::RenameSegment, Scope::SegmentText],
            SegmentsMode::Overlap => vec![Scope::SegmentOverlap, Scope::Table, Scope::Global],
            SegmentsMode::Editor => vec![Scope::SegmentEditor, Scope::SegmentText],
            SegmentsMode::Builder => vec![Scope::ConditionBuilder, Scope::SegmentText],
            SegmentsMode::ConfirmDiscard => vec![Scope::DiscardSegment],
        },
        Screen::Review => match app.review.mode() {
            ReviewMode::List => vec![Scope::Review, Scope::Table, Scope::Global],
            ReviewMode::UnlockField => vec![Scope::UnlockField],
            ReviewMode::UnlockReason | ReviewMode::SignOff => {
                vec![Scope::ReviewDialog, Scope::TextInput]
            }
        },
        Screen::Export => match app.export.mode() {
            ExportMode::Form => vec![Scope::Export, Scope::Global],
            ExportMode::Typing => vec![Scope::ExportText, Scope::TextInput],
            ExportMode::Confirm => vec![Scope::ExportConfirm],
        },
        Screen::Suppression => match app.suppression.mode {
            SuppressionMode::List => vec![Scope::Suppression, Scope::PathStart, Scope::Global],
            SuppressionMode::Typing => vec![Scope::SuppressionPath, Scope::TextInput],
            SuppressionMode::Report => {
                vec![Scope::SuppressionReport, Scope::PathStart, Scope::Global]
            }
        },
        Screen::Audit => match app.audit.mode {
            AuditMode::List => vec![Scope::Audit, Scope::Global],
            AuditMode::Entry => vec![Scope::AuditEntry, Scope::Global],
        },
        Screen::Contact => match app.contact.mode {
            ContactMode::View => vec![Scope::Contact, Scope::Global],
            ContactMode::Typing => vec![Scope::ContactKey, Scope::TextInput],
            ContactMode::ConfirmErase => vec![Scope::ConfirmErase],
        },
    }
}
