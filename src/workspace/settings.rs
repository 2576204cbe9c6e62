//! Workspace settings that use fixes, such as the contact key: the `settings` table.
//!
//! Owns reading and writing named values; what a value means belongs to its caller
//! (`import::key` for the contact key). Called inside the caller's transaction.

use rusqlite::{Connection, OptionalExtension, params};

use super::WorkspaceError;

/// The setting naming the field contacts are keyed by (see `import::key`).
pub const CONTACT_KEY: &str = "contact_key";

/// The setting naming the default region for phone numbers written without a country
/// code (an ISO 3166-1 alpha-2 code), set by `tactful import --region CC` (see
/// `fields::phone`).
pub const REGION: &str = "phone_region";

/// The value of setting `name`, if set.
pub fn get(conn: &Connection, name: &str) -> Result<Option<String>, WorkspaceError> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Set `name` to `value`, replacing any earlier value.
pub fn set(conn: &Connection, name: &str, value: &str) -> Result<(), WorkspaceError> {
    conn.execute(
        "INSERT INTO settings (name, value) VALUES (?1, ?2)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        params![name, value],
    )?;
    Ok(())
}

/// Forget setting `name` (no error when it was not set).
pub fn remove(conn: &Connection, name: &str) -> Result<(), WorkspaceError> {
    conn.execute("DELETE FROM settings WHERE name = ?1", [name])?;
    Ok(())
}
