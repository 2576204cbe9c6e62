//! An explanation's assignment steps in words, for `tactful explain` and the TUI's
//! explanation alike: what each step checks ("consent", "segment") and what it did for
//! the contact ("passed", "excluded", "assigned", "not reached").
//!
//! The JSON keeps the codes (`check`: `no_segment`, `status`: `decided`); these words
//! are for people. The codes name exclusion reasons, so `no_segment DECIDED` read as if
//! a recipient had matched no segment, when step 6 had chosen its segment.

use super::assign::Exclusion;
use super::explain::{Step, StepStatus};

impl Step {
    /// What the step checks, in words (at most 17 characters, "duplicate address"):
    /// PRODUCT.md's assignment order, 1 "suppression list" to 7 "holdout".
    pub fn title(&self) -> &'static str {
        match self.check {
            Exclusion::Suppressed => "suppression list",
            Exclusion::NoConsent => "consent",
            Exclusion::Minor => "minor",
            Exclusion::NoAddress => "address",
            Exclusion::DuplicateAddress => "duplicate address",
            Exclusion::NoSegment => "segment",
            Exclusion::Holdout => "holdout",
        }
    }

    /// What the step did for a contact whose exclusion is `excluded` (an
    /// [`Explanation::excluded`](super::explain::Explanation::excluded); `None` for a
    /// recipient), in words, at most 11
    /// characters:
    /// - "passed": the contact went on to the next step;
    /// - "excluded": the contact gets nothing, for the reason this step checks;
    /// - "assigned": step 6 chose the contact's segment (the step decided, but not an
    ///   exclusion);
    /// - "not reached": an earlier step decided.
    pub fn outcome(&self, excluded: Option<Exclusion>) -> &'static str {
        match self.status {
            StepStatus::Passed => "passed",
            StepStatus::NotReached => "not reached",
            StepStatus::Decided if excluded == Some(self.check) => "excluded",
            StepStatus::Decided => "assigned",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(n: u8, check: Exclusion, status: StepStatus) -> Step {
        Step {
            step: n,
            check,
            status,
            detail: String::new(),
        }
    }

    #[test]
    fn step_six_of_a_recipient_reads_assigned_and_of_an_excluded_contact_excluded() {
        // A recipient: steps 1-5 passed, step 6 decided its segment, step 7 passed.
        let six = step(6, Exclusion::NoSegment, StepStatus::Decided);
        assert_eq!(six.outcome(None), "assigned");
        assert_eq!(six.title(), "segment");
        // A contact that matched no segment: step 6 excluded it.
        assert_eq!(six.outcome(Some(Exclusion::NoSegment)), "excluded");
    }

    #[test]
    fn the_other_statuses_read_as_they_are() {
        let consent = step(2, Exclusion::NoConsent, StepStatus::Decided);
        let after = step(3, Exclusion::Minor, StepStatus::NotReached);
        let before = step(1, Exclusion::Suppressed, StepStatus::Passed);
        let excluded = Some(Exclusion::NoConsent);
        assert_eq!(consent.outcome(excluded), "excluded");
        assert_eq!(after.outcome(excluded), "not reached");
        assert_eq!(before.outcome(excluded), "passed");
        assert_eq!(consent.title(), "consent");
    }
}
