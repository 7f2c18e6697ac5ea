//! The project's local git repository at 2.6: a real repository made with the `git`
//! command, its tags and commits offered, and the code reference checked to exist
//! there before the acceptance is saved and before the stage is accepted.

use std::path::Path;
use std::process::Command;

use etap_domain::development::{Acceptance, RequirementCheck};
use etap_domain::lifecycle::ActionKind;
use etap_domain::Step;

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        // The test's repository, whatever the machine's git settings say.
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Анна")
        .env("GIT_AUTHOR_EMAIL", "anna@example.org")
        .env("GIT_COMMITTER_NAME", "Анна")
        .env("GIT_COMMITTER_EMAIL", "anna@example.org")
        .output()
        .expect("the git command runs");
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// A repository with two commits (the first dated 2026-11-02 and tagged `v1.0`,
/// the second 2026-11-05); answers the two full hashes, oldest first.
fn repository(dir: &Path) -> (String, String) {
    git(dir, &["init", "-q", "-b", "main"]);
    let commit = |message: &str, date: &str| {
        let out = Command::new("git")
            .args(["commit", "-q", "--allow-empty", "-m", message])
            .current_dir(dir)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Анна")
            .env("GIT_AUTHOR_EMAIL", "anna@example.org")
            .env("GIT_COMMITTER_NAME", "Анна")
            .env("GIT_COMMITTER_EMAIL", "anna@example.org")
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        git(dir, &["rev-parse", "HEAD"])
    };
    let first = commit(
        "Вход по паролю\n\nПодробности.",
        "2026-11-02T10:00:00+03:00",
    );
    git(dir, &["tag", "v1.0"]);
    let second = commit("Отчёты за месяц", "2026-11-05T18:30:00+03:00");
    (first, second)
}

