//! Changing a field's class or role by hand, with the reason on record.
//!
//! The one route every face takes (`tactful fields set`, the TUI's Fields screen): the
//! reason is checked on its visible text ([`crate::written`]; a change that lowers
//! protection needs a justification), the field and the audit log change in one
//! transaction, and the field keeps who changed it, when and why beside the
//! classifier's verdict ([`super::provenance`]), so review can list the lowered
//! protection. [`check_reason`] lets a face say what is missing before it sends.

use serde::Serialize;

use super::{Channel, Field, PrivacyClass, Role};
use crate::workspace::{Workspace, WorkspaceError, audit, decisions, fields as store};
use crate::written::{self, WrittenError};

/// Errors from [`set`].
#[derive(Debug, thiserror::Error)]
pub enum ChangeError {
    #[error("no field `{name}`{hint}")]
    UnknownField { name: String, hint: String },
    #[error("nothing to change: give --class or --role")]
    NothingToChange,
    /// The field already has that class and role. Recording the new reason anyway
    /// would replace the justification of an earlier downgrade with text nobody
    /// checked against the justification rule (second new-user trial).
    #[error(
        "field `{name}` is already {class} with role {role}: nothing changed, and its recorded reason stays"
    )]
    Unchanged {
        name: String,
        class: String,
        role: String,
    },
    #[error("a reason is required to change a field (it is written to the audit log): {problem}")]
    ReasonRequired { problem: WrittenError },
    #[error(
        "this change lowers the protection of `{name}` ({what}), so it needs a written justification, which goes to the audit log and is shown in the review of every campaign that relies on it: {problem}"
    )]
    ReasonTooShort {
        name: String,
        what: String,
        problem: WrittenError,
    },
    /// A consent role set on a field that already holds values: the values were not
    /// read as consent at import, and setting the role would not read them either.
    #[error(
        "field `{name}` holds values for {filled} contact(s), but giving it role {role} would not read them as consent: each contact keeps the {channel} consent it was imported with, so a `no` in it would not stop a message; nothing changed. Undo the import that brought the column (`tactful import undo`) and import the file again with --map '{header}={opt_in}' (yes = consent given) or --map '{header}={opt_out}' (yes = opted out)"
    )]
    ConsentRoleOverValues {
        name: String,
        header: String,
        filled: u64,
        role: &'static str,
        channel: &'static str,
        opt_in: &'static str,
        opt_out: &'static str,
    },
    /// A role that implies a class (an age is a protected trait) with a class less
    /// protected than that (new-user trial 8, H4).
    #[error(
        "role {role} makes `{name}` at least {implied} ({why}), so it cannot be {class}; nothing changed. Leave --class out (the class becomes {implied}), or give {implied_name} or a more protected class"
    )]
    ClassBelowRole {
        name: String,
        role: &'static str,
        class: &'static str,
        implied: &'static str,
        implied_name: &'static str,
        why: &'static str,
    },
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
}

/// What [`set`] did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub before: Field,
    pub after: Field,
    /// True when the change lowers protection: the class moved to a less protected one,
    /// or the field lost a role a safeguard depends on (see [`is_safeguard_role`]).
    pub downgrade: bool,
    /// The sensitive values the field still holds, which stay refused whatever its
    /// class ([`super::kept`]; new-user trial 5, F5).
    pub kept_protected: Vec<super::kept::KeptProtected>,
    /// The class the new role raised the field to ([`Role::implied_class`]), when it
    /// did: `--role age` on an ordinary field makes it protected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raised_by_role: Option<PrivacyClass>,
}

