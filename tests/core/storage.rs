//! Storage: everything entered survives a restart, migrations back up first, every
//! guard answers in words, and the stored state equals the replayed history.

use etap_domain::lifecycle::{ActionKind, LoopKind, Step};
use etap_storage::{migrations, Store, DB_FILE};

use crate::temp_store;

#[test]
fn the_database_runs_in_wal_with_foreign_keys() {
    let (dir, store) = temp_store();
    assert!(dir.path().join(DB_FILE).exists());
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let loose: Vec<String> = conn
        .prepare(
            "SELECT name FROM pragma_table_list \
             WHERE schema = 'main' AND type = 'table' AND strict = 0 AND name NOT LIKE 'sqlite_%'",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(loose.is_empty(), "tables that are not STRICT: {loose:?}");
}

#[test]
fn a_commit_waits_for_the_disk_so_a_save_survives_a_power_cut() {
    // FULL syncs the WAL on every commit; NORMAL (1) would lose the last saves when
    // the power goes, though the file stays consistent.
    let (dir, store) = temp_store();
    assert_eq!(store.synchronous().unwrap(), 2, "PRAGMA synchronous = FULL");
    drop(store);
    let again = Store::open_dir(dir.path()).unwrap();
    assert_eq!(again.synchronous().unwrap(), 2, "and again after a restart");
}

#[test]
fn everything_is_still_there_after_a_restart() {
    let (dir, mut store) = temp_store();
    let c = store.create_client("ИП Иванов").unwrap();
    let p = store.create_project(c.id, "Интернет-магазин").unwrap();
    store
        .advance(p.id, ActionKind::StartClarification, "")
        .unwrap();
    store
        .rename_project(p.id, "Интернет-магазин «Ёлка»")
        .unwrap();
    drop(store);

    let store = Store::open_dir(dir.path()).unwrap();
    let again = store.project(p.id).unwrap();
    assert_eq!(again.title, "Интернет-магазин «Ёлка»");
    assert_eq!(again.client_name, "ИП Иванов");
    assert_eq!(again.state.step, Step::Clarification);
    assert_eq!(store.history(p.id).unwrap().len(), 1);
}

#[test]
fn opening_twice_migrates_once_and_keeps_data() {
    let (dir, mut store) = temp_store();
    store.create_client("Клиент").unwrap();
    drop(store);
    let store = Store::open_dir(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::LATEST as i64);
    assert_eq!(store.clients().unwrap().len(), 1);
    assert!(
        !dir.path().join("backups").exists(),
        "no migration ran, so no backup"
    );
}

#[test]
fn an_old_database_is_backed_up_before_it_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        migrations::migrations().to_version(&mut conn, 1).unwrap();
        conn.execute(
            "INSERT INTO clients (name, created_at) VALUES ('Старый клиент', '2026-01-01T00:00:00Z')",
            [],
        )
        .unwrap();
    }
    let store = Store::open_dir(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::LATEST as i64);

    let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert!(backups[0].to_string_lossy().ends_with("-v1.sqlite"));
    let old = rusqlite::Connection::open(&backups[0]).unwrap();
    let v: i64 = old
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1);
    let name: String = old
        .query_row("SELECT name FROM clients", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, "Старый клиент");
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let err = Store::open_dir(dir.path()).err().expect("refused");
    assert_eq!(err.code(), "database_too_new");
    assert!(err.message().ru.contains("более новой версией"));
}

#[test]
fn a_refusal_needs_a_reason_and_loops_back_with_the_next_round() {
    let (_dir, mut store) = temp_store();
    let c = store.create_client("ООО «Ромашка»").unwrap();
    let p = store.create_project(c.id, "CRM").unwrap();
    crate::walk_to(&mut store, p.id, Step::Negotiation);
    let err = store
        .advance(p.id, ActionKind::RefuseOffer, "  ")
        .unwrap_err();
    assert_eq!(err.code(), "reason_required");
    assert_eq!(
        err.message().en,
        "Give the client's reason for refusing — the next round will need it."
    );
    assert_eq!(
        store.history(p.id).unwrap().len(),
        3,
        "a refused action records nothing"
    );

    let after = store
        .advance(p.id, ActionKind::RefuseOffer, "Дорого")
        .unwrap();
    assert_eq!(
        (after.state.step, after.state.round),
        (Step::Clarification, 2)
    );
    let page = store.project_page(p.id).unwrap();
    let refusal = page
        .map
        .loops
        .iter()
        .find(|l| l.kind == LoopKind::Refusal)
        .unwrap();
    assert_eq!(refusal.count, 1);
    assert_eq!(page.history[0].comment, "Дорого", "newest first");
    assert_eq!(store.replayed_state(p.id).unwrap(), after.state);
}

