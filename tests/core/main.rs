//! Integration tests of the core library over temporary databases: the lifecycle
//! through storage, migrations and backups, the CLI binary and the IPC bindings.
//! One test binary with modules (cheaper to build than one per file).

mod architecture;
mod bindings;
mod cli;
mod export;
mod lifecycle_props;
mod preparation;
mod spec;
mod storage;

use etap_storage::Store;
use tempfile::TempDir;

/// A store in a fresh temporary data folder (kept alive by the returned guard).
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
            title: "Разработка".into(),
            requirement: String::new(),
            hours: Hours::Single { hours: 10.into() },
            rate: 3000.into(),
        });
        store.save_estimate(project_id, &e).expect("save estimate");
    }
}

/// [`Store::advance`], filling the estimate first when the offer is about to be sent.
pub fn go(
    store: &mut Store,
    project_id: i64,
    kind: etap_domain::ActionKind,
) -> etap_domain::ProjectSummary {
    if kind == etap_domain::ActionKind::SendOffer {
        fill_estimate(store, project_id);
    }
    store.advance(project_id, kind, "").expect("allowed")
}
