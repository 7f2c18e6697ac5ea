//! Backups of the database: what a copy is named, which copies are kept, whether the
//! daily copy is due, and whether a file may be restored. Storage does the file work
//! (`VACUUM INTO`, the SQLite backup API) and asks these rules.
//!
//! A copy is the database alone. The documents folder is neither copied nor touched by
//! a restore: issued PDFs are written once and never deleted by the app, so every file
//! the restored register names is still there; documents issued after the copy stay in
//! the folder but leave the register ([`restore_note`] says so to the user).

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::Serialize;

use crate::lifecycle::Refusal;
use crate::text::Text;

/// Why a copy was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// The first start of a day.
    Daily,
    /// Before a migration changed the schema.
    Migration,
    /// Asked for by the user.
    Manual,
    /// The database as it was just before a restore replaced it.
    BeforeRestore,
}

impl BackupKind {
    pub fn code(self) -> &'static str {
        match self {
            BackupKind::Daily => "daily",
            BackupKind::Migration => "migration",
            BackupKind::Manual => "manual",
            BackupKind::BeforeRestore => "before-restore",
        }
    }

    fn from_code(code: &str) -> Option<BackupKind> {
        [
            BackupKind::Daily,
            BackupKind::Migration,
            BackupKind::Manual,
            BackupKind::BeforeRestore,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }

    /// «ежедневная» / "daily", as the list and the CLI show it.
    pub fn label(self) -> Text {
        match self {
            BackupKind::Daily => Text::new("ежедневная", "daily"),
            BackupKind::Migration => Text::new("перед обновлением", "before an upgrade"),
            BackupKind::Manual => Text::new("вручную", "manual"),
            BackupKind::BeforeRestore => Text::new("перед восстановлением", "before a restore"),
        }
    }
}

/// What a copy's file name says: `etap-20261130-193000-daily-v14.sqlite` (the time in
/// UTC; `-2`, `-3` … before `.sqlite` when two copies fall in one second). Names of
/// the first releases, `etap-20261130-193000-v1.sqlite`, were migration copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupName {
    pub kind: BackupKind,
    /// When it was taken, UTC.
    pub taken_at: NaiveDateTime,
    /// The schema version of the copied database.
    pub schema: i64,
    /// The tie-breaker for copies taken in the same second (1 when alone).
    pub seq: u32,
}

const STAMP: &str = "%Y%m%d-%H%M%S";

impl BackupName {
    /// The name of a copy taken at `at`, to the second as its file name keeps it (so
    /// it compares equal to the names read back from the folder).
    pub fn new(kind: BackupKind, at: DateTime<Utc>, schema: i64) -> BackupName {
        use chrono::{DurationRound, TimeDelta};
        let at = at.duration_trunc(TimeDelta::seconds(1)).unwrap_or(at);
        BackupName {
            kind,
            taken_at: at.naive_utc(),
            schema,
            seq: 1,
        }
    }

    pub fn file_name(&self) -> String {
        let seq = if self.seq > 1 {
            format!("-{}", self.seq)
        } else {
            String::new()
        };
        format!(
            "etap-{}-{}-v{}{seq}.sqlite",
            self.taken_at.format(STAMP),
            self.kind.code(),
            self.schema
        )
    }

    /// The copy a file name describes; `None` for any other file (never rotated away).
    pub fn parse(file_name: &str) -> Option<BackupName> {
        let rest = file_name.strip_prefix("etap-")?.strip_suffix(".sqlite")?;
        let taken_at = NaiveDateTime::parse_from_str(rest.get(..15)?, STAMP).ok()?;
        let segs: Vec<&str> = rest.get(15..)?.strip_prefix('-')?.split('-').collect();
        let at = segs.iter().position(|s| {
            s.strip_prefix('v')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })?;
        let kind = match segs[..at].join("-").as_str() {
            "" => BackupKind::Migration,
            code => BackupKind::from_code(code)?,
        };
        let schema = segs[at][1..].parse().ok()?;
        let seq = match &segs[at + 1..] {
            [] => 1,
            [n] => n.parse().ok().filter(|&n: &u32| n > 1)?,
            _ => return None,
        };
        Some(BackupName {
            kind,
            taken_at,
            schema,
            seq,
        })
    }
}

