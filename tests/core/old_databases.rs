//! Databases of every released schema version (`tests/fixtures/schema/vN.sqlite`),
//! each opened by this build: backed up, migrated to the latest schema, and every
//! record it held still there and readable.
//!
//! A fixture is a database that lived through the versions: created at schema 1 with
//! data, migrated one version at a time with the records each version introduced
//! added at that version (`DATA`). `ETAP_WRITE_FIXTURES=1 cargo test --test core
//! old_databases` writes the missing ones; a shipped fixture is never rewritten.

use std::path::PathBuf;

use etap_domain::lifecycle::Step;
use etap_storage::{migrations, Store, DB_FILE};

/// The schema versions released before this one (each has a fixture).
const RELEASED: i64 = 14;

fn fixture(version: i64) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schema")
        .join(format!("v{version}.sqlite"))
}

/// What each version adds, in the schema of that version (`{v}` is the version the
/// fixture is made for, `{content}` a specification's content as stored).
const DATA: &[(i64, &str)] = &[
    (
        1,
        "INSERT INTO clients (id, name, created_at) VALUES (1, 'ООО «Ромашка»', '2026-01-10T09:00:00Z');
         INSERT INTO projects (id, client_id, title, step, round, stage, stages_total, created_at, updated_at)
         VALUES (1, 1, 'Интернет-магазин «Ёлка»', 'estimate', 1, 0, 0, '2026-01-10T09:00:00Z', '2026-01-11T09:00:00Z');
         INSERT INTO transitions (project_id, at, action, from_step, to_step, round, stage)
         VALUES (1, '2026-01-10T10:00:00Z', 'start_clarification', 'request', 'clarification', 1, 0),
                (1, '2026-01-11T09:00:00Z', 'request_estimate', 'clarification', 'estimate', 1, 0);
         INSERT INTO settings (key, value) VALUES ('language', 'ru');",
    ),
    (
        3,
        "UPDATE clients SET inn = '7707083893', legal_name = 'Общество с ограниченной ответственностью «Ромашка»' WHERE id = 1;
         INSERT INTO requests (project_id, title, description, source, updated_at)
         VALUES (1, 'Магазин ёлочных игрушек', 'Каталог, корзина, оплата.', 'call', '2026-01-10T09:30:00Z');
         INSERT INTO questions (project_id, round, text, answer, status, updated_at)
         VALUES (1, 1, 'Нужна ли доставка?', 'Да, курьером.', 'answered', '2026-01-10T11:00:00Z');
         INSERT INTO estimates (id, project_id, version, round, estimated_by, discount_percent, vat_kind,
             vat_percent, vat_reason, currency, created_at, updated_at)
         VALUES (1, 1, 1, 1, 'manager', '0', 'rate', '20', '', 'RUB', '2026-01-11T09:00:00Z', '2026-01-11T09:05:00Z');
         INSERT INTO estimate_items (estimate_id, key, position, title, requirement, hours_kind, hours,
             optimistic, likely, pessimistic, rate)
         VALUES (1, 1, 0, 'Каталог товаров', '', 'single', '40', '0', '0', '0', '3000');
         INSERT INTO team_members (project_id, name, devops, developer, tester) VALUES (1, 'Анна', 1, 1, 1);",
    ),
    (
        4,
        "INSERT INTO issued_documents (project_id, kind, number, issued_at, lang, version, sha256, path)
         VALUES (1, 'proposal', 'КП-1-1', '2026-01-12T09:00:00Z', 'ru', 1,
                 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'КП-1-1.pdf');",
    ),
    (
        5,
        "INSERT INTO spec_versions (project_id, number, template, status, content, created_at, updated_at)
         VALUES (1, 1, 'freelancer', 'draft', '{content}', '2026-01-13T09:00:00Z', '2026-01-13T09:00:00Z');",
    ),
    (
        8,
        "INSERT INTO issued_documents (project_id, kind, number, issued_at, lang, version, sha256, path, draft)
         VALUES (1, 'specification', 'ТЗ-1-1', '2026-01-14T09:00:00Z', 'ru', 1,
                 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'ТЗ-1-1-черновик.pdf', 1);",
    ),
    (
        13,
        "UPDATE projects SET repository = '/srv/git/elka' WHERE id = 1;",
    ),
];

/// Every version adds a client and a project of its own, so the test sees that the
/// rows of each version survived.
fn per_version(v: i64) -> String {
    format!(
        "INSERT INTO clients (name, created_at) VALUES ('Клиент v{v}', '2026-02-{v:02}T09:00:00Z');
         INSERT INTO projects (client_id, title, step, round, stage, stages_total, created_at, updated_at)
         VALUES (last_insert_rowid(), 'Проект v{v}', 'request', 1, 0, 0, '2026-02-{v:02}T09:00:00Z', '2026-02-{v:02}T09:00:00Z');"
    )
}