#[test]
fn stages_are_required_before_development_and_frozen_after() {
    let (_dir, mut store) = temp_store();
    let c = store.create_client("Фрилансер").unwrap();
    let p = store.create_project(c.id, "Бот").unwrap();
    let err = store.add_stage(p.id, "Этап 1").unwrap_err();
    assert_eq!(err.code(), "stages_frozen");
    assert!(err.message().ru.contains("на шаге 2.1"));
    // The page carries the same answer storage enforces: the UI only shows it.
    assert!(!store.project_page(p.id).unwrap().stages_editable);
    crate::walk_to(&mut store, p.id, Step::StagePlanning);
    assert!(store.project_page(p.id).unwrap().stages_editable);
    let err = store
        .advance(p.id, ActionKind::ConfirmStagePlan, "")
        .unwrap_err();
    assert_eq!(err.code(), "no_stages");
    assert!(err.message().ru.contains("хотя бы один этап"));
    let page = store.project_page(p.id).unwrap();
    let opt = page
        .map
        .options
        .iter()
        .find(|o| o.kind == ActionKind::ConfirmStagePlan)
        .unwrap();
    assert_eq!(opt.blocked.as_ref().map(|b| b.code), Some("no_stages"));

    store.add_stage(p.id, "Каталог").unwrap();
    store.add_stage(p.id, "Корзина").unwrap();
    let s = crate::step(&mut store, p.id, ActionKind::ConfirmStagePlan, "").unwrap();
    assert_eq!((s.state.step, s.state.stages_total), (Step::Environment, 2));
    assert_eq!(
        store.add_stage(p.id, "Поздний").unwrap_err().code(),
        "stages_frozen"
    );
    assert!(!store.project_page(p.id).unwrap().stages_editable);

    let s = crate::step(&mut store, p.id, ActionKind::EnvironmentReady, "").unwrap();
    assert_eq!((s.state.step, s.state.stage), (Step::Coding, 1));
    crate::step(&mut store, p.id, ActionKind::SubmitToTesting, "").unwrap();
    crate::step(&mut store, p.id, ActionKind::ReportBugs, "Падает оплата").unwrap();
    crate::step(&mut store, p.id, ActionKind::SubmitToTesting, "").unwrap();
    crate::step(&mut store, p.id, ActionKind::ReportBugs, "Ещё баг").unwrap();
    let page = store.project_page(p.id).unwrap();
    let bugs = page
        .map
        .loops
        .iter()
        .find(|l| l.kind == LoopKind::Bugs)
        .unwrap();
    assert_eq!((bugs.count, bugs.per_stage.clone()), (2, vec![(1, 2)]));
    let coding = page.map.phases[1]
        .steps
        .iter()
        .find(|s| s.step == Step::Coding)
        .unwrap();
    assert!(coding.current);
    assert_eq!(coding.visits, 3);
    assert_eq!(store.replayed_state(p.id).unwrap(), page.project.state);
}

#[test]
fn a_project_needs_an_existing_client_and_a_title() {
    let (_dir, mut store) = temp_store();
    assert_eq!(
        store.create_project(42, "X").unwrap_err().code(),
        "not_found"
    );
    let c = store.create_client("К").unwrap();
    let err = store.create_project(c.id, "   ").unwrap_err();
    assert_eq!(err.code(), "empty");
    assert_eq!(
        err.message().en,
        "Fill in the project title: it cannot be empty."
    );
    assert_eq!(store.create_client("").unwrap_err().code(), "empty");
    assert!(store.projects().unwrap().is_empty());
}

#[test]
fn the_demo_is_created_once_on_an_empty_database() {
    let (dir, mut store) = temp_store();
    let id = store.ensure_demo().unwrap().expect("created");
    let p = store.project(id).unwrap();
    assert_eq!((p.state.step, p.state.round), (Step::Clarification, 2));
    let page = store.project_page(id).unwrap();
    assert_eq!(
        page.map
            .loops
            .iter()
            .find(|l| l.kind == LoopKind::Refusal)
            .unwrap()
            .count,
        1
    );
    drop(store);
    let mut store = Store::open_dir(dir.path()).unwrap();
    assert_eq!(store.ensure_demo().unwrap(), None);
    assert_eq!(store.projects().unwrap().len(), 1);
}

#[test]
fn an_on_demand_backup_is_a_complete_database() {
    let (dir, mut store) = temp_store();
    store.create_client("Клиент для копии").unwrap();
    let dest = dir.path().join("copy.sqlite");
    store.backup(&dest).unwrap();
    let copy = Store::open_file(&dest).unwrap();
    assert_eq!(copy.clients().unwrap()[0].name, "Клиент для копии");
}

