//! Backups and restore: copies rotate (daily at most once a day, before a migration, on
//! demand), the number kept is a setting, and a restore brings back the old data after
//! saving the current one — while a damaged, foreign or newer file changes nothing.

use chrono::{DateTime, TimeZone, Utc};
use etap_domain::backup::BackupKind;
use etap_storage::{migrations, Store, DB_FILE};

use crate::temp_store;

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
}

/// The copies' names in `backups/` beside the database in `dir`.
fn files(dir: &std::path::Path) -> Vec<String> {
    names_in(&dir.join("backups"))
}

fn client_names(store: &Store) -> Vec<String> {
    store
        .clients()
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect()
}

#[test]
fn a_copy_on_demand_is_listed_with_its_kind_date_and_size() {
    let (dir, mut store) = temp_store();
    store.create_client("ООО «Ромашка»").unwrap();
    let copy = store
        .create_backup_at(BackupKind::Manual, at(30, 19))
        .unwrap();
    assert_eq!(copy.kind, BackupKind::Manual);
    assert_eq!(copy.taken_at, "2026-11-30T19:00:00Z");
    assert!(copy.size > 0);
    let listed = store.backups().unwrap();
    assert_eq!(listed.copies, vec![copy.clone()]);
    assert_eq!(
        listed.keep, 10,
        "ten copies are kept unless the user says otherwise"
    );
    assert_eq!(files(dir.path()), vec![copy.file.clone()]);
    // The copy is a whole database with the data in it.
    let conn = rusqlite::Connection::open(dir.path().join("backups").join(&copy.file)).unwrap();
    let name: String = conn
        .query_row("SELECT name FROM clients", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, "ООО «Ромашка»");
}

#[test]
fn only_the_newest_copies_are_kept_and_other_files_are_left_alone() {
    let (dir, mut store) = temp_store();
    std::fs::create_dir_all(dir.path().join("backups")).unwrap();
    std::fs::write(dir.path().join("backups").join("notes.txt"), "мои заметки").unwrap();
    assert_eq!(
        store.set_backups_keep(0).unwrap_err().code(),
        "backups_keep_invalid"
    );
    assert_eq!(store.set_backups_keep(3).unwrap().keep, 3);
    let made: Vec<String> = (1..=5)
        .map(|day| {
            store
                .create_backup_at(BackupKind::Manual, at(day, 9))
                .unwrap()
                .file
        })
        .collect();
    let mut expected = made[2..].to_vec();
    expected.push("notes.txt".into());
    expected.sort();
    assert_eq!(files(dir.path()), expected);
    // Lowering the number rotates at once.
    let listed = store.set_backups_keep(1).unwrap();
    assert_eq!(listed.copies.len(), 1);
    assert_eq!(listed.copies[0].file, made[4]);
    // Two copies in one second are both kept apart.
    store.set_backups_keep(5).unwrap();
    let a = store
        .create_backup_at(BackupKind::Manual, at(6, 9))
        .unwrap();
    let b = store
        .create_backup_at(BackupKind::Manual, at(6, 9))
        .unwrap();
    assert_ne!(a.file, b.file);
    assert_eq!(
        store.backups().unwrap().copies[0].file,
        b.file,
        "newest first"
    );
    // Of another kind in that same second: still listed first, being the newest.
    let c = store.create_backup_at(BackupKind::Daily, at(6, 9)).unwrap();
    assert_eq!(
        store.backups().unwrap().copies[0].file,
        c.file,
        "newest first, whatever its kind"
    );
}

#[test]
fn the_daily_copy_is_taken_at_most_once_a_day() {
    let (dir, mut store) = temp_store();
    assert!(store.daily_backup_at(at(29, 8)).unwrap().is_some());
    assert!(
        store.daily_backup_at(at(29, 18)).unwrap().is_none(),
        "a second start the same day takes none"
    );
    store
        .create_backup_at(BackupKind::Manual, at(30, 7))
        .unwrap();
    let next = store
        .daily_backup_at(at(30, 9))
        .unwrap()
        .expect("the next day");
    assert_eq!(next.kind, BackupKind::Daily);
    assert_eq!(files(dir.path()).len(), 3);
}

