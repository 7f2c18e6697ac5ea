//! The app's lists at a studio's scale: generates N projects (`etap_export::gen`, the
//! generator behind `etap gen-data`) and times what the window asks for — the
//! dashboard's project list, a project page, a full-text search by stem with
//! snippets (first page), the diff of two large ТЗ versions, a project's document
//! register.
//!
//! `cargo run --release -p etap-export --example scale_bench -- PROJECTS [RUNS]`
//! (`ETAP_BENCH_DIR=DIR` keeps the data folder: a second run with the same N reuses it.)

use std::path::PathBuf;
use std::time::Instant;

use etap_storage::Store;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut out = f();
    let mut v = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        out = f();
        v.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    (median(v), out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let projects: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(30);
    let (dir, keep) = match std::env::var_os("ETAP_BENCH_DIR") {
        Some(d) => (PathBuf::from(d), true),
        None => (
            std::env::temp_dir().join(format!("etap-scale-bench-{}", std::process::id())),
            false,
        ),
    };
    let mut store = Store::open_dir(&dir)?;
    let have = store.projects()?.len() as u64;
    if have == 0 {
        let t = Instant::now();
        let g = etap_export::gen::generate(
            &mut store,
            &etap_export::documents_dir(&dir),
            projects,
            1,
            |n| {
                if n % 100 == 0 {
                    eprintln!("{n}/{projects} ({:.0} s)", t.elapsed().as_secs_f64());
                }
            },
        )?;
        println!(
            "generated in {:.1} s: {} projects, {} transitions, {} requirements, {} bugs, {} documents",
            t.elapsed().as_secs_f64(),
            g.projects,
            g.transitions,
            g.requirements,
            g.bugs,
            g.documents
        );
    } else {
        println!("reusing {have} projects in {}", dir.display());
    }
    let db = std::fs::metadata(dir.join(etap_storage::DB_FILE))?.len();
    println!("database {:.1} MB", db as f64 / 1e6);

    let (ms, list) = time(runs, || store.projects().unwrap());
    println!("dashboard list, all {} projects: {ms:.3} ms", list.len());
    let (ms, page) = time(runs, || store.projects_page(0, 50).unwrap());
    println!(
        "dashboard list, first page ({} of {}): {ms:.3} ms",
        page.items.len(),
        page.total
    );
    let last = page.total.saturating_sub(50);
    let (ms, page) = time(runs, || store.projects_page(last, 50).unwrap());
    println!(
        "dashboard list, last page ({} of {}): {ms:.3} ms",
        page.items.len(),
        page.total
    );
    // The window's dashboard: every project's deadlines judged, filtered and sorted;
    // history, options and money read for the page shown.
    use etap_domain::dashboard::{DashboardQuery, DashboardSort};
    let shown = |q: &DashboardQuery| {
        let d = store.dashboard(q).unwrap();
        (d.rows.len(), d.matched, d.week.len())
    };
    let first = DashboardQuery::default();
    let (ms, (n, matched, week)) = time(runs, || shown(&first));
    println!("dashboard command, first page ({n} of {matched}, {week} due this week): {ms:.3} ms");
    let by_deadline = DashboardQuery {
        sort: DashboardSort::Deadline,
        ..Default::default()
    };
    let (ms, (n, matched, _)) = time(runs, || shown(&by_deadline));
    println!("dashboard by deadline, first page ({n} of {matched}): {ms:.3} ms");
    let last_page = DashboardQuery {
        offset: matched.saturating_sub(50),
        ..Default::default()
    };
    let (ms, (n, _, _)) = time(runs, || shown(&last_page));
    println!("dashboard, last page ({n} rows): {ms:.3} ms");
    let found = DashboardQuery {
        text: "портал".into(),
        ..Default::default()
    };
    let (ms, (n, matched, _)) = time(runs, || shown(&found));
    println!("dashboard, «портал» typed ({n} of {matched}): {ms:.3} ms");
    // Where a page's time goes: the per-row reads of the 50 rows shown.
    let page_ids: Vec<i64> = store
        .dashboard(&first)
        .unwrap()
        .rows
        .iter()
        .map(|r| r.project.id)
        .collect();
    let open: Vec<i64> = store
        .dashboard(&first)
        .unwrap()
        .rows
        .iter()
        .filter(|r| r.next_action.is_some())
        .map(|r| r.project.id)
        .collect();
    let active = open.len();
    let (ms, _) = time(runs, || {
        for id in &open {
            store.facts(*id).unwrap();
        }
    });
    println!("  of which the guards' facts of the {active} open rows of 50: {ms:.3} ms");
    let (ms, _) = time(runs, || {
        for id in &page_ids {
            store.history(*id).unwrap();
        }
    });
    println!("  of which the history of 50 rows: {ms:.3} ms");
    let (ms, _) = time(runs, || {
        for id in &page_ids {
            store.receivables(*id).unwrap();
        }
    });
    println!("  of which the money of 50 rows: {ms:.3} ms");
    let (ms, bytes) = time(runs, || {
        serde_json::to_string(&store.dashboard(&first).unwrap())
            .unwrap()
            .len()
    });
    println!("dashboard command in process (answer {bytes} B of JSON): {ms:.3} ms");
    let (ms, clients) = time(runs, || store.clients().unwrap());
    println!(
        "client list (new-project form, {} clients): {ms:.3} ms",
        clients.len()
    );
    // What a command costs in process: the call and the JSON its answer crosses IPC as.
    let (ms, bytes) = time(runs, || {
        serde_json::to_string(&store.projects_page(0, 50).unwrap())
            .unwrap()
            .len()
    });
    println!("projects_page command in process (answer {bytes} B of JSON): {ms:.3} ms");

    // The project with the longest history, and the largest ТЗ with two versions.
    let busiest = list
        .iter()
        .map(|p| (store.history(p.id).unwrap().len(), p.id))
        .max()
        .map(|(_, id)| id)
        .unwrap_or(1);
    let (ms, pp) = time(runs, || store.project_page(busiest).unwrap());
    println!(
        "project page (#{busiest}, {} transitions): {ms:.3} ms",
        pp.history.len()
    );
    let (ms, bytes) = time(runs, || {
        serde_json::to_string(&store.project_page(busiest).unwrap())
            .unwrap()
            .len()
    });
    println!("project_page command in process (answer {bytes} B of JSON): {ms:.3} ms");
    let (ms, docs) = time(runs, || store.issued_documents(busiest).unwrap());
    println!(
        "document register of #{busiest} ({} documents): {ms:.3} ms",
        docs.len()
    );

    for q in ["заказов", "резервное копирование", "export", "1С"] {
        let (ms, page) = time(runs, || store.search_page(q, 0, 20).unwrap());
        println!(
            "search «{q}», first page ({} hits shown, more: {}): {ms:.3} ms",
            page.hits.len(),
            page.more
        );
        let (ms, page) = time(runs, || store.search_page(q, 200, 20).unwrap());
        println!(
            "search «{q}», page 11 ({} hits): {ms:.3} ms",
            page.hits.len()
        );
    }

    let pair = list.iter().find_map(|p| {
        let v = store.spec_versions(p.id).ok()?;
        (v.len() >= 2).then(|| (v[0].id, v[1].id, v[0].outline.len()))
    });
    if let Some((a, b, _)) = pair {
        let reqs = store.spec_version(a)?.content.requirement_ids().len();
        let (ms, d) = time(runs, || store.spec_diff(a, b).unwrap());
        let _ = d;
        println!("ТЗ diff v1 → v2 ({reqs} requirements): {ms:.3} ms");
    }
    drop(store);
    if !keep {
        std::fs::remove_dir_all(&dir)?;
    }
    Ok(())
}
