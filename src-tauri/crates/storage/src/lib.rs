//! Etap's storage: one SQLite file that keeps everything a user entered.
//!
//! Guarantees:
//! - every connection runs with WAL, foreign keys on, a busy timeout and
//!   `synchronous=FULL`: a commit returns only once the WAL is synced to the disk, so
//!   a save the window shows as saved survives a power cut, not only a crash of the
//!   process (NORMAL would lose the last commits; the cost is in BENCHMARKS.md);
//! - the schema is an append-only list of migrations tracked by `PRAGMA user_version`
//!   ([`migrations`]), and a copy of the file is written to `backups/` before any
//!   migration touches an existing database; copies rotate — daily, before a
//!   migration, on demand — and one can be restored ([`backups`]);
//! - every write runs in one `IMMEDIATE` transaction: it lands whole or not at all;
//! - lifecycle transitions go through [`etap_domain::decide`] only, and each is recorded
//!   with its time, steps, round, stage and comment, so [`Store::replayed_state`] can
//!   rebuild the state from history.

mod archive;
mod backups;
mod clients;
mod codes;
mod dashboard;
mod demo;
mod deployment;
mod development;
mod error;
mod estimate;
pub mod git;
pub mod migrations;
mod payments;
mod preparation;
mod projects;
mod provider;
mod register;
mod settings;
pub mod spec;
mod stages;

use std::path::{Path, PathBuf};

use chrono::{SecondsFormat, Utc};
use rusqlite::{Connection, TransactionBehavior};

pub use archive::Selection;
pub use error::{Result, StorageError, Subject};
pub use register::{NewDocument, WrittenFile};
// The project's state and history, read by the record modules beside it.
pub(crate) use projects::{history, load_state};

/// The most a page of a list holds, whatever is asked: a list the window shows is
/// read a page at a time, never whole.
pub const MAX_PAGE: u32 = 200;

/// The database file's name inside the data folder.
pub const DB_FILE: &str = "etap.sqlite";

/// The open database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

pub(crate) fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Today's date where the user is: dates they type are judged against it.
pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// `query_row` through the connection's statement cache. The store runs the same few
/// hundred statements over and over (the dashboard ~20 for each row it shows), and
/// compiling each anew was most of what a read cost; `prepare_cached` is used for the
/// same reason wherever a statement is prepared.
pub(crate) trait CachedRow {
    fn row<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: rusqlite::Params,
        F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>;
}

impl CachedRow for Connection {
    fn row<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: rusqlite::Params,
        F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    {
        self.prepare_cached(sql)?.query_row(params, f)
    }
}

/// How many compiled statements a connection keeps (rusqlite's default is 16; the
/// store has a few hundred distinct statements, a project page alone ~60).
const STATEMENT_CACHE: usize = 512;