/// How many copies are kept when the user has not said.
pub const KEEP_DEFAULT: u32 = 10;
/// The most copies the setting accepts.
pub const KEEP_MAX: u32 = 100;

/// The stored setting (`crate::settings::BACKUPS_KEEP`) as a number of copies;
/// `None` for a value out of range or unreadable (only [`check_keep`] ever writes it).
pub fn keep_from_text(value: &str) -> Option<u32> {
    value
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=KEEP_MAX).contains(n))
}

/// How many copies to keep, as the user typed it: from 1 to [`KEEP_MAX`].
pub fn check_keep(n: i64) -> Result<u32, Refusal> {
    u32::try_from(n)
        .ok()
        .filter(|n| (1..=KEEP_MAX).contains(n))
        .ok_or_else(|| {
            Refusal::new(
                "backups_keep_invalid",
                format!("Хранить можно от 1 до {KEEP_MAX} копий."),
                format!("Keep from 1 to {KEEP_MAX} copies."),
            )
        })
}

/// The backup folder the user chose, as it is kept: a full path, or empty for
/// `backups/` beside the database (the default).
pub fn check_folder(value: &str) -> Result<String, Refusal> {
    crate::input::folder_path(value)
        .map(str::to_string)
        .map_err(|problem| {
            let v = value.trim();
            match problem {
                crate::input::PathProblem::NotAbsolute => Refusal::new(
                    "backup_folder_invalid",
                    format!("Укажите полный путь к папке для копий (например, /home/anna/Копии Etap), а не «{v}». Пустое поле — папка backups рядом с базой."),
                    format!("Give the full path of the folder for backups (for example /home/anna/Etap backups), not “{v}”. An empty field means the backups folder beside the database."),
                ),
                crate::input::PathProblem::Unusable => Refusal::new(
                    "backup_folder_invalid",
                    "Такой папки не бывает: путь слишком длинный или содержит управляющие символы.",
                    "No folder has this name: the path is too long or holds control characters.",
                ),
            }
        })
}

/// The stored setting (`crate::settings::BACKUP_FOLDER`) as a folder; empty (the
/// default) for a value [`check_folder`] would refuse.
pub fn folder_from_text(value: &str) -> String {
    check_folder(value).unwrap_or_default()
}

/// The chosen folder cannot be made or written to; `why` is what the system said,
/// put in a manager's words where there are such words.
pub fn folder_unwritable(folder: &str, why: std::io::ErrorKind, detail: &str) -> Refusal {
    use std::io::ErrorKind as K;
    let (ru, en) = match why {
        K::PermissionDenied => (
            "нет прав на запись".to_string(),
            "no permission to write".to_string(),
        ),
        K::NotADirectory | K::AlreadyExists => (
            "на этом пути лежит файл, а не папка".to_string(),
            "a file, not a folder, is at this path".to_string(),
        ),
        K::ReadOnlyFilesystem => (
            "диск только для чтения".to_string(),
            "the disk is read-only".to_string(),
        ),
        K::StorageFull | K::QuotaExceeded => {
            ("диск заполнен".to_string(), "the disk is full".to_string())
        }
        K::InvalidFilename => (
            "имя одной из папок пути слишком длинное или недопустимо".to_string(),
            "a folder name in the path is too long or not allowed".to_string(),
        ),
        _ => (detail.to_string(), detail.to_string()),
    };
    Refusal::new(
        "backup_folder_unwritable",
        format!("В папку «{folder}» нельзя записать копию: {ru}. Выберите другую папку; копии остаются там, где были."),
        format!("A backup cannot be written to the folder “{folder}”: {en}. Choose another folder; the copies stay where they were."),
    )
}

/// What choosing another backup folder did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FolderChanged {
    /// The folder copies now go to.
    pub folder: String,
    /// The copies moved there from the previous folder.
    pub moved: u32,
    /// The copies that could not be moved and stay in the previous folder.
    pub left: u32,
    /// «Копии теперь сохраняются в …; перенесено копий: 3.»
    pub message: Text,
}

