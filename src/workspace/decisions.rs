//! A person's decisions about fields, kept by field name through `import undo` (the
//! `field_decisions` table, schema 15; new-user trial 8, M4 and M5).
//!
//! `fields set` records here the class and role a person set and the last safeguard
//! role a person gave. Review reads the given role beside the classifier's (taking it
//! away is a removed safeguard, whoever gave it: `fields::provenance`); an import that
//! creates a field of the same name again applies a raise a person made
//! (`import::decided`). No import batch owns a row, so undo keeps them.

use rusqlite::{Connection, OptionalExtension, params};

use super::WorkspaceError;
use crate::fields::{PrivacyClass, Role};

/// What a person last decided about the field called `name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDecision {
    pub name: String,
    /// The class a person last set, if any.
    pub class: Option<PrivacyClass>,
    /// The role a person last set, if any.
    pub role: Option<Role>,
    /// The last safeguard role a person gave (date of birth, tags, consent...).
    pub given_role: Option<Role>,
    /// Who, when (RFC 3339 UTC) and why, of the last change.
    pub by: String,
    pub at: String,
    pub reason: String,
}

fn parse<T: std::str::FromStr>(v: Option<String>) -> Result<Option<T>, WorkspaceError>
where
    T::Err: std::fmt::Display,
{
    v.map(|s| {
        s.parse()
            .map_err(|e: T::Err| WorkspaceError::Invalid(e.to_string()))
    })
    .transpose()
}

/// What one change by a person decided, for [`record`]: the class and the role set
/// (`None`: left as they were) and the role given when it is a safeguard role (the
/// caller, `fields::change`, knows which roles are).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decided {
    pub class: Option<PrivacyClass>,
    pub role: Option<Role>,
    pub given_role: Option<Role>,
}

/// Record that `by` decided `what` about field `name` at `at` (RFC 3339) for `reason`.
/// What the change left as it was keeps its earlier decision.
pub fn record(
    conn: &Connection,
    name: &str,
    what: Decided,
    (by, at, reason): (&str, &str, &str),
) -> Result<(), WorkspaceError> {
    conn.execute(
        "INSERT INTO field_decisions (name, class, role, given_role, actor, at, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (name) DO UPDATE SET
             class = coalesce(excluded.class, class),
             role = coalesce(excluded.role, role),
             given_role = coalesce(excluded.given_role, given_role),
             actor = excluded.actor, at = excluded.at, reason = excluded.reason",
        params![
            name,
            what.class.map(PrivacyClass::as_str),
            what.role.map(Role::as_str),
            what.given_role.map(Role::as_str),
            by,
            at,
            reason
        ],
    )?;
    Ok(())
}

/// The decision on record for field `name`, if a person ever changed a field so named.
pub fn get(conn: &Connection, name: &str) -> Result<Option<FieldDecision>, WorkspaceError> {
    let row = conn
        .query_row(
            "SELECT class, role, given_role, actor, at, reason FROM field_decisions WHERE name = ?1",
            [name],
            |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                ))
            },
        )
        .optional()?;
    let Some((class, role, given, by, at, reason)) = row else {
        return Ok(None);
    };
    Ok(Some(FieldDecision {
        name: name.to_string(),
        class: parse(class)?,
        role: parse(role)?,
        given_role: parse(given)?,
        by,
        at,
        reason,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Workspace;

    #[test]
    fn decisions_keep_the_last_change_and_the_last_safeguard_given() {
        let ws = Workspace::open_in_memory().unwrap();
        let conn = ws.conn();
        assert_eq!(get(conn, "date_2").unwrap(), None);
        let gave = Decided {
            class: Some(PrivacyClass::Protected),
            role: Some(Role::DateOfBirth),
            given_role: Some(Role::DateOfBirth),
        };
        record(conn, "date_2", gave, ("ana", "t1", "our birth dates")).unwrap();
        let took = Decided {
            class: None,
            role: Some(Role::None),
            given_role: None,
        };
        record(conn, "date_2", took, ("bo", "t2", "signup")).unwrap();
        let d = get(conn, "date_2").unwrap().unwrap();
        assert_eq!(
            (d.class, d.role, d.given_role),
            (
                Some(PrivacyClass::Protected),
                Some(Role::None),
                Some(Role::DateOfBirth)
            )
        );
        assert_eq!(
            (d.by.as_str(), d.at.as_str(), d.reason.as_str()),
            ("bo", "t2", "signup")
        );
    }
}
