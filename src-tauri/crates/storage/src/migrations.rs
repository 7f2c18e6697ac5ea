//! The schema as an append-only list of migrations, tracked by `PRAGMA user_version`
//! (rusqlite_migration). Never edit or remove an entry that has shipped: add a new one.
//! All tables are `STRICT`, so a wrong type is an error rather than silent coercion.

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::{Result, StorageError};

const STEPS: &[&str] = &[
    // 1: clients, projects with their current lifecycle state, the transition history,
    // development stages (2.1) and settings.
    "CREATE TABLE clients (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
        created_at  TEXT NOT NULL
    ) STRICT;
    CREATE TABLE projects (
        id              INTEGER PRIMARY KEY,
        client_id       INTEGER NOT NULL REFERENCES clients(id) ON DELETE RESTRICT,
        title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
        step            TEXT NOT NULL,
        round           INTEGER NOT NULL CHECK (round >= 1),
        stage           INTEGER NOT NULL CHECK (stage >= 0),
        stages_total    INTEGER NOT NULL CHECK (stages_total >= 0),
        cancelled_from  TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX projects_client ON projects(client_id);
    CREATE TABLE transitions (
        id          INTEGER PRIMARY KEY,
        project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        at          TEXT NOT NULL,
        action      TEXT NOT NULL,
        stages      INTEGER,
        from_step   TEXT NOT NULL,
        to_step     TEXT NOT NULL,
        round       INTEGER NOT NULL,
        stage       INTEGER NOT NULL,
        comment     TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX transitions_project ON transitions(project_id, id);
    CREATE TABLE stages (
        id          INTEGER PRIMARY KEY,
        project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        number      INTEGER NOT NULL CHECK (number >= 1),
        title       TEXT NOT NULL,
        UNIQUE (project_id, number)
    ) STRICT;
    CREATE TABLE settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
    ) STRICT;",
    // 2: the dashboard lists projects by their last change.
    "CREATE INDEX projects_updated ON projects(updated_at DESC, id DESC);",
];

/// The schema version this build writes.
pub const LATEST: usize = STEPS.len();

/// The migration list.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(STEPS.iter().map(|s| M::up(s)).collect())
}

/// Brings the database to [`LATEST`] in one transaction.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrations()
        .to_latest(conn)
        .map_err(|e| StorageError::Migration(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().expect("valid migrations");
    }

    #[test]
    fn migrating_twice_changes_nothing() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, LATEST as i64);
    }
}