impl FolderChanged {
    pub fn new(folder: String, previous: &str, moved: u32, left: u32) -> FolderChanged {
        let mut message = Text::new(
            format!("Копии теперь сохраняются в «{folder}». Перенесено копий: {moved}."),
            format!("Backups are now kept in “{folder}”. Copies moved: {moved}."),
        );
        if left > 0 {
            message = Text::new(
                format!(
                    "{} Не удалось перенести {left} — они остались в «{previous}».",
                    message.ru
                ),
                format!(
                    "{} {left} could not be moved and stay in “{previous}”.",
                    message.en
                ),
            );
        }
        FolderChanged {
            folder,
            moved,
            left,
            message,
        }
    }
}

/// The copies beyond the newest `keep`, oldest last: the ones rotation deletes.
/// Every kind counts towards one limit.
pub fn to_delete(copies: &[BackupName], keep: u32) -> Vec<BackupName> {
    let mut sorted = copies.to_vec();
    sorted.sort_by_key(|c| std::cmp::Reverse((c.taken_at, c.seq)));
    sorted.into_iter().skip(keep as usize).collect()
}

/// Whether the start of the app should take the daily copy: at most one a day — none
/// taken yet on `now`'s date (UTC, the date the names carry).
pub fn daily_due(copies: &[BackupName], now: DateTime<Utc>) -> bool {
    let today: NaiveDate = now.date_naive();
    !copies
        .iter()
        .any(|c| c.kind == BackupKind::Daily && c.taken_at.date() == today)
}

/// What storage found when it looked into a file the user wants to restore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inspected {
    /// No such file.
    Missing,
    /// Not an SQLite database, or one that fails `PRAGMA integrity_check`.
    Damaged,
    /// A sound SQLite database; `etap_tables` says whether it has Etap's tables.
    Sound { schema: i64, etap_tables: bool },
}

/// Whether a file may replace the database, given what storage found in it and the
/// newest schema this build knows. A refusal changes nothing.
pub fn may_restore(found: &Inspected, latest: i64) -> Result<(), Refusal> {
    match *found {
        Inspected::Missing => Err(Refusal::new(
            "backup_missing",
            "Файл копии не найден. Выберите копию из списка или укажите путь к файлу.",
            "The backup file was not found. Choose a copy from the list or give the file's path.",
        )),
        Inspected::Damaged => Err(Refusal::new(
            "backup_damaged",
            "Файл повреждён или это не база данных — восстановить из него нельзя. Текущие данные не изменены.",
            "The file is damaged or is not a database — it cannot be restored. Your current data was not changed.",
        )),
        Inspected::Sound {
            schema,
            etap_tables,
        } if schema < 1 || !etap_tables => Err(Refusal::new(
            "backup_foreign",
            "Это база данных другой программы, а не копия Etap. Текущие данные не изменены.",
            "This is another program's database, not an Etap backup. Your current data was not changed.",
        )),
        Inspected::Sound { schema, .. } if schema > latest => Err(Refusal::new(
            "backup_too_new",
            "Копию сделала более новая версия Etap — обновите приложение, чтобы восстановить её. Текущие данные не изменены.",
            "The backup was made by a newer version of Etap — update the application to restore it. Your current data was not changed.",
        )),
        Inspected::Sound { .. } => Ok(()),
    }
}

/// One copy as the window and the CLI list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupCopy {
    /// The file's name in the backups folder (what `etap restore` takes).
    pub file: String,
    pub kind: BackupKind,
    /// When it was taken, RFC 3339 in UTC.
    pub taken_at: String,
    /// Its size in bytes.
    pub size: u64,
    /// The schema version it holds.
    pub schema: i64,
}

impl BackupCopy {
    pub fn new(name: &BackupName, size: u64) -> BackupCopy {
        BackupCopy {
            file: name.file_name(),
            kind: name.kind,
            taken_at: name
                .taken_at
                .and_utc()
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            size,
            schema: name.schema,
        }
    }
}

