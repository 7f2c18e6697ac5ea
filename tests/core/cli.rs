//! The `etap` binary's subcommands over a temporary data folder.

use std::process::Command;

fn etap(dir: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_etap"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("ETAP_DATA_DIR")
        .output()
        .expect("run etap");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn status_lists_the_demo_project_at_its_step() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, out, _) = etap(dir.path(), &["status", "--lang", "en"]);
    assert!(ok);
    assert_eq!(out, "No projects yet.\n");

    let (ok, out, err) = etap(dir.path(), &["demo"]);
    assert!(ok, "{err}");
    assert!(out.contains("Личный кабинет клиента"), "{out}");

    let (ok, out, _) = etap(dir.path(), &["status", "--lang", "ru"]);
    assert!(ok);
    assert!(
        out.contains("ООО «Ромашка»\tЛичный кабинет клиента\t1.2 Уточнение требований, раунд 2"),
        "{out}"
    );
    let (_, out, _) = etap(dir.path(), &["status", "--lang", "en"]);
    assert!(out.contains("1.2 Clarification, round 2"), "{out}");
    // The delivered demo project is listed as closed.
    assert!(out.contains("CRM для отдела продаж\tClosed"), "{out}");
}

#[test]
fn an_unreadable_data_folder_is_a_clear_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let (ok, _, err) = etap(&file, &["status"]);
    assert!(!ok);
    assert!(err.starts_with("etap: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn sample_docs_writes_every_sample_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("samples");
    let (ok, stdout, err) = etap(dir.path(), &["sample-docs", "--out", out.to_str().unwrap()]);
    assert!(ok, "{err}");
    let listed: Vec<&str> = stdout.lines().collect();
    assert!(listed.len() >= 4, "{stdout}");
    // The documents that charge a client are among them.
    for name in [
        "act-ru.pdf",
        "invoice-ru.pdf",
        "invoice-en.pdf",
        "final-act-ru.pdf",
    ] {
        assert!(
            listed.iter().any(|p| p.ends_with(name)),
            "no {name}: {stdout}"
        );
    }
    for p in listed {
        let bytes = std::fs::read(p).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "{p} is not a PDF");
    }
}

#[test]
fn export_proposal_writes_the_pdf_of_the_demo_offer() {
    let dir = tempfile::tempdir().unwrap();
    assert!(etap(dir.path(), &["demo"]).0);
    let (ok, out, err) = etap(dir.path(), &["export-proposal", "1", "--lang", "ru"]);
    assert!(ok, "{err}");
    let fields: Vec<&str> = out.trim_end().split('\t').collect();
    assert_eq!(fields[0], "КП-1-1");
    assert_eq!(fields[1].len(), 64);
    assert!(std::path::Path::new(fields[2]).exists());
}

#[test]
fn export_act_and_invoice_refuse_a_stage_the_project_does_not_have_in_words() {
    let dir = tempfile::tempdir().unwrap();
    assert!(etap(dir.path(), &["demo"]).0);
    drop(store_in(dir.path(), "ru"));
    for args in [
        &["export-act", "1", "--stage", "1"][..],
        &["export-invoice", "1", "--stage", "1"][..],
    ] {
        let (ok, out, err) = etap(dir.path(), args);
        assert!(!ok && out.is_empty(), "{args:?}: {out}");
        // The demo project is still in preparation: it has no stages yet.
        assert!(err.contains("В плане нет этапа 1"), "{args:?}: {err}");
    }
    let (ok, _, err) = etap(dir.path(), &["export-act", "1", "--final"]);
    assert!(!ok);
    assert!(err.contains("Итоговый акт выпускается"), "{err}");
    // Neither a stage nor the final one: the command says what it needs.
    let (ok, _, err) = etap(dir.path(), &["export-act", "1"]);
    assert!(!ok);
    assert!(err.contains("--stage"), "{err}");
}

/// A store in `dir` with the interface language set, so the CLI's words are known.
fn store_in(dir: &std::path::Path, lang: &str) -> etap_storage::Store {
    let mut store = etap_storage::Store::open_dir(dir).unwrap();
    store.set_setting("language", lang).unwrap();
    store
}

/// Issue 9: `status` printed raw control characters from names to the terminal.
#[test]
fn status_escapes_control_characters_in_names() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_in(dir.path(), "en");
    let c = store.create_client("ООО «Ромашка»").unwrap();
    let p = store.create_project(c.id, "Портал").unwrap();
    drop(store);
    // Written as an older version (or a script) could have stored them.
    let raw = rusqlite::Connection::open(dir.path().join(etap_storage::DB_FILE)).unwrap();
    raw.execute(
        "UPDATE projects SET title = ?1 WHERE id = ?2",
        rusqlite::params!["Портал\u{1b}[2J\u{7}\tи\u{202e}ещё", p.id],
    )
    .unwrap();
    let (ok, out, err) = etap(dir.path(), &["status"]);
    assert!(ok, "{err}");
    assert!(
        !out.chars()
            .any(|c| c.is_control() && c != '\t' && c != '\n'),
        "{out:?}"
    );
    assert!(!out.contains('\u{202e}'), "{out:?}");
    assert!(
        out.contains("Портал\\u{1b}[2J\\u{7}\\tи\\u{202e}ещё\t"),
        "{out:?}"
    );
    assert_eq!(
        out.matches('\t').count(),
        3,
        "one line, four columns: {out:?}"
    );
}

