//! Two writers on one database — the `etap` binary in another process and the library
//! in this one, at the same time: every write of both is there afterwards and the
//! file is sound. Each write is one IMMEDIATE transaction and a writer waits its turn
//! (busy timeout) instead of failing or losing anything.

use std::process::Command;

use etap_domain::lifecycle::{ActionKind, Step};
use etap_storage::{Store, DB_FILE};

/// How many `etap demo` runs the other process makes (each one is dozens of
/// committed writes: two projects walked along the lifecycle, documents issued).
const CLI_RUNS: usize = 6;
/// How many projects this process creates and moves on (three commits each).
const OWN_WRITES: usize = 200;

#[test]
fn the_cli_and_the_library_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_dir(dir.path()).unwrap();
    let client = store.create_client("ООО «Параллель»").unwrap();

    let data_dir = dir.path().to_path_buf();
    let cli = std::thread::spawn(move || {
        let mut created = Vec::new();
        for _ in 0..CLI_RUNS {
            let out = Command::new(env!("CARGO_BIN_EXE_etap"))
                .arg("--data-dir")
                .arg(&data_dir)
                .args(["demo"])
                .env_remove("ETAP_DATA_DIR")
                .env("LC_ALL", "en_US.UTF-8")
                .output()
                .expect("run etap");
            let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
            assert!(
                out.status.success(),
                "{stdout}{}",
                String::from_utf8_lossy(&out.stderr)
            );
            // «Created demo project #12: …»
            for line in stdout.lines() {
                let id = line
                    .split('#')
                    .nth(1)
                    .and_then(|rest| rest.split(':').next())
                    .and_then(|n| n.parse::<i64>().ok())
                    .unwrap_or_else(|| panic!("{line}"));
                created.push(id);
            }
        }
        created
    });

    let mut own = Vec::new();
    for i in 0..OWN_WRITES {
        let p = store
            .create_project(client.id, &format!("Параллельный проект {i}"))
            .unwrap();
        store
            .advance(p.id, ActionKind::StartClarification, "")
            .unwrap();
        store.rename_project(p.id, &format!("Проект {i}")).unwrap();
        own.push(p.id);
    }
    let by_cli = cli.join().expect("the CLI writer");
    assert_eq!(by_cli.len(), 2 * CLI_RUNS);

    let integrity: String = rusqlite::Connection::open(dir.path().join(DB_FILE))
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");

    let store = Store::open_dir(dir.path()).unwrap();
    for (i, id) in own.iter().enumerate() {
        let p = store.project(*id).unwrap();
        assert_eq!(p.title, format!("Проект {i}"));
        assert_eq!(p.state.step, Step::Clarification);
        assert_eq!(store.history(*id).unwrap().len(), 1);
    }
    for id in &by_cli {
        let p = store.project(*id).unwrap();
        assert_eq!(store.replayed_state(*id).unwrap(), p.state);
    }
    assert_eq!(store.projects().unwrap().len(), OWN_WRITES + 2 * CLI_RUNS);
}
