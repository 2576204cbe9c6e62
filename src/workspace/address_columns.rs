//! The columns that hold a channel's addresses for refusals: the address fields as they
//! are now, and the addresses a field held when a person took its address role away.
//!
//! A refusal belongs to the address a person said no from (`campaign::opt_outs`), but
//! which fields count as addresses can change after it was recorded (`fields set phone
//! --role none`, the terminal app's Fields screen, both through `fields::change`). Read
//! by the current roles only, demoting the field that held the refusing contact's number
//! dropped the refusal for every other contact holding that number (promise 1, session 7
//! trial). So a field that loses its address role keeps its addresses in hidden columns,
//! read for refusals and erasure, never as an address to send to:
//! - SMS: the field's E.164 column (`phones`) stays as it was when the role went (the
//!   importer writes it for phone fields only: a value that arrives in a plain field is
//!   no number a refusal was recorded for); a field that gains the role again has it
//!   read afresh.
//! - e-mail: `_was_email_<field>` gets a copy of the field's values (over an earlier copy
//!   only where the field holds a value).
//!
//! Both go with their field (`fields::remove`). Field names never start with `_`, so
//! they cannot clash with a field. The one place a role change reaches storage
//! (`fields::update`) calls [`follow_role_change`], so every route that changes a role
//! keeps them. Readers: `campaign::opt_outs` ([`refusal_columns`]), `import::undo` and
//! `rights::erase` ([`email_columns`]), and `phones::numbers_of` ([`number_columns`]).

use std::collections::HashSet;

use rusqlite::Connection;

use super::{WorkspaceError, phones, quote_ident};
use crate::fields::{Channel, Field, Role};

/// The hidden column keeping the addresses of `field` from when it was an e-mail field.
pub fn kept_email_column(field: &str) -> String {
    format!("_was_email_{field}")
}