/// Issue 9: `--data-dir /nonexistent/a/b status` silently created an empty database.
#[test]
fn a_data_folder_under_a_missing_one_is_refused_and_a_new_database_is_announced() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("nonexistent/a/b");
    let (ok, out, err) = etap(&typo, &["status", "--lang", "en"]);
    assert!(!ok, "{out}");
    assert!(err.starts_with("etap: "), "{err}");
    assert!(
        err.contains(&dir.path().join("nonexistent").display().to_string()),
        "names the missing folder: {err}"
    );
    assert!(!dir.path().join("nonexistent").exists(), "nothing created");

    // A new folder inside an existing one is fine, and the user is told it is new.
    let fresh = dir.path().join("etap-data");
    let (ok, out, err) = etap(&fresh, &["status", "--lang", "en"]);
    assert!(ok, "{err}");
    assert_eq!(out, "No projects yet.\n");
    assert!(
        err.contains(&fresh.join(etap_storage::DB_FILE).display().to_string()),
        "{err}"
    );
    let (ok, _, err) = etap(&fresh, &["status"]);
    assert!(ok);
    assert_eq!(err, "", "an existing database is not announced");
}

/// Issue 9: `export-spec` wanted an internal version id the window never shows; it
/// takes the project and the version's number as the window shows it (v2 → 2).
#[test]
fn export_spec_takes_the_project_and_the_version_number_the_window_shows() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_in(dir.path(), "en");
    let c = store.create_client("ООО «Ромашка»").unwrap();
    let p = store.create_project(c.id, "Портал").unwrap().id;
    crate::approve_spec(&mut store, p);
    store.new_spec_version(p).unwrap();
    drop(store);
    let p = p.to_string();

    let (ok, out, err) = etap(dir.path(), &["export-spec", &p, "--version", "1"]);
    assert!(ok, "{err}");
    assert!(out.starts_with("ТЗ-"), "{out}");
    let (ok, out, err) = etap(
        dir.path(),
        &["export-spec", &p, "--version", "2", "--since", "1"],
    );
    assert!(ok, "{err}");
    let path = out.trim_end().split('\t').nth(2).unwrap().to_string();
    let text = crate::pdftotext(std::path::Path::new(&path));
    assert!(
        text.contains("Лист изменений (дополнение к версии 1)"),
        "{text}"
    );
    // Without --version: the last approved one.
    assert!(etap(dir.path(), &["export-spec", &p]).0);

    let (ok, _, err) = etap(dir.path(), &["export-spec", &p, "--version", "7"]);
    assert!(!ok);
    assert!(
        err.contains("no version 7") && err.contains("1, 2"),
        "{err}"
    );
    let (ok, _, err) = etap(dir.path(), &["export-spec", &p, "--since", "9"]);
    assert!(!ok);
    assert!(err.contains("no version 9"), "{err}");
}

/// Issue 9: CLI messages said «Обновите список» (a window's words) and «он был удалён»
/// of a версия. The terminal names what was not found and the number typed.
#[test]
fn not_found_in_the_terminal_speaks_of_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    drop(store_in(dir.path(), "ru"));
    for args in [
        ["export-proposal", "99"].as_slice(),
        ["export-spec", "99", "--version", "1"].as_slice(),
    ] {
        let (ok, _, err) = etap(dir.path(), args);
        assert!(!ok);
        assert!(err.contains("Проект не найден (#99)"), "{err}");
        assert!(err.contains("etap status"), "{err}");
        assert!(
            !err.contains("Обновите список") && !err.contains("удалён"),
            "{err}"
        );
    }
}