#[test]
fn the_copy_before_a_migration_joins_the_rotation() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
        migrations::migrations().to_version(&mut conn, 1).unwrap();
        conn.execute(
            "INSERT INTO settings (key, value) VALUES ('backups_keep', '2')",
            [],
        )
        .unwrap();
    }
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    for old in [
        "etap-20200101-000000-daily-v1.sqlite",
        "etap-20200102-000000-manual-v1.sqlite",
    ] {
        std::fs::write(backups.join(old), b"").unwrap();
    }
    let store = Store::open_dir(dir.path()).unwrap();
    let listed = store.backups().unwrap();
    let kinds: Vec<BackupKind> = listed.copies.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, vec![BackupKind::Migration, BackupKind::Manual]);
    assert!(listed.copies[0].file.ends_with("-migration-v1.sqlite"));
}

#[test]
fn a_restore_brings_back_the_old_data_after_saving_the_current() {
    let (dir, mut store) = temp_store();
    store.create_client("Было").unwrap();
    let copy = store
        .create_backup_at(BackupKind::Manual, at(30, 9))
        .unwrap();
    store.create_client("Стало").unwrap();

    let restored = store
        .restore_backup_at(std::path::Path::new(&copy.file), at(30, 10))
        .unwrap();
    assert_eq!(client_names(&store), vec!["Было"]);
    assert_eq!(restored.before.kind, BackupKind::BeforeRestore);
    assert!(restored.note.ru.contains("documents"));
    // What was there before is in the copy the restore made first …
    let before =
        rusqlite::Connection::open(dir.path().join("backups").join(&restored.before.file)).unwrap();
    let n: i64 = before
        .query_row("SELECT count(*) FROM clients", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2);
    // … and the restored data is what a restart finds.
    drop(store);
    let again = Store::open_dir(dir.path()).unwrap();
    assert_eq!(client_names(&again), vec!["Было"]);
    let integrity: String = rusqlite::Connection::open(dir.path().join(DB_FILE))
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
}

#[test]
fn a_copy_of_an_older_version_is_restored_and_migrated() {
    let (dir, mut store) = temp_store();
    let old = dir.path().join("old.sqlite");
    {
        let mut conn = rusqlite::Connection::open(&old).unwrap();
        migrations::migrations().to_version(&mut conn, 1).unwrap();
        conn.execute(
            "INSERT INTO clients (name, created_at) VALUES ('Старый клиент', '2026-01-01T00:00:00Z')",
            [],
        )
        .unwrap();
    }
    store.restore_backup(&old).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::LATEST as i64);
    assert_eq!(client_names(&store), vec!["Старый клиент"]);
}