/// The names of the columns of `contacts`.
fn contact_columns(conn: &Connection) -> Result<HashSet<String>, WorkspaceError> {
    Ok(conn
        .prepare("SELECT name FROM pragma_table_info('contacts')")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// The columns holding e-mail addresses, in field order: each e-mail field, and each
/// field's kept copy from when it was one.
///
/// Errors: workspace errors.
pub fn email_columns(conn: &Connection) -> Result<Vec<String>, WorkspaceError> {
    let columns = contact_columns(conn)?;
    let mut out = Vec::new();
    for field in super::fields::list(conn)? {
        if field.role == Role::Email {
            out.push(field.name.clone());
        }
        let kept = kept_email_column(&field.name);
        if columns.contains(&kept) {
            out.push(kept);
        }
    }
    Ok(out)
}

/// The E.164 columns of every field that is or was a phone field, in field order.
///
/// Errors: workspace errors.
pub fn number_columns(conn: &Connection) -> Result<Vec<String>, WorkspaceError> {
    let columns = contact_columns(conn)?;
    Ok(super::fields::list(conn)?
        .into_iter()
        .map(|f| phones::e164_column(&f.name))
        .filter(|c| columns.contains(c))
        .collect())
}

/// The columns whose values a refusal of `channel` holds for: [`email_columns`] for
/// e-mail, [`number_columns`] for SMS.
///
/// Errors: workspace errors.
pub fn refusal_columns(conn: &Connection, channel: Channel) -> Result<Vec<String>, WorkspaceError> {
    match channel {
        Channel::Email => email_columns(conn),
        Channel::Sms => number_columns(conn),
    }
}

/// Keep the addresses of `field` after its role changed from `was` to `field.role`:
/// an e-mail field that loses the role gets its kept copy; a phone field's hidden
/// columns follow the role ([`phones::sync`]).
///
/// Errors: workspace errors.
pub fn follow_role_change(
    conn: &Connection,
    was: Role,
    field: &Field,
) -> Result<(), WorkspaceError> {
    if was == Role::Email && field.role != Role::Email {
        keep_emails(conn, &field.name)?;
    }
    phones::sync(conn, field, was)
}

/// Copy the values of `field` into its kept e-mail column (added when missing). A
/// blank keeps an earlier copy's address: the field may have been an e-mail field
/// twice.
fn keep_emails(conn: &Connection, field: &str) -> Result<(), WorkspaceError> {
    let kept = kept_email_column(field);
    if !contact_columns(conn)?.contains(&kept) {
        conn.execute_batch(&format!(
            "ALTER TABLE contacts ADD COLUMN {} TEXT",
            quote_ident(&kept)
        ))?;
    }
    conn.execute_batch(&format!(
        "UPDATE contacts SET {kept} = coalesce(CAST({field} AS TEXT), {kept})",
        kept = quote_ident(&kept),
        field = quote_ident(field),
    ))?;
    Ok(())
}

/// Drop the kept e-mail column of `field`, if it has one (the field is removed).
///
/// Errors: workspace errors.
pub fn drop_kept(conn: &Connection, field: &str) -> Result<(), WorkspaceError> {
    let kept = kept_email_column(field);
    if contact_columns(conn)?.contains(&kept) {
        super::indexes::drop_on_column(conn, &kept)?;
        conn.execute_batch(&format!(
            "ALTER TABLE contacts DROP COLUMN {}",
            quote_ident(&kept)
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::{FieldType, PrivacyClass};
    use crate::workspace::{Workspace, fields, settings};

    fn field(name: &str, role: Role) -> Field {
        Field {
            name: name.into(),
            header: name.into(),
            ty: FieldType::Text,
            role,
            class: PrivacyClass::DirectIdentifier,
            reason: "test".into(),
            kind: None,
        }
    }

    fn kept(conn: &Connection) -> Vec<Option<String>> {
        conn.prepare("SELECT _was_email_email FROM contacts ORDER BY _key")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// `email` loses the e-mail role: its addresses are kept beside it and still read
    /// for refusals, after `work_email` (the e-mail field now) in field order. Made an
    /// e-mail field again and demoted once more, a contact whose address was blanked
    /// meanwhile (b) keeps the first copy's address; a changed one (a) is copied anew.
    /// `mobile`, a phone field made plain text, keeps its E.164 column.
    #[test]
    fn a_field_that_loses_its_address_role_keeps_its_addresses_for_refusals() {
        let mut ws = Workspace::open_in_memory().unwrap();
        ws.write(|tx| {
            settings::set(tx, settings::REGION, "GB")?;
            fields::add(tx, &field("email", Role::Email), "test", None)?;
            fields::add(tx, &field("work_email", Role::Email), "test", None)?;
            fields::add(tx, &field("mobile", Role::Phone), "test", None)?;
            tx.execute_batch(
                "INSERT INTO contacts (_key, _batch, email, mobile) VALUES
                 ('a', 1, 'a@x.com', '07911 123456'), ('b', 1, 'b@x.com', NULL)",
            )?;
            crate::workspace::phones::fill(tx, "mobile")?;
            assert_eq!(
                refusal_columns(tx, Channel::Email)?,
                ["email", "work_email"]
            );
            fields::update(tx, &field("email", Role::None), "test")?;
            fields::update(tx, &field("mobile", Role::None), "test")?;
            assert_eq!(
                refusal_columns(tx, Channel::Email)?,
                ["_was_email_email", "work_email"]
            );
            assert_eq!(refusal_columns(tx, Channel::Sms)?, ["_e164_mobile"]);
            assert_eq!(kept(tx), [Some("a@x.com".into()), Some("b@x.com".into())]);
            tx.execute_batch(
                "UPDATE contacts SET email = 'a2@x.com' WHERE _key = 'a';
                 UPDATE contacts SET email = NULL WHERE _key = 'b';",
            )?;
            fields::update(tx, &field("email", Role::Email), "test")?;
            fields::update(tx, &field("email", Role::None), "test")?;
            assert_eq!(kept(tx), [Some("a2@x.com".into()), Some("b@x.com".into())]);
            fields::remove(tx, "email")?;
            assert_eq!(refusal_columns(tx, Channel::Email)?, ["work_email"]);
            Ok::<_, WorkspaceError>(())
        })
        .unwrap();
    }
}