/// The user chooses at export what an empty section prints as; the command line too.
#[test]
fn export_spec_leaves_empty_sections_out_when_asked() {
    use etap_domain::spec::numbered;
    let dir = tempfile::tempdir().unwrap();
    let (project, empty_title) = {
        let mut store = etap_storage::Store::open_dir(dir.path()).unwrap();
        let c = store.create_client("ООО «Ромашка»").unwrap();
        let p = store.create_project(c.id, "Портал").unwrap().id;
        crate::approve_spec(&mut store, p);
        let v = store.spec_versions(p).unwrap().remove(0);
        let title = numbered(&v.content.sections)
            .into_iter()
            .find(|(_, s)| s.is_empty())
            .map(|(_, s)| s.title.clone())
            .expect("the template has an optional section");
        (p, title)
    };
    let out = dir.path().join("docs");
    let pdf = |how: &str| {
        let (ok, stdout, err) = etap(
            dir.path(),
            &[
                "export-spec",
                &project.to_string(),
                "--version",
                "1",
                "--empty-sections",
                how,
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert!(ok, "{err}");
        let path = stdout.trim().split('\t').nth(2).unwrap().to_string();
        crate::pdftotext(std::path::Path::new(&path))
    };
    let noted = pdf("not-specified");
    assert!(
        noted.contains(&empty_title) && noted.contains("Не предъявляются."),
        "{noted}"
    );
    let omitted = pdf("omit");
    assert!(!omitted.contains(&empty_title), "{omitted}");
    assert!(!omitted.contains("Не предъявляются."), "{omitted}");
}

/// `export-archive` and `import-archive`: the demo goes from one data folder to
/// another, and a damaged archive is refused in words with nothing imported.
#[test]
fn an_archive_moves_projects_between_data_folders_and_a_damaged_one_is_refused() {
    let from = tempfile::tempdir().unwrap();
    drop(store_in(from.path(), "en"));
    let (ok, _, err) = etap(from.path(), &["demo"]);
    assert!(ok, "{err}");
    // A project of the user's own with its ТЗ issued, #3.
    let (ok, _, err) = etap(
        from.path(),
        &["crash-writer", "--seed", "1", "--count", "1"],
    );
    assert!(ok, "{err}");
    let file = from.path().join("all.zip");
    let (ok, out, err) = etap(
        from.path(),
        &["export-archive", "--all", "--out", file.to_str().unwrap()],
    );
    assert!(ok, "{err}");
    assert!(out.starts_with("Archive written: "), "{out}");
    assert!(out.contains("3 projects"), "{out}");
    let one = from.path().join("one.zip");
    let (ok, out, err) = etap(
        from.path(),
        &["export-archive", "1", "--out", one.to_str().unwrap()],
    );
    assert!(ok, "{err}");
    assert!(out.contains("1 projects"), "{out}");

    let to = tempfile::tempdir().unwrap();
    drop(store_in(to.path(), "en"));
    let damaged = to.path().join("damaged.zip");
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&damaged, &bytes[..bytes.len() - 100]).unwrap();
    let (ok, out, err) = etap(to.path(), &["import-archive", damaged.to_str().unwrap()]);
    assert!(!ok);
    assert!(out.is_empty());
    assert!(err.contains("cannot be read as an Etap archive"), "{err}");
    let (_, out, _) = etap(to.path(), &["status", "--lang", "en"]);
    assert_eq!(out, "No projects yet.\n");

    let (ok, out, err) = etap(to.path(), &["import-archive", file.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(
        out.contains("Imported project #1: Личный кабинет клиента"),
        "{out}"
    );
    assert!(out.contains("Documents added to the register: "), "{out}");
    let (_, out, _) = etap(to.path(), &["status", "--lang", "en"]);
    assert!(out.contains("CRM для отдела продаж\tClosed"), "{out}");
    // Again: the demo projects are left out (this database has them now) and the
    // register already holds the ТЗ numbers of #3.
    let (ok, _, err) = etap(to.path(), &["import-archive", file.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("Nothing was imported"), "{err}");
}

fn etap_ru(dir: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_etap"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("ETAP_DATA_DIR")
        .env("LC_ALL", "ru_RU.UTF-8")
        .env("LANG", "ru_RU.UTF-8")
        .output()
        .expect("run etap");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn backup_backups_and_restore_bring_back_the_data_and_refuse_a_damaged_file() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, out, err) = etap_ru(dir.path(), &["backups"]);
    assert!(ok, "{err}");
    assert_eq!(out, "Копий пока нет.\n");

    let (ok, out, err) = etap_ru(dir.path(), &["backup"]);
    assert!(ok, "{err}");
    let file = out.trim_end().rsplit('\t').next().unwrap().to_string();
    assert!(out.contains("\tвручную\t"), "{out}");
    assert!(
        file.starts_with("etap-") && file.ends_with(".sqlite"),
        "{out}"
    );

    let (ok, _, err) = etap_ru(dir.path(), &["demo"]);
    assert!(ok, "{err}");
    let (_, status, _) = etap_ru(dir.path(), &["status"]);
    assert_ne!(status, "Проектов пока нет.\n");

    // A damaged file: refused in words, the projects still there.
    let garbage = dir.path().join("garbage.sqlite");
    std::fs::write(&garbage, "не база".repeat(500)).unwrap();
    let (ok, _, err) = etap_ru(dir.path(), &["restore", garbage.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.starts_with("etap: Файл повреждён"), "{err}");
    let (_, again, _) = etap_ru(dir.path(), &["status"]);
    assert_eq!(again, status);

    // The copy from before the demo: no projects again, the demo kept in a copy.
    let (ok, out, err) = etap_ru(dir.path(), &["restore", &file]);
    assert!(ok, "{err}");
    assert!(
        out.starts_with(&format!("Восстановлено из {file}\n")),
        "{out}"
    );
    assert!(out.contains("Папка documents не меняется"), "{out}");
    let (_, status, _) = etap_ru(dir.path(), &["status"]);
    assert_eq!(status, "Проектов пока нет.\n");
    let (_, list, _) = etap_ru(dir.path(), &["backups"]);
    assert_eq!(list.lines().count(), 2, "{list}");
    assert!(
        list.lines()
            .next()
            .unwrap()
            .contains("\tперед восстановлением\t"),
        "{list}"
    );
}

#[test]
fn backup_folder_is_shown_chosen_and_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, out, err) = etap_ru(dir.path(), &["backup-folder"]);
    assert!(ok, "{err}");
    assert_eq!(
        out.trim_end(),
        dir.path().join("backups").display().to_string()
    );
    let (ok, _, err) = etap_ru(dir.path(), &["backup"]);
    assert!(ok, "{err}");

    let (ok, _, err) = etap_ru(dir.path(), &["backup-folder", "copies"]);
    assert!(!ok);
    assert!(
        err.starts_with("etap: Укажите полный путь к папке для копий"),
        "{err}"
    );

    let elsewhere = tempfile::tempdir().unwrap();
    let chosen = elsewhere.path().join("etap");
    let (ok, out, err) = etap_ru(dir.path(), &["backup-folder", chosen.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(out.contains("Перенесено копий: 1."), "{out}");
    let (_, shown, _) = etap_ru(dir.path(), &["backup-folder"]);
    assert_eq!(shown.trim_end(), chosen.display().to_string());
    let (ok, _, err) = etap_ru(dir.path(), &["backup"]);
    assert!(ok, "{err}");
    assert_eq!(std::fs::read_dir(&chosen).unwrap().count(), 2);
}

/// A data folder copied, then moved whole (another machine, another user name): the
/// register names each PDF where it was issued, and follows the files to the folder
/// it is opened from — a copy uses its own files, not the original's, and nothing is
/// reported missing or unregistered; each document opens intact from its new place;
/// a folder that stayed put is left alone.
#[test]
fn a_moved_or_copied_data_folder_keeps_its_documents_in_the_register() {
    let root = tempfile::tempdir().unwrap();
    let before = root.path().join("before");
    let (ok, _, err) = etap(&before, &["demo"]);
    assert!(ok, "{err}");
    let issued = store_in(&before, "en").register_files().unwrap();
    assert!(
        issued.len() >= 5,
        "the delivered demo issues its акты and счета: {issued:?}"
    );
    let points_into = |dir: &std::path::Path| {
        let store = store_in(dir, "en");
        for (number, path, _) in store.register_files().unwrap() {
            assert!(
                path.starts_with(&dir.join("documents").display().to_string()),
                "{number}: {path}"
            );
        }
        store
    };
    let followed = |dir: &std::path::Path| {
        let (ok, _, err) = etap(dir, &["status", "--lang", "en"]);
        assert!(ok, "{err}");
        assert!(
            err.contains(&format!(
                "The data folder was moved or copied: the register now points to the documents in {}",
                dir.join("documents").display()
            )),
            "{err}"
        );
        assert!(
            !err.contains("not in the register") && !err.contains("is gone"),
            "{err}"
        );
    };

    // A copy beside the original: its register points at its own files.
    let copy = root.path().join("copy");
    assert!(Command::new("cp")
        .arg("-r")
        .arg(&before)
        .arg(&copy)
        .status()
        .unwrap()
        .success());
    followed(&copy);
    points_into(&copy);
    points_into(&before);

    // The original moved away whole.
    let after = root.path().join("elsewhere").join("after");
    std::fs::create_dir_all(after.parent().unwrap()).unwrap();
    std::fs::rename(&before, &after).unwrap();
    followed(&after);
    let mut store = points_into(&after);
    let id = store.issued_documents(2).unwrap()[0].id;
    let doc = etap_app::export::intact_document(&store, id).unwrap();
    assert!(std::path::Path::new(&doc.path).starts_with(&after));

    // Opened again, or never moved: nothing to follow, nothing said.
    let documents = etap_app::export::documents_dir(&after);
    assert_eq!(
        etap_app::export::follow_moved_documents(&mut store, &documents).unwrap(),
        0
    );
    let (ok, _, err) = etap(&after, &["status", "--lang", "en"]);
    assert!(ok && !err.contains("moved"), "{err}");
}
