//! The workspace: one SQLite file holding the audience, fields, segments, campaigns,
//! suppression list, import batches and audit log.
//!
//! This module owns opening (permissions, pragmas, migrations), identifier quoting and
//! the mapping of SQLite failures to errors a user can act on. Every other module reaches
//! SQLite through a [`Workspace`]; all SQL binds its values as parameters, and the only
//! identifiers spliced into SQL go through [`quote_ident`].

pub mod acceptances;
pub mod address_columns;
pub mod audit;
pub mod batches;
pub mod browse;
pub mod changes;
pub mod consent;
pub mod contacts;
mod contacts_phones;
mod contacts_undo;
pub mod decisions;
pub mod exports;
pub mod fields;
mod foreign;
pub mod fresh;
mod import_settings;
pub mod indexes;
pub mod kept_minors;
pub mod keyed_hash;
pub mod lookup;
mod migrate;
pub mod orders;
pub mod phone_reading;
pub mod phones;
pub mod preview_rows;
mod private_file;
pub mod records;
pub mod regions;
mod rekey;
pub mod replaced_emails;
pub mod rights;
pub mod settings;
pub mod snapshot;
pub mod sqlfn;
pub mod statements;
pub mod suppression;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

pub use migrate::{SCHEMA_VERSION, Upgrade};

/// How long a writer waits for another process's write lock before giving up with
/// [`WorkspaceError::Busy`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(3);

/// Errors from opening or using a workspace. Messages are sentences a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error(
        "workspace {path} is busy: another program holds a lock on it (another tactful, or a tool such as the sqlite3 shell); try again when it has finished"
    )]
    Busy { path: PathBuf },
    #[error("{path} is not a tactful workspace or is damaged (SQLite says: {detail})")]
    NotAWorkspace { path: PathBuf, detail: String },
    #[error(
        "{path} is not a tactful workspace: it is another application's SQLite database (tables: {tables}); it was left unchanged. Name a new file or an existing workspace with --workspace"
    )]
    ForeignDatabase { path: PathBuf, tables: String },
    #[error(
        "workspace schema version {found} is newer than this tactful supports ({supported}); upgrade tactful"
    )]
    NewerSchema { found: i64, supported: i64 },
    #[error("cannot create workspace at {path}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "workspace {path} is read-only: check the permissions of the file and of its directory (SQLite writes a -wal file beside it)"
    )]
    ReadOnly { path: PathBuf },
    #[error("{path} is a directory; pass a file path such as {path}/workspace.tactful")]
    IsDirectory { path: PathBuf },
    #[error(
        "no workspace at {path}: import a file first (tactful import FILE), or check --workspace / TACTFUL_WORKSPACE"
    )]
    Missing { path: PathBuf },
    #[error("the disk is full; nothing was changed in the workspace")]
    DiskFull,
    #[error("no directory for application data on this system; pass --workspace PATH")]
    NoDataDir,
    #[error("workspace error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("stored data is invalid: {0}")]
    Invalid(String),
}

impl From<rusqlite::Error> for WorkspaceError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => WorkspaceError::DiskFull,
            _ => WorkspaceError::Sqlite(e),
        }
    }
}

/// An open workspace. Not `Sync`: one connection per thread (the TUI's worker owns one).
#[derive(Debug)]
pub struct Workspace {
    conn: Connection,
    path: PathBuf,
    /// The date taken as today when set ([`Workspace::set_today`]), else the clock's.
    today: Option<chrono::NaiveDate>,
}

impl Workspace {
    /// The default workspace path: `workspace.tactful` in the platform data directory
    /// (e.g. `~/.local/share/tactful/` on Linux), from the `directories` crate.
    pub fn default_path() -> Result<PathBuf, WorkspaceError> {
        let dirs =
            directories::ProjectDirs::from("", "", "tactful").ok_or(WorkspaceError::NoDataDir)?;
        Ok(dirs.data_dir().join("workspace.tactful"))
    }

