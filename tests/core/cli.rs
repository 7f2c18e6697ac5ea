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

/// The user chooses at export what an empty section prints as; the command line too.
#[test]
fn export_spec_leaves_empty_sections_out_when_asked() {
    use etap_domain::spec::numbered;
    let dir = tempfile::tempdir().unwrap();
    let (version, empty_title) = {
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
        (v.id, title)
    };
    let out = dir.path().join("docs");
    let pdf = |how: &str| {
        let (ok, stdout, err) = etap(
            dir.path(),
            &[
                "export-spec",
                &version.to_string(),
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