/// Issue 10: unknown codes read back from the database silently became a default (an
/// unknown document kind a proposal, an unknown answer «pending»). Each is an error
/// that names the table and the value.
#[test]
fn an_unknown_stored_code_is_an_error_naming_the_table_and_the_value() {
    let (dir, mut store) = temp_store();
    let c = store.create_client("ООО «Ромашка»").unwrap();
    let p = store.create_project(c.id, "Портал").unwrap().id;
    store.save_request(p, &Default::default()).unwrap();
    crate::walk_to(&mut store, p, etap_domain::Step::Negotiation);
    let raw = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
    // As a newer version with a wider CHECK would have written them.
    raw.pragma_update(None, "ignore_check_constraints", true)
        .unwrap();
    raw.execute_batch(&format!(
        "UPDATE requests SET source = 'pigeon';
         UPDATE offers SET answer = 'maybe';
         INSERT INTO issued_documents (project_id, kind, number, issued_at, lang, sha256, path)
         VALUES ({p}, 'waybill', 'ТН-1', '2026-01-01', 'ru', '{}', 'x.pdf');",
        "0".repeat(64)
    ))
    .unwrap();
    let errors = [
        (
            "requests",
            "pigeon",
            store.request(p).map(|_| ()).unwrap_err(),
        ),
        (
            "offers",
            "maybe",
            store.negotiation(p).map(|_| ()).unwrap_err(),
        ),
        (
            "issued_documents",
            "waybill",
            store.issued_documents(p).map(|_| ()).unwrap_err(),
        ),
    ];
    for (table, value, err) in errors {
        assert_eq!(err.code(), "unknown_code", "{err}");
        for lang in [etap_domain::Lang::Ru, etap_domain::Lang::En] {
            let words = err.message().get(lang).to_string();
            assert!(words.contains(table) && words.contains(value), "{words}");
        }
    }
}

/// Issue 10: a missing document said «Проект не найден»; a missing version «он был
/// удалён». Each subject is named, in agreement.
#[test]
fn not_found_names_what_was_not_found() {
    let (_dir, store) = temp_store();
    let ru = |e: etap_storage::StorageError| e.message().ru;
    let doc = ru(store.issued_document(404).unwrap_err());
    assert!(doc.starts_with("Документ не найден"), "{doc}");
    let version = ru(store.spec_version(404).unwrap_err());
    assert!(
        version.starts_with("Версия ТЗ не найдена: возможно, она была удалена"),
        "{version}"
    );
    let en = store.project(404).unwrap_err().message().en;
    assert!(en.starts_with("The project was not found"), "{en}");
}

/// Issue 13: the window's theme is a setting the core owns. A new user follows the
/// desktop; a choice made in the window is what the next start opens in.
#[test]
fn the_theme_is_stored_and_the_next_start_opens_in_it() {
    use etap_app::app::{theme, AppState};
    use etap_domain::appearance::Theme;

    let (dir, store) = crate::temp_store();
    assert_eq!(theme(&store), Theme::System);
    let state = AppState::new(store, dir.path().to_path_buf(), None);
    assert_eq!(state.info().theme, Theme::System);
    let info = tauri::async_runtime::block_on(state.set_theme(Theme::Dark)).unwrap();
    assert_eq!(info.theme, Theme::Dark);
    drop(state);

    let store = Store::open_dir(dir.path()).unwrap();
    assert_eq!(theme(&store), Theme::Dark);
    assert_eq!(
        AppState::new(store, dir.path().to_path_buf(), None)
            .info()
            .theme,
        Theme::Dark
    );
}

#[test]
fn a_batch_lands_whole_and_a_refused_write_inside_leaves_nothing_of_itself() {
    let (_dir, mut store) = temp_store();
    // A refused write inside a batch: the batch goes on, the refused write left nothing.
    let kept = store
        .batch(|s| -> etap_storage::Result<i64> {
            let c = s.create_client("ООО «Ромашка»")?;
            assert!(s.create_project(c.id + 100, "Нет такого клиента").is_err());
            Ok(s.create_project(c.id, "Портал")?.id)
        })
        .unwrap();
    assert_eq!(store.projects().unwrap().len(), 1);
    assert_eq!(store.project(kept).unwrap().title, "Портал");
    // A batch that fails leaves none of its writes, even those that succeeded.
    let failed = store.batch(|s| -> etap_storage::Result<()> {
        let c = s.create_client("ООО «Вектор»")?;
        s.create_project(c.id, "Склад")?;
        s.create_project(c.id, "   ")?;
        Ok(())
    });
    assert!(failed.is_err());
    assert_eq!(store.clients().unwrap().len(), 1);
    assert_eq!(store.projects().unwrap().len(), 1);
    // And the store writes on afterwards.
    let c = store.create_client("ООО «Вектор»").unwrap();
    store.create_project(c.id, "Склад").unwrap();
    assert_eq!(store.projects().unwrap().len(), 2);
}