#[test]
fn the_acceptance_offers_the_repositorys_tags_and_commits_and_refuses_a_missing_reference() {
    let (_dir, mut store) = crate::temp_store();
    let (p, r1, _) = crate::development::project_in_development(&mut store);
    let repo = tempfile::tempdir().unwrap();
    let (first, second) = repository(repo.path());
    let folder = repo.path().display().to_string();

    // Without a repository the form offers nothing and any well-formed reference does.
    let none = store.repository_refs(p).unwrap();
    assert_eq!((none.folder.as_str(), none.tags.len()), ("", 0));

    // A folder that is not a git repository, or not a full path, is refused.
    let plain = tempfile::tempdir().unwrap();
    let e = store
        .set_repository(p, &plain.path().display().to_string())
        .unwrap_err();
    assert_eq!(e.code(), "repository_invalid");
    assert!(e.to_string().contains("not a git repository"), "{e}");
    let e = store.set_repository(p, "projects/site").unwrap_err();
    assert_eq!(e.code(), "repository_invalid");
    assert_eq!(
        store.repository(p).unwrap(),
        "",
        "a refusal changes nothing"
    );

    assert_eq!(
        store.set_repository(p, &format!("  {folder} ")).unwrap(),
        folder
    );
    let refs = store.repository_refs(p).unwrap();
    assert_eq!(refs.folder, folder);
    assert_eq!(refs.tags.len(), 1);
    assert_eq!(refs.tags[0].name, "v1.0");
    assert!(first.starts_with(&refs.tags[0].commit));
    assert_eq!(refs.tags[0].date, "2026-11-02");
    assert_eq!(refs.tags[0].summary, "Вход по паролю");
    // Newest first, a short hash, the date and the first line of the message.
    let commits: Vec<(&str, &str)> = refs
        .commits
        .iter()
        .map(|c| (c.date.as_str(), c.summary.as_str()))
        .collect();
    assert_eq!(
        commits,
        [
            ("2026-11-05", "Отчёты за месяц"),
            ("2026-11-02", "Вход по паролю")
        ]
    );
    assert!(second.starts_with(&refs.commits[0].name));
    assert!((7..40).contains(&refs.commits[0].name.len()));

    // Walk stage 1 to 2.6.
    for kind in [
        ActionKind::SubmitToTesting,
        ActionKind::PassTesting,
        ActionKind::FinishAdjustments,
    ] {
        crate::step(&mut store, p, kind, "").unwrap();
    }
    assert_eq!(store.project(p).unwrap().state.step, Step::StageAcceptance);
    let mut a = Acceptance {
        stage: 1,
        checks: vec![RequirementCheck {
            requirement: r1.clone(),
            verified: true,
            note: String::new(),
        }],
        code_ref: "v2.0".into(),
        accepted_on: "2026-12-16".into(),
        accepted_by: "Мария".into(),
    };
    // A tag and a hash that are not in the repository are refused in words.
    let e = store.save_acceptance(p, &a).unwrap_err();
    assert_eq!(e.code(), "code_ref_not_found");
    assert!(e.to_string().contains("no tag “v2.0”"), "{e}");
    a.code_ref = "deadbee".into();
    let e = store.save_acceptance(p, &a).unwrap_err();
    assert_eq!(e.code(), "code_ref_not_found");
    assert!(e.to_string().contains("no commit deadbee"), "{e}");
    assert_eq!(
        store.acceptance(p, 1).unwrap().code_ref,
        "",
        "nothing saved"
    );

    // An existing tag and a short hash are accepted.
    a.code_ref = "v1.0".into();
    store.save_acceptance(p, &a).unwrap();
    a.code_ref = second[..8].to_uppercase();
    assert_eq!(
        store.save_acceptance(p, &a).unwrap().code_ref,
        second[..8].to_uppercase()
    );

    // The tag the form saved is deleted before the stage is accepted: the guard says so.
    a.code_ref = "v1.0".into();
    store.save_acceptance(p, &a).unwrap();
    git(repo.path(), &["tag", "-d", "v1.0"]);
    let r = crate::development::refusal(&store, p, ActionKind::AcceptStage);
    assert_eq!(r.code, "code_ref_not_found");
    assert_eq!(
        store
            .advance(p, ActionKind::AcceptStage, "")
            .unwrap_err()
            .code(),
        "code_ref_not_found"
    );
    git(repo.path(), &["tag", "v1.0", &first]);
    let s = store.advance(p, ActionKind::AcceptStage, "").unwrap();
    assert_eq!((s.state.step, s.state.stage), (Step::Coding, 2));

    // A folder that is gone is still named, with the reason, so the form can show it.
    let moved = tempfile::tempdir().unwrap();
    let away = moved.path().join("moved");
    std::fs::rename(repo.path(), &away).unwrap();
    let refs = store.repository_refs(p).unwrap();
    assert_eq!(refs.folder, folder);
    assert!(refs.tags.is_empty() && refs.commits.is_empty());
    assert!(refs.problem.unwrap().en.contains("not a git repository"));
    std::fs::rename(&away, repo.path()).unwrap();

    // The folder can be cleared: the reference is then checked by its form only.
    assert_eq!(store.set_repository(p, "").unwrap(), "");
    assert!(store.repository_refs(p).unwrap().tags.is_empty());
}

#[test]
fn the_command_line_names_the_repository_and_lists_what_it_offers() {
    let data = tempfile::tempdir().unwrap();
    let etap = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_etap"))
            .arg("--data-dir")
            .arg(data.path())
            .args(args)
            .env_remove("ETAP_DATA_DIR")
            .env("LANG", "en_US.UTF-8")
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    assert!(etap(&["demo"]).0);
    let (ok, out, _) = etap(&["repository", "1"]);
    assert!(ok);
    assert!(
        out.contains("form only") || out.contains("по форме"),
        "{out}"
    );
    let plain = tempfile::tempdir().unwrap();
    let (ok, _, err) = etap(&["repository", "1", plain.path().to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("git"), "{err}");
    let repo = tempfile::tempdir().unwrap();
    repository(repo.path());
    let (ok, out, err) = etap(&["repository", "1", repo.path().to_str().unwrap()]);
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], repo.path().to_str().unwrap());
    assert!(
        lines[1].starts_with("tag\tv1.0\t2026-11-02\tВход по паролю"),
        "{out}"
    );
    assert!(lines[2].ends_with("\t2026-11-05\tОтчёты за месяц"), "{out}");
    assert_eq!(lines.len(), 4, "{out}");
}
