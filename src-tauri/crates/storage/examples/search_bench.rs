//! Search speed over many specifications: the FTS5 index searched by stem against a
//! plain `LIKE` scan of the same texts, measured in the same run.
//!
//! `cargo run --release -p etap-storage --example search_bench [PROJECTS] [RUNS]`

use std::time::Instant;

use etap_domain::spec_templates::Template;
use etap_domain::Lang;
use etap_storage::Store;

const WORDS: &[&str] = &[
    "система",
    "заказы",
    "клиент",
    "дилер",
    "счёт",
    "отчёт",
    "интеграция",
    "доступ",
    "пользователь",
    "роль",
    "журнал",
    "резервная",
    "копия",
    "сервер",
    "время",
    "ответа",
    "модуль",
    "каталог",
    "остатки",
    "оплата",
    "уведомление",
    "требование",
    "приёмка",
];

fn text(seed: usize, words: usize) -> String {
    (0..words)
        .map(|i| WORDS[(seed * 31 + i * 7 + i * i) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let projects: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let runs: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(30);
    let dir = std::env::temp_dir().join(format!("etap-search-bench-{}", std::process::id()));
    let mut store = Store::open_dir(&dir)?;
    let client = store.create_client("Клиент")?;
    for p in 0..projects {
        let id = store.create_project(client.id, &format!("Проект {p}"))?.id;
        let v = store.create_spec(id, Template::Gost34_602, Lang::Ru)?;
        let mut content = v.content.clone();
        for (i, s) in content.sections.iter_mut().enumerate() {
            s.body = text(p * 100 + i, 200);
            for (j, c) in s.children.iter_mut().enumerate() {
                c.body = text(p * 100 + i * 10 + j, 150);
            }
        }
        store.save_spec(v.id, &content)?;
    }
    let sections = projects * 14;
    let words = projects * (10 * 200 + 4 * 150);
    println!("{projects} specifications, {sections} sections, ~{words} words");

    for query in ["заказов", "резервную копию", "интеграции дилеров"]
    {
        let fts: Vec<f64> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                let hits = store.search_specs(query, 50).map(|h| h.len()).unwrap_or(0);
                assert!(hits > 0);
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        let like: Vec<f64> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                let n = store.like_scan_for_bench(query).unwrap_or(0);
                let _ = n;
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        println!(
            "{query:>22}: FTS5 by stem {:.2} ms (median of {runs}), LIKE scan {:.2} ms",
            median(fts),
            median(like)
        );
    }
    drop(store);
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