    /// Open the workspace at `path`, creating it (and its directory) if missing.
    ///
    /// New files are created readable by the owner only (0600, directory 0700); SQLite
    /// gives its `-wal` and `-shm` files the same mode. Sets WAL, a busy timeout and
    /// foreign keys, then migrates.
    ///
    /// Errors: [`WorkspaceError::NotAWorkspace`] for a file that is not SQLite or is
    /// corrupt, [`WorkspaceError::Busy`] when another process holds the write lock during
    /// migration, [`WorkspaceError::Create`] for permission problems.
    pub fn open(path: &Path) -> Result<Self, WorkspaceError> {
        Self::open_noting_upgrade(path, |_| {})
    }

    /// [`Workspace::open`], calling `before_upgrade` once before the migrations run
    /// when the file is an existing workspace of an older schema (see [`Upgrade`]):
    /// the CLI and the terminal app tell the user, since a large workspace takes a
    /// while. Never called for a new file or an up-to-date one.
    ///
    /// Errors: as [`Workspace::open`].
    pub fn open_noting_upgrade(
        path: &Path,
        before_upgrade: impl FnOnce(Upgrade),
    ) -> Result<Self, WorkspaceError> {
        foreign::check(path)?;
        private_file::create(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(e, path))?;
        Self::from_connection(conn, path, before_upgrade)
    }

    /// Open the workspace at `path`, which must already exist: commands that only read
    /// or refine a workspace must not create an empty one at a mistyped path.
    ///
    /// Errors: [`WorkspaceError::Missing`], then as [`Workspace::open`].
    pub fn open_existing(path: &Path) -> Result<Self, WorkspaceError> {
        Self::open_existing_noting_upgrade(path, |_| {})
    }

    /// [`Workspace::open_existing`] with the upgrade notice of
    /// [`Workspace::open_noting_upgrade`].
    ///
    /// Errors: as [`Workspace::open_existing`].
    pub fn open_existing_noting_upgrade(
        path: &Path,
        before_upgrade: impl FnOnce(Upgrade),
    ) -> Result<Self, WorkspaceError> {
        if !path.exists() {
            return Err(WorkspaceError::Missing {
                path: path.to_path_buf(),
            });
        }
        Self::open_noting_upgrade(path, before_upgrade)
    }