/// The field `before` becomes with the class and role asked for: a role that implies a
/// class ([`Role::implied_class`]: an age, date of birth or birth year is a protected
/// trait) raises the class to it, never lowers it, as the classifier would have
/// classed a column it recognised (new-user trial 8, H4: `--role age` left the field
/// ordinary, so age targeting needed no unlock, even in an employment campaign).
///
/// Errors: [`ChangeError::ClassBelowRole`] when `class` is given and is less protected
/// than the role the field ends with implies, given now or before (trial 9, F-H4b).
pub fn outcome(
    before: &Field,
    class: Option<PrivacyClass>,
    role: Option<Role>,
) -> Result<Field, ChangeError> {
    let mut after = before.clone();
    if let Some(c) = class {
        after.class = c;
    }
    if let Some(r) = role {
        after.role = r;
    }
    // The role the field ends with, asked for now or given before: `--class ordinary`
    // on its own must not undo what an earlier `--role age` implied (trial 9, F-H4b).
    let Some(implied) = after.role.implied_class() else {
        return Ok(after);
    };
    if after.class <= implied {
        return Ok(after);
    }
    if let Some(given) = class {
        return Err(ChangeError::ClassBelowRole {
            name: before.name.clone(),
            role: after.role.as_str(),
            class: given.as_str(),
            implied: implied.label(),
            implied_name: implied.as_str(),
            why: match implied {
                PrivacyClass::Protected => "an age is a trait protected by anti-discrimination law",
                _ => "the role names who the person is",
            },
        });
    }
    after.class = implied;
    if implied.is_blocked_by_default() && after.kind.is_none() {
        after.kind = Some(after.role.as_str().to_string());
    }
    Ok(after)
}

/// Check `reason` for changing `before` to the given class and role, as [`set`] will:
/// a change that lowers protection needs a justification (20 visible characters, two
/// words), any other change some visible text.
///
/// Errors: [`ChangeError::ReasonTooShort`] or [`ChangeError::ReasonRequired`], or
/// [`ChangeError::ClassBelowRole`] (see [`outcome`]).
pub fn check_reason(
    before: &Field,
    class: Option<PrivacyClass>,
    role: Option<Role>,
    reason: &str,
) -> Result<(), ChangeError> {
    let after = outcome(before, class, role)?;
    match lowered_protection(before, &after) {
        Some(what) => written::check_justification("the reason", reason).map_err(|problem| {
            ChangeError::ReasonTooShort {
                name: before.name.clone(),
                what,
                problem,
            }
        }),
        None => written::check_present("the reason", reason)
            .map_err(|problem| ChangeError::ReasonRequired { problem }),
    }
}

/// Give field `name` a new class and/or role, recording `reason` and `actor` in the field
/// and the audit log in one transaction. The reason is stored as typed (trimmed).
///
/// Errors: unknown field (with the closest name as a hint), nothing to change (no
/// class or role given, or [`ChangeError::Unchanged`] when both are as they are), or a
/// reason [`check_reason`] refuses.
pub fn set(
    ws: &mut Workspace,
    name: &str,
    class: Option<PrivacyClass>,
    role: Option<Role>,
    reason: &str,
    actor: &str,
) -> Result<FieldChange, ChangeError> {
    if class.is_none() && role.is_none() {
        return Err(ChangeError::NothingToChange);
    }
    let reason = reason.trim();
    ws.write(|tx| {
        let Some(before) = store::get(tx, name)? else {
            let names: Vec<String> = store::list(tx)?.into_iter().map(|f| f.name).collect();
            let hint = closest(name, &names)
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_default();
            return Err(ChangeError::UnknownField {
                name: name.to_string(),
                hint,
            });
        };
        let mut after = outcome(&before, class, role)?;
        if after.class == before.class && after.role == before.role {
            return Err(ChangeError::Unchanged {
                name: before.name.clone(),
                class: before.class.label().to_string(),
                role: before.role.as_str().to_string(),
            });
        }
        after.reason = format!("set by {actor}: {reason}");
        check_reason(&before, class, role, reason)?;
        consent_role_over_values(tx, &before, &after)?;
        let downgrade = lowered_protection(&before, &after).is_some();
        let raised_by_role = (after.class < class.unwrap_or(before.class)).then_some(after.class);
        store::update(tx, &after, actor)?;
        store::record_person_change(tx, &before.name, actor, reason)?;
        // Kept by field name through `import undo`: a raise is applied again when the
        // field comes back, a safeguard role given stays one (trial 8, M4 and M5).
        let role_changed = after.role != before.role;
        let decided = decisions::Decided {
            class: (after.class != before.class).then_some(after.class),
            role: role_changed.then_some(after.role),
            given_role: (role_changed && is_safeguard_role(after.role)).then_some(after.role),
        };
        let at = crate::workspace::now_rfc3339();
        decisions::record(tx, &before.name, decided, (actor, &at, reason))?;
        audit::append(
            tx,
            actor,
            "field.set",
            name,
            &serde_json::json!({
                "class": {"before": before.class, "after": after.class},
                "role": {"before": before.role, "after": after.role},
                "downgrade": downgrade,
                "raised_by_role": raised_by_role,
                "reason": reason,
            }),
        )?;
        let kept_protected = super::kept::kept_protected(tx, &after)?;
        Ok(FieldChange {
            before,
            after,
            downgrade,
            kept_protected,
            raised_by_role,
        })
    })
}

