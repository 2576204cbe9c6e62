//! Versioned schema migrations, kept as SQL files and applied in order.
//!
//! The schema version is SQLite's `PRAGMA user_version`; migration N brings a workspace
//! from version N-1 to N inside one transaction, so a crash leaves the old version.

use rusqlite::Connection;

use super::WorkspaceError;

/// The migrations, in order. Never edit a shipped one: add a new file.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_review_export.sql"),
    include_str!("migrations/0003_settings.sql"),
    include_str!("migrations/0004_consent_evidence.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Bring the schema up to [`SCHEMA_VERSION`].
///
/// Errors: [`WorkspaceError::NewerSchema`] for a workspace written by a newer tactful;
/// SQLite errors otherwise (the transaction is rolled back).
pub fn migrate(conn: &mut Connection) -> Result<(), WorkspaceError> {
    // Up to date: no write lock needed (a long import elsewhere must not block opening).
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current == SCHEMA_VERSION {
        return Ok(());
    }
    loop {
        // The version is read inside the write lock: two processes creating the same
        // workspace at once must not both run migration 1.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if current > SCHEMA_VERSION {
            return Err(WorkspaceError::NewerSchema {
                found: current,
                supported: SCHEMA_VERSION,
            });
        }
        let Some(sql) = MIGRATIONS.get(current as usize) else {
            return Ok(());
        };
        tx.execute_batch(sql)?;
        // PRAGMA takes no bound parameters; the value is our own integer.
        tx.execute_batch(&format!("PRAGMA user_version = {}", current + 1))?;
        tx.commit()?;
    }
}
