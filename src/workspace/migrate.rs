//! Versioned schema migrations, kept as SQL files and applied in order.
//!
//! The schema version is SQLite's `PRAGMA user_version`; migration N brings a workspace
//! from version N-1 to N inside one transaction, so a crash leaves the old version.
//! A migration that needs Rust as well as SQL (0009 draws a random secret and re-keys
//! hashes) runs its step in the same transaction, right after its SQL.

use rusqlite::Connection;

use super::{WorkspaceError, rekey};

/// Keyed hashes: its SQL is followed by [`rekey::run`]. Recognised by its text, not its
/// position, so the step stays with its SQL wherever the file sits in the list.
const KEYED_HASHES: &str = include_str!("migrations/0009_keyed_hashes.sql");

/// The migrations, in order. Never edit a shipped one: add a new file.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_review_export.sql"),
    include_str!("migrations/0003_settings.sql"),
    include_str!("migrations/0004_consent_evidence.sql"),
    include_str!("migrations/0006_policy.sql"),
    include_str!("migrations/0007_orders_age_unknown.sql"),
    include_str!("migrations/0008_campaign_minor_age.sql"),
    KEYED_HASHES,
    include_str!("migrations/0010_campaign_locale.sql"),
    include_str!("migrations/0011_holdout_seed.sql"),
    include_str!("migrations/0012_consent_statements.sql"),
    include_str!("migrations/0013_unlock_history.sql"),
    include_str!("migrations/0014_kept_minors.sql"),
    include_str!("migrations/0015_field_decisions.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// An upgrade of an existing workspace that opening is about to run: its schema goes
/// from version `from` (SQLite's `user_version`, at least 1) to `to`
/// ([`SCHEMA_VERSION`]). A large workspace can take a minute (migration 0012 rewrites
/// every contact's consent columns, README "Benchmarks"), so the faces say so first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Upgrade {
    pub from: i64,
    pub to: i64,
}

impl Upgrade {
    /// What the faces say before the upgrade of the workspace at `path`, without a line
    /// end (they add ` done` on the same line when it has finished): `upgrading
    /// workspace ws.tactful from schema 10 to 11 (one-time; large workspaces take a
    /// minute)…`. The path is made safe for a terminal.
    pub fn notice(&self, path: &std::path::Path) -> String {
        format!(
            "upgrading workspace {} from schema {} to {} (one-time; large workspaces take a minute)…",
            crate::text::for_terminal(&path.display().to_string()),
            self.from,
            self.to
        )
    }
}

/// Bring the schema up to [`SCHEMA_VERSION`]. `before_upgrade` is called once, before
/// the first migration, when an existing workspace (version 1 or more) is behind; never
/// for a new, empty file (version 0), which takes milliseconds to set up.
///
/// Errors: [`WorkspaceError::NewerSchema`] for a workspace written by a newer tactful;
/// SQLite errors otherwise (the transaction is rolled back).
pub fn migrate(
    conn: &mut Connection,
    before_upgrade: impl FnOnce(Upgrade),
) -> Result<(), WorkspaceError> {
    // Up to date: no write lock needed (a long import elsewhere must not block opening).
    let start: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if start == SCHEMA_VERSION {
        return Ok(());
    }
    if (1..SCHEMA_VERSION).contains(&start) {
        before_upgrade(Upgrade {
            from: start,
            to: SCHEMA_VERSION,
        });
    }
    // The re-keying turns `secure_delete` on for its rewrite; put it back afterwards.
    let secure_delete: i64 = conn.query_row("PRAGMA secure_delete", [], |r| r.get(0))?;
    let mut rekeyed = false;
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
            break;
        };
        tx.execute_batch(sql)
            .map_err(|e| migration_failed(current + 1, e))?;
        if *sql == KEYED_HASHES {
            rekey::run(&tx)?;
            rekeyed = true;
        }
        // PRAGMA takes no bound parameters; the value is our own integer.
        tx.execute_batch(&format!("PRAGMA user_version = {}", current + 1))?;
        tx.commit()?;
    }
    if rekeyed {
        // PRAGMA takes no bound parameters; the value is SQLite's own integer.
        conn.execute_batch(&format!("PRAGMA secure_delete = {secure_delete}"))?;
        if start > 0 {
            // An existing workspace may keep copies of the old plain hashes in free
            // space (an updated or erased suppression entry): rebuild the file from its
            // live content. Best effort: a busy writer or a full disk must not stop the
            // workspace from opening, and the next `contact erase` rebuilds it too.
            let _ = conn.execute_batch("VACUUM");
        }
        // Move the rewritten pages out of the write-ahead log so the old hashes leave
        // the `-wal` file now; a busy reader only delays that to a later checkpoint.
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    }
    Ok(())
}

/// A migration that SQLite refused, said in one sentence: rusqlite's input errors
/// carry the whole migration text, which is no help to a user.
fn migration_failed(version: i64, e: rusqlite::Error) -> WorkspaceError {
    let why = match &e {
        rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
        other => other.to_string(),
    };
    WorkspaceError::Invalid(format!(
        "the workspace schema could not be brought to version {version} ({why}); the file is as it was before"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::{PrivacyClass, Role};

    /// The versions are SQLite's `user_version`: 10 is what migrations 0001 to 0011
    /// leave (there is no 0005).
    #[test]
    fn only_an_existing_workspace_behind_the_schema_announces_its_upgrade() {
        let mut conn = Connection::open_in_memory().unwrap();
        let mut seen = Vec::new();
        migrate(&mut conn, |u| seen.push(u)).unwrap();
        assert_eq!(seen, [], "a new workspace is set up silently");
        migrate(&mut conn, |u| seen.push(u)).unwrap();
        assert_eq!(seen, [], "an up-to-date workspace has nothing to do");

        let mut old = Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..10] {
            old.execute_batch(sql).unwrap();
        }
        old.execute_batch("PRAGMA user_version = 10").unwrap();
        migrate(&mut old, |u| seen.push(u)).unwrap();
        assert_eq!(
            seen,
            [Upgrade {
                from: 10,
                to: SCHEMA_VERSION
            }]
        );
        let version: i64 = old
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
    }

    #[test]
    fn a_refused_migration_names_its_version_not_its_sql() {
        let mut conn = Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..7] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch("PRAGMA user_version = 7").unwrap();
        // A table migration 8 (file 0009) creates is already there.
        conn.execute_batch("CREATE TABLE workspace_secret (id INTEGER)")
            .unwrap();
        let err = migrate(&mut conn, |_| {}).unwrap_err().to_string();
        assert!(err.contains("version 8"), "{err}");
        assert!(err.contains("workspace_secret already exists"), "{err}");
        assert!(!err.contains("CREATE TABLE"), "{err}");
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, 7);
    }

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
        migrate(&mut conn, |_| {}).unwrap();
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
