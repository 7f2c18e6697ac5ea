//! Benchmark (not a test) of the pages view's core side: the 20-page Russian ТЗ
//! sample laid out as printed (`spec::printed`: layout, footers, draft watermark) and
//! the page under the cursor turned into a display list and serialised to the JSON the
//! window receives — what one redraw after a pause in typing costs before the window
//! draws. Each run changes one word of a section in the middle, as typing does.
//!
//! Run: `cargo run --release -p etap-documents --example pages_bench`
//! Results go to BENCHMARKS.md by hand, with the machine they were taken on.

use std::time::{Duration, Instant};

use etap_documents::display;
use etap_documents::model::Content;
use etap_documents::samples;

const RUNS: usize = 40;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn main() {
    let base = samples::spec_ru();
    let middle = base.sections.len() / 2;
    let mut total = Vec::new();
    let mut layout = Vec::new();
    let mut bytes = 0;
    let mut pages = 0;
    let mut runs_on_page = 0;
    for run in 0..RUNS + 3 {
        let mut spec = base.clone();
        spec.draft = true;
        // The text "typed": one more paragraph in the middle section.
        spec.sections[middle]
            .content
            .push(Content::Para(format!("Правка номер {run}: слово {run}.")));
        let start = Instant::now();
        let (laid, headings, geom) = etap_documents::spec::printed(&spec);
        let laid_out = start.elapsed();
        let focus = etap_documents::spec::page_in_section(&laid, &headings, middle, 0);
        let view = display::view(&laid, &geom, focus, Vec::new(), &[]);
        let json = serde_json::to_vec(&view).expect("serialise");
        let elapsed = start.elapsed();
        if run >= 3 {
            total.push(elapsed);
            layout.push(laid_out);
        }
        bytes = json.len();
        pages = laid.pages.len();
        runs_on_page = view.pages.first().map_or(0, |p| p.texts.len());
    }
    total.sort();
    layout.sort();
    println!("20-page ТЗ sample: {pages} pages; page under the cursor: {runs_on_page} text runs, {bytes} bytes of JSON");
    println!(
        "layout (printed): median {:.1} ms, p95 {:.1} ms",
        ms(percentile(&layout, 0.5)),
        ms(percentile(&layout, 0.95))
    );
    println!(
        "layout + display list + JSON of the page under the cursor: median {:.1} ms, p95 {:.1} ms ({RUNS} runs)",
        ms(percentile(&total, 0.5)),
        ms(percentile(&total, 0.95))
    );
}
