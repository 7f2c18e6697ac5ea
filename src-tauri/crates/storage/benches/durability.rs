//! What `synchronous=FULL` costs per save against `NORMAL`, in the same run on the
//! same disk: a committed estimate save and a committed transition, each timed
//! alone (median and 90th percentile of `ETAP_BENCH_SAVES`, default 200).
//!
//! `cargo bench -p etap-storage --bench durability`
//!
//! The database lives in a temporary folder under `ETAP_BENCH_DIR` (default: the
//! system's temporary folder) — point it at the disk the app's data folder is on.

use std::time::{Duration, Instant};

use etap_domain::estimate::{EstimateItem, Hours};
use etap_domain::ActionKind;
use etap_storage::Store;

fn main() {
    let saves: usize = std::env::var("ETAP_BENCH_SAVES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let base = std::env::var_os("ETAP_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    println!(
        "{saves} saves of each kind, database under {}",
        base.display()
    );
    println!("| synchronous | estimate save, median | p90 | transition, median | p90 |");
    println!("|---|---|---|---|---|");
    // Twice each, interleaved, so a disk warming up or a neighbour's burst does not
    // favour one level.
    for level in ["NORMAL", "FULL", "NORMAL", "FULL"] {
        let dir = tempfile::tempdir_in(&base).expect("temp dir");
        let mut store = Store::open_dir(dir.path()).expect("open");
        store.set_synchronous(level).expect("pragma");
        let estimate = estimate_saves(&mut store, saves);
        let transitions = transitions(&mut store, saves);
        println!(
            "| {level} | {} | {} | {} | {} |",
            ms(median(&estimate)),
            ms(p90(&estimate)),
            ms(median(&transitions)),
            ms(p90(&transitions))
        );
    }
}

/// One project at 1.3; each save changes the item's hours, as typing does.
fn estimate_saves(store: &mut Store, n: usize) -> Vec<Duration> {
    let client = store.create_client("ООО «Замер»").expect("client");
    let p = store.create_project(client.id, "Замер").expect("project");
    store
        .advance(p.id, ActionKind::StartClarification, "")
        .expect("1.2");
    store
        .advance(p.id, ActionKind::RequestEstimate, "")
        .expect("1.3");
    let mut e = store
        .estimate_card(p.id)
        .expect("card")
        .current
        .expect("version")
        .estimate;
    e.items.push(EstimateItem {
        id: 0,
        key: 0,
        title: "Разработка".into(),
        requirement: String::new(),
        hours: Hours::Single { hours: 1.into() },
        rate: 3000.into(),
    });
    let card = store.save_estimate(p.id, &e.draft()).expect("save");
    let mut e = card.current.expect("version").estimate;
    (0..n)
        .map(|i| {
            e.items[0].hours = Hours::Single {
                hours: (i as i64 + 2).into(),
            };
            let draft = e.draft();
            let t = Instant::now();
            store.save_estimate(p.id, &draft).expect("save");
            t.elapsed()
        })
        .collect()
}

/// A new project per sample (not timed), then its first transition 1.1 → 1.2.
fn transitions(store: &mut Store, n: usize) -> Vec<Duration> {
    let client = store.create_client("ООО «Переход»").expect("client");
    (0..n)
        .map(|i| {
            let p = store
                .create_project(client.id, &format!("Проект {i}"))
                .expect("project");
            let t = Instant::now();
            store
                .advance(p.id, ActionKind::StartClarification, "")
                .expect("transition");
            t.elapsed()
        })
        .collect()
}

fn median(d: &[Duration]) -> Duration {
    let mut d = d.to_vec();
    d.sort();
    d[d.len() / 2]
}

fn p90(d: &[Duration]) -> Duration {
    let mut d = d.to_vec();
    d.sort();
    d[d.len() * 9 / 10]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}