/// The backups panel: the copies newest first, how many are kept, where they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Backups {
    pub copies: Vec<BackupCopy>,
    pub keep: u32,
    /// The backups folder.
    pub folder: String,
    /// What a restore does not bring back ([`restore_note`]).
    pub note: Text,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Restored {
    /// The copy the database now holds (its file name, or the path given).
    pub from: String,
    /// The copy of the database as it was just before.
    pub before: BackupCopy,
    /// What the restore did not bring back ([`restore_note`]).
    pub note: Text,
}

/// What a restore does not bring back, said every time one is offered or done.
pub fn restore_note() -> Text {
    Text::new(
        "Восстанавливается только база данных. Папка documents не меняется: выпущенные PDF остаются на месте, а документы, выпущенные после этой копии, останутся в папке, но пропадут из реестра. Текущая база сначала сохраняется в копию «перед восстановлением».",
        "Only the database is restored. The documents folder is left as it is: issued PDFs stay where they are, and documents issued after this copy stay in the folder but leave the register. The current database is first saved as a “before a restore” copy.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap()
    }

    #[test]
    fn a_backup_folder_is_a_full_path_or_empty_for_the_default() {
        assert_eq!(check_folder("  /mnt/usb/etap  ").unwrap(), "/mnt/usb/etap");
        assert_eq!(check_folder("D:\\Копии").unwrap(), "D:\\Копии");
        assert_eq!(check_folder("   ").unwrap(), "");
        let relative = check_folder("backups").unwrap_err();
        assert_eq!(relative.code, "backup_folder_invalid");
        assert!(relative.message.ru.contains("полный путь"), "{relative:?}");
        assert!(check_folder("/tmp/a\u{7}b").is_err());
        assert!(check_folder(&format!("/{}", "a".repeat(crate::input::PATH_MAX))).is_err());
        // A stored value that would be refused reads as the default.
        assert_eq!(folder_from_text("relative/path"), "");
        assert_eq!(folder_from_text("/srv/copies"), "/srv/copies");
    }

    #[test]
    fn an_unwritable_folder_is_refused_in_words() {
        let r = folder_unwritable(
            "/etc/x",
            std::io::ErrorKind::PermissionDenied,
            "os error 13",
        );
        assert_eq!(r.code, "backup_folder_unwritable");
        assert!(r.message.en.contains("no permission to write"), "{r:?}");
        let file = folder_unwritable("/tmp/a.txt/x", std::io::ErrorKind::NotADirectory, "");
        assert!(file.message.ru.contains("файл, а не папка"), "{file:?}");
        let long = folder_unwritable(
            "/tmp/ааа",
            std::io::ErrorKind::InvalidFilename,
            "os error 36",
        );
        assert!(long.message.en.contains("too long"), "{long:?}");
        assert!(!long.message.ru.contains("os error"), "{long:?}");
    }

    #[test]
    fn changing_the_folder_says_how_many_copies_moved_and_where_the_rest_stay() {
        let all = FolderChanged::new("/mnt/usb".into(), "/data/backups", 3, 0);
        assert_eq!(
            all.message.en,
            "Backups are now kept in “/mnt/usb”. Copies moved: 3."
        );
        let some = FolderChanged::new("/mnt/usb".into(), "/data/backups", 2, 1);
        assert!(
            some.message.ru.ends_with("остались в «/data/backups»."),
            "{:?}",
            some.message
        );
    }

    #[test]
    fn a_name_is_taken_to_the_second_so_it_equals_the_one_read_back() {
        let at = DateTime::parse_from_rfc3339("2026-11-30T23:48:18.734512Z")
            .unwrap()
            .with_timezone(&Utc);
        let name = BackupName::new(BackupKind::Manual, at, 14);
        assert_eq!(BackupName::parse(&name.file_name()), Some(name));
    }

    #[test]
    fn names_round_trip_and_old_names_are_migration_copies() {
        for kind in [
            BackupKind::Daily,
            BackupKind::Migration,
            BackupKind::Manual,
            BackupKind::BeforeRestore,
        ] {
            let mut n = BackupName::new(kind, at(30, 19), 14);
            assert_eq!(BackupName::parse(&n.file_name()), Some(n.clone()));
            n.seq = 3;
            assert_eq!(BackupName::parse(&n.file_name()), Some(n));
        }
        assert_eq!(
            BackupName::new(BackupKind::BeforeRestore, at(30, 19), 14).file_name(),
            "etap-20261130-190000-before-restore-v14.sqlite"
        );
        let old = BackupName::parse("etap-20261130-190000-v1.sqlite").unwrap();
        assert_eq!(
            (old.kind, old.schema, old.seq),
            (BackupKind::Migration, 1, 1)
        );
        for other in [
            "etap.sqlite",
            "etap-20261130-190000-weekly-v1.sqlite",
            "etap-20261130-190000-daily.sqlite",
            "etap-20261130-190000-daily-v1-1.sqlite",
            "etap-2026113x-190000-daily-v1.sqlite",
            "notes.txt",
        ] {
            assert_eq!(BackupName::parse(other), None, "{other}");
        }
    }

    #[test]
    fn rotation_keeps_the_newest_of_every_kind_together() {
        let copies: Vec<BackupName> = (1..=5)
            .map(|d| BackupName::new(BackupKind::Daily, at(d, 9), 14))
            .chain([BackupName::new(BackupKind::Migration, at(3, 10), 13)])
            .collect();
        let gone = to_delete(&copies, 3);
        let days: Vec<(u32, BackupKind)> = gone
            .iter()
            .map(|c| (chrono::Datelike::day(&c.taken_at), c.kind))
            .collect();
        assert_eq!(
            days,
            vec![
                (3, BackupKind::Daily),
                (2, BackupKind::Daily),
                (1, BackupKind::Daily)
            ],
            "the 5th, the 4th and the 3rd's later migration copy are kept"
        );
        assert!(to_delete(&copies, 10).is_empty());
    }

    #[test]
    fn the_daily_copy_is_due_once_a_day() {
        let copies = vec![
            BackupName::new(BackupKind::Daily, at(29, 23), 14),
            BackupName::new(BackupKind::Manual, at(30, 8), 14),
        ];
        assert!(
            daily_due(&copies, at(30, 9)),
            "a manual copy is not the daily one"
        );
        let mut copies = copies;
        copies.push(BackupName::new(BackupKind::Daily, at(30, 9), 14));
        assert!(!daily_due(&copies, at(30, 23)));
        let next_day = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
        assert!(daily_due(&copies, next_day));
        assert!(daily_due(&[], at(30, 9)), "the very first start");
    }

    #[test]
    fn the_number_kept_is_from_one_to_a_hundred() {
        assert_eq!(keep_from_text("3"), Some(3));
        assert_eq!(keep_from_text("0"), None);
        assert_eq!(keep_from_text("много"), None);
        assert_eq!(check_keep(1), Ok(1));
        assert_eq!(check_keep(100), Ok(100));
        for bad in [0, -1, 101, i64::MAX] {
            assert_eq!(check_keep(bad).unwrap_err().code, "backups_keep_invalid");
        }
    }

    #[test]
    fn only_a_sound_etap_database_of_a_known_version_may_be_restored() {
        let sound = |schema, etap_tables| Inspected::Sound {
            schema,
            etap_tables,
        };
        assert_eq!(may_restore(&sound(14, true), 14), Ok(()));
        assert_eq!(
            may_restore(&sound(1, true), 14),
            Ok(()),
            "older ones are migrated"
        );
        let code = |found: Inspected| may_restore(&found, 14).unwrap_err().code;
        assert_eq!(code(Inspected::Missing), "backup_missing");
        assert_eq!(code(Inspected::Damaged), "backup_damaged");
        assert_eq!(code(sound(0, false)), "backup_foreign");
        assert_eq!(code(sound(5, false)), "backup_foreign");
        assert_eq!(code(sound(0, true)), "backup_foreign");
        assert_eq!(code(sound(15, true)), "backup_too_new");
    }
}
