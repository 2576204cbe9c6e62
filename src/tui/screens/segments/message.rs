//! The Segments screen's messages and worker jobs, as data: [`SegmentsMsg`] (user intents
//! and worker replies, carried by `Message::Segments`) and [`SegmentJob`] (work for the
//! job runner, carried by `Request::Segments`).
//!
//! Kept apart from `message` so the screen's vocabulary sits in one place. Replies carry
//! the generation of the job they answer; `screens::segments::update` drops stale ones.

use chrono::NaiveDate;

use crate::segment::RuleError;
use crate::segment::store::Segment;
use crate::segment::values::TopValues;
use crate::tui::widgets::text_input::TextEdit;

/// What happens on the Segments screen.
#[derive(Debug, Clone, PartialEq)]
pub enum SegmentsMsg {
    /// Open the editor on an empty rule.
    NewSegment,
    /// Open the editor on the selected segment.
    EditSelected,
    /// Open a new segment straight in the condition builder.
    BuildNew,
    /// Open the rename dialog on the selected segment.
    AskRename,
    /// Ask whether to delete the selected segment.
    AskDelete,
    /// Delete it: the answer "yes".
    ConfirmDelete,
    /// Close the delete question without deleting.
    CancelDialog,
    /// Show the overlap matrix of all segments.
    ShowOverlap,
    /// Back from the overlap matrix to the list.
    ShowList,
    /// Read the segments (and fields) again and recount.
    Reload,
    /// Change the focused input of the editor or the builder's value.
    Edit(TextEdit),
    /// Complete the field name under the cursor (again: the next candidate).
    Complete,
    /// A line break in the rule (Alt+Enter, Ctrl+J).
    NewLine,
    /// Clear the line the cursor is on (Ctrl+U).
    ClearLine,
    /// Drop the editor's unsaved changes: the answer "yes" to Esc's question.
    ConfirmDiscard,
    /// Go on editing: the answer "no" to Esc's question.
    KeepEditing,
    /// Focus the next / previous input of the editor.
    NextInput,
    PreviousInput,
    /// Enter in the editor: next input, or save from the name and description.
    Submit,
    /// Save the segment being edited.
    Save,
    /// Close the editor, dropping its changes (or close the completion list first).
    Cancel,
    /// Open the condition builder over the editor.
    OpenBuilder,
    /// Check the rule in the current campaign's scope (its unlocks apply), or outside
    /// any campaign again.
    ToggleScope,
    /// Move the builder's selection by this many rows.
    BuilderMove(i8),
    /// Enter in the builder: take the choice and go to the next step.
    BuilderNext,
    /// Esc in the builder: back one step, or close it from the first.
    BuilderBack,
    /// Tab in the builder: join the condition with `or` instead of `and`, or back.
    BuilderJoin,
    /// Ctrl+N in the builder: write the condition with `not`, or without again.
    BuilderNot,
    /// Reply: the saved segments, by name.
    ListLoaded {
        generation: u64,
        result: Result<Vec<Segment>, String>,
    },
    /// Reply: each saved segment's reach.
    ReachesCounted {
        generation: u64,
        result: Result<ListReaches, String>,
    },
    /// Reply: the reach of the rule being edited, or why it has none.
    ReachCounted {
        generation: u64,
        result: Result<Reach, RuleProblem>,
    },
    /// Reply: the segment was saved, or why not.
    Saved {
        generation: u64,
        result: Result<Segment, RuleProblem>,
    },
    /// Reply: segment `name` was deleted, or why not.
    Deleted {
        generation: u64,
        name: String,
        result: Result<(), String>,
    },
    /// Reply: a segment was renamed (the new name and the campaigns whose entries
    /// followed), or why not.
    Renamed {
        generation: u64,
        result: Result<(String, Vec<String>), String>,
    },
    /// Reply: the most common values of `field`, for suggestions.
    ValuesLoaded {
        generation: u64,
        field: String,
        result: Result<TopValues, String>,
    },
    /// Reply: the overlap matrix.
    OverlapCounted {
        generation: u64,
        result: Result<Overlap, String>,
    },
}