fn spec_content() -> String {
    let mut content =
        etap_domain::spec_templates::Template::Freelancer.skeleton(etap_domain::Lang::Ru);
    content.sections[0].body = "Интернет-магазин ёлочных игрушек с доставкой.".into();
    serde_json::to_string(&content).unwrap().replace('\'', "''")
}

fn write_fixture(version: i64) {
    let path = fixture(version);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("build.sqlite");
    let mut conn = rusqlite::Connection::open(&db).unwrap();
    let content = spec_content();
    for v in 1..=version {
        migrations::migrations()
            .to_version(&mut conn, v as usize)
            .unwrap();
        for (_, sql) in DATA.iter().filter(|(at, _)| *at == v) {
            conn.execute_batch(&sql.replace("{content}", &content))
                .unwrap();
        }
        conn.execute_batch(&per_version(v)).unwrap();
    }
    conn.execute("VACUUM INTO ?1", [path.to_str().unwrap()])
        .unwrap();
}

#[test]
fn every_released_schema_is_migrated_with_its_data() {
    assert!(RELEASED < migrations::LATEST as i64 + 1);
    for version in 1..=RELEASED {
        if !fixture(version).exists() {
            assert!(
                std::env::var_os("ETAP_WRITE_FIXTURES").is_some(),
                "{} is missing: run `ETAP_WRITE_FIXTURES=1 cargo test --test core old_databases`",
                fixture(version).display()
            );
            write_fixture(version);
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(fixture(version), dir.path().join(DB_FILE)).unwrap();
        let stored: i64 = rusqlite::Connection::open(dir.path().join(DB_FILE))
            .unwrap()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(stored, version, "the fixture holds schema {version}");

        let store = Store::open_dir(dir.path())
            .unwrap_or_else(|e| panic!("schema {version} does not open: {e}"));
        assert_eq!(store.schema_version().unwrap(), migrations::LATEST as i64);
        let copies = store.backups().unwrap().copies;
        if version < migrations::LATEST as i64 {
            assert_eq!(copies.len(), 1, "v{version}: one copy before the migration");
            assert_eq!(copies[0].schema, version);
        }

        // Every version's own project, and the first one with its history.
        let titles: Vec<String> = store
            .projects()
            .unwrap()
            .into_iter()
            .map(|p| p.title)
            .collect();
        for v in 1..=version {
            assert!(
                titles.contains(&format!("Проект v{v}")),
                "v{version}: {titles:?}"
            );
        }
        let p = store.project(1).unwrap();
        assert_eq!(p.title, "Интернет-магазин «Ёлка»");
        assert_eq!(p.client_name, "ООО «Ромашка»");
        assert_eq!(p.state.step, Step::Estimate);
        assert_eq!(store.history(1).unwrap().len(), 2);
        assert_eq!(
            store.replayed_state(1).unwrap(),
            p.state,
            "v{version}: history replays"
        );

        if version >= 3 {
            assert_eq!(
                store.request(1).unwrap().request.title,
                "Магазин ёлочных игрушек"
            );
            let card = store.estimate_card(1).unwrap();
            let estimate = card.current.expect("the estimate").estimate;
            assert_eq!(estimate.items.len(), 1, "v{version}");
            assert_eq!(estimate.items[0].title, "Каталог товаров");
            assert_eq!(store.team_card(1).unwrap().members.len(), 1);
        }
        let numbers: Vec<String> = store
            .issued_documents(1)
            .unwrap()
            .into_iter()
            .map(|d| d.number)
            .collect();
        let expected: &[&str] = match version {
            ..=3 => &[],
            4..=7 => &["КП-1-1"],
            _ => &["КП-1-1", "ТЗ-1-1"],
        };
        for n in expected {
            assert!(numbers.contains(&n.to_string()), "v{version}: {numbers:?}");
        }
        if version >= 5 {
            assert_eq!(store.spec_versions(1).unwrap().len(), 1);
            // The index was rebuilt by the migrations: ё is found by е.
            let hits = store.search_specs("елочных", 10).unwrap();
            assert_eq!(hits.len(), 1, "v{version}: {hits:?}");
        }
        if version >= 13 {
            // The repository folder is kept even where it no longer exists.
            assert_eq!(store.repository_refs(1).unwrap().folder, "/srv/git/elka");
        }
    }
}
