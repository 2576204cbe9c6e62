//! A column put into a field whose name says what it holds is classified on that name
//! too, and the stricter reading wins (new-user trial 8, H5).
//!
//! `--map 'Date 2=date_of_birth'`, `--map 'Value A=age'`, `--map 'Col B=religion'`: the
//! person names the column's meaning in the import itself (the README's fix for an
//! opaque header), and every later screen calls the field by that name. Classified on
//! the header alone, such a field was role `none` and class `ordinary`: the minor check
//! did not read it (a 14-year-old was mailed) and rules on it needed no unlock. A name is
//! at least as telling as a header, so the field name is read as a header would be (the
//! dictionary, the age roles of [`super::age_roles::keep_age_role`]) and its verdict
//! counts when it is special category data or a protected trait:
//! - a more protected class wins, with its kind and reason (the header's reason kept
//!   beside it), keeping the header's role when the name gives none (an e-mail column
//!   mapped to `religion` keeps its address role);
//! - a role the name gives (an age role: `date_of_birth`, `birth_year`, `age`, a minor
//!   flag `under_18`) is taken when the header gave none, whatever the class.
//!
//! Other names (a consent field, `email`, `phone`) are read where they always were
//! (`map_consent`, the column kinds, the layouts). Applies to every rename (`--map`, a
//! layout, a spelling) and so to every route into a field: a first import, a re-import
//! into an existing field (where a raised class raises the field, [`super::reclassify`],
//! and an age role meets [`super::columns`]' age-into-plain-field check) and the TUI's
//! import options, which build the same plan. Called by [`super::columns::build`].

use super::age_roles;
use super::columns::Seen;
use crate::fields::classify::{Classification, classify};
use crate::fields::{FieldType, Role};

/// Read field name `name` as a header and let its verdict raise `class` (the header's),
/// as the module header says. `ty` is the column's inferred type; `yes_no_values` as for
/// [`age_roles::keep_age_role`].
pub fn classify_by_name(
    class: &mut Classification,
    name: &str,
    ty: FieldType,
    yes_no_values: bool,
    seen: &Seen<'_>,
) {
    let mut by_name = classify(name, name, ty, seen.profile);
    age_roles::keep_age_role(&mut by_name, name, ty, yes_no_values, seen.groups);
    if let Some(merged) = stricter(class, &by_name, name) {
        *class = merged;
    }
}

/// The classification of a column whose header gave `header` and whose field name
/// `name` gave `by_name`, when the name says more; `None` when the header's stands.
fn stricter(
    header: &Classification,
    by_name: &Classification,
    name: &str,
) -> Option<Classification> {
    if !by_name.class.is_blocked_by_default() {
        return None;
    }
    let raises = by_name.class < header.class;
    let adds_role = header.role == Role::None && by_name.role != Role::None;
    if !raises && !adds_role {
        return None;
    }
    let mut out = header.clone();
    if raises {
        out.class = by_name.class;
        out.kind = by_name.kind.clone();
        out.reason = format!(
            "field name `{name}`: {}; header: {}",
            by_name.reason, header.reason
        );
    }
    if adds_role {
        out.role = by_name.role;
        if !raises {
            out.reason += &format!(
                "; role {} from the field name `{name}` ({})",
                by_name.role, by_name.reason
            );
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::PrivacyClass;

    fn c(role: Role, class: PrivacyClass, kind: Option<&str>, reason: &str) -> Classification {
        Classification {
            role,
            class,
            kind: kind.map(str::to_string),
            reason: reason.into(),
        }
    }

    #[test]
    fn the_stricter_of_header_and_name_wins() {
        let plain = c(Role::None, PrivacyClass::Ordinary, None, "nothing matched");
        let dob = c(
            Role::DateOfBirth,
            PrivacyClass::Protected,
            Some("date_of_birth"),
            "header phrase `date of birth`",
        );
        let got = stricter(&plain, &dob, "date_of_birth").unwrap();
        assert_eq!(
            (got.role, got.class, got.kind.as_deref()),
            (
                Role::DateOfBirth,
                PrivacyClass::Protected,
                Some("date_of_birth")
            )
        );
        assert_eq!(
            got.reason,
            "field name `date_of_birth`: header phrase `date of birth`; header: nothing matched"
        );
        // An address column mapped to `religion` keeps its role, takes the class.
        let email = c(
            Role::Email,
            PrivacyClass::DirectIdentifier,
            Some("email"),
            "e",
        );
        let religion = c(
            Role::None,
            PrivacyClass::SpecialCategory,
            Some("religion"),
            "r",
        );
        let got = stricter(&email, &religion, "religion").unwrap();
        assert_eq!(
            (got.role, got.class),
            (Role::Email, PrivacyClass::SpecialCategory)
        );
        // A special category header keeps its class and gains the name's age role.
        let health = c(
            Role::None,
            PrivacyClass::SpecialCategory,
            Some("health"),
            "h",
        );
        let got = stricter(&health, &dob, "date_of_birth").unwrap();
        assert_eq!(
            (got.role, got.class),
            (Role::DateOfBirth, PrivacyClass::SpecialCategory)
        );
        assert_eq!(got.kind.as_deref(), Some("health"));
        // Never lower, and ordinary or identifying names say nothing here.
        assert_eq!(stricter(&dob, &plain, "signup_date"), None);
        assert_eq!(stricter(&plain, &email, "email"), None);
        assert_eq!(stricter(&dob, &dob, "date_of_birth"), None);
    }
}
