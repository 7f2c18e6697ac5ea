//! Renders the 20-page Russian ТЗ sample N times (default 30) and prints the median
//! and best time per render and of the layout stage alone, for profiling:
//! `cargo run --release -p etap-documents --example render_spec -- 30 [OUT.pdf]`.
//!
//! With `--no-layout` it only renders (one warm-up and N renders), so instruction
//! counts of two runs give one warm render:
//! `valgrind --tool=callgrind target/release/examples/render_spec 5 --no-layout`
//! minus the same with 1, divided by 4 (BENCHMARKS.md).

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let no_layout = args.iter().any(|a| a == "--no-layout");
    let mut rest = args.iter().filter(|a| !a.starts_with("--"));
    let n: usize = rest.next().and_then(|a| a.parse().ok()).unwrap_or(30);
    let out = rest.next();
    let spec = etap_documents::samples::spec_ru();
    let mut pdf = etap_documents::spec::render(&spec).expect("render");
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        pdf = etap_documents::spec::render(&spec).expect("render");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    if let Some(out) = out {
        std::fs::write(out, &pdf).expect("write");
    }
    report(&format!("{n} renders"), times);
    println!("{} bytes", pdf.len());
    if no_layout {
        return;
    }
    // The layout stage alone (what the rest of the render time is not).
    let geom = etap_documents::layout::Geometry::a4();
    let mut layout_times = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        std::hint::black_box(etap_documents::spec::lay_out(&spec, &geom));
        layout_times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    report("  of which layout", layout_times);
}

fn report(what: &str, mut times: Vec<f64>) {
    times.sort_by(f64::total_cmp);
    if let (Some(best), Some(median)) = (times.first(), times.get(times.len() / 2)) {
        println!("{what}: median {median:.2} ms, best {best:.2} ms");
    }
}
