//! Crash safety, measured: the hidden `etap crash-writer` performs committed writes of
//! every kind and prints each after its commit; this harness kills it with SIGKILL at
//! random moments and, after each kill, checks that the database opens, `PRAGMA
//! integrity_check` is ok and `foreign_key_check` empty, every register entry's file
//! matches its SHA-256, and every write the writer reported is there. A file written
//! but not registered when the kill came is found by the check at start
//! (`check_register`) and reported, never silent.
//!
//! CI runs 10 kills; `ETAP_CRASH_RUNS=100 cargo test --test core crash -- --nocapture`
//! runs 100 and prints the figures (BENCHMARKS.md).

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use etap_domain::issue::RegisterProblem;
use etap_domain::spec::SpecStatus;
use etap_storage::Store;

/// A small deterministic generator (xorshift64*): the kill moments of a seed repeat.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

#[derive(Debug, Default)]
struct Figures {
    runs: usize,
    reported: usize,
    documents: usize,
    unregistered_reported: usize,
}

/// Runs the writer once with `seed`, kills it after `delay`, answers its complete lines.
fn kill_after(dir: &Path, seed: u64, delay: Duration) -> Vec<String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_etap"))
        .arg("--data-dir")
        .arg(dir)
        .args(["crash-writer", "--seed", &seed.to_string()])
        .env_remove("ETAP_DATA_DIR")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the writer");
    let mut stdout = child.stdout.take().unwrap();
    // Read while it writes, so a full pipe never holds the writer back.
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        out
    });
    std::thread::sleep(delay);
    child.kill().expect("SIGKILL"); // Child::kill sends SIGKILL on Unix.
    child.wait().unwrap();
    let out = String::from_utf8(reader.join().unwrap()).unwrap();
    // A line cut by the kill (no newline yet) was not reported.
    let complete = match out.rfind('\n') {
        Some(end) => &out[..end],
        None => "",
    };
    complete.lines().map(str::to_string).collect()
}

/// Everything the writer reported is in the database, and the database is whole.
fn verify(dir: &Path, lines: &[String], figures: &mut Figures) {
    let db = dir.join(etap_storage::DB_FILE);
    if !db.exists() {
        assert!(
            lines.is_empty(),
            "reported writes without a database: {lines:?}"
        );
        return;
    }
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
        let dangling: i64 = conn
            .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(dangling, 0, "no record points to one that is not there");
    }
    let store = Store::open_dir(dir).expect("the database opens after a kill");
    for line in lines {
        let w: Vec<&str> = line.split(' ').collect();
        let id = || w[1].parse::<i64>().unwrap();
        match w[0] {
            "project" => {
                store.project(id()).expect(line);
            }
            "transition" => {
                let history = store.history(id()).unwrap();
                assert!(
                    history.iter().any(|h| h.to.code() == w[2]),
                    "{line}: {history:?}"
                );
            }
            "estimate" => {
                let card = store.estimate_card(id()).unwrap();
                let e = card.current.expect(line).estimate;
                assert!(e.items.iter().any(|i| i.title.contains(w[2])), "{line}");
            }
            "spec" => {
                let v = store.spec_version(id()).unwrap();
                assert!(
                    v.content.sections.iter().any(|s| s.body.contains(w[2])),
                    "{line}"
                );
            }
            "approve" => {
                assert_eq!(
                    store.spec_version(id()).unwrap().status,
                    SpecStatus::Approved,
                    "{line}"
                );
            }
            "document" => {
                let doc = store.issued_document(id()).expect(line);
                assert_eq!((doc.number.as_str(), doc.sha256.as_str()), (w[2], w[3]));
                figures.documents += 1;
            }
            other => panic!("unknown line {other}"),
        }
    }
    figures.reported += lines.len();
    // Every register entry's file matches; a file the kill left unregistered is
    // reported by the check at start.
    let findings =
        etap_app::export::check_register(&store, &etap_app::export::documents_dir(dir)).unwrap();
    for f in &findings {
        assert_eq!(f.problem, RegisterProblem::Unregistered, "{f:?}");
    }
    figures.unregistered_reported += findings.len();
    // Clear what was reported, as a user would, so the next run's findings are new.
    for f in findings {
        std::fs::remove_file(&f.path).unwrap();
    }
}

