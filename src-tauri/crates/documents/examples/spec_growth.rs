//! How rendering a ТЗ grows with its size: the 20-page sample against the same
//! content ten times over (~200 pages), and one requirements table of 500, 1,000 and
//! 2,000 rows — median wall time of several renders and the peak heap a render takes
//! (a counting allocator: bytes live at the peak minus bytes live before it).
//!
//! `cargo run --release -p etap-documents --example spec_growth -- [RUNS] [OUT_DIR]`
//! (OUT_DIR keeps the 200-page and the 2,000-row PDFs, to check with pdftotext.)

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use etap_documents::model::{Content, Priority, Requirement, Section, Spec};
use etap_documents::samples;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            let now = LIVE.fetch_add(l.size(), Ordering::Relaxed) + l.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn pages(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf)
        .map(|d| d.get_pages().len())
        .unwrap_or(0)
}

/// Median ms, peak heap MB and pages of rendering `spec` `runs` times.
fn measure(spec: &Spec, runs: usize) -> (f64, f64, usize, Vec<u8>) {
    let mut pdf = etap_documents::spec::render(spec).expect("render");
    let mut times = Vec::new();
    let mut peak = 0usize;
    for _ in 0..runs {
        let base = LIVE.load(Ordering::Relaxed);
        PEAK.store(base, Ordering::Relaxed);
        let t = Instant::now();
        pdf = etap_documents::spec::render(spec).expect("render");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        peak = peak.max(PEAK.load(Ordering::Relaxed) - base);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let n = pages(&pdf);
    (times[times.len() / 2], peak as f64 / 1e6, n, pdf)
}

fn times_over(spec: &Spec, k: usize) -> Spec {
    let mut big = spec.clone();
    big.sections = (0..k)
        .flat_map(|i| {
            spec.sections.iter().cloned().map(move |mut s| {
                s.title = format!("{} ({})", s.title, i + 1);
                s
            })
        })
        .collect();
    big
}

fn table(spec: &Spec, rows: usize) -> Spec {
    let mut t = spec.clone();
    let mut s = Section::new("Требования к функциям");
    s.content.push(Content::Requirements(
        (1..=rows)
            .map(|i| Requirement {
                id: format!("ТР-4.2.{i}"),
                text: format!(
                    "Система должна обеспечивать выгрузку заказов № {i} по заданному фильтру в формате Excel."
                ),
                priority: if i % 3 == 0 { Priority::Should } else { Priority::Must },
                acceptance: "Проверяется на тестовой базе из 10 000 записей.".into(),
            })
            .collect(),
    ));
    t.sections = vec![s];
    t
}

fn main() {
    let mut args = std::env::args().skip(1);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let out = args.next().map(std::path::PathBuf::from);
    let base = samples::spec_ru();
    let (ms1, mb1, p1, _) = measure(&base, runs);
    println!("ТЗ sample: {p1} pages, {ms1:.1} ms, peak heap {mb1:.1} MB");
    let big = times_over(&base, 10);
    let (ms10, mb10, p10, pdf) = measure(&big, runs.div_ceil(2));
    println!(
        "ТЗ ×10: {p10} pages, {ms10:.1} ms, peak heap {mb10:.1} MB — time ×{:.2}, memory ×{:.2} for pages ×{:.2}",
        ms10 / ms1,
        mb10 / mb1,
        p10 as f64 / p1 as f64
    );
    if let Some(dir) = &out {
        std::fs::create_dir_all(dir).expect("out dir");
        std::fs::write(dir.join("spec-x10.pdf"), &pdf).expect("write");
    }
    let mut first: Option<(f64, usize)> = None;
    for rows in [500, 1000, 2000] {
        let (ms, mb, p, pdf) = measure(&table(&base, rows), runs.div_ceil(2));
        let per_row = ms * 1000.0 / rows as f64;
        let growth = first
            .map(|(m, r)| {
                format!(
                    ", time ×{:.2} for rows ×{:.0}",
                    ms / m,
                    rows as f64 / r as f64
                )
            })
            .unwrap_or_default();
        first.get_or_insert((ms, rows));
        println!("table of {rows} rows: {p} pages, {ms:.1} ms ({per_row:.1} µs a row), peak heap {mb:.1} MB{growth}");
        if let (Some(dir), 2000) = (&out, rows) {
            std::fs::write(dir.join("table-2000.pdf"), &pdf).expect("write");
        }
    }
}
