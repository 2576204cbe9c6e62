//! The Segments screen's messages and worker jobs, as data: [`SegmentsMsg`] (user intents
//! and worker replies, carried by `Message::Segments`) and [`SegmentJob`] (work for the
//! segments worker thread, carried by `Request::Segments`).
//!
//! Kept apart from `message` so the screen's vocabulary sits in one place. Replies carry
//! the generation of the job they answer; `screens::segments::update` drops stale ones.

use chrono::NaiveDate;

use crate::segment::RuleError;
use crate::segment::store::Segment;
use crate::tui::widgets::line_input::InputEdit;

/// What happens on the Segments screen.
#[derive(Debug, Clone, PartialEq)]
pub enum SegmentsMsg {
    /// Open the editor on an empty rule.
    NewSegment,
    /// Open the editor on the selected segment.
    EditSelected,
    /// Open a new segment straight in the condition builder.
    BuildNew,
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
    Edit(InputEdit),
    /// Complete the field name under the cursor (again: the next candidate).
    Complete,
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
    /// Move the builder's selection by this many rows.
    BuilderMove(i8),
    /// Enter in the builder: take the choice and go to the next step.
    BuilderNext,
    /// Esc in the builder: back one step, or close it from the first.
    BuilderBack,
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
/// checks, e.g. a field was reclassified since).
#[derive(Debug, Clone, PartialEq)]
pub struct ListReaches {
    pub audience: u64,
    pub reaches: Vec<(String, Result<u64, String>)>,
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

/// Work for the segments worker thread. Reads of the same kind supersede older ones
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
    /// Check and count an unsaved rule.
    Reach {
        generation: u64,
        rule: String,
        as_of: Option<NaiveDate>,
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
    },
    /// Delete a segment.
    Delete { generation: u64, name: String },
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
            | SegmentJob::Delete { generation, .. } => *generation,
        }
    }

    /// True for saves and deletes, which are never dropped for a newer job.
    pub fn writes(&self) -> bool {
        matches!(self, SegmentJob::Save { .. } | SegmentJob::Delete { .. })
    }
}