/// Each refused file answers with its code and leaves the database and the backups
/// folder exactly as they were.
#[test]
fn a_damaged_foreign_newer_or_missing_file_is_refused_and_changes_nothing() {
    let (dir, mut store) = temp_store();
    store.create_client("Мой клиент").unwrap();
    let good = store
        .create_backup_at(BackupKind::Manual, at(30, 9))
        .unwrap();
    let good_path = dir.path().join("backups").join(&good.file);

    let garbage = dir.path().join("garbage.sqlite");
    std::fs::write(&garbage, "это не база данных".repeat(200)).unwrap();
    let truncated = dir.path().join("truncated.sqlite");
    let bytes = std::fs::read(&good_path).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let foreign = dir.path().join("foreign.sqlite");
    {
        let conn = rusqlite::Connection::open(&foreign).unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');")
            .unwrap();
    }
    let foreign_versioned = dir.path().join("foreign-v3.sqlite");
    {
        let conn = rusqlite::Connection::open(&foreign_versioned).unwrap();
        conn.execute_batch("CREATE TABLE clients (id INTEGER); PRAGMA user_version = 3;")
            .unwrap();
    }
    let newer = dir.path().join("newer.sqlite");
    std::fs::copy(&good_path, &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();

    let before = files(dir.path());
    for (file, code) in [
        (garbage, "backup_damaged"),
        (truncated, "backup_damaged"),
        (foreign, "backup_foreign"),
        (foreign_versioned, "backup_foreign"),
        (newer, "backup_too_new"),
        (dir.path().join("nowhere.sqlite"), "backup_missing"),
    ] {
        let err = store.restore_backup(&file).unwrap_err();
        assert_eq!(err.code(), code, "{}", file.display());
        assert!(!err.message().ru.is_empty() && !err.message().en.is_empty());
        assert_eq!(client_names(&store), vec!["Мой клиент"], "{code}");
        assert_eq!(
            files(dir.path()),
            before,
            "no copy is made for a refused file"
        );
    }
    let err = store
        .restore_backup(&dir.path().join("garbage.sqlite"))
        .unwrap_err();
    assert!(
        err.message().en.contains("not changed"),
        "{}",
        err.message().en
    );
}

#[test]
fn the_window_restores_only_a_copy_of_the_backups_folder_by_name() {
    let (dir, mut store) = temp_store();
    store.create_client("Мой клиент").unwrap();
    let copy = store
        .create_backup_at(BackupKind::Manual, at(30, 9))
        .unwrap();
    std::fs::copy(
        dir.path().join("backups").join(&copy.file),
        dir.path().join("elsewhere.sqlite"),
    )
    .unwrap();
    for name in [
        "../elsewhere.sqlite",
        "elsewhere.sqlite",
        "/etc/passwd",
        "etap-20261130-090000-manual-v99.sqlite",
    ] {
        let err = store.restore_copy(name).unwrap_err();
        assert_eq!(err.code(), "backup_missing", "{name}");
    }
    assert_eq!(
        files(dir.path()),
        vec![copy.file.clone()],
        "nothing was copied"
    );
    store.create_client("Второй").unwrap();
    store.restore_copy(&copy.file).unwrap();
    assert_eq!(client_names(&store), vec!["Мой клиент"]);
}

fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_chosen_backup_folder_takes_the_copies_made_so_far_and_every_new_one() {
    let (dir, mut store) = temp_store();
    store.create_client("Ромашка").unwrap();
    let first = store
        .create_backup_at(BackupKind::Manual, at(28, 9))
        .unwrap();
    let before_choice = store
        .create_backup_at(BackupKind::Daily, at(29, 9))
        .unwrap();
    // A folder on "another disk" that does not exist yet is made.
    let elsewhere = tempfile::tempdir().unwrap();
    let chosen = elsewhere.path().join("Копии Etap");
    let changed = store
        .set_backup_folder(&format!("  {}  ", chosen.display()))
        .unwrap();
    assert_eq!((changed.moved, changed.left), (2, 0));
    assert_eq!(changed.folder, chosen.display().to_string());
    assert!(
        changed.message.ru.contains("Перенесено копий: 2"),
        "{:?}",
        changed.message
    );
    assert!(
        files(dir.path()).is_empty(),
        "nothing is left beside the database"
    );
    assert_eq!(names_in(&chosen).len(), 2);
    // The list, the settings page, new copies, rotation and restore use it.
    let listed = store.backups().unwrap();
    assert_eq!(listed.folder, chosen.display().to_string());
    assert_eq!(listed.copies.len(), 2);
    let page = store.settings_page(etap_domain::Lang::Ru).unwrap();
    assert_eq!(page.settings.backup_folder, chosen.display().to_string());
    assert_eq!(page.backup_folder, chosen.display().to_string());
    assert_eq!(
        page.backup_folder_default,
        dir.path().join("backups").display().to_string()
    );
    let daily = store
        .daily_backup_at(at(30, 8))
        .unwrap()
        .expect("due today");
    assert!(chosen.join(&daily.file).is_file());
    // A copy from before the folder was chosen (when ten copies were kept) brings its
    // data back, not its backup settings: the copies stay found and none is rotated.
    store.set_backups_keep(5).unwrap();
    store.restore_copy(&before_choice.file).unwrap();
    let after = store.backups().unwrap();
    assert_eq!(after.folder, chosen.display().to_string());
    assert_eq!(after.keep, 5);
    assert_eq!(
        after.copies.len(),
        4,
        "three copies and the one before the restore"
    );
    store.set_backups_keep(2).unwrap();
    assert_eq!(
        names_in(&chosen).len(),
        2,
        "rotation works in the chosen folder"
    );
    assert!(!names_in(&chosen).contains(&first.file));
    store.create_client("После копии").unwrap();
    store.restore_copy(&daily.file).unwrap();
    assert_eq!(client_names(&store), vec!["Ромашка".to_string()]);
    // The CLI and the next start read the same setting.
    drop(store);
    let store = Store::open_dir(dir.path()).unwrap();
    assert_eq!(
        store.backups().unwrap().folder,
        chosen.display().to_string()
    );
}

#[test]
fn back_to_the_default_folder_brings_the_copies_home() {
    let (dir, mut store) = temp_store();
    let elsewhere = tempfile::tempdir().unwrap();
    store
        .set_backup_folder(&elsewhere.path().display().to_string())
        .unwrap();
    store
        .create_backup_at(BackupKind::Manual, at(30, 9))
        .unwrap();
    let home = store.set_backup_folder("").unwrap();
    assert_eq!((home.moved, home.left), (1, 0));
    assert_eq!(
        home.folder,
        dir.path().join("backups").display().to_string()
    );
    assert_eq!(files(dir.path()).len(), 1);
    assert!(names_in(elsewhere.path()).is_empty());
    assert_eq!(
        store.settings(etap_domain::Lang::Ru).unwrap().backup_folder,
        ""
    );
    // Choosing the folder it already uses moves nothing and loses nothing.
    let same = store
        .set_backup_folder(&dir.path().join("backups").display().to_string())
        .unwrap();
    assert_eq!((same.moved, same.left), (0, 0));
    assert_eq!(files(dir.path()).len(), 1);
}

#[test]
fn a_folder_that_is_relative_or_cannot_take_a_file_is_refused_and_nothing_changes() {
    let (dir, mut store) = temp_store();
    store
        .create_backup_at(BackupKind::Manual, at(30, 9))
        .unwrap();
    let before = store.backups().unwrap();
    let relative = store.set_backup_folder("backups-elsewhere").unwrap_err();
    assert_eq!(relative.code(), "backup_folder_invalid");
    // A path through a regular file can never be a folder (even for root, as CI runs).
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "x").unwrap();
    let under_file = store
        .set_backup_folder(&file.join("copies").display().to_string())
        .unwrap_err();
    assert_eq!(under_file.code(), "backup_folder_unwritable");
    assert!(
        under_file.to_string().contains("файл, а не папка")
            || under_file.to_string().contains("a file, not a folder"),
        "{under_file}"
    );
    let is_file = store
        .set_backup_folder(&file.display().to_string())
        .unwrap_err();
    assert_eq!(is_file.code(), "backup_folder_unwritable");
    assert_eq!(
        store.backups().unwrap(),
        before,
        "the copies stay where they were"
    );
    assert_eq!(
        store.settings(etap_domain::Lang::Ru).unwrap().backup_folder,
        ""
    );
}

