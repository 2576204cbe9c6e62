//! The default privacy policy: where each privacy class may be used, and how an
//! unlock changes that.
//!
//! Source of the rules: PRODUCT.md, "Privacy classes and the default policy". Special
//! category data (GDPR Art. 9(1)) and protected traits are blocked from segment rules and
//! message text unless the campaign unlocks the field with a written justification.
//! Neither can be unlocked in housing, employment, credit or politics campaigns: ad
//! platforms' special ad categories forbid targeting by protected traits there (Meta
//! "Special Ad Categories", Google "Personalized advertising" policy), both platforms
//! forbid targeting by sensitive categories such as health, religion, ethnicity or
//! sexual orientation in any ad, and anti-discrimination law (US FHA, ECOA, Title VII;
//! EU Directive 2000/43/EC) covers race, religion and disability in exactly these
//! domains (issue 10, item 4).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{Field, ParseNameError, PrivacyClass};

/// Shortest written justification, in visible characters (see [`crate::written`]).
pub use crate::written::MIN_JUSTIFICATION_CHARS;

/// Where a field is being used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Usage {
    /// In a segment rule (targeting or exclusion).
    Rule,
    /// As a merge field in a subject or body.
    MessageText,
}

impl Usage {
    fn phrase(self) -> &'static str {
        match self {
            Usage::Rule => "in segment rules",
            Usage::MessageText => "in message text",
        }
    }
}

/// A campaign's category. Housing, employment, credit and politics follow the special ad
/// categories of the large ad platforms: protected traits and special category data may
/// not be used at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    #[default]
    General,
    Housing,
    Employment,
    Credit,
    Politics,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::General,
        Category::Housing,
        Category::Employment,
        Category::Credit,
        Category::Politics,
    ];

    /// True for the special ad categories, where protected traits and special category
    /// data can never be unlocked.
    pub fn is_special_ad_category(self) -> bool {
        self != Category::General
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Category::General => "general",
            Category::Housing => "housing",
            Category::Employment => "employment",
            Category::Credit => "credit",
            Category::Politics => "politics",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Category {
    type Err = ParseNameError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Category::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| ParseNameError {
                what: "campaign category",
                given: s.to_string(),
                expected: Category::ALL.map(Category::as_str).join(", "),
            })
    }
}

/// Why a field may not be used where it was asked for. The message says what the field
/// is, why it is blocked and how to unlock it, if it can be unlocked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Blocked {
    pub field: String,
    pub class: PrivacyClass,
    pub usage: Usage,
    /// False when no unlock can help (a protected trait or special category data in a
    /// special ad category).
    pub unlockable: bool,
    pub message: String,
}

/// Decide whether `field` may be used for `usage` in a campaign of `category` (`None`
/// outside any campaign), given whether the campaign unlocked it.
///
/// Errors: [`Blocked`] with a sentence naming the field, its class and the way out.
pub fn check_use(
    field: &Field,
    usage: Usage,
    category: Option<Category>,
    unlocked: bool,
) -> Result<(), Blocked> {
    if !field.class.is_blocked_by_default() {
        return Ok(());
    }
    let what = match &field.kind {
        Some(kind) => format!("{} ({kind})", field.class.label()),
        None => field.class.label().to_string(),
    };
    let law = match field.class {
        PrivacyClass::SpecialCategory => "special category data, GDPR Art. 9(1)",
        _ => "a protected trait under anti-discrimination law",
    };
    if let Some(cat) = category.filter(|c| c.is_special_ad_category()) {
        return Err(Blocked {
            field: field.name.clone(),
            class: field.class,
            usage,
            unlockable: false,
            message: format!(
                "field `{}` is a {what} and cannot be used {} in a {cat} campaign, not even with an unlock (special ad category)",
                field.name,
                usage.phrase()
            ),
        });
    }
    if unlocked {
        return Ok(());
    }
    let how = match category {
        Some(_) => format!(
            "to use it, unlock it for this campaign: tactful unlock CAMPAIGN {} --reason \"why this is necessary\"",
            field.name
        ),
        None => format!(
            "it can only be used in a segment of a campaign that unlocked it (tactful unlock CAMPAIGN {} --reason \"...\")",
            field.name
        ),
    };
    Err(Blocked {
        field: field.name.clone(),
        class: field.class,
        usage,
        unlockable: true,
        message: format!(
            "field `{}` is blocked {}: it is {what}, {law}; {how}",
            field.name,
            usage.phrase()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::{FieldType, Role};

    fn field(class: PrivacyClass) -> Field {
        Field {
            name: "f".into(),
            header: "F".into(),
            ty: FieldType::Text,
            role: Role::None,
            class,
            reason: String::new(),
            kind: None,
        }
    }

    #[test]
    fn ordinary_fields_are_always_allowed() {
        for class in [
            PrivacyClass::DirectIdentifier,
            PrivacyClass::QuasiIdentifier,
            PrivacyClass::Ordinary,
            PrivacyClass::Consent,
        ] {
            assert!(check_use(&field(class), Usage::Rule, Some(Category::Housing), false).is_ok());
        }
    }

    #[test]
    fn sensitive_fields_need_an_unlock() {
        let f = field(PrivacyClass::SpecialCategory);
        let err = check_use(&f, Usage::Rule, None, false).unwrap_err();
        assert!(err.unlockable);
        assert!(err.message.contains("GDPR Art. 9(1)"), "{}", err.message);
        assert!(check_use(&f, Usage::MessageText, Some(Category::General), true).is_ok());
    }

    #[test]
    fn sensitive_fields_never_unlock_in_special_ad_categories() {
        // Issue 10, item 4: special category data is barred like protected traits.
        for class in [PrivacyClass::Protected, PrivacyClass::SpecialCategory] {
            let f = field(class);
            for cat in [
                Category::Housing,
                Category::Employment,
                Category::Credit,
                Category::Politics,
            ] {
                let err = check_use(&f, Usage::Rule, Some(cat), true).unwrap_err();
                assert!(!err.unlockable, "{class} in {cat}");
                assert!(err.message.contains("not even with an unlock"));
            }
            assert!(check_use(&f, Usage::Rule, Some(Category::General), true).is_ok());
        }
    }
}
