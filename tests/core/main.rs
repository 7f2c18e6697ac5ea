//! Integration tests of the core library over temporary databases: the lifecycle
//! through storage, migrations and backups, the CLI binary and the IPC bindings.
//! One test binary with modules (cheaper to build than one per file).

mod architecture;
mod archive;
mod backups;
mod bindings;
mod charging;
mod cli;
mod crash;
mod dashboard;
mod deliver;
mod deployment;
mod development;
mod export;
mod gen;
mod hostile;
mod lifecycle_props;
mod old_databases;
mod plans;
mod preparation;
mod repository;
mod spec;
mod storage;
mod writers;

pub use deliver::{ready, step};
use etap_storage::Store;
use tempfile::TempDir;

/// A store in a fresh temporary data folder (kept alive by the returned guard).
/// A valid 4 × 2 red PNG (73 bytes), for logo uploads.
pub const TINY_PNG: &[u8] = b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x04\x00\x00\x00\x02\x08\x02\x00\x00\x00\xf0\xca\xea\x34\x00\x00\x00\x10\x49\x44\x41\x54\x78\x9c\x63\x38\x21\xa7\x01\x47\x0c\xc8\x1c\x00\x72\xca\x08\x71\x24\xed\xdf\x58\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

pub fn temp_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_dir(dir.path()).expect("open store");
    (dir, store)
}

/// A one-item estimate (10 h × 3 000 ₽) saved into the project's current version.
pub fn fill_estimate(store: &mut Store, project_id: i64) {
    use etap_domain::estimate::{EstimateItem, Hours};
    let card = store.estimate_card(project_id).expect("estimate card");
    let mut e = card.current.expect("an estimate version at 1.3").estimate;
    if e.items.is_empty() {
        e.items.push(EstimateItem {
            id: 0,
            key: 0,
            title: "Разработка".into(),
            requirement: String::new(),
            hours: Hours::Single { hours: 10.into() },
            rate: 3000.into(),
        });
        store
            .save_estimate(project_id, &e.draft())
            .expect("save estimate");
    }
}

/// [`Store::advance`], first filling what the step's guard needs: the estimate before
/// the offer, an approved specification at 1.5, a team member at 1.6, and the
/// delivery records of 2.1–3.3 ([`ready`]).
pub fn go(
    store: &mut Store,
    project_id: i64,
    kind: etap_domain::ActionKind,
) -> etap_domain::ProjectSummary {
    if kind == etap_domain::ActionKind::SendOffer {
        fill_estimate(store, project_id);
    }
    if kind == etap_domain::ActionKind::ApproveSpecification {
        approve_spec(store, project_id);
    }
    if kind == etap_domain::ActionKind::HandOverToTeam
        && store
            .team_card(project_id)
            .expect("team")
            .members
            .is_empty()
    {
        store
            .save_team_member(project_id, &freelancer())
            .expect("team member");
    }
    ready(store, project_id, kind);
    store.advance(project_id, kind, "").expect("allowed")
}

/// The text of a PDF as `pdftotext -layout` reads it, no-break spaces as spaces.
pub fn pdftotext(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by the test command");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ")
}

/// An approved specification for the project: the freelancer template with every
/// required section filled (once; later calls change nothing).
pub fn approve_spec(store: &mut Store, project_id: i64) {
    use etap_domain::spec::SpecStatus;
    use etap_domain::spec_templates::Template;
    let versions = store.spec_versions(project_id).expect("versions");
    if versions.iter().any(|v| v.status == SpecStatus::Approved) {
        return;
    }
    let v = match versions.into_iter().last() {
        Some(v) => v,
        None => store
            .create_spec(project_id, Template::Freelancer, etap_domain::Lang::Ru)
            .expect("create spec"),
    };
    let mut content = v.content.clone();
    for s in &mut content.sections {
        if s.required && s.body.trim().is_empty() {
            s.body = format!("Содержание раздела «{}».", s.title);
        }
    }
    store.save_spec(v.id, &content).expect("save spec");
    store.approve_spec(v.id, "Менеджер").expect("approve spec");
}

/// The preparation steps in order, each with the action that leaves it.
const MAIN_PATH: [etap_domain::ActionKind; 6] = [
    etap_domain::ActionKind::StartClarification,
    etap_domain::ActionKind::RequestEstimate,
    etap_domain::ActionKind::SendOffer,
    etap_domain::ActionKind::AcceptOffer,
    etap_domain::ActionKind::ApproveSpecification,
    etap_domain::ActionKind::HandOverToTeam,
];

/// Walks a new project along the main path (no loops) until it stands at `step`.
pub fn walk_to(store: &mut Store, project_id: i64, step: etap_domain::Step) {
    for kind in MAIN_PATH {
        if store.project(project_id).expect("project").state.step == step {
            return;
        }
        go(store, project_id, kind);
    }
    assert_eq!(store.project(project_id).expect("project").state.step, step);
}

/// One person in every role, as a freelancer is.
pub fn freelancer() -> etap_domain::preparation::TeamMember {
    etap_domain::preparation::TeamMember {
        id: 0,
        name: "Анна".into(),
        contact: String::new(),
        devops: true,
        developer: true,
        tester: true,
    }
}