#[test]
fn the_copy_before_a_migration_goes_to_the_chosen_folder_or_beside_the_database_if_it_is_gone() {
    for reachable in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let chosen = if reachable {
            elsewhere.path().join("copies")
        } else {
            // Under a regular file: a disk that is not plugged in, as far as SQLite knows.
            std::fs::write(elsewhere.path().join("unplugged"), "").unwrap();
            elsewhere.path().join("unplugged").join("copies")
        };
        {
            let mut conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
            migrations::migrations().to_version(&mut conn, 13).unwrap();
            conn.execute(
                "INSERT INTO settings (key, value) VALUES ('backup_folder', ?1)",
                [chosen.display().to_string()],
            )
            .unwrap();
        }
        let store = Store::open_dir(dir.path()).unwrap();
        assert_eq!(store.schema_version().unwrap(), migrations::LATEST as i64);
        let (there, beside) = (names_in(&chosen), files(dir.path()));
        if reachable {
            assert_eq!(there.len(), 1, "{there:?}");
            assert!(there[0].ends_with("-migration-v13.sqlite"));
            assert!(beside.is_empty());
        } else {
            assert_eq!(beside.len(), 1, "{beside:?}");
            assert!(beside[0].ends_with("-migration-v13.sqlite"));
        }
    }
}
