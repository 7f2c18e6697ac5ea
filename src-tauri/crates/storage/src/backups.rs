//! Rotating copies of the database in the backup folder (the one chosen in the
//! settings, or `backups/` beside the database), and restoring one: the file work
//! behind the rules of [`etap_domain::backup`] (names, how many are kept, whether the
//! daily copy is due, whether a file may be restored, which folder may be chosen).
//!
//! A copy is written with `VACUUM INTO` (a complete, compact database in one file). A
//! restore copies the chosen file into the open connection with SQLite's backup API,
//! in one write transaction: another process with the database open (the CLI, a
//! second window) sees the old data or the restored data, never a file swapped
//! under it.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use etap_domain::backup::{
    self as rules, BackupCopy, BackupKind, BackupName, Backups, FolderChanged, Inspected, Restored,
};
use rusqlite::{Connection, OpenFlags};

use crate::CachedRow as _;
use crate::{migrations, Result, StorageError, Store};

/// The tables every Etap database has had since schema 1: a file without them is
/// another program's database.
const ETAP_TABLES: [&str; 5] = ["clients", "projects", "transitions", "stages", "settings"];

impl Store {
    /// The backups folder: the one chosen in the settings, or `backups/` beside the
    /// database file (`None` for a database in memory).
    pub fn backups_dir(&self) -> Result<Option<PathBuf>> {
        let Some(db) = self.path.as_deref() else {
            return Ok(None);
        };
        let chosen = self.settings(etap_domain::Lang::Ru)?.backup_folder;
        Ok(Some(backups_dir_of(db, &chosen)))
    }

    /// `backups/` beside the database: where copies go when no folder is chosen.
    pub fn default_backups_dir(&self) -> Option<PathBuf> {
        self.path.as_deref().map(|db| backups_dir_of(db, ""))
    }

    /// Sends the copies to `folder` (a full path; empty: back to `backups/` beside the
    /// database). The folder is made if missing and must take a file, or nothing
    /// changes; the copies of the previous folder are moved there, and rotation then
    /// keeps the newest. What could not be moved stays where it was, and is counted.
    pub fn set_backup_folder(&mut self, folder: &str) -> Result<FolderChanged> {
        let chosen = rules::check_folder(&etap_domain::input::clean(folder))
            .map_err(StorageError::refused)?;
        let (Some(db), Some(old)) = (self.path.clone(), self.backups_dir()?) else {
            return Err(in_memory());
        };
        let new = backups_dir_of(&db, &chosen);
        let shown = new.display().to_string();
        probe(&new).map_err(|e| {
            StorageError::refused(rules::folder_unwritable(&shown, e.kind(), &e.to_string()))
        })?;
        let mut s = self.settings(etap_domain::Lang::Ru)?;
        s.backup_folder = chosen;
        self.store_setting(&s, etap_domain::settings::BACKUP_FOLDER)?;
        let same = match (old.canonicalize(), new.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => old == new,
        };
        let (moved, left) = if same {
            (0, 0)
        } else {
            move_copies(&old, &new)?
        };
        self.rotate()?;
        tracing::info!(from = %old.display(), to = %new.display(), moved, left, "changed the backup folder");
        Ok(FolderChanged::new(
            shown,
            &old.display().to_string(),
            moved,
            left,
        ))
    }

    /// The copies in the backups folder, newest first, with how many are kept.
    pub fn backups(&self) -> Result<Backups> {
        let dir = self.backups_dir()?.unwrap_or_default();
        let mut found = list(&dir)?;
        found.sort_by_key(|(c, _)| std::cmp::Reverse((c.taken_at, c.seq)));
        Ok(Backups {
            copies: found
                .iter()
                .map(|(name, size)| BackupCopy::new(name, *size))
                .collect(),
            keep: self.backups_keep()?,
            folder: dir.display().to_string(),
            note: rules::restore_note(),
        })
    }

    /// How many copies rotation keeps (a field of the settings).
    pub fn backups_keep(&self) -> Result<u32> {
        Ok(self.settings(etap_domain::Lang::Ru)?.backups_keep)
    }

    /// Stores how many copies to keep (1–100) and rotates at once.
    pub fn set_backups_keep(&mut self, keep: i64) -> Result<Backups> {
        let mut s = self.settings(etap_domain::Lang::Ru)?;
        s.backups_keep = rules::check_keep(keep).map_err(StorageError::refused)?;
        self.store_setting(&s, etap_domain::settings::BACKUPS_KEEP)?;
        self.rotate()?;
        self.backups()
    }