fn configure(conn: &Connection) -> Result<()> {
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

impl Store {
    /// Opens (or creates) the database in `data_dir`, backing it up and migrating it
    /// to the latest schema.
    pub fn open_dir(data_dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(data_dir).map_err(|e| StorageError::io(data_dir, e))?;
        Store::open_file(&data_dir.join(DB_FILE))
    }

    /// Opens (or creates) the database file at `path`.
    pub fn open_file(path: &Path) -> Result<Store> {
        let mut conn = Connection::open(path)?;
        configure(&conn)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let latest = migrations::LATEST as i64;
        if version > latest {
            return Err(StorageError::TooNew {
                found: version,
                supported: latest,
            });
        }
        let migrating = version > 0 && version < latest;
        // Whether the copy before the migration went to the chosen folder and joins its
        // rotation (not when that folder was gone and the copy went beside the database).
        let mut rotate = migrating;
        if migrating {
            let name = etap_domain::backup::BackupName::new(
                etap_domain::backup::BackupKind::Migration,
                Utc::now(),
                version,
            );
            // The folder chosen in the settings (read through the settings' one reader,
            // from the old schema: the settings table has been there since schema 1).
            let chosen = etap_domain::settings::Settings::read(
                |key| {
                    conn.row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                        r.get(0)
                    })
                    .ok()
                },
                etap_domain::Lang::Ru,
            )
            .backup_folder;
            let dest = backups::backups_dir_of(path, &chosen).join(name.file_name());
            if let Err(e) = backup_into(&conn, &dest) {
                // A chosen folder that is gone (a disk not plugged in) must not leave the
                // upgrade without its copy: it is written beside the database instead.
                if chosen.is_empty() {
                    return Err(e);
                }
                let beside = backups::backups_dir_of(path, "").join(name.file_name());
                tracing::warn!(error = %e, backup = %beside.display(), "the chosen backup folder failed; the copy before the migration goes beside the database");
                backup_into(&conn, &beside)?;
                rotate = false;
            }
            tracing::info!(from = version, to = latest, "backed up before migration");
        }
        migrations::migrate(&mut conn)?;
        let store = Store {
            conn,
            path: Some(path.to_path_buf()),
        };
        if rotate {
            // The migration copy joins the one rotation of all copies.
            store.rotate()?;
        }
        Ok(store)
    }

    /// A fresh database in memory, for tests.
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        migrations::migrate(&mut conn)?;
        Ok(Store { conn, path: None })
    }

    /// Where the database lives (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// The connection's `PRAGMA synchronous` level (0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA):
    /// what a commit waits for before it returns.
    pub fn synchronous(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "synchronous", |r| r.get(0))?)
    }

    /// Sets `PRAGMA synchronous` on this connection, for the durability bench that
    /// measures what FULL costs against NORMAL; the app never calls it.
    #[doc(hidden)]
    pub fn set_synchronous(&self, level: &str) -> Result<()> {
        self.conn.pragma_update(None, "synchronous", level)?;
        Ok(())
    }

    /// Calls `f` with every statement the store runs, its parameters written in (the
    /// plan test reads each list query's plan); `None` stops it.
    #[cfg(feature = "trace")]
    #[doc(hidden)]
    pub fn trace_sql(&mut self, f: Option<fn(&str)>) {
        // The legacy trace hands each statement with its parameters already written
        // in, which is what `EXPLAIN QUERY PLAN` needs; a test-only feature.
        #[allow(deprecated)]
        self.conn.trace(f);
    }

    /// Runs `EXPLAIN QUERY PLAN` of `sql` and answers the plan's lines.
    #[cfg(feature = "trace")]
    #[doc(hidden)]
    pub fn query_plan(&self, sql: &str) -> Result<Vec<String>> {
        let mut st = self.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        let rows = st.query_map([], |r| r.get::<_, String>(3))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Writes a consistent copy of the whole database to `dest` (on demand backups).
    pub fn backup(&self, dest: &Path) -> Result<()> {
        backup_into(&self.conn, dest)
    }

    fn write<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            // Inside [`Store::batch`]: the write is a savepoint of the batch's
            // transaction, so a refused write still leaves nothing of itself.
            let sp = self.conn.savepoint()?;
            let out = f(&sp)?;
            sp.commit()?;
            return Ok(out);
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs many writes as one transaction: all of them land, or none (the data
    /// generator writes a project's years of records this way, one commit each).
    /// Each write inside still checks and refuses on its own.
    pub fn batch<T, E: From<StorageError>>(
        &mut self,
        f: impl FnOnce(&mut Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| E::from(StorageError::from(e)))?;
        match f(self) {
            Ok(out) => {
                self.conn
                    .execute_batch("COMMIT")
                    .map_err(|e| E::from(StorageError::from(e)))?;
                Ok(out)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }
}

fn backup_into(conn: &Connection, dest: &Path) -> Result<()> {
    if let Some(dir) = dest.parent() {
        std::fs::create_dir_all(dir).map_err(|e| StorageError::io(dir, e))?;
    }
    let target = dest.to_str().ok_or_else(|| {
        StorageError::io(
            dest,
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "path is not UTF-8"),
        )
    })?;
    conn.execute("VACUUM INTO ?1", [target])?;
    Ok(())
}
