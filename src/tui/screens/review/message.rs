//! The Review screen's messages, as data: [`ReviewMsg`] (user intents and the review
//! worker's replies, carried by `Message::Review`) and [`Reviewed`] (one review as the
//! screen shows it). Replies carry the generation of the job they answer;
//! [`super::update`] drops stale ones. The jobs themselves are in [`super::jobs`].

use crate::campaign::Unlock;
use crate::export::Profile;
use crate::review::Review;
use crate::workspace::exports::SignOff;

/// What happens on the Review screen.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewMsg {
    /// Run the review of the current campaign again.
    Rerun,
    /// Show or hide the items of the selected finding.
    ToggleItems,
    /// Open the unlock dialog (on the field the selected finding names, if any).
    OpenUnlock,
    /// Open the sign-off dialog (refused while a blocker is open).
    OpenSignOff,
    /// Move the dialog's choice of field by this many rows.
    MoveChoice(i8),
    /// Enter in a dialog: next step or input, or send it from the last.
    Confirm,
    /// Tab in the sign-off dialog: the other input.
    NextInput,
    /// Esc: close the dialog, dropping what was typed.
    CloseDialog,
    /// Reply: the campaign reviewed and its review.
    Reviewed {
        generation: u64,
        result: Result<Box<Reviewed>, String>,
    },
    /// Reply: the field was unlocked (and audited), or why not.
    Unlocked {
        generation: u64,
        result: Result<Unlock, String>,
    },
    /// Reply: the sign-off was recorded, or why not.
    SignedOff {
        generation: u64,
        result: Result<Box<SignOff>, String>,
    },
}

/// A review as the Review and Export screens show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Reviewed {
    /// The campaign reviewed; `None` when the workspace has none.
    pub campaign: Option<String>,
    pub review: Option<Review>,
    /// The columns each profile would write without added fields.
    pub columns: Vec<(Profile, Vec<String>)>,
    /// Fields the campaign unlocked.
    pub unlocked: Vec<String>,
}