    /// Writes a copy of the database now and deletes the copies beyond the number
    /// kept.
    pub fn create_backup(&mut self, kind: BackupKind) -> Result<BackupCopy> {
        self.create_backup_at(kind, Utc::now())
    }

    /// [`Store::create_backup`] at a given time (tests move the clock).
    pub fn create_backup_at(&mut self, kind: BackupKind, now: DateTime<Utc>) -> Result<BackupCopy> {
        let copy = self.write_copy(kind, now)?;
        self.rotate()?;
        Ok(copy)
    }

    /// The start of the app: takes the daily copy unless one was taken today.
    pub fn daily_backup(&mut self) -> Result<Option<BackupCopy>> {
        self.daily_backup_at(Utc::now())
    }

    /// [`Store::daily_backup`] at a given time (tests move the clock).
    pub fn daily_backup_at(&mut self, now: DateTime<Utc>) -> Result<Option<BackupCopy>> {
        let Some(dir) = self.backups_dir()? else {
            return Ok(None);
        };
        let names: Vec<BackupName> = list(&dir)?.into_iter().map(|(n, _)| n).collect();
        if !rules::daily_due(&names, now) {
            return Ok(None);
        }
        self.create_backup_at(BackupKind::Daily, now).map(Some)
    }

    /// Replaces the database's content with the copy `file` (a name in the backups
    /// folder, or a path), after checking it is a sound Etap database of a version
    /// this build knows and saving the current database as a copy first. An older
    /// copy is migrated. A refused file changes nothing.
    pub fn restore_backup(&mut self, file: &Path) -> Result<Restored> {
        self.restore_backup_at(file, Utc::now())
    }

