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
    include_str!("migrations/0006_policy.sql"),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::{PrivacyClass, Role};

    #[test]
    fn version_6_recovers_the_classifier_verdict_from_the_audit_log() {
        let mut conn = Connection::open_in_memory().unwrap();
        let six = MIGRATIONS
            .iter()
            .position(|m| m.starts_with("-- tactful workspace schema, version 6"))
            .unwrap();
        for sql in &MIGRATIONS[..six] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(&format!("PRAGMA user_version = {six}"))
            .unwrap();
        // `yob` was lowered by ana (protected -> ordinary, role birth_year -> none);
        // `city` was never changed.
        conn.execute_batch(
            r#"
            INSERT INTO fields (name, header, position, type, role, class, reason, kind, changed_by, changed_at)
            VALUES ('yob', 'YOB', 1, 'integer', 'none', 'ordinary', 'set by ana: not used', 'birth_year', 'ana', 't1'),
                   ('city', 'City', 2, 'text', 'none', 'quasi_identifier', 'header token `city`', 'city', 'import', 't0');
            INSERT INTO audit_log (at, actor, action, subject, detail) VALUES
              ('t1', 'ana', 'field.set', 'yob', '{"class":{"before":"protected","after":"quasi_identifier"},"role":{"before":"birth_year","after":"birth_year"},"reason":"first"}'),
              ('t2', 'bo', 'field.set', 'yob', '{"class":{"before":"quasi_identifier","after":"ordinary"},"role":{"before":"birth_year","after":"none"},"reason":"only a coupon code"}');
            "#,
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let p = crate::workspace::fields::provenance(&conn).unwrap();
        assert_eq!(p[0].classifier_class, PrivacyClass::Protected);
        assert_eq!(p[0].classifier_role, Role::BirthYear);
        let changed = p[0].changed.clone().unwrap();
        assert_eq!(
            (
                changed.by.as_str(),
                changed.at.as_str(),
                changed.reason.as_str()
            ),
            ("bo", "t2", "only a coupon code")
        );
        assert_eq!(p[1].classifier_class, PrivacyClass::QuasiIdentifier);
        assert_eq!(p[1].classifier_reason, "header token `city`");
        assert!(p[1].changed.is_none());
    }
}
