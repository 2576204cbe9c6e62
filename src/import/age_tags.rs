//! Columns read as tags because their values name a minor's age group, whatever their
//! header (`Groups`, `Lists`, `Interests`, `Team`, `Club`, `Segment`, `Schlagworte`,
//! `Shopify Tags` without the Klaviyo layout): the minor check reads the tags role
//! (`campaign::minor_flag::read_tags`), so a plain column holding `teen` or `U12`
//! gets it, and a child tagged so is excluded as a minor.
//!
//! A new-user trial (session 12, G2) found such columns with role none: the classifier
//! noted `teen` as an age value (rules on it were refused), yet the minor check never
//! read the column, so the child was a recipient and review was clean. The decision is
//! made once per column at import from the first pass
//! ([`super::age_roles::GroupsSeen::minor_tag`]); the campaign reads only the columns
//! that got the role, so a workspace whose columns hold no age values costs nothing
//! more to preview. Called by [`super::columns::build`].

use super::age_roles::GroupsSeen;
use super::reclassify::Reclassification;
use crate::fields::classify::Classification;
use crate::fields::provenance::Provenance;
use crate::fields::{Field, FieldType, PrivacyClass, Role};

/// Give a new plain text or list column with no role the tags role when one of its
/// values names a minor's age group (`groups.minor_tag`), saying so in its reason. A
/// quasi-identifier column (education, job title, employer, city) is left alone: its
/// values describe what a person attained or where they are, so `Grade 10` or
/// `High school` under `Education` is the level an adult left school at (new-user
/// trial 7, N6: 9,515 of bank-marketing's 41,188 adults were excluded as minors).
pub fn tags_by_values(class: &mut Classification, ty: FieldType, groups: &GroupsSeen) {
    if class.role != Role::None
        || class.class == PrivacyClass::QuasiIdentifier
        || !matches!(ty, FieldType::Text | FieldType::List)
    {
        return;
    }
    if let Some((value, line)) = &groups.minor_tag {
        class.role = Role::Tags;
        class.reason += &format!(
            "; read as tags by the minor check: its values name a minor's age group (`{}` on line {line})",
            crate::text::for_terminal(value)
        );
    }
}

/// A re-import's column whose values name a minor's age group (`class` got the tags
/// role from [`tags_by_values`]) into `field`, an existing field with no role that no
/// person changed: the field gets the tags role, the classifier's verdict on record
/// says so (taking the role away later is a downgrade review reports), and the report
/// says so. A field a person gave no role keeps it (review reports the safeguard that
/// removes, `review::lowered`).
pub fn tags_on_reimport(
    field: &mut Field,
    provenance: Option<&Provenance>,
    class: &Classification,
    file: &str,
) -> Option<Reclassification> {
    if field.role != Role::None
        || class.role != Role::Tags
        || provenance.is_some_and(|p| p.changed.is_some())
    {
        return None;
    }
    field.role = Role::Tags;
    let mut verdict = provenance
        .cloned()
        .unwrap_or_else(|| Provenance::of_new(field));
    verdict.classifier_role = Role::Tags;
    verdict.classifier_reason = format!("re-import of {file}: {}", class.reason);
    Some(Reclassification {
        provenance: verdict,
        raised: true,
        from: field.class,
        to: field.class,
        warning: format!(
            "field {}: the values of {file} name a minor's age group, so the field now has role tags and the minor check reads it ({})",
            field.name, class.reason
        ),
    })
}