/// Refuse a consent role given to a field that holds values (third new-user trial: a
/// `Mailing list` column of yes/no given `consent_email` after import showed `false`
/// while the contact's e-mail consent said granted, and the preview sent). The
/// consent states were decided at import, column by column; reading the field's values
/// now would need the import's rules (polarity, refusals that win, upgrades that need
/// evidence) without the file's evidence, so the sound way is the import itself:
/// `--map` the column onto a consent field. A field with no values may take the role
/// (a later import reads it as consent), and so may one whose channel stays the same.
fn consent_role_over_values(
    tx: &rusqlite::Connection,
    before: &Field,
    after: &Field,
) -> Result<(), ChangeError> {
    let Some(channel) = after.role.consent_channel() else {
        return Ok(());
    };
    if before.role.consent_channel() == Some(channel) {
        return Ok(());
    }
    let filled = crate::workspace::records::count_filled(tx, &before.name)?;
    if filled == 0 {
        return Ok(());
    }
    let (opt_in, opt_out) = match channel {
        Channel::Email => ("email_opt_in", "email_opt_out"),
        Channel::Sms => ("sms_opt_in", "sms_opt_out"),
    };
    Err(ChangeError::ConsentRoleOverValues {
        name: before.name.clone(),
        header: if before.header.is_empty() {
            before.name.clone()
        } else {
            before.header.clone()
        },
        filled,
        role: after.role.as_str(),
        channel: channel.as_str(),
        opt_in,
        opt_out,
    })
}

/// Roles that safeguards depend on: the minor check reads date of birth, birth year,
/// age and tags (a tag naming an age group, `teen`, `u16`, is an age signal: session 12
/// trial, G17, found `--role none` on tags switching the check off unrecorded); the
/// consent step reads the consent roles; addresses come from e-mail and phone.
/// Taking one away lowers protection as much as lowering a class does.
pub fn is_safeguard_role(role: Role) -> bool {
    matches!(
        role,
        Role::DateOfBirth
            | Role::BirthYear
            | Role::Age
            | Role::Tags
            | Role::ConsentEmail
            | Role::ConsentSms
            | Role::Email
            | Role::Phone
    )
}

/// How `after` lowers protection compared with `before`, in words, if it does: a less
/// protected class, or a safeguard role taken away.
pub fn lowered_protection(before: &Field, after: &Field) -> Option<String> {
    if after.class > before.class {
        return Some(format!("class {} -> {}", before.class, after.class));
    }
    if before.role != after.role && is_safeguard_role(before.role) {
        return Some(format!(
            "role {} -> {}, which a safeguard depends on",
            before.role, after.role
        ));
    }
    None
}

/// The candidate closest to `name` by Damerau–Levenshtein distance, if it is close
/// enough to be a plausible typo (distance at most 2, or a third of the length).
pub fn closest<'a>(name: &str, candidates: &'a [String]) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(2);
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.as_str())
}

#[cfg(test)]
#[path = "change_tests.rs"]
mod tests;