fn harness(runs: usize, seed: u64) -> Figures {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(seed | 1);
    let mut figures = Figures::default();
    for run in 0..runs {
        // Up to 0.6 s: the start, the migration of a new database, any write.
        let delay = Duration::from_millis(rng.next() % 600);
        let lines = kill_after(dir.path(), seed * 1000 + run as u64, delay);
        verify(dir.path(), &lines, &mut figures);
        figures.runs += 1;
    }
    figures
}

#[test]
fn a_writer_killed_at_random_moments_loses_no_committed_write() {
    let runs = std::env::var("ETAP_CRASH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10);
    let started = std::time::Instant::now();
    let f = harness(runs, 12);
    eprintln!(
        "crash harness: {} SIGKILLs, integrity_check ok after each; {} committed writes reported \
         and found ({} issued documents, each file matching its SHA-256); {} files written but \
         not registered when the kill came, each reported by the check at start; {:.1} s",
        f.runs,
        f.reported,
        f.documents,
        f.unregistered_reported,
        started.elapsed().as_secs_f64()
    );
    assert_eq!(f.runs, runs);
    // The kills came after writes had been committed: the harness checked something.
    assert!(f.reported > 0, "{f:?}");
}

/// A document file written but never registered (the crash came between the two), a
/// register entry whose file is gone and one whose file was changed are each reported
/// by the check at start, and the CLI prints them.
#[test]
fn the_check_at_start_reports_files_and_register_entries_that_disagree() {
    let dir = tempfile::tempdir().unwrap();
    let docs = etap_app::export::documents_dir(dir.path());
    {
        let mut store = Store::open_dir(dir.path()).unwrap();
        etap_app::crash_writer::run(&mut store, &docs, 1, Some(1)).unwrap();
        assert!(etap_app::export::check_register(&store, &docs)
            .unwrap()
            .is_empty());
    }
    let mut store = Store::open_dir(dir.path()).unwrap();
    store.set_setting("language", "en").unwrap();
    let issued = store.issued_documents(1).unwrap();
    assert_eq!(issued.len(), 2);
    // Newest first: ТЗ-1-2, then ТЗ-1-1.
    std::fs::remove_file(&issued[0].path).unwrap();
    std::fs::write(&issued[1].path, b"%PDF-1.7 changed").unwrap();
    std::fs::write(docs.join("ТЗ-1-3.pdf"), b"%PDF-1.7 never registered").unwrap();
    std::fs::write(docs.join(".ТЗ-1-4.pdf.tmp"), b"%PDF-1.7 half").unwrap();
    let findings = etap_app::export::check_register(&store, &docs).unwrap();
    let seen: Vec<(RegisterProblem, Option<&str>)> = findings
        .iter()
        .map(|f| (f.problem.clone(), f.number.as_deref()))
        .collect();
    assert_eq!(
        seen,
        [
            (RegisterProblem::Changed, Some("ТЗ-1-1")),
            (RegisterProblem::Missing, Some("ТЗ-1-2")),
            (RegisterProblem::Unregistered, None),
            (RegisterProblem::Unregistered, None),
        ]
    );
    assert!(
        findings[2].path.ends_with(".ТЗ-1-4.pdf.tmp"),
        "{findings:?}"
    );
    assert!(findings[3].message.ru.contains("ТЗ-1-3.pdf"));
    assert!(findings[3].message.en.contains("not in the register"));
    drop(store);
    let out = Command::new(env!("CARGO_BIN_EXE_etap"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["status", "--lang", "en"])
        .env_remove("ETAP_DATA_DIR")
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ТЗ-1-2 is gone"), "{err}");
    assert!(err.contains("ТЗ-1-1 was changed"), "{err}");
    assert!(
        err.contains("ТЗ-1-3.pdf is in the documents folder but not in the register"),
        "{err}"
    );
}
