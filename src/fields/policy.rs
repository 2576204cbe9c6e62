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
//!
//! [`check_use`] is the one decision. A sensitive value of an ordinary field (the tag
//! `muslim` in `tags has "muslim"`, see [`super::classify::sensitive_value`]) is decided
//! by [`check_value_use`], which asks [`check_use`] about a stand-in field of the value's
//! class, unlocked by the key `FIELD:KIND` ([`value_unlock_key`]: `tags:religion`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::classify::SensitiveValue;
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

    /// The category's name with its indefinite article, for sentences such as
    /// "an employment campaign may not ...".
    pub fn with_article(self) -> &'static str {
        match self {
            Category::General => "a general",
            Category::Housing => "a housing",
            Category::Employment => "an employment",
            Category::Credit => "a credit",
            Category::Politics => "a politics",
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
                "field `{}` is a {what} and cannot be used {} in {} campaign, not even with an unlock (special ad category)",
                field.name,
                usage.phrase(),
                cat.with_article()
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

/// The unlock key for the values of `kind` in field `field`: `tags:religion`. Field
/// names never hold `:`, so the key cannot name a field.
pub fn value_unlock_key(field: &str, kind: &str) -> String {
    format!("{field}:{kind}")
}

/// Decide whether a rule, message or export may use `value`, a sensitive value of
/// `field` (a tag, or a value compared with a text field), for `usage`: exactly as
/// [`check_use`] decides for a field of the value's class, unlocked when `unlocked`
/// holds the field itself or [`value_unlock_key`] of the value's kind.
///
/// Errors: [`Blocked`] naming the value, its class and how to unlock its kind.
pub fn check_value_use(
    field: &Field,
    value: &SensitiveValue,
    usage: Usage,
    category: Option<Category>,
    unlocked: &std::collections::BTreeSet<String>,
) -> Result<(), Blocked> {
    if field.class.is_blocked_by_default() {
        // The field itself is sensitive: its own check covers every value.
        return check_use(field, usage, category, unlocked.contains(&field.name));
    }
    let key = value_unlock_key(&field.name, &value.kind);
    let stand_in = Field {
        name: key.clone(),
        class: value.class,
        kind: Some(value.kind.clone()),
        ..field.clone()
    };
    check_use(&stand_in, usage, category, unlocked.contains(&key)).map_err(|b| {
        let what = format!(
            "value `{}` of field `{}` is {} data ({}, {}; {})",
            value.shown(),
            field.name,
            value.kind.replace('_', " "),
            value.label,
            value.class.label(),
            value.source
        );
        let message = if !b.unlockable {
            format!(
                "{what} and cannot be used {} in {} campaign, not even with an unlock (special ad category)",
                usage.phrase(),
                category.map_or("a special ad category", Category::with_article)
            )
        } else if category.is_some() {
            format!(
                "{what}: using it {} is using {} data, blocked unless the campaign unlocks {} values of `{}`: tactful unlock CAMPAIGN {key} --reason \"why this is necessary\"",
                usage.phrase(),
                value.kind.replace('_', " "),
                value.kind,
                field.name
            )
        } else {
            format!(
                "{what}: using it {} is using {} data; it can only be used in a segment of a campaign that unlocked {} values of `{}` (tactful unlock CAMPAIGN {key} --reason \"...\")",
                usage.phrase(),
                value.kind.replace('_', " "),
                value.kind,
                field.name
            )
        };
        Blocked {
            field: field.name.clone(),
            message: message + &retag_hint(field, value),
            ..b
        }
    })
}

/// How to keep a campaign on a cuisine, language or destination tag (`italian`, `thai`:
/// nationality or ethnic origin as a whole tag) without an unlock: a tag that is no
/// origin word alone (new-user trial 9, R1). Empty for other values and fields.
fn retag_hint(field: &Field, value: &SensitiveValue) -> String {
    let tags = field.ty == super::FieldType::List || field.role == super::Role::Tags;
    let origin = matches!(value.kind.as_str(), "nationality" | "ethnicity");
    let word = value.value.trim();
    if !tags || !origin || word.is_empty() || word.contains(char::is_whitespace) {
        return String::new();
    }
    let lower = word.to_lowercase();
    let word = crate::text::for_terminal(&lower);
    format!(
        "; a tag for a cuisine, a language or a destination can stay without an unlock: retag it as `{word} food` or `trip:{word}`, or a language as a code such as `lang:it`: none is an origin word alone"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::{FieldType, Role};

    #[test]
    fn a_category_reads_with_its_article() {
        assert_eq!(Category::Employment.with_article(), "an employment");
        assert_eq!(Category::Housing.with_article(), "a housing");
        assert_eq!(Category::Politics.with_article(), "a politics");
    }

    fn value(v: &str) -> SensitiveValue {
        crate::fields::classify::sensitive_value(v).unwrap()
    }

    fn unlocked(keys: &[&str]) -> std::collections::BTreeSet<String> {
        keys.iter().map(|k| k.to_string()).collect()
    }

    #[test]
    fn a_sensitive_value_is_blocked_like_a_field_of_its_class() {
        let tags = Field {
            name: "tags".into(),
            ..field(PrivacyClass::Ordinary)
        };
        let muslim = value("muslim");
        let err = check_value_use(
            &tags,
            &muslim,
            Usage::Rule,
            Some(Category::General),
            &unlocked(&[]),
        )
        .unwrap_err();
        assert!(err.unlockable);
        assert_eq!(err.class, PrivacyClass::SpecialCategory);
        assert!(
            err.message
                .starts_with("value `muslim` of field `tags` is religion data"),
            "{}",
            err.message
        );
        assert!(
            err.message
                .contains("tactful unlock CAMPAIGN tags:religion --reason"),
            "{}",
            err.message
        );
        // Unlocking the kind on the field opens it; another kind's unlock does not.
        let open = unlocked(&["tags:religion"]);
        assert!(
            check_value_use(&tags, &muslim, Usage::Rule, Some(Category::General), &open).is_ok()
        );
        let other = unlocked(&["tags:health", "notes:religion"]);
        assert!(
            check_value_use(
                &tags,
                &muslim,
                Usage::MessageText,
                Some(Category::General),
                &other
            )
            .is_err()
        );
        // A protected value can never be unlocked in a special ad category.
        let female = value("female");
        let err = check_value_use(
            &tags,
            &female,
            Usage::Rule,
            Some(Category::Housing),
            &unlocked(&["tags:gender"]),
        )
        .unwrap_err();
        assert!(!err.unlockable);
        assert!(
            err.message.contains("not even with an unlock"),
            "{}",
            err.message
        );
    }

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