    /// Open the workspace at `path`, which another connection has already opened (and
    /// migrated), for reading only (`SQLITE_OPEN_READ_ONLY`): SQLite refuses any change
    /// through it ("attempt to write a readonly database"), while TEMP tables, which
    /// live outside the file, still work. The terminal app's job runner gives these to
    /// every lane but its one writer.
    ///
    /// Errors: [`WorkspaceError::NotAWorkspace`] for a file that is not SQLite or is
    /// corrupt; a missing file fails to open.
    pub fn open_read_only(path: &Path) -> Result<Self, WorkspaceError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(e, path))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        sqlfn::register(&conn)?;
        // The journal mode is the file's (WAL, set by the writer); reading it is the
        // first statement that touches the file, so a foreign file fails here.
        conn.query_row("PRAGMA journal_mode", [], |_| Ok(()))
            .and_then(|()| {
                conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;")
            })
            .map_err(|e| classify(e, path))?;
        Ok(Workspace {
            conn,
            path: path.to_path_buf(),
            today: None,
        })
    }

    /// Open a workspace in memory (tests and dry runs of whole flows).
    pub fn open_in_memory() -> Result<Self, WorkspaceError> {
        let conn = Connection::open_in_memory()?;
        Self::from_connection(conn, Path::new(":memory:"), |_| {})
    }

    fn from_connection(
        conn: Connection,
        path: &Path,
        before_upgrade: impl FnOnce(Upgrade),
    ) -> Result<Self, WorkspaceError> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        sqlfn::register(&conn)?;
        let setup = (|| -> rusqlite::Result<()> {
            // Reading the journal mode is the first statement that touches the file, so a
            // corrupt or foreign file fails here with NotADatabase.
            conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
            conn.execute_batch(
                "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;",
            )
        })();
        setup.map_err(|e| classify(e, path))?;
        let mut ws = Workspace {
            conn,
            path: path.to_path_buf(),
            today: None,
        };
        migrate::migrate(&mut ws.conn, before_upgrade).map_err(|e| match e {
            WorkspaceError::Sqlite(inner) => classify(inner, path),
            other => other,
        })?;
        if phones::missing(&ws.conn)? {
            ws.write(|tx| phones::ensure(tx))?;
        }
        if phone_reading::stale(&ws.conn)? {
            ws.write(|tx| phone_reading::reread(tx).map(drop))?;
        }
        Ok(ws)
    }

    /// The file this workspace lives in (`:memory:` for in-memory ones).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Today's date as this workspace's users see it: the one given to
    /// [`Workspace::set_today`] when it is not later than the local clock's, else the
    /// clock's. Review compares a campaign's as-of date with it (a date far from today
    /// is a warning), and the minor check reads ages on it and the as-of date: a date
    /// set in the future (`TACTFUL_TODAY=2040-01-01`) would age every child into an
    /// adult, so today never runs ahead of the clock (trial F11).
    pub fn today(&self) -> chrono::NaiveDate {
        let clock = chrono::Local::now().date_naive();
        self.today.map_or(clock, |given| given.min(clock))
    }

    /// Take `today` as today's date instead of the clock's, for reproducible runs (the
    /// CLI's `TACTFUL_TODAY`, tests); only a date no later than the clock's is taken
    /// ([`Workspace::today`]).
    pub fn set_today(&mut self, today: chrono::NaiveDate) {
        self.today = Some(today);
    }

    /// The connection, for reads. Writes go through [`Workspace::write`].
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Run `f` inside one immediate (write-locked) transaction and commit if it returns
    /// `Ok`; roll back otherwise, leaving the workspace exactly as it was.
    ///
    /// Errors: [`WorkspaceError::Busy`] if another process holds the write lock for
    /// longer than [`BUSY_TIMEOUT`], or whatever `f` returns.
    pub fn write<T, E>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<WorkspaceError>,
    {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| E::from(classify(e, &path)))?;
        let value = f(&tx)?;
        tx.commit().map_err(|e| E::from(classify(e, &path)))?;
        Ok(value)
    }

    /// Map a SQLite error raised while using this workspace to a [`WorkspaceError`],
    /// recognising busy, full and damaged files.
    pub fn error(&self, e: rusqlite::Error) -> WorkspaceError {
        classify(e, &self.path)
    }
}

fn classify(e: rusqlite::Error, path: &Path) -> WorkspaceError {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => WorkspaceError::Busy {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            WorkspaceError::NotAWorkspace {
                path: path.to_path_buf(),
                detail: e.to_string(),
            }
        }
        Some(ErrorCode::DiskFull) => WorkspaceError::DiskFull,
        Some(ErrorCode::ReadOnly) => WorkspaceError::ReadOnly {
            path: path.to_path_buf(),
        },
        _ => WorkspaceError::Sqlite(e),
    }
}

/// Quote an SQL identifier (a field's column name) for SQLite: wrap in double quotes and
/// double any inside. The only way an identifier reaches SQL text.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The current time as RFC 3339 UTC with second precision (`2026-11-29T08:00:00Z`).
pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Who is acting, for the audit log: `$TACTFUL_ACTOR`, else the login name
/// (`$USER`, `$LOGNAME`, `$USERNAME`), else the last part of `$HOME` (named after the
/// user on Unix-like systems: cron jobs and containers often set `HOME` but not `USER`),
/// else `unknown`. Blank values are skipped.
pub fn actor() -> String {
    let set = |v: &str| std::env::var(v).ok().filter(|s| !s.trim().is_empty());
    ["TACTFUL_ACTOR", "USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| set(v))
        .or_else(|| {
            let home = set("HOME")?;
            let name = std::path::Path::new(&home).file_name()?.to_str()?;
            Some(name.to_string())
        })
        .unwrap_or_else(|| "unknown".to_string())
}

#[cfg(test)]
mod tests;