    /// [`Store::restore_backup`] at a given time (tests move the clock).
    pub fn restore_backup_at(&mut self, file: &Path, now: DateTime<Utc>) -> Result<Restored> {
        let source = self.resolve(file)?;
        let inspected = inspect(&source);
        rules::may_restore(&inspected, migrations::LATEST as i64).map_err(StorageError::refused)?;
        let before = self.write_copy(BackupKind::BeforeRestore, now)?;
        // Where the copies are and how many are kept describe the copies, not the data
        // restored: an old copy's values would hide the folder's copies or rotate away
        // the ones kept beyond its older count.
        let copies = self.settings(etap_domain::Lang::Ru)?;
        let from = Connection::open_with_flags(&source, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        {
            let backup = rusqlite::backup::Backup::new(&from, &mut self.conn)?;
            // All pages in one step: one write transaction on this database.
            backup.step(-1)?;
        }
        drop(from);
        crate::configure(&self.conn)?;
        migrations::migrate(&mut self.conn)?;
        let mut s = self.settings(etap_domain::Lang::Ru)?;
        s.backup_folder = copies.backup_folder;
        s.backups_keep = copies.backups_keep;
        for key in [
            etap_domain::settings::BACKUP_FOLDER,
            etap_domain::settings::BACKUPS_KEEP,
        ] {
            self.store_setting(&s, key)?;
        }
        self.rotate()?;
        tracing::info!(from = %source.display(), before = %before.file, "restored a backup");
        Ok(Restored {
            from: source
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            before,
            note: rules::restore_note(),
        })
    }

    /// Restores the copy named `file_name` in the backups folder (the window offers
    /// only those); any other name, a path included, is refused as missing.
    pub fn restore_copy(&mut self, file_name: &str) -> Result<Restored> {
        match (self.backups_dir()?, BackupName::parse(file_name)) {
            (Some(dir), Some(_)) => self.restore_backup(&dir.join(file_name)),
            _ => Err(StorageError::refused(
                rules::may_restore(&Inspected::Missing, 0).unwrap_err(),
            )),
        }
    }

    /// A bare name is a copy in the backups folder; anything else a path.
    fn resolve(&self, file: &Path) -> Result<PathBuf> {
        Ok(match (self.backups_dir()?, file.components().count()) {
            (Some(dir), 1) if !file.exists() => dir.join(file),
            _ => file.to_path_buf(),
        })
    }

    fn write_copy(&self, kind: BackupKind, now: DateTime<Utc>) -> Result<BackupCopy> {
        let dir = self.backups_dir()?.ok_or_else(in_memory)?;
        let mut name = BackupName::new(kind, now, self.schema_version()?);
        // Copies of any kind taken in the same second are told apart by their `seq`, so
        // the list stays newest first (a copy before a restore right after a manual one).
        if let Some(seq) = list(&dir)?
            .iter()
            .filter(|(n, _)| n.taken_at == name.taken_at)
            .map(|(n, _)| n.seq)
            .max()
        {
            name.seq = seq + 1;
        }
        while dir.join(name.file_name()).exists() {
            name.seq += 1;
        }
        let dest = dir.join(name.file_name());
        crate::backup_into(&self.conn, &dest)?;
        let size = std::fs::metadata(&dest)
            .map_err(|e| StorageError::io(&dest, e))?
            .len();
        Ok(BackupCopy::new(&name, size))
    }

    /// Deletes the copies beyond the number kept.
    pub(crate) fn rotate(&self) -> Result<()> {
        let Some(dir) = self.backups_dir()? else {
            return Ok(());
        };
        let names: Vec<BackupName> = list(&dir)?.into_iter().map(|(n, _)| n).collect();
        for old in rules::to_delete(&names, self.backups_keep()?) {
            let path = dir.join(old.file_name());
            std::fs::remove_file(&path).map_err(|e| StorageError::io(&path, e))?;
            tracing::info!(backup = %path.display(), "rotated an old backup away");
        }
        Ok(())
    }
}

/// The backups folder of the database at `db`: `chosen` (a checked full path), or
/// `backups/` beside the database when it is empty.
pub(crate) fn backups_dir_of(db: &Path, chosen: &str) -> PathBuf {
    if !chosen.is_empty() {
        return PathBuf::from(chosen);
    }
    db.parent()
        .map(|p| p.join("backups"))
        .unwrap_or_else(|| PathBuf::from("backups"))
}

fn in_memory() -> StorageError {
    StorageError::io(
        Path::new("backups"),
        std::io::Error::other("a database in memory has no backups folder"),
    )
}

/// Makes `dir` if missing and writes and deletes a file in it: a folder that passes
/// can take a copy.
fn probe(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let test = dir.join(".etap-write-test");
    std::fs::write(&test, b"etap")?;
    std::fs::remove_file(&test)
}

/// Moves every copy from `from` to `to` (a rename, or a copy and delete across
/// disks); a copy that cannot be moved, or whose name is already taken there, stays.
/// Returns (moved, left).
fn move_copies(from: &Path, to: &Path) -> Result<(u32, u32)> {
    let (mut moved, mut left) = (0, 0);
    for (name, _) in list(from)? {
        let (src, dest) = (from.join(name.file_name()), to.join(name.file_name()));
        let done = !dest.exists()
            && (std::fs::rename(&src, &dest).is_ok()
                || match std::fs::copy(&src, &dest) {
                    Ok(_) => std::fs::remove_file(&src).is_ok(),
                    Err(_) => {
                        let _ = std::fs::remove_file(&dest);
                        false
                    }
                });
        if done {
            moved += 1;
        } else {
            tracing::warn!(copy = %src.display(), to = %to.display(), "a backup could not be moved");
            left += 1;
        }
    }
    Ok((moved, left))
}

/// The copies in `dir` with their sizes; other files are not ours and are left alone.
fn list(dir: &Path) -> Result<Vec<(BackupName, u64)>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StorageError::io(dir, e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| StorageError::io(dir, e))?;
        let Some(name) = entry.file_name().to_str().and_then(BackupName::parse) else {
            continue;
        };
        let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
        out.push((name, size));
    }
    Ok(out)
}

/// What a file the user wants to restore is, read without writing to it.
fn inspect(path: &Path) -> Inspected {
    if !path.is_file() {
        return Inspected::Missing;
    }
    let Ok(conn) = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return Inspected::Damaged;
    };
    let sound = conn
        .row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))
        .is_ok_and(|ok| ok == "ok");
    if !sound {
        return Inspected::Damaged;
    }
    let Ok(schema) = conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0)) else {
        return Inspected::Damaged;
    };
    let etap_tables = ETAP_TABLES.iter().all(|t| {
        conn.row(
            "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            [t],
            |_| Ok(()),
        )
        .is_ok()
    });
    Inspected::Sound {
        schema,
        etap_tables,
    }
}
