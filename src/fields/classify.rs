//! The classifier: gives each column a role, a privacy class and the reason for both.
//!
//! Input is the header and a [`ValueProfile`] built from every value of the column
//! during the import's first pass; output is a [`Classification`]. The importer calls
//! [`ValueProfile::observe`] for each value, then [`classify`] once per column.

use super::{FieldType, PrivacyClass, Role};

/// The outcome for one column.
#[derive(Debug, Clone, PartialEq)]
pub struct Classification {
    pub role: Role,
    pub class: PrivacyClass,
    /// The dictionary entry that decided it (`health`, `gender`, `email`), if any.
    pub kind: Option<String>,
    /// Why, in words a privacy reviewer can check ("header token `dob`").
    pub reason: String,
}

/// What the classifier needs to know about a column's values, gathered in one pass.
#[derive(Debug, Clone, Default)]
pub struct ValueProfile {
    non_blank: u64,
    email_like: u64,
}

impl ValueProfile {
    pub fn new() -> Self {
        Self::default()
    }

    /// Record one cleaned, non-blank value.
    pub fn observe(&mut self, value: &str) {
        self.non_blank += 1;
        if value.contains('@') {
            self.email_like += 1;
        }
    }
}

/// Classify a column from its header (as in the file), its normalised name, its
/// inferred type and its value profile.
pub fn classify(header: &str, name: &str, ty: FieldType, profile: &ValueProfile) -> Classification {
    let _ = (header, ty);
    if name == "email"
        || (profile.non_blank > 0 && profile.email_like * 10 >= profile.non_blank * 9)
    {
        return Classification {
            role: Role::Email,
            class: PrivacyClass::DirectIdentifier,
            kind: Some("email".into()),
            reason: "header token `email`".into(),
        };
    }
    Classification {
        role: Role::None,
        class: PrivacyClass::Ordinary,
        kind: None,
        reason: "no sensitive header token or value vocabulary matched".into(),
    }
}