/// How many contacts a rule matches, out of the whole audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    pub reach: u64,
    pub audience: u64,
}

/// Why a rule has no reach or could not be saved.
#[derive(Debug, Clone, PartialEq)]
pub enum RuleProblem {
    /// The rule does not parse or check. `blocked` is true when the privacy policy
    /// refused a field (special category data or a protected trait).
    Rule { error: RuleError, blocked: bool },
    /// Anything else (a blank or taken name, a workspace error), as a sentence.
    Other(String),
}

/// The reach of every saved segment, by name (an error when a saved rule no longer
/// checks, e.g. a field was reclassified since), measured as `tactful segment list`
/// does (`campaign::segment_scope`): a rule that checks only in a campaign's scope is
/// counted there.
#[derive(Debug, Clone, PartialEq)]
pub struct ListReaches {
    pub audience: u64,
    pub reaches: Vec<(String, Result<u64, String>)>,
    /// The campaign whose scope each campaign-scoped segment was counted in, by
    /// segment name; segments that check outside any campaign are not listed.
    pub scopes: Vec<(String, String)>,
    /// The day relative rules counted from outside any campaign (the global `--as-of`,
    /// else today).
    pub as_of: chrono::NaiveDate,
    /// Campaign-scoped segments counted on another day (their campaign's as-of date),
    /// by segment name.
    pub dates: Vec<(String, chrono::NaiveDate)>,
}

/// The pairwise overlap of saved segments: `matrix[i][j]` contacts are in both
/// `names[i]` and `names[j]`; the diagonal is each one's reach.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlap {
    pub names: Vec<String>,
    pub matrix: Vec<Vec<u64>>,
    /// Segments left out, with the reason (the rule no longer checks, or past the
    /// most one matrix can compare).
    pub left_out: Vec<(String, String)>,
}

/// Work for the job runner (`tui::jobs`). Reads of the same kind supersede older ones
/// (the running one is interrupted); saves and deletes always run, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum SegmentJob {
    /// Read the saved segments.
    List { generation: u64 },
    /// Count the reach of every saved segment.
    CountReaches {
        generation: u64,
        as_of: Option<NaiveDate>,
    },
    /// Check and count an unsaved rule; in campaign `campaign`'s scope when given (its
    /// category and unlocks apply, and its as-of date when `as_of` is not given).
    Reach {
        generation: u64,
        rule: String,
        as_of: Option<NaiveDate>,
        campaign: Option<String>,
    },
    /// Count the overlap matrix of the saved segments.
    Overlap {
        generation: u64,
        as_of: Option<NaiveDate>,
    },
    /// Save a new segment (`original` is `None`) or change segment `original`'s rule and
    /// description.
    Save {
        generation: u64,
        original: Option<String>,
        name: String,
        rule: String,
        description: String,
        as_of: Option<NaiveDate>,
        /// Check the rule in this campaign's scope (as `segment add --campaign`).
        campaign: Option<String>,
    },
    /// Delete a segment.
    Delete { generation: u64, name: String },
    /// Read the most common values of `field` (with its unlock in `campaign`'s scope
    /// when given), for suggestions while a value is typed.
    Values {
        generation: u64,
        field: String,
        campaign: Option<String>,
    },
    /// Rename segment `old` to `new`, with the campaign entries that use it.
    Rename {
        generation: u64,
        old: String,
        new: String,
    },
}

impl SegmentJob {
    /// The generation this job was made in.
    pub fn generation(&self) -> u64 {
        match self {
            SegmentJob::List { generation }
            | SegmentJob::CountReaches { generation, .. }
            | SegmentJob::Reach { generation, .. }
            | SegmentJob::Overlap { generation, .. }
            | SegmentJob::Save { generation, .. }
            | SegmentJob::Delete { generation, .. }
            | SegmentJob::Rename { generation, .. }
            | SegmentJob::Values { generation, .. } => *generation,
        }
    }

    /// True for saves, renames and deletes, which are never dropped for a newer job.
    pub fn writes(&self) -> bool {
        matches!(
            self,
            SegmentJob::Save { .. } | SegmentJob::Delete { .. } | SegmentJob::Rename { .. }
        )
    }
}
